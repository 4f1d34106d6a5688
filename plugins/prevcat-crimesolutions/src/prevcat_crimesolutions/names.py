"""Names as registries write them: acronyms in brackets, trademark signs, trailing remarks.

Rules (explicit, nothing guessed):

* a trailing bracket whose text starts lower-case is a remark: ``X (former name)``;
* a trailing bracket holding an acronym (no lower-case letter) names the method:
  ``LifeSkills Training (LST)`` gives the aliases ``LifeSkills Training`` and ``LST``;
* ``®``, ``™`` and ``©`` are dropped in an extra alias: ``Multisystemic Therapy® (MST®)``.
"""

from __future__ import annotations

import re

_TRAILING = re.compile(r"^(?P<base>.*?\S)\s*\((?P<inner>[^()]*)\)$")
_MARKS = re.compile(r"[®™©]")


def is_acronym(text: str) -> bool:
    """``LST``, ``SFP 10-14``, ``SAAF-T``: two or more letters and none lower-case."""
    letters = [c for c in _MARKS.sub("", text) if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def split_remarks(text: str) -> tuple[str, list[str]]:
    """``('X', ['former name'])`` from ``X (former name)``; repeated trailing remarks too."""
    text = text.strip()
    remarks: list[str] = []
    while True:
        match = _TRAILING.match(text)
        if not match or not match.group("inner").strip()[:1].islower():
            return text, list(reversed(remarks))
        remarks.append(match.group("inner").strip())
        text = match.group("base").strip()


def name_forms(name: str) -> list[str]:
    """Other forms of one name: without trademark signs, without a bracketed acronym, the acronym."""
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
