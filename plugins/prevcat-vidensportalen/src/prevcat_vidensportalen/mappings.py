"""Danish vocabulary of Vidensportalen → prevcat's enums, as small tables to audit.

``Tema`` values are mapped exactly; ``Målgruppe`` is short free text, read through the cues
below (substrings of the lower-cased text).  What no table covers stays in ``extra`` and is
warned about, never guessed.
"""

from __future__ import annotations

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import Domain, PreventionLevel, Setting, Substance

S = Setting
P = PreventionLevel
D = Domain

#: the five knowledge types of the declaration, as the snapshot's columns name them
DIMENSIONS: tuple[str, ...] = (
    "Vidensgrundlag Målgruppe",
    "Vidensgrundlag Metode",
    "Vidensgrundlag Implementering",
    "Vidensgrundlag Effekt",
    "Vidensgrundlag Økonomi",
)

#: ``Tema`` (portal theme) → what a method addresses.  Not mapped on purpose:
#: ``Rusmiddelproblematikker`` (substance problems in general; it does not say which substance).
THEMES: VocabularyMap[Substance] = VocabularyMap(
    {
        "Ungdomskriminalitet": [Substance.VIOLENCE_CRIME],
        "Kriminalitet": [Substance.VIOLENCE_CRIME],  # older theme
        "Udadreagerende adfærd": [Substance.GENERAL],  # externalising behaviour
        "Børn med angst": [Substance.GENERAL],
        "ADHD og opmærksomhedsforstyrrelser": [Substance.GENERAL],
        "Omsorgssvigt": [Substance.GENERAL],  # neglect
    }
)

#: ``Målgruppe`` cues → settings, prevention levels and domains.
TARGET_GROUP_CUES: tuple[tuple[str, tuple[Setting | PreventionLevel | Domain, ...]], ...] = (
    ("forældre", (S.FAMILY,)),
    ("familier", (S.FAMILY,)),
    ("institution", (S.SOCIAL_SERVICES,)),  # residential institutions are social-sector care in DK
    ("universelt", (P.UNIVERSAL, D.PREVENTION)),
    ("selektivt", (P.SELECTIVE, D.PREVENTION)),
    ("i risiko for", (P.SELECTIVE, D.PREVENTION)),
    ("kriminalitetstruede", (P.SELECTIVE, D.PREVENTION)),  # at risk of crime
    ("ved adfærdsproblemer", (P.INDICATED, D.EARLY_INTERVENTION)),
    ("adfærdsproblematikker", (D.EARLY_INTERVENTION,)),
    ("milde til", (D.EARLY_INTERVENTION,)),  # mild to severe problems
    ("moderate til", (D.EARLY_INTERVENTION,)),
    # serious problems, a diagnosis, high-intensity institutional care: treatment
    ("alvorlige adfærdsproblemer", (D.TREATMENT,)),
    ("svære adfærdsproblemer", (D.TREATMENT,)),
    ("primær diagnose", (D.TREATMENT,)),
    ("højintensivt", (D.TREATMENT,)),
)

#: country named at the start of ``Oprindelsesland / oprindeligt program`` → ISO 3166-1 alpha-2
COUNTRIES: dict[str, str] = {
    "danmark": "DK",
    "usa": "US",
    "australien": "AU",
    "norge": "NO",
    "sverige": "SE",
    "finland": "FI",
    "england": "GB",
    "storbritannien": "GB",
    "irland": "IE",
    "holland": "NL",
    "nederlandene": "NL",
    "tyskland": "DE",
    "canada": "CA",
    "new zealand": "NZ",
}

#: ``Andre navne`` that are English; others are Danish, acronyms get no language tag.
ENGLISH_NAMES: frozenset[str] = frozenset(
    {
        "Multisystemic Therapy",
        "Parent Management Training – Oregon",
        "Incredible Years Preschool BASIC Parents Program",
        "FFT: Functional Family Therapy",
        "Cool Kids",
        "Chilled",
        "Triple P",
        "MTFC – Multidimensional Treatment Foster Care",
    }
)

#: ``Andre navne`` that name the foreign original programme that the Danish entry translates
#: or adapts (not former names such as MTFC, not the same English title).  Used for
#: ``Intervention.original`` when the origin column names a country other than Denmark.
ORIGINAL_NAMES: frozenset[str] = frozenset(
    {
        "Multisystemic Therapy",
        "Parent Management Training – Oregon",
        "Incredible Years Preschool BASIC Parents Program",
        "Cool Kids",  # "dansk bearbejdning" of Rapee's Cool Kids
    }
)
