"""Turning one Ungsinn row's descriptive cells into model values, with what could not be mapped."""

from __future__ import annotations

import re

from prevcat.importers.registry_spec import load_spec
from prevcat.importers.toolkit import bracket_tail
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange, Alias, Domain, PreventionLevel, Substance

_SPEC = load_spec("prevcat_ungsinn")
ALIAS_LANGS = {name: langs[0] if langs else None for name, langs in _SPEC.cues("alias_langs")}
ALIAS_QUALIFIERS = {name: langs[0] if langs else None for name, langs in _SPEC.cues("alias_qualifiers")}
COUNTRY_NAMES = _SPEC.table("country_names")
ORIGINS = {r["cell"]: (r.get("country"), r.get("original")) for r in _SPEC.records["origins"]}
PREVENTION_TERMS = _SPEC.vocabulary("prevention_terms", object)
SCHOOL_STAGES = _SPEC.vocabulary("school_stages", AgeRange)
TRINN = _SPEC.pattern("trinn")
TRINN_OFFSET = 5

_ACRONYM = r"[A-ZÆØÅ][A-ZÆØÅ0-9]*(?:-[A-ZÆØÅ0-9]+)*"
_BRACKET_ACRONYM = re.compile(rf"\(({_ACRONYM})\)")
_DASH_PREFIX = re.compile(rf"^({_ACRONYM}(?: {_ACRONYM})*) – ")


def map_prevention(cell: str) -> tuple[list[PreventionLevel], bool, list[str]]:
    """``Forebyggingsnivå`` → (levels, whether "behandling" is named, unmapped terms)."""
    values, unmapped = PREVENTION_TERMS.map(split_multi(cell))
    levels = [v for v in values if isinstance(v, PreventionLevel)]
    return levels, Domain.TREATMENT in values, unmapped


def domains_for(levels: list[PreventionLevel], treatment: bool) -> tuple[Domain, ...] | None:
    """Prevention when a prevention level is named, treatment for "behandling"; None if neither."""
    domains = ([Domain.PREVENTION] if levels else []) + ([Domain.TREATMENT] if treatment else [])
    return tuple(domains) or None


def parse_age_part(part: str) -> AgeRange | None:
    """One ``Alder`` part: a school stage, an age band or grades, or "N. trinn" school years."""
    stage = SCHOOL_STAGES.lookup(part)
    if stage:
        return stage[0]
    band = None if _SPEC.pattern("months").search(part) else parse_age_band(part)
    if band is not None:
        return band
    years = [int(n) for n in TRINN.findall(part)]
    if years:
        return AgeRange(min(years) + TRINN_OFFSET, max(years) + TRINN_OFFSET + 1)
    return None


def map_ages(cell: str) -> tuple[AgeRange | None, list[str]]:
    """``Alder`` → one covering range (None when the cell gives none) and unparsed parts."""
    ranges: list[AgeRange] = []
    unparsed: list[str] = []
    for part in split_multi(cell):
        parsed = parse_age_part(part)
        if parsed is None:
            unparsed.append(part)
        else:
            ranges.append(parsed)
    return (span(ranges) if ranges else None), unparsed


def map_substances(target_group: str) -> list[Substance]:
    """What ``Målgruppe`` says a method addresses, by ``vocabularies.substance_keywords``."""
    return list(dict.fromkeys(_SPEC.matches("substance_keywords", target_group)))


def map_origin(cell: str) -> tuple[str | None, str | None, bool]:
    """``Opprinnelsesland / originalprogram`` → (country, original, whether the cell is known).

    Cells in :data:`ORIGINS` are read from the table; any other cell gives a country only when
    it opens with a country name (and is reported, since the original cannot be told).
    """
    cell = cell.strip()
    if not cell:
        return None, None, True
    if cell in ORIGINS:
        country, original = ORIGINS[cell]
        return country, original, True
    head = re.split(r"\s*[–(;,]\s*", cell, maxsplit=1)[0]
    return COUNTRY_NAMES.get(head.strip().casefold()), None, False


def _alias(name: str, lang: str | None = None) -> Alias:
    return Alias(name, lang if lang is not None else ALIAS_LANGS.get(name))


def other_names(cell: str) -> list[Alias]:
    """``Andre navn`` (``;``-separated; `` / `` joins two names of one version) → aliases.

    A known qualifier in brackets ("(original)", "(tidligere navn)") is removed from the name;
    an unknown bracket stays part of the name; "Name (ACR)" gives both the name and the acronym.
    """
    aliases: list[Alias] = []
    for entry in split_multi(cell, ";"):
        tail = bracket_tail(entry)
        if tail and tail[1].strip().casefold() in ALIAS_QUALIFIERS:
            entry = tail[0]
        for name in (part.strip() for part in entry.split(" / ")):
            if name:
                aliases.extend(names_in(name))
    return aliases


def names_in(title: str) -> list[Alias]:
    """A title and the names inside it: "Name (ACR)" → name and acronym; "ACR – rest" → ACR."""
    names = [_alias(title)]
    acronyms = _BRACKET_ACRONYM.findall(title)
    for acronym in acronyms:
        names.append(_alias(acronym))
    tail = bracket_tail(title)
    if tail and tail[1] in acronyms and " / " not in tail[0]:
        names.append(_alias(tail[0]))  # "Multisystemisk terapi (MST)"
    elif tail and re.fullmatch(_ACRONYM, tail[0]):
        names.extend((_alias(tail[0]), _alias(tail[1])))  # "VIP (Veiledning og ...)"
    prefix = _DASH_PREFIX.match(title)
    if prefix:
        names.append(_alias(prefix.group(1)))
    return names
