"""Metodguiden's Swedish vocabulary → prevcat's model, as small tables a reader can audit.

Terms are matched exactly (case and repeated spaces ignored) unless a table says it matches
keywords.  A term no table knows is never guessed: it stays in ``extra`` and is reported.
"""

from __future__ import annotations

import re

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance

#: ``Typ av metod`` → kind of method.  An assessment method gets no domain of its own: it takes
#: the domain of the work its target group names (all three in the snapshot: substance-use care).
METHOD_TYPES: VocabularyMap[str] = VocabularyMap(
    {
        "Insats": "intervention",
        "Bedömningsmetod": "assessment",
        "Bedömningsinstrument": "assessment",
    }
)

#: ``Verksamhet/arena`` → settings.  A trailing bracket ("Föräldragrupp (storgrupp, ...)") is tried
#: without it when the whole term is not listed.
SETTINGS: VocabularyMap[Setting] = VocabularyMap(
    {
        "Hem": Setting.FAMILY,
        "Närmiljö": Setting.COMMUNITY,
        "Föräldragrupp": Setting.FAMILY,
        "Föräldrautbildning": Setting.FAMILY,
        "Familjehem": [Setting.SOCIAL_SERVICES, Setting.FAMILY],  # foster care, placed by social services
        "Behandlingshem": Setting.SOCIAL_SERVICES,  # residential care (HVB)
        "Familjebehandling": [Setting.SOCIAL_SERVICES, Setting.FAMILY],  # a social-services intervention
        "Socialtjänst": Setting.SOCIAL_SERVICES,
        "SiS": Setting.SOCIAL_SERVICES,  # Statens institutionsstyrelse: compulsory care of young people
        "Öppenvård": [Setting.HEALTH_CARE, Setting.SOCIAL_SERVICES],  # run by municipalities or regions
        "Missbruks- och beroendevård": [Setting.HEALTH_CARE, Setting.SOCIAL_SERVICES],
        "Hälso- och sjukvård": Setting.HEALTH_CARE,
        "Primärvård": Setting.HEALTH_CARE,
        "Barnhälsovård": Setting.HEALTH_CARE,
        "Psykiatri": Setting.HEALTH_CARE,
        "Kriminalvård": Setting.CRIMINAL_JUSTICE,
        "Skola": Setting.SCHOOL,
        "Förskola": Setting.PRESCHOOL,
        "Digitalt": Setting.ONLINE_MEDIA,
        "Media/information": Setting.ONLINE_MEDIA,
    }
)

#: Age words in ``Ålder`` that :func:`prevcat.importers.vocab.parse_age_band` does not read.
#: "unga vuxna" (young adults) is taken as 18-25, the band Swedish youth services commonly use.
AGE_WORDS: dict[str, AgeRange] = {
    "unga vuxna": AgeRange(18, 25),
    "vuxna": AgeRange(18, None),
}

#: Keywords in ``Målgrupp`` and ``Verksamhet/arena`` → domains (regular expressions, lower case).
#: "behandling" counts only as a whole word ("behandlingshem" is a place of work, not treatment).
DOMAIN_KEYWORDS: tuple[tuple[re.Pattern[str], Domain], ...] = (
    (re.compile(r"\brådgivning\b"), Domain.EARLY_INTERVENTION),  # counselling: MI's first use
    (re.compile(r"missbruk"), Domain.TREATMENT),
    (re.compile(r"beroende"), Domain.TREATMENT),
    (re.compile(r"\bbehandling\b"), Domain.TREATMENT),
    (re.compile(r"familjebehandling"), Domain.TREATMENT),
    (re.compile(r"öppenvård"), Domain.TREATMENT),
    (re.compile(r"\ballvarliga\b"), Domain.TREATMENT),
    (re.compile(r"universell"), Domain.PREVENTION),
)

#: Keywords in ``Målgrupp`` → prevention levels.
LEVEL_KEYWORDS: tuple[tuple[re.Pattern[str], PreventionLevel], ...] = (
    (re.compile(r"universell|vänder sig till alla"), PreventionLevel.UNIVERSAL),
)

#: Keywords in ``Målgrupp`` → what a method addresses.  "missbruk" (substance misuse) names no
#: substance; it gives alcohol and drugs only when no specific substance is named.
SUBSTANCE_KEYWORDS: tuple[tuple[re.Pattern[str], tuple[Substance, ...]], ...] = (
    (re.compile(r"cannabis|hasch"), (Substance.CANNABIS,)),
    (re.compile(r"alkohol"), (Substance.ALCOHOL,)),
    (re.compile(r"tobak"), (Substance.TOBACCO_NICOTINE,)),
    (re.compile(r"\bdroger|narkotika"), (Substance.OTHER_ILLICIT_DRUGS,)),
    (re.compile(r"\bspel\b"), (Substance.GAMBLING,)),
    (re.compile(r"\bbrott|kriminalitet|våld"), (Substance.VIOLENCE_CRIME,)),
    (re.compile(r"utagerande|beteende|konflikt|föräldraskap|känslomässiga"), (Substance.GENERAL,)),
)
GENERAL_MISUSE = re.compile(r"missbruk")
GENERAL_MISUSE_SUBSTANCES = (Substance.ALCOHOL, Substance.CANNABIS, Substance.OTHER_ILLICIT_DRUGS)

#: ``Samling`` → what being in that collection says.  Socialstyrelsen's list of examples of
#: crime-prevention methods marks a method as crime-preventive (not as recommended).
COLLECTIONS: VocabularyMap[Substance] = VocabularyMap(
    {
        "Metodguiden": [],
        "Exempel på brottsförebyggande metoder": Substance.VIOLENCE_CRIME,
    }
)

#: Swedish country names opening ``Ursprungsland / originalprogram`` → ISO code.
COUNTRY_NAMES: dict[str, str] = {
    "usa": "US",
    "sverige": "SE",
    "norge": "NO",
    "danmark": "DK",
    "finland": "FI",
    "kanada": "CA",
    "australien": "AU",
    "storbritannien": "GB",
    "england": "GB",
    "nederländerna": "NL",
    "tyskland": "DE",
}

#: "vidareutveckling av X" / "bygger på X" / "anpassning av X" → original programme X.
ORIGINAL = re.compile(r"(?:vidareutveckling av|bygger på|anpassning av)\s+(.+?)(?:\s*\(\d{4}\))?\s*$")

#: Qualifiers in brackets after a name in ``Andra namn``: removed from the name; some set its
#: language.  The cell is kept verbatim in ``extra``.
ALIAS_QUALIFIERS: dict[str, str | None] = {
    "norska": "nb",
    "danska": "da",
    "engelska": "en",
    "variant för kriminalitet": None,
}

#: Language of each name in the snapshot.  Acronyms take the language of the name they abbreviate;
#: "MST" and "FFT" abbreviate both the Swedish and the English name and stay untagged.
ALIAS_LANGS: dict[str, str | None] = {
    "MST": None,
    "Multisystemisk terapi": "sv",
    "Multisystemic Therapy": "en",
    "Komet 3–11": "sv",
    "KOMET": "sv",
    "KOmmunikationsMETod": "sv",
    "Förstärkt Komet": "sv",
    "COPE": "en",
    "Community Parent Education": "en",
    "Community Parent Education Program": "en",
    "COPE tonår": "sv",
    "Connect": "en",
    "Connect föräldrautbildning": "sv",
    "Connect för familjehemsföräldrar": "sv",
    "Connect för behandlingshemspersonal": "sv",
    "eConnect": "en",
    "De otroliga åren": "sv",
    "The Incredible Years": "en",
    "Triple P": "en",
    "Positive Parenting Program": "en",
    "Universal Triple P": "en",
    "Selected Triple P": "en",
    "Primary Care Triple P": "en",
    "Standard Triple P": "en",
    "FFT": None,
    "Funktionell familjeterapi": "sv",
    "Functional Family Therapy": "en",
    "HAP": "sv",
    "Haschavvänjningsprogrammet": "sv",
    "HaschAvvänjningsProgrammet": "sv",
    "Cannabisprogram för ungdomar": "sv",
    "CPU": "sv",
    "MI": "en",
    "Motiverande samtal": "sv",
    "Motivational Interviewing": "en",
    "ADAD": "en",
    "Adolescent Drug Abuse Diagnosis": "en",
    "ASI": "en",
    "Addiction Severity Index": "en",
    "ASI Grund": "sv",
    "ASI Uppföljning": "sv",
    "ASI-intervjun": "sv",
    "UngDOK": "sv",
    "Dokumentationssystem inom missbruksvården": "sv",
    "UngDOK K": "sv",
    "ABC": "sv",
    "Alla Barn i Centrum": "sv",
    "ABC tonår": "sv",
}
