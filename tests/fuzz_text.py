"""Hypothesis strategies that write catalogue CSV, catalogue JSON and portfolio TOML *as text*, and
checks that run each through prevcat the way a user does.

Shared by ``tests/test_fuzz_readers.py`` (a few hundred examples per reader, in CI) and
``benchmarks/fuzz_readers.py`` (10,000 per reader, with figures).  The inputs are what goes
wrong in real files: byte-order marks anywhere, NULs, control characters, Windows-1252 and
UTF-16 next to UTF-8, joined exports, repeated and case-duplicate headers, unbalanced quotes,
huge cells, strings where lists belong, numbers of thousands of digits, and nesting hundreds of
levels deep.

Each check returns an :class:`Outcome`: ``traceback`` is any exception that is not prevcat's own
located error; ``unaccounted`` counts rows read that were neither imported nor reported, and rows
written that the reader did not read.

(Longer than most modules on purpose: the three generators share their building blocks and
the checks, and the test file and the benchmark must run exactly the same inputs.)
"""

from __future__ import annotations

import json
import re
import signal
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from click.testing import CliRunner
from hypothesis import strategies as st

from prevcat.cli import main
from prevcat.errors import DataError, DataErrors
from prevcat.io.toml_read import loads_toml
from prevcat.portfolio.load import parse_portfolio

BOM = "\ufeff"

# -- building blocks ------------------------------------------------------------------------------

_nasty_chars = st.sampled_from(
    [BOM, "\x00", "\x1b[2J", "\r", "\n", "\r\n", '"', "'", ",", ";", "\t", "|", "=", "＝", "\u202e",
     "\x85", "\u2028", "\ufffd", "é", "ø", "ß", "—", "😀", "\\", "{", "[", "#"]
)
_words = st.sampled_from(
    ["Komet", "PALS", "Föräldrar i fokus", "SE", "NO", "de", "sv", "promising", "well_supported",
     "universal", "school", "alcohol", "13", "120", "130", "-1", "x:y", "sv:Komet | nb:PALS", "",
     " ", "=1+1", "@SUM(A1)", "<script>alert(1)</script>"]
)
_cell_text = st.one_of(
    _words,
    st.text(max_size=12),
    st.lists(st.one_of(_words, _nasty_chars), max_size=6).map("".join),
)


@st.composite
def _huge(draw: st.DrawFn) -> str:
    """A cell of 1,000 to 200,000 characters (past the CSV cell limit sometimes)."""
    size = draw(st.sampled_from([1_000, 20_000, 131_000, 140_000, 200_000]))
    return draw(st.sampled_from(["x", "é", BOM, "\x00", " ", '"', "ab,"])) * (size // 2 + 1)


@st.composite
def _cells(draw: st.DrawFn) -> str:
    """Mostly short text; one cell in 60 is huge (so about one file in five has one)."""
    return draw(_huge()) if draw(st.integers(0, 59)) == 0 else draw(_cell_text)


CSV_COLUMNS = [
    "id", "name", "aliases", "country", "language", "scale", "rating", "levels", "min_age",
    "max_age", "settings", "substances", "domain", "url", "original", "notes", "ID", "Name",
    "id ", BOM + "id", BOM + BOM + "country", "", "Ålder", "x\x00y",
]


# -- CSV ------------------------------------------------------------------------------------------


@dataclass
class Written:
    """A generated file: its bytes, suffix, and the data rows it holds where that is known."""

    data: bytes
    suffix: str
    rows: int | None = None
    note: str = ""


def _csv_line(cells: list[str], delimiter: str, quote_all: bool) -> str:
    """One line as Excel writes it: a cell with the delimiter, a quote or a line break is quoted
    (Python's csv writer leaves a lone CR unquoted with a LF line terminator)."""
    def cell(text: str) -> str:
        if quote_all or any(c in text for c in (delimiter, '"', "\r", "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    return delimiter.join(cell(c) for c in cells)


def _has_content(cells: list[str]) -> bool:
    return any(c.replace(BOM, "").strip() for c in cells)


@st.composite
def csv_files(draw: st.DrawFn) -> Written:
    """A catalogue CSV as a spreadsheet or a careless script might write it."""
    header = ["id", "name", *draw(st.lists(st.sampled_from(CSV_COLUMNS[2:16]), max_size=6, unique=True))]
    if draw(st.integers(0, 3)) == 0:  # a header with trouble of its own
        header = draw(st.lists(st.sampled_from(CSV_COLUMNS), min_size=1, max_size=8))
    header = draw(st.permutations(header))
    width = len(header)
    rows: list[list[str]] = []
    for _ in range(draw(st.integers(0, 12))):
        n = draw(st.sampled_from([width, width, width, width, max(width - 1, 0), width + 1]))
        cells = draw(st.lists(_cells(), min_size=n, max_size=n))
        if cells and draw(st.integers(0, 9)) and not _has_content(cells):
            cells[0] = draw(st.sampled_from(["a", "r1", "K"]))
        rows.append(cells)
    if rows and draw(st.integers(0, 7)) == 0:
        rows.insert(draw(st.integers(0, len(rows))), [h.upper() for h in header])  # a second header
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    end = draw(st.sampled_from(["\r\n", "\n"]))
    quote_all = draw(st.integers(0, 4)) == 0
    text = "".join(_csv_line(cells, delimiter, quote_all) + end for cells in [header, *rows])
    expected: int | None = sum(1 for r in rows if _has_content(r))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "bom2", "cp1252", "utf-16", "mixed"]))
    if encoding == "bom2":
        data = (BOM + BOM + text).encode("utf-8", "surrogatepass")
    elif encoding == "mixed":  # a UTF-8 file with one row pasted from a Windows-1252 file
        lines = text.split("\n")
        cut = draw(st.integers(0, len(lines)))
        data = ("\n".join(lines[:cut]) + ("\n" if cut else "")).encode("utf-8") + "\n".join(
            lines[cut:]).encode("cp1252", "replace")
        expected = None
    elif encoding == "cp1252":
        data = text.encode("cp1252", "replace")
        expected = None  # characters cp1252 cannot hold became '?'
    else:
        data = text.encode(encoding, "surrogatepass")
    mutation = draw(st.sampled_from(["none"] * 6 + ["truncate", "nul", "quote", "joined", "bytes"]))
    if mutation == "truncate" and data:
        data = data[: draw(st.integers(0, len(data)))]
        expected = None
    elif mutation == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
        expected = None
    elif mutation == "quote":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b'"' + data[at:]
        expected = None
    elif mutation == "joined":  # two exports of the same file, the second with its BOM
        data = data + (BOM + text).encode("utf-8", "surrogatepass")
        expected = None
    elif mutation == "bytes":
        data = data + draw(st.binary(max_size=16))
        expected = None
    return Written(data, "csv", expected, f"{encoding}/{mutation}")


# -- JSON -----------------------------------------------------------------------------------------


def _deep(depth: int, kind: str) -> str:
    """A placeholder that :func:`_expand` turns into ``depth`` levels of lists or objects."""
    return f"@DEEP:{depth}:{kind}@"


def _expand(text: str) -> str:
    def nested(match: re.Match[str]) -> str:
        depth = int(match.group(1))
        if match.group(2) == "list":
            return "[" * depth + "]" * depth
        return '{"a": ' * depth + "1" + "}" * depth

    return re.sub(r'"@DEEP:(\d+):(list|dict)@"', nested, text)


_json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False),
    _cell_text, _huge(),
)
_json_values = st.recursive(
    _json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_cell_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def _bad_value(draw: st.DrawFn) -> Any:
    """Something that does not belong where it is put."""
    choice = draw(st.integers(0, 6))
    if choice == 0:
        return "x" * draw(st.sampled_from([10, 2_000, 16_000, 60_000]))
    if choice == 1:
        depth = draw(st.sampled_from([5, 70, 500, 1_000, 3_000]))
        return _deep(depth, draw(st.sampled_from(["list", "dict"])))
    if choice == 2:
        return [{"name": 1}] * draw(st.sampled_from([1, 100, 3_000]))
    return draw(_json_values)


_record_keys = ["source", "id", "name", "aliases", "country", "languages", "ratings", "target", "domains",
                "extra", "url", "original", "description", "confidence", "nonsense"]


@st.composite
def _record(draw: st.DrawFn, index: int, bad: bool) -> dict[str, Any]:
    record: dict[str, Any] = {"source": "fz", "id": f"fz:{index}", "name": draw(_cell_text) or "N"}
    if draw(st.booleans()):
        lang = draw(st.sampled_from(["sv", "nb", "xx"]))
        record["aliases"] = [{"name": draw(_cell_text) or "a", "lang": lang}]
    if draw(st.booleans()):
        label = draw(st.sampled_from(["promising", "effective", "theory_based"]))
        record["ratings"] = [
            {"scale": {"id": "prevcat"}, "label": label, "level": label, "direction": "positive"}
        ]
    if draw(st.booleans()):
        record["target"] = {"ages": {"min": draw(st.integers(-3, 130)), "max": draw(st.integers(-3, 130))}}
    if bad:
        for key in draw(st.lists(st.sampled_from(_record_keys), max_size=2)):
            record[key] = draw(_bad_value())
    return record


@st.composite
def json_files(draw: st.DrawFn) -> Written:
    """A prevcat JSON catalogue, often broken in its types, its text or its encoding."""
    bad = draw(st.integers(0, 2)) == 0
    records = [draw(_record(i, bad)) for i in range(draw(st.integers(0, 6)))]
    doc: Any = {"format_version": 1, "kind": "prevcat.catalogue",
                "provenance": {"source": "fz", "title": draw(_cell_text) or "T"}, "interventions": records}
    shape = draw(st.sampled_from(["doc"] * 5 + ["deep", "number", "not-object", "version"]))
    if shape == "deep":
        doc["interventions"] = _deep(draw(st.sampled_from([100, 1_000, 20_000])), "list")
    elif shape == "number":
        doc["format_version"] = "@NUMBER@"
    elif shape == "not-object":
        doc = records
    elif shape == "version":
        doc["format_version"] = draw(_json_values)
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
    text = _expand(text.replace('"@NUMBER@"', "9" * draw(st.sampled_from([10, 5_000]))))
    expected = len(records) if shape == "doc" else None
    mutation = draw(st.sampled_from(["none"] * 6 + ["bom", "bom2", "truncate", "nul", "cp1252", "bytes"]))
    data = text.encode("utf-8", "surrogatepass")
    if mutation == "bom":
        data = BOM.encode() + data
    elif mutation == "bom2":
        data = (BOM + BOM).encode() + data
    elif mutation == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
        expected = None
    elif mutation == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
        expected = None
    elif mutation == "cp1252":
        data = text.encode("cp1252", "replace")
        expected = None
    elif mutation == "bytes":
        data = data + draw(st.binary(min_size=1, max_size=8))
        expected = None
    return Written(data, "json", expected, f"{shape}/{mutation}")


# -- TOML -----------------------------------------------------------------------------------------

_toml_keys = ["city", "country", "language", "year", "source", "sources", "town"]
_method_keys = [
    "name", "intervention", "same_as", "since", "reach", "note", "levels", "settings", "ages",
    "min_age", "max_age", "substances", "domains", "local", "confidence", "source", "sources", "nam",
]


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string reads like a JSON string


@st.composite
def _toml_value(draw: st.DrawFn) -> str:
    choice = draw(st.integers(0, 9))
    if choice == 0:
        depth = draw(st.sampled_from([3, 70, 500, 2_000]))
        return "[" * depth + "]" * depth
    if choice == 1:
        depth = draw(st.sampled_from([3, 70, 330, 1_000]))
        return "{a = " * depth + "1" + "}" * depth
    if choice == 2:
        return "9" * draw(st.sampled_from([3, 5_000]))
    if choice == 3:
        return _toml_string("x" * draw(st.sampled_from([10, 16_000, 100_000])))
    if choice == 4:
        return "[" + ", ".join(_toml_string(w) for w in draw(st.lists(_words, max_size=4))) + "]"
    if choice == 5:
        return draw(st.sampled_from(["true", "1979-05-27", "inf", "nan", "-0", "1e400", "[6, 12]", "{}"]))
    return _toml_string(draw(_cell_text))


_GOOD_TOML = {
    "city": ['"Malmö"', '"Oslo"'], "country": ['"SE"', '"NO"'], "language": ['"sv"', '"nb"'],
    "year": ["2024"], "source": ['"https://example.org/a"'], "sources": ['["a report", "a page"]'],
    "name": ['"Komet"', '"PALS"', '"Föräldrar i fokus"'], "intervention": ['"xchange:pals"'],
    "levels": ['["universal"]'], "settings": ['["school", "family"]'], "ages": ['"13-17"', '"11+"'],
    "min_age": ["6"], "max_age": ["12"], "substances": ['["alcohol"]'], "domains": ['["prevention"]'],
    "local": ["true"], "confidence": ['"high"', '"low"'], "since": ['"2016"'], "reach": ['"all schools"'],
    "note": ['"a note"'],
}


@st.composite
def _key_value(draw: st.DrawFn, keys: list[str]) -> str:
    known = [k for k in keys if k in _GOOD_TOML]
    key = draw(st.sampled_from(known if known and draw(st.integers(0, 7)) else keys))
    good = _GOOD_TOML.get(key)
    value = draw(st.sampled_from(good)) if good and draw(st.integers(0, 7)) else draw(_toml_value())
    return f"{key} = {value}"


@st.composite
def toml_files(draw: st.DrawFn) -> Written:
    """A portfolio TOML file: keys from the format and near it, values mostly right, some of every shape."""
    lines = ['city = "Malmö"', 'country = "SE"'] if draw(st.integers(0, 7)) else []
    lines += draw(
        st.lists(_key_value(_toml_keys[2:]), max_size=3, unique_by=lambda line: line.split(" =")[0])
    )
    methods = draw(st.integers(0, 5))
    for index in range(methods):
        lines.append("[[methods]]")
        if draw(st.integers(0, 7)):
            lines.append(f'name = "{draw(st.sampled_from(["Komet", "PALS", "Föräldrar i fokus"]))} {index}"')
        lines += draw(st.lists(_key_value(_method_keys[1:]), max_size=4,
                               unique_by=lambda line: line.split(" =")[0]))
    text = "\n".join(lines) + "\n"
    mutation = draw(st.sampled_from(["none"] * 6 + ["bom", "bom2", "truncate", "nul", "cp1252", "crlf"]))
    data = text.encode("utf-8", "surrogatepass")
    if mutation in ("bom", "bom2"):
        data = (BOM * (1 if mutation == "bom" else 2)).encode() + data
    elif mutation == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif mutation == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif mutation == "cp1252":
        data = text.encode("cp1252", "replace")
    elif mutation == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    return Written(data, "toml", methods if mutation in ("none", "bom", "bom2", "crlf") else None, mutation)


# -- running them -------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one input did."""

    kind: str  # "ok", "error" (a located data error), "traceback" or "hang"
    seconds: float
    size: int
    rows_read: int = 0
    unaccounted: int = 0
    detail: str = ""
    note: str = ""  # what the input was (the generator's note)


class _Hang(BaseException):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def allowed_seconds(size: int) -> float:
    """The time an input of ``size`` bytes may take: linear in its size (1 s + 50 ms per KB)."""
    return 1.0 + 0.05 * size / 1024


_SUMMARY = re.compile(r"(\d+) rows read, (\d+) imported \((\d+) interventions\), (\d+) rejected")


def check_import(written: Written, folder: Path) -> Outcome:
    """See :func:`_check_import`; the outcome carries the input's note."""
    outcome = _check_import(written, folder)
    outcome.note = written.note
    return outcome


def _check_import(written: Written, folder: Path) -> Outcome:
    """``prevcat import FILE --allow-rejects``: exit 0 with every row accounted for, or exit 1 with
    a message naming the file; anything else is a traceback."""
    path = folder / f"fuzz.{written.suffix}"
    path.write_bytes(written.data)
    runner = CliRunner()
    start = time.perf_counter()
    try:
        with _deadline(allowed_seconds(len(written.data))):
            result = runner.invoke(main, ["import", str(path), "--allow-rejects"])
    except _Hang:
        return Outcome("hang", time.perf_counter() - start, len(written.data), detail=written.note)
    seconds = time.perf_counter() - start
    size = len(written.data)
    if seconds > allowed_seconds(size):  # the alarm may land where it is ignored (a gc callback)
        return Outcome("hang", seconds, size, detail=f"{written.note}: {seconds:.1f} s for {size} bytes")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        if isinstance(result.exception, _Hang):
            return Outcome("hang", seconds, size, detail=written.note)
        detail = "".join(traceback.format_exception(result.exception))[-1500:]
        return Outcome("traceback", seconds, size, detail=f"{written.note}\n{detail}")
    if result.exit_code == 1:
        located = result.stderr.startswith("Error: ") and str(path) in result.stderr
        detail = "" if located else f"unlocated error: {result.stderr[:300]!r}"
        return Outcome("error" if located else "traceback", seconds, size, detail=detail)
    if result.exit_code != 0:
        return Outcome("traceback", seconds, size, detail=f"exit {result.exit_code}: {result.output[:300]!r}")
    match = _SUMMARY.search(result.stdout)
    if match is None:
        return Outcome("traceback", seconds, size, detail=f"no report: {result.stdout[:300]!r}")
    read, imported, _, rejected = (int(g) for g in match.groups())
    unaccounted = read - imported - rejected
    if written.rows is not None:
        unaccounted += abs(written.rows - read)
    return Outcome("ok", seconds, size, rows_read=read, unaccounted=unaccounted,
                   detail=f"{written.note}: wrote {written.rows}, read {read}" if unaccounted else "")


def warm_up(folder: Path) -> None:
    """Load the plugins and every module once, so that no input is timed with that cost."""
    check_import(Written(b"id,name\n1,A\n", "csv", 1), folder)
    check_import(Written(b'{"format_version": 1}', "json"), folder)
    check_portfolio(Written(b'city = "A"\ncountry = "SE"\n', "toml", 0))


def check_portfolio(written: Written) -> Outcome:
    """See :func:`_check_portfolio`; the outcome carries the input's note."""
    outcome = _check_portfolio(written)
    outcome.note = written.note
    return outcome


def _check_portfolio(written: Written) -> Outcome:
    """TOML text through :func:`loads_toml` and the portfolio structuring, as ``load_portfolio``
    does: a portfolio with every ``[[methods]]`` entry, or located data errors."""
    size = len(written.data)
    start = time.perf_counter()
    try:
        with _deadline(allowed_seconds(size)):
            try:
                text = written.data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return Outcome("error", time.perf_counter() - start, size)
            data = loads_toml(text, file="fuzz.toml")
            portfolio = parse_portfolio(data, file="fuzz.toml", text=text)
    except (DataError, DataErrors) as exc:
        seconds = time.perf_counter() - start
        if seconds > allowed_seconds(size):
            return Outcome("hang", seconds, size, detail=f"{written.note}: {seconds:.1f} s for {size} bytes")
        errors = exc.errors if isinstance(exc, DataErrors) else (exc,)
        located = all(e.file == "fuzz.toml" for e in errors)
        return Outcome("error" if located else "traceback", seconds, size,
                       detail="" if located else f"unlocated: {exc}")
    except _Hang:
        return Outcome("hang", time.perf_counter() - start, size, detail=written.note)
    except Exception as exc:
        detail = "".join(traceback.format_exception(exc))[-1500:]
        return Outcome("traceback", time.perf_counter() - start, size, detail=f"{written.note}\n{detail}")
    seconds = time.perf_counter() - start
    if seconds > allowed_seconds(size):
        return Outcome("hang", seconds, size, detail=f"{written.note}: {seconds:.1f} s for {size} bytes")
    methods = data.get("methods")
    listed = len(methods) if isinstance(methods, list) else 0
    unaccounted = abs(listed - len(portfolio.entries))
    if written.rows is not None:
        unaccounted += abs(written.rows - len(portfolio.entries))
    return Outcome("ok", seconds, size, rows_read=listed, unaccounted=unaccounted)
