"""Normalisation of method names for matching; display names are never changed.

A name becomes a :class:`NameForm`:

* ``key``: folded (case, diacritics, dash variants), generic words removed (``programme``,
  ``programmet``, ``Programm``, ``tiltaket``...), glossary terms replaced by their concept
  (``föräldrar`` and ``Eltern`` both become ``parent``), age-band numbers kept (``10-14``);
* ``exact``: every word as written (case-folded, diacritics kept), so that ``för`` and
  ``for`` stay distinct;
* ``acronyms``: written acronyms (``SFP``, ``ÖPP``, ``(TSI)``) and initials of the name
  (``Good Behavior Game`` → ``GBG``), folded;
* ``bands``: age bands written in the name (``SFP 10-14``, ``3–6 år``);
* ``langs``: languages hinted at by the words (glossary terms, function words, letters).

One job, a little over 400 lines: turning a name into its key, words, acronyms, bands and
languages is one pass over the words, and its caches must see all of it.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable

from attrs import frozen

from prevcat.linking.glossary import Glossary, load_shipped_glossary
from prevcat.linking.text import data_lines, fold, fold_exact, fold_words

__all__ = [
    "NameForm",
    "acronym_expansions",
    "band_spans",
    "fold",
    "generic_words",
    "name_variants",
    "normalize",
]

_NON_WORD = re.compile(r"[^0-9a-z]+")
_DIGIT = re.compile(r"\d")
_BAND_TOKEN = re.compile(r"\d{1,2}-\d{1,2}")
_SPLIT_WORDS = re.compile(r"[^0-9a-z-]+")
_SPLIT_WORDS_DASH = re.compile(r"[^0-9a-z]+")
_NON_WORD_EXACT = re.compile(r"[^\w]+|_")
_BAND = re.compile(r"(?<![\d.,])(\d{1,2})\s*(?:-|–|—|t/m|tot|bis|till|til)\s*(\d{1,2})(?!\d|[.,]\d)")
_ACRONYM = re.compile(r"(?<![\w])([A-ZÅÄÖØÆÜ][A-ZÅÄÖØÆÜ0-9]{1,5})(?![\w])")
_LETTER_LANGS: dict[str, frozenset[str]] = {
    "å": frozenset({"sv", "nb", "nn", "da"}),
    "ä": frozenset({"sv", "fi", "de"}),
    "ö": frozenset({"sv", "fi", "de"}),
    "ø": frozenset({"nb", "nn", "da"}),
    "æ": frozenset({"nb", "nn", "da"}),
    "ü": frozenset({"de"}),
    "ß": frozenset({"de"}),
}
#: words that annotate a name rather than belong to it (``(former name)``, ``svensk versjon``)
_ANNOTATION = frozenset(
    "former formerly name names original version versjon variant umbrella edition spelling fact sheet "
    "tidigare fruher voorheen tidligere navn namn svensk norsk dansk deutsche fassung udgave utg "
    "used developer registries other".split()
)


@functools.cache
def generic_words() -> dict[str, frozenset[str]]:
    """Generic words per language (``*`` = any), folded: removed from keys, kept for display."""
    out: dict[str, set[str]] = {}
    for row in csv.DictReader(data_lines("generic.csv")):
        for word in (row.get("words") or "").split("|"):
            if word.strip():
                out.setdefault(row["lang"].strip(), set()).add(fold(word))
    return {lang: frozenset(words) for lang, words in out.items()}


@functools.cache
def _generic_index() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    words: set[str] = set()
    langs: dict[str, set[str]] = {}
    for lang, group in generic_words().items():
        words |= group
        if lang != "*":
            for w in group:
                langs.setdefault(w, set()).add(lang)
    return frozenset(words), {w: frozenset(v) for w, v in langs.items()}


@functools.cache
def _exact_generic_langs() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in csv.DictReader(data_lines("generic.csv")):
        lang = row["lang"].strip()
        if lang == "*":
            continue
        for word in (row.get("words") or "").split("|"):
            if word.strip():
                out.setdefault(fold_exact(word.strip()), set()).add(lang)
    return {w: frozenset(v) for w, v in out.items()}


@functools.cache
def acronym_expansions() -> dict[str, tuple[str, ...]]:
    """Known acronyms (folded) and their expansions as written (``sfp`` → Strengthening Families...)."""
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(data_lines("acronyms.csv")):
        out.setdefault(fold(row["acronym"]), []).append(row["expansion"].strip())
    return {k: tuple(v) for k, v in out.items()}


@frozen
class NameForm:
    """A name prepared for matching (see the module docstring)."""

    text: str
    key: str
    tokens: tuple[str, ...]
    exact: str
    acronyms: frozenset[str]  #: written acronyms and computed initials
    written: frozenset[str]  #: acronyms written in the name (``SFP``, ``(TSI)``)
    bands: tuple[tuple[int, int], ...]
    langs: frozenset[str]
    concepts: tuple[str, ...]  #: glossary concepts found (``parent``, ``family``...)
    dropped: tuple[str, ...]  #: folded words removed as generic or as annotations


def _bands(text: str) -> tuple[tuple[int, int], ...]:
    if not _DIGIT.search(text):
        return ()
    out: list[tuple[int, int]] = []
    for match in _BAND.finditer(text):
        low, high = int(match.group(1)), int(match.group(2))
        if low < high <= 30 and (low, high) not in out:
            out.append((low, high))
    return tuple(out)


def band_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The age bands written in ``text`` (``SFP 10-14`` → ``((10, 14),)``)."""
    return _bands(text)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w[0].isalpha())


_GENERIC_SUFFIXES = (
    "programmet",
    "programmen",
    "programet",
    "programme",
    "programma",
    "programm",
    "program",
    "projektet",
    "metoden",
    "modellen",
)


def _strip_generic_suffix(word: str, generic: frozenset[str], gloss: Glossary) -> tuple[str, ...]:
    """``preventionsprogrammet`` → ``preventions``; ``haschavvanjningsprogrammet`` stays whole."""
    for suffix in _GENERIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            head = word[: -len(suffix)]
            for cand in (head, head[:-1] if head[-1:] in "sae" else ""):
                if cand and (gloss.concept(cand) or gloss.split_compound(cand)):
                    return (cand,)
    return (word,)


def _contains(tokens: list[str], part: tuple[str, ...]) -> bool:
    n = len(part)
    return n > 0 and any(tuple(tokens[i : i + n]) == part for i in range(len(tokens) - n + 1))


_EXPANSIONS: dict[int, dict[str, tuple[tuple[str, ...], ...]]] = {}


def _expansion_keys(glossary: Glossary) -> dict[str, tuple[tuple[str, ...], ...]]:
    cached = _EXPANSIONS.get(id(glossary))
    if cached is None:
        cached = {
            acronym: tuple(normalize(e, glossary, expand=False).tokens for e in expansions)
            for acronym, expansions in acronym_expansions().items()
        }
        _EXPANSIONS[id(glossary)] = cached
    return cached


_WORDS: dict[tuple[int, str, str], tuple[tuple[str, str | None, frozenset[str]], ...]] = {}
_FORMS: dict[tuple[int, str, bool], NameForm] = {}
_CACHE_LIMIT = 1 << 19


def trim_caches(limit: int) -> None:
    """Empty each normalisation cache holding more than ``limit`` entries (a long resolving run
    calls this between chunks, so that memory does not grow with the number of names)."""
    for cache in (_WORDS, _FORMS, _CORES):
        if len(cache) > limit:
            cache.clear()
    for folded in (fold, fold_exact):
        if folded.cache_info().currsize > limit:
            folded.cache_clear()


def _word_info(
    gloss: Glossary, word: str, written: str, generic: frozenset[str]
) -> tuple[tuple[str, str | None, frozenset[str]], ...]:
    """``(part, concept, languages)`` for each part of one folded word (cached)."""
    key = (id(gloss), word, written)
    found = _WORDS.get(key)
    if found is not None:
        return found
    parts = gloss.split_compound(word) or _strip_generic_suffix(word, generic, gloss)
    out = []
    for part in parts:
        # the word as written first: "stärka" (strengthen) is not "starka" (strong)
        concept = gloss.concept_exact(written) if part == word and written else None
        out.append((part, concept or gloss.concept(part), gloss.languages(part)))
    if len(_WORDS) > _CACHE_LIMIT:
        _WORDS.clear()
    result = tuple(out)
    _WORDS[key] = result
    return result


_EXPANSION_INDEX: dict[int, dict[str, list[tuple[str, tuple[str, ...]]]]] = {}


def _expansion_index(glossary: Glossary) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    index = _EXPANSION_INDEX.get(id(glossary))
    if index is None:
        index = {}
        for acronym, keys in _expansion_keys(glossary).items():
            for k in keys:
                if k:
                    index.setdefault(k[0], []).append((acronym, k))
        _EXPANSION_INDEX[id(glossary)] = index
    return index


def normalize(
    text: str, glossary: Glossary | None = None, *, extra_generic: Iterable[str] = (), expand: bool = True
) -> NameForm:
    """The :class:`NameForm` of one name.

    With ``expand``, a known acronym's expansion written out (``Strengthening Families
    Program``) adds the acronym (``sfp``) to ``acronyms``.
    """
    gloss = glossary if glossary is not None else load_shipped_glossary()
    extra_words = tuple(extra_generic)
    if not extra_words:
        cache_key = (id(gloss), text, expand)
        cached = _FORMS.get(cache_key)
        if cached is not None:
            return cached
        form = _normalize(text, gloss, (), expand)
        if len(_FORMS) > _CACHE_LIMIT:
            _FORMS.clear()
        _FORMS[cache_key] = form
        return form
    return _normalize(text, gloss, extra_words, expand)


#: what a name's lower-case text determines: key, tokens, exact, langs, concepts, dropped,
#: computed acronyms (initials, expansions) and the one content word an all-caps name makes an acronym
_Core = tuple[
    str, tuple[str, ...], str, frozenset[str], tuple[str, ...], tuple[str, ...], frozenset[str], str | None
]
_CORES: dict[tuple[int, str, tuple[tuple[int, int], ...], bool], _Core] = {}


def _normalize(text: str, gloss: Glossary, extra_generic: tuple[str, ...], expand: bool) -> NameForm:
    bands = _bands(text)
    # a possessive is one word ("Zippy's" and "Zippys" are one name), in any language
    words_of = _POSSESSIVE.sub(r"\1s", text) if "'" in text or "’" in text else text
    # only written acronyms depend on case: the rest is computed once per lower-case text
    # (``PAX i skolan`` and ``pax i skolan``), unless lowering changes more than case
    lower = words_of.lower()
    core: _Core | None = None
    core_key = (id(gloss), lower, bands, expand)
    cacheable = not extra_generic and lower.isascii() == words_of.isascii()
    if cacheable:
        core = _CORES.get(core_key)
    if core is None:
        core = _normalize_core(lower if cacheable else words_of, bands, gloss, extra_generic, expand)
        if cacheable:
            if len(_CORES) > _CACHE_LIMIT:
                _CORES.clear()
            _CORES[core_key] = core
    key, tokens, exact, langs, concepts, dropped, computed, single = core
    raw_acronyms = (
        {fold(m.group(1)) for m in _ACRONYM.finditer(text) if not m.group(1).isdigit()}
        if not text.islower()  # an acronym is written in capitals
        else set()
    )
    acronyms = raw_acronyms | computed
    written = raw_acronyms
    if single is not None and text.strip().isupper():
        acronyms = acronyms | {single}
        written = written | {single}
    return NameForm(
        text=text,
        key=key,
        tokens=tokens,
        exact=exact,
        acronyms=frozenset(a for a in acronyms if a),
        written=frozenset(a for a in written if a),
        bands=bands,
        langs=langs,
        concepts=concepts,
        dropped=dropped,
    )


def _normalize_core(
    text: str,
    bands: tuple[tuple[int, int], ...],
    gloss: Glossary,
    extra_generic: tuple[str, ...],
    expand: bool,
) -> _Core:
    generic, _ = _generic_index()
    extra = frozenset(extra_generic)
    # word by word: only the spacing differs from fold(text), and words are split below
    folded = fold_words(text, fold)
    words: list[str] = []
    if bands:
        # age bands become single tokens ``10-14`` so the numbers stay together
        folded = _BAND.sub(lambda m: f" {int(m.group(1))}-{int(m.group(2))} ", folded)
        for w in _SPLIT_WORDS.split(folded):
            if not w:
                continue
            if w[0].isdigit() and _BAND_TOKEN.fullmatch(w):
                words.append(w)
            else:
                words.extend(p for p in w.split("-") if p)
    else:
        words = [w for w in _SPLIT_WORDS_DASH.split(folded) if w]
    exact_words = [w for w in _NON_WORD_EXACT.split(fold_words(text, fold_exact)) if w]
    as_written: dict[str, str] = {}
    for ew in exact_words:
        as_written.setdefault(fold(ew), ew)
    langs: dict[str, int] = {}
    lowered = text.casefold()
    for ch, hinted in [] if text.isascii() else _LETTER_LANGS.items():
        if ch in lowered:
            for lang in hinted:
                langs[lang] = langs.get(lang, 0) + 1
    tokens: list[str] = []
    concepts: list[str] = []
    dropped: list[str] = []
    content_words: list[str] = []
    exact_langs = _exact_generic_langs()
    for w in exact_words:
        for lang in exact_langs.get(w, ()):  # function words hint at a language ("för" is not "for")
            langs[lang] = langs.get(lang, 0) + 1
    for w in words:
        if w in generic or w in extra or w in _ANNOTATION:
            dropped.append(w)
            continue
        content_words.append(w)
        for part, concept, part_langs in _word_info(gloss, w, as_written.get(w, ""), generic):
            for lang in part_langs:
                langs[lang] = langs.get(lang, 0) + 1
            if concept is not None:
                concepts.append(concept)
                tokens.append(concept)
            else:
                tokens.append(part)
    if not tokens:  # a name made only of generic words keeps them
        tokens = [w for w in words if w not in _ANNOTATION] or list(words)
        content_words = list(tokens)
    alpha_words = [w for w in words if not w[0].isdigit()]
    acronyms: set[str] = set()
    if 3 <= len(alpha_words) <= 5:
        for ini in (_initials(alpha_words), _initials([w for w in content_words if not w[0].isdigit()])):
            if len(ini) >= 3:
                acronyms.add(ini)
    single = content_words[0] if len(content_words) == 1 and 2 <= len(content_words[0]) <= 6 else None
    if expand:
        by_first = _expansion_index(gloss)
        for t in set(tokens):
            for acronym, key in by_first.get(t, ()):
                if _contains(tokens, key):
                    acronyms.add(acronym)
    top = max(langs.values(), default=0)
    return (
        " ".join(tokens),
        tuple(tokens),
        " ".join(exact_words),
        frozenset(lang for lang, n in langs.items() if n == top and top > 0),
        tuple(concepts),
        tuple(dropped),
        frozenset(acronyms),
        single,
    )


_SUBTITLE = re.compile(r"\s+(?:--|[-–—:])\s+|:\s+|\s+—|—\s+|\s*,\s+")  # "--": a dash typed
_PAREN = re.compile(r"\(([^()]*)\)")
#: a parenthesis that says what a name is, not a name: "MI/KAT-GO (tidligere navn)",
#: "(former name)", "(früher)", "(voorheen)"; dropped before the name is cut into forms
_NAME_NOTE = re.compile(
    r"\(\s*(?:tidligere|tidigare|former|formerly|previously|früher|frueher|ehemals|"
    r"voorheen|vroeger|aiemmin|entiset|old name|alias)\b[^()]*\)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(\w)['’]s\b")


def name_variants(name: str) -> list[tuple[str, str]]:
    """The forms of one written name worth matching, as ``(kind, text)`` pairs.

    ``kind`` is ``full`` (as written), ``main`` (before a subtitle or a parenthesis),
    ``short`` (before a short subtitle that may tell versions apart: ``Incredible Years –
    Teacher``), ``part`` (one side of ``A/B`` or of ``A – B``) or ``paren`` (inside parentheses).

    >>> name_variants("Tidiga Samordnade Insatser (TSI)")
    [('full', 'Tidiga Samordnade Insatser (TSI)'), ('main', 'Tidiga Samordnade Insatser'), ('paren', 'TSI')]
    """
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    name = " ".join(_NAME_NOTE.sub(" ", name).split()) or name

    def add(kind: str, text: str) -> None:
        text = text.strip(" ,;.'\"“”‘’«»")
        key = fold(text)
        if len(key) < 2 or key in seen:
            return
        seen.add(key)
        out.append((kind, text))

    add("full", name)
    no_paren = _PAREN.sub(" ", name)
    no_paren = " ".join(no_paren.split())
    pieces = [p for p in _SUBTITLE.split(no_paren) if p.strip()]
    if pieces:
        subtitle = " ".join(pieces[1:])
        versioned = any(ch.isdigit() for inner in _PAREN.findall(name) for ch in inner) and not any(
            ch.isdigit() for ch in no_paren
        )
        short = 0 < len(subtitle.split()) <= 5 or (versioned and len(pieces) == 1)
        add("short" if short else "main", pieces[0])
        if len(pieces[0]) < len(no_paren):
            add("main", no_paren)
        for piece in pieces[1:]:
            if len(piece.split()) <= 6:
                add("part", piece)
    head = pieces[0] if pieces else no_paren
    if "/" in head:
        for piece in head.split("/"):
            if piece.strip():
                add("part", piece)
    for inner in _PAREN.findall(name):
        for piece in re.split(r"[;,]", inner):
            if piece.strip() and len(piece.split()) <= 8:
                add("paren", piece)
    return out
