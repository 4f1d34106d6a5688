"""prevcat: catalogues of prevention methods, their evidence, and city portfolios.

The public API is re-exported here.  Plugin authors need only ``hookimpl``::

    from prevcat import hookimpl
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

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
    "link": "prevcat.linking",
    "resolve": "prevcat.linking",
}


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
