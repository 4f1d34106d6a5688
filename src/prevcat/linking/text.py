"""Text folding and the shipped data files of linking, in one place.

Every module of :mod:`prevcat.linking` folds text with :func:`fold` (case, diacritics,
dashes) and reads its data files with :func:`data_lines`; neither depends on the glossary or
on normalisation, so both of those can import from here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from importlib import resources

__all__ = ["data_lines", "fold", "fold_exact", "fold_words"]

_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "œ": "oe", "ı": "i"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u00ad]")


def data_lines(name: str) -> list[str]:
    """The lines of a shipped data file (``data/<name>``), without blank and ``#`` lines."""
    text = resources.files("prevcat.linking").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Case-fold, fold diacritics (``ö``→``o``, ``æ``→``ae``, ``ß``→``ss``) and dashes; keep spaces.

    >>> fold("Föräldrar i FOKUS – Ørebro")
    'foraldrar i fokus - orebro'
    """
    if text.isascii():
        return text.lower().strip()
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL)
    text = _DASHES.sub("-", text)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@functools.lru_cache(maxsize=1 << 18)
def fold_exact(text: str) -> str:
    if text.isascii():
        return text.lower()
    return _DASHES.sub("-", unicodedata.normalize("NFKC", text).casefold())


def fold_words(text: str, fold_word: Callable[[str], str]) -> str:
    """``fold_word`` applied word by word (words repeat far more than names; cached per word)."""
    return " ".join([fold_word(w) for w in text.split()])
