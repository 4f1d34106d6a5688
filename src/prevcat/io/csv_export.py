"""CSV export: one row per intervention, multi-valued cells joined, formula-leading cells neutralised.

The Excel flavour (``excel=True``) is what Excel opens by double-click without garbling å/ä/ö/ø or
putting each row in one cell: UTF-8 with a byte-order mark, CRLF line ends, and ``;`` between cells
where the locale writes decimals with a comma (Swedish, Norwegian, Danish, Finnish, German, Dutch,
French...), ``,`` elsewhere.  The locale is the one given (``sv_SE``, ``nb``, ``de-CH``), else the
environment's (``LC_ALL``, ``LC_NUMERIC``, ``LANG``); its decimal separator comes from Babel when
Babel is installed, else from :data:`COMMA_DECIMAL_LANGUAGES`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from prevcat.evidence import Rating
from prevcat.model import Intervention

CSV_COLUMNS = (
    "id",
    "name",
    "source",
    "aliases",
    "country",
    "languages",
    "domains",
    "levels",
    "min_age",
    "max_age",
    "settings",
    "substances",
    "ratings",
    "lowest_level",
    "highest_level",
    "disputed",
    "original",
    "url",
    "confidence",
    "description",
    "extra",
)
MULTI_SEPARATOR = " | "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: leading characters a spreadsheet may skip before it looks for a formula sign
_FORMULA_PADDING = " \u00a0\u3000\t\r\n"


def neutralise_cell(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with ``'``.

    A formula sign (``= + - @``), also in its full-width or small form (``＝``, ``﹢``), at the start
    or after leading spaces, and a leading tab, carriage return or line feed, all count.
    """
    if value.startswith(_FORMULA_START):
        return "'" + value
    first = value.lstrip(_FORMULA_PADDING)[:1]
    if first and unicodedata.normalize("NFKC", first) in _FORMULA_START:
        return "'" + value
    return value


def _rating_text(rating: Rating) -> str:
    level = rating.level.value if rating.level else "unplaced"
    extra = f"; {rating.database}" if rating.database else ""
    outcome = f"; outcome: {rating.outcome}" if rating.outcome else ""
    return f"{rating.label} [{rating.scale} → {level}, {rating.direction.value}{extra}{outcome}]"


def intervention_row(item: Intervention) -> dict[str, str]:
    """One intervention as a flat CSV row (multi-values joined with `` | ``), not yet neutralised."""
    target = item.target
    summary = item.evidence
    join = MULTI_SEPARATOR.join
    return {
        "id": item.id,
        "name": item.name,
        "source": item.source,
        "aliases": join(str(a) for a in item.aliases),
        "country": item.country or "",
        "languages": join(item.languages),
        "domains": join(d.value for d in item.domains),
        "levels": join(v.value for v in target.levels),
        "min_age": "" if target.ages.min is None else str(target.ages.min),
        "max_age": "" if target.ages.max is None else str(target.ages.max),
        "settings": join(v.value for v in target.settings),
        "substances": join(v.value for v in target.substances),
        "ratings": join(_rating_text(r) for r in item.ratings),
        "lowest_level": summary.lowest.value if summary.lowest else "",
        "highest_level": summary.highest.value if summary.highest else "",
        "disputed": "yes" if summary.disputed else "no",
        "original": item.original or "",
        "url": item.url or "",
        "confidence": item.confidence.value if item.confidence else "",
        "description": item.description or "",
        "extra": json.dumps(dict(_group_extra(item.extra)), ensure_ascii=False) if item.extra else "",
    }


def _group_extra(extra: Iterable[tuple[str, str]]) -> dict[str, str | list[str]]:
    grouped: dict[str, str | list[str]] = {}
    for key, value in extra:
        if key not in grouped:
            grouped[key] = value
        else:
            current = grouped[key]
            grouped[key] = [*current, value] if isinstance(current, list) else [current, value]
    return grouped


#: Languages whose usual decimal separator is a comma (ISO 639-1), for when Babel is not installed.
COMMA_DECIMAL_LANGUAGES = frozenset(
    "af be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk lt lv mk nb nl nn no "
    "pl pt ro ru sk sl sq sr sv tr uk uz vi".split()
)
#: Regions whose decimal separator is a point although their language usually writes a comma.
POINT_DECIMAL_REGIONS = frozenset({"CH", "LI", "MX", "US", "GT", "HN", "NI", "PA", "PR", "SV", "DO"})
_LOCALE = re.compile(r"^(?P<lang>[A-Za-z]{2,3})(?:[-_](?P<region>[A-Za-z]{2}|\d{3}))?(?:[.@].*)?$")


def decimal_separator(locale: str) -> str:
    """The decimal separator of a locale such as ``sv_SE``, ``nb``, ``de-CH`` or ``en_GB.UTF-8``.

    Babel decides when it is installed; otherwise :data:`COMMA_DECIMAL_LANGUAGES` and
    :data:`POINT_DECIMAL_REGIONS` do.  Raises :class:`ValueError` for text that is not a locale.
    """
    match = _LOCALE.match(locale.strip())
    if not match:
        raise ValueError(f"{locale!r} is not a locale (expected e.g. sv_SE, nb, de-CH, en)")
    lang, region = match.group("lang").lower(), (match.group("region") or "").upper()
    try:
        from babel import Locale, UnknownLocaleError  # type: ignore[import-not-found, unused-ignore]
        from babel.numbers import get_decimal_symbol  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        pass
    else:
        try:
            found = Locale(lang, region or None)
        except (UnknownLocaleError, ValueError):
            pass
        else:
            return str(get_decimal_symbol(found))
    if lang in COMMA_DECIMAL_LANGUAGES and region not in POINT_DECIMAL_REGIONS:
        return ","
    return "."


def environment_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The numeric locale of the environment (``LC_ALL``, ``LC_NUMERIC``, ``LANG``), if one is set."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        value = env.get(name, "").strip()
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    return None


def excel_delimiter(locale: str | None = None) -> str:
    """``;`` where the locale writes decimals with a comma (Excel's list separator there), else ``,``.

    ``locale`` defaults to :func:`environment_locale`; with none, ``,``.
    """
    chosen = locale or environment_locale()
    if not chosen:
        return ","
    try:
        return ";" if decimal_separator(chosen) == "," else ","
    except ValueError:
        if locale:
            raise
        return ","  # an environment value we cannot read: the plain default


def write_csv(
    interventions: Iterable[Intervention],
    target: str | Path | IO[str],
    *,
    excel: bool = False,
    locale: str | None = None,
    delimiter: str | None = None,
) -> int:
    """Write one row per intervention (first column ``id``), formula-like cells neutralised.

    ``excel=True`` writes the Excel flavour (module docstring): a byte-order mark, CRLF, and the
    delimiter :func:`excel_delimiter` picks for ``locale``.  ``delimiter`` overrides the choice.
    Returns the number of rows written.
    """
    delim = delimiter or (excel_delimiter(locale) if excel else ",")
    handle: IO[str]
    if isinstance(target, (str, Path)):
        handle = open(target, "w", encoding="utf-8-sig" if excel else "utf-8", newline="")  # noqa: SIM115
        close = True
    else:
        handle, close = target, False
        if excel:
            handle.write("\ufeff")
    try:
        writer = csv.DictWriter(
            handle, fieldnames=CSV_COLUMNS, delimiter=delim, lineterminator="\r\n" if excel else "\n"
        )
        writer.writeheader()
        count = 0
        for item in interventions:
            writer.writerow({k: neutralise_cell(v) for k, v in intervention_row(item).items()})
            count += 1
        return count
    finally:
        if close:
            handle.close()


def dumps_csv(
    interventions: Iterable[Intervention], *, excel: bool = False, locale: str | None = None
) -> str:
    """The CSV export as a string (with ``excel=True``, starting with U+FEFF)."""
    buffer = io.StringIO()
    write_csv(interventions, buffer, excel=excel, locale=locale)
    return buffer.getvalue()
