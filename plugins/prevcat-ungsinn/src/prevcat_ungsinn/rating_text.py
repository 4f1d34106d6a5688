"""Reading Ungsinn's classification sentence (``Evidensnivå``) by explicit rules.

The sentence is free text from an article's conclusion ("evidensnivå 5, det vil si tiltak med
sterk dokumentasjon på effekt", "funksjonelt virksomt på evidensnivå 3 med dokumentasjonsgrad
***").  Three things are read from it, each by one rule:

1. the level number: ``(evidens)nivå N``, else a number opening the sentence ("5 – sterk ...");
2. the label wording of the row's scale ("sterk dokumentasjon" → 5, "funksjonelt virksom" → 3);
   wording of the *other* scale is an error, since old and new levels are different claims;
3. the old scale's documentation grade: ``dokumentasjonsgrad 4`` or ``dokumentasjonsgrad ****``.

Number, wording and the ``Nivå`` column must agree; the ``Dokumentasjonsgrad`` column must agree
with the sentence and fit the level (grades * to *** belong to level 3, **** and ***** to 4).
"""

from __future__ import annotations

import re

from attrs import frozen

from prevcat.importers.registry_spec import load_spec

_SPEC = load_spec("prevcat_ungsinn")
OLD_VERSION, NEW_VERSION = (scale.version for scale in _SPEC.build_scales())

_NUMBER = re.compile(r"(?:evidens)?nivå\s*(\d+)", re.IGNORECASE)
_LEADING = re.compile(r"^\s*(\d+)\b")
_GRADE = re.compile(r"dokumentasjonsgrad\s*(\d|\*+)", re.IGNORECASE)
_OUT_OF_FIVE = re.compile(r"\bav\s*5\b", re.IGNORECASE)

#: label wording → level number, per scale version (``vocabularies.phrases_<version>``)
PHRASES: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {
    version: tuple((re.compile(regex), int(n)) for regex, n in _SPEC.table(f"phrases_{version}").items())
    for version in (NEW_VERSION, OLD_VERSION)
}

#: documentation grade (number of stars) → the old level it belongs to
GRADE_LEVEL = {1: 3, 2: 3, 3: 3, 4: 4, 5: 4}

_SCALE_NAME = {NEW_VERSION: "new 0–5", OLD_VERSION: "old 1–4"}


class LevelTextError(ValueError):
    """The classification cells cannot be read, or contradict each other."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


@frozen
class ReadLevel:
    """What the cells say: the level number and, on the old scale, the grade as stars."""

    number: int
    grade: str | None


def _phrase_levels(text: str, version: str) -> set[int]:
    return {number for pattern, number in PHRASES[version] if pattern.search(text)}


def _grade_stars(value: str, field: str) -> int:
    value = value.strip()
    if value.isdigit():
        stars = int(value)
    elif value and set(value) == {"*"}:
        stars = len(value)
    else:
        raise LevelTextError(field, f"{value!r} is not a documentation grade (expected * to ***** or 1 to 5)")
    if stars not in GRADE_LEVEL:
        raise LevelTextError(field, f"{value!r} is not a documentation grade (expected * to ***** or 1 to 5)")
    return stars


def read_level(text: str, number_cell: str, grade_cell: str, version: str) -> ReadLevel | None:
    """The level the cells state, or None when both level cells are empty (level not confirmed).

    ``text`` is ``Evidensnivå``, ``number_cell`` is ``Nivå``, ``grade_cell`` is
    ``Dokumentasjonsgrad``; ``version`` is the row's scale version.  Raises
    :class:`LevelTextError` naming the field when a cell cannot be read or the cells disagree.
    """
    text, number_cell, grade_cell = text.strip(), number_cell.strip(), grade_cell.strip()
    if not text and not number_cell:
        if grade_cell:
            raise LevelTextError("Dokumentasjonsgrad", f"grade {grade_cell!r} given without a level")
        return None
    stated: dict[str, int] = {}
    if number_cell:
        if not number_cell.isdigit():
            raise LevelTextError("Nivå", f"{number_cell!r} is not a level number")
        stated["Nivå"] = int(number_cell)
    if text:
        match = _NUMBER.search(text) or _LEADING.match(text)
        if match:
            stated["number in Evidensnivå"] = int(match.group(1))
        other = NEW_VERSION if version == OLD_VERSION else OLD_VERSION
        if _phrase_levels(text, other):
            raise LevelTextError(
                "Evidensnivå",
                f"{text!r} uses the wording of the {_SCALE_NAME[other]} scale, "
                f"but the row is on the {_SCALE_NAME[version]} scale",
            )
        own = _phrase_levels(text, version)
        if len(own) > 1:
            raise LevelTextError("Evidensnivå", f"{text!r} uses the wording of several levels {sorted(own)}")
        if own:
            stated["wording of Evidensnivå"] = own.pop()
        if version == OLD_VERSION and _OUT_OF_FIVE.search(text):
            raise LevelTextError(
                "Evidensnivå", f"{text!r} counts out of 5, but the row is on the old 1–4 scale"
            )
        if "number in Evidensnivå" not in stated and "wording of Evidensnivå" not in stated:
            raise LevelTextError("Evidensnivå", f"no level number or level wording found in {text!r}")
    if len(set(stated.values())) > 1:
        said = ", ".join(f"{where} says {value}" for where, value in stated.items())
        raise LevelTextError("Nivå", f"the level cells disagree: {said}")
    number = next(iter(stated.values()))
    return ReadLevel(number=number, grade=_read_grade(text, grade_cell, number, version))


def _read_grade(text: str, grade_cell: str, number: int, version: str) -> str | None:
    grades: dict[str, int] = {}
    if grade_cell:
        grades["Dokumentasjonsgrad"] = _grade_stars(grade_cell, "Dokumentasjonsgrad")
    match = _GRADE.search(text)
    if match:
        grades["Evidensnivå"] = _grade_stars(match.group(1), "Evidensnivå")
    if not grades:
        return None
    if len(set(grades.values())) > 1:
        said = ", ".join(f"{where} says {'*' * stars}" for where, stars in grades.items())
        raise LevelTextError("Dokumentasjonsgrad", f"the documentation grades disagree: {said}")
    stars = next(iter(grades.values()))
    if version != OLD_VERSION:
        raise LevelTextError("Dokumentasjonsgrad", "a documentation grade belongs to the old 1–4 scale only")
    if GRADE_LEVEL[stars] != number:
        raise LevelTextError(
            "Dokumentasjonsgrad",
            f"grade {'*' * stars} belongs to old level {GRADE_LEVEL[stars]}, not level {number}",
        )
    return "*" * stars
