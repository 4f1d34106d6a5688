"""A self-contained HTML report: inline CSS and SVG, no script, no network.

Rendered with jinja2 with autoescaping on for every field; links are kept only for
``http``/``https`` URLs (anything else is shown as text).  Charts are computed here as
plain geometry and drawn by the template as inline SVG.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Sequence
from typing import Any

import jinja2
from attrs import frozen

from prevcat import __version__
from prevcat.compare.coverage import label
from prevcat.compare.model import Comparison, Coverage, EvidenceProfile
from prevcat.render.document import SUMMARY_HEADER, city_summary_rows, percent, rating_text, unique_ratings

#: colours of the evidence-profile categories (ColorBrewer-like, readable in greyscale order)
CATEGORY_COLOURS: dict[str, str] = {
    "well_established": "#1b7837",
    "effective": "#5aae61",
    "promising": "#a6dba0",
    "theory_based": "#d9f0d3",
    "insufficient": "#e0e0e0",
    "no_effect": "#f4a582",
    "harmful": "#ca0020",
    "not_on_scale": "#c2a5cf",
    "unrated": "#bababa",
    "local": "#92c5de",
    "ambiguous": "#fddbc7",
}

GAP_COLOUR = "#fbe3df"
HEAT = ("#d9f0d3", "#a6dba0", "#5aae61", "#1b7837")


def heat_colour(count: int) -> str:
    """A cell's fill: a light red for a gap, then greens darkening with the count."""
    if count <= 0:
        return GAP_COLOUR
    return HEAT[min(count, len(HEAT)) - 1]


def text_colour(count: int) -> str:
    return "#ffffff" if count >= 3 else "#222222"


@frozen
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    text: str
    title: str
    text_fill: str = "#222222"


@frozen
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"
    rotate: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        """The text in at most two lines (split at the middle space when longer than 12 characters)."""
        words = self.text.split()
        if len(self.text) <= 12 or len(words) < 2:
            return (self.text,)
        best = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(self.text) / 2))
        return (" ".join(words[:best]), " ".join(words[best:]))


@frozen
class Chart:
    width: float
    height: float
    rects: tuple[Rect, ...]
    labels: tuple[Label, ...]
    title: str


CELL_W, CELL_H, LEFT, TOP = 62.0, 26.0, 132.0, 112.0


def heatmap(cov: Coverage) -> Chart:
    """Prevention level (rows) × setting (columns), counts in cells, gaps light red."""
    rects: list[Rect] = []
    labels: list[Label] = []
    for j, setting in enumerate(cov.settings):
        labels.append(Label(LEFT + j * CELL_W + CELL_W / 2, TOP - 8, label(setting), rotate=True))
    for i, level in enumerate(cov.levels):
        labels.append(Label(LEFT - 8, TOP + i * CELL_H + CELL_H / 2 + 4, label(level), anchor="end"))
        for j, setting in enumerate(cov.settings):
            cell = cov.cell(level, setting)
            names = "; ".join(cell.methods) if cell.methods else "gap: no method"
            rects.append(Rect(
                LEFT + j * CELL_W, TOP + i * CELL_H, CELL_W - 2, CELL_H - 2, heat_colour(cell.count),
                str(cell.count), f"{label(level)} × {label(setting)}: {names}", text_colour(cell.count),
            ))
    width = LEFT + len(cov.settings) * CELL_W + 90  # room for the last rotated label
    height = TOP + len(cov.levels) * CELL_H + 10
    return Chart(width, height, tuple(rects), tuple(labels), f"Coverage of {cov.city}")


def strip(cov: Coverage) -> Chart:
    """Age bands, substances and domains as one row of cells each."""
    rows = (("ages", cov.ages), ("substances", cov.substances), ("domains", cov.domains))
    rects: list[Rect] = []
    labels: list[Label] = []
    width = 0.0
    row_h = CELL_H + 40
    for i, (name, cells) in enumerate(rows):
        y = 8 + i * row_h
        labels.append(Label(LEFT - 8, y + 34 + CELL_H / 2 + 4, name, anchor="end"))
        for j, cell in enumerate(cells):
            x = LEFT + j * (CELL_W + 16)
            labels.append(Label(x + CELL_W / 2 + 4, y + 12, label(cell.column), anchor="middle"))
            names = "; ".join(cell.methods) if cell.methods else "gap: no method"
            rects.append(Rect(x, y + 34, CELL_W + 8, CELL_H - 2, heat_colour(cell.count), str(cell.count),
                              f"{label(cell.column)}: {names}", text_colour(cell.count)))
            width = max(width, x + CELL_W + 24)
    return Chart(width, 8 + len(rows) * row_h, tuple(rects), tuple(labels), f"Coverage of {cov.city}")


BAR_LEFT, BAR_W, BAR_H = 120.0, 640.0, 24.0


def profile_bars(profiles: tuple[EvidenceProfile, ...]) -> Chart:
    """One stacked horizontal bar per city: its methods by evidence category."""
    rects: list[Rect] = []
    labels: list[Label] = []
    most = max((p.total for p in profiles), default=1) or 1
    for i, profile in enumerate(profiles):
        y = 10 + i * (BAR_H + 10)
        labels.append(Label(BAR_LEFT - 8, y + BAR_H / 2 + 4, profile.city, anchor="end"))
        x = BAR_LEFT
        for count in profile.counts:
            if not count.count:
                continue
            w = BAR_W * count.count / most
            rects.append(Rect(x, y, w, BAR_H, CATEGORY_COLOURS[count.category],
                              str(count.count) if w >= 14 else "",
                              f"{profile.city}: {count.label}: {count.count}",
                              "#ffffff" if count.category in ("well_established", "harmful") else "#222222"))
            x += w
        labels.append(Label(x + 6, y + BAR_H / 2 + 4, f"{profile.total} ({percent(profile.effective_share)} "
                                                       "effective+)"))
    height = 20 + len(profiles) * (BAR_H + 10)
    return Chart(BAR_LEFT + BAR_W + 160, height, tuple(rects), tuple(labels), "Evidence profiles")


def host(url: str) -> str:
    """The host of a URL, for short link text: ``www.blueprintsprograms.org``."""
    return urllib.parse.urlsplit(url).netloc or url


def safe_url(value: Any) -> str | None:
    """The URL when it is http(s), else None (shown as text, never as a link)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("prevcat.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["label"] = label
    env.filters["percent"] = percent
    env.filters["rating_text"] = rating_text
    env.filters["safe_url"] = safe_url
    env.filters["unique_ratings"] = unique_ratings
    env.filters["host"] = host
    env.globals["heat_colour"] = heat_colour
    return env


ENV = _environment()


def render_html(
    comparison: Comparison,
    *,
    title: str | None = None,
    max_recommendations: int | None = None,
    focus: Sequence[str] | None = None,
) -> str:
    """The comparison as one self-contained HTML page (per-city sections only for ``focus``, if given)."""
    names = [c.name for c in comparison.cities]
    template = ENV.get_template("report.html.j2")
    return template.render(
        title=title or "Portfolio comparison: " + ", ".join(names),
        comparison=comparison,
        summary_header=SUMMARY_HEADER,
        summary_rows=city_summary_rows(comparison),
        bars=profile_bars(comparison.profiles),
        categories=[(c.category, c.label, CATEGORY_COLOURS[c.category])
                    for c in (comparison.profiles[0].counts if comparison.profiles else ())],
        heatmaps={cov.city: (heatmap(cov), strip(cov)) for cov in comparison.coverage},
        max_recommendations=max_recommendations,
        generated=dt.date.today().isoformat(),
        version=__version__,
        gap_colour=GAP_COLOUR,
        heat=HEAT,
        focus=tuple(focus) if focus is not None else None,
        jaccard=_jaccard_matrix(comparison),
    )


def _jaccard_matrix(comparison: Comparison) -> list[list[float]]:
    names = list(comparison.shared.cities)
    out = [[1.0] * len(names) for _ in names]
    for pair in comparison.shared.pairs:
        i, j = names.index(pair.a), names.index(pair.b)
        out[i][j] = out[j][i] = pair.jaccard
    return out
