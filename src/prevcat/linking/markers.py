"""What tells variants of one programme apart, read from their names.

A registry that rates a programme per level (Triple P *niveau 1 en 2*, *Level 4*), per age
version (*SFP 10-14* / *SFP 6-11*, *3–6 år*) lists several variants; these markers are read
from the names, in any language that writes a level word before its numbers, and age bands
are numbers alone (:func:`prevcat.linking.normalize.band_spans`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from prevcat.linking.normalize import band_spans

__all__ = ["describe_markers", "levels_of", "markers_differ", "strip_markers", "variant_label"]

# level words of the languages prevcat meets; a registry in another language still has its
# age bands (numbers need no words), and its levels are then simply not read
_LEVEL_WORDS = (
    "levels?|niveaus?|nivå(?:er)?|nivaa|nivå|stufen?|nivel(?:es)?|livell[oi]|tasot?|tiers?|poziom|szint"
)
_JOIN = r"(?:\s*(?:-|–|—|/|&|\+|,|and|en|og|och|und|et|y|e|ja)\s*)"
_LEVEL = re.compile(rf"\b(?:{_LEVEL_WORDS})\s*(\d)((?:{_JOIN}\d)*)", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


def levels_of(text: str) -> frozenset[int]:
    """Levels a name says it covers: ``Triple P (niveau 1 en 2)`` → {1, 2}; ``Level 4`` → {4}."""
    out: set[int] = set()
    for match in _LEVEL.finditer(text):
        numbers = [int(match.group(1)), *(int(d) for d in _DIGITS.findall(match.group(2)))]
        if re.search(r"\d\s*[-–—]\s*\d", match.group(0)) and len(numbers) == 2 and numbers[0] < numbers[1]:
            out.update(range(numbers[0], numbers[1] + 1))
        else:
            out.update(numbers)
    return frozenset(n for n in out if 0 < n <= 9)


def markers_differ(name_a: str, name_b: str) -> str | None:
    """Why two names are different variants of one programme (levels), or None.

    A name naming levels and one naming none are different variants too: *Triple P System*
    covers every level, *Triple P niveau 4 en 5* two of them.
    """
    la, lb = levels_of(name_a), levels_of(name_b)
    if la == lb:
        return None
    return f"levels differ ({_levels(la)} / {_levels(lb)})"


def _levels(levels: frozenset[int]) -> str:
    if not levels:
        return "no level named"
    ordered = sorted(levels)
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"levels {ordered[0]}–{ordered[-1]}"
    return ("level " if len(ordered) == 1 else "levels ") + ", ".join(str(n) for n in ordered)


def describe_markers(name: str) -> str:
    """A short label of a name's variant markers (``level 4``, ``ages 10–14``), or ``""``."""
    parts: list[str] = []
    levels = levels_of(name)
    if levels:
        parts.append(_levels(levels))
    for lo, hi in band_spans(name):
        parts.append(f"ages {lo}–{hi}")
    return ", ".join(parts)


def variant_label(names: Sequence[str]) -> str:
    """A variant's label: the markers most of its names carry, else its first name."""
    found = Counter(m for m in (describe_markers(n) for n in names) if m)
    if found:
        best = min(found, key=lambda m: (-found[m], m))
        if 2 * found[best] >= len(names):  # markers half the members carry, not one outlier
            return best
    return names[0] if names else ""


_BAND_TEXT = re.compile(
    r"(?<![\d.,])\d{1,2}\s*(?:-|–|—)\s*\d{1,2}(?!\d)(?:\s*(?:år|ar|jaar|jahre|years|vuotta))?"
)
_EMPTY_PARENS = re.compile(r"\(\s*[&/,+-]?\s*\)")


def strip_markers(text: str) -> str:
    """A name without its variant markers: ``Triple P (niveau 1 en 2)`` → ``Triple P``."""
    out = _LEVEL.sub(" ", text)
    out = _BAND_TEXT.sub(" ", out)
    out = _EMPTY_PARENS.sub(" ", out)
    return re.sub(r"\s+", " ", out).strip(" -–—:,")
