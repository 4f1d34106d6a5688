"""Built-in plugin: registers the glossary shipped with prevcat, one table per language."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from prevcat.linking.glossary import shipped_terms
from prevcat.plugins.hookspecs import hookimpl


@hookimpl
def prevcat_register_glossary(register: Callable[[str, Mapping[str, str]], None]) -> None:
    """Register the shipped prevention vocabulary (sv, nb, nn, da, fi, de, nl, en)."""
    for lang, table in sorted(shipped_terms().items()):
        register(lang, dict(table))
