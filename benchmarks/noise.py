"""Two independently built generators of the names people write for catalogue methods.

``keyboard`` models typing: case, lost diacritics, one typo, two words swapped, a local suffix,
a year in brackets.  ``office`` models names copied out of municipal plans and spreadsheets,
written without looking at how the resolver normalises names: a bare trailing year or term
(``2019``, ``HT19``), a group number (``(grupp 12)``, ``gr. 3``), a label before the name
(``Insats:``), place and organiser suffixes no catalogue uses, separators changed (``_``, ``/``,
doubled spaces), a trailing full stop, a name cut short with an ellipsis.

Both are deterministic for a seed.  Neither produces a name that belongs to no method.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

Generator = Callable[[random.Random, str], str]

_KEYBOARD_SUFFIXES = (
    " (Småkommunprojektet)",
    "-grupper",
    " i skolan",
    " i kommunen",
    "-informatörer",
    " (pilot)",
    " – lokal version",
    " i Oslo kommune",
    "-gruppe",
    " (Region Västerbotten)",
    " på fritidsgården",
    " in der Schule",
)

_OFFICE_LABELS = ("Insats: ", "Metod: ", "Program: ", "Tiltak: ", "Projekt ", "Föräldraprogram: ", "Kurs: ")
_OFFICE_PLACES = (
    " – Kungsholmen",
    " @ Fryshuset",
    " (Familjecentralen Norr)",
    " / BUP",
    " – Grünerløkka bydel",
    " (socialtjänsten)",
    " vid Ungdomsmottagningen",
    " (digitalt)",
    " – fortbildning",
    " i regi av elevhälsan",
    " (Bydel Gamle Oslo)",
    " + uppföljning",
    " (finansierat av Länsstyrelsen)",
    " för vårdnadshavare",
)
_OFFICE_TERMS = ("HT19", "VT21", "ht 2022", "vår 2020", "2018–2020", "2023/24")


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("ø", "o").replace("Ø", "O").replace("æ", "ae"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 6]
    if not long_words:
        return text
    i = rng.choice(long_words)
    w = words[i]
    pos = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        w = w[:pos] + w[pos + 1 :]
    elif kind == 1:
        w = w[: pos - 1] + w[pos] + w[pos - 1] + w[pos + 1 :]
    elif kind == 2:
        w = w[:pos] + rng.choice("aeinorst") + w[pos + 1 :]
    else:
        w = w[:pos] + rng.choice("aeinorst") + w[pos:]
    words[i] = w
    return " ".join(words)


def keyboard(rng: random.Random, name: str) -> str:
    """Typing noise: case, diacritics, a typo, swapped words, a local suffix, a bracketed year."""
    text = name
    r = rng.random()
    if r < 0.25:
        text = text.lower()
    elif r < 0.35:
        text = text.upper()
    if rng.random() < 0.3:
        text = strip_diacritics(text)
    if rng.random() < 0.6:
        text = _typo(rng, text)
    if rng.random() < 0.15:
        words = text.split(" ")
        if len(words) >= 2:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
            text = " ".join(words)
    if rng.random() < 0.4:
        text += rng.choice(_KEYBOARD_SUFFIXES)
    if rng.random() < 0.35:
        text += f" ({rng.randrange(1995, 2026)})"
    return text


def office(rng: random.Random, name: str) -> str:
    """Names as copied out of plans and spreadsheets (see the module docstring)."""
    text = name
    if rng.random() < 0.2:
        text = rng.choice(_OFFICE_LABELS) + text
    if rng.random() < 0.15:
        text = text.replace(" ", rng.choice(("_", "  ", " / ")), 1)
    if rng.random() < 0.1 and len(text) > 28:
        text = text[:24].rstrip() + "…"
    if rng.random() < 0.45:
        text += rng.choice(_OFFICE_PLACES)
    r = rng.random()
    if r < 0.3:
        text += f" {rng.randrange(2005, 2027)}"
    elif r < 0.45:
        text += f" (grupp {rng.randrange(1, 40)})"
    elif r < 0.55:
        text += f", gr. {rng.randrange(1, 12)}"
    elif r < 0.65:
        text += " " + rng.choice(_OFFICE_TERMS)
    if rng.random() < 0.1:
        text += "."
    if rng.random() < 0.2:
        text = text.title()
    return text


GENERATORS: dict[str, Generator] = {"keyboard": keyboard, "office": office}
