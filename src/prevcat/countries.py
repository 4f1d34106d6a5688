"""ISO 3166-1 alpha-2 country codes (officially assigned), for validating ``country`` fields,
and the regions prevcat compares by (Nordic, German-, Dutch- and English-speaking)."""

from __future__ import annotations

import pycountry

#: every officially assigned ISO 3166-1 alpha-2 code, from pycountry's copy of the ISO tables
ISO_3166_ALPHA2: frozenset[str] = frozenset(country.alpha_2 for country in pycountry.countries)

NORDIC = frozenset({"SE", "NO", "DK", "FI", "IS", "FO", "GL", "AX"})
GERMAN_SPEAKING = frozenset({"DE", "AT", "CH", "LI", "LU"})
DUTCH_SPEAKING = frozenset({"NL", "BE"})
ENGLISH_SPEAKING = frozenset({"US", "GB", "IE", "CA", "AU", "NZ"})

REGIONS: dict[str, frozenset[str]] = {
    "Nordic": NORDIC,
    "German-speaking": GERMAN_SPEAKING,
    "Dutch-speaking": DUTCH_SPEAKING,
    "English-speaking": ENGLISH_SPEAKING,
}


def region_of(country: str | None) -> str | None:
    """The name of the region a country belongs to (``SE`` gives ``Nordic``), or None."""
    if country is None:
        return None
    for name, members in REGIONS.items():
        if country.upper() in members:
            return name
    return None
