"""Xchange's vocabularies mapped onto the model: small tables meant to be read and audited.

A term missing from a table is never guessed: the importer keeps it in ``extra`` and reports a
warning.  Terms that are known but carry no model value are listed separately, with the reason.
"""

from __future__ import annotations

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance

#: "Country of origin" (and the study/implementation country lists) → ISO 3166-1 alpha-2
COUNTRIES: VocabularyMap[str] = VocabularyMap(
    {
        "Austria": "AT",
        "Australia": "AU",
        "Belgium": "BE",
        "Canada": "CA",
        "Czech Republic": "CZ",
        "Czechia": "CZ",
        "Denmark": "DK",
        "Estonia": "EE",
        "Finland": "FI",
        "France": "FR",
        "Germany": "DE",
        "Greece": "GR",
        "Iceland": "IS",
        "Ireland": "IE",
        "Italy": "IT",
        "Netherlands": "NL",
        "Norway": "NO",
        "Poland": "PL",
        "Portugal": "PT",
        "Spain": "ES",
        "Sweden": "SE",
        "Switzerland": "CH",
        "United Kingdom": "GB",
        "USA": "US",
        "United States": "US",
    }
)

#: a value Xchange shows when it records no country: no country, and nothing to warn about
NO_COUNTRY = frozenset({"no country of origin defined"})

#: "Age group": Xchange's fixed bands; None = the band "No defined Age group" (no age claim)
AGE_BANDS: dict[str, AgeRange | None] = {
    "0-5 years": AgeRange(0, 5),
    "6-10 years": AgeRange(6, 10),
    "11-14 years": AgeRange(11, 14),
    "15-18/19 years": AgeRange(15, 19),
    "20-25 years": AgeRange(20, 25),
    "No defined Age group": None,
}

#: "Programme setting(s)".  "Environmental setting" is not a place but the environment itself
#: (norms, availability, nightlife), so it marks environmental prevention rather than a Setting.
SETTINGS: VocabularyMap[Setting | PreventionLevel] = VocabularyMap(
    {
        "School": Setting.SCHOOL,
        "Family": Setting.FAMILY,
        "Community": Setting.COMMUNITY,
        "Juvenile justice setting": Setting.CRIMINAL_JUSTICE,
        "Environmental setting": PreventionLevel.ENVIRONMENTAL,
    }
)

#: "Level(s) of intervention"
LEVELS: VocabularyMap[PreventionLevel] = VocabularyMap(
    {
        "Universal prevention": PreventionLevel.UNIVERSAL,
        "Universal intervention": PreventionLevel.UNIVERSAL,
        "Selective prevention": PreventionLevel.SELECTIVE,
        "Indicated prevention": PreventionLevel.INDICATED,
        "Environmental prevention": PreventionLevel.ENVIRONMENTAL,
    }
)

#: known level labels that cannot be placed, with the reason given in the import warning
UNPLACEABLE_LEVELS: dict[str, str] = {
    "targeted intervention": "Xchange's 'Targeted intervention' does not say whether selective or "
    "indicated prevention is meant",
}

#: "Substance(s) or behaviour addressed" (derived from page wording).  Unspecific substance
#: use is GENERAL (not specific to one substance); "drugs" next to alcohol means illicit drugs.
SUBSTANCES: VocabularyMap[Substance] = VocabularyMap(
    {
        "alcohol": Substance.ALCOHOL,
        "tobacco": Substance.TOBACCO_NICOTINE,
        "cannabis": Substance.CANNABIS,
        "drugs": [Substance.CANNABIS, Substance.OTHER_ILLICIT_DRUGS],
        "substance use": Substance.GENERAL,
        "violence": Substance.VIOLENCE_CRIME,
        "bullying": Substance.VIOLENCE_CRIME,
        "delinquency": Substance.VIOLENCE_CRIME,
        "antisocial behaviour": Substance.VIOLENCE_CRIME,
        "aggression": Substance.VIOLENCE_CRIME,
        "behaviour problems": Substance.GENERAL,
        "child behaviour problems": Substance.GENERAL,
        "child behavioural and emotional problems": Substance.GENERAL,
        "child behavioural, emotional and developmental problems": Substance.GENERAL,
    }
)

#: Domains: Xchange is a prevention registry; a programme Xchange itself calls a therapy
#: (title word "Therapy", e.g. Functional Family Therapy for delinquent youth) is treatment
#: delivered as early (targeted) intervention.
THERAPY_DOMAINS: tuple[Domain, ...] = (Domain.EARLY_INTERVENTION, Domain.TREATMENT)
DEFAULT_DOMAINS: tuple[Domain, ...] = (Domain.PREVENTION,)

#: language of a name, where it is not the registry's English (default "en")
NAME_LANGUAGES: dict[str, str] = {
    "effekt": "sv",  # Swedish name of the Örebro Prevention Programme
    "kiva": "fi",  # Finnish: "Kiusaamista vastaan" (against bullying)
    "pas": "nl",  # Dutch version of EFFEKT ("Preventie Alcoholgebruik Scholieren")
}

#: language names used in "X = Dutch version" clauses
LANGUAGE_NAMES: dict[str, str] = {
    "dutch": "nl",
    "swedish": "sv",
    "german": "de",
    "norwegian": "nb",
    "danish": "da",
    "english": "en",
    "finnish": "fi",
}

#: qualifiers Xchange-derived alternative names carry in brackets; "umbrella" marks the brand
#: the entry belongs to (that goes to ``original``, not to the aliases)
NAME_QUALIFIERS = frozenset({"variant", "special edition", "url slug", "umbrella"})
BRAND_QUALIFIER = "umbrella"

#: titles whose part after " - " is part of the programme's name, not a descriptive subtitle
WHOLE_TITLE_NAMES = frozenset({"TRIPLE P - Positive Parenting Program (Level 4)"})
