"""Deprecated alias of :mod:`prevcat.plugins.hookspecs` (kept for one release)."""

from __future__ import annotations

import warnings

from prevcat.plugins.hookspecs import *  # noqa: F403
from prevcat.plugins.hookspecs import hookimpl as hookimpl
from prevcat.plugins.hookspecs import hookspec as hookspec

warnings.warn(
    "prevcat.hookspecs is deprecated and will be removed in the next release; "
    "use 'from prevcat import hookimpl' (or prevcat.plugins.hookspecs)",
    DeprecationWarning,
    stacklevel=2,
)
