"""Ungsinn's Norwegian vocabulary → prevcat's model, as small tables a reader can audit.

Terms are matched exactly (case and repeated spaces ignored).  A term that is not in a table
is never guessed: the importer keeps it in ``extra`` and reports a warning.
"""

from __future__ import annotations

import re

from prevcat.importers.vocab import VocabularyMap
from prevcat.model import AgeRange, Domain, PreventionLevel, Setting, Substance
from prevcat_ungsinn.scales import NEW_VERSION, OLD_VERSION

#: ``Klassifiseringsversjon`` → scale version
SCALE_VERSIONS: VocabularyMap[str] = VocabularyMap(
    {
        "ny (0–5, fra nov. 2015)": NEW_VERSION,
        "ny (0-5, fra nov. 2015)": NEW_VERSION,
        "ny": NEW_VERSION,
        "gammel (1–4, før nov. 2015)": OLD_VERSION,
        "gammel (1-4, før nov. 2015)": OLD_VERSION,
        "gammel": OLD_VERSION,
    }
)

#: ``Forebyggingsnivå`` → prevention level, or the treatment domain ("behandling")
PREVENTION_TERMS: VocabularyMap[PreventionLevel | Domain] = VocabularyMap(
    {
        "universelt": PreventionLevel.UNIVERSAL,
        "universalforebyggende": PreventionLevel.UNIVERSAL,
        "selektivt": PreventionLevel.SELECTIVE,
        "selektert": PreventionLevel.SELECTIVE,
        "indisert": PreventionLevel.INDICATED,
        "indikert": PreventionLevel.INDICATED,
        "indikert forebyggende": PreventionLevel.INDICATED,
        "behandling": Domain.TREATMENT,
    }
)

#: ``Arena`` → settings.  A trailing qualifier in brackets ("skole (videregående)") is tried
#: without the brackets when the whole term is not listed.  "Statens Barnehus" (police-run
#: children's house offering both interviews and therapy) is deliberately not mapped.
SETTINGS: VocabularyMap[Setting] = VocabularyMap(
    {
        "skole": Setting.SCHOOL,
        "barnehage": Setting.PRESCHOOL,
        "hjem": Setting.FAMILY,
        "fosterhjem": [Setting.SOCIAL_SERVICES, Setting.FAMILY],  # placed by child welfare
        "lokalmiljø": Setting.COMMUNITY,
        "kommune": Setting.COMMUNITY,  # Setting.COMMUNITY covers the municipality
        "kommunale tjenester": Setting.COMMUNITY,
        "fengsel": Setting.CRIMINAL_JUSTICE,
        "barnevern": Setting.SOCIAL_SERVICES,
        "psykisk helsevern": Setting.HEALTH_CARE,
        "spesialisthelsetjenesten": Setting.HEALTH_CARE,
        "spesialisthelsetjeneste": Setting.HEALTH_CARE,
        "kommunehelsetjenesten": Setting.HEALTH_CARE,
        "skolehelsetjenesten": [Setting.HEALTH_CARE, Setting.SCHOOL],
        "skolehelsetjeneste": [Setting.HEALTH_CARE, Setting.SCHOOL],
        "helsestasjonstjeneste": Setting.HEALTH_CARE,
        "helsestasjon": Setting.HEALTH_CARE,
        "førstelinjetjenesten": [Setting.HEALTH_CARE, Setting.SOCIAL_SERVICES],  # municipal front line
        "ppt": Setting.SCHOOL,  # educational-psychological service, works with schools
        "familiens hus": [Setting.FAMILY, Setting.SOCIAL_SERVICES],
    }
)

#: School stages named in ``Alder`` → ages.  Norwegian 1. trinn starts at 6, so trinn N is
#: age N+5 (as ``prevcat.importers.vocab.GRADE_OFFSETS``); videregående is Vg1-Vg3 (16-19).
SCHOOL_STAGES: dict[str, AgeRange] = {
    "grunnskole": AgeRange(6, 16),  # 1.-10. trinn
    "barnetrinn": AgeRange(6, 13),  # 1.-7. trinn
    "barnetrinnet": AgeRange(6, 13),
    "barne- og ungdomstrinnet": AgeRange(6, 16),
    "mellomtrinn": AgeRange(10, 13),  # 5.-7. trinn
    "mellomtrinnet": AgeRange(10, 13),
    "ungdomstrinn": AgeRange(13, 16),  # 8.-10. trinn
    "ungdomstrinnet": AgeRange(13, 16),
    "ungdomsskole": AgeRange(13, 16),
    "ungdomsskolen": AgeRange(13, 16),
    "videregående": AgeRange(16, 19),
    "videregående skole": AgeRange(16, 19),
}

#: Single school years written "8. trinn" (possibly several in one cell: the range of them).
TRINN = re.compile(r"(\d{1,2})\.\s*trinn", re.IGNORECASE)
TRINN_OFFSET = 5

#: ``Målgruppe`` keywords → what a method addresses (substring match on the lower-cased text).
#: "rus" in Norwegian is alcohol and other drugs; behaviour, anxiety, depression, trauma and
#: parenting are not substance-specific (Substance.GENERAL).
SUBSTANCE_KEYWORDS: tuple[tuple[str, tuple[Substance, ...]], ...] = (
    ("alkoholforebygging", (Substance.ALCOHOL,)),
    ("rusforebygging", (Substance.ALCOHOL, Substance.CANNABIS, Substance.OTHER_ILLICIT_DRUGS)),
    ("aggresjon", (Substance.VIOLENCE_CRIME,)),
    ("atferd", (Substance.GENERAL,)),
    ("angst", (Substance.GENERAL,)),
    ("depresjon", (Substance.GENERAL,)),
    ("traume", (Substance.GENERAL,)),
    ("tilknytning", (Substance.GENERAL,)),
    ("livsmestring", (Substance.GENERAL,)),
    ("stressmestring", (Substance.GENERAL,)),
    ("sosial kompetanse", (Substance.GENERAL,)),
)

#: ``Opprinnelsesland / originalprogram`` as written → (ISO country, original programme).
#: The country is the programme's own origin as the cell states it ("Norsk tilpasning av X"
#: is Norwegian, adapting X).  Developers and institutions are not programmes: no original.
ORIGINS: dict[str, tuple[str | None, str | None]] = {
    "USA – The Incredible Years (Carolyn Webster-Stratton)": ("US", "The Incredible Years"),
    "USA – The Incredible Years": ("US", "The Incredible Years"),
    "USA – Oregon Social Learning Center": ("US", None),
    "bygger på PMTO (Oregon)": (None, "PMTO"),  # where the group version was made is not stated
    "PMTO-basert (Norge, Atferdssenteret)": ("NO", "PMTO"),
    "Norge (Atferdssenteret; PMTO-prinsipper)": ("NO", None),  # principles, not an adaptation
    "Norge (PMTO-prinsipper)": ("NO", None),
    "USA": ("US", None),
    "Norge": ("NO", None),
    "USA – Iowa Strengthening Families Program; videreutviklet i Sverige; i Norge fra 2004": (
        "US",
        "Iowa Strengthening Families Program",
    ),
    "USA – Iowa Strengthening Families Program; videreutviklet i Sverige": (
        "US",
        "Iowa Strengthening Families Program",
    ),
    "Norge – Læringsmiljøsenteret / Senter for atferdsforskning, Universitetet i Stavanger": ("NO", None),
    "Norge – Senter for atferdsforskning, Universitetet i Stavanger": ("NO", None),
    "Norsk tilpasning av SW-PBIS (bl.a. Universitetet i Oregon, USA) ved NUBU": ("NO", "SW-PBIS"),
    "Norsk tilpasning av SW-PBIS": ("NO", "SW-PBIS"),
    "Norsk tilpasset versjon av Lions Quest (USA)": ("NO", "Lions Quest"),
    "Norge – Stiftelsen MOT (1997)": ("NO", None),
    "Norge – Blakstad sykehus / Vestre Viken (2000)": ("NO", None),
    "Norge – Karsten Hundeide og Henning Rye": ("NO", None),
    "USA – Circle of Security International": ("US", None),
    "USA – COS Virginia": ("US", None),
    "USA – Cooper, Hoffman, Powell, Marvin": ("US", None),
    "Norge – Trygve Arne Børve": ("NO", None),
    "manual: Cohen, Mannarino & Deblinger": (None, None),  # authors of the manual; no country stated
    "Norge – HABU Sykehuset Telemark": ("NO", None),
}

#: Fallback for origin cells not in ORIGINS: a leading Norwegian country name gives the country.
COUNTRY_NAMES: dict[str, str] = {
    "usa": "US",
    "norge": "NO",
    "sverige": "SE",
    "danmark": "DK",
    "finland": "FI",
    "storbritannia": "GB",
    "england": "GB",
    "australia": "AU",
    "canada": "CA",
    "nederland": "NL",
    "tyskland": "DE",
}

#: Qualifiers in brackets after an alias in ``Andre navn``: removed from the name; some set the
#: language.  The cell itself is kept verbatim in ``extra``.
ALIAS_QUALIFIERS: dict[str, str | None] = {
    "original": None,
    "tidligere navn": None,
    "navn til 2022": None,
    "svensk versjon": None,  # English names of the Swedish version; see ALIAS_LANGS
    "skandinavisk tilpasset versjon": None,
    "foreldreprogrammene": None,
}

#: Language of each name the snapshot gives (after qualifiers are removed).  Acronyms take the
#: language of the name they abbreviate; "MST" stands for both "Multisystemisk terapi" and
#: "Multisystemic therapy" and stays untagged.  Names not listed here get no language tag.
#: "ParentSteps" and "Step-by-Step" are English names of the Swedish version of the Iowa
#: Strengthening Families Program; they are not the Norwegian "Steg for steg" (Second Step).
ALIAS_LANGS: dict[str, str | None] = {
    "DUÅ": "nb",
    "DUÅ Universal": "nb",
    "The Incredible Years": "en",
    "IY Attentive Parenting": "en",
    "PMTO": "en",
    "Parent Management Training – Oregon": "en",
    "TIBIR": "nb",
    "TIBIR – Foreldregruppeintervensjonen": "nb",
    "TIBIRs program for foreldregrupper": "nb",
    "PMTO-Parent training in groups": "en",
    "Tidlig innsats for barn i risiko – rådgivning": "nb",
    "Tidlig innsats for barn i risiko": "nb",
    "MST": None,
    "Multisystemisk terapi": "nb",
    "TFCO": "en",
    "Treatment Foster Care Oregon": "en",
    "ART": "en",
    "AART": "en",
    "Aggression Replacement Training": "en",
    "Adapted Aggression Replacement Training": "en",
    "Iowa Strengthening Families Program": "en",
    "ParentSteps": "en",
    "Step-by-Step": "en",
    "OBPP": "en",
    "Olweus Bully Prevention Program": "en",
    "Olweusprogrammet": "nb",
    "Olweusprogrammet mot mobbing og antisosial atferd": "nb",
    "Zero": "nb",
    "PALS": "nb",
    "Positiv atferd, støttende læringsmiljø og samhandling": "nb",
    "School-Wide Positive Behavioral Interventions and Supports": "en",
    "SW-PBIS": "en",
    "Zippy's Friends": "en",
    "Lions Quest": "en",
    "MITT VALG": "nb",
    "MOT Robust ungdom": "nb",
    "VIP": "nb",
    "VIP-programmet": "nb",
    "VIP Snakk om det": "nb",
    "Veiledning og Informasjon om Psykisk helse hos ungdom": "nb",
    "ICDP": "en",
    "International Child Development Programme": "en",
    "ICDP Program for foreldreveiledning": "nb",
    "COS-P": "en",
    "COS-VG": "en",
    "COS-VF": "en",
    "Trygghetssirkelen": "nb",
    "Trygghetssirkelen Gruppemodell": "nb",
    "FRIENDS": "en",
    "DU": "nb",
    "DU – Mestringskurs for ungdom": "nb",
    "Mestringskurs for ungdom": "nb",
    "Depresjonsmestring for ungdom": "nb",
    "TF-CBT": "en",
    "PF": "nb",
    "Telemarksmodellen": "nb",
    # older editions' titles and the names inside them
    "Parent Management Training – Oregon (PMTO)": "en",
    "Tidlig innsats for barn i risiko (TIBIR) – Rådgiverintervensjonen": "nb",
    "ART (Aggression Replacement Training)": "en",
    "Olweus Bully Prevention Program (OBPP)": "en",
    "School-Wide Positive Behavioral Interventions and Supports (SW-PBIS)": "en",
    "VIP (Veiledning og Informasjon om Psykisk helse hos ungdom)": "nb",
    "Circle of Security – International Parenting": "en",
    "COS": "en",
    "Depresjonsmestring for ungdom (DU)": "nb",
    "DU – Depresjonsmestring for ungdom": "nb",
    "Traumefokusert kognitiv atferdsterapi": "nb",
}
