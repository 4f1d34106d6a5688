"""Writing output files: missing parent folders are created, errors read as messages.

Every command's ``-o FILE`` should go through :func:`write_output` (text) or
:func:`open_output` (a stream, for writers that write row by row).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from prevcat.errors import PrevcatError

__all__ = ["ensure_parent", "open_output", "write_output"]


def ensure_parent(path: str | Path) -> Path:
    """``path`` with its missing parent folders created; :class:`PrevcatError` when that fails."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrevcatError(f"cannot create the folder {target.parent}: {exc.strerror or exc}") from None
    return target


def write_output(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path``, creating its missing parent folders; return the path.

    Raises :class:`PrevcatError` (a message, no traceback in the CLI) when the folder cannot
    be made or the file cannot be written.
    """
    target = ensure_parent(path)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PrevcatError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def open_output(path: str | Path, *, newline: str | None = "") -> IO[str]:
    """``path`` opened for writing UTF-8 text, its missing parent folders created (``newline=""``
    suits :mod:`csv`); :class:`PrevcatError` when it cannot be opened."""
    target = ensure_parent(path)
    try:
        return open(target, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise PrevcatError(f"cannot write {target}: {exc.strerror or exc}") from None
