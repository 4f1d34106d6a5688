"""What the plugin manager reports: plugins loaded, problems met, everything registered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

from prevcat.catalogue import Library
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer, ImportReport


@frozen
class PluginProblem:
    """A plugin that could not be loaded or used, and why.

    ``stage`` is ``import`` (the module or entry point failed to load), ``registration``
    (pluggy rejected the plugin, e.g. a misspelled hook, or a registered item was invalid or
    clashed), ``hook`` (a hook raised) or ``snapshot`` (an importer could not read its
    bundled snapshot).
    """

    plugin: str
    error: str
    stage: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} ({self.stage}): {self.error}"


@frozen
class PluginInfo:
    """One loaded plugin: its name, where it came from and what it implements."""

    name: str
    kind: str  #: ``builtin``, ``entrypoint`` or ``directory``
    module: str
    version: str | None = None
    distribution: str | None = None
    hooks: tuple[str, ...] = ()


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


def _problem_tuple(values: Iterable[PluginProblem]) -> tuple[PluginProblem, ...]:
    return tuple(values)


def _info_tuple(values: Iterable[PluginInfo]) -> tuple[PluginInfo, ...]:
    return tuple(values)


@frozen
class Registrations:
    """Everything the loaded plugins registered, who registered it, and what went wrong.

    ``owners`` maps ``importer:<key>``, ``scale:<id>@<version>`` and ``glossary:<lang>`` to
    the plugin that registered it (for a language, the first plugin to add terms to it);
    ``glossary_languages`` gives, per plugin, every language it added terms to.
    """

    importers: Mapping[str, Importer] = field(converter=_frozen_map)
    scales: Mapping[tuple[str, str], EvidenceScale] = field(converter=_frozen_map)
    glossary: Mapping[str, Mapping[str, str]] = field(converter=_frozen_map)
    owners: Mapping[str, str] = field(converter=_frozen_map)
    problems: tuple[PluginProblem, ...] = field(default=(), converter=_problem_tuple)
    plugins: tuple[PluginInfo, ...] = field(default=(), converter=_info_tuple)
    glossary_languages: Mapping[str, tuple[str, ...]] = field(factory=dict, converter=_frozen_map)

    def owner(self, kind: str, key: str) -> str | None:
        """The plugin that registered ``importer``/``scale``/``glossary`` ``key``."""
        return self.owners.get(f"{kind}:{key}")

    def registered_by(self, plugin: str) -> dict[str, list[str]]:
        """What one plugin registered: ``{"importers": [...], "scales": [...], "glossary": [...]}``."""
        found: dict[str, list[str]] = {"importers": [], "scales": [], "glossary": []}
        names = {"importer": "importers", "scale": "scales"}
        for key, owner in self.owners.items():
            kind, _, item = key.partition(":")
            if owner == plugin and kind in names:
                found[names[kind]].append(item)
        found["glossary"] = list(self.glossary_languages.get(plugin, ()))
        return found


@frozen
class LoadedLibrary:
    """Every bundled snapshot read into one library, with each import's report and the problems."""

    library: Library
    reports: Mapping[str, ImportReport] = field(converter=_frozen_map)
    problems: tuple[PluginProblem, ...] = field(default=(), converter=_problem_tuple)
