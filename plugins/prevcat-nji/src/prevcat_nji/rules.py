"""What the NJi and RIVM data cannot say as a table: recognition dates given as a year or month,
verdicts per outcome, target-group cues, Dutch age phrases, names, and rows of one programme merged
(the NJi row leading).  The words, patterns and rewrite rules are in ``registry.toml``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import ClassVar, TypeVar

from prevcat.evidence import Confidence, Rating
from prevcat.importers import toolkit as tk
from prevcat.importers.base import ImportWarning
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.vocab import parse_ages, split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target

T = TypeVar("T")
SPEC = load_spec("prevcat_nji")
NJI_SCALE, RIVM_SCALE, JUSTITIE_SCALE = SPEC.build_scales()
VERSIONS = SPEC.table("databanks")  #: Databank → the scale version of its wording
#: (id, Databank) → (anchor, ((outcome, label), ...))
OUTCOME_SPLITS = {(r["id"], r["databank"]): (r["anchor"], tuple(map(tuple, r["outcomes"])))
                  for r in SPEC.records["outcome_splits"]}
AGE_REWRITES = [(re.compile(r["find"]), r["replace"]) for r in SPEC.records["age_rewrites"]]
NAME, RATING, DATABANK, TARGET_GROUP = "Interventie", "Oordeel Erkenningscommissie", "Databank", "Doelgroep"
AGE, SETTING, PREVENTION_TYPE, PROBLEM, DATE = "Leeftijd", "Setting / Locatie", "Type preventie", \
    "Probleem / thema", "Datum erkenning"


def parse_dutch_ages(text: str) -> tuple[AgeRange, list[str]]:
    """One covering age range and the parts not understood, by the rules in ``registry.toml``."""
    t = " ".join(text.split()).casefold()
    if vo := SPEC.pattern("vo_classes").match(t):
        low, high = int(vo.group(1)), int(vo.group(2) or vo.group(1))
        if low <= high:
            return AgeRange(low + 11, high + 12), []
    if SPEC.pattern("vo_other").search(t):
        return AgeRange(), [text]
    t = SPEC.pattern("months").sub(lambda m: "0" if m.group(1) else str(int(m.group(2)) // 12), t)
    for find, replace in AGE_REWRITES:
        t = find.sub(replace, t)
    return parse_ages(t)


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """``(date, None)`` for a full ISO date; ``(None, note)`` for a year or a month only (no made-up day)."""
    match = SPEC.pattern("date").match(text)
    if not match:
        raise tk.RowRejected(DATE, f"{text!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        found = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise tk.RowRejected(DATE, f"{text!r} is not a valid date: {exc}") from exc
    part = "month" if month else "year"
    return (found, None) if day else (None, f"recognition date given as {text} ({part} only)")


def _target(row: tk.RowReader) -> tuple[Target, list[Domain]]:
    """Levels, ages, settings, substances and the domains the row names; unmapped values are warned about."""
    ages, unread = parse_dutch_ages(row.get(AGE)) if row.get(AGE) else (AgeRange(), [])
    row.kept_all(AGE, unread, "not mapped", store=False)
    values: list[object] = []
    for column, vocabulary in ((SETTING, "settings"), (PREVENTION_TYPE, "prevention_types"),
                               (PROBLEM, "problems"), ("Doel", "aims"), ("Uitvoering", "service_tiers")):
        # a term not found is tried once more without its trailing bracket: "school (kantine)" → "school"
        found, unmapped = tk.map_terms(SPEC.vocabulary(vocabulary, object), split_multi(row.get(column)))
        values += found
        row.kept_all(column, unmapped, "not mapped", store=False)
    if group := row.get(TARGET_GROUP):
        values += (cues := SPEC.matches("doelgroep_cues", group))
        if not cues and not SPEC.matches("treatment_cues", group):
            row.kept(TARGET_GROUP, group, "not mapped", store=False)
    values += SPEC.matches("treatment_cues", " | ".join(row.get(c) for c in (NAME, SETTING, TARGET_GROUP)))

    def of(kind: type[T]) -> list[T]:
        return list(dict.fromkeys(v for v in values if isinstance(v, kind)))

    return Target(of(PreventionLevel), ages, of(Setting), of(Substance)), of(Domain)


def _aliases(title: str, other_names: str) -> list[Alias]:
    """Codes in the title and other names (``en``/``fi`` from the table, none for acronyms, else ``nl``)."""
    languages = SPEC.table("alias_languages")
    out = [Alias(a, None) for a in tk.bracketed_codes(title)]
    for name in split_multi(other_names):
        language = languages.get(name) or (None if tk.is_short_code(name) else "nl")
        out += [Alias(name, language), *(Alias(a, None) for a in tk.bracketed_codes(name))]
    return out


class NjiImporter(MappedImporter):
    """NJi Databank Effectieve Jeugdinterventies and RIVM Loketgezondleven (Netherlands)."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_ratings(self, row: tk.RowReader, url: str | None, confidence: Confidence | None) -> list[Rating]:
        """The row's verdict in its database's wording, one per outcome where the verdict is split."""
        label, databank = row.get(RATING), row.get(DATABANK)
        reviewed, date_note = parse_date(row.get(DATE)) if row.get(DATE) else (None, None)
        if not label:
            return []  # listed, verdict not recorded: no rating (never "no effect")
        notes = [n for n in (date_note, row.get("Herbeoordeling")) if n]

        def rate(text: str, outcome: str | None, note: str | None) -> Rating:
            return self.rate(f"nji-erkenning@{VERSIONS[databank]}", text, RATING, outcome=outcome,
                             reviewed=reviewed, database=databank, url=url, note=note, confidence=confidence)

        rating = rate(label, None, "; ".join(notes) or None)
        if (split := OUTCOME_SPLITS.get((row.get("id"), databank))) is None:
            return [rating]
        anchor, ((first, first_label), *others) = split
        toelichting = row.get("Toelichting")
        if anchor in toelichting and rate(first_label, None, None).level == rating.level:
            note = "; ".join([*notes, f"verdict per outcome: {toelichting}"])
            return [rate(label, first, note), *(rate(lab, out, note) for out, lab in others)]
        row.warn("Toelichting", toelichting, "outcome split in the mapping table no longer matches this row; "
                 "one rating kept")
        return [rating]

    def read_row(self, row: tk.RowReader) -> Intervention:
        """One row (one programme in one database) as an intervention, merged later by id."""
        native_id, title, databank = row.require("id"), row.require(NAME, "programme name"), row.get(DATABANK)
        if databank not in VERSIONS:
            known = "; ".join(repr(k) for k in VERSIONS)
            raise tk.RowRejected(DATABANK, f"unknown database {databank!r}; known: {known}")
        confidence = row.confidence("confidence")
        ratings = self.read_ratings(row, row.get("source_url") or None, confidence)
        target, domains = _target(row)
        country = None
        if origin := row.get("Land van herkomst"):
            country, why = tk.country_named(origin, SPEC.table("countries"), joiners=(" en ",))
            if why:
                row.kept("Land van herkomst", origin, why, store=False)
        for column in [*SPEC.words("verbatim"), *([] if ratings else [DATABANK])]:
            row.keep(column)
        return Intervention(
            id=f"{SPEC.key}:{native_id}", name=title, source=SPEC.key, country=country,
            aliases=tk.unique_aliases(title, _aliases(title, row.get("Andere namen"))),
            languages=SPEC.languages, ratings=ratings, target=target, domains=domains, confidence=confidence,
            original=row.get("Gebaseerd op") or None, url=row.get("source_url") or None, extra=row.extra,
        )

    def merge_rows(
        self, rows: Sequence[tk.RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
    ) -> Intervention:
        """One intervention from the rows of one programme; the NJi row (else the first) leads; an
        original or a URL that differs from the one kept is kept in ``extra``."""
        in_nji = (item for row, item in zip(rows, items, strict=True) if row.get(DATABANK) == "NJi")
        lead = next(in_nji, items[0])
        original = next((item.original for item in (lead, *items) if item.original), None)

        def extra_of(item: Intervention) -> list[tuple[str, str]]:
            moved = [("Gebaseerd op", item.original)] if item.original and item.original != original else []
            if item.url and item.url != lead.url and not item.ratings:
                moved.append(("source_url", item.url))
            return [*item.extra, *moved]

        return tk.merge_led_by(items, lead, name_lang="nl", extra_of=extra_of)
