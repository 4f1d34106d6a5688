"""Resolution: each portfolio entry becomes a registry method (with its cluster) or a local method.

* ``intervention`` in the file pins an entry (:attr:`Status.PINNED`); an id not in the
  library is a data error naming the entry, with near ids.
* An entry declared local (``local = true`` or classification keys) stays
  :attr:`Status.LOCAL`; the resolver's best guess, if any, is kept as a candidate.
* Any other entry goes through :func:`prevcat.linking.resolve`: one match passing the
  threshold is :attr:`Status.MATCHED`; several close ones are :attr:`Status.AMBIGUOUS`,
  flagged with their candidates and never guessed; none is :attr:`Status.LOCAL`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import field, frozen

from prevcat.catalogue import Library
from prevcat.errors import DataError, DataErrors, NotFoundError
from prevcat.linking import Candidate, Crosswalk, Resolution, link, resolve
from prevcat.model import AgeRange, Domain, Intervention, PreventionLevel, Setting, Substance, Target
from prevcat.portfolio.load import _Lines
from prevcat.portfolio.model import Portfolio, PortfolioEntry

__all__ = ["Candidate", "ResolvedEntry", "ResolvedPortfolio", "Status", "resolve_portfolio"]


class Status(enum.Enum):
    """How a portfolio entry was resolved."""

    PINNED = "pinned"  #: the file names the intervention id
    MATCHED = "matched"  #: the resolver found one registry method for the name
    LOCAL = "local"  #: no registry lists it (declared local, or nothing close enough)
    AMBIGUOUS = "ambiguous"  #: several registry methods fit; none chosen


def _candidates(values: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(values)


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _union_target(targets: Sequence[Target]) -> Target:
    levels: list[PreventionLevel] = []
    settings: list[Setting] = []
    substances: list[Substance] = []
    known = [t.ages for t in targets if not t.ages.is_open]
    for t in targets:
        levels += [v for v in t.levels if v not in levels]
        settings += [v for v in t.settings if v not in settings]
        substances += [v for v in t.substances if v not in substances]
    ages = AgeRange()
    if known:
        lows = [0 if a.min is None else a.min for a in known]
        highs = [a.max for a in known]
        high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
        ages = AgeRange(min(lows), high)
    return Target(levels=levels, ages=ages, settings=settings, substances=substances)


@frozen
class ResolvedEntry:
    """A portfolio entry with what it resolved to.

    ``members`` holds every registry record of the method (the cluster's intervention ids);
    ``candidates`` the records considered (for an ambiguous entry: those it could be).
    """

    entry: PortfolioEntry
    status: Status
    intervention_id: str | None = None
    cluster_id: str | None = None
    members: tuple[str, ...] = field(default=(), converter=_strs)
    score: float = 0.0
    reason: str = ""
    candidates: tuple[Candidate, ...] = field(default=(), converter=_candidates)

    @property
    def is_matched(self) -> bool:
        """True for pinned and matched entries (they have an intervention and cluster)."""
        return self.status in (Status.PINNED, Status.MATCHED)

    def _records(self, library: Library) -> list[Intervention]:
        ids = self.members or ((self.intervention_id,) if self.intervention_id else ())
        return [library[i] for i in ids if i in library]

    def target(self, library: Library) -> Target:
        """The entry's own classification; else for a registry method the union over its records."""
        own = self.entry.classification
        if own is not None and not own.is_empty and (own.target.levels or own.target.settings
                                                     or own.target.substances or not own.target.ages.is_open):
            return own.target
        if self.is_matched:
            return _union_target([r.target for r in self._records(library)])
        if self.entry.classification is not None:
            return self.entry.classification.target
        return Target()

    def domains(self, library: Library) -> tuple[Domain, ...]:
        """The entry's own domains; else the union over the method's records."""
        if self.entry.classification is not None and self.entry.classification.domains:
            return self.entry.classification.domains
        if self.is_matched:
            out: list[Domain] = []
            for record in self._records(library):
                out += [d for d in record.domains if d not in out]
            return tuple(out)
        if self.entry.classification is not None:
            return self.entry.classification.domains
        return ()


def _resolved_tuple(values: Iterable[ResolvedEntry]) -> tuple[ResolvedEntry, ...]:
    return tuple(values)


@frozen
class ResolvedPortfolio:
    """A portfolio with every entry resolved, in file order."""

    portfolio: Portfolio
    entries: tuple[ResolvedEntry, ...] = field(converter=_resolved_tuple)

    @property
    def city(self) -> str:
        return self.portfolio.city

    @property
    def matched(self) -> tuple[ResolvedEntry, ...]:
        """Entries resolved to a registry method (pinned or matched)."""
        return tuple(e for e in self.entries if e.is_matched)

    @property
    def local(self) -> tuple[ResolvedEntry, ...]:
        """Local methods (no registry entry)."""
        return tuple(e for e in self.entries if e.status is Status.LOCAL)

    @property
    def ambiguous(self) -> tuple[ResolvedEntry, ...]:
        """Entries with several candidates and none chosen."""
        return tuple(e for e in self.entries if e.status is Status.AMBIGUOUS)

    @property
    def cluster_ids(self) -> frozenset[str]:
        """The clusters (registry methods) this city uses."""
        return frozenset(e.cluster_id for e in self.matched if e.cluster_id)


# --- resolution ----------------------------------------------------------------------------


def _cluster(crosswalk: Crosswalk, intervention_id: str) -> tuple[str | None, tuple[str, ...]]:
    """The cluster id and member ids of one intervention (itself alone when the crosswalk lacks it)."""
    try:
        cluster = crosswalk.cluster_of(intervention_id)
    except NotFoundError:
        return None, (intervention_id,)
    return cluster.id, tuple(cluster.members) or (intervention_id,)


def _pin_error(
    portfolio: Portfolio, index: int, entry: PortfolioEntry, exc: NotFoundError, lines: _Lines | None
) -> DataError:
    hint = (f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions
            else "; if it is in a catalogue of your own, pass that file with --catalogue FILE")
    return DataError(
        f"{entry.intervention!r} is not in the library ({entry.name!r}){hint}",
        file=portfolio.file,
        line=lines.entry(index, "intervention") if lines else None,
        path=f"methods[{index}].intervention",
    )


def _file_lines(portfolio: Portfolio) -> _Lines | None:
    if not portfolio.file:
        return None
    try:
        return _Lines(Path(portfolio.file).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None


def resolve_portfolio(
    portfolio: Portfolio, *, library: Library, crosswalk: Crosswalk | None = None
) -> ResolvedPortfolio:
    """Resolve every entry of ``portfolio`` against ``library`` (``prevcat.load_library()``: every
    installed catalogue).

    ``crosswalk`` (default: :func:`prevcat.linking.link` over the library) gives each
    method's cluster; pass one in when resolving several portfolios.  Raises
    :class:`DataErrors` for pinned ids that are not in the library, one message each.
    """
    if crosswalk is None:
        crosswalk = link(library)
    errors: list[DataError] = []
    lines: _Lines | None = None
    for index, entry in enumerate(portfolio.entries):
        if entry.intervention is not None:
            try:
                library.get(entry.intervention)
            except NotFoundError as exc:
                lines = lines or _file_lines(portfolio)
                errors.append(_pin_error(portfolio, index, entry, exc, lines))
    if errors:
        where = portfolio.file or portfolio.city
        raise DataErrors(errors, summary=f"{where}: {len(errors)} problem(s) found")

    to_resolve = [e for e in portfolio.entries if e.intervention is None]
    found: dict[str, Resolution] = {}
    if to_resolve:
        answers = resolve(
            [e.name for e in to_resolve], library=library, crosswalk=crosswalk, country=portfolio.country
        )
        found = {entry.name: answer for entry, answer in zip(to_resolve, answers, strict=True)}
    return ResolvedPortfolio(
        portfolio,
        [_resolve_entry(e, found.get(e.name), library, crosswalk) for e in portfolio.entries],
    )


def _resolve_entry(
    entry: PortfolioEntry, result: Resolution | None, library: Library, crosswalk: Crosswalk
) -> ResolvedEntry:
    if entry.intervention is not None:
        cluster_id, members = _cluster(crosswalk, entry.intervention)
        return ResolvedEntry(
            entry, Status.PINNED, entry.intervention, cluster_id, members, 100.0,
            "pinned by 'intervention' in the portfolio file",
        )
    if result is None:
        return ResolvedEntry(entry, Status.LOCAL, reason="not resolved")
    candidates = list(result.candidates)
    match_id = result.intervention_id
    if entry.classification is not None:
        text = "declared local in the portfolio file"
        if match_id:
            text += (
                f"; the resolver would have matched {match_id} (score {result.score:.0f}: {result.reason})"
                " — remove the local keys or set 'intervention' to use it"
            )
            if all(c.intervention_id != match_id for c in candidates):
                name = result.name or library[match_id].name
                candidates.insert(0, Candidate(match_id, name, result.cluster, result.score))
        return ResolvedEntry(entry, Status.LOCAL, None, None, (), 0.0, text, candidates)
    if result.ambiguous:
        listed = ", ".join(c.intervention_id for c in candidates) or "several records"
        return ResolvedEntry(
            entry, Status.AMBIGUOUS, None, None, (), result.score,
            f"ambiguous: {result.reason or 'several records fit'}; candidates {listed}"
            " — pin one with 'intervention'",
            candidates,
        )
    if match_id:
        cluster_id, members = _cluster(crosswalk, match_id)
        return ResolvedEntry(
            entry, Status.MATCHED, match_id, result.cluster or cluster_id, members, result.score,
            result.reason, candidates,
        )
    return ResolvedEntry(
        entry, Status.LOCAL, None, None, (), result.score,
        result.reason or "no registry record close enough: a local method", candidates,
    )
