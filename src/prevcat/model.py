"""The intervention model: what a prevention method is, whom and where it targets.

All classes are frozen attrs classes with tuple fields; converters accept lists and
strings where that is natural, validators reject what cannot be right and say why.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs
from attrs import field, frozen

from prevcat.countries import ISO_3166_ALPHA2
from prevcat.evidence import Confidence, Rating, RatingSummary, summarize

__all__ = [
    "AgeRange",
    "Alias",
    "Confidence",
    "Domain",
    "Intervention",
    "PreventionLevel",
    "Setting",
    "Substance",
    "Target",
]


class PreventionLevel(enum.Enum):
    """Whom a method reaches (the IOM classification, plus environmental prevention)."""

    UNIVERSAL = "universal"  #: everyone in a population, regardless of risk
    SELECTIVE = "selective"  #: groups at higher than average risk
    INDICATED = "indicated"  #: individuals showing early signs of a problem
    ENVIRONMENTAL = "environmental"  #: norms, rules, availability and settings, not persons


class Setting(enum.Enum):
    """Where a method is delivered."""

    FAMILY = "family"  #: in the home or with parents/carers
    SCHOOL = "school"  #: primary or secondary school, classroom or whole school
    PRESCHOOL = "preschool"  #: kindergarten, preschool, day care
    COMMUNITY = "community"  #: neighbourhood, municipality, local coalition
    WORKPLACE = "workplace"  #: employers and workplaces
    NIGHTLIFE_RECREATION = "nightlife_recreation"  #: bars, festivals, leisure and youth clubs, sport
    HEALTH_CARE = "health_care"  #: primary care, dental care, hospitals, psychiatry
    SOCIAL_SERVICES = "social_services"  #: child welfare and municipal social services
    CRIMINAL_JUSTICE = "criminal_justice"  #: police, courts, probation, prisons
    STREET_OUTREACH = "street_outreach"  #: outreach and field work in public space
    ONLINE_MEDIA = "online_media"  #: web, apps, mass media campaigns


class Substance(enum.Enum):
    """What a method addresses: substances and behaviours."""

    ALCOHOL = "alcohol"
    TOBACCO_NICOTINE = "tobacco_nicotine"  #: tobacco, snus, e-cigarettes
    CANNABIS = "cannabis"
    OPIOIDS = "opioids"
    OTHER_ILLICIT_DRUGS = "other_illicit_drugs"  #: illicit drugs other than cannabis and opioids
    DOPING = "doping"  #: anabolic steroids and other doping agents
    GAMBLING = "gambling"
    VIOLENCE_CRIME = "violence_crime"  #: violence, delinquency, crime
    GENERAL = "general"  #: not substance-specific (life skills, parenting, behaviour)


class Domain(enum.Enum):
    """What kind of work a method is; portfolios hold far more than programmes."""

    PREVENTION = "prevention"  #: preventing onset (a programme or practice)
    EARLY_INTERVENTION = "early_intervention"  #: early detection and brief intervention
    TREATMENT = "treatment"  #: treating a problem or disorder
    HARM_REDUCTION = "harm_reduction"  #: reducing harm of ongoing use (e.g. naloxone)
    SOCIAL_REINTEGRATION = "social_reintegration"  #: work, housing, return to society
    COORDINATION = "coordination"  #: a coordination structure (SaLTo, SSPF, a strategy group)
    MONITORING = "monitoring"  #: surveys and monitoring (a youth survey)
    POLICY = "policy"  #: policy, regulation, enforcement (licensing, compliance checks)
    #: an assessment or screening instrument (AUDIT, CBCL), not an intervention in itself
    ASSESSMENT = "assessment"
    EDUCATION = "education"  #: academic instruction outside prevention (reading, mathematics curricula)


#: a BCP 47-style language tag as prevcat writes them: ``sv``, ``nb``, ``de-AT``
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
#: a source key: lower-case letters, digits, ``-`` or ``_`` (``xchange``, ``gruene-liste``)
SOURCE_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _strip(value: str) -> str:
    return value.strip()


def _optional_strip(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _check_lang(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not LANGUAGE_TAG.match(value):
        raise ValueError(
            f"{attribute.name}: {value!r} is not a language tag (expected e.g. 'sv', 'nb', 'de')"
        )


def _check_langs(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for lang in value:
        _check_lang(instance, attribute, lang)


def _not_blank(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


@frozen
class Alias:
    """Another name of a method, with its language tag where known (``sv``, ``nb``, ``de``)."""

    name: str = field(converter=_strip, validator=_not_blank)
    lang: str | None = field(default=None, converter=_optional_strip, validator=_check_lang)

    @classmethod
    def parse(cls, text: str) -> Alias:
        """``sv:Steg för steg`` gives an alias in Swedish; ``Steg för steg`` one with no tag."""
        head, sep, tail = text.partition(":")
        if sep and LANGUAGE_TAG.match(head.strip()) and tail.strip():
            return cls(tail, head.strip())
        return cls(text)

    def __str__(self) -> str:
        return f"{self.lang}:{self.name}" if self.lang else self.name


def _aliases(value: Iterable[Alias | str]) -> tuple[Alias, ...]:
    return tuple(a if isinstance(a, Alias) else Alias.parse(a) for a in value)


def _check_age(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 0 <= value <= 120:
        raise ValueError(f"{attribute.name}: must be 0..120, got {value}")


@frozen
class AgeRange:
    """Ages in whole years, both ends inclusive; ``None`` leaves an end open."""

    min: int | None = field(default=None, validator=_check_age)
    max: int | None = field(default=None, validator=_check_age)

    def __attrs_post_init__(self) -> None:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min_age {self.min} is greater than max_age {self.max}")

    @property
    def is_open(self) -> bool:
        """True when neither end is known."""
        return self.min is None and self.max is None

    def overlaps(self, other: AgeRange) -> bool:
        """True when some age is in both ranges (an open end reaches as far as it needs)."""
        low_a = 0 if self.min is None else self.min
        high_a = 120 if self.max is None else self.max
        low_b = 0 if other.min is None else other.min
        high_b = 120 if other.max is None else other.max
        return low_a <= high_b and low_b <= high_a

    def contains(self, age: int) -> bool:
        """True when ``age`` is in the range."""
        return (self.min is None or self.min <= age) and (self.max is None or age <= self.max)

    def __str__(self) -> str:
        if self.is_open:
            return "any age"
        if self.max is None:
            return f"{self.min}+"
        if self.min is None:
            return f"up to {self.max}"
        return f"{self.min}-{self.max}"


E = TypeVar("E", bound=enum.Enum)


def _enum_tuple(enum_cls: type[E], values: Iterable[E | str]) -> tuple[E, ...]:
    """Values (enum members or their string values) as a tuple without repeats."""
    out: list[E] = []
    for v in values:
        item = v if isinstance(v, enum_cls) else enum_cls(v)
        if item not in out:
            out.append(item)
    return tuple(out)


def _levels(values: Iterable[PreventionLevel | str]) -> tuple[PreventionLevel, ...]:
    return _enum_tuple(PreventionLevel, values)


def _settings(values: Iterable[Setting | str]) -> tuple[Setting, ...]:
    return _enum_tuple(Setting, values)


def _substances(values: Iterable[Substance | str]) -> tuple[Substance, ...]:
    return _enum_tuple(Substance, values)


def _domains(values: Iterable[Domain | str]) -> tuple[Domain, ...]:
    return _enum_tuple(Domain, values)


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _ratings(values: Iterable[Rating]) -> tuple[Rating, ...]:
    return tuple(values)


@frozen
class Target:
    """Whom, at which ages, where, and about what a method works."""

    levels: tuple[PreventionLevel, ...] = field(default=(), converter=_levels)
    ages: AgeRange = field(factory=AgeRange)
    settings: tuple[Setting, ...] = field(default=(), converter=_settings)
    substances: tuple[Substance, ...] = field(default=(), converter=_substances)


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().upper()
    return value or None


def _check_country(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in ISO_3166_ALPHA2:
        raise ValueError(
            f"{attribute.name}: {value!r} is not an ISO 3166-1 alpha-2 code (expected e.g. 'SE', 'NO', 'US')"
        )


def _extra(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), str(v)) for k, v in items)


def _check_source(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not SOURCE_KEY.match(value):
        raise ValueError(
            f"{attribute.name}: {value!r} is not a source key (lower-case letters, digits, '-' or '_')"
        )


def _check_id(instance: Intervention, attribute: attrs.Attribute[Any], value: str) -> None:
    prefix = f"{instance.source}:"
    if not value.startswith(prefix) or len(value) == len(prefix):
        raise ValueError(f"id: {value!r} must be '{prefix}<native id>'")


@frozen
class Intervention:
    """One method as one source describes it.

    ``id`` is ``<source>:<native id>``.  ``original`` names (or ids) the programme this one
    adapts, where the source says so.  ``extra`` holds every source field the model has no
    home for, verbatim, as ``(field, value)`` pairs (a field may repeat when a source gives
    several rows for one method).
    """

    id: str = field(validator=_check_id)
    name: str = field(converter=_strip, validator=_not_blank)
    source: str = field(validator=_check_source)
    aliases: tuple[Alias, ...] = field(default=(), converter=_aliases)
    country: str | None = field(default=None, converter=_country, validator=_check_country)
    languages: tuple[str, ...] = field(default=(), converter=_strings, validator=_check_langs)
    ratings: tuple[Rating, ...] = field(default=(), converter=_ratings)
    target: Target = field(factory=Target)
    domains: tuple[Domain, ...] = field(default=(Domain.PREVENTION,), converter=_domains)
    original: str | None = field(default=None, converter=_optional_strip)
    url: str | None = field(default=None, converter=_optional_strip)
    description: str | None = field(default=None, converter=_optional_strip)
    confidence: Confidence | None = None
    extra: tuple[tuple[str, str], ...] = field(default=(), converter=_extra)

    @property
    def native_id(self) -> str:
        """The id within its source (after ``<source>:``)."""
        return self.id.split(":", 1)[1]

    @property
    def domain(self) -> Domain | None:
        """The primary domain (the first listed), or None."""
        return self.domains[0] if self.domains else None

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias name, without repeats."""
        out = [self.name]
        for alias in self.aliases:
            if alias.name not in out:
                out.append(alias.name)
        return tuple(out)

    @property
    def evidence(self) -> RatingSummary:
        """All ratings summarised: range and dispute flag (see :class:`RatingSummary`)."""
        return summarize(self.ratings)

    def extra_values(self, key: str) -> tuple[str, ...]:
        """Every value kept in ``extra`` under ``key``."""
        return tuple(v for k, v in self.extra if k == key)
