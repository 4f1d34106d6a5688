"""The bundled snapshot: the shared registry snapshot, byte for byte, then the research rows; every row
accounted for; rows with no rating are listed, never "no effect"."""

from __future__ import annotations

from pathlib import Path

import prevcat_crimesolutions
import pytest
from prevcat_crimesolutions.rules import CrimeSolutionsImporter

from prevcat.catalogue import Catalogue
from prevcat.evidence import Confidence, EvidenceLevel
from prevcat.model import AgeRange, Substance
from prevcat.testing import snapshot_fixtures

_, catalogue = snapshot_fixtures(CrimeSolutionsImporter)

BUNDLED = Path(prevcat_crimesolutions.__file__).with_name("data") / "crimesolutions.csv"
ROOT = Path(__file__).resolve().parents[3]
SHARED = next((d for d in (Path("/work/shared"), ROOT.parent / "shared") if d.is_dir()), None)
SHARED_ROWS = 38
#: research rows appended after the shared ones; FAST was dropped (data/PROVENANCE.md)
RESEARCH_IDS = ["sources-of-strength", "communities-mobilizing-for-change-on-alcohol",
                "a-stop-smoking-in-schools-trial-assist", "gang-resistance-education-and-training",
                "aggression-replacement-training", "oakland-ceasefire", "multisystemic-therapy"]


@pytest.mark.skipif(SHARED is None, reason="the shared registry data is not beside the repository")
def test_bundled_snapshot_starts_with_the_shared_snapshot() -> None:
    assert SHARED is not None
    shared = (SHARED / "data" / "registries" / "crimesolutions.csv").read_bytes()
    assert BUNDLED.read_bytes().startswith(shared)
    assert shared.count(b"\n") == SHARED_ROWS + 1  # the header and the shared rows (no quoted line breaks)
    appended = BUNDLED.read_bytes()[len(shared):].decode("utf-8").splitlines()
    assert [line.split(",", 1)[0] for line in appended] == RESEARCH_IDS


def test_every_row_is_accounted_for() -> None:
    report = CrimeSolutionsImporter().read_snapshot().report
    assert report.rows_read == report.imported + len(report.rejected)
    counts = (report.rows_read, report.imported, len(report.rejected), report.interventions)
    assert counts == (45, 45, 0, 45)  # 38 shared rows, 7 research rows


@pytest.mark.parametrize("native", ["fast-track", "ehealth-familias-unidas"])
def test_an_empty_rating_is_listed_not_rated(catalogue: Catalogue, native: str) -> None:
    item = catalogue[f"crimesolutions:{native}"]
    assert item.ratings == ()  # listed, rating not recorded: never "no effect"
    assert item.evidence.lowest is None


def test_topics_of_the_current_site_are_read(catalogue: Catalogue) -> None:
    familias = catalogue["crimesolutions:ehealth-familias-unidas"]
    assert familias.target.substances == (Substance.ALCOHOL,)  # "Underage drinking", "Alcohol"
    assert "Legal substances" in familias.extra_values("Topic(s)")[0]
    assert catalogue["crimesolutions:fast-track"].target.ages == AgeRange(6, 16)  # grades 1-10


def test_ratings_from_endorsement_lines_keep_their_medium_confidence(catalogue: Catalogue) -> None:
    (rating,) = catalogue["crimesolutions:safe-dates"].ratings
    assert (rating.label, rating.confidence) == ("Effective", Confidence.MEDIUM)
    assert rating.url == "https://www.blueprintsprograms.org/factsheet/safe-dates"


def test_the_corrected_art_row_carries_the_current_no_effects_rating(catalogue: Catalogue) -> None:
    art = catalogue["crimesolutions:aggression-replacement-training"]
    (rating,) = art.ratings
    assert (rating.label, rating.level, rating.confidence) == ("No Effects", EvidenceLevel.NO_EFFECT,
                                                               Confidence.MEDIUM)
    assert rating.url == "https://crimesolutions.ojp.gov/ratedprograms/254"
    assert rating.note is not None and rating.note.startswith("More than one study")
    assert "crimesolutions:families-and-schools-together" not in catalogue


def test_provenance_gives_the_published_count(catalogue: Catalogue) -> None:
    published = catalogue.provenance.published
    assert published is not None and published.startswith("about 500 programmes rated by 2017")
