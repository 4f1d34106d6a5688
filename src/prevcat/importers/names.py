"""Name helpers for registry importers: brackets, acronyms and short codes, alternative names,
countries named in text, remarks after a name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from prevcat.importers.vocab import VocabularyMap

T = TypeVar("T")

_TRAILING = re.compile(r"^(?P<base>.*?\S)\s*\((?P<inner>[^()]*)\)$")
_MARKS = re.compile(r"[®™©]")
_BRACKET_TAIL = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_SHORT_CODE = re.compile(r"^(?=.*[A-Z])[A-Z0-9][A-Z0-9-]{1,9}$")


def is_acronym(text: str) -> bool:
    """``LST``, ``SFP 10-14``, ``SAAF-T``: two or more letters and none lower-case."""
    letters = [c for c in _MARKS.sub("", text) if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def bracket_tail(text: str) -> tuple[str, str] | None:
    """``('skole', 'videregående')`` from ``skole (videregående)``: what stands before a trailing
    bracket, and the bracket's content; None when the text does not end in a bracket."""
    match = _BRACKET_TAIL.match(text)
    return (match.group(1), match.group(2)) if match else None


def without_bracket(term: str) -> str:
    """``skole (videregående)`` → ``skole``; other terms (and ``(x)`` alone) unchanged."""
    tail = bracket_tail(term)
    return tail[0] if tail and tail[0] else term


def map_terms(
    table: VocabularyMap[T], terms: Iterable[str], *, retry: Callable[[str], str] = without_bracket
) -> tuple[list[T], list[str]]:
    """Map terms through ``table``; a term not found is looked up once more as ``retry(term)``.

    Returns the values found, without repeats, and the terms still not found.
    """
    values: list[T] = []
    unmapped: list[str] = []
    for term in terms:
        found = table.lookup(term)
        if found is None:
            found = table.lookup(retry(term))
        if found is None:
            unmapped.append(term)
            continue
        values.extend(value for value in found if value not in values)
    return values, unmapped


def is_short_code(text: str) -> bool:
    """``MDFT``, ``SAAF-T``, ``P1``: 2 to 10 capitals, digits or hyphens, one a letter.

    Stricter than :func:`is_acronym`: no spaces, no lower case, no trademark signs.
    """
    return bool(_SHORT_CODE.match(text))


def bracketed_codes(text: str) -> list[str]:
    """The short codes given in brackets: ``Multidimensionele familietherapie (MDFT)`` → ``MDFT``."""
    return [inner.strip() for inner in _BRACKETS.findall(text) if is_short_code(inner.strip())]


def country_named(
    text: str, countries: Mapping[str, str], *, joiners: Iterable[str] = (), cut: str | None = None
) -> tuple[str | None, str | None]:
    """``(ISO code, None)`` or ``(None, why not)``: the one country a cell names outside brackets.

    ``countries`` maps lower-case names to codes; the cell is read up to ``cut`` (when given);
    a comma or one of ``joiners`` (`` og ``, `` en ``) means more than one country.
    """
    head = _BRACKETS.sub("", text)
    if cut is not None:
        head = head.split(cut)[0]
    head = head.strip().casefold()
    if any(joiner in head for joiner in joiners) or "," in head:
        return None, "names more than one country; country left unknown"
    code = countries.get(head)
    if code is None:
        return None, "country not in the table; country left unknown"
    return code, None


def split_remarks(text: str) -> tuple[str, list[str]]:
    """``('X', ['former name'])`` from ``X (former name)``: trailing brackets that start lower-case."""
    text = text.strip()
    remarks: list[str] = []
    while True:
        match = _TRAILING.match(text)
        if not match or not match.group("inner").strip()[:1].islower():
            return text, list(reversed(remarks))
        remarks.append(match.group("inner").strip())
        text = match.group("base").strip()


def name_forms(name: str) -> list[str]:
    """Other forms of one name: without trademark signs, without a bracketed acronym, the acronym.

    ``Multisystemic Therapy® (MST®)`` gives ``Multisystemic Therapy (MST)``,
    ``Multisystemic Therapy`` and ``MST``.
    """
    forms: list[str] = []
    clean = " ".join(_MARKS.sub("", name).split())
    if clean != name.strip():
        forms.append(clean)
    match = _TRAILING.match(clean)
    if match:
        inner = match.group("inner").strip()
        if is_acronym(inner):
            forms += [match.group("base").strip(), inner]
        elif inner[:1].islower():
            forms.append(match.group("base").strip())
    return forms
