"""The plugin manager: built-in plugins, entry points, a plugins folder, and isolation.

Plugins are loaded one at a time and every hook implementation is called on its own, so
one broken plugin never stops the others: a plugin that fails to import, raises in a hook,
implements a misspelled hook or registers something invalid becomes a
:class:`PluginProblem` naming the plugin.  The CLI warns about problems; library calls
raise :class:`~prevcat.errors.PluginError` in strict mode (``strict=True`` or
``PREVCAT_STRICT_PLUGINS=1``).

Environment:

* ``PREVCAT_LOAD_PLUGINS=a,b`` loads only these entry-point plugins (distribution or entry
  point names; set but empty: none).  Built-in plugins always load.
* ``PREVCAT_PLUGINS_DIR=DIR`` also loads every ``*.py`` module in ``DIR`` as a plugin.
* ``PREVCAT_STRICT_PLUGINS=1`` makes every problem an error.
* ``PREVCAT_PLUGIN_TIMEOUT=SECONDS`` stops a plugin call (a hook, reading a snapshot) that runs
  longer, as a problem naming the plugin (see :func:`set_plugin_timeout`).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import pluggy

from prevcat.catalogue import Library
from prevcat.errors import PluginError
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat.importers.scales import pick_scale
from prevcat.plugins.collect import call_hooks
from prevcat.plugins.loading import Loaded, build, is_strict, plugin_key, set_plugin_timeout
from prevcat.plugins.records import LoadedLibrary, PluginInfo, PluginProblem, Registrations
from prevcat.plugins.snapshots import read_snapshots

__all__ = [
    "find_scale",
    "get_glossary",
    "get_importers",
    "get_plugin_manager",
    "get_plugins",
    "get_registry",
    "get_scales",
    "load_catalogues",
    "load_library",
    "reset_plugin_manager",
    "set_plugin_timeout",
]

_lock = threading.RLock()
_managers: dict[tuple[str | None, tuple[str, ...] | None], Loaded] = {}
_registries: dict[tuple[str | None, tuple[str, ...] | None], Registrations] = {}
_libraries: dict[tuple[str | None, tuple[str, ...] | None], LoadedLibrary] = {}


def _loaded(plugins_dir: str | Path | None) -> Loaded:
    key = plugin_key(plugins_dir)
    with _lock:
        if key not in _managers:
            _managers[key] = build(*key)
        return _managers[key]


def get_plugin_manager(*, plugins_dir: str | Path | None = None) -> pluggy.PluginManager:
    """The (cached) plugin manager: built-ins, entry points, and the plugins folder if any."""
    return _loaded(plugins_dir).pm


def reset_plugin_manager() -> None:
    """Forget every loaded plugin manager, registry and library (for tests)."""
    with _lock:
        _managers.clear()
        _registries.clear()
        _libraries.clear()


def _raise_if_strict(problems: tuple[PluginProblem, ...], strict: bool | None) -> None:
    if problems and is_strict(strict):
        first, *others = problems
        more = "".join(f"; also {other}" for other in others)
        raise PluginError(first.plugin, f"{first.error} [{first.stage}]{more}")


def get_registry(*, strict: bool | None = None, plugins_dir: str | Path | None = None) -> Registrations:
    """Everything the plugins registered (cached); strict mode raises on any plugin problem."""
    key = plugin_key(plugins_dir)
    with _lock:
        registry = _registries.get(key)
        if registry is None:
            registry = call_hooks(_loaded(plugins_dir))
            _registries[key] = registry
    _raise_if_strict(registry.problems, strict)
    return registry


def get_plugins(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> tuple[PluginInfo, ...]:
    """The loaded plugins, in load order (built-ins first)."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).plugins


def get_importers(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> Mapping[str, Importer]:
    """Registered importers by key."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).importers


def get_scales(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> Mapping[tuple[str, str], EvidenceScale]:
    """Registered evidence scales by ``(id, version)``."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).scales


def get_glossary(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> Mapping[str, Mapping[str, str]]:
    """Registered glossary terms: ``language -> {term: concept}``."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).glossary


def find_scale(scale_id: str, version: str | None = None) -> EvidenceScale:
    """A registered scale by id (``ungsinn``, ``ungsinn@2015``); without a version the newest.

    See :func:`pick_scale` for what "newest" means.

    Raises :class:`~prevcat.errors.UnknownScaleError` listing the registered scales.
    """
    return pick_scale(get_scales(), scale_id, version)


def load_catalogues(*, strict: bool | None = None, plugins_dir: str | Path | None = None) -> LoadedLibrary:
    """Every registered importer's bundled snapshot, read into one library (cached per process).

    An importer that fails while reading its snapshot is a :class:`PluginProblem` (stage
    ``snapshot``), not a crash; in strict mode any problem raises :class:`PluginError`.
    """
    key = plugin_key(plugins_dir)
    with _lock:
        loaded = _libraries.get(key)
        if loaded is None:
            loaded = read_snapshots(get_registry(strict=False, plugins_dir=plugins_dir))
            _libraries[key] = loaded
    _raise_if_strict(loaded.problems, strict)
    return loaded


def load_library(*, strict: bool | None = None, plugins_dir: str | Path | None = None) -> Library:
    """Every bundled catalogue of every installed plugin, as one :class:`Library`."""
    return load_catalogues(strict=strict, plugins_dir=plugins_dir).library
