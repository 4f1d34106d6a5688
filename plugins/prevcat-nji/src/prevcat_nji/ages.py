"""Dutch age phrases that :func:`prevcat.importers.vocab.parse_ages` does not read by itself.

The phrases are rewritten into forms it reads, by these rules (in order):

* ``tot en met`` (up to and including) → ``t/m``; ``tussen de X en Y`` → ``X-Y``;
* ``X tot Y`` → ``X-Y``: both databases write "tot" for the same range that the other writes
  "tot en met" (PAD: "4 tot 12 jaar" at RIVM, "4 tot en met 12 jaar" at NJi), so Y is kept;
* months: a negative number of months (pregnancy, ``-9 maanden``) → 0; other months → whole
  years; decimal years (``2,5 jaar``) → the whole year they fall in;
* ``X tot ongeveer Y`` (about Y) → ``X-Y``; ``X-Y en Z-W jaar`` → both ranges; ``grootste groep X-Y`` (the largest group) → ``X-Y``;
* ``klas X-Y vo`` (secondary school, klas 1 at age 12) → ages 11+X to 12+Y; any other phrase
  naming ``vo`` (``onderbouw vo``, ``groep 1 po t/m bovenbouw vo``) is not read: the school
  track decides the ages.
"""

from __future__ import annotations

import re

from prevcat.importers.vocab import parse_ages
from prevcat.model import AgeRange

_VO_CLASS = re.compile(r"^klas\s*(\d)(?:\s*-\s*(\d))?\s*vo$")
_VO_OFFSET = 11  # klas 1 of voortgezet onderwijs starts at age 12
_MONTHS = re.compile(r"(-?)(\d{1,3})\s*maanden")
_DECIMAL = re.compile(r"(\d+),\d+")
_BETWEEN = re.compile(r"tussen\s+de\s+(\d{1,3})\s+en\s+(\d{1,3})")
_TOT = re.compile(r"(\d{1,3})\s+tot\s+(\d{1,3})")
_AND = re.compile(r"(\d)\s+en\s+(\d)")


def _months(match: re.Match[str]) -> str:
    return "0" if match.group(1) else str(int(match.group(2)) // 12)


def normalise(text: str) -> str:
    """The phrase rewritten by the rules above (lower case)."""
    t = " ".join(text.split()).casefold()
    t = t.replace("tot en met", "t/m").replace("tot ongeveer", "tot").replace("grootste groep ", "")
    t = _AND.sub(r"\1 | \2", t)
    t = _BETWEEN.sub(r"\1-\2", t)
    t = _MONTHS.sub(_months, t)
    t = _DECIMAL.sub(r"\1", t)
    return _TOT.sub(r"\1-\2", t)


def parse_dutch_ages(text: str) -> tuple[AgeRange, list[str]]:
    """One covering age range and the parts not understood (as :func:`parse_ages`)."""
    t = " ".join(text.split()).casefold()
    vo = _VO_CLASS.match(t)
    if vo:
        low = int(vo.group(1))
        high = int(vo.group(2) or low)
        if low <= high:
            return AgeRange(low + _VO_OFFSET, high + _VO_OFFSET + 1), []
    if re.search(r"\bvo\b", t):
        return AgeRange(), [text]
    return parse_ages(normalise(text))
