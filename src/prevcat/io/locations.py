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


def line_of(path: str, raw: Any, text: str) -> int | None:
    """The line of the intervention record a path points into, found by its id."""
    match = _RECORD.match(path)
    if not match or not isinstance(raw, Mapping):
        return None
    records = raw.get("interventions")
    index = int(match.group(1))
    if not isinstance(records, list) or index >= len(records) or not isinstance(records[index], Mapping):
        return None
    ident = records[index].get("id")
    if not isinstance(ident, str):
        return None
    pos = text.find(json.dumps(ident, ensure_ascii=False))
    if pos < 0:
        pos = text.find(json.dumps(ident))
    if pos < 0:
        return None
    field = path.rsplit(".", 1)[-1] if "." in path else None
    if field and not field.endswith("]"):
        after = text.find(f'"{field}"', pos)
        nxt = -1
        if index + 1 < len(records) and isinstance(records[index + 1], Mapping):
            next_id = records[index + 1].get("id")
            if isinstance(next_id, str):
                nxt = text.find(json.dumps(next_id, ensure_ascii=False), pos + 1)
        if after >= 0 and (nxt < 0 or after < nxt):
            pos = after
    return text.count("\n", 0, pos) + 1


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


def errors_from(exc: BaseException, *, file: str | None, raw: Any, text: str) -> list[DataError]:
    return [
        DataError(body, file=file, line=line_of(path, raw, text), path=path or None)
        for path, body in cattrs_messages(exc)
    ]

