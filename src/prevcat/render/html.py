"""A self-contained HTML report: inline CSS and SVG, no script, no network; in English, Swedish or
Norwegian (bokmål).

Rendered with jinja2 with autoescaping on for every field and its i18n extension over the
gettext catalogues of :mod:`prevcat.render.i18n`; links are kept only for ``http``/``https``
URLs (anything else is shown as text).  Charts are computed here as plain geometry and drawn
by the template as inline SVG.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import urllib.parse
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any

import jinja2
from attrs import frozen

from prevcat.compare.coverage import LEVELS, label
from prevcat.compare.model import Comparison, Coverage, EvidenceProfile, Factor, SourcedRating
from prevcat.compare.registries import REGION_NAMES, country_name, language_name
from prevcat.render.document import percent, rating_text, unique_ratings
from prevcat.render.i18n import LANGUAGES, language_for, translations

Translate = Callable[[str], str]


def _version() -> str:
    try:
        return metadata.version("prevcat")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


def _same(text: str) -> str:
    return text

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
NOT_APPLICABLE = "#f2f2f2"
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


def heatmap(cov: Coverage, t: Translate = _same) -> Chart:
    """Strategy level (rows) × setting (columns) of the gap framework: counts in cells, gaps light red,
    cells that mean nothing in a plan grey and empty."""
    rects: list[Rect] = []
    labels: list[Label] = []
    for j, setting in enumerate(cov.settings):
        labels.append(Label(LEFT + j * CELL_W + CELL_W / 2, TOP - 8, t(label(setting)), rotate=True))
    for i, level in enumerate(cov.levels):
        labels.append(Label(LEFT - 8, TOP + i * CELL_H + CELL_H / 2 + 4, t(label(level)), anchor="end"))
        for j, setting in enumerate(cov.settings):
            cell = cov.cell(level, setting)
            where = f"{t(label(level))} × {t(label(setting))}"
            if not cell.applicable:
                rects.append(Rect(LEFT + j * CELL_W, TOP + i * CELL_H, CELL_W - 2, CELL_H - 2, NOT_APPLICABLE,
                                  "", f"{where}: {t('not a cell of the framework')}"))
                continue
            names = "; ".join(cell.methods) if cell.methods else t("gap: no method")
            rects.append(Rect(
                LEFT + j * CELL_W, TOP + i * CELL_H, CELL_W - 2, CELL_H - 2, heat_colour(cell.count),
                str(cell.count), f"{where}: {names}", text_colour(cell.count),
            ))
    width = LEFT + len(cov.settings) * CELL_W + 90  # room for the last rotated label
    height = TOP + len(cov.levels) * CELL_H + 10
    return Chart(width, height, tuple(rects), tuple(labels), t("Coverage") + f": {cov.city}")


def strip(cov: Coverage, t: Translate = _same) -> Chart:
    """Age bands, substances and the plan's domains as one row of cells each."""
    rows = (("ages", cov.ages), ("substances", cov.substances),
            ("domains", tuple(c for c in cov.domains if c.applicable)))
    rects: list[Rect] = []
    labels: list[Label] = []
    width = 0.0
    row_h = CELL_H + 40
    for i, (name, cells) in enumerate(rows):
        y = 8 + i * row_h
        labels.append(Label(LEFT - 8, y + 34 + CELL_H / 2 + 4, t(name), anchor="end"))
        for j, cell in enumerate(cells):
            x = LEFT + j * (CELL_W + 16)
            labels.append(Label(x + CELL_W / 2 + 4, y + 12, t(label(cell.column)), anchor="middle"))
            names = "; ".join(cell.methods) if cell.methods else t("gap: no method")
            rects.append(Rect(x, y + 34, CELL_W + 8, CELL_H - 2, heat_colour(cell.count), str(cell.count),
                              f"{t(label(cell.column))}: {names}", text_colour(cell.count)))
            width = max(width, x + CELL_W + 24)
    return Chart(width, 8 + len(rows) * row_h, tuple(rects), tuple(labels), t("Coverage") + f": {cov.city}")


def shared_bars(comparison: Comparison, t: Translate = _same) -> Chart:
    """Per city: methods it shares with at least one compared city, and methods only it uses."""
    rects: list[Rect] = []
    labels: list[Label] = []
    shared_keys = {m.key for m in comparison.shared.methods if len(m.cities) > 1}
    counts = []
    for city in comparison.cities:
        keys = {m.key for m in city.methods if m.kind.value != "ambiguous"}
        counts.append((city.name, len(keys & shared_keys), len(keys - shared_keys)))
    most = max((a + b for _, a, b in counts), default=1) or 1
    for i, (name, both, own) in enumerate(counts):
        y = 10 + i * (BAR_H + 10)
        labels.append(Label(BAR_LEFT - 8, y + BAR_H / 2 + 4, name, anchor="end"))
        x = BAR_LEFT
        for count, colour, what in ((both, "#5aae61", t("shared with a compared city")),
                                    (own, "#92c5de", t("only this city"))):
            if not count:
                continue
            w = BAR_W * count / most
            text = str(count) if w >= 14 else ""
            rects.append(Rect(x, y, w, BAR_H, colour, text, f"{name}: {what}: {count}"))
            x += w
    height = 20 + len(counts) * (BAR_H + 10)
    return Chart(BAR_LEFT + BAR_W + 40, height, tuple(rects), tuple(labels), t("Methods shared with peers"))


BAR_LEFT, BAR_W, BAR_H = 120.0, 640.0, 24.0


def profile_bars(profiles: tuple[EvidenceProfile, ...], t: Translate = _same) -> Chart:
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
                              f"{profile.city}: {t(count.label)}: {count.count}",
                              "#ffffff" if count.category in ("well_established", "harmful") else "#222222"))
            x += w
        labels.append(Label(x + 6, y + BAR_H / 2 + 4,
                            f"{profile.total} ({percent(profile.effective_share)} {t('effective+')})"))
    height = 20 + len(profiles) * (BAR_H + 10)
    return Chart(BAR_LEFT + BAR_W + 160, height, tuple(rects), tuple(labels), t("Evidence profiles"))


def host(url: str) -> str:
    """The host of a URL, for short link text: ``www.blueprintsprograms.org``."""
    return urllib.parse.urlsplit(url).netloc or url


def safe_url(value: Any) -> str | None:
    """The URL when it is http(s), else None (shown as text, never as a link)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def plain_rating(rating: SourcedRating, t: Translate = _same) -> str:
    """``Blueprints (US): Promising — 3 of 5 on the common scale``, in the report's language."""
    where = f" ({rating.registry_country})" if rating.registry_country else ""
    database = rating.rating.database
    quoting = (" " + t("quoting") + f" {database}") if database and not _own_list(rating) else ""
    level = rating.rating.level
    if level is None:
        step = t("not placed on the common scale")
    elif level.rank < 2:
        step = t(level.label) + ", " + t("below the common scale")
    else:
        step = t("%(step)s of 5 on the common scale") % {"step": level.rank - 1}
    return f"{rating.registry_name}{where}{quoting}: {rating.rating.label} — {step}"


_STEP = re.compile(r"(\d) of 5 on the common scale")
_QUOTING = re.compile(r"\) quoting ")


def _translate_value(key: str, value: str, t: Translate) -> str:
    """A factor's value in the report's language: names of levels, countries and regions translated,
    and the common-scale wording inside quoted ratings."""
    if key in ("level", "country", "region", "language"):
        return t(value)
    if key == "gaps":
        return ", ".join(_gap_text(gap, t) for gap in value.split(", "))
    value = _STEP.sub(lambda m: t("%(step)s of 5 on the common scale") % {"step": m.group(1)}, value)
    value = value.replace("below the common scale", t("below the common scale"))
    return _QUOTING.sub(") " + t("quoting") + " ", value)


def _own_list(rating: SourcedRating) -> bool:
    """True when the rating's database is the registry's own (NJi's databank at NJi)."""
    database = (rating.rating.database or "").casefold()
    return bool(database) and database in rating.registry_name.casefold()


def factor_text(factor: Factor, t: Translate = _same) -> str:
    """A recommendation's factor in the report's language (its message id is the English template)."""
    values = {k: _translate_value(k, v, t) for k, v in factor.values}
    try:
        return str(t(factor.message).format(**values))
    except (KeyError, IndexError, ValueError):
        return factor.text


def term(value: object, t: Translate = _same) -> str:
    """A vocabulary value (an enum or its value) as a translated label: ``tidiga insatser``."""
    raw = value.value if isinstance(value, enum.Enum) else str(value)
    if ".." in raw:
        return "..".join(t(label(part)) for part in raw.split(".."))
    return t(label(raw))


@functools.cache
def environment(lang: str = "en") -> jinja2.Environment:
    """The jinja2 environment of one report language (cached)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("prevcat.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    trans = translations(lang)
    env.install_gettext_translations(trans, newstyle=True)  # type: ignore[attr-defined]
    t = trans.gettext
    env.filters["label"] = label
    env.filters["term"] = lambda value: term(value, t)
    env.filters["percent"] = percent
    env.filters["rating_text"] = rating_text
    env.filters["plain"] = lambda r: plain_rating(r, t)
    env.filters["factor"] = lambda f: factor_text(f, t)
    env.filters["country_name"] = lambda code: t(country_name(code))
    env.filters["region_name"] = lambda region: t(REGION_NAMES.get(str(region), str(region)))
    env.filters["language_name"] = lambda tag: t(language_name(tag))
    env.filters["safe_url"] = safe_url
    env.filters["unique_ratings"] = unique_ratings
    env.filters["host"] = host
    env.globals["heat_colour"] = heat_colour
    return env


ENV = environment("en")


def report_language(comparison: Comparison, lang: str | None = None) -> str:
    """``lang`` when given, else the language most compared portfolios are written in (English when none)."""
    if lang:
        if lang not in LANGUAGES:
            from prevcat.errors import PrevcatError

            raise PrevcatError(f"no report language {lang!r}; languages: {', '.join(LANGUAGES)}")
        return lang
    return language_for([c.language for c in comparison.cities])


def _gap_text(cell_label: str, t: Translate) -> str:
    """``universal × family`` or ``age 0–5`` in the report's language."""
    if " × " in cell_label:
        level, area = cell_label.split(" × ", 1)
        return f"{t(level)} × {t(area)}"
    for row in ("age", "substance", "domain"):
        if cell_label.startswith(row + " "):
            return f"{t(row)} {t(cell_label[len(row) + 1:])}"
    return cell_label


def render_html(
    comparison: Comparison,
    *,
    title: str | None = None,
    max_recommendations: int | None = None,
    focus: Sequence[str] | None = None,
    lang: str | None = None,
) -> str:
    """The comparison as one self-contained HTML page (per-city sections only for ``focus``, if given).

    ``lang`` is ``en``, ``sv`` or ``nb`` (default: the portfolios' language, see :func:`report_language`).
    """
    language = report_language(comparison, lang)
    env = environment(language)
    t = translations(language).gettext
    names = [c.name for c in comparison.cities]
    template = env.get_template("report.html.j2")
    categories = comparison.profiles[0].counts if comparison.profiles else ()
    return template.render(
        lang=language,
        title=title or t("Portfolio comparison") + ": " + ", ".join(names),
        comparison=comparison,
        bars=profile_bars(comparison.profiles, t),
        shared_chart=shared_bars(comparison, t),
        categories=[(c.category, t(c.label), CATEGORY_COLOURS[c.category]) for c in categories],
        heatmaps={cov.city: (heatmap(cov, t), strip(cov, t)) for cov in comparison.coverage},
        max_recommendations=max_recommendations,
        generated=dt.date.today().isoformat(),
        version=_version(),
        gap_colour=GAP_COLOUR,
        not_applicable=NOT_APPLICABLE,
        heat=HEAT,
        focus=tuple(focus) if focus is not None else None,
        jaccard=_jaccard_matrix(comparison),
        gap_text=lambda text: _gap_text(text, t),
        framework_levels=LEVELS,
        total_entries=sum(r.entries for r in comparison.registries),
    )
def _jaccard_matrix(comparison: Comparison) -> list[list[float]]:
    names = list(comparison.shared.cities)
    out = [[1.0] * len(names) for _ in names]
    for pair in comparison.shared.pairs:
        i, j = names.index(pair.a), names.index(pair.b)
        out[i][j] = out[j][i] = pair.jaccard
    return out
