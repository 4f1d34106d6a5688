"""Evidence: the common scale, effect directions, native registry scales and ratings.

Every registry rates evidence on its own scale.  prevcat keeps each native label verbatim
(:attr:`Rating.label`) and places it on one common, ordered scale (:class:`EvidenceLevel`)
through the registry's :class:`EvidenceScale`.  Scales that make no claim about effects
(a Danish A-D knowledge profile, a Swedish guideline priority) keep ``level=None``: they
are shown, never forced onto effect levels they do not claim.

This module is long because it is the whole evidence vocabulary of the core layer (levels,
directions, scales, ratings and their summary), each part small and read together.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from functools import total_ordering

import attrs
from attrs import field, frozen

from prevcat.errors import UnknownLabelError


@total_ordering
class EvidenceLevel(enum.Enum):
    """prevcat's common evidence scale, ordered from worst to best.

    The order is meaningful: ``EvidenceLevel.PROMISING < EvidenceLevel.EFFECTIVE``.
    """

    HARMFUL = "harmful"
    NO_EFFECT = "no_effect"
    INSUFFICIENT = "insufficient"
    THEORY_BASED = "theory_based"
    PROMISING = "promising"
    EFFECTIVE = "effective"
    WELL_ESTABLISHED = "well_established"

    @property
    def rank(self) -> int:
        """Position on the scale, 0 (harmful) to 6 (well established)."""
        return _LEVEL_ORDER.index(self)

    @property
    def common_position(self) -> int:
        """The 0..5 position used in ``evidence_scales.yaml`` (harmful and no effect share 0)."""
        return max(self.rank - 1, 0)

    @property
    def label(self) -> str:
        """A human label: ``well established``."""
        return self.value.replace("_", " ")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, EvidenceLevel):
            return NotImplemented
        return self.rank < other.rank

    @classmethod
    def from_common(cls, position: int, direction: Direction) -> EvidenceLevel:
        """Place a 0..5 common position (as in ``evidence_scales.yaml``) with its direction.

        Position 0 is split by direction: ``negative`` gives :attr:`HARMFUL`, anything else
        :attr:`NO_EFFECT`.
        """
        if not 0 <= position <= 5:
            raise ValueError(f"common position must be 0..5, got {position}")
        if position == 0:
            return cls.HARMFUL if direction is Direction.NEGATIVE else cls.NO_EFFECT
        return _LEVEL_ORDER[position + 1]

    @property
    def results_first_tier(self) -> ResultsFirstTier:
        """This level on the Results First tiers, assuming the usual direction for the level."""
        return ResultsFirstTier.of(self, _DEFAULT_DIRECTION[self])


class Direction(enum.Enum):
    """Direction of the effect a rating reports."""

    POSITIVE = "positive"
    NO_EFFECT = "no_effect"
    NEGATIVE = "negative"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class Confidence(enum.Enum):
    """How sure a source snapshot is of a record or a rating (as the snapshot states it)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


_LEVEL_ORDER: tuple[EvidenceLevel, ...] = tuple(EvidenceLevel)
_DEFAULT_DIRECTION = {
    EvidenceLevel.HARMFUL: Direction.NEGATIVE,
    EvidenceLevel.NO_EFFECT: Direction.NO_EFFECT,
    EvidenceLevel.INSUFFICIENT: Direction.UNKNOWN,
    EvidenceLevel.THEORY_BASED: Direction.UNKNOWN,
    EvidenceLevel.PROMISING: Direction.POSITIVE,
    EvidenceLevel.EFFECTIVE: Direction.POSITIVE,
    EvidenceLevel.WELL_ESTABLISHED: Direction.POSITIVE,
}


class ResultsFirstTier(enum.Enum):
    """The Pew-MacArthur Results First clearinghouse colour tiers, as a view of the common scale."""

    HIGHEST_RATED = "highest rated"  # green
    SECOND_HIGHEST = "second-highest rated"  # yellow
    NO_EVIDENCE_OF_EFFECTS = "no evidence of effects"  # grey
    MIXED_EFFECTS = "mixed effects"  # blue
    NEGATIVE_EFFECTS = "negative effects"  # red
    INSUFFICIENT_EVIDENCE = "insufficient evidence"  # no colour

    @classmethod
    def of(cls, level: EvidenceLevel | None, direction: Direction) -> ResultsFirstTier:
        """The tier of a common level and direction.

        Effective and well established are the highest tier, promising the second; no effect
        is grey, harmful red; a mixed direction below promising is blue; everything else
        (insufficient, theory-based, or a scale with no effect claim) is insufficient evidence.
        """
        if level is None:
            return cls.INSUFFICIENT_EVIDENCE
        if level is EvidenceLevel.HARMFUL or direction is Direction.NEGATIVE:
            return cls.NEGATIVE_EFFECTS
        if level is EvidenceLevel.NO_EFFECT:
            return cls.NO_EVIDENCE_OF_EFFECTS
        if level >= EvidenceLevel.EFFECTIVE:
            return cls.HIGHEST_RATED
        if level is EvidenceLevel.PROMISING:
            return cls.SECOND_HIGHEST
        if direction is Direction.MIXED:
            return cls.MIXED_EFFECTS
        return cls.INSUFFICIENT_EVIDENCE


def _clean_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _level_tuple(values: Iterable[ScaleLevel]) -> tuple[ScaleLevel, ...]:
    return tuple(values)


def _rating_tuple(values: Iterable[Rating]) -> tuple[Rating, ...]:
    return tuple(values)


@frozen
class ScaleRef:
    """A reference to one version of an evidence scale: ``ungsinn`` version ``2015``."""

    id: str = field(validator=attrs.validators.min_len(1))
    version: str = field(default="1", validator=attrs.validators.min_len(1))

    def __str__(self) -> str:
        return f"{self.id}@{self.version}"


@frozen
class ScaleLevel:
    """One native label of a scale, with its place on the common scale.

    ``level`` is ``None`` where the native scale makes no claim about effects.
    ``variants`` are other exact wordings of the same label that the registry itself uses
    (looked up like the label: case and surrounding space ignored, nothing guessed).
    """

    label: str = field(validator=attrs.validators.min_len(1))
    level: EvidenceLevel | None
    direction: Direction = Direction.UNKNOWN
    description: str | None = None
    variants: tuple[str, ...] = field(default=(), converter=_str_tuple)


def _unique_labels(instance: EvidenceScale, attribute: attrs.Attribute[object], value: object) -> None:
    seen: dict[str, str] = {}
    for level in instance.levels:
        for text in (level.label, *level.variants):
            key = _clean_label(text)
            if key in seen:
                raise ValueError(
                    f"scale {instance.id}@{instance.version}: label {text!r} "
                    f"is given twice (also as {seen[key]!r})"
                )
            seen[key] = text
    if not instance.levels:
        raise ValueError(f"scale {instance.id}@{instance.version} has no levels")


@frozen
class EvidenceScale:
    """A registry's native evidence scale (one version of it), ordered from lowest to highest.

    ``ordinal`` is false for scales whose labels are not ranked (Vidensportalen's A-D
    knowledge declaration, Socialstyrelsen's guideline priorities); their order is then
    only the order of presentation.
    """

    id: str = field(validator=attrs.validators.matches_re(r"^[a-z0-9][a-z0-9_.-]*$"))
    version: str = field(validator=attrs.validators.min_len(1))
    name: str = field(validator=attrs.validators.min_len(1))
    levels: tuple[ScaleLevel, ...] = field(converter=_level_tuple, validator=_unique_labels)
    ordinal: bool = True
    url: str | None = None
    note: str | None = None

    @property
    def ref(self) -> ScaleRef:
        """The reference ratings carry to this scale."""
        return ScaleRef(self.id, self.version)

    @property
    def labels(self) -> tuple[str, ...]:
        """The native labels, in scale order."""
        return tuple(level.label for level in self.levels)

    def lookup(self, label: str) -> ScaleLevel:
        """The level with this native label, ignoring case and surrounding/repeated spaces.

        Raises :class:`~prevcat.errors.UnknownLabelError` listing the known labels; never guesses.
        """
        key = _clean_label(label)
        for level in self.levels:
            if key == _clean_label(level.label) or any(
                key == _clean_label(v) for v in level.variants
            ):
                return level
        raise UnknownLabelError(label=label, scale=str(self.ref), known=self.labels)

    def __contains__(self, label: object) -> bool:
        if not isinstance(label, str):
            return False
        try:
            self.lookup(label)
        except UnknownLabelError:
            return False
        return True

    def rate(
        self,
        label: str,
        *,
        outcome: str | None = None,
        reviewed: dt.date | None = None,
        database: str | None = None,
        reported_by: str | None = None,
        url: str | None = None,
        note: str | None = None,
        confidence: Confidence | None = None,
    ) -> Rating:
        """A :class:`Rating` on this scale; ``label`` is kept verbatim (stripped)."""
        level = self.lookup(label)
        return Rating(
            scale=self.ref,
            label=label.strip(),
            level=level.level,
            direction=level.direction,
            outcome=outcome,
            reviewed=reviewed,
            database=database,
            reported_by=reported_by,
            url=url,
            note=note,
            confidence=confidence,
        )


@frozen
class Rating:
    """One verdict of one registry (or database) on one intervention.

    ``label`` is the registry's own words; ``level`` and ``direction`` place it on the common
    scale (``level=None``: the native scale makes no effect claim).  ``database`` names whose
    verdict it is when that is not simply the source: a database within a registry (NJi vs
    RIVM Loketgezondleven) or another registry (a Blueprints endorsement by CrimeSolutions);
    ``reported_by`` is set when a source reports another's verdict (``blueprints``).
    ``confidence`` is the snapshot's own confidence in this verdict, where it gives one.
    """

    scale: ScaleRef
    label: str = field(validator=attrs.validators.min_len(1))
    level: EvidenceLevel | None
    direction: Direction = Direction.UNKNOWN
    outcome: str | None = None
    reviewed: dt.date | None = None
    database: str | None = None
    reported_by: str | None = None
    url: str | None = None
    note: str | None = None
    confidence: Confidence | None = None

    @property
    def tier(self) -> ResultsFirstTier:
        """This rating on the Results First tiers."""
        return ResultsFirstTier.of(self.level, self.direction)

    @property
    def level_label(self) -> str:
        """The common level in words, or ``not on the common scale``."""
        return self.level.label if self.level else "not on the common scale"

    def qualifiers(self) -> list[str]:
        """Whose verdict, for which outcome, and when: ``by NJi``, ``reviewed 2016-10-06``..."""
        parts = []
        if self.database:
            parts.append(f"by {self.database}")
        if self.reported_by:
            parts.append(f"reported by {self.reported_by}")
        if self.outcome:
            parts.append(f"outcome: {self.outcome}")
        if self.reviewed:
            parts.append(f"reviewed {self.reviewed.isoformat()}")
        return parts

    def describe(self) -> str:
        """``Nivå 0: Uvirksomt tiltak (ungsinn@2015 → no effect, no_effect)``, then its qualifiers."""
        head = f"{self.label} ({self.scale} → {self.level_label}, {self.direction.value})"
        return "; ".join([head, *self.qualifiers()])


_POSITIVE_AT_LEAST_PROMISING = EvidenceLevel.PROMISING


@frozen
class RatingSummary:
    """How several ratings of one method are summarised: all kept, a range, a dispute flag.

    The rule (never an average):

    * ``lowest`` and ``highest`` are the lowest and highest common levels among the ratings
      placed on the common scale (``None`` when none is);
    * ``disputed`` is true when at least one rating finds a positive effect at promising or
      better while another finds no effect or a harmful/negative one (SFP 10-14: "Model" at
      Blueprints, "Unlikely to be beneficial" at Xchange, level 0 at Ungsinn), or when a
      rating itself reports mixed effects.
    """

    ratings: tuple[Rating, ...] = field(converter=_rating_tuple)

    @property
    def placed(self) -> tuple[Rating, ...]:
        """Ratings with a common level."""
        return tuple(r for r in self.ratings if r.level is not None)

    @property
    def lowest(self) -> EvidenceLevel | None:
        levels = [r.level for r in self.placed if r.level is not None]
        return min(levels) if levels else None

    @property
    def highest(self) -> EvidenceLevel | None:
        levels = [r.level for r in self.placed if r.level is not None]
        return max(levels) if levels else None

    @property
    def disputed(self) -> bool:
        positive = any(
            r.direction is Direction.POSITIVE
            and r.level is not None
            and r.level >= _POSITIVE_AT_LEAST_PROMISING
            for r in self.ratings
        )
        null_or_negative = any(
            r.direction in (Direction.NO_EFFECT, Direction.NEGATIVE)
            or r.level in (EvidenceLevel.NO_EFFECT, EvidenceLevel.HARMFUL)
            for r in self.ratings
        )
        mixed = any(r.direction is Direction.MIXED for r in self.ratings)
        return (positive and null_or_negative) or mixed

    @property
    def range_label(self) -> str:
        """``no effect..well established``, a single level, or ``unrated``."""
        low, high = self.lowest, self.highest
        if low is None or high is None:
            return "unrated"
        return low.label if low is high else f"{low.label}..{high.label}"

    def at_least(self, level: EvidenceLevel) -> bool:
        """True when any rating reaches ``level``."""
        return self.highest is not None and self.highest >= level


def summarize(ratings: Iterable[Rating]) -> RatingSummary:
    """Summarise ratings by the documented rule of :class:`RatingSummary`."""
    return RatingSummary(tuple(ratings))


def _common_levels() -> Sequence[ScaleLevel]:
    descriptions = {
        EvidenceLevel.HARMFUL: "evaluations found harmful (iatrogenic) effects",
        EvidenceLevel.NO_EFFECT: "sound evaluations found no effect",
        EvidenceLevel.INSUFFICIENT: "evidence too weak or inconclusive to judge",
        EvidenceLevel.THEORY_BASED: "well described and theoretically grounded; no outcome evidence yet",
        EvidenceLevel.PROMISING: "first indications of effect (e.g. one controlled study)",
        EvidenceLevel.EFFECTIVE: "good evidence of effect (controlled studies)",
        EvidenceLevel.WELL_ESTABLISHED: "replicated, long-term evidence of effect",
    }
    return [
        ScaleLevel(
            label=level.value,
            level=level,
            direction=_DEFAULT_DIRECTION[level],
            description=descriptions[level],
            variants=(level.label, level.value.replace("_", "-")) if "_" in level.value else (),
        )
        for level in EvidenceLevel
    ]


COMMON_SCALE = EvidenceScale(
    id="prevcat",
    version="1",
    name="prevcat common evidence scale",
    levels=tuple(_common_levels()),
    note="For users' own catalogues: rate with the common level names (e.g. 'promising').",
)
"""prevcat's own scale, registered like any registry's, for users' own catalogues."""
