"""Turning one Metodguiden row's descriptive cells into model values, with what could not be mapped."""

from __future__ import annotations

import re

from prevcat.importers.registry_spec import load_spec
from prevcat.importers.toolkit import bracket_tail
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange, Alias, Domain, PreventionLevel, Substance

_SPEC = load_spec("prevcat_metodguiden")
AGE_WORDS = _SPEC.vocabulary("age_words", AgeRange)
ALIAS_LANGS = {name: langs[0] if langs else None for name, langs in _SPEC.cues("alias_langs")}
ALIAS_QUALIFIERS = {name: langs[0] if langs else None for name, langs in _SPEC.cues("alias_qualifiers")}
COUNTRY_NAMES = _SPEC.table("country_names")
GENERAL_MISUSE = _SPEC.pattern("general_misuse")
GENERAL_MISUSE_SUBSTANCES = tuple(map(Substance, _SPEC.words("general_misuse_substances")))
ORIGINAL = _SPEC.pattern("original")
_DASH_SUFFIX = _SPEC.pattern("dash_suffix")
_FROM_AGE = _SPEC.pattern("from_age")


def map_ages(cell: str) -> tuple[AgeRange, list[str]]:
    """``Ålder`` → one covering range and the parts not understood."""
    ranges: list[AgeRange] = []
    unparsed: list[str] = []
    for part in split_multi(cell):
        words, since = AGE_WORDS.lookup(part), _FROM_AGE.match(part)
        parsed = words[0] if words else AgeRange(int(since.group(1)), None) if since else parse_age_band(part)
        if parsed is None:
            unparsed.append(part)
        else:
            ranges.append(parsed)
    return span(ranges), unparsed


def map_domains(kind: str | None, text: str) -> tuple[Domain, ...]:
    """An assessment method is ``assessment`` only (never a recommendation); an intervention's domains
    come from keywords in its target group and setting, prevention by default.

    ``kind`` is "intervention", "assessment" or None (type not stated, treated as an intervention).
    """
    if kind == "assessment":
        return (Domain.ASSESSMENT,)
    found: list[Domain] = list(dict.fromkeys(_SPEC.matches("domain_keywords", text.casefold())))
    return tuple(found) or (Domain.PREVENTION,)


def map_levels(target_group: str) -> list[PreventionLevel]:
    """Prevention levels the target group names ("universellt föräldrastöd")."""
    return _SPEC.matches("level_keywords", target_group.casefold())


def map_substances(target_group: str) -> list[Substance]:
    """What the target group says a method addresses, by ``vocabularies.substance_keywords``."""
    lowered = target_group.casefold()
    found: list[Substance] = list(dict.fromkeys(_SPEC.matches("substance_keywords", lowered)))
    unspecific = (Substance.GENERAL, Substance.VIOLENCE_CRIME, Substance.GAMBLING)
    specific = [s for s in found if s not in unspecific]
    if GENERAL_MISUSE.search(lowered) and not specific:
        found.extend(s for s in GENERAL_MISUSE_SUBSTANCES if s not in found)
    return found


def map_origin(cell: str) -> tuple[str | None, str | None]:
    """``Ursprungsland / originalprogram`` → (country, original).

    The country is a Swedish country name opening the cell; the original is the programme after
    "vidareutveckling av" (or "bygger på", "anpassning av").  Developers and models listed as
    "förlagor" (several inspirations) are not one original programme.
    """
    cell = cell.strip()
    if not cell:
        return None, None
    head = re.split(r"\s*[(;,]\s*", cell, maxsplit=1)[0]
    country = COUNTRY_NAMES.get(head.strip().casefold())
    original = None
    for part in cell.split(";"):
        match = ORIGINAL.search(part.strip())
        if match:
            original = match.group(1).strip()
    return country, original


def _alias(name: str, lang: str | None = None) -> Alias:
    return Alias(name, lang if lang is not None else ALIAS_LANGS.get(name))


def names_in(title: str) -> list[Alias]:
    """A title and the names inside it.

    "Head (Bracket)" gives both when the bracket holds no digits ("MST (Multisystemisk terapi)",
    not "(3–11 år)"); "Name – ACR" gives the acronym ("Alla Barn i Centrum – ABC").
    """
    names = [_alias(title)]
    tail = bracket_tail(title)
    if tail and tail[0] and not re.search(r"\d", tail[1]):
        names.extend((_alias(tail[0]), _alias(tail[1])))
    suffix = _DASH_SUFFIX.match(title)
    if suffix:
        names.extend((_alias(suffix.group(1)), _alias(suffix.group(2))))
    return names


def other_names(cell: str) -> list[Alias]:
    """``Andra namn`` (`` | ``-separated) → aliases; a known qualifier in brackets is removed."""
    aliases: list[Alias] = []
    for entry in (e for e in split_multi(cell) if e not in _SPEC.words("not_aliases")):
        tail = bracket_tail(entry)
        if tail and tail[1].strip().casefold() in ALIAS_QUALIFIERS:
            aliases.append(_alias(tail[0], ALIAS_QUALIFIERS[tail[1].strip().casefold()]))
        elif tail and tail[0] and not re.search(r"\d", tail[1]):
            aliases.extend((_alias(tail[0]), _alias(tail[1])))  # "KOMET (KOmmunikationsMETod)"
        else:
            aliases.extend(names_in(entry))
    return aliases
