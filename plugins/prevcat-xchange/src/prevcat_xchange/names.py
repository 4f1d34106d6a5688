"""Names from Xchange's title and name columns, by explicit rules.

* ``Title`` is "Name - descriptive subtitle": the name is the part before the first spaced
  hyphen or em dash.  An en dash belongs to the name ("Incredible Years – Parenting Programme")
  unless a bracket follows it ("STAD – (STockholm prevents ...)": the spelled-out name).
* A bracket in the name holds an acronym ("Life Skills Training (LST)": aliases "LST" and
  "Life Skills Training") or a gloss ("KiVa (Anti-bullying programme)": alias "KiVa").
* ``Original name / adaptation of`` is free text; its ``;``-separated clauses are read with the
  rules in :data:`_ORIGIN_RULES`.  A clause no rule reads is reported, never guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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

_SUBTITLE = re.compile(r"\s+(?:-|—)\s+|\s+–\s+(?=\()")
_BRACKETED = re.compile(r"(?:^|/)\s*([^/()]+?)\s*\(([^()]+)\)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:[ -][0-9][0-9-]*)?$")
_LEADING_BRACKET = re.compile(r"^\(([^()]+)\)")
_TRAILING_QUALIFIER = re.compile(r"^(.*?)\s*\(([^()]+)\)$")


def default_lang(name: str) -> str:
    """The language tag of a name on this English registry (see ``NAME_LANGUAGES``)."""
    return NAME_LANGUAGES.get(name.strip().casefold(), "en")


def is_acronym(text: str) -> bool:
    """``LST``, ``SFP 10-14``, ``PreVenture``-like short forms (one word, two capitals or more)."""
    return bool(_ACRONYM.match(text.strip()))


@frozen
class TitleParts:
    name: str
    subtitle: str | None
    aliases: tuple[Alias, ...]


def parse_title(title: str) -> TitleParts:
    """Split an Xchange title into name, subtitle and the aliases the name itself contains."""
    title = " ".join(title.split())
    if title in WHOLE_TITLE_NAMES:
        name, subtitle = title, None
    else:
        parts = _SUBTITLE.split(title, maxsplit=1)
        name = parts[0].strip()
        subtitle = parts[1].strip() if len(parts) > 1 else None
    aliases: list[Alias] = []
    for before, inside in _BRACKETED.findall(name):
        if before.strip():
            aliases.append(Alias(before, default_lang(before)))
        if is_acronym(inside):
            aliases.append(Alias(inside, default_lang(inside)))
    if subtitle:
        spelled = _LEADING_BRACKET.match(subtitle)
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
    for item in split_multi(cell):
        name = item
        qualifier = _TRAILING_QUALIFIER.match(item)
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


_Found = tuple[str | None, list[Alias]]


def _part_of(m: re.Match[str]) -> _Found:
    return m.group("original"), []


def _formerly(m: re.Match[str]) -> _Found:
    return None, [Alias(m.group("alias"), default_lang(m.group("alias"))), Alias(m.group("former"), "en")]


def _version_of(m: re.Match[str]) -> _Found:
    lang = LANGUAGE_NAMES.get(m.group("language").casefold()) or default_lang(m.group("alias"))
    return None, [Alias(m.group("alias"), lang)]


def _alias(m: re.Match[str]) -> _Found:
    return None, [Alias(m.group("alias"), default_lang(m.group("alias")))]


def _original(m: re.Match[str]) -> _Found:
    return m.group("original"), []


def _nothing(m: re.Match[str]) -> _Found:
    return None, []


#: (pattern, reading) in order; the first pattern matching the whole clause reads it
_ORIGIN_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Found]], ...] = (
    # "Part of the Incredible Years Series (Webster-Stratton)": the brand it belongs to
    (re.compile(r"Part of the (?P<original>.+?)(?:\s*\(.*\))?"), _part_of),
    # "EFFEKT (formerly the Örebro Prevention Programme)": current and former name
    (re.compile(r"(?P<alias>[^()]+?) \(formerly (?:the |called )?(?P<former>[^()]+)\)"), _formerly),
    # "PAS = Dutch version with an added pupil component": a national version's name
    (re.compile(r"(?P<alias>[^=]+?)\s*=\s*(?P<language>[A-Za-z]+) version\b.*"), _version_of),
    # "child curriculum also known as Dinosaur School"
    (re.compile(r"(?:.*?\b)?also known as (?P<alias>.+)"), _alias),
    # "COPE, developed by C. E. Cunningham, McMaster University (Canada)": its own name
    (re.compile(r"(?P<alias>[^,]+), developed by .+"), _alias),
    # "LifeSkills Training by Gilbert J. Botvin (USA)": the programme it adapts
    (re.compile(r"(?P<original>.+?) by [A-Z].*"), _original),
    # "Triple P multi-level system (levels 1-5)": the system this entry is one level of
    (re.compile(r"(?P<original>.+?\bsystem)\b.*"), _original),
    # "Strengthening Families Program: For Parents and Youth 10-14 (Iowa State University)"
    (
        re.compile(r"(?P<original>[^()]+?)\s*\([^()]*\b(?:University|Univ\.|Institute|College)\b[^()]*\)"),
        _original,
    ),
    # statements about the Xchange entry itself, holding no names
    (re.compile(r"adapted to .+|.*\bXchange (?:entry|entries|records)\b.*"), _nothing),
)


def parse_origin_note(cell: str) -> OriginNote:
    """Read ``Original name / adaptation of`` clause by clause."""
    original: str | None = None
    aliases: list[Alias] = []
    unread: list[str] = []
    for clause in split_multi(cell, ";"):
        for pattern, reading in _ORIGIN_RULES:
            match = pattern.fullmatch(clause)
            if match:
                found, names = reading(match)
                aliases.extend(names)
                if found and original is None:
                    original = found.strip()
                elif found:
                    unread.append(clause)
                break
        else:
            unread.append(clause)
    return OriginNote(original=original, aliases=tuple(aliases), unread=tuple(unread))

