"""The bundled snapshot: the shared registry snapshot, byte for byte, then the research rows; every row
accounted for, and the December 2026 labels read."""

from __future__ import annotations

from pathlib import Path

import prevcat_blueprints
import pytest
from prevcat_blueprints.rules import BlueprintsImporter

from prevcat.catalogue import Catalogue
from prevcat.evidence import Confidence, Direction, EvidenceLevel
from prevcat.model import PreventionLevel, Setting, Substance
from prevcat.testing import snapshot_fixtures

_, catalogue = snapshot_fixtures(BlueprintsImporter)

BUNDLED = Path(prevcat_blueprints.__file__).with_name("data") / "blueprints.csv"
ROOT = Path(__file__).resolve().parents[3]
SHARED = next((d for d in (Path("/work/shared"), ROOT.parent / "shared") if d.is_dir()), None)
SHARED_ROWS = 59
#: research rows appended after the shared ones (data/PROVENANCE.md), none dropped
RESEARCH_IDS = ["power-through-choices", "positive-prevention-plus", "head-start-redi",
                "a-stop-smoking-in-schools-trial-assist", "promoting-first-relationships"]


@pytest.mark.skipif(SHARED is None, reason="the shared registry data is not beside the repository")
def test_bundled_snapshot_starts_with_the_shared_snapshot() -> None:
    assert SHARED is not None
    shared = (SHARED / "data" / "registries" / "blueprints.csv").read_bytes()
    assert BUNDLED.read_bytes().startswith(shared)
    assert shared.count(b"\n") == SHARED_ROWS + 1  # the header and the shared rows (no quoted line breaks)
    appended = BUNDLED.read_bytes()[len(shared):].decode("utf-8").splitlines()
    assert [line.split(",", 1)[0] for line in appended] == RESEARCH_IDS


def test_every_row_is_accounted_for() -> None:
    report = BlueprintsImporter().read_snapshot().report
    assert report.rows_read == report.imported + len(report.rejected)
    counts = (report.rows_read, report.imported, len(report.rejected), report.interventions)
    assert counts == (64, 64, 0, 64)  # 59 shared rows, 5 research rows


def test_a_non_certified_insufficient_evidence_rating_is_insufficient(catalogue: Catalogue) -> None:
    (rating,) = catalogue["blueprints:world-of-words"].ratings
    assert (rating.label, str(rating.scale)) == ("Insufficient Evidence", "blueprints@programs")
    assert (rating.level, rating.direction) == (EvidenceLevel.INSUFFICIENT, Direction.UNKNOWN)


def test_december_labels_are_mapped(catalogue: Catalogue) -> None:
    safe_dates = catalogue["blueprints:safe-dates"]
    assert Substance.VIOLENCE_CRIME in safe_dates.target.substances  # "Sexual Violence"
    assert safe_dates.target.levels == (PreventionLevel.UNIVERSAL, PreventionLevel.SELECTIVE,
                                        PreventionLevel.INDICATED)
    endorsed = {r.database: r.label for r in safe_dates.ratings if r.reported_by == "blueprints"}
    assert endorsed == {"CrimeSolutions": "Effective", "OJJDP Model Programs Guide": "Effective",
                        "SAMHSA NREPP": "2.9-3.3"}
    # one score, not a range; a spaced range keeps its verbatim label
    assert any(r.label == "3.7" for r in catalogue["blueprints:teaching-kids-to-cope"].ratings)
    assert any(r.label == "2.8 - 3.0" for r in catalogue["blueprints:sport-prevention-plus-wellness"].ratings)
    highscope = catalogue["blueprints:highscope-preschool"]
    assert Substance.VIOLENCE_CRIME in highscope.target.substances  # "Adult Crime"
    assert "Employment" not in highscope.extra_values("Program Outcomes")


def test_a_setting_with_no_model_value_is_kept_with_a_warning(catalogue: Catalogue) -> None:
    wyman = catalogue["blueprints:wymans-teen-outreach-program"]
    assert Setting.SCHOOL in wyman.target.settings
    assert wyman.extra_values("Program Setting") == ("Residential Facility",)
    report = BlueprintsImporter().read_snapshot().report
    settings = [w.value for w in report.warnings if w.field == "Program Setting"]
    assert settings.count("Residential Facility") == 2  # Wyman, Power Through Choices
    # role prefixes of the developer field stay verbatim
    assert wyman.extra_values("Program Developer/Owner")[0].startswith("Original Developer: ")


def test_research_rows_keep_their_page_and_confidence(catalogue: Catalogue) -> None:
    redi = catalogue["blueprints:head-start-redi"]
    assert (redi.url, redi.confidence) == ("https://www.blueprintsprograms.org/funding/head-start-redi",
                                           Confidence.MEDIUM)
    assist = catalogue["blueprints:a-stop-smoking-in-schools-trial-assist"]
    assert (assist.ratings[0].label, assist.confidence) == ("Promising", Confidence.HIGH)
    assert assist.target.substances == (Substance.TOBACCO_NICOTINE,)
    types = "Peer Counseling and Mediation | School - Individual Strategies"
    assert assist.extra_values("Program Type") == (types,)


def test_provenance_gives_the_published_count_and_the_dormancy(catalogue: Catalogue) -> None:
    provenance = catalogue.provenance
    assert provenance.published is not None and provenance.published.startswith("100 certified interventions")
    assert provenance.note is not None and "dormancy" in provenance.note and "issue-no-29" in provenance.note
    assert provenance.closed is None  # dormancy has no confirmed closing day: recorded in the note only
