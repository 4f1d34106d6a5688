"""CrimeSolutions vocabulary → prevcat model: small tables a reader can check against the snapshot.

The snapshot's Topic(s), Age, Setting and Targeted population columns are mostly empty or
free text (crimesolutions.md); the tables hold what is seen plus the likely sidebar values
the notes name.  A term mapped to ``()`` is known and has no model value.
"""

from __future__ import annotations

import re

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import Domain, Setting, Substance

D = Domain
SUB = Substance

#: Which scale version a rating belongs to, by the host of its source page.  Second-hand pages
#: (Blueprints, NCJRS, state and Athena Forum pages) quote the label as it stood: a label found
#: in only one version decides; "Effective"/"Promising" (same meaning in both) count as current.
SITE_VERSIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^https?://(www\.)?crimesolutions\.gov/", re.IGNORECASE), "legacy"),
    (re.compile(r"^https?://(www\.)?crimesolutions\.ojp\.gov/", re.IGNORECASE), "current"),
)
DEFAULT_VERSION = "current"

#: The suffix printed with a rating: "Effective - More than one study", "Promising | One study".
STUDY_COUNTS = ("One study", "More than one study", "More than one meta-analysis")
RATING_WITH_STUDIES = re.compile(
    r"^(?P<label>.+?)\s*[-|]\s*(?P<studies>" + "|".join(STUDY_COUNTS) + r")$", re.IGNORECASE
)

PROFILE_TYPES = ("Program", "Practice")

SETTINGS: VocabularyMap[Setting] = VocabularyMap(
    {
        "School": Setting.SCHOOL,
        "Home": Setting.FAMILY,
        "Community": Setting.COMMUNITY,
        "Correctional": Setting.CRIMINAL_JUSTICE,
        "Correctional Facility": Setting.CRIMINAL_JUSTICE,
    }
)

#: Profile sidebar topics (low confidence: none is confirmed in this snapshot).
TOPICS: VocabularyMap[Substance] = VocabularyMap(
    {
        "Juveniles": (),
        "Drugs & Substance Abuse": (),  # names no particular substance
        "Crime & Crime Prevention": SUB.VIOLENCE_CRIME,
        "Victims & Victimization": SUB.VIOLENCE_CRIME,
    }
)

#: A method whose name calls it a therapy or treatment is treatment (BSFT, MDFT, FFT).
TREATMENT_NAME = re.compile(r"\b(therapy|treatment)\b", re.IGNORECASE)

#: Domains the snapshot's own target-population text states (quoted), by native id.
DOMAINS_BY_ID: dict[str, tuple[Domain, ...]] = {
    "a-cra": (D.TREATMENT,),  # "outpatient programme replacing alcohol/drug-supporting activities"
    "adolescent-diversion-project": (D.EARLY_INTERVENTION,),  # "arrested youth diverted from ... processing"
    "basics": (D.EARLY_INTERVENTION,),  # "college students who drink heavily and have or risk ... problems"
    "mdft": (D.TREATMENT,),  # "youths with substance use disorders and problem behaviours"
}

#: What a method addresses where the snapshot's target-population text names it (quoted), by id.
SUBSTANCES_BY_ID: dict[str, tuple[Substance, ...]] = {
    "basics": (SUB.ALCOHOL,),  # "college students who drink heavily"
    "adults-in-the-making": (SUB.ALCOHOL,),  # "to deter escalation of alcohol use"
    "a-cra": (SUB.ALCOHOL,),  # "replacing alcohol/drug-supporting activities" (drugs unnamed)
    "adolescent-diversion-project": (SUB.VIOLENCE_CRIME,),  # "arrested youth"
    "juvenile-awareness-programs": (SUB.VIOLENCE_CRIME,),  # "at-risk or delinquent juveniles"
}

#: "developed in Finland" in Notes: the origin as the source states it.
DEVELOPED_IN = re.compile(r"\bdeveloped in (?P<country>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*)")
COUNTRIES: VocabularyMap[str] = VocabularyMap(
    {
        "Finland": "FI",
        "Norway": "NO",
        "Sweden": "SE",
        "United States": "US",
        "Australia": "AU",
        "Canada": "CA",
        "England": "GB",
        "United Kingdom": "GB",
        "Germany": "DE",
        "Netherlands": "NL",
    }
)
