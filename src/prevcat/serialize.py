"""Deprecated alias of :mod:`prevcat.io` (kept for one release; import from ``prevcat.io``)."""

from __future__ import annotations

import warnings

from prevcat.io import *  # noqa: F403
from prevcat.io import __all__ as __all__
from prevcat.io.json_format import json_converter as json_converter

warnings.warn(
    "prevcat.serialize is deprecated and will be removed in the next release; import from prevcat.io",
    DeprecationWarning,
    stacklevel=2,
)
