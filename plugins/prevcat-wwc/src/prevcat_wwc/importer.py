"""WWC intervention reports → interventions: one rating per protocol × outcome domain row.

What is data (columns, scale, grades, protocol kinds) lives in ``registry.toml``; this module
holds the rules: reading a row, its domain, its grades as ages, and merging an intervention's rows.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import ClassVar

from prevcat.catalogue import Provenance
from prevcat.evidence import Rating
from prevcat.importers.toolkit import RowReader, RowRejected, TableImporter, merge_led_by, name_forms
from prevcat.importers.vocab import span
from prevcat.model import AgeRange, Alias, Domain, Intervention, Target
from prevcat_wwc import registry as reg
from prevcat_wwc.registry import COLUMNS as C

KEY = reg.PROVENANCE.source
LANG = reg.SNAPSHOT["language"]
#: columns read into model fields; every other non-empty cell is kept verbatim in ``extra``
TRANSLATED = frozenset(C[k] for k in ("id", "name", "outcome", "rating", "url", *reg.EVIDENCE))


class WwcImporter(TableImporter):
    """WWC export rows → one intervention per ``InterventionID``, rated per outcome domain."""

    key: ClassVar[str] = KEY
    title: ClassVar[str] = reg.PROVENANCE.title
    provenance: ClassVar[Provenance] = reg.PROVENANCE
    package: ClassVar[str] = "prevcat_wwc"
    snapshot_file: ClassVar[str] = reg.SNAPSHOT["file"]
    required_columns: ClassVar[tuple[str, ...]] = tuple(C.values())
    merged_name_lang: ClassVar[str | None] = LANG

    def read_row(self, row: RowReader) -> Intervention:
        """One row: the intervention as this protocol × outcome domain sees it."""
        native = row.require(C["id"], "intervention id")
        name = html.unescape(row.require(C["name"], "intervention name"))  # "Words Their Way&trade;"
        protocol = row.require(C["protocol"], "review protocol")
        outcome = row.get(C["outcome"]) or None
        url = page(row)
        ratings = [rating(row, protocol, outcome, url)]
        if name != row.get(C["name"]):
            row.keep(C["name"])
        row.keep_other_columns(TRANSLATED)
        return Intervention(
            id=f"{KEY}:{native}",
            name=name,
            source=KEY,
            aliases=[Alias(form, LANG) for form in name_forms(name)],
            languages=(LANG,),
            ratings=ratings,
            target=Target(levels=reg.PROTOCOL_LEVELS.lookup(protocol) or (), ages=span(grades(row))),
            domains=[domain(row, protocol, outcome)],
            url=url,
            extra=row.extra,
        )

    def merge(self, items: Sequence[Intervention]) -> Intervention:
        """All rows of one id: ratings in file order, domains prevention first, ages spanning all grades."""
        lead = next((item for item in items if item.url), items[0])
        return merge_led_by(items, lead, name_lang=LANG)


def rating(row: RowReader, protocol: str, outcome: str | None, url: str | None) -> Rating:
    """The row's rating; a blank cell is 'reviewed, no rating', an unknown label rejects the row."""
    label = row.get(C["rating"]) or reg.BLANK_LABEL
    if label not in reg.SCALE:
        known = ", ".join(repr(text) for level in reg.SCALE.levels for text in (level.label, *level.variants))
        raise RowRejected(C["rating"], f"unknown effectiveness rating {label!r}; known: {known}")
    version = row.get(C["protocol_version"])
    parts = [f"protocol: {protocol}" + (f" {version}" if version else "")]
    parts += [f"{what}: {n}" for key, what in reg.EVIDENCE.items() if (n := count(row, C[key])) is not None]
    if not row.get(C["rating"]):
        parts.append(f"{C['rating']} blank in the export")
    return reg.SCALE.rate(label, outcome=outcome, url=url, note="; ".join(parts))


def count(row: RowReader, column: str) -> int | None:
    """A whole number of studies or pupils; anything else is kept in ``extra`` and reported."""
    text = row.get(column)
    if text and not text.isdecimal():
        row.kept(column, text, "not a whole number")
    return int(text) if text.isdecimal() else None


def grades(row: RowReader) -> list[AgeRange]:
    """The ages of every grade flagged in the row; a cell that is no flag is reported."""
    ages: list[AgeRange] = []
    for column, band in reg.GRADES.items():
        if (text := row.get(column)) in reg.FLAGS["on"]:
            ages.append(band)
        elif text not in reg.FLAGS["off"]:
            row.kept(column, text, "not a grade flag (expected 1.00 or empty)", store=False)
    return ages


def domain(row: RowReader, protocol: str, outcome: str | None) -> Domain:
    """Prevention or education, as ``registry.toml`` classifies the protocol (or the outcome domain)."""
    kind = reg.PROTOCOLS.lookup(protocol)
    if kind is None:
        row.warn(C["protocol"], protocol, f"{protocol!r}: protocol not classified; imported as education")
        return Domain.EDUCATION
    if kind[0] == reg.BY_OUTCOME:
        return Domain.PREVENTION if outcome and outcome in reg.PREVENTION_OUTCOMES else Domain.EDUCATION
    return Domain(kind[0])


def page(row: RowReader) -> str | None:
    """The intervention's page: ``/intervention/211`` under the WWC site; other text is reported."""
    text = row.get(C["url"])
    if text.startswith("/"):
        return reg.SNAPSHOT["page_base"] + text
    if text.startswith("https://"):
        return text
    if text:
        row.kept(C["url"], text, "not a page address")
    return None
