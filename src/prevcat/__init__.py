"""prevcat: catalogues of prevention methods, their evidence, and city portfolios.

The public API is re-exported here.  Plugin authors need only ``hookimpl``::

    from prevcat import hookimpl
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from prevcat.catalogue import Catalogue, Library, Provenance
from prevcat.errors import DataError, PrevcatError
from prevcat.evidence import (
    COMMON_SCALE,
    Confidence,
    Direction,
    EvidenceLevel,
    EvidenceScale,
    Rating,
    RatingSummary,
    ResultsFirstTier,
    ScaleLevel,
    ScaleRef,
)
from prevcat.importers.base import Importer, ImportReport, ImportResult, Snapshot
from prevcat.model import (
    AgeRange,
    Alias,
    Domain,
    Intervention,
    PreventionLevel,
    Setting,
    Substance,
    Target,
)
from prevcat.plugins.hookspecs import hookimpl

if TYPE_CHECKING:  # imported on first use at run time (see __getattr__), typed here
    from prevcat.linking import Crosswalk, Resolution
    from prevcat.plugins import get_plugin_manager as get_plugin_manager
    from prevcat.plugins import load_library as load_library
from prevcat.plugins.loading import register_builtin

# The facade is the one place that knows every layer: the shipped linking glossary is a
# built-in plugin that lives above the plugin layer, so it is named here.
register_builtin("prevcat.linking.glossary_plugin")

try:
    __version__ = version("prevcat")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

# Heavier parts of the API are imported on first use, keeping `import prevcat` fast.
_LAZY = {
    "load_library": "prevcat.plugins",
    "get_plugin_manager": "prevcat.plugins",
}


def link(library: Library | None = None, **options: Any) -> Crosswalk:
    """Link catalogues into programmes and variants (:func:`prevcat.linking.link`).

    ``library`` defaults to every installed catalogue, ``glossary`` to the shipped glossary
    with every plugin's terms.
    """
    from prevcat.linking import link as link_catalogues
    from prevcat.linking.glossary import default_glossary
    from prevcat.plugins import get_glossary, load_library

    if "glossary" not in options:
        options["glossary"] = default_glossary(get_glossary())
    return link_catalogues(load_library() if library is None else library, **options)


def resolve(
    names: Iterable[str], *, library: Library | None = None, crosswalk: Crosswalk | None = None,
    **options: Any,
) -> list[Resolution]:
    """Resolve free-text method names (:func:`prevcat.linking.resolve`); without a
    ``crosswalk`` or ``library``, every installed catalogue is linked first."""
    from prevcat.linking import resolve as resolve_names

    if crosswalk is None and library is None:
        crosswalk = link()
    return resolve_names(names, library=library, crosswalk=crosswalk, **options)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'prevcat' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "COMMON_SCALE",
    "AgeRange",
    "Alias",
    "Catalogue",
    "Confidence",
    "DataError",
    "Direction",
    "Domain",
    "EvidenceLevel",
    "EvidenceScale",
    "ImportReport",
    "ImportResult",
    "Importer",
    "Intervention",
    "Library",
    "PrevcatError",
    "PreventionLevel",
    "Provenance",
    "Rating",
    "RatingSummary",
    "ResultsFirstTier",
    "ScaleLevel",
    "ScaleRef",
    "Setting",
    "Snapshot",
    "Substance",
    "Target",
    "__version__",
    "hookimpl",
    "link",
    "load_library",
    "resolve",
]
