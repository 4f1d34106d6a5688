"""Small, auditable tools for translating a registry's vocabulary onto the model.

* :class:`VocabularyMap`: native term → model values, exact (case and space ignored),
  reporting what it cannot map instead of guessing.
* :func:`split_multi`: multi-valued cells (``a | b``, ``a; b``).
* :func:`parse_ages`: age bands as registries write them (``11-14 years``, ``12–17``,
  ``groep 3 t/m 8``, ``Klasse 2-4``, ``Early Adolescence (12-14)``, ``bis 12``, ``18+``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar

from prevcat.model import AgeRange

T = TypeVar("T")


def _key(term: str) -> str:
    return " ".join(term.split()).casefold()


class VocabularyMap(Generic[T]):
    """A mapping table from native terms to model values (one term may give several).

    >>> m = VocabularyMap({"Schule": ["school"], "Familie": ["family"]})
    >>> m.map(["schule", "Zoo"])
    (['school'], ['Zoo'])
    """

    def __init__(self, table: Mapping[str, Sequence[T] | T]) -> None:
        self._table: dict[str, tuple[T, ...]] = {}
        for term, values in table.items():
            if isinstance(values, (list, tuple)):
                self._table[_key(term)] = tuple(values)
            else:
                self._table[_key(term)] = (values,)  # type: ignore[assignment]

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and _key(term) in self._table

    def lookup(self, term: str) -> tuple[T, ...] | None:
        """The values for one term, or None when the table has no entry."""
        return self._table.get(_key(term))

    def map(self, terms: Iterable[str]) -> tuple[list[T], list[str]]:
        """``(values, unmapped terms)``; values keep first-seen order without repeats."""
        values: list[T] = []
        unmapped: list[str] = []
        for term in terms:
            if not term.strip():
                continue
            found = self.lookup(term)
            if found is None:
                unmapped.append(term.strip())
                continue
            for value in found:
                if value not in values:
                    values.append(value)
        return values, unmapped


def split_multi(text: str, separators: str = "|") -> list[str]:
    """Split a multi-valued cell on any of ``separators`` and strip each part; drops empties."""
    if not text or not text.strip():
        return []
    pattern = "|".join(re.escape(s) for s in separators)
    return [part.strip() for part in re.split(pattern, text) if part.strip()]


# School-year systems: age at the start of year/grade N is N + offset.
GRADE_OFFSETS: dict[str, int] = {
    "groep": 3,  # NL: groep 1 at age 4 (groep 3 = 6)
    "klasse": 5,  # DE: Klasse 1 at age 6; DK: 0. klasse at 6 is handled by "dk_klasse"
    "dk_klasse": 6,  # DK: 1. klasse at age 7
    "årskurs": 6,  # SE: åk 1 at age 7
    "åk": 6,
    "trinn": 5,  # NO: 1. trinn at age 6
    "grade": 5,  # US: grade 1 at age 6
}

_DASH = r"\s*(?:-|–|—|t/m|bis|to|till|til)\s*"
_RANGE = re.compile(rf"(\d{{1,3}}){_DASH}(\d{{1,3}})")
_PLUS = re.compile(r"(\d{1,3})\s*(?:\+|år och äldre|years and older|and over|und älter|og eldre)")
_UPTO = re.compile(
    r"(?:bis|under|up to|upto|till|tot|opp til|inntil|<|≤|unter)\s*(\d{1,3})", re.IGNORECASE
)
_GRADE = re.compile(
    r"(groep|klasse|årskurs|åk|trinn|grade)\.?\s*(\d{1,2})(?:" + _DASH + r"(\d{1,2}))?",
    re.IGNORECASE,
)
_GRADE_AFTER = re.compile(r"(\d{1,2})\.?\s*(?:-|–)\s*(\d{1,2})\.?\s*(trinn|klasse)", re.IGNORECASE)
_SINGLE = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.])")


def _grade_range(system: str, low: int, high: int, *, danish: bool) -> tuple[int, int]:
    key = "dk_klasse" if danish and system == "klasse" else system
    offset = GRADE_OFFSETS[key]
    return low + offset, high + offset + 1


def parse_age_band(text: str, *, danish: bool = False) -> AgeRange | None:
    """Parse one age band; None when the text holds no recognisable age.

    School grades are turned into ages with :data:`GRADE_OFFSETS` (the last grade adds one
    year, since pupils are that grade's age and a year older during it).
    """
    t = text.strip().casefold()
    if not t:
        return None
    grade = _GRADE.search(t)
    if grade:
        system = grade.group(1).casefold()
        low = int(grade.group(2))
        high = int(grade.group(3) or low)
        lo, hi = _grade_range(system, low, high, danish=danish)
        return AgeRange(min(lo, 120), min(hi, 120))
    after = _GRADE_AFTER.search(t)
    if after:
        system, low, high = after.group(3).casefold(), int(after.group(1)), int(after.group(2))
        lo, hi = _grade_range(system, low, high, danish=danish)
        return AgeRange(lo, hi)
    match = _RANGE.search(t)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if low <= high <= 120:
            return AgeRange(low, high)
    match = _PLUS.search(t)
    if match and int(match.group(1)) <= 120:
        return AgeRange(int(match.group(1)), None)
    match = _UPTO.search(t)
    if match and int(match.group(1)) <= 120:
        return AgeRange(None, int(match.group(1)))
    singles = [int(n) for n in _SINGLE.findall(t) if int(n) <= 120]
    if len(singles) == 1:
        return AgeRange(singles[0], singles[0])
    return None


def span(ranges: Iterable[AgeRange]) -> AgeRange:
    """The smallest range covering all the given ranges (open ends stay open)."""
    items = list(ranges)
    if not items:
        return AgeRange()
    lows = [r.min for r in items]
    highs = [r.max for r in items]
    low = None if any(v is None for v in lows) else min(v for v in lows if v is not None)
    high = None if any(v is None for v in highs) else max(v for v in highs if v is not None)
    return AgeRange(low, high)


def parse_ages(text: str, separators: str = "|", *, danish: bool = False) -> tuple[AgeRange, list[str]]:
    """Parse a (multi-valued) age cell into one covering range and the parts not understood."""
    ranges: list[AgeRange] = []
    unparsed: list[str] = []
    for part in split_multi(text, separators):
        parsed = parse_age_band(part, danish=danish)
        if parsed is None:
            unparsed.append(part)
        else:
            ranges.append(parsed)
    return span(ranges), unparsed
