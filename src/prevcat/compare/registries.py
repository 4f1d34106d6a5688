"""What readers need to know about registries, countries and languages: the names they go by.

A registry's published size is its own data (``Provenance.published``, from its
``registry.toml``); where a registry publishes no total, reports say "not published".
"""

from __future__ import annotations

__all__ = [
    "COUNTRY_NAMES", "LANGUAGE_NAMES", "REGION_NAMES", "SHORT_NAMES",
    "country_name", "language_name", "registry_name",
]

#: English names of the countries registries and portfolios are in (others show as their code)
COUNTRY_NAMES: dict[str, str] = {
    "SE": "Sweden", "NO": "Norway", "DK": "Denmark", "FI": "Finland", "IS": "Iceland",
    "DE": "Germany", "AT": "Austria", "CH": "Switzerland", "NL": "the Netherlands", "BE": "Belgium",
    "GB": "the United Kingdom", "IE": "Ireland", "US": "the United States", "CA": "Canada",
    "AU": "Australia", "EU": "Europe",
}
#: English names of regions, as :func:`prevcat.countries.region_of` names them
REGION_NAMES: dict[str, str] = {
    "Nordic": "the Nordic countries",
    "German-speaking": "the German-speaking countries",
    "Dutch-speaking": "the Dutch-speaking countries",
    "English-speaking": "the English-speaking countries",
}
#: English names of the languages portfolios are written in
LANGUAGE_NAMES: dict[str, str] = {
    "sv": "Swedish", "nb": "Norwegian", "nn": "Norwegian", "no": "Norwegian", "da": "Danish",
    "fi": "Finnish", "is": "Icelandic", "de": "German", "nl": "Dutch", "en": "English",
}


def language_name(tag: str | None) -> str:
    """``Swedish`` for ``sv``; the tag itself when unknown."""
    if not tag:
        return "?"
    return LANGUAGE_NAMES.get(tag.split("-")[0].casefold(), tag)


def country_name(code: str | None) -> str:
    """``Sweden`` for ``SE``; the code itself when unknown, ``?`` when None."""
    if not code:
        return "?"
    return COUNTRY_NAMES.get(code.upper(), code.upper())

#: names readers know the bundled registries by
SHORT_NAMES: dict[str, str] = {
    "blueprints": "Blueprints",
    "crimesolutions": "CrimeSolutions",
    "gruene-liste": "Grüne Liste Prävention",
    "metodguiden": "Metodguiden",
    "nji": "NJi / RIVM",
    "ungsinn": "Ungsinn",
    "vidensportalen": "Vidensportalen",
    "xchange": "Xchange",
}

def registry_name(source: str, title: str | None = None) -> str:
    """A short name for a registry: ``Blueprints``; else the title up to a dash or parenthesis."""
    if source in SHORT_NAMES:
        return SHORT_NAMES[source]
    text = title or source
    for stop in (" \u2013 ", " - ", " ("):
        text = text.split(stop)[0]
    return text.strip() or source
