"""What the NJi and RIVM data cannot say as a table: recognition dates given as a year or month,
verdicts per outcome, target-group cues, names, and rows of one programme merged (the NJi row
leading).  Dutch age phrases are read by :mod:`.ages`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from prevcat.errors import UnknownLabelError
from prevcat.evidence import Confidence, EvidenceScale, Rating
from prevcat.importers.base import ImportWarning
from prevcat.importers.mapped import MappedImporter
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.importers.toolkit import (
    RowReader,
    RowRejected,
    bracketed_codes,
    country_named,
    is_short_code,
    map_terms,
    merge_led_by,
    unique_aliases,
)
from prevcat.importers.vocab import split_multi
from prevcat.model import AgeRange, Alias, Domain, Intervention, PreventionLevel, Setting, Substance, Target
from prevcat_nji.ages import parse_dutch_ages

SPEC = load_spec("prevcat_nji")
NJI_SCALE, RIVM_SCALE, JUSTITIE_SCALE = SPEC.build_scales()
SCALE_BY_DATABANK: dict[str, EvidenceScale] = {
    databank: SPEC.scale(f"nji-erkenning@{version}") for databank, version in SPEC.table("databanks").items()
}
#: (id, Databank) → (anchor, ((outcome, label), ...))
OUTCOME_SPLITS = {
    (r["id"], r["databank"]): (r["anchor"], tuple(map(tuple, r["outcomes"])))
    for r in SPEC.records["outcome_splits"]
}
NAME, RATING, DATABANK = "Interventie", "Oordeel Erkenningscommissie", "Databank"
TARGET_GROUP, AGE, SETTING = "Doelgroep", "Leeftijd", "Setting / Locatie"
PREVENTION_TYPE, PROBLEM, DATE = "Type preventie", "Probleem / thema", "Datum erkenning"


def alias_language(name: str) -> str | None:
    """``en``/``fi`` from the table, no tag for acronyms, else ``nl``."""
    if name in SPEC.table("alias_languages"):
        return SPEC.table("alias_languages")[name]
    return None if is_short_code(name) else "nl"


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """``(date, None)`` for a full ISO date; ``(None, note)`` for a year or a month only.

    A year or month is not turned into a made-up day: the rating gets no date and a note.
    """
    match = SPEC.pattern("date").match(text)
    if not match:
        raise RowRejected(DATE, f"{text!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), None
        if month:
            dt.date(int(year), int(month), 1)
            return None, f"recognition date given as {text} (month only)"
    except ValueError as exc:
        raise RowRejected(DATE, f"{text!r} is not a valid date: {exc}") from exc
    return None, f"recognition date given as {text} (year only)"


def _without_last_bracket(phrase: str) -> str:
    """``In de wijk (buurt)`` → ``In de wijk ``: what stands before the last opening bracket."""
    return phrase[: phrase.rfind("(")] if phrase.endswith(")") and "(" in phrase else phrase


def _ratings(
    row: RowReader, scale: EvidenceScale, databank: str, confidence: Confidence | None
) -> list[Rating]:
    label = row.get(RATING)
    reviewed, date_note = parse_date(row.get(DATE)) if row.get(DATE) else (None, None)
    if not label:
        return []  # listed, verdict not confirmed: no rating (never "no effect")
    try:
        level = scale.lookup(label)
    except UnknownLabelError as exc:
        raise RowRejected(RATING, exc.message) from exc
    notes = [n for n in (date_note, row.get("Herbeoordeling")) if n]

    def rate(text: str, outcome: str | None, note: str | None) -> Rating:
        return scale.rate(text, outcome=outcome, reviewed=reviewed, database=databank,
                          url=row.get("source_url") or None, note=note, confidence=confidence)

    split = OUTCOME_SPLITS.get((row.get("id"), databank))
    if split is not None:
        anchor, outcomes = split
        toelichting = row.get("Toelichting")
        if anchor in toelichting and scale.lookup(outcomes[0][1]) == level:
            note = "; ".join([*notes, f"verdict per outcome: {toelichting}"])
            (first, _), *others = outcomes
            return [rate(label, first, note), *(rate(lab, out, note) for out, lab in others)]
        row.warn("Toelichting", toelichting,
                 "outcome split in the mapping table no longer matches this row; one rating kept")
    return [rate(label, None, "; ".join(notes) or None)]


def _target(row: RowReader) -> tuple[Target, list[Domain]]:
    """Levels, ages, settings and substances, and the domains the row names."""
    ages = None
    if row.get(AGE):
        ages, unparsed = parse_dutch_ages(row.get(AGE))
        row.kept_all(AGE, unparsed, "not mapped", store=False)
    settings, unmapped = map_terms(SPEC.vocabulary("settings", Setting), split_multi(row.get(SETTING)),
                                   retry=_without_last_bracket)
    row.kept_all(SETTING, unmapped, "not mapped", store=False)
    kinds, unmapped = SPEC.vocabulary("prevention_types", object).map(split_multi(row.get(PREVENTION_TYPE)))
    levels = [k for k in kinds if isinstance(k, PreventionLevel)]
    domains = [k for k in kinds if isinstance(k, Domain)]
    row.kept_all(PREVENTION_TYPE, unmapped, "not mapped", store=False)
    substances, unmapped = SPEC.vocabulary("problems", Substance).map(split_multi(row.get(PROBLEM)))
    row.kept_all(PROBLEM, unmapped, "not mapped", store=False)
    for column, vocabulary in (("Doel", "aims"), ("Uitvoering", "service_tiers")):
        found, unmapped = SPEC.vocabulary(vocabulary, Domain).map(split_multi(row.get(column)))
        domains += found
        row.kept_all(column, unmapped, "not mapped", store=False)
    group = row.get(TARGET_GROUP).casefold()
    treatment_words = SPEC.words("treatment_words")
    if group:
        cues = SPEC.matches("doelgroep_cues", group)
        settings += [c for c in cues if isinstance(c, Setting)]
        levels += [c for c in cues if isinstance(c, PreventionLevel)]
        if not cues and not any(word in group for word in treatment_words):
            row.kept(TARGET_GROUP, row.get(TARGET_GROUP), "not mapped", store=False)
    texts = (row.get(NAME), row.get(SETTING), row.get(TARGET_GROUP))
    if any(word in text.casefold() for text in texts for word in treatment_words):
        domains.append(Domain.TREATMENT)
    return Target(levels, ages or AgeRange(), settings, substances), domains


def _aliases(title: str, other_names: str) -> list[Alias]:
    out: list[Alias] = [Alias(a, None) for a in bracketed_codes(title)]
    for name in split_multi(other_names):
        out += [Alias(name, alias_language(name)), *(Alias(a, None) for a in bracketed_codes(name))]
    return out


class NjiImporter(MappedImporter):
    """NJi Databank Effectieve Jeugdinterventies and RIVM Loketgezondleven (Netherlands)."""

    spec: ClassVar[RegistrySpec] = SPEC

    def read_row(self, row: RowReader) -> Intervention:
        """One row (one programme in one database) as an intervention, merged later by id."""
        native_id = row.require("id")
        title = row.require(NAME, "programme name")
        databank = row.get(DATABANK)
        scale = SCALE_BY_DATABANK.get(databank)
        if scale is None:
            known = "; ".join(repr(k) for k in SCALE_BY_DATABANK)
            raise RowRejected(DATABANK, f"unknown database {databank!r}; known: {known}")
        confidence = row.confidence("confidence")
        ratings = _ratings(row, scale, databank, confidence)
        aliases = _aliases(title, row.get("Andere namen"))
        target, domains = _target(row)
        country = None
        if row.get("Land van herkomst"):
            origin = row.get("Land van herkomst")
            country, why = country_named(origin, SPEC.table("countries"), joiners=(" en ",))
            if why:
                row.kept("Land van herkomst", origin, why, store=False)
        for column in SPEC.words("verbatim"):
            row.keep(column)
        if not ratings:
            row.keep(DATABANK)
        return Intervention(
            id=f"{SPEC.key}:{native_id}", name=title, source=SPEC.key,
            aliases=unique_aliases(title, aliases), country=country, languages=SPEC.languages,
            ratings=ratings, target=target, domains=domains, original=row.get("Gebaseerd op") or None,
            url=row.get("source_url") or None, confidence=confidence, extra=row.extra,
        )

    def merge_rows(
        self, rows: Sequence[RowReader], items: Sequence[Intervention], warnings: list[ImportWarning]
    ) -> Intervention:
        """One intervention from the rows of one programme; the NJi row (else the first) leads.

        An original or a URL that differs from the one kept is kept in ``extra``.
        """
        in_nji = [item for row, item in zip(rows, items, strict=True) if row.get(DATABANK) == "NJi"]
        lead = in_nji[0] if in_nji else items[0]
        original = next((item.original for item in (lead, *items) if item.original), None)

        def extra_of(item: Intervention) -> list[tuple[str, str]]:
            pairs = list(item.extra)
            if item.original and item.original != original:
                pairs.append(("Gebaseerd op", item.original))
            if item.url and item.url != lead.url and not item.ratings:
                pairs.append(("source_url", item.url))
            return pairs

        return merge_led_by(items, lead, name_lang="nl", extra_of=extra_of)
