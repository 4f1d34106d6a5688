"""Writing a report to a file: missing parent folders are created, errors read as messages."""

from __future__ import annotations

from pathlib import Path

from prevcat.errors import PrevcatError

__all__ = ["write_output"]


def write_output(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path``, creating its missing parent folders; return the path.

    Raises :class:`PrevcatError` (a message, no traceback in the CLI) when the folder cannot
    be made or the file cannot be written.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PrevcatError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
