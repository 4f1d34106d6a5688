"""What resolving a name gives (:class:`Resolution`, :class:`Candidate`), the tuning
constants of resolving, and the name keys that let equal names share one answer."""

from __future__ import annotations

import re

from attrs import frozen

from prevcat.linking.normalize import band_spans

__all__ = [
    "ACRONYM_FLOOR",
    "AMBIGUITY_MARGIN",
    "BRAND_FLOOR",
    "CURATED_CONFLICT_CAP",
    "Candidate",
    "Resolution",
    "same_answer_key",
    "without_dates",
]

#: two clusters closer than this are reported as ambiguous
AMBIGUITY_MARGIN = 5.0
#: a name holding every word of a catalogue name, one of them a brand, scores at least this
BRAND_FLOOR = 82.0
QUERY_WEIGHT = {"full": 1.0, "main": 1.0, "short": 0.97, "part": 0.95, "paren": 0.9}
COUNTRY_LANGS = {
    "SE": {"sv"},
    "NO": {"nb", "nn", "no"},
    "DK": {"da"},
    "FI": {"fi", "sv"},
    "DE": {"de"},
    "AT": {"de"},
    "CH": {"de"},
    "NL": {"nl"},
    "BE": {"nl"},
    "IS": {"is"},
    "US": {"en"},
    "GB": {"en"},
    "IE": {"en"},
    "AU": {"en"},
    "CA": {"en"},
}
TOP_K = 4
#: candidates per name form scored in full
REFINE = 3
#: a name as written scoring this much (and not ambiguous) is not cut into its parts
SETTLED = 88.0
#: a written acronym shared with an entry's name counts as this score (``GBG``, ``ÖPP``)
ACRONYM_FLOOR = 86.0
#: a curated alias matched by a name that reads as another language counts at most this
CURATED_CONFLICT_CAP = 50.0
CHUNK = 4096
#: entries kept per cache of a resolver (settled answers, scored forms), per process
CACHE_CAP = 15_000
#: alternatives listed per name: the best entry of each of the best clusters
CANDIDATES = 3
#: a parenthesis holding only a year or a span of years (``(2019)``, ``(2015–2018)``): a date, not a name
_DATE = re.compile(r"\s*\(\s*(?:19|20)\d\d(?:\s*[-–—/]\s*(?:(?:19|20)\d\d|\d\d))?\s*\)")
_NON_WORD = re.compile(r"[^\w]+")


def without_dates(name: str) -> str:
    """``name`` without parenthesised years (``PAX i skolan (2019)`` → ``PAX i skolan``).

    >>> without_dates("Komet (2015–2018) i kommunen")
    'Komet i kommunen'
    """
    if "(" not in name:
        return name
    stripped = " ".join(_DATE.sub(" ", name).split())
    return stripped if len(stripped) >= 2 else name


def same_answer_key(name: str) -> tuple[object, ...]:
    """Names with the same key get the same answer: case matters only for written acronyms
    (a word all in capitals) and for the words of an age band (``10 bis 14``)."""
    lower = name.lower()
    capitals: tuple[int, ...] = ()
    if lower != name:
        capitals = tuple([i for i, w in enumerate(_NON_WORD.split(name)) if w.isupper()])
    return (lower, name.isascii(), capitals, band_spans(name))


def shown(score: float) -> float:
    return round(min(100.0, max(0.0, score)), 1)


@frozen
class Candidate:
    """An alternative answer: an entry, its cluster and its score."""

    intervention_id: str
    name: str
    cluster: str | None
    score: float


@frozen
class Resolution:
    """What one free-text name resolved to (``intervention_id`` None when nothing passed)."""

    query: str
    intervention_id: str | None
    cluster: str | None
    name: str | None
    score: float
    reason: str
    candidates: tuple[Candidate, ...] = ()
    ambiguous: bool = False
    #: the variant, when the name says which (a level, an age band, a variant's own name) or
    #: the programme has only one; ``cluster`` is the programme
    variant: str | None = None
