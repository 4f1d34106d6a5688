"""The plugin layer: hook specifications, the manager, registrations and the built-in plugins.

Plugins are loaded one at a time and every hook implementation is called on its own, so one
broken plugin never stops the others (see :mod:`prevcat.plugins.manager`).
"""

from __future__ import annotations

from prevcat.importers.scales import AmbiguousScaleError, pick_scale
from prevcat.plugins.hookspecs import hookimpl, hookspec
from prevcat.plugins.loading import ENTRY_POINT_GROUP
from prevcat.plugins.manager import (
    find_scale,
    get_glossary,
    get_importers,
    get_plugin_manager,
    get_plugins,
    get_registry,
    get_scales,
    load_catalogues,
    load_library,
    reset_plugin_manager,
)
from prevcat.plugins.records import LoadedLibrary, PluginInfo, PluginProblem, Registrations

#: the former name of :class:`Registrations` (kept for one release)
Registry = Registrations

__all__ = [
    "ENTRY_POINT_GROUP",
    "AmbiguousScaleError",
    "LoadedLibrary",
    "PluginInfo",
    "PluginProblem",
    "Registrations",
    "Registry",
    "find_scale",
    "get_glossary",
    "get_importers",
    "get_plugin_manager",
    "get_plugins",
    "get_registry",
    "get_scales",
    "hookimpl",
    "hookspec",
    "load_catalogues",
    "load_library",
    "pick_scale",
    "reset_plugin_manager",
]
