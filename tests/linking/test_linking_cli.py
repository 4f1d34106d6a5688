"""The linking commands and their output contract (columns, order, one row per input line)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prevcat.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "linking"
CATALOGUES = [str(DATA / f"{name}.csv") for name in ("us", "nordic", "norway", "de", "nl")]


def own(*args: str) -> list[str]:
    """Arguments using only the small test catalogues."""
    out = [*args, "--no-bundled"]
    for path in CATALOGUES:
        out += ["--catalogue", path]
    return out


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_link_csv_has_one_row_per_member_with_the_contract_columns() -> None:
    code, out, _ = run(own("link"))
    assert code == 0
    assert out.splitlines()[0] == "cluster,variant,intervention_id,source,name,min_score,max_score"
    table = rows(out)
    assert len(table) == 18  # every intervention of the five files, singletons included
    by_id = {r["intervention_id"]: r for r in table}
    assert by_id["nordic:effekt-se"]["cluster"] == by_id["nl:pas"]["cluster"]
    assert by_id["nordic:effekt-se"]["cluster"] != by_id["de:effekt"]["cluster"]
    assert by_id["de:effekt"]["source"] == "de" and by_id["de:effekt"]["name"] == "EFFEKT"
    assert float(by_id["nl:pas"]["min_score"]) <= float(by_id["nl:pas"]["max_score"])
    # SFP 10-14 and SFP 6-11: one programme, two variants
    assert by_id["us:sfp-10-14"]["cluster"] == by_id["us:sfp-6-11"]["cluster"]
    assert by_id["us:sfp-10-14"]["variant"] != by_id["us:sfp-6-11"]["variant"]
    assert by_id["us:sfp-10-14"]["variant"] == by_id["nordic:steg-for-steg-se"]["variant"]


def test_link_json_and_text(tmp_path: Path) -> None:
    target = tmp_path / "clusters.json"
    code, _, _ = run(own("link", "--format", "json", "-o", str(target)))
    assert code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert {"clusters", "links", "threshold"} <= set(data)
    assert all({"id", "name", "members", "variants", "needs_review"} <= set(c) for c in data["clusters"])
    sfp = next(c for c in data["clusters"] if "us:sfp-6-11" in [m["intervention_id"] for m in c["members"]])
    assert sorted(v["label"] for v in sfp["variants"]) == ["ages 10–14", "ages 6–11"]
    code, out, _ = run(own("link", "--format", "text"))
    assert code == 0 and "programmes" in out.splitlines()[0]
    assert "variant: ages 6–11" in out


def test_resolve_writes_one_row_per_input_line_in_order(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    lines = [
        "EFFEKT-informatörer (Småkommunprojektet)",
        "",
        "Regionala drogsamordnare (sju samordnare)",
        "PAS",
        "EFFEKT-informatörer (Småkommunprojektet)",
    ]
    names.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    code, out, _ = run(own("resolve", str(names), "--country", "SE"))
    assert code == 0
    assert out.splitlines()[0] == "query,intervention_id,cluster,variant,name,score,reason"
    table = rows(out)
    assert [r["query"] for r in table] == lines
    assert table[0]["intervention_id"] == "nordic:effekt-se"
    assert table[1]["intervention_id"] == "" and table[2]["intervention_id"] == ""
    assert table[3]["cluster"] == table[0]["cluster"]
    assert table[4] == table[0]
    assert all(r["reason"] for r in table)


def test_resolve_json_lists_candidates_and_ambiguity(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("EFFEKT\n", encoding="utf-8")
    code, out, _ = run(own("resolve", str(names), "--format", "json"))
    assert code == 0
    [entry] = json.loads(out)
    assert entry["ambiguous"] is True
    assert {c["intervention_id"] for c in entry["candidates"]} >= {"nordic:effekt-se", "de:effekt"}


def test_resolve_rejects_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_bytes("Föräldrar\n".encode("cp1252"))
    code, _, err = run(own("resolve", str(names)))
    assert code != 0 and "UTF-8" in err


def test_no_bundled_needs_a_catalogue() -> None:
    code, _, err = run(["link", "--no-bundled"])
    assert code == 2 and "--catalogue" in err


def test_explain_prints_scorers_reasons_and_vetoes() -> None:
    code, out, _ = run(own("explain", "nordic:steg-for-steg-se", "norway:steg-for-steg-no"))
    assert code == 0
    assert "scorers: ratio" in out and "token_sort_ratio" in out
    assert "veto" in out and "not linked" in out


def test_explain_unknown_id_is_a_clear_error() -> None:
    code, _, err = run(own("explain", "nordic:steg-for-steg", "norway:steg-for-steg-no"))
    assert code == 1 and "nordic:steg-for-steg" in err


def test_evaluate_links_prints_precision_recall_and_f1() -> None:
    code, out, _ = run(own("evaluate-links", "--gold", str(DATA / "gold_small.csv")))
    assert code == 0
    assert "precision 1.000" in out and "recall 1.000" in out and "F1 1.000" in out


def test_review_sheet_round_trip(tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    code, _, err = run(own("review-sheet", "-o", str(sheet)))
    assert code == 0 and "pairs to review" in err
    table = rows(sheet.read_text(encoding="utf-8"))
    assert table and table[0]["decision"] == ""
    pas = next(r for r in table if {r["unique_id_l"], r["unique_id_r"]} == {"nordic:effekt-se", "nl:pas"})
    pas["decision"] = "not-same"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]))
    writer.writeheader()
    writer.writerows(table)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    code, out, _ = run(own("link", "--overrides", str(sheet)))
    by_id = {r["intervention_id"]: r["cluster"] for r in rows(out)}
    assert by_id["nordic:effekt-se"] != by_id["nl:pas"]


@pytest.mark.parametrize("fmt", ["csv", "json", "text"])
def test_every_format_of_resolve_runs(tmp_path: Path, fmt: str) -> None:
    names = tmp_path / "names.txt"
    names.write_text("GBG\n", encoding="utf-8")
    code, out, _ = run(own("resolve", str(names), "--format", fmt))
    assert code == 0 and "good-behavior-game" in out
