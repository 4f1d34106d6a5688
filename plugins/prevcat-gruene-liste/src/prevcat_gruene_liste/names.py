"""Names, origin country and original programme from the Grüne Liste's columns, by explicit rules.

* ``Alternative Namen``: each ``|`` item is an alias (German unless ``NAME_LANGUAGES`` says
  otherwise); a bracketed acronym is an alias too ("Ich kann Probleme lösen (IKPL)"), any other
  bracket is a comment ("(Schweizer Version)") and stays only in the verbatim cell.
* ``Untertitel``: a leading "<Programmname> - " is dropped; "(früher: X)" gives the former name
  X; when the programme name is an acronym (at most 6 characters, no space, two capitals or a
  colon: HaLT, IPSY, EFFEKT, e:du) the subtitle's first sentence spells it out and is an alias.
* ``Herkunftsland / Originalprogramm``: see :func:`parse_origin`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from attrs import frozen

from prevcat.importers.registry_spec import load_spec
from prevcat.importers.vocab import split_multi
from prevcat.model import Alias

_SPEC = load_spec("prevcat_gruene_liste")
COUNTRIES = _SPEC.vocabulary("countries", str)
NAME_LANGUAGES = _SPEC.table("name_languages")

_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*(?:[ -][0-9][0-9-]*)?$")
_TRAILING_BRACKET = re.compile(r"^(.*?)\s*\(([^()]+)\)$")
_FORMERLY = re.compile(r"\(früher:?\s*([^()]+)\)", re.IGNORECASE)
_MARKS = re.compile(r"[®™©]")
_COUNTRY_COLON = re.compile(r"(?P<country>[^:()]+?):\s*(?P<original>[^()]+?)\s*(?:\(.*\))?")
_ADAPTATION = re.compile(
    r"(?P<part>.+?) ist eine Adaptation (?:von|des|der) (?P<original>[^()]+?)\s*(?:\(.*\))?"
)
_BASED_ON = re.compile(
    r"auf Grundlage (?:eines|einer|des|der|von)\b(?P<original>[^()]*?)\s*(?:\((?P<bracket>[^()]+)\))?"
)
_COUNTRY_BRACKET = re.compile(r"(?P<country>[^()]+?)\s*(?:\((?P<detail>.*)\))?")


def lang_of(name: str) -> str:
    return NAME_LANGUAGES.get(name.strip().casefold(), "de")


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text.strip()))


def _alias(name: str) -> Alias:
    name = _MARKS.sub("", name).strip()
    return Alias(name, lang_of(name))


def parse_alternative_names(cell: str) -> tuple[Alias, ...]:
    out: list[Alias] = []
    for item in split_multi(cell):
        bracket = _TRAILING_BRACKET.match(item)
        if bracket:
            out.append(_alias(bracket.group(1)))
            if is_acronym(bracket.group(2)):
                out.append(_alias(bracket.group(2)))
        else:
            out.append(_alias(item))
    return tuple(out)


def is_acronym_name(name: str) -> bool:
    """HaLT, IPSY, EFFEKT, e:du: a short name whose subtitle spells it out."""
    name = name.strip()
    capitals = sum(c.isupper() for c in name)
    return len(name) <= 6 and " " not in name and (capitals >= 2 or ":" in name)


def parse_subtitle(name: str, subtitle: str) -> tuple[Alias, ...]:
    """Aliases a subtitle holds: the spelled-out acronym and former names."""
    text = " ".join(subtitle.split())
    squeezed = name.replace(" ", "").casefold()
    head, sep, rest = text.partition(" - ")
    if sep and head.replace(" ", "").casefold() == squeezed:
        text = rest
    out = [_alias(former) for former in _FORMERLY.findall(text)]
    text = _FORMERLY.sub("", text)
    if is_acronym_name(name):
        first = re.split(r"\.\s|\.$|\s\(", text, maxsplit=1)[0].strip()
        if first:
            out.insert(0, Alias(first, "de"))
    return tuple(out)


@frozen
class Origin:
    country: str | None
    original: str | None
    unread: tuple[str, ...]  #: parts no rule reads (kept verbatim, reported)
    notes: tuple[str, ...] = ()  #: parts read but deliberately not used, with the reason


def _country(name: str) -> str | None:
    found = COUNTRIES.lookup(name.strip())
    return found[0] if found else None


def parse_origin(cell: str, programme: str, aliases: Iterable[Alias]) -> Origin:
    """Read ``Herkunftsland / Originalprogramm`` part by part (``|`` and ``;``).

    * "USA: Skills for Adolescence (Quest International)": country and original programme;
    * "Niederlande (Opstapje)": country; the bracket is the original when it names one of the
      programme's own aliases, else it names the developer;
    * "auf Grundlage eines ... Modellprogramms (PATHS)" / "auf Grundlage von X": original;
    * "X ist eine Adaptation von Y (...)": original Y when X is the programme itself; when X is
      one of its modules (EFFEKT's TIP) the programme as a whole is not an adaptation of Y.
    """
    names = {a.name.casefold() for a in aliases}
    countries: list[str] = []
    original: str | None = None
    unread: list[str] = []
    notes: list[str] = []

    def set_original(value: str) -> None:
        nonlocal original
        if original is None:
            original = value.strip()

    def country_colon(m: re.Match[str]) -> bool:
        code = _country(m.group("country"))
        if code is None:
            return False
        countries.append(code)
        set_original(m.group("original"))
        return True

    def adaptation(m: re.Match[str]) -> bool:
        if m.group("part").strip().casefold() == programme.strip().casefold():
            set_original(m.group("original"))
        else:
            notes.append(f"{m.group(0)!r}: a module's adaptation, not the programme's original")
        return True

    def based_on(m: re.Match[str]) -> bool:
        set_original(m.group("bracket") or m.group("original"))
        return True

    def country_bracket(m: re.Match[str]) -> bool:
        code = _country(m.group("country"))
        if code is None:
            return False
        countries.append(code)
        detail = m.group("detail")
        if detail and detail.strip().casefold() in names:
            set_original(detail)
        return True

    rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], bool]]] = [
        (_COUNTRY_COLON, country_colon),
        (_ADAPTATION, adaptation),
        (_BASED_ON, based_on),
        (_COUNTRY_BRACKET, country_bracket),
    ]
    for part in filter(None, (p.strip() for p in _SPEC.pattern("origin_parts").split(cell))):
        if not any((match := pattern.fullmatch(part)) and read(match) for pattern, read in rules):
            unread.append(part)
    distinct = list(dict.fromkeys(countries))
    if len(distinct) > 1:
        notes.append(f"several countries of origin ({', '.join(distinct)}); none chosen")
    country = distinct[0] if len(distinct) == 1 else None
    return Origin(country=country, original=original, unread=tuple(unread), notes=tuple(notes))

