"""Resolution of portfolio entries, on a small hand-built library and a stand-in resolver.

The stand-in returns fixed answers, so these tests pin down what resolution does with each
kind of answer (one match, several, none) and with pinned and declared-local entries,
whatever the matcher's scores are.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest

import prevcat.portfolio.resolve
from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.errors import DataErrors
from prevcat.linking import Candidate, Resolution
from prevcat.model import AgeRange, Domain, Intervention, Setting, Substance, Target
from prevcat.portfolio import Status, load_portfolio, parse_portfolio, resolve_portfolio

DATA = Path(__file__).resolve().parents[1] / "data" / "portfolios"


def _library() -> Library:
    xchange = Catalogue(
        Provenance("xchange", "Xchange"),
        [
            Intervention(
                source="xchange", id="xchange:effekt-orebro-pas", name="EFFEKT/Örebro/PAS", country="SE",
                target=Target(levels=["universal"], ages=AgeRange(13, 16), settings=["family"],
                              substances=["alcohol"]),
            ),
            Intervention(source="xchange", id="xchange:unplugged", name="Unplugged"),
        ],
    )
    nji = Catalogue(
        Provenance("nji", "NJi"),
        [
            Intervention(
                source="nji", id="nji:pas", name="Preventie Alcoholgebruik Scholieren (PAS)",
                target=Target(ages=AgeRange(12, 15), settings=["school", "family"], substances=["alcohol"]),
                domains=["prevention", "early_intervention"],
            ),
        ],
    )
    metodguiden = Catalogue(
        Provenance("metodguiden", "Metodguiden"),
        [
            Intervention(source="metodguiden", id="metodguiden:komet-3-11", name="Komet för föräldrar"),
            Intervention(source="metodguiden", id="metodguiden:forstarkt-komet", name="Förstärkt Komet"),
        ],
    )
    return Library.of([xchange, nji, metodguiden])


class _Crosswalk:
    clusters: ClassVar[dict[str, tuple[str, ...]]] = {"c-effekt": ("xchange:effekt-orebro-pas", "nji:pas")}

    def cluster_of(self, intervention_id: str) -> Any:
        for key, members in self.clusters.items():
            if intervention_id in members:
                return SimpleNamespace(id=key, members=members)
        return SimpleNamespace(id=f"c-{intervention_id}", members=(intervention_id,))


def _answer(query: str, ident: str | None = None, *, ambiguous: bool = False,
            candidates: Sequence[tuple[str, float]] = ()) -> Resolution:
    return Resolution(
        query=query, intervention_id=ident, cluster=None, name=ident, score=91.0 if ident else 40.0,
        reason="token_sort 91; acronym EFFEKT" if ident else "below threshold", ambiguous=ambiguous,
        candidates=tuple(Candidate(i, i, None, s) for i, s in candidates),
    )


ANSWERS = {
    "EFFEKT-informatörer": _answer("EFFEKT-informatörer", "xchange:effekt-orebro-pas",
                                   candidates=[("xchange:effekt-orebro-pas", 91.0)]),
    "Komet": _answer("Komet", None, ambiguous=True,
                     candidates=[("metodguiden:komet-3-11", 88.0), ("metodguiden:forstarkt-komet", 86.0)]),
    "Lilla PAS": _answer("Lilla PAS", "nji:pas"),
    "MiniMili": _answer("MiniMili"),
}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def resolve(names: Sequence[str], **kwargs: Any) -> list[Any]:
        seen.append({"names": list(names), **kwargs})
        return [ANSWERS.get(n, _answer(n)) for n in names]

    monkeypatch.setattr(prevcat.portfolio.resolve, "resolve", resolve)
    return seen


def _portfolio(*methods: dict[str, Any]) -> Any:
    return parse_portfolio({"city": "Malå", "country": "SE", "methods": list(methods)}, file="mala.toml")


def test_pinned_entry_takes_its_cluster_and_the_union_of_its_records(calls: list[dict[str, Any]]) -> None:
    library = _library()
    portfolio = _portfolio({"name": "ÖPP", "intervention": "xchange:effekt-orebro-pas"})
    [r] = resolve_portfolio(portfolio, library=library, crosswalk=_Crosswalk()).entries
    assert r.status is Status.PINNED
    assert (r.intervention_id, r.cluster_id) == ("xchange:effekt-orebro-pas", "c-effekt")
    assert r.members == ("xchange:effekt-orebro-pas", "nji:pas")
    target = r.target(library)
    assert target.ages == AgeRange(12, 16)
    assert set(target.settings) == {Setting.FAMILY, Setting.SCHOOL}
    assert target.substances == (Substance.ALCOHOL,)
    assert r.domains(library) == (Domain.PREVENTION, Domain.EARLY_INTERVENTION)
    assert calls == []  # nothing left for the resolver


def test_unknown_pinned_ids_are_reported_with_line_and_near_ids(calls: list[dict[str, Any]]) -> None:
    portfolio = load_portfolio(DATA / "unknown_id.toml")
    with pytest.raises(DataErrors) as info:
        resolve_portfolio(portfolio, library=_library(), crosswalk=_Crosswalk())
    file = str(DATA / "unknown_id.toml")
    assert [e.format() for e in info.value.errors] == [
        f"{file}, line 10: methods[1].intervention: 'xchange:effekt-orebro' is not in the library "
        "('EFFEKT (tidigare Örebro preventionsprogram, ÖPP)'); did you mean xchange:effekt-orebro-pas?",
        f"{file}, line 14: methods[2].intervention: 'nji:pas-alcohol' is not in the library ('PAS'); "
        "did you mean nji:pas?",
    ]


def test_matched_entry_carries_cluster_score_reason_and_the_country(calls: list[dict[str, Any]]) -> None:
    portfolio = _portfolio({"name": "EFFEKT-informatörer", "confidence": "low"})
    resolved = resolve_portfolio(portfolio, library=_library(), crosswalk=_Crosswalk())
    [r] = resolved.entries
    assert r.status is Status.MATCHED
    assert (r.intervention_id, r.cluster_id, r.members) == (
        "xchange:effekt-orebro-pas", "c-effekt", ("xchange:effekt-orebro-pas", "nji:pas"))
    assert r.score == 91.0 and "acronym EFFEKT" in r.reason
    assert [c.intervention_id for c in r.candidates] == ["xchange:effekt-orebro-pas"]
    assert calls[0]["names"] == ["EFFEKT-informatörer"] and calls[0]["country"] == "SE"
    assert resolved.cluster_ids == frozenset({"c-effekt"})


def test_ambiguous_entry_is_flagged_with_candidates_and_never_guessed(calls: list[dict[str, Any]]) -> None:
    library = _library()
    resolved = resolve_portfolio(_portfolio({"name": "Komet"}), library=library, crosswalk=_Crosswalk())
    [r] = resolved.entries
    assert r.status is Status.AMBIGUOUS
    assert r.intervention_id is None and r.cluster_id is None and r.members == ()
    ids = [c.intervention_id for c in r.candidates]
    assert ids == ["metodguiden:komet-3-11", "metodguiden:forstarkt-komet"]
    assert "metodguiden:komet-3-11" in r.reason and "intervention" in r.reason
    assert r.target(library) == Target() and r.domains(library) == ()
    assert resolved.ambiguous == (r,) and resolved.matched == () and resolved.cluster_ids == frozenset()


def test_declared_local_entry_stays_local_but_shows_what_the_resolver_would_pick(
    calls: list[dict[str, Any]],
) -> None:
    library = _library()
    portfolio = _portfolio(
        {"name": "Lilla PAS", "domains": ["prevention"], "settings": ["family"], "ages": "3-8"}
    )
    [r] = resolve_portfolio(portfolio, library=library, crosswalk=_Crosswalk()).entries
    assert r.status is Status.LOCAL and r.intervention_id is None
    assert "declared local" in r.reason and "nji:pas" in r.reason
    assert [c.intervention_id for c in r.candidates] == ["nji:pas"]
    assert r.target(library) == Target(ages=AgeRange(3, 8), settings=["family"])
    assert r.domains(library) == (Domain.PREVENTION,)


def test_nothing_close_enough_is_an_unclassified_local_method(calls: list[dict[str, Any]]) -> None:
    library = _library()
    resolved = resolve_portfolio(_portfolio({"name": "MiniMili"}), library=library, crosswalk=_Crosswalk())
    [r] = resolved.entries
    assert r.status is Status.LOCAL and r.intervention_id is None
    assert r.target(library) == Target() and r.domains(library) == ()
    assert resolved.local == (r,)


def test_entries_keep_file_order_and_portfolio(calls: list[dict[str, Any]]) -> None:
    portfolio = _portfolio(
        {"name": "MiniMili"},
        {"name": "ÖPP", "intervention": "xchange:effekt-orebro-pas"},
        {"name": "Komet"},
        {"name": "EFFEKT-informatörer"},
    )
    resolved = resolve_portfolio(portfolio, library=_library(), crosswalk=_Crosswalk())
    assert resolved.portfolio is portfolio
    statuses = [r.status for r in resolved.entries]
    assert statuses == [Status.LOCAL, Status.PINNED, Status.AMBIGUOUS, Status.MATCHED]
    assert [r.entry.name for r in resolved.matched] == ["ÖPP", "EFFEKT-informatörer"]
