"""Large tables: a CSV file over LARGE_TABLE_BYTES read column by column, checked with
checks of whole columns, and kept as columns; a `Row` is made only when asked for.

The fast reader takes a file it can split without the csv module's rules: no quote, no
carriage return but in CRLF line ends, no blank line, no NUL, no cell over the csv field
limit. Any other file is read row by row as a small one is (tables.read_table). The column
checks accept only what the row-by-row reader accepts: a cell they cannot vouch for is
checked by that reader's own code (tables.check_row), so a bad cell gets the same message
with the same line, column and fix. Keywords of a column's schema that are not checked
here (anything but type, minimum, maximum, exclusiveMinimum, exclusiveMaximum, pattern,
minLength, maxLength and an enum of strings) are checked by jsonschema once per distinct
cell of the column.
"""

import csv
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from datapaper.tables import Row, _plain, _types, check_row

VECTORISED = {"type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "minLength",
              "maxLength", "enum", "description", "title", "$comment", "examples", "default"}  # fmt: skip
INTEGER = r"^[+-]?[0-9]{1,18}$"
NUMBER = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?$"


class LargeRows(Sequence):
    """The rows of a large table, as columns: `cells(column)` is a column's values (numpy
    arrays: int64 for a whole-number column without empty cells, otherwise objects), and
    rows[i] the Row of data line i (made on demand)."""

    large = True

    def __init__(
        self, file: str, header: list[str], columns: dict[str, dict], data: dict[str, np.ndarray], lines=None
    ):
        self.file = file
        self.header = header
        self.specs = columns
        self.data = data
        self.first_line = 2
        self._lines = lines  # each row's line, where a blank line or a quoted line end shifts them
        self._index = None

    def __len__(self) -> int:
        return len(self.data[self.header[0]])

    def line(self, i: int) -> int:
        return self.first_line + i if self._lines is None else int(self._lines[i])

    def lines(self) -> str:
        """The data lines as a range, `2-1000001`."""
        return f"{self.line(0)}-{self.line(len(self) - 1)}"

    def cell(self, column: str, i: int) -> Any:
        value = self.data[column][i]
        if isinstance(value, np.integer):
            return int(value)
        if value is None:
            return None
        if "number" in _types(self.specs[column]) and "integer" not in _types(self.specs[column]):
            return Decimal(value)
        if isinstance(value, float):  # an empty cell of a nullable whole-number column
            return None
        return value

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return Row(self.file, self.line(i), {c: self.cell(c, i) for c in self.header})

    def __iter__(self) -> Iterator[Row]:
        return (self[i] for i in range(len(self)))

    def values(self, column: str) -> list[Any]:
        """A column's values as the Rows would hold them."""
        return [self.cell(column, i) for i in range(len(self))]

    def index_of(self, ids: list[str]) -> list[int]:
        """The positions of these ids (-1 for an id the table lacks)."""
        import pandas as pd

        if len(ids) <= 16 and self._index is None:  # a few ids: a scan each, no index of them all
            found = [np.flatnonzero(self.data["id"] == i) for i in ids]
            return [int(f[0]) if len(f) else -1 for f in found]
        if self._index is None:
            self._index = pd.Index(self.data["id"])
        return [int(i) for i in self._index.get_indexer(ids)]

    def distinct(self, column: str) -> list[Any]:
        """A column's distinct values, as the Rows would hold them, in order of appearance."""
        import pandas as pd

        data = self.data[column]
        if data.dtype.kind == "i":
            return [int(v) for v in pd.unique(data)]
        return list(dict.fromkeys(self.cell(column, int(i)) for i in _first_positions(data)))


def _first_positions(data: np.ndarray) -> np.ndarray:
    import pandas as pd

    codes, _ = pd.factorize(data, use_na_sentinel=False)
    _, first = np.unique(codes, return_index=True)
    return np.sort(first)


def _lone_carriage_return(text: str) -> bool:
    return "\r" in text and "\r" in text.replace("\r\n", "")


def _plain_layout(text: str) -> bool:
    """Whether pandas' reader splits the file as the csv module does: no quote, no blank
    line, no NUL, no lone carriage return."""
    return not ('"' in text or "\0" in text or "\n\n" in text or "\r\n\r\n" in text or text.startswith("\n"))


# Rows read at a time: the cells of one chunk are Python strings until its distinct values
# are checked; the columns keep the distinct values (shared) and whole numbers as int64.
CHUNK_ROWS = 250_000


def _pandas_chunks(path, text: str, header: list[str]):
    """Chunks of (cells by column, None): pandas' C reader, the file's own line numbers."""
    import pandas as pd

    lines = text.count("\n") + (0 if text.endswith("\n") else 1) - 1
    if text.count(",") != (len(header) - 1) * (lines + 1):
        raise _Unfit  # a row with more or fewer cells than the header: the row reader says which
    read = 0
    try:
        chunks = pd.read_csv(path, encoding="utf-8-sig", header=None, skiprows=1, names=header, dtype=object,
                             keep_default_na=False, na_filter=False, skip_blank_lines=False,
                             quoting=csv.QUOTE_NONE, engine="c", chunksize=CHUNK_ROWS)  # fmt: skip
        for chunk in chunks:
            read += len(chunk)
            yield {c: chunk[c].to_numpy(dtype=object) for c in header}, None
    except (ValueError, pd.errors.ParserError):
        raise _Unfit from None
    if read != lines:
        raise _Unfit


def _lines_of(text: str):
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _csv_rows(text: str):
    """(line, cells) of each data row, as the row reader reads them (the csv module)."""
    reader = csv.reader(_lines_of(text), strict=True)
    next(reader, None)
    for cells in reader:
        if cells:
            yield reader.line_num, cells


def _csv_chunks(text: str, header: list[str]):
    """Chunks of (cells by column, line of each row): the csv module's reader, for a file
    with quotes or blank lines; a row of another length or a csv error is the row reader's."""
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for line, cells in _csv_rows(text):
            if len(cells) != len(header):
                raise _Unfit
            rows.append(cells)
            lines.append(line)
            if len(rows) == CHUNK_ROWS:
                yield _columns(rows, header), np.array(lines, dtype=np.int64)
                rows, lines = [], []
    except csv.Error:
        raise _Unfit from None
    if rows:
        yield _columns(rows, header), np.array(lines, dtype=np.int64)


def _columns(rows: list[list[str]], header: list[str]) -> dict[str, np.ndarray]:
    return {
        c: np.array(cells, dtype=object) for c, cells in zip(header, zip(*rows, strict=True), strict=True)
    }


class _Unfit(Exception):
    """The file needs the row reader (which then names what is wrong, or reads it)."""


def read_large(path, text: str, header: list[str], columns: dict[str, dict], where: str,
               known_sources: set[str] | None, validator) -> LargeRows | None:  # fmt: skip
    """The rows of a large table, checked; None when the file needs the row-by-row reader
    (which then reads it, as it reads a small table). `text` is the file's text."""
    import pandas as pd

    if _lone_carriage_return(text):
        return None
    plain = _plain_layout(text)
    chunks = _pandas_chunks(path, text, header) if plain else _csv_chunks(text, header)
    limit = csv.field_size_limit()
    good: dict[str, list[np.ndarray]] = {c: [] for c in header}
    parts: dict[str, list[np.ndarray]] = {c: [] for c in header}
    line_parts: list[np.ndarray] = []
    try:
        for cells_by_column, lines in chunks:
            if lines is not None:
                line_parts.append(lines)
            for column in header:
                codes, distinct = pd.factorize(cells_by_column.pop(column))
                distinct = np.asarray(distinct, dtype=object)
                if max(map(len, distinct), default=0) > limit:
                    return None
                stripped = np.array([cell.strip() for cell in distinct], dtype=object)
                accepted, values = _check_column(column, columns[column], stripped)
                good[column].append(accepted[codes])
                parts[column].append(values[codes])
    except _Unfit:
        return None
    data = {c: _joined(parts.pop(c)) for c in header}
    count = len(data[header[0]])
    ok = np.ones(count, dtype=bool)
    for column in header:
        ok &= _joined(good.pop(column))
    row_lines = np.concatenate(line_parts) if line_parts else None
    if row_lines is not None and np.array_equal(row_lines, np.arange(2, count + 2)):
        row_lines = None
    ids = data["id"]
    if len(set(ids.tolist())) != len(ids):  # a set is three times faster than pandas when all differ
        ok &= ~pd.Series(ids).duplicated().to_numpy()
    if known_sources is not None and "source_key" in data:
        known = {k: k is None or k in known_sources for k in pd.unique(data["source_key"])}
        ok &= np.array([known[k] for k in data["source_key"]], dtype=bool)
    bad = np.flatnonzero(~ok)
    if len(bad):
        # The first row the columns could not vouch for: the row reader's own check of it
        # raises its message; a row it accepts after all sends the file to that reader.
        i = int(bad[0])
        line, cells = _row(text, i, plain)
        earlier = _Earlier(ids, i, row_lines)
        check_row(cells, header, columns, validator, where, line, earlier, known_sources)
        return None
    return LargeRows(where, header, columns, data, row_lines)


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    if not arrays:
        return np.array([], dtype=object)
    if len({a.dtype for a in arrays}) > 1:
        arrays = [a.astype(object) for a in arrays]
    return np.concatenate(arrays)


def _row(text: str, i: int, plain: bool) -> tuple[int, list[str]]:
    """The line and cells of data row i, as the row reader reads them."""
    if not plain:
        for n, found in enumerate(_csv_rows(text)):
            if n == i:
                return found
    start = 0
    for _ in range(i + 1):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    return i + 2, text[start : end if end >= 0 else None].removesuffix("\r").split(",")


class _Earlier:
    """The ids of the rows before row i, and the line of each: the row reader's `seen`."""

    def __init__(self, ids: np.ndarray, i: int, lines: np.ndarray | None = None):
        self.ids, self.i, self.lines = ids, i, lines

    def _first(self, key: str) -> int | None:
        found = np.flatnonzero(self.ids[: self.i] == key)
        return int(found[0]) if len(found) else None

    def __contains__(self, key: str) -> bool:
        return self._first(key) is not None

    def __getitem__(self, key: str) -> int:
        first = self._first(key)
        return first + 2 if self.lines is None else int(self.lines[first])


def _check_column(name: str, spec: dict, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which cells the row reader certainly accepts, and the column's values: int64 for a
    whole-number column with no empty cell; otherwise objects (None for an empty cell,
    text for a number, kept as printed)."""
    types = _types(spec)
    empty = cells == ""
    nullable = "null" in types
    good = np.ones(len(cells), dtype=bool) if nullable else ~empty
    present = ~empty
    numeric = None
    if "integer" in types or "number" in types:
        pattern = re.compile(INTEGER if "integer" in types else NUMBER)
        matches = np.array([bool(pattern.match(c)) for c in cells], dtype=bool)
        good &= matches | empty
        filled = np.where(matches, cells, "0")
        numeric = filled.astype(np.int64) if "integer" in types else filled.astype(np.float64)
        if "integer" in types and not empty.any():
            values = numeric
        elif "integer" in types:
            values = np.array(
                [None if e else int(v) for e, v in zip(empty, numeric, strict=True)], dtype=object
            )
        else:
            values = np.where(empty, None, cells)
        for keyword, compare in (("minimum", np.greater_equal), ("maximum", np.less_equal),
                                 ("exclusiveMinimum", np.greater), ("exclusiveMaximum", np.less)):  # fmt: skip
            if keyword in spec:
                good &= compare(numeric, spec[keyword]) | empty
    else:
        values = np.where(empty, None, cells) if nullable else cells
        if any(t not in ("string", "null") for t in types):
            good &= False  # another type: the row reader decides each cell
        if "pattern" in spec:
            search = re.compile(spec["pattern"]).search
            good &= np.array([bool(search(c)) for c in cells], dtype=bool) | (empty & nullable)
        if "minLength" in spec or "maxLength" in spec:
            lengths = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
            if "minLength" in spec:
                good &= (lengths >= spec["minLength"]) | (empty & nullable)
            if "maxLength" in spec:
                good &= (lengths <= spec["maxLength"]) | (empty & nullable)
    if "enum" in spec:
        allowed = spec["enum"]
        if numeric is None and all(isinstance(a, str) or a is None for a in allowed):
            strings = {a for a in allowed if a is not None}
            good &= np.array(
                [c in strings if c else (None in allowed and nullable) for c in cells], dtype=bool
            )
        else:
            good &= _by_jsonschema(name, {"enum": allowed}, cells, spec)
    del present
    if set(spec) - VECTORISED:
        good &= _by_jsonschema(name, spec, cells, spec)
    return good, values


def _by_jsonschema(name: str, schema: dict, cells: np.ndarray, spec: dict) -> np.ndarray:
    """jsonschema's verdict on each distinct cell of a column, as the row reader reads it."""
    import jsonschema

    from datapaper.tables import read_cell

    full = {"type": "object", "properties": {name: schema}}
    cls = jsonschema.validators.validator_for(full, default=jsonschema.Draft202012Validator)
    validator = cls(full, format_checker=cls.FORMAT_CHECKER)
    verdict: dict[str, bool] = {}
    for cell in dict.fromkeys(cells):
        try:
            value = read_cell(cell, spec)
        except ValueError:
            verdict[cell] = False
            continue
        verdict[cell] = validator.is_valid(_plain({name: value}))
    return np.array([verdict[c] for c in cells], dtype=bool)
