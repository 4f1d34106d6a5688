"""German age cells ("Alter der Zielgruppe") → one age range, by explicit rules.

``prevcat.importers.vocab.parse_age_band`` reads numbers, ranges, "bis 12" and "Klasse 2-4";
this module adds what German cells say beyond that, part by part (parts split on ``|``):

* a bracket is a comment: the text before it is read first ("11-13 (Klasse 5-7)" is 11-13);
* "(seit 2017 8 bis unter 18)": the current range, since that year, replaces the one before;
* "A bis unter B" is A to B-1; "ab N" is N and older; "ab 18 Monaten" counts months; "5.-7.
  Jahrgangsstufe" is Klasse 5-7; words for ages (``AGE_WORDS``: pränatal, Einschulung, ...)
  and school stages (``AGE_STAGES``);
* parts marked "(ältere Fassung)" describe an older version and are left out when a part is
  marked "(aktuell)".
"""

from __future__ import annotations

import re

from prevcat.importers.registry_spec import load_spec
from prevcat.importers.vocab import parse_age_band, span, split_multi
from prevcat.model import AgeRange

_SPEC = load_spec("prevcat_gruene_liste")
AGE_WORDS = {word: int(number) for word, number in _SPEC.table("age_words").items()}
AGE_STAGES: dict[str, AgeRange] = {stage: ages[0] for stage, ages in _SPEC.cues("age_stages")}

_SINCE = re.compile(r"\(seit \d{4},?\s*([^()]+)\)")
_BELOW = re.compile(r"(\d{1,3})\s*bis\s+unter\s+(\d{1,3})")
_MONTHS_FROM = re.compile(r"\bab\s+(\d{1,3})\s+Monaten\b", re.IGNORECASE)
_FROM = re.compile(r"\bab\s+(\d{1,3})\b(?!\s*Monat)", re.IGNORECASE)
_BRACKET = re.compile(r"\(([^()]*)\)")
_WORDS = re.compile("|".join(sorted(AGE_WORDS, key=len, reverse=True)), re.IGNORECASE)


def _words_to_numbers(text: str) -> str:
    return _WORDS.sub(lambda m: str(AGE_WORDS[m.group(0).casefold()]), text)


def parse_band(text: str) -> AgeRange | None:
    """One part of an age cell; None when it holds no age."""
    since = _SINCE.search(text)
    if since:
        current = parse_band(since.group(1))
        if current is not None:
            return current
    main = _BRACKET.sub(" ", text).strip()
    for candidate in (main, *_BRACKET.findall(text)):
        found = _parse_plain(candidate)
        if found is not None:
            return found
    return None


def _parse_plain(text: str) -> AgeRange | None:
    text = text.strip()
    if not text:
        return None
    stage = AGE_STAGES.get(" ".join(text.split()).casefold())
    if stage is not None:
        return stage
    below = _BELOW.search(text)
    if below and int(below.group(1)) < int(below.group(2)):
        return AgeRange(int(below.group(1)), int(below.group(2)) - 1)
    months = _MONTHS_FROM.search(text)
    if months:
        return AgeRange(int(months.group(1)) // 12, None)
    from_age = _FROM.search(text)
    if from_age:
        return AgeRange(int(from_age.group(1)), None)
    return parse_age_band(_words_to_numbers(_SPEC.pattern("grade_years").sub(r"Klasse \1-\2", text)))


def parse_german_ages(cell: str) -> tuple[AgeRange, list[str]]:
    """The range covering every part of the cell, and the parts holding no age."""
    parts = split_multi(cell)
    if any("(aktuell)" in p for p in parts):
        parts = [p for p in parts if "(ältere Fassung)" not in p]
    ranges: list[AgeRange] = []
    unparsed: list[str] = []
    for part in parts:
        found = parse_band(part)
        if found is None:
            unparsed.append(part)
        else:
            ranges.append(found)
    return span(ranges), unparsed
