"""Blueprints vocabulary → prevcat model: small tables, both page generations side by side.

Older fact-sheet labels and newer programme-page labels of the same thing sit next to each
other.  A term mapped to ``()`` is known and deliberately has no model value (it is kept
verbatim in ``extra``); a term missing from a table is reported as a warning.
"""

from __future__ import annotations

import re

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance

L = PreventionLevel
S = Setting
SUB = Substance
D = Domain

LEVELS: VocabularyMap[PreventionLevel] = VocabularyMap(
    {
        "Universal Prevention (Entire Population)": L.UNIVERSAL,  # older
        "Universal Prevention": L.UNIVERSAL,  # newer
        "Selective Prevention (Elevated Risk)": L.SELECTIVE,
        "Selective Prevention": L.SELECTIVE,
        "Indicated Prevention (Early Symptoms of Problem)": L.INDICATED,
        "Indicated Prevention": L.INDICATED,
    }
)

SETTINGS: VocabularyMap[Setting] = VocabularyMap(
    {
        "School": S.SCHOOL,
        "Home": S.FAMILY,
        "Community (e.g., religious, recreation)": S.COMMUNITY,  # older
        "Community": S.COMMUNITY,  # newer
        "Correctional Facility": S.CRIMINAL_JUSTICE,
        "Mental Health/Treatment Center": S.HEALTH_CARE,
        "Hospital/Medical Center": S.HEALTH_CARE,
        "Social Services": S.SOCIAL_SERVICES,
        # "Transitional Between Contexts" (e.g. custody to community) has no setting: reported.
    }
)

_GENERAL = [SUB.GENERAL]
_CRIME = [SUB.VIOLENCE_CRIME]

#: Program Outcomes → what the method addresses.  Fact-sheet labels of both generations, then
#: the newsletter's own wordings.  "Substance Use" (newsletter) names no substance: reported.
OUTCOMES: VocabularyMap[Substance] = VocabularyMap(
    {
        "Alcohol": SUB.ALCOHOL,
        "Tobacco": SUB.TOBACCO_NICOTINE,
        "Illicit Drug Use": [SUB.CANNABIS, SUB.OTHER_ILLICIT_DRUGS],  # older: includes marijuana
        "Illicit Drugs": SUB.OTHER_ILLICIT_DRUGS,  # newer: marijuana listed apart
        "Marijuana/Cannabis": SUB.CANNABIS,
        "Delinquency and Criminal Behavior": _CRIME,
        "Antisocial-aggressive Behavior": _CRIME,
        "Violence": _CRIME,
        "Violent Victimization": _CRIME,
        "Bullying": _CRIME,
        "Child Maltreatment": _CRIME,
        "Conduct Problems": _GENERAL,
        "Externalizing": _GENERAL,
        "Internalizing": _GENERAL,
        "Depression": _GENERAL,
        "Anxiety": _GENERAL,
        "Emotional Regulation": _GENERAL,
        "Mental Health - Other": _GENERAL,
        "Suicide/Suicidal Thoughts": _GENERAL,
        "Close Relationships with Parents": _GENERAL,
        "Reciprocal Parent-Child Warmth": _GENERAL,
        "Positive Social/Prosocial Behavior": _GENERAL,
        "Prosocial with Peers": _GENERAL,
        "Sexual Risk Behaviors": _GENERAL,
        "STIs": _GENERAL,
        "Teen Pregnancy": _GENERAL,
        "Academic Performance": _GENERAL,
        "Truancy - School Attendance": _GENERAL,
        # newsletter wordings (Blueprints Bulletin)
        "Delinquency": _CRIME,
        "Mental Health": _GENERAL,
        "Sexual Risk Behavior": _GENERAL,
    }
)

_PREVENTION = [D.PREVENTION]

#: Program Type → domains.  ``()``: a known type that says nothing about the domain.
TYPES: VocabularyMap[Domain] = VocabularyMap(
    {
        "Alcohol Prevention and Treatment": _PREVENTION,
        "Drug Prevention/Treatment": _PREVENTION,
        "Cognitive-Behavioral Training": (),
        "Skills Training": _PREVENTION,
        "Social Emotional Learning": _PREVENTION,
        "School - Individual Strategies": _PREVENTION,
        "School - Environmental Strategies": _PREVENTION,
        "Bullying Prevention": _PREVENTION,
        "Parent Training": _PREVENTION,
        "Teacher Training": _PREVENTION,
        # Blueprints files universal family programmes (SFP 10-14, SAAF) under "Family Therapy" too,
        # so the type alone does not make a method treatment; a name that says therapy does.
        "Family Therapy": (),
        "Foster Care and Family Prevention": _PREVENTION,
        "Community Supervision and Aftercare": D.SOCIAL_REINTEGRATION,
        "Juvenile Justice, Other": (),
        "Counseling and Social Work": (),
        "Community, Other Approaches": _PREVENTION,  # older
        "Community - Other Approaches": _PREVENTION,  # newer
    }
)

#: Prevention levels → domains: indicated prevention is early intervention.
LEVEL_DOMAINS: dict[PreventionLevel, Domain] = {
    L.UNIVERSAL: D.PREVENTION,
    L.SELECTIVE: D.PREVENTION,
    L.INDICATED: D.EARLY_INTERVENTION,
    L.ENVIRONMENTAL: D.PREVENTION,
}

#: A method whose name calls it a therapy or treatment is treatment (MST, FFT, TFCO, MST-PSB).
TREATMENT_NAME = re.compile(r"\b(therapy|treatment)\b", re.IGNORECASE)

#: Order of domains on an intervention (the first is the primary one).
DOMAIN_ORDER: tuple[Domain, ...] = (
    D.TREATMENT,
    D.PREVENTION,
    D.EARLY_INTERVENTION,
    D.SOCIAL_REINTEGRATION,
)

#: Age bands that carry no numbers (the fact-sheet bands "Infant (0-2)" etc. parse as written).
AGE_BANDS: dict[str, AgeRange] = {
    "adult": AgeRange(18, None),  # e.g. parents
}

#: Country names as the pages write them → ISO 3166-1 alpha-2.
COUNTRIES: VocabularyMap[str] = VocabularyMap(
    {
        "Australia": "AU",
        "Finland": "FI",
        "United States": "US",
        "USA": "US",
        "Sweden": "SE",
        "Norway": "NO",
        "Iceland": "IS",
        "Netherlands": "NL",
        "Germany": "DE",
        "United Kingdom": "GB",
        "Canada": "CA",
    }
)

#: Endorsement prefixes (spelling and spacing as printed) → (registry name, endorsement scale key).
#: "Blueprints" is the registry's own rating, checked against ``Program Rating``.
OWN_PREFIX = "blueprints"
ENDORSERS: dict[str, tuple[str, str]] = {
    "crime solutions": ("CrimeSolutions", "crimesolutions"),
    "crimesolutions": ("CrimeSolutions", "crimesolutions"),
    "ojjdp model programs": ("OJJDP Model Programs Guide", "crimesolutions"),
    "ojjdp model programs guide": ("OJJDP Model Programs Guide", "crimesolutions"),
    "samhsa": ("SAMHSA NREPP", "nrepp"),
    "nrepp": ("SAMHSA NREPP", "nrepp"),
    "social programs that work": ("Social Programs That Work", "sptw"),
    "what works clearinghouse": ("What Works Clearinghouse", "wwc"),
}


def endorser(prefix: str) -> tuple[str, str] | None:
    """``(registry name, scale key)`` of an endorsement prefix, ignoring case and spacing."""
    return ENDORSERS.get(" ".join(prefix.split()).casefold())


#: Page templates by URL path → version of the Blueprints rating scale (see scales.py).
PAGE_TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/programs/\d+/"), "programs"),
    (re.compile(r"/program-search-non-certified"), "programs"),
    (re.compile(r"/(factsheet|funding|program-costs|evaluation-abstract)/"), "factsheet"),
    (re.compile(r"/issue-no-\d+"), "narrative"),
    (re.compile(r"blueprintsprograms\.(org|com)/[\w-]+/?$"), "narrative"),  # /criteria, /{slug}/
)
#: Rows whose page is unknown are rated on the newer (current) label set, with a warning.
DEFAULT_TEMPLATE = "programs"
