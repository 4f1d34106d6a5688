"""Dutch vocabulary of the NJi and RIVM databases → prevcat's enums, as small tables to audit.

Coded NJi values (``Locatie``, ``Gericht op``, ``Uitvoering``, ``Doel``) are mapped exactly;
RIVM's free-text phrases are listed as they occur in the snapshot.  A phrase not in a table
is looked up once more without its trailing parenthesis (``school (kantine)`` → ``school``);
anything else stays unmapped (kept in ``extra`` and warned about), never guessed.
"""

from __future__ import annotations

from attrs import frozen

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import Domain, PreventionLevel, Setting, Substance

S = Setting
SUB = Substance
P = PreventionLevel
D = Domain

#: ``Setting / Locatie``: NJi's coded ``Locatie`` values and RIVM's "Type organisatie" phrases.
#: Not mapped on purpose: ``In een instelling`` and ``individuele behandeling (instelling)``
#: (an institution may be youth care or mental health care), ``Op meerdere locaties``.
SETTINGS: VocabularyMap[Setting] = VocabularyMap(
    {
        # NJi coded values
        "Thuis": [S.FAMILY],
        "In de school": [S.SCHOOL],
        "In de kinderopvang": [S.PRESCHOOL],
        "In de wijk": [S.COMMUNITY],
        "E-hulp": [S.ONLINE_MEDIA],
        # free text (RIVM and secondary pages)
        "thuissituatie": [S.FAMILY],
        "school": [S.SCHOOL],
        "basisschool": [S.SCHOOL],
        "basisscholen, in de klas": [S.SCHOOL],
        "basis- en middelbare scholen": [S.SCHOOL],
        "scholen (preventie)": [S.SCHOOL],
        "in de klas, door de leerkracht": [S.SCHOOL],
        "school (ouderavonden, digitale lessen)": [S.SCHOOL, S.FAMILY, S.ONLINE_MEDIA],
        "ouderwebsite": [S.ONLINE_MEDIA, S.FAMILY],
        "sportvereniging nabij de school": [S.NIGHTLIFE_RECREATION],
        "psychologische praktijken": [S.HEALTH_CARE],
        "opvoedgezin (pleegzorg)": [S.SOCIAL_SERVICES],  # foster care is child welfare
        # JGZ = jeugdgezondheidszorg (youth health care), GGZ = mental health care
        "bij het gezin thuis (huisbezoeken jeugdverpleegkundige, JGZ)": [S.FAMILY, S.HEALTH_CARE],
        "thuis (huisbezoeken door VoorZorgverpleegkundige, JGZ)": [S.FAMILY, S.HEALTH_CARE],
        "online (beveiligde chatbox), met GGZ-instellingen": [S.ONLINE_MEDIA, S.HEALTH_CARE],
        "verslavingszorginstellingen; gesprek bij voorkeur thuis of op school": [
            S.HEALTH_CARE,
            S.FAMILY,
            S.SCHOOL,
        ],
        # CJG (Centrum voor Jeugd en Gezin) and wijkteams are municipal social services
        "ziekenhuizen, GGZ, CJG, wijkteams (behandeling)": [S.HEALTH_CARE, S.SOCIAL_SERVICES],
        # jongerencentra = youth clubs (leisure); begeleid wonen = supported housing (social services)
        "op de (vind)locatie: school, thuis, jongerencentra, begeleid wonen": [
            S.SCHOOL,
            S.FAMILY,
            S.NIGHTLIFE_RECREATION,
            S.SOCIAL_SERVICES,
        ],
    }
)

#: ``Type preventie`` → IOM level; NJi's matrix value ``Behandeling`` is a domain, not a level.
PREVENTION_TYPES: VocabularyMap[PreventionLevel | Domain] = VocabularyMap(
    {
        "Universeel": [P.UNIVERSAL],  # NJi interventiematrix values
        "Universele preventie": [P.UNIVERSAL],  # RIVM old layout "Vorm van preventie"
        "Selectief": [P.SELECTIVE],
        "Geïndiceerd": [P.INDICATED],
        "Behandeling": [D.TREATMENT],
    }
)

#: ``Probleem / thema`` (NJi "Gericht op", RIVM "Leefstijlonderwerpen") → what a method addresses.
#: Not mapped on purpose: ``Middelengebruik`` and ``Middelenmisbruik en verslaving`` (a category
#: that does not say which substance: Smokefree Challenge, about smoking only, carries it),
#: ``Gamen`` (gaming is not gambling) and ``gezonde voeding`` (no home in the model).
PROBLEMS: VocabularyMap[Substance] = VocabularyMap(
    {
        "alcohol": [SUB.ALCOHOL],
        "roken": [SUB.TOBACCO_NICOTINE],
        "tabak": [SUB.TOBACCO_NICOTINE],
        "blowen": [SUB.CANNABIS],
        "drugs": [SUB.CANNABIS, SUB.OTHER_ILLICIT_DRUGS],  # Dutch prevention usage: illicit drugs
        "gokken": [SUB.GAMBLING],
        # violence, delinquency, crime (incl. child abuse, domestic and sexual violence)
        "delinquentie": [SUB.VIOLENCE_CRIME],
        "recidive/delinquentie": [SUB.VIOLENCE_CRIME],
        "criminaliteit (vermogensdelicten)": [SUB.VIOLENCE_CRIME],
        "overlastgevend en delinquent gedrag": [SUB.VIOLENCE_CRIME],
        "Kindermishandeling": [SUB.VIOLENCE_CRIME],
        "huiselijk geweld": [SUB.VIOLENCE_CRIME],
        "seksueel misbruik": [SUB.VIOLENCE_CRIME],
        "seksueel grensoverschrijdend gedrag": [SUB.VIOLENCE_CRIME],
        "machtsmisbruik": [SUB.VIOLENCE_CRIME],
        # not substance-specific: behaviour, mental health, parenting, social skills
        "Gedragsproblemen": [SUB.GENERAL],
        "ernstige gedragsproblemen": [SUB.GENERAL],
        "externaliserende gedragsproblemen": [SUB.GENERAL],
        "gedragsstoornissen": [SUB.GENERAL],
        "regelovertredend gedrag": [SUB.GENERAL],
        "ODD": [SUB.GENERAL],
        "CD": [SUB.GENERAL],
        "ADHD": [SUB.GENERAL],
        "Angstproblemen": [SUB.GENERAL],
        "Angststoornissen": [SUB.GENERAL],
        "Depressie": [SUB.GENERAL],
        "Emotionele problemen": [SUB.GENERAL],
        "psychosociale problemen": [SUB.GENERAL],
        "Opvoeding": [SUB.GENERAL],
        "opvoedingsondersteuning": [SUB.GENERAL],
        "opvoedingsproblemen": [SUB.GENERAL],
        "opvoedklimaat": [SUB.GENERAL],
        "gezinscrisis": [SUB.GENERAL],
        "gezinsproblematiek": [SUB.GENERAL],
        "uithuisplaatsing": [SUB.GENERAL],
        "Pesten": [SUB.GENERAL],
        "Schoolklimaat": [SUB.GENERAL],
        "Welbevinden": [SUB.GENERAL],
        "Sociale vaardigheden": [SUB.GENERAL],
        "Sociale problemen": [SUB.GENERAL],
        "Sociaal-emotionele ontwikkeling": [SUB.GENERAL],
        "Positieve ontwikkeling": [SUB.GENERAL],
        "Onderwijsachterstanden": [SUB.GENERAL],
        "seksuele ontwikkeling": [SUB.GENERAL],
        "weerbaarheid": [SUB.GENERAL],
    }
)

#: ``Uitvoering`` (NJi service tier) and ``Doel`` (aim) → domain.
SERVICE_TIERS: VocabularyMap[Domain] = VocabularyMap(
    {
        "Basisvoorziening": [D.PREVENTION],  # universal basic provision
        "Voorziening voor lichte hulp en ondersteuning": [D.EARLY_INTERVENTION],  # light help
        "Gespecialiseerde hulp": [D.TREATMENT],  # specialised care
    }
)
AIMS: VocabularyMap[Domain] = VocabularyMap(
    {
        "Preventie van problemen": [D.PREVENTION],
        "Verminderen problemen": [D.EARLY_INTERVENTION],  # reducing problems already present
    }
)

#: words in the name, ``Setting / Locatie`` or ``Doelgroep`` that make a method (also) treatment
TREATMENT_WORDS: tuple[str, ...] = ("therapie", "therapy", "behandeling")

#: ``Doelgroep`` (free text) cues, matched as substrings of the lower-cased text.
DOELGROEP_CUES: tuple[tuple[str, Setting | PreventionLevel], ...] = (
    ("ouders", S.FAMILY),
    ("opvoeder", S.FAMILY),  # opvoeder(s), opvoeders
    ("gezinnen", S.FAMILY),
    ("moeders", S.FAMILY),
    ("leerlingen", S.SCHOOL),
    ("onderwijs", S.SCHOOL),  # (basis)onderwijs, voortgezet onderwijs, praktijkonderwijs
    ("vmbo", S.SCHOOL),
    ("middelbare school", S.SCHOOL),
    ("scholen", S.SCHOOL),
    ("alle leerlingen", P.UNIVERSAL),
    ("universele", P.UNIVERSAL),
    ("risico", P.SELECTIVE),  # risico, risicovol, risicofactoren
    ("kwetsbare", P.SELECTIVE),
    ("achterstandssituaties", P.SELECTIVE),
    ("belastende voorgeschiedenis", P.SELECTIVE),
    ("beginnend", P.INDICATED),  # beginnend(e) problemen
    ("milde tot matige", P.INDICATED),
    ("dreigen te raken", P.INDICATED),
    ("signalen vertonen", P.INDICATED),
)

#: ``Land van herkomst`` (head before any parenthesis) → ISO 3166-1 alpha-2.
COUNTRIES: dict[str, str] = {
    "nederland": "NL",
    "vlaanderen": "BE",
    "belgië": "BE",
    "verenigde staten": "US",
    "amerika": "US",
    "canada": "CA",
    "australië": "AU",
    "nieuw-zeeland": "NZ",
    "engeland": "GB",
    "verenigd koninkrijk": "GB",
    "ierland": "IE",
    "finland": "FI",
    "zweden": "SE",
    "noorwegen": "NO",
    "denemarken": "DK",
    "duitsland": "DE",
    "israël": "IL",
}

#: ``Andere namen`` that are not Dutch; other names are Dutch, acronyms get no language tag.
ALIAS_LANGUAGES: dict[str, str] = {
    "Task game": "en",
    "FRIENDS": "en",
    "Multidimensional Family Therapy": "en",
    "Parent Management Training Oregon model": "en",
    "Smokefree Challenge": "en",
    "Kiusaamista Vastustava": "fi",
}


@frozen
class OutcomeSplit:
    """A verdict that differs by outcome, as ``Toelichting`` states it.

    Applied only while ``anchor`` is still in the row's ``Toelichting`` and the row's own
    label is the first outcome's level; otherwise the row keeps one rating and is warned about.
    """

    anchor: str
    outcomes: tuple[tuple[str, str], ...]  #: (outcome, label in the database's wording)


#: (id, Databank) → the outcome-specific verdicts (md: "Outcome-specific (split) ratings").
OUTCOME_SPLITS: dict[tuple[str, str], OutcomeSplit] = {
    ("mdft", "NJi"): OutcomeSplit(
        anchor="Sterke aanwijzingen voor middelengebruik, eerste aanwijzingen voor delinquentie",
        outcomes=(
            ("middelengebruik", "Effectief volgens sterke aanwijzingen"),
            ("delinquentie", "Effectief volgens eerste aanwijzingen"),
        ),
    ),
    ("betere-start", "NJi"): OutcomeSplit(
        anchor="Goede aanwijzingen voor opvoedklimaat en gedragsproblemen; 'goed onderbouwd' voor "
        "minder delinquentie",
        outcomes=(
            ("opvoedklimaat en gedragsproblemen", "Effectief volgens goede aanwijzingen"),
            ("minder delinquentie", "Goed onderbouwd"),
        ),
    ),
    ("mst", "Justitiële Interventies"): OutcomeSplit(
        anchor="eerste aanwijzingen voor criminaliteit; goede aanwijzingen voor de secundaire uitkomsten",
        outcomes=(
            ("criminaliteit", "Effectief volgens eerste aanwijzingen"),
            (
                "secundaire uitkomsten (gedragsproblemen, gezin, ODD, CD)",
                "Effectief volgens goede aanwijzingen",
            ),
        ),
    ),
}
