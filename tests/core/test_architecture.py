"""The shape of the code: packages by job, imported one way, no cycles, small modules.

Layers, lowest first: core (errors, model, evidence, catalogue, countries) → io → importers →
plugins → linking → portfolio → compare → render → cli, with the public facade
(``prevcat/__init__.py``) on top beside the CLI.  A module may import its own layer and the layers below it;
string imports (``importlib.import_module("prevcat.x")``, a module named in a string) count too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "prevcat"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "model", "evidence", "catalogue", "countries"),
    ("io", "serialize"),
    ("importers",),
    ("plugins", "hookspecs", "testing"),
    ("linking",),
    ("portfolio",),
    ("compare",),
    ("render",),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
FACADE = "prevcat"
#: top-level modules besides packages that the layout allows (the issue asks for at most eight)
MAX_TOP_LEVEL_MODULES = 8
#: lines above which a module must say at its top why it is long
LONG_MODULE = 400
_MODULE_STRING = re.compile(r"^prevcat(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(SRC.rglob("*.py"))
        if "scaffold_template" not in path.parts
    }


def _layer(module: str) -> int | None:
    if module == FACADE:  # the facade and the CLI are the top: both fill in "every installed catalogue"
        return RANK["cli"]
    first = module.split(".")[1]
    for prefix in ("compare", "portfolio"):  # flat prefix families belong to their package's layer
        if first.startswith(prefix + "_"):
            first = prefix
    return RANK.get(first)


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that ``name`` (a module or ``module.attribute``) refers to."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    type_only = {  # imports under ``if TYPE_CHECKING:`` are for annotations, never run
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for statement in node.body
        for inner in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
            if base == FACADE:  # ``from prevcat import X``: an import of the facade itself
                names = [FACADE]
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _MODULE_STRING.match(node.value)
        ):
            names = [node.value]
        exact = isinstance(node, ast.Constant)  # a module named in a string must be named whole
        for name in names:
            if not name.startswith(FACADE):
                continue
            target = (name if name in known else None) if exact else (
                FACADE if name == FACADE else _resolve(name, known)
            )
            if target is not None and target != module:
                yield target, getattr(node, "lineno", 0)


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {module: {target for target, _ in _imports(module, path, known)} for module, path in known.items()}


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = [m for m in _modules() if _layer(m) is None]
    assert unplaced == [], f"modules outside the layer map (add them to LAYERS): {unplaced}"


def test_no_module_imports_a_later_layer() -> None:
    known = _modules()
    back_edges = []
    for module, path in known.items():
        rank = _layer(module)
        if rank is None:
            continue
        for target, line in _imports(module, path, known):
            target_rank = _layer(target)
            if target_rank is not None and target_rank > rank:
                back_edges.append(f"{path.relative_to(SRC.parent)}:{line}: {module} imports {target}")
    assert back_edges == [], "imports against the layer order:\n" + "\n".join(back_edges)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _without_package_reexports(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Drop edges from a package's ``__init__`` to its own submodules (re-exports, not dependencies)."""
    return {
        module: {t for t in targets if not t.startswith(module + ".")}
        for module, targets in graph.items()
    }


def test_no_import_cycles() -> None:
    graph = _without_package_reexports(_graph())
    graph.pop(FACADE, None)
    cycles = _cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" ⇄ ".join(c) for c in cycles)


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_few_top_level_modules() -> None:
    top = sorted(p.name for p in SRC.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_TOP_LEVEL_MODULES, f"{len(top)} top-level modules: {top}"


@pytest.mark.parametrize("module", sorted(_modules()))
def test_long_modules_say_why(module: str) -> None:
    path = _modules()[module]
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    if lines <= LONG_MODULE:
        return
    head = (ast.get_docstring(ast.parse(text)) or "").lower()
    assert "long because" in head or "over 400 lines" in head, (
        f"{path.relative_to(SRC.parent)} has {lines} lines; split it by job or say at its top "
        "why it is long ('This module is long because …', or '… over 400 lines: …')"
    )
