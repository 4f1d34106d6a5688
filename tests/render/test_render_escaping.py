"""Any method name renders as inert text in HTML, Markdown and CSV (property-based)."""

from __future__ import annotations

import csv
import io
import re
import runpy
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from prevcat.compare import compare
from prevcat.render.csv_tables import render_csv
from prevcat.render.html import render_html
from prevcat.render.markdown import escape

SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))
LIBRARY = SAMPLE["library"]()
CROSSWALK = SAMPLE["crosswalk"]()

# printable names with the characters that matter most to each format
NAMES = st.text(
    alphabet=st.sampled_from(list("<>&\"'=+-@|*_[]`#\\/ scriptalerönå()!:;1")),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() != "")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


@settings(max_examples=40, deadline=None)
@given(NAMES)
def test_any_name_is_text_in_html(name: str) -> None:
    comparison = compare(SAMPLE["portfolios"](name), library=LIBRARY, crosswalk=CROSSWALK)
    parser = _Parser()
    parser.feed(render_html(comparison))
    assert "script" not in parser.tags
    # the name (whitespace as HTML collapses it aside) is somewhere in the text content
    assert " ".join(name.split()) in " ".join(" ".join(parser.data).split())


@given(NAMES)
def test_markdown_escape_leaves_no_active_syntax(name: str) -> None:
    text = escape(name)
    assert "<" not in text and ">" not in text
    assert not re.search(r"(?<!\\)[|*_`\[\]]", text.replace("\\\\", ""))


@settings(max_examples=30, deadline=None)
@given(NAMES)
def test_csv_cells_never_start_a_formula(name: str) -> None:
    comparison = compare(SAMPLE["portfolios"](name), library=LIBRARY, crosswalk=CROSSWALK)
    for row in csv.reader(io.StringIO(render_csv(comparison, "methods"))):
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)
