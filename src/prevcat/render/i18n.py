"""Translations of the HTML report: gettext catalogues (``render/locale/<lang>/LC_MESSAGES/prevcat.po``).

The ``.po`` files are read at run time with :mod:`babel.messages.pofile` and compiled in memory,
so no compiled ``.mo`` file has to be built, shipped or kept in step with its source.  Message
ids are the English texts; an untranslated or missing message shows in English.
"""

from __future__ import annotations

import functools
import gettext
import io
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from prevcat.errors import PrevcatError

__all__ = ["DOMAIN", "LANGUAGES", "language_for", "translations"]

#: report languages: tag → the language's own name
LANGUAGES: dict[str, str] = {"en": "English", "sv": "svenska", "nb": "norsk bokmål"}
DOMAIN = "prevcat"
#: portfolio language tags that read one of the report languages
_ALIASES = {"no": "nb", "nn": "nb", "nob": "nb", "swe": "sv", "eng": "en", "da": "nb"}


def po_path(lang: str) -> resources.abc.Traversable:
    """The ``.po`` file of a report language."""
    return resources.files("prevcat.render") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (``en`` is the message ids themselves)."""
    if lang not in LANGUAGES:
        raise PrevcatError(f"no report language {lang!r}; languages: {', '.join(LANGUAGES)}")
    if lang == "en":
        return gettext.NullTranslations()
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def language_for(tags: list[str | None]) -> str:
    """The report language for portfolios written in ``tags``: the most common one prevcat speaks,
    English when none (Danish portfolios read the bokmål report, the nearest written language)."""
    counts: dict[str, int] = {}
    for tag in tags:
        if not tag:
            continue
        base = tag.split("-")[0].casefold()
        lang = base if base in LANGUAGES else _ALIASES.get(base)
        if lang:
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return "en"
    return max(sorted(counts), key=lambda k: counts[k])
