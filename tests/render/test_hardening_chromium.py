"""No script runs in the HTML report, whatever the catalogue and the portfolio contain.

Payloads that would change ``document.title`` or add a ``<pwned>`` element are planted in every
text field of a catalogue (through a plugin's snapshot) and of a portfolio; ``prevcat compare
--format html`` writes the report and headless Chromium loads it and dumps the DOM *after*
scripts ran.  A control page shows that the same check does see a script that runs.  Skipped
where Chromium is not installed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from prevcat.catalogue import Catalogue, Provenance
from prevcat.cli import main
from prevcat.evidence import COMMON_SCALE
from prevcat.io import dumps_catalogue
from prevcat.model import Alias, Intervention
from prevcat.plugins import reset_plugin_manager

pytestmark = [pytest.mark.slow]

_TEMPLATES = (
    "<script>document.title='PWNED-{f}'</script>",
    "<img src=x onerror=\"document.title='PWNED-{f}'\">",
    "\"><svg onload=document.title='PWNED-{f}'>",
    "</title></style></textarea><script>document.body.appendChild(document.createElement('pwned'))</script>",
    "<!--<script>document.title='PWNED-{f}'</script>-->",
    "{{{{ '<' }}}}script>document.title='PWNED-{f}'<{{% raw %}}/script>",
    "javascript:document.title='PWNED-{f}'",
)


def payload(field: str) -> str:
    """Every kind of payload, with a marker naming the field so a reader sees where it landed."""
    return f"MARK-{field} " + " ".join(t.format(f=field) for t in _TEMPLATES)


def _catalogue() -> Catalogue:
    promising = COMMON_SCALE.rate("promising")
    rating = attrs.evolve(
        promising, note=payload("rating-note"), url=payload("rating-url"), outcome=payload("outcome"),
        database=payload("database"), reported_by=payload("reported-by"),
    )
    items = [
        Intervention(
            source="evil", id="evil:1", name=payload("name"), aliases=(Alias(payload("alias"), "sv"),),
            country="SE", languages=("sv",), ratings=(rating,), original=payload("original"),
            url=payload("url"), description=payload("description"),
            extra=((payload("extra-key"), payload("extra-value")),),
        ),
        Intervention(source="evil", id="evil:2", name=payload("second-name"), ratings=(promising,)),
    ]
    provenance = Provenance(
        "evil", payload("catalogue-title"), country="SE", snapshot="2026-12", url=payload("provenance-url"),
        note=payload("provenance-note"),
    )
    return Catalogue(provenance, items)


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string reads like a JSON string


def _portfolio() -> str:
    lines = [
        f"city = {_toml(payload('city'))}", 'country = "SE"', 'language = "sv"', "year = 2025",
        f"sources = [{_toml(payload('sources'))}]",
        "[[methods]]", f"name = {_toml(payload('method-name'))}", 'intervention = "evil:1"',
        f"note = {_toml(payload('method-note'))}", f"reach = {_toml(payload('reach'))}",
        f"since = {_toml(payload('since'))}", f"source = {_toml(payload('method-source'))}",
        "[[methods]]", f"name = {_toml(payload('unresolved-name'))}",
        f"note = {_toml(payload('unresolved-note'))}",
        "[[methods]]", f"name = {_toml(payload('local-name'))}", "local = true",
        'domains = ["prevention"]', 'settings = ["school"]', 'ages = "13-17"',
        "[[methods]]", f"name = {_toml(payload('second-entry'))}", 'intervention = "evil:2"',
    ]
    return "\n".join(lines) + "\n"


_PLUGIN = """
from pathlib import Path
from prevcat import Provenance, Snapshot, hookimpl
from prevcat.importers.generic import GenericImporter

class Evil(GenericImporter):
    key = "evil"
    title = "Evil"
    def __init__(self):
        super().__init__("evil")
    def snapshot(self):
        return Snapshot(Path(__file__).with_name("evil.json"), Provenance(source="evil", title="Evil"))

@hookimpl
def prevcat_register_importers(register):
    register(Evil())
"""


@pytest.fixture()
def isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr("prevcat.plugins.loading.DEFAULT_PLUGINS", ("prevcat.plugins.builtins",))
    monkeypatch.setenv("PREVCAT_LOAD_PLUGINS", "")
    monkeypatch.delenv("PREVCAT_PLUGINS_DIR", raising=False)
    reset_plugin_manager()
    yield
    reset_plugin_manager()




class _Elements(HTMLParser):
    """The real elements and attributes of a page (text that merely looks like markup is text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.signs: list[str] = []
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "pwned", "iframe", "object", "embed"):
            self.signs.append(f"a <{tag}> element is in the page")
        for name, value in attrs:
            if name.startswith("on"):
                self.signs.append(f"<{tag}> has an event handler attribute {name}")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.signs.append(f"<{tag}> has a javascript: {name}")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _executed(dom: str) -> list[str]:
    """Signs that a script ran or that markup from the data became markup."""
    parser = _Elements()
    parser.feed(dom)
    signs = list(parser.signs)
    if parser.title.strip().startswith("PWNED-"):  # a payload set it; as text it starts with the page's own
        signs.insert(0, f"document.title is {parser.title.strip()!r}")
    return signs


def test_the_check_sees_a_script_that_runs(tmp_path: Path, chromium: Any) -> None:
    page = tmp_path / "control.html"
    page.write_text(f"<html><head><title>Report</title></head><body>{payload('control')}</body></html>")
    signs = _executed(chromium.dom(page.as_uri(), tmp_path / "profile"))
    assert "document.title is 'PWNED-control'" in signs
    assert "a <pwned> element is in the page" in signs


def test_no_payload_in_a_catalogue_or_portfolio_runs_in_the_html_report(
    tmp_path: Path, isolated: None, chromium: Any
) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "evil_plugin.py").write_text(_PLUGIN, encoding="utf-8")
    (plugins / "evil.json").write_text(dumps_catalogue(_catalogue()), encoding="utf-8")
    portfolio = tmp_path / "evil.toml"
    portfolio.write_text(_portfolio(), encoding="utf-8")
    report = tmp_path / "report.html"
    args = ["--plugins-dir", str(plugins), "compare", str(portfolio), "--format", "html", "-o", str(report)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr, result.stderr  # the plugin and its snapshot loaded
    dom = chromium.dom(report.as_uri(), tmp_path / "profile")
    assert _executed(dom) == [], _executed(dom)
    shown = set(re.findall(r"MARK-([a-z-]+)", dom))
    # the payloads reached the page as text (so the check above had something to catch)
    assert {"city", "method-name", "name", "unresolved-name", "local-name"} <= shown, sorted(shown)
    print("fields shown in the report:", ", ".join(sorted(shown)))
    assert "&lt;script&gt;document.title=" in dom
