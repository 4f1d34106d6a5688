"""The Grüne Liste's German vocabularies mapped onto the model: tables meant to be audited.

A term missing from a table is never guessed: the importer keeps it in ``extra`` and reports a
warning.  A trailing bracket (``indizierte Prävention (reaktiver Baustein)``) is a qualifier:
when the whole term is not in a table, it is looked up without the bracket.
"""

from __future__ import annotations

import re

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import AgeRange, PreventionLevel, Setting, Substance

#: "Handlungsfeld / Institution": the registry's setting facet (homepage and older information
#: page).  "Kinder/Jugendliche" names a target group, not a place, so it has no entry.
SETTINGS: VocabularyMap[Setting] = VocabularyMap(
    {
        "Familie": Setting.FAMILY,
        "Kindertagesstätte": Setting.PRESCHOOL,
        "Kita": Setting.PRESCHOOL,
        "Schule": Setting.SCHOOL,
        "Nachbarschaft und Kommune": Setting.COMMUNITY,
        "Nachbarschaft": Setting.COMMUNITY,
        "Kommune": Setting.COMMUNITY,
        "virtueller Raum": Setting.ONLINE_MEDIA,
    }
)

#: Settings read from the ``Zielgruppe`` text when ``Handlungsfeld / Institution`` is empty:
#: whom the text names (parents, pupils, teachers, day-care staff) says where the method is
#: delivered.  Words are matched at their start ("Schüler" matches "Schülerinnen", not
#: "Grundschulalter"), so an age description does not count as a setting; parents named in the
#: genitive ("mit Einverständnis der Eltern") are not a target group.
TARGET_GROUP_SETTINGS: tuple[tuple[re.Pattern[str], Setting], ...] = (
    (re.compile(r"(?<!der )\b(?:Eltern|Mütter|Väter|Familien)\b"), Setting.FAMILY),
    (re.compile(r"\b(?:Kindergarten|Kita|Kindertages|Erzieher)"), Setting.PRESCHOOL),
    (
        re.compile(
            r"\b(?:Schüler|Schulklassen\b|Klassen\b|Klassenstufe|Klasse\b|Lehrkräfte|Lehrer|Grundschule\b"
            r"|Sekundarstufe|Schulsozialarbeit|Lehrpersonal)"
        ),
        Setting.SCHOOL,
    ),
    (re.compile(r"\bKommunen?\b"), Setting.COMMUNITY),
    (re.compile(r"\bJugendhilfe\b"), Setting.SOCIAL_SERVICES),
)

#: "Präventionsebene" (not a registry field; filled from page text where it says so)
LEVELS: VocabularyMap[PreventionLevel] = VocabularyMap(
    {
        "universell": PreventionLevel.UNIVERSAL,
        "universelle Prävention": PreventionLevel.UNIVERSAL,
        "selektiv": PreventionLevel.SELECTIVE,
        "selektive Prävention": PreventionLevel.SELECTIVE,
        "indiziert": PreventionLevel.INDICATED,
        "indizierte Prävention": PreventionLevel.INDICATED,
    }
)

#: "Verhalten/Verhältnis": behavioural prevention acts on persons (no level of its own);
#: Verhältnisprävention acts on conditions, rules and availability (environmental prevention).
BEHAVIOUR_OR_ENVIRONMENT: VocabularyMap[PreventionLevel] = VocabularyMap(
    {
        "ausschließlich verhaltensbezogen": [],
        "verhaltensbezogen": [],
        "Verhaltensprävention": [],
        "verhaltenspräventiv": [],
        "ausschließlich verhältnisbezogen": PreventionLevel.ENVIRONMENTAL,
        "verhältnisbezogen": PreventionLevel.ENVIRONMENTAL,
        "verhaltens- und verhältnisbezogen": PreventionLevel.ENVIRONMENTAL,
        "Verhältnisprävention": PreventionLevel.ENVIRONMENTAL,
        "verhältnispräventiv": PreventionLevel.ENVIRONMENTAL,
    }
)

_ILLICIT = [Substance.CANNABIS, Substance.OTHER_ILLICIT_DRUGS]
_LEGAL = [Substance.ALCOHOL, Substance.TOBACCO_NICOTINE]

#: "Ziele / Problemverhalten" (the registry's own wording, from ``Ziel``).  Addiction or
#: substance misuse without a named substance is GENERAL (not specific to one substance).
GOALS: VocabularyMap[Substance] = VocabularyMap(
    {
        # substances
        "Substanzmissbrauch": Substance.GENERAL,
        "Sucht": Substance.GENERAL,
        "Sucht- und Gewaltprävention": [Substance.GENERAL, Substance.VIOLENCE_CRIME],
        "Konsum und Missbrauch legaler und illegaler Substanzen": [*_LEGAL, *_ILLICIT],
        "Missbrauch psychoaktiver Substanzen (Alkohol, Zigaretten)": _LEGAL,
        "Tabak- und Alkoholprävention": [Substance.TOBACCO_NICOTINE, Substance.ALCOHOL],
        "exzessiver Alkoholkonsum von Kindern und Jugendlichen": Substance.ALCOHOL,
        "Zugang zu Alkohol auf kommunaler Ebene": Substance.ALCOHOL,
        "Verfügbarkeit von Alkohol": Substance.ALCOHOL,
        "Rauschtrinken": Substance.ALCOHOL,
        "riskanter Alkoholkonsum": Substance.ALCOHOL,
        "Cannabiskonsum": Substance.CANNABIS,
        # violence, bullying, crime
        "Gewalt": Substance.VIOLENCE_CRIME,
        "Gewalt und Delinquenz": Substance.VIOLENCE_CRIME,
        "Kriminalität/Delinquenz": Substance.VIOLENCE_CRIME,
        "Delinquenz": Substance.VIOLENCE_CRIME,
        "Entwicklung zu Intensivtätern": Substance.VIOLENCE_CRIME,
        "Kindesmisshandlung und Inobhutnahmen": Substance.VIOLENCE_CRIME,
        "Bullying / Mobbing": Substance.VIOLENCE_CRIME,
        "Mobbing": Substance.VIOLENCE_CRIME,
        "Cybermobbing": Substance.VIOLENCE_CRIME,
        "Schulgewalt": Substance.VIOLENCE_CRIME,
        "mittelbare und unmittelbare Gewalt": Substance.VIOLENCE_CRIME,
        "antisoziales Verhalten": Substance.VIOLENCE_CRIME,
        "aggressives Verhalten": Substance.VIOLENCE_CRIME,
        "Problemverhalten und Gewalt": [Substance.GENERAL, Substance.VIOLENCE_CRIME],
        # not substance-specific: behaviour, health, competences
        "emotionale Störungen und Verhaltensstörungen": Substance.GENERAL,
        "soziales Rückzugsverhalten": Substance.GENERAL,
        "Schulabbrüche": Substance.GENERAL,
        "Gesundheitsförderung": Substance.GENERAL,
        "Gesundheitsförderung (Ernährung, Bewegung)": Substance.GENERAL,
        "Persönlichkeitsentwicklung": Substance.GENERAL,
        "Lebenskompetenzen und Resilienz": Substance.GENERAL,
        "Förderung von Medienkompetenz": Substance.GENERAL,
    }
)

#: countries in "Herkunftsland / Originalprogramm" → ISO 3166-1 alpha-2
COUNTRIES: VocabularyMap[str] = VocabularyMap(
    {
        "Deutschland": "DE",
        "Österreich": "AT",
        "Schweiz": "CH",
        "Niederlande": "NL",
        "Norwegen": "NO",
        "Schweden": "SE",
        "Dänemark": "DK",
        "Finnland": "FI",
        "Australien": "AU",
        "USA": "US",
        "Vereinigte Staaten": "US",
        "Kanada": "CA",
        "Großbritannien": "GB",
        "Vereinigtes Königreich": "GB",
        "England": "GB",
        "Irland": "IE",
        "Island": "IS",
        "Belgien": "BE",
        "Italien": "IT",
        "Spanien": "ES",
    }
)

#: German words for ages in "Alter der Zielgruppe" (the number they stand for)
AGE_WORDS: dict[str, int] = {
    "pränatal": 0,
    "geburt": 0,
    "einschulung": 6,  # school entry in Germany
    "vorschulalter": 6,  # "bis Vorschulalter": until the year before school entry ends
}

#: German school stages (Klasse 1-4, Klasse 5-10) as age ranges, via the grade offset of 5
AGE_STAGES: dict[str, AgeRange] = {
    "grundschulalter": AgeRange(6, 10),
    "grundschule": AgeRange(6, 10),
    "sekundarstufe i": AgeRange(10, 16),
}

#: language of an alternative name where it is not German (default "de")
NAME_LANGUAGES: dict[str, str] = {
    "media heroes": "en",
    "olweus bullying prevention program": "en",
    "triple p – positive parenting program": "en",
    "teen triple p": "en",
    "stepping stones triple p": "en",
    "opstapje": "nl",
}
