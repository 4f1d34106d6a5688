"""The multilingual prevention glossary: terms in many languages mapped onto shared concepts.

The shipped glossary lives in ``data/glossary.csv`` (``concept,lang,terms``); plugins add terms
through the ``prevcat_register_glossary`` hook.  Lookups are made on folded tokens (see
:func:`prevcat.linking.normalize.fold`), so ``föräldrar``, ``foraldrar`` and ``FÖRÄLDRAR`` are
one term.  A glossary maps a token onto a concept key and tells which languages use it.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping

from prevcat.errors import DataError
from prevcat.linking.text import data_lines, fold

__all__ = ["GENERIC_CONCEPTS", "Glossary", "load_shipped_glossary", "shipped_terms"]

#: concepts that describe what a method is about rather than name it: words a city adds
#: ("-grupper", "i skolan") and that many methods share.  Other concepts (``incredible``,
#: ``multisystemic``) are translations of names and count like any word of a name.
GENERIC_CONCEPTS = frozenset(
    "parent parenting family school pupil strengthening strong child youth alcohol drugs cannabis "
    "tobacco prevention group training therapy treatment behaviour early intervention community "
    "teacher skills informant bullying depression trauma aggression positive cognitive".split()
)


@functools.cache
def shipped_terms() -> dict[str, dict[str, str]]:
    """The shipped glossary as ``{language: {term: concept}}`` (terms as written)."""
    out: dict[str, dict[str, str]] = {}
    for lineno, row in enumerate(csv.DictReader(data_lines("glossary.csv")), start=2):
        concept = (row.get("concept") or "").strip()
        lang = (row.get("lang") or "").strip()
        terms = (row.get("terms") or "").strip()
        if not concept or not lang or not terms:
            raise DataError("glossary row needs concept, lang and terms", file="glossary.csv", line=lineno)
        table = out.setdefault(lang, {})
        for term in terms.split("|"):
            if term.strip():
                table[term.strip()] = concept
    return out


class Glossary:
    """Terms of many languages mapped onto concept keys.

    ``Glossary({"sv": {"föräldrar": "parent"}, "de": {"Eltern": "parent"}})``; a folded token
    gives its concept with :meth:`concept` and its languages with :meth:`languages`.
    """

    def __init__(self, tables: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self._tables: dict[str, dict[str, str]] = {}
        self._concept: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        self._langs: dict[str, set[str]] = {}
        for lang, table in (tables or {}).items():
            for term, concept in table.items():
                key = fold(term)
                if not key:
                    continue
                self._tables.setdefault(lang, {})[term] = concept
                # the first concept registered for a folded token wins across languages
                self._concept.setdefault(key, concept)
                self._exact.setdefault(term.casefold(), concept)
                self._langs.setdefault(key, set()).add(lang)
        self._prefixes: dict[str, list[str]] = {}
        for k in sorted((k for k in self._concept if len(k) >= 4 and " " not in k), key=len, reverse=True):
            self._prefixes.setdefault(k[:3], []).append(k)

    def __len__(self) -> int:
        return len(self._concept)

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and token in self._concept

    @property
    def tables(self) -> dict[str, dict[str, str]]:
        """``{language: {term: concept}}`` as registered."""
        return {lang: dict(t) for lang, t in self._tables.items()}

    def concept(self, token: str) -> str | None:
        """The concept of a folded token, or None."""
        return self._concept.get(token)

    def concept_exact(self, word: str) -> str | None:
        """The concept of a word as written (case-folded, diacritics kept), or None."""
        return self._exact.get(word)

    def languages(self, token: str) -> frozenset[str]:
        """Languages in which a folded token is a glossary term (empty when it is none)."""
        return frozenset(self._langs.get(token, ()))

    def split_compound(self, token: str) -> tuple[str, ...] | None:
        """Split a compound (``foraldragrupper``) into glossary terms, or None.

        The head must be a glossary term of 4+ letters; the rest (after an optional linking
        ``s``/``e``/``a``) must be a glossary term too.
        """
        if len(token) < 7 or token in self._concept:
            return None
        for head in self._prefixes.get(token[:3], ()):
            if len(head) >= len(token) - 2 or not token.startswith(head):
                continue
            rest = token[len(head) :]
            for cut in (rest, rest[1:] if rest[:1] in "sea" else ""):
                if len(cut) >= 3 and cut in self._concept:
                    return (head, cut)
        return None

    def merged(self, other: Mapping[str, Mapping[str, str]]) -> Glossary:
        """A glossary with ``other``'s terms added (this glossary's concepts win on clashes)."""
        tables: dict[str, dict[str, str]] = {lang: dict(t) for lang, t in self._tables.items()}
        for lang, table in other.items():
            for term, concept in table.items():
                tables.setdefault(lang, {}).setdefault(term, concept)
        return Glossary(tables)

    @classmethod
    def of(cls, tables: Iterable[Mapping[str, Mapping[str, str]]]) -> Glossary:
        """One glossary from several ``{language: {term: concept}}`` tables, first wins."""
        merged: dict[str, dict[str, str]] = {}
        for tables_one in tables:
            for lang, table in tables_one.items():
                for term, concept in table.items():
                    merged.setdefault(lang, {}).setdefault(term, concept)
        return cls(merged)


@functools.cache
def load_shipped_glossary() -> Glossary:
    """The glossary shipped with prevcat (without plugin additions)."""
    return Glossary(shipped_terms())


def default_glossary(extra: Mapping[str, Mapping[str, str]] | None = None) -> Glossary:
    """The shipped glossary, plus ``extra`` terms (a plugin registry's ``{language: {term: concept}}``)."""
    return load_shipped_glossary().merged(extra) if extra else load_shipped_glossary()
