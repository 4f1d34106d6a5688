"""Where an error is: cattrs structuring errors as (field path, message) pairs, and the line a path points to.

Shared by every wire format that structures with cattrs (prevcat JSON, portfolio TOML)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.v import format_exception as _cattrs_format_exception

from prevcat.errors import DataError, PrevcatError

_FIELD_PREFIX = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*): (.+)$", re.DOTALL)


def default_format_exception(exc: BaseException, type_: type | None) -> str:
    """Keep attrs validators' own messages (cattrs would say only 'invalid value')."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, (ValueError, PrevcatError)) and str(exc):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    return _cattrs_format_exception(exc, type_)


def _split_message(message: str) -> tuple[str, str]:
    """Split cattrs' ``'<message> @ <path>'`` into ``(path, message)``."""
    text, sep, path = message.rpartition(" @ ")
    if not sep:
        return "", message
    path = path.removeprefix("$").removeprefix(".")
    match = _FIELD_PREFIX.match(text)
    if match and " " not in match.group(1):
        field, rest = match.groups()
        path = f"{path}.{field}" if path else field
        text = rest
    return path, text


_RECORD = re.compile(r"^interventions\[(\d+)\]")


class LineFinder:
    """The line of the intervention record a path points into, found by its id; cached.

    One lookup per record and field, so that thousands of errors in one large file cost
    thousands of dictionary hits, not thousands of scans of the text.
    """

    def __init__(self, raw: Any, text: str) -> None:
        self._raw = raw
        self._text = text
        self._starts: dict[int, int] = {}
        self._cache: dict[tuple[int, str | None], int | None] = {}

    def _record_id(self, index: int) -> str | None:
        records = self._raw.get("interventions") if isinstance(self._raw, Mapping) else None
        if not isinstance(records, list) or index >= len(records) or not isinstance(records[index], Mapping):
            return None
        ident = records[index].get("id")
        return ident if isinstance(ident, str) else None

    def _start(self, index: int, after: int = 0) -> int:
        if index not in self._starts:
            ident = self._record_id(index)
            pos = -1
            if ident is not None:
                pos = self._text.find(json.dumps(ident, ensure_ascii=False), after)
                if pos < 0:
                    pos = self._text.find(json.dumps(ident), after)
            self._starts[index] = pos
        return self._starts[index]

    def line(self, path: str) -> int | None:
        """The line for ``path`` (``interventions[3].name``), or None where it cannot be told."""
        match = _RECORD.match(path)
        if not match:
            return None
        index = int(match.group(1))
        field: str | None = path.rsplit(".", 1)[-1] if "." in path else None
        if field is not None and field.endswith("]"):
            field = None
        key = (index, field)
        if key not in self._cache:
            self._cache[key] = self._find(index, field)
        return self._cache[key]

    def _find(self, index: int, field: str | None) -> int | None:
        pos = self._start(index)
        if pos < 0:
            return None
        if field:
            after = self._text.find(f'"{field}"', pos)
            nxt = self._start(index + 1, pos + 1) if self._record_id(index + 1) is not None else -1
            if after >= 0 and (nxt < 0 or after < nxt):
                pos = after
        return self._text.count("\n", 0, pos) + 1


def line_of(path: str, raw: Any, text: str) -> int | None:
    """The line of the intervention record a path points into, found by its id."""
    return LineFinder(raw, text).line(path)


def cattrs_messages(
    exc: BaseException, format_exception: Callable[[BaseException, type | None], str] | None = None
) -> list[tuple[str, str]]:
    """A cattrs structuring error as ``(path, message)`` pairs (path ``''`` for the document)."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        formatter = format_exception or default_format_exception
        messages = cattrs.transform_error(exc, path="$", format_exception=formatter)
    else:
        messages = [str(exc)]
    out = []
    for message in messages:
        path, body = _split_message(message)
        if not path:
            match = _FIELD_PREFIX.match(body)
            if match and re.match(r"^[\w\[\].]+$", match.group(1)):
                path, body = match.groups()
        out.append((path, body))
    return out


def errors_from(exc: BaseException, *, file: str | None, lines: LineFinder) -> list[DataError]:
    """A cattrs structuring error as data errors with file, line and field path."""
    return [
        DataError(body, file=file, line=lines.line(path), path=path or None)
        for path, body in cattrs_messages(exc)
    ]

