"""One exception hierarchy for prevcat, with messages that say where and what.

Every data problem names, where known, the file, the line or row, the field path
(``interventions[3].target.min_age``) and what was expected.  The CLI prints these
messages without a traceback and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class PrevcatError(Exception):
    """Base of every error prevcat raises on purpose."""


class DataError(PrevcatError):
    """A problem in input data: a file, a row, a field.

    ``str(error)`` reads ``catalogue.json, line 12: interventions[3].target.min_age: must be
    0..120, got 130``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.path = path
        super().__init__(self.format())

    def format(self) -> str:
        """The full message: location first, then the field path, then what is wrong."""
        where = []
        if self.file:
            where.append(str(self.file))
        if self.line is not None:
            where.append(f"line {self.line}")
        prefix = ", ".join(where)
        body = f"{self.path}: {self.message}" if self.path else self.message
        return f"{prefix}: {body}" if prefix else body

    def located(
        self, *, file: str | None = None, line: int | None = None, path_prefix: str | None = None
    ) -> DataError:
        """A copy of this error placed in a file, at a line, under a path prefix."""
        path = self.path
        if path_prefix:
            path = f"{path_prefix}.{path}" if path and not path.startswith("[") else (
                f"{path_prefix}{path or ''}"
            )
        clone = DataError(
            self.message,
            file=file or self.file,
            line=line if line is not None else self.line,
            path=path,
        )
        return clone


class UnknownLabelError(DataError):
    """A rating label that the named scale does not know; lists the labels it does."""

    def __init__(self, *, label: str, scale: str, known: Sequence[str], **where: object) -> None:
        self.label = label
        self.scale = scale
        self.known = tuple(known)
        listed = "; ".join(repr(k) for k in self.known)
        super().__init__(
            f"unknown label {label!r} for scale {scale}; known labels: {listed}",
            **where,  # type: ignore[arg-type]
        )


class UnknownScaleError(PrevcatError):
    """A scale id (and version) that no installed plugin registers."""

    def __init__(self, scale: str, known: Iterable[str]) -> None:
        self.scale = scale
        self.known = tuple(sorted(known))
        super().__init__(
            f"unknown evidence scale {scale!r}; registered scales: {', '.join(self.known) or 'none'}"
        )


#: how many problems a :class:`DataErrors` message lists before counting the rest
MAX_SHOWN_ERRORS = 20


def capped_lines(
    lines: Sequence[str], *, limit: int = MAX_SHOWN_ERRORS, what: str = "problem(s)"
) -> list[str]:
    """The first ``limit`` lines, then one line counting the others (``  ... and 980 more problem(s)``)."""
    if len(lines) <= limit:
        return list(lines)
    return [*lines[:limit], f"  ... and {len(lines) - limit} more {what}"]


class DataErrors(PrevcatError):
    """Several data problems found in one go, one message per problem.

    ``errors`` holds every problem; the message lists the first :data:`MAX_SHOWN_ERRORS`
    and counts the rest, so that a file with thousands of problems prints a readable page.
    """

    def __init__(self, errors: Sequence[DataError], *, summary: str | None = None) -> None:
        self.errors = tuple(errors)
        head = summary or f"{len(self.errors)} problem(s) found"
        shown = [f"  - {e.format()}" for e in self.errors[:MAX_SHOWN_ERRORS]]
        if len(self.errors) > MAX_SHOWN_ERRORS:
            shown.append(f"  ... and {len(self.errors) - MAX_SHOWN_ERRORS} more problem(s)")
        super().__init__("\n".join([head, *shown]))


class DuplicateIdError(PrevcatError):
    """Two interventions (or two registrations) share an id that must be unique."""


class NotFoundError(PrevcatError, KeyError):
    """An id that is not in the catalogue or library; suggests near ids where it can."""

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        PrevcatError.__init__(self, f"no intervention with id {key!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class PluginError(PrevcatError):
    """A plugin that failed to load, raised in a hook, or registered something invalid."""

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        self.message = message
        super().__init__(f"plugin {plugin!r}: {message}")


class RegistrationError(PrevcatError):
    """Something registered through a hook is invalid or clashes with another registration."""
