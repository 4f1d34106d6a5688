"""Crosswalks: clusters, curation, review sheet, evaluation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.errors import DataError
from prevcat.linking import Overrides, evaluate, link, read_gold, resolve, review_rows, write_review_sheet
from prevcat.linking.cluster import Link, build_clusters, cluster_id
from prevcat.linking.review import REVIEW_COLUMNS
from prevcat.model import Intervention

DATA = Path(__file__).resolve().parents[1] / "data" / "linking"


def library(**sources: list[str]) -> Library:
    """A library with one catalogue per keyword: ``a=["Name one", "Name two"]``."""
    catalogues = []
    for source, names in sources.items():
        items = [Intervention(source=source, id=f"{source}:{i}", name=n) for i, n in enumerate(names)]
        catalogues.append(Catalogue(Provenance(source, source), items))
    return Library.of(catalogues)


def small() -> Library:
    return library(
        a=["Good Behavior Game", "Communities That Care", "Unplugged"],
        b=["Good Behaviour Game", "Communities that care (CTC)", "Zippy's Friends"],
        c=["Good Behavior Game (GBG)", "Coping Power"],
    )


def test_every_intervention_is_in_exactly_one_cluster_singletons_included() -> None:
    cw = link(small())
    members = [m for c in cw.clusters for m in c.members]
    assert sorted(members) == sorted(i.id for i in cw.library)
    gbg = cw.cluster_of("a:0")
    assert set(gbg.members) == {"a:0", "b:0", "c:0"}
    assert gbg.min_score <= gbg.max_score <= 100
    lone = cw.cluster_of("a:2")
    assert lone.members == ("a:2",) and lone.name == "Unplugged"


def test_cluster_ids_are_stable_across_runs_and_derived_from_members() -> None:
    first, second = link(small()), link(small())
    assert [c.id for c in first.clusters] == [c.id for c in second.clusters]
    gbg = first.cluster_of("b:0")
    assert gbg.id == cluster_id(gbg.members)


def test_unknown_id_is_an_error_with_suggestions() -> None:
    cw = link(small())
    with pytest.raises(Exception, match="a:0"):
        cw.cluster_of("a:00")


def test_a_source_is_never_twice_in_one_variant_but_may_be_in_one_programme() -> None:
    cw = link(library(a=["Olweus Programme", "Olweus Program"], b=["Olweus-Programm"]))
    variant = cw.variant_of("b:0")
    assert len([m for m in variant.members if m.startswith("a:")]) == 1
    assert variant.needs_review
    assert any("two entries of a" in r for r in variant.review_reasons)
    programme = cw.programme_of("b:0")
    assert set(programme.members) == {"a:0", "a:1", "b:0"}
    assert len(programme.variants) == 2


def test_chains_are_flagged_for_review() -> None:
    def score(x: str, y: str) -> float:
        return 40.0

    links = [Link("a:1", "b:1", 90.0), Link("b:1", "c:1", 90.0)]
    clusters, accepted, refused = build_clusters(
        ["a:1", "b:1", "c:1"],
        links,
        source_of={"a:1": "a", "b:1": "b", "c:1": "c"},
        name_of=lambda i: i,
        pair_score=score,
    )
    [cluster] = clusters
    assert cluster.needs_review
    assert any(r.startswith("chain: a:1 and c:1") for r in cluster.review_reasons)
    assert len(accepted) == 2 and not refused


def test_overrides_are_applied_last_and_kept_across_runs(tmp_path: Path) -> None:
    base = link(small())
    assert base.cluster_of("a:0").id == base.cluster_of("c:0").id
    path = tmp_path / "overrides.csv"
    path.write_text(
        "id1,id2,decision,note\n"
        "a:0,c:0,not-same,curator says no\n"
        "a:2,b:2,same,both are school programmes here\n"
        "a:1,zz:9,same,\n",
        encoding="utf-8",
    )
    cw = link(small(), overrides=path)
    assert cw.cluster_of("a:0").id != cw.cluster_of("c:0").id
    assert cw.cluster_of("a:2").id == cw.cluster_of("b:2").id
    assert any("zz:9" in w and "line 4" in w for w in cw.warnings)
    explanation = cw.explain("a:2", "b:2")
    assert explanation.override and explanation.override.startswith("same")
    assert "curated: same" in str(explanation)


def test_bad_override_decision_names_the_line() -> None:
    with pytest.raises(DataError, match="line 3"):
        Overrides.parse("id1,id2,decision\na:0,b:0,same\na:1,b:1,perhaps\n", file="o.csv")


def test_one_to_one_keeps_one_link_per_other_source() -> None:
    lib = library(a=["Coping Power", "Coping Power Program"], b=["Coping Power"])
    assert len(link(lib, one_to_one=True).links) == 1


def test_review_sheet_has_the_labels_table_shape_and_reads_back_as_overrides(tmp_path: Path) -> None:
    cw = link(small())
    out = tmp_path / "review.csv"
    count = write_review_sheet(cw, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert count == len(rows) > 0
    assert tuple(rows[0]) == REVIEW_COLUMNS
    assert all(r["decision"] == "" and r["clerical_match_score"] == "" for r in rows)
    assert {r["source_dataset_l"] for r in rows} <= {"a", "b", "c"}
    # a curator fills in one decision and passes the sheet back
    target = next(r for r in rows if {r["unique_id_l"], r["unique_id_r"]} == {"a:0", "b:0"})
    target["decision"] = "not-same"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REVIEW_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    curated = Overrides.parse(buffer.getvalue())
    assert len(curated) == 1
    again = link(small(), overrides=curated)
    assert again.cluster_of("a:0").id != again.cluster_of("b:0").id
    assert review_rows(again)


def test_evaluation_counts_pairs(tmp_path: Path) -> None:
    cw = link(small())
    gold = tmp_path / "gold.csv"
    gold.write_text(
        "# a comment line\ncluster,intervention_id\ngbg,a:0\ngbg,b:0\ngbg,c:0\nctc,a:1\nctc,b:1\n"
        "unplugged,a:2\nmixed,b:2\nmixed,c:1\nmissing,zz:1\n",
        encoding="utf-8",
    )
    result = evaluate(cw, gold)
    # predicted pairs among gold ids: gbg 3 + ctc 1 = 4, all true; true pairs 3 + 1 + 1 (coping) = 5
    assert result.predicted_pairs == 4 and result.correct_pairs == 4 and result.true_pairs == 5
    assert result.precision == 1.0 and result.recall == pytest.approx(0.8)
    assert result.misses == (("b:2", "c:1"),)
    assert result.unknown_ids == ("zz:1",)
    assert "F1 0.889" in str(result)


def test_gold_file_errors_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "gold.csv"
    bad.write_text("# gold\ncluster,intervention_id\nx,a:1\ny,a:1\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 4"):
        read_gold(bad)


def test_progress_callback_is_called_on_request() -> None:
    calls: list[tuple[int, int]] = []
    link(small(), progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]


def test_resolve_keeps_input_order_and_one_result_per_name() -> None:
    cw = link(small())
    names = ["good behaviour game", "", "Nothing like any name", "good behaviour game", "CTC"]
    results = resolve(names, crosswalk=cw)
    assert [r.query for r in results] == names
    assert results[0].cluster == cw.cluster_of("a:0").id
    assert results[1].intervention_id is None and results[2].intervention_id is None
    assert results[3] == results[0]
    assert results[4].cluster == cw.cluster_of("a:1").id
