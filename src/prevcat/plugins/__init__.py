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
from prevcat.plugins.registry_plugin import RegistryPlugin


def __getattr__(name: str) -> object:
    if name == "Registry":  # the former name of Registrations, kept for one release
        import warnings

        warnings.warn(
            "prevcat.plugins.Registry is deprecated; use prevcat.plugins.Registrations",
            DeprecationWarning,
            stacklevel=2,
        )
        return Registrations
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENTRY_POINT_GROUP",
    "AmbiguousScaleError",
    "LoadedLibrary",
    "PluginInfo",
    "PluginProblem",
    "Registrations",
    "RegistryPlugin",
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
