"""Deprecated alias of :mod:`prevcat.io.csv_read` (kept for one release)."""

from __future__ import annotations

import warnings

from prevcat.io.csv_read import *  # noqa: F403
from prevcat.io.csv_read import TableRow as TableRow
from prevcat.io.csv_read import read_table as read_table

warnings.warn(
    "prevcat.importers.csvio is deprecated and will be removed in the next release; "
    "import from prevcat.io.csv_read",
    DeprecationWarning,
    stacklevel=2,
)
