"""The bundled snapshot is the shared registry snapshot, every row accounted for."""

from __future__ import annotations

from pathlib import Path

import prevcat_xchange
import pytest
from prevcat_xchange.rules import XchangeImporter

from prevcat.catalogue import Catalogue
from prevcat.model import Domain
from prevcat.testing import snapshot_fixtures

_, catalogue = snapshot_fixtures(XchangeImporter)

BUNDLED = Path(prevcat_xchange.__file__).with_name("data") / "xchange.csv"
ROOT = Path(__file__).resolve().parents[3]
SHARED = next((d for d in (Path("/work/shared"), ROOT.parent / "shared") if d.is_dir()), None)


@pytest.mark.skipif(SHARED is None, reason="the shared registry data is not beside the repository")
def test_bundled_snapshot_is_the_shared_snapshot() -> None:
    assert SHARED is not None
    shared = (SHARED / "data" / "registries" / "xchange.csv").read_bytes()
    # no research rows are appended for Xchange: the bundled file is the shared one, byte for byte
    assert BUNDLED.read_bytes() == shared


def test_every_row_is_accounted_for() -> None:
    report = XchangeImporter().read_snapshot().report
    assert report.rows_read == report.imported + len(report.rejected)
    assert (report.rows_read, report.imported, len(report.rejected), report.interventions) == (19, 19, 0, 19)


def test_a_listed_programme_with_no_visible_rating_is_unrated(catalogue: Catalogue) -> None:
    mst = catalogue["xchange:multisystemic-therapy"]
    assert mst.name == "Multisystemic Therapy (MST)"
    assert mst.ratings == ()  # listed, rating not recorded: never "no effect"
    assert mst.evidence.lowest is None
    assert mst.country == "US"
    assert mst.domains[:2] == (Domain.EARLY_INTERVENTION, Domain.TREATMENT)
    assert mst.extra_values("Level(s) of intervention") == ("Targeted intervention",)


def test_provenance_gives_the_published_count(catalogue: Catalogue) -> None:
    published = catalogue.provenance.published
    assert published is not None and published.startswith("38 programmes (EUDA news, 2019")
