"""The report's translations: every message the report can show is translated, placeholders intact."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from prevcat.compare import compare
from prevcat.compare.coverage import AGE_BANDS, DOMAINS, SUBSTANCE_GROUPS, label
from prevcat.compare.framework import AREAS, LEVELS
from prevcat.compare.profiles import PROFILE_CATEGORIES
from prevcat.compare.registries import COUNTRY_NAMES, LANGUAGE_NAMES, REGION_NAMES
from prevcat.model import Domain
from prevcat.render.html import render_html
from prevcat.render.i18n import language_for, po_path, translations

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "src" / "prevcat" / "render" / "templates" / "report.html.j2"
HTML_PY = ROOT / "src" / "prevcat" / "render" / "html.py"
SAMPLE = runpy.run_path(str(Path(__file__).resolve().parents[1] / "compare_sample.py"))


def _template_ids() -> set[str]:
    with TEMPLATE.open("rb") as handle:
        found = babel_extract(handle, ("_", "gettext"), [], {"extensions": "jinja2.ext.i18n",
                                                             "trim_blocks": "true", "lstrip_blocks": "true"})
        return {m if isinstance(m, str) else m[0] for _, _, m, _ in found}


def _factor_ids() -> set[str]:
    comparison = compare(SAMPLE["portfolios"](), library=SAMPLE["library"](), crosswalk=SAMPLE["crosswalk"](),
                         domains=[Domain.TREATMENT])
    return {f.message for recs in comparison.recommendations
            for rec in (*recs.recommendations, *recs.used_by_peers) for f in (*rec.counted, *rec.held_back)}


def _message_ids() -> set[str]:
    code = HTML_PY.read_text(encoding="utf-8")
    ids = _template_ids() | _factor_ids()
    ids |= set(re.findall(r'\bt\("([^"]+)"\)', code)) | set(re.findall(r"\bt\('([^']+)'\)", code))
    ids |= {label(v) for v in (*LEVELS, *AREAS, *DOMAINS)} | {n for n, _ in SUBSTANCE_GROUPS}
    ids |= {n for n, _ in AGE_BANDS if any(ch.isalpha() for ch in n)}
    ids |= {text for _, text in PROFILE_CATEGORIES} | {"age", "substance", "domain", "ages", "substances"}
    ids |= set(COUNTRY_NAMES.values()) | set(REGION_NAMES.values()) | set(LANGUAGE_NAMES.values())
    return ids


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)s|\{\w+\}", text))


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_every_message_is_translated_with_its_placeholders(lang: str) -> None:
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {m.id: m.string for m in catalog if m.id}
    assert _template_ids(), "the template has messages"
    missing = sorted(i for i in _message_ids() if not translated.get(i))
    assert not missing, f"{lang}: untranslated: {missing}"
    for msgid, msgstr in translated.items():
        assert _placeholders(str(msgid)) == _placeholders(str(msgstr)), (lang, msgid)


def test_unknown_messages_show_in_english_and_known_ones_translate() -> None:
    assert translations("sv").gettext("Summary") == "Sammanfattning"
    assert translations("nb").gettext("Summary") == "Sammendrag"
    assert translations("sv").gettext("no such message") == "no such message"


def test_report_language_follows_the_portfolios() -> None:
    assert language_for(["sv", "sv", "nb"]) == "sv"
    assert language_for(["nb"]) == "nb"
    assert language_for(["no"]) == "nb"
    assert language_for([None, "de"]) == "en"


def test_the_swedish_report_explains_recommendations_in_swedish() -> None:
    comparison = compare(SAMPLE["portfolios"](), library=SAMPLE["library"](), crosswalk=SAMPLE["crosswalk"]())
    page = render_html(comparison, lang="sv")
    assert '<html lang="sv">' in page
    assert "Varför den hamnar här" in page and "utvärderad i Sverige" in page
    assert "av 5 på den gemensamma skalan" in page
    assert "Why it ranks here" not in page
