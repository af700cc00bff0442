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

    def __init__(self, file: str, header: list[str], columns: dict[str, dict], data: dict[str, np.ndarray]):
        self.file = file
        self.header = header
        self.specs = columns
        self.data = data
        self.first_line = 2
        self._index = None

    def __len__(self) -> int:
        return len(self.data[self.header[0]])

    def line(self, i: int) -> int:
        return self.first_line + i

    def lines(self) -> str:
        """The data lines as a range, `2-1000001`."""
        return f"{self.first_line}-{self.line(len(self) - 1)}"

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


def _fits_fast_reader(text: str) -> bool:
    if '"' in text or "\0" in text or "\n\n" in text:
        return False
    if "\r" in text:
        if "\r" in text.replace("\r\n", "") or "\r\n\r\n" in text:
            return False
    return not text.startswith("\n")


# Rows read at a time: the cells of one chunk are Python strings until its distinct values
# are checked; the columns keep the distinct values (shared) and whole numbers as int64.
CHUNK_ROWS = 250_000


def read_large(path, text: str, header: list[str], columns: dict[str, dict], where: str,
               known_sources: set[str] | None, validator) -> LargeRows | None:  # fmt: skip
    """The rows of a large table, checked; None when the file's layout needs the row-by-row
    reader (which then reads it, as it reads a small table). `text` is the file's text."""
    import pandas as pd

    if not _fits_fast_reader(text):
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1) - 1
    if text.count(",") != (len(header) - 1) * (lines + 1):
        return None  # a row with more or fewer cells than the header: the row reader says which
    limit = csv.field_size_limit()
    good: dict[str, list[np.ndarray]] = {c: [] for c in header}
    parts: dict[str, list[np.ndarray]] = {c: [] for c in header}
    try:
        chunks = pd.read_csv(path, encoding="utf-8-sig", header=None, skiprows=1, names=header, dtype=object,
                             keep_default_na=False, na_filter=False, skip_blank_lines=False,
                             quoting=csv.QUOTE_NONE, engine="c", chunksize=CHUNK_ROWS)  # fmt: skip
        read = 0
        for chunk in chunks:
            read += len(chunk)
            for column in header:
                codes, distinct = pd.factorize(chunk[column].to_numpy(dtype=object))
                distinct = np.asarray(distinct, dtype=object)
                if max(map(len, distinct), default=0) > limit:
                    return None
                stripped = np.array([cell.strip() for cell in distinct], dtype=object)
                accepted, values = _check_column(column, columns[column], stripped)
                good[column].append(accepted[codes])
                parts[column].append(values[codes])
            del chunk
    except (ValueError, pd.errors.ParserError):  # the row reader names what the file has
        return None
    if read != lines:
        return None
    data = {c: _joined(parts.pop(c)) for c in header}
    ok = np.ones(lines, dtype=bool)
    for column in header:
        ok &= _joined(good.pop(column))
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
        check_row(_cells(text, i), header, columns, validator, where, i + 2, _Earlier(ids, i), known_sources)
        return None
    return LargeRows(where, header, columns, data)


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    if not arrays:
        return np.array([], dtype=object)
    if len({a.dtype for a in arrays}) > 1:
        arrays = [a.astype(object) for a in arrays]
    return np.concatenate(arrays)


def _cells(text: str, i: int) -> list[str]:
    """The cells of data row i (line i + 2), as the csv module splits a line without quotes."""
    start = 0
    for _ in range(i + 1):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    return text[start : end if end >= 0 else None].removesuffix("\r").split(",")


class _Earlier:
    """The ids of the rows before row i, and the line of each: the row reader's `seen`."""

    def __init__(self, ids: np.ndarray, i: int):
        self.ids, self.i = ids, i

    def _first(self, key: str) -> int | None:
        found = np.flatnonzero(self.ids[: self.i] == key)
        return int(found[0]) if len(found) else None

    def __contains__(self, key: str) -> bool:
        return self._first(key) is not None

    def __getitem__(self, key: str) -> int:
        return self._first(key) + 2


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
