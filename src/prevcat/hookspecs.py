"""Deprecated alias of :mod:`prevcat.plugins.hookspecs` (kept for one release)."""

from __future__ import annotations

from prevcat.plugins.hookspecs import *  # noqa: F403
from prevcat.plugins.hookspecs import hookimpl as hookimpl
from prevcat.plugins.hookspecs import hookspec as hookspec
