"""prevcat JSON: one cattrs converter, catalogues and libraries in and out, every problem located.

prevcat JSON is versioned by ``format_version`` (see ``docs/model.md``); loading reports
every problem at once as :class:`~prevcat.errors.DataErrors`, each with the file, the line
of the record where it can be found, and the field path (``interventions[3].target.ages.min``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence, list_structure_factory
from cattrs.errors import ClassValidationError, IterableValidationError

from prevcat.catalogue import Catalogue, Library
from prevcat.errors import DataError, DataErrors, PrevcatError, UnknownLabelError
from prevcat.evidence import EvidenceScale
from prevcat.io.limits import MAX_DEPTH, depth_exceeds, line_too_deep, too_deep_message
from prevcat.io.locations import LineFinder, errors_from

JSON_FORMAT_VERSION = 1
"""The current version of prevcat's JSON format."""

CATALOGUE_KIND = "prevcat.catalogue"
LIBRARY_KIND = "prevcat.library"


def _make_json_converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=True
    )
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())

    def structure_date(value: Any, _: type) -> dt.date:
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected an ISO date string (YYYY-MM-DD), got {value!r}")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {value!r}") from None

    converter.register_structure_hook(dt.date, structure_date)

    def structure_str(value: Any, _: type) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
        return value

    converter.register_structure_hook(str, structure_str)

    def sequence_hook(type_: Any) -> Any:
        """A list field takes a JSON list only: a string is one error, not one per character."""
        make = (
            homogenous_tuple_structure_factory if getattr(type_, "__origin__", None) is tuple
            else list_structure_factory
        )
        inner = make(type_, converter)

        def structure(value: Any, target: Any) -> Any:
            if not isinstance(value, (list, tuple)):
                raise ValueError(f"expected a list, got {_json_type(value)}")
            return inner(value, target)

        return structure

    converter.register_structure_hook_factory(_is_list_type, sequence_hook)
    return converter


def _is_list_type(type_: Any) -> bool:
    """``list[X]``, ``tuple[X, ...]`` and other sequences of one type (not a fixed-length tuple)."""
    if not is_sequence(type_):
        return False
    args: tuple[Any, ...] = tuple(getattr(type_, "__args__", ()))
    if getattr(type_, "__origin__", None) is tuple:
        return len(args) == 2 and args[-1] is Ellipsis
    return True


def _json_type(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, Mapping):
        return "an object"
    return "null" if value is None else type(value).__name__


json_converter = _make_json_converter()
"""The cattrs converter for prevcat JSON."""



def _check_labels(raw: Any, scales: Mapping[tuple[str, str], EvidenceScale]) -> list[tuple[str, str]]:
    """Problems with rating labels in raw catalogue data, as ``(path, message)`` pairs."""
    problems: list[tuple[str, str]] = []
    records = raw.get("interventions") if isinstance(raw, Mapping) else None
    if not isinstance(records, list):
        return problems
    known = sorted(f"{i}@{v}" for i, v in scales)
    for i, record in enumerate(records):
        ratings = record.get("ratings") if isinstance(record, Mapping) else None
        if not isinstance(ratings, list):
            continue
        for j, rating in enumerate(ratings):
            if not isinstance(rating, Mapping):
                continue
            scale_ref = rating.get("scale")
            label = rating.get("label")
            if not isinstance(scale_ref, Mapping) or not isinstance(label, str):
                continue
            key = (str(scale_ref.get("id")), str(scale_ref.get("version", "1")))
            path = f"interventions[{i}].ratings[{j}]"
            scale = scales.get(key)
            if scale is None:
                message = f"unknown evidence scale {key[0]}@{key[1]}; registered: {', '.join(known)}"
                problems.append((f"{path}.scale", message))
                continue
            try:
                level = scale.lookup(label)
            except UnknownLabelError as exc:
                problems.append((f"{path}.label", exc.message))
                continue
            expected = level.level.value if level.level else None
            if "level" in rating and rating.get("level") != expected:
                problems.append(
                    (
                        f"{path}.level",
                        f"{rating.get('level')!r} contradicts scale {scale.ref}, "
                        f"where {label!r} is {expected!r}",
                    )
                )
    return problems


def _parse_document(text: str, *, file: str | None, kind: str) -> dict[str, Any]:
    text = text.lstrip("\ufeff")  # byte-order marks, even doubled; lines are unchanged
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataErrors(
            [DataError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=file, line=exc.lineno)]
        ) from None
    except RecursionError:  # nested deeper than Python's parser goes
        raise DataErrors([DataError(too_deep_message(), file=file, line=line_too_deep(text))]) from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise DataErrors([DataError(f"not valid JSON: {exc}", file=file)]) from None
    if depth_exceeds(raw, MAX_DEPTH):
        raise DataErrors([DataError(too_deep_message(), file=file, line=line_too_deep(text))])
    if not isinstance(raw, dict):
        raise DataErrors([DataError("expected a JSON object at the top level", file=file)])
    version = raw.get("format_version")
    problems = []
    if version is None:
        problems.append(DataError("missing; expected format_version 1", file=file, path="format_version"))
    elif version != JSON_FORMAT_VERSION:
        problems.append(
            DataError(
                f"unsupported version {version!r}; this prevcat reads version {JSON_FORMAT_VERSION}",
                file=file,
                path="format_version",
            )
        )
    if raw.get("kind", kind) != kind:
        problems.append(DataError(f"expected {kind!r}, got {raw.get('kind')!r}", file=file, path="kind"))
    if problems:
        raise DataErrors(problems)
    return raw


# -- catalogues as JSON --------------------------------------------------------------------------


def unstructure_catalogue(catalogue: Catalogue) -> dict[str, Any]:
    """A catalogue as a JSON-ready dict (without the document header)."""
    return {
        "provenance": json_converter.unstructure(catalogue.provenance),
        "interventions": [json_converter.unstructure(i) for i in catalogue.interventions],
    }


def dumps_catalogue(catalogue: Catalogue, *, indent: int | None = 2) -> str:
    """A catalogue as a prevcat JSON document."""
    doc = {"format_version": JSON_FORMAT_VERSION, "kind": CATALOGUE_KIND, **unstructure_catalogue(catalogue)}
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def _write_nested(
    stream: IO[str],
    head: dict[str, Any],
    items: Sequence[Any],
    write_item: Callable[[Any, int], None],
    level: int,
    indent: int,
) -> None:
    """Write ``head`` (whose last value is an empty list) at nesting ``level``, its list filled
    by ``write_item(item, level + 2)``: the text ``json.dumps(indent=indent)`` gives."""
    text = json.dumps(head, ensure_ascii=False, indent=indent).replace("\n", "\n" + " " * (indent * level))
    if not items:
        stream.write(text)
        return
    cut = text.rindex("[]")
    stream.write(text[: cut + 1])
    inner = "\n" + " " * (indent * (level + 2))
    for n, item in enumerate(items):
        stream.write(("," + inner) if n else inner)
        write_item(item, level + 2)
    stream.write("\n" + " " * (indent * (level + 1)) + text[cut + 1 :])


def _writer_of_interventions(stream: IO[str], indent: int) -> Callable[[Any, int], None]:
    def write(item: Any, level: int) -> None:
        text = json.dumps(json_converter.unstructure(item), ensure_ascii=False, indent=indent)
        stream.write(text.replace("\n", "\n" + " " * (indent * level)))

    return write


def write_catalogue(catalogue: Catalogue, stream: IO[str], *, indent: int = 2) -> None:
    """Write a catalogue as a prevcat JSON document, one intervention at a time: the same text
    as :func:`dumps_catalogue`, without holding the whole document in memory."""
    head = {
        "format_version": JSON_FORMAT_VERSION,
        "kind": CATALOGUE_KIND,
        "provenance": json_converter.unstructure(catalogue.provenance),
        "interventions": [],
    }
    _write_nested(stream, head, catalogue.interventions, _writer_of_interventions(stream, indent), 0, indent)
    stream.write("\n")


def write_library(library: Library | Iterable[Catalogue], stream: IO[str], *, indent: int = 2) -> None:
    """Write several catalogues as one prevcat JSON library document, one intervention at a
    time: the same text as :func:`dumps_library`."""
    catalogues = library.catalogues if isinstance(library, Library) else tuple(library)
    write_intervention = _writer_of_interventions(stream, indent)

    def write_one(catalogue: Catalogue, level: int) -> None:
        head = {"provenance": json_converter.unstructure(catalogue.provenance), "interventions": []}
        _write_nested(stream, head, catalogue.interventions, write_intervention, level, indent)

    head = {"format_version": JSON_FORMAT_VERSION, "kind": LIBRARY_KIND, "catalogues": []}
    _write_nested(stream, head, catalogues, write_one, 0, indent)
    stream.write("\n")


def _structure_catalogue(
    raw: Mapping[str, Any],
    *,
    file: str | None,
    text: str,
    scales: Mapping[tuple[str, str], EvidenceScale] | None,
    path_prefix: str = "",
) -> Catalogue:
    errors: list[DataError] = []
    lines = LineFinder(raw, text)
    if scales is not None:
        for path, message in _check_labels(raw, scales):
            errors.append(DataError(message, file=file, line=lines.line(path), path=path_prefix + path))
    body = {k: v for k, v in raw.items() if k not in ("format_version", "kind")}
    catalogue: Catalogue | None = None
    try:
        catalogue = json_converter.structure(body, Catalogue)
    except (ClassValidationError, IterableValidationError, ValueError, PrevcatError) as exc:
        seen = {e.format() for e in errors}
        for error in errors_from(exc, file=file, lines=lines):
            if path_prefix:
                error = error.located(path_prefix=path_prefix.rstrip("."))
            if error.format() not in seen:
                seen.add(error.format())
                errors.append(error)
    if errors:
        errors.sort(key=lambda e: (e.line is None, e.line or 0, e.path or ""))
        raise DataErrors(errors, summary=f"{file or 'catalogue'}: {len(errors)} problem(s)")
    assert catalogue is not None
    return catalogue


def loads_catalogue(
    text: str,
    *,
    file: str | None = None,
    scales: Mapping[tuple[str, str], EvidenceScale] | None = None,
) -> Catalogue:
    """Read a prevcat JSON catalogue document.

    With ``scales`` (``{(id, version): scale}``), every rating label must resolve in its
    scale and agree with the stored level.  Raises :class:`DataErrors`, one per problem.
    """
    raw = _parse_document(text, file=file, kind=CATALOGUE_KIND)
    return _structure_catalogue(raw, file=file, text=text, scales=scales)


def dump_catalogue(catalogue: Catalogue, path: str | Path) -> None:
    """Write a catalogue as prevcat JSON (UTF-8)."""
    Path(path).write_text(dumps_catalogue(catalogue), encoding="utf-8")


def load_catalogue(
    path: str | Path, *, scales: Mapping[tuple[str, str], EvidenceScale] | None = None
) -> Catalogue:
    """Read a prevcat JSON catalogue file."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataErrors([DataError(f"cannot read file: {exc.strerror or exc}", file=file)]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataErrors(
            [DataError("not UTF-8 text; save the file as UTF-8", file=file, line=line)]
        ) from None
    return loads_catalogue(text, file=file, scales=scales)


def dumps_library(library: Library | Iterable[Catalogue], *, indent: int | None = 2) -> str:
    """Several catalogues as one prevcat JSON library document."""
    catalogues = library.catalogues if isinstance(library, Library) else tuple(library)
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "kind": LIBRARY_KIND,
        "catalogues": [unstructure_catalogue(c) for c in catalogues],
    }
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def loads_library(text: str, *, file: str | None = None) -> Library:
    """Read a prevcat JSON library document."""
    raw = _parse_document(text, file=file, kind=LIBRARY_KIND)
    items = raw.get("catalogues")
    if not isinstance(items, list):
        raise DataErrors([DataError("expected a list of catalogues", file=file, path="catalogues")])
    catalogues = []
    errors: list[DataError] = []
    for index, item in enumerate(items):
        try:
            prefix = f"catalogues[{index}]."
            catalogues.append(
                _structure_catalogue(item, file=file, text=text, scales=None, path_prefix=prefix)
            )
        except DataErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise DataErrors(errors)
    try:
        return Library(tuple(catalogues))
    except PrevcatError as exc:
        raise DataErrors([DataError(str(exc), file=file, path="catalogues")]) from exc

