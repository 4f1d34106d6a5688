"""docs/hooks.md documents every hook with its exact signature; docs/plugins.md code is sound."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from prevcat.plugins import hookspecs

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _hookspecs() -> dict[str, Callable[..., Any]]:
    return {
        name: value
        for name, value in vars(hookspecs).items()
        if callable(value) and hasattr(value, "prevcat_spec")
    }


def _signature_line(function: Callable[..., Any]) -> str:
    """``def name(arg: annotation) -> return`` as written in hookspecs.py (annotations as strings)."""
    signature = inspect.signature(function)
    params = ", ".join(
        f"{p.name}: {p.annotation}" if p.annotation is not inspect.Parameter.empty else p.name
        for p in signature.parameters.values()
    )
    returns = "" if signature.return_annotation is inspect.Signature.empty else (
        f" -> {signature.return_annotation}"
    )
    return f"def {function.__name__}({params}){returns}"


def _sections(text: str) -> dict[str, str]:
    """``## heading`` -> the text under it, up to the next ``## ``."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


HOOKS_MD = (DOCS / "hooks.md").read_text(encoding="utf-8")
SECTIONS = _sections(HOOKS_MD)


def test_there_are_hooks_to_document() -> None:
    assert set(_hookspecs()) == {
        "prevcat_register_importers",
        "prevcat_register_evidence_scales",
        "prevcat_register_glossary",
    }


@pytest.mark.parametrize("name", sorted(_hookspecs()))
def test_every_hook_has_a_heading_with_its_arguments_and_its_exact_signature(name: str) -> None:
    function = _hookspecs()[name]
    heading = f"{name}({', '.join(inspect.signature(function).parameters)})"
    assert heading in SECTIONS, f"docs/hooks.md has no heading '## {heading}'"
    assert _signature_line(function) in SECTIONS[heading], (
        f"the signature under '## {heading}' differs from hookspecs.py: "
        f"expected {_signature_line(function)!r}"
    )


def test_every_documented_hook_exists() -> None:
    documented = {h.split("(")[0] for h in SECTIONS if h.startswith("prevcat_")}
    assert documented == set(_hookspecs())


def test_the_signature_check_notices_a_change() -> None:
    def prevcat_register_importers(register: Callable[[str], None], extra: int) -> None:
        """A changed hook."""

    section = SECTIONS["prevcat_register_importers(register)"]
    assert _signature_line(prevcat_register_importers) not in section


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.mark.parametrize("doc", ["hooks.md", "plugins.md"])
def test_python_examples_in_the_docs_parse(doc: str) -> None:
    blocks = _python_blocks(DOCS / doc)
    assert blocks
    for block in blocks:
        text = block.strip()
        if text.startswith("def ") and "\n" not in text:  # a bare signature line
            text += ": ..."
        ast.parse(text)


def _run_blocks(tmp_path: Path, *markers: str) -> dict[str, Any]:
    """Run the plugins.md code blocks holding ``markers``, in order, in one namespace."""
    blocks = _python_blocks(DOCS / "plugins.md")
    code = "\n".join(next(b for b in blocks if marker in b) for marker in markers)
    namespace: dict[str, Any] = {"__file__": str(tmp_path / "importer.py")}
    exec(compile(code, "docs/plugins.md", "exec"), namespace)
    return namespace


def test_the_tutorial_importer_runs_and_accounts_for_every_row(tmp_path: Path) -> None:
    namespace = _run_blocks(tmp_path, "SCALE = EvidenceScale(", "class MyRegistryImporter(TableImporter)")
    path = tmp_path / "myregistry.csv"
    path.write_text(
        "id,Name,Rating,Setting,Ages,Notes\n"
        "a,Family Talk,Promising,Family | Prison,10-14 years,first edition\n"
        "b,Unknown label,Very good,School,,\n"
        "a,Family Talk 2,Effective,School,young adults,\n"
        "c,,Effective,School,,\n",
        encoding="utf-8",
    )
    result = namespace["MyRegistryImporter"]().read(path)
    report = result.report
    assert (report.rows_read, report.imported, len(report.rejected)) == (4, 2, 2)
    assert [(r.native_id, r.field) for r in report.rejected] == [("b", "Rating"), ("c", "Name")]
    assert "'Very good'" in report.rejected[0].reason and "'Promising'" in report.rejected[0].reason
    item = result.catalogue.get("myregistry:a")
    assert [r.label for r in item.ratings] == ["Promising", "Effective"]
    assert [a.name for a in item.aliases] == ["Family Talk 2"]
    assert item.extra_values("Setting") == ("Prison",) and item.extra_values("Ages") == ("young adults",)
    assert item.extra_values("Notes") == ("first edition",)
    assert [w.value for w in report.warnings] == ["Prison", "young adults"]
    assert (item.target.ages.min, item.target.ages.max) == (10, 14)
    assert [i.id for i in result.catalogue] == ["myregistry:a"]


def test_the_non_table_importer_example_runs_and_accounts_for_every_record(tmp_path: Path) -> None:
    markers = ("SCALE = EvidenceScale(", "PROVENANCE = Provenance(", "class MyRegistryJsonImporter(Importer)")
    namespace = _run_blocks(tmp_path, *markers)
    path = tmp_path / "export.json"
    path.write_text(
        '[{"id": "a", "name": "Family Talk", "rating": "Promising"},'
        ' {"id": "a", "name": "Family Talk", "rating": "Effective"},'
        ' {"id": "b", "name": "Odd", "rating": "Very good"},'
        ' {"id": "", "name": "No id"}]',
        encoding="utf-8",
    )
    result = namespace["MyRegistryJsonImporter"]().read(path)
    report = result.report
    assert (report.rows_read, report.imported, len(report.rejected)) == (4, 2, 2)
    assert [r.row for r in report.rejected] == [3, 4] and "known labels" in report.rejected[0].reason
    assert [len(i.ratings) for i in result.catalogue] == [2]
