"""A small hand-built library, crosswalk and resolved portfolios for comparison and render tests.

Loaded by tests with ``runpy.run_path`` (tests are not a package).  The data mirror the
real traps: SFP 10-14 rated positive in the US, level 0 for its Norwegian adaptation at
Ungsinn and "Unlikely to be beneficial" at Xchange; a Swedish adaptation of the Good
Behavior Game; MST with a Norwegian rating.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.evidence import Direction, EvidenceLevel, Rating, ScaleRef
from prevcat.model import AgeRange, Intervention, Target
from prevcat.portfolio import (
    LocalClassification,
    Portfolio,
    PortfolioEntry,
    ResolvedEntry,
    ResolvedPortfolio,
    Status,
)


def rating(scale: str, label: str, level: EvidenceLevel | None, direction: Direction, **kw: object) -> Rating:
    return Rating(ScaleRef(scale, "1"), label, level, direction, **kw)  # type: ignore[arg-type]


POS = Direction.POSITIVE
NULL = Direction.NO_EFFECT


def item(source: str, native: str, name: str, *ratings: Rating, **kw: object) -> Intervention:
    return Intervention(source=source, id=f"{source}:{native}", name=name, ratings=ratings, **kw)  # type: ignore[arg-type]


SFP_TARGET = Target(levels=["universal"], ages=AgeRange(10, 14), settings=["family"], substances=["alcohol"])
GBG_TARGET = Target(levels=["universal"], ages=AgeRange(6, 10), settings=["school"], substances=["general"])
MST_TARGET = Target(
    levels=["indicated"], ages=AgeRange(12, 17), settings=["family", "social_services"],
    substances=["violence_crime", "cannabis"],
)
EFFEKT_TARGET = Target(
    levels=["universal"], ages=AgeRange(13, 16), settings=["family"], substances=["alcohol"]
)


def library() -> Library:
    blueprints = Catalogue(
        Provenance("blueprints", "Blueprints", country="US", snapshot="2026-11"),
        [
            item("blueprints", "sfp", "Strengthening Families 10-14",
                 rating("blueprints", "Promising", EvidenceLevel.PROMISING, POS), target=SFP_TARGET,
                 url="https://www.blueprintsprograms.org/factsheet/strengthening-families-10-14"),
            item("blueprints", "gbg", "Good Behavior Game",
                 rating("blueprints", "Model Plus", EvidenceLevel.WELL_ESTABLISHED, POS), target=GBG_TARGET),
            item("blueprints", "mst", "Multisystemic Therapy",
                 rating("blueprints", "Model", EvidenceLevel.EFFECTIVE, POS), target=MST_TARGET,
                 domains=["treatment"]),
            item("blueprints", "effekt", "EFFEKT",
                 rating("blueprints", "Promising", EvidenceLevel.PROMISING, POS), target=EFFEKT_TARGET),
            item("blueprints", "harm", "Scared Straight",
                 rating("blueprints", "Harmful", EvidenceLevel.HARMFUL, Direction.NEGATIVE),
                 target=Target(levels=["selective"], settings=["criminal_justice"], ages=AgeRange(13, 17))),
        ],
    )
    crimesolutions = Catalogue(
        Provenance("crimesolutions", "CrimeSolutions", country="US"),
        [item("crimesolutions", "sfp", "Strengthening Families Program 10-14",
              rating("crimesolutions", "Effective", EvidenceLevel.EFFECTIVE, POS), target=SFP_TARGET)],
    )
    ungsinn = Catalogue(
        Provenance("ungsinn", "Ungsinn", country="NO"),
        [
            item("ungsinn", "kog", "Kjærlighet og Grenser",
                 rating("ungsinn", "evidensnivå 0 – uvirksomt tiltak", EvidenceLevel.NO_EFFECT, NULL),
                 target=SFP_TARGET, languages=["nb"], country="NO"),
            item("ungsinn", "mst", "MST – Multisystemisk terapi",
                 rating("ungsinn", "evidensnivå 5", EvidenceLevel.WELL_ESTABLISHED, POS),
                 target=MST_TARGET, languages=["nb"], country="NO", domains=["treatment"]),
        ],
    )
    xchange = Catalogue(
        Provenance("xchange", "Xchange prevention registry", country="EU"),
        [
            item("xchange", "sfp", "Strengthening Families Programme 10-14 (SFP 10-14)",
                 rating("xchange", "Unlikely to be beneficial", EvidenceLevel.NO_EFFECT, NULL),
                 target=SFP_TARGET),
            item("xchange", "effekt", "EFFEKT / Örebro Prevention Programme",
                 rating("xchange", "Possibly beneficial", EvidenceLevel.PROMISING, POS),
                 target=EFFEKT_TARGET),
        ],
    )
    metodguiden = Catalogue(
        Provenance("metodguiden", "Metodguiden", country="SE"),
        [item("metodguiden", "pax", "PAX i skolan",
              rating("metodguiden", "Effekt", EvidenceLevel.EFFECTIVE, POS), target=GBG_TARGET,
              languages=["sv"], country="SE", aliases=["sv:PAX"])],
    )
    return Library.of([blueprints, crimesolutions, ungsinn, xchange, metodguiden])


@frozen
class Cluster:
    id: str
    name: str
    members: tuple[str, ...]


@frozen
class Crosswalk:
    clusters: tuple[Cluster, ...]

    def cluster_of(self, intervention_id: str) -> Cluster | None:
        return next((c for c in self.clusters if intervention_id in c.members), None)


def crosswalk() -> Crosswalk:
    return Crosswalk((
        Cluster("c-sfp", "Strengthening Families 10-14",
                ("blueprints:sfp", "crimesolutions:sfp", "ungsinn:kog", "xchange:sfp")),
        Cluster("c-gbg", "Good Behavior Game", ("blueprints:gbg", "metodguiden:pax")),
        Cluster("c-mst", "Multisystemic Therapy", ("blueprints:mst", "ungsinn:mst")),
        Cluster("c-effekt", "EFFEKT", ("blueprints:effekt", "xchange:effekt")),
        Cluster("c-harm", "Scared Straight", ("blueprints:harm",)),
    ))


def matched(name: str, intervention_id: str, status: Status = Status.MATCHED) -> ResolvedEntry:
    cluster = crosswalk().cluster_of(intervention_id)
    assert cluster is not None
    return ResolvedEntry(PortfolioEntry(name, sources=("https://example.org/" + cluster.id,)), status,
                         intervention_id, cluster.id, cluster.members, 95.0, "test")


def local(name: str, classification: LocalClassification | None = None) -> ResolvedEntry:
    return ResolvedEntry(PortfolioEntry(name, classification=classification), Status.LOCAL)


def ambiguous(name: str, *candidates: str) -> ResolvedEntry:
    from prevcat.portfolio import Candidate

    return ResolvedEntry(
        PortfolioEntry(name), Status.AMBIGUOUS,
        candidates=[Candidate(intervention_id=c, name=c, cluster=None, score=80.0) for c in candidates],
    )


def portfolio(city: str, country: str, language: str, entries: Sequence[ResolvedEntry]) -> ResolvedPortfolio:
    return ResolvedPortfolio(Portfolio(city, country, language, 2024, ("test",), ()), entries)


SURVEY = LocalClassification(domains=["monitoring"], target=Target(ages=AgeRange(13, 18)))
OUTREACH = LocalClassification(
    domains=["prevention"],
    target=Target(levels=["selective"], settings=["street_outreach"], ages=AgeRange(13, 25)),
)


def portfolios(extra_name: str | None = None) -> list[ResolvedPortfolio]:
    """Stockholm (SFP, a survey), Oslo (MST, outreach, an ambiguous entry), Malå and Norsjö (EFFEKT)."""
    mala = [matched("EFFEKT-informatörer", "xchange:effekt"), local("ANDT-kartläggning",
                                                                      SURVEY)]
    if extra_name:
        mala.append(local(extra_name, OUTREACH))
    return [
        portfolio("Stockholm", "SE", "sv", [
            matched("Steg-för-Steg (svensk SFP 10-14)", "crimesolutions:sfp"),
            local("Stockholmsenkäten", SURVEY),
        ]),
        portfolio("Oslo", "NO", "nb", [
            matched("MST", "ungsinn:mst", Status.PINNED),
            local("Uteseksjonen", OUTREACH),
            ambiguous("Steg for Steg", "blueprints:gbg", "blueprints:sfp"),
        ]),
        portfolio("Malå", "SE", "sv", mala),
        portfolio("Norsjö", "SE", "sv", [
            matched("EFFEKT-informatörer (Småkommunprojektet)", "blueprints:effekt"),
            local("ANDT-kartläggning (drogvaneundersökning)", SURVEY),
            local("Utbildning i tobakstillsyn"),
        ]),
    ]
