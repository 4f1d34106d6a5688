"""Rendering a comparison: text, Markdown, CSV, JSON, HTML; hostile names stay harmless."""

from __future__ import annotations

import csv
import io
import json
import re
import runpy
from html.parser import HTMLParser
from pathlib import Path

import pytest

from prevcat.compare import compare
from prevcat.compare.model import Comparison
from prevcat.errors import PrevcatError
from prevcat.render import FORMATS, render
from prevcat.render.csv_tables import TABLES, csv_rows, render_csv
from prevcat.render.html import render_html, safe_url
from prevcat.render.json_doc import to_dict
from prevcat.render.markdown import escape

SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))
SCRIPT = "<script>alert(1)</script>"


def _compare(extra_name: str) -> Comparison:
    crosswalk = SAMPLE["crosswalk"]()
    return compare(SAMPLE["portfolios"](extra_name), library=SAMPLE["library"](), crosswalk=crosswalk)


FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return _compare(SCRIPT)


@pytest.fixture(scope="module")
def formula_comparison() -> Comparison:
    return _compare(FORMULA)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_shows_a_script_name_as_text(comparison: Comparison) -> None:
    page = render_html(comparison)
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags
    assert SCRIPT in "".join(parser.text)  # visible, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_is_self_contained(comparison: Comparison) -> None:
    page = render_html(comparison)
    parser = _Collector()
    parser.feed(page)
    assert {"svg", "rect", "table"} <= set(parser.tags)
    assert not {"script", "link", "img", "iframe"} & set(parser.tags)
    assert all(h.startswith(("#", "http://", "https://")) for h in parser.hrefs)
    assert not re.search(r"""(src|href)=["']//""", page)
    assert "@import" not in page


def test_html_caution_sits_beside_the_recommended_method(comparison: Comparison) -> None:
    page = render_html(comparison, lang="en")
    block = page.split("Strengthening Families 10-14 <span class=\"muted\">(score")[1].split('class="rec"')[0]
    assert "Caution:" in block and "Ungsinn (NO)" in block
    assert block.index("Caution:") < block.index("Why it ranks here")


def test_only_http_links_become_links() -> None:
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("Ale kommun, KS.2015.279") is None


def test_markdown_escapes_html_and_table_syntax(comparison: Comparison) -> None:
    text = render(comparison, "md")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert escape("a | b") == "a \\| b"
    assert escape("- starts a list") == "\\- starts a list"
    # every unescaped pipe is a column separator: all rows of a table have as many as its header
    tables: list[list[int]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            tables[-1].append(len(re.findall(r"(?<!\\)\|", line)))
        elif tables[-1]:
            tables.append([])
    assert len(tables) > 5
    assert all(len(set(counts)) <= 1 for counts in tables)
    piped = _compare("a | b")
    assert "a \\| b" in render(piped, "md")


def test_csv_neutralises_formulas(formula_comparison: Comparison) -> None:
    for table in TABLES:
        for row in csv.reader(io.StringIO(render_csv(formula_comparison, table))):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), (table, cell)
    methods = render_csv(formula_comparison, "methods")
    assert "'=HYPERLINK" in methods


def test_csv_tables_have_documented_columns(comparison: Comparison) -> None:
    header, rows = csv_rows(comparison, "methods")
    assert header[:4] == ["city", "country", "key", "kind"]
    sfp = next(r for r in rows if r[0] == "Stockholm" and r[2] == "c-sfp")
    record = dict(zip(header, sfp, strict=True))
    assert record["disputed"] == "true"
    assert "ungsinn" in record["region"] and "ungsinn" not in record["elsewhere"]
    header, rows = csv_rows(comparison, "coverage")
    assert header == ["city", "dimension", "row", "column", "count", "gap", "methods"]
    assert len(rows) == len(comparison.cities) * (4 * 6 + 5 + 6 + 8)
    with pytest.raises(PrevcatError):
        csv_rows(comparison, "nope")


def test_json_is_versioned_and_complete(comparison: Comparison) -> None:
    doc = json.loads(render(comparison, "json"))
    assert doc["format"] == "prevcat-comparison" and doc["version"] == 1
    assert [c["name"] for c in doc["cities"]] == ["Stockholm", "Oslo", "Malå", "Norsjö"]
    sfp = doc["cities"][0]["methods"][0]
    assert sfp["range_label"] == "no effect..effective"
    assert sfp["ratings"][0]["rating"]["scale"] == "blueprints@1"
    profile = doc["profiles"][0]
    assert profile["effective_share"] == 0.5
    assert doc["coverage"][0]["matrix"][0]["gap"] in (True, False)
    recs = doc["recommendations"][2]["recommendations"]
    assert any(r["caution"] for r in recs)
    assert to_dict(comparison) == doc  # the text is exactly the data


def test_text_and_markdown_say_the_same(comparison: Comparison) -> None:
    text = render(comparison, "text")
    md = render(comparison, "md")
    for needle in ("Shared methods", "Good Behavior Game", "Kjærlighet og Grenser", "Contradictions"):
        assert needle in text and needle in md
    assert "\x1b" not in render(_compare("evil\x1b[2J"), "text")


def test_every_format_renders(comparison: Comparison) -> None:
    for fmt in FORMATS:
        assert render(comparison, fmt).strip()
    with pytest.raises(PrevcatError):
        render(comparison, "pdf")
