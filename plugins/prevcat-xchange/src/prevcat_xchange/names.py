"""Names from Xchange's title and name columns, by explicit rules (patterns in ``registry.toml``).

* ``Title`` is "Name - descriptive subtitle": the name is the part before the first spaced
  hyphen or em dash.  An en dash belongs to the name ("Incredible Years – Parenting Programme")
  unless a bracket follows it ("STAD – (STockholm prevents ...)": the spelled-out name).
* A bracket in the name holds an acronym ("Life Skills Training (LST)": aliases "LST" and
  "Life Skills Training") or a gloss ("KiVa (Anti-bullying programme)": alias "KiVa").
* ``Original name / adaptation of`` is free text; its ``;``-separated clauses are read with the
  ``[[records.origin_rules]]`` of ``registry.toml``.  A clause no rule reads is reported, never guessed at.
"""

from __future__ import annotations

import re

from attrs import frozen

from prevcat.importers.registry_spec import load_spec
from prevcat.importers.vocab import split_multi
from prevcat.model import Alias

_SPEC = load_spec("prevcat_xchange")
BRAND_QUALIFIER = "umbrella"
LANGUAGE_NAMES = _SPEC.table("language_names")
NAME_LANGUAGES = _SPEC.table("name_languages")
NAME_QUALIFIERS = frozenset(_SPEC.words("name_qualifiers"))
WHOLE_TITLE_NAMES = frozenset(_SPEC.words("whole_title_names"))
#: (pattern, reading) in order; the first pattern matching the whole clause reads it
ORIGIN_RULES = tuple(re.compile(rule["pattern"]) for rule in _SPEC.records["origin_rules"])


def default_lang(name: str) -> str:
    """The language tag of a name on this English registry (see ``NAME_LANGUAGES``)."""
    return NAME_LANGUAGES.get(name.strip().casefold(), "en")


def is_acronym(text: str) -> bool:
    """``LST``, ``SFP 10-14``, ``PreVenture``-like short forms (one word, two capitals or more)."""
    return bool(_SPEC.pattern("acronym").match(text.strip()))


@frozen
class TitleParts:
    name: str
    subtitle: str | None
    aliases: tuple[Alias, ...]


def parse_title(title: str) -> TitleParts:
    """Split an Xchange title into name, subtitle and the aliases the name itself contains."""
    title = " ".join(title.split())
    parts = [title] if title in WHOLE_TITLE_NAMES else _SPEC.pattern("subtitle").split(title, maxsplit=1)
    name, subtitle = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else None)
    aliases: list[Alias] = []
    for before, inside in _SPEC.pattern("bracketed").findall(name):
        if before.strip():
            aliases.append(Alias(before, default_lang(before)))
        if is_acronym(inside):
            aliases.append(Alias(inside, default_lang(inside)))
    spelled = _SPEC.pattern("leading_bracket").match(subtitle or "")
    if spelled:
        aliases.append(Alias(spelled.group(1), "en"))
    return TitleParts(name=name, subtitle=subtitle, aliases=tuple(aliases))


@frozen
class AlternativeNames:
    aliases: tuple[Alias, ...]
    brands: tuple[str, ...]  #: names marked "(umbrella)": the brand, not this entry


def parse_alternative_names(cell: str) -> AlternativeNames:
    """``Alternative names``: aliases; bracketed qualifiers such as "(variant)" are dropped."""
    aliases: list[Alias] = []
    brands: list[str] = []
    for name in split_multi(cell):
        qualifier = _SPEC.pattern("trailing_qualifier").match(name)
        if qualifier and qualifier.group(2).strip().casefold() in NAME_QUALIFIERS:
            name = qualifier.group(1)
            if qualifier.group(2).strip().casefold() == BRAND_QUALIFIER:
                brands.append(name)
                continue
        aliases.append(Alias(name, default_lang(name)))
    return AlternativeNames(aliases=tuple(aliases), brands=tuple(brands))


@frozen
class OriginNote:
    original: str | None
    aliases: tuple[Alias, ...]
    unread: tuple[str, ...]  #: clauses no rule reads


def read_clause(match: re.Match[str]) -> tuple[str | None, list[Alias]]:
    """What a clause gives, by the rule's named groups: ``original``, ``alias`` (in the language of
    ``language`` when the rule has one), ``former`` (an English former name)."""
    found = match.groupdict()
    aliases: list[Alias] = []
    if found.get("alias"):
        language = LANGUAGE_NAMES.get((found.get("language") or "").casefold())
        aliases.append(Alias(found["alias"], language or default_lang(found["alias"])))
    if found.get("former"):
        aliases.append(Alias(found["former"], "en"))
    return found.get("original"), aliases


def parse_origin_note(cell: str) -> OriginNote:
    """Read ``Original name / adaptation of`` clause by clause."""
    original: str | None = None
    aliases: list[Alias] = []
    unread: list[str] = []
    for clause in split_multi(cell, ";"):
        match = next((m for m in (rule.fullmatch(clause) for rule in ORIGIN_RULES) if m), None)
        if match is None:
            unread.append(clause)
            continue
        found, names = read_clause(match)
        aliases.extend(names)
        if found and original is None:
            original = found.strip()
        elif found:
            unread.append(clause)
    return OriginNote(original=original, aliases=tuple(aliases), unread=tuple(unread))
