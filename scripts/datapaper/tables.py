"""Read a raw CSV table by its declared schema (data/schema.yaml).

Cells are read by each column's declared JSON Schema type, then every row is validated
with jsonschema, so a bad table stops the build with one message naming the file, the
line and the column. Numbers are read as Decimal so a value keeps the precision the
source printed (21 stays 21, 26.4 stays 26.4).

Besides its columns, a table declares what numbers it states: `values` maps each value
column to its unit (a unit of data/units.yaml), or to `{unit_column: <column>}` when each
row names its unit in a cell. A `year` column's values are in the unit `year`, an `as_of`
column's in the unit `date` (both must be in the units table).
"""

import csv
import io
import os
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from datapaper import sandbox, schemas
from datapaper.errors import InputError, near_miss, shown
from datapaper.textfiles import EncodingError, read_text
from datapaper.yamlfiles import YamlError, read_yaml

YEAR_UNIT = "year"
# A table whose CSV file is larger than this is read column by column (datapaper/large.py)
# and publishes only the per-row numbers something asks for (README, "Large tables").
LARGE_TABLE_BYTES = 1_000_000
DATE_UNIT = "date"


class DataError(InputError):
    """A raw table or its schema is unusable; the message names the place."""


@dataclass(frozen=True)
class Row:
    """One data row: its cells by column, and where it stands in its file."""

    file: str
    line: int
    cells: dict[str, Any]

    @property
    def id(self) -> str:
        return self.cells["id"]


@dataclass(frozen=True)
class Table:
    """A validated raw table and the schema facts that name its numbers."""

    name: str
    file: str
    prefix: str
    values: tuple[str, ...]
    rows: tuple[Row, ...]
    units: dict[str, Any] | None = None
    rank_by: str | None = None
    rank_where: dict | None = None
    rank_name: str = "id"
    rank_order: str = "descending"
    names: str | None = None
    name_columns: tuple[str, ...] = ()
    sum: str | None = None
    count: str | None = None
    year_unit: str = YEAR_UNIT
    date_unit: str = DATE_UNIT

    @property
    def large(self) -> bool:
        """Read column by column (datapaper/large.py): its rows are made one by one on demand."""
        return getattr(self.rows, "large", False)

    def unit_of(self, row: Row, column: str) -> str:
        """The unit of one value cell: the column's declared unit, or the row's unit cell."""
        declared = (self.units or {}).get(column)
        if isinstance(declared, dict):
            return row.cells[declared["unit_column"]]
        if declared is None:
            raise DataError(
                f"{self.file}: column `{column}` has no unit in `values` of data/schema.yaml — add `{column}: <unit>` there"
            )
        return declared


def load_schema(path: str | Path, units: str | Path | None = None) -> dict[str, dict]:
    """Return the `tables` mapping of the schema file, checked for the keys we use; with
    `units` (data/units.yaml), every unit a table declares must be in that table."""
    try:
        doc = read_yaml(path)
    except YamlError as err:
        raise DataError(str(err)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("tables"), dict):
        raise DataError(
            f"{path}: expected a mapping with a `tables` key — declare the tables under `tables:`"
        )
    schemas.check(doc, "data", path, DataError)
    sandbox.check_table_names(doc["tables"], path, DataError)
    known = None
    if units is not None:
        from datapaper.units import UnitError, load_units

        try:
            known = load_units(units)
        except UnitError as err:
            raise DataError(str(err)) from None
    # The keys, their kinds and rank_order's values are resources/data.schema.yaml's (checked
    # above); what the schema cannot say is checked here: every unit is a declared one.
    for name, spec in doc["tables"].items():
        if known is not None:
            for unit in declared_units(spec):
                if unit not in known:
                    raise DataError(
                        f"{path}: table `{name}`: unit {unit!r} is not in {units}{near_miss(unit, known)} — "
                        f"add it there, or use one of: {', '.join(sorted(known))}"
                    )
    return doc["tables"]


def declared_units(spec: dict[str, Any]) -> list[str]:
    """Every unit a table's values can have: declared ones, and the allowed cells of a unit column."""
    found = []
    for unit in spec["values"].values():
        if isinstance(unit, dict):
            allowed = spec["columns"].get(unit.get("unit_column"), {}).get("enum", [])
            found += [u for u in allowed if u is not None]
        else:
            found.append(unit)
    if spec.get("count"):
        found.append(spec["count"])
    if "year" in spec["columns"]:
        found.append(YEAR_UNIT)
    if "as_of" in spec["columns"]:
        found.append(DATE_UNIT)
    return found


def _types(column: dict) -> list[str]:
    declared = column.get("type", "string")
    return declared if isinstance(declared, list) else [declared]


# Digits grouped in threes by a space, a no-break space, a comma, a point or an apostrophe:
# a spreadsheet's display format, exported as text ("1 900 000", "1,900,000").
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?P<sep>[ \u00a0\u202f,.'’])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?$")
SEPARATOR_NAMES = {" ": "a space", "\u00a0": "a no-break space", "\u202f": "a narrow no-break space",
                   ",": "a comma", ".": "a point", "'": "an apostrophe", "’": "an apostrophe"}  # fmt: skip


def _not_a_number(text: str, kind: str) -> ValueError:
    """Why a cell is not a number, with the fix a spreadsheet export usually needs."""
    grouped = THOUSANDS.match(text)
    if grouped and (grouped["sep"] != "," or text.count(",") > 1):
        if not (kind == "number" and grouped["sep"] == "." and text.count(".") == 1):
            return ValueError(
                f"{text!r} has {SEPARATOR_NAMES[grouped['sep']]} as a thousands separator — write "
                "the number with digits only (format the column as a plain number before exporting)"
            )
    if re.fullmatch(r"[+-]?\d*,\d+", text):
        return ValueError(
            f"{text!r} has a comma (a decimal comma or a thousands separator) — write digits only, "
            f"with a decimal point: {text.replace(',', '.')} or {text.replace(',', '')}"
        )
    what = "a whole number" if kind == "integer" else "a number"
    bare = re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s*(%|[^\d\s.,+-][^\d]*)\s*", text)
    if bare:  # a value with its unit attached: 12 %, 4.5 EUR
        return ValueError(
            f"{shown(text)} is not {what} — write the number alone ({bare[1]}); the unit comes from "
            "data/schema.yaml"
        )
    return ValueError(f"{shown(text)} is not {what} — write {what} (digits, a decimal point)")


def read_cell(text: str, column: dict) -> Any:
    """Convert one CSV cell to the column's declared type (ValueError if it can't)."""
    types = _types(column)
    if text == "":
        if "null" in types:
            return None
        raise ValueError("empty cell, but the column requires a value — fill it in")
    if ("integer" in types or "number" in types) and "_" in text:
        raise _not_a_number(text, "integer" if "integer" in types else "number")
    if "integer" in types:
        try:
            return int(text)
        except ValueError:
            raise _not_a_number(text, "integer") from None
    if "number" in types:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _not_a_number(text, "number") from None
        if not number.is_finite():
            raise ValueError(f"{shown(text)} is not a finite number — write a number")
        return number
    return text


def _validator(columns: dict[str, dict]):
    """A JSON Schema validator of one row (jsonschema is imported here: a faster start for
    the jobs that only read references)."""
    import jsonschema

    schema = {
        "type": "object",
        "properties": columns,
        "required": list(columns),
        "additionalProperties": False,
    }
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


# Separators a spreadsheet writes instead of the comma (a semicolon in locales whose decimal
# mark is a comma, as Russian and Kazakh ones), named in the message.
OTHER_SEPARATORS = {";": "semicolons (;)", "\t": "tabs", "|": "vertical bars (|)"}


def read_header(header: list[str], columns: dict[str, dict], first_line: str, where: str) -> list[str]:
    """The header's column names, stripped; a repeated, missing or unknown name, or another
    separator than the comma, is an error naming it."""
    names = [name.strip() for name in header]
    if len(names) == 1:
        for sep, called in OTHER_SEPARATORS.items():
            if sep in first_line:
                raise DataError(
                    f"{where}:1: the columns are separated by {called}, not commas — save the "
                    "table comma-separated (in a spreadsheet: Save as CSV, field delimiter `,`)"
                )
    first: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        if name in first:
            raise DataError(
                f"{where}:1: the header names column `{name}` twice (columns {first[name]} and "
                f"{number}) — rename or delete one of them"
            )
        first[name] = number
    missing = [c for c in columns if c not in names]
    unknown = [c for c in names if c not in columns]
    if missing:
        import difflib

        renames = [
            f"{shown(near[0])} to `{c}`"
            for c in missing
            if (near := difflib.get_close_matches(c, unknown, n=1, cutoff=0.6))
        ]
        fix = (
            f"rename {', '.join(renames)}"
            if renames
            else "the header names every column data/schema.yaml declares"
        )
        raise DataError(f"{where}:1: missing column(s) {', '.join(missing)} — {fix}")
    if unknown:
        raise DataError(
            f"{where}:1: undeclared column(s) {', '.join(shown(c) for c in unknown)} — declare them in "
            "data/schema.yaml or delete them"
        )
    return names


def read_table(csv_path: str | Path, tables: dict[str, dict], known_sources: set[str] | None = None) -> Table:
    """Read and validate `csv_path`, whose file stem names its entry in `tables`.

    The file must be UTF-8 (a byte-order mark is fine) and comma-separated; spaces around
    a cell or a column name are dropped; a number has digits only, with a decimal point."""
    path = Path(csv_path)
    name = path.stem
    where = str(csv_path)
    if name not in tables:
        raise DataError(
            f"{where}: no schema for table `{name}` in data/schema.yaml{near_miss(name, tables)} — declare it "
            "under `tables` there"
        )
    spec = tables[name]
    columns: dict[str, dict] = spec["columns"]
    # A link may share a table within the project; one that leads out of it is refused (the
    # provenance would name data/raw/<name>.csv for another file's rows).
    project_folder = Path(os.path.abspath(path)).parents[2]
    outside = sandbox.resolved_outside(path.absolute(), project_folder)
    if outside is not None:
        raise DataError(
            f"{where} is a link to {outside} outside the project — copy the file into {path.parent.as_posix()}"
        )
    if not path.exists():
        raise DataError(f"{where}: table is missing — add the file, or remove `{name}` from data/schema.yaml")
    try:
        text = read_text(path)
    except EncodingError as err:
        raise DataError(str(err)) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(f"{where}: the file is empty (no header) — write the header row first") from None
    except csv.Error as err:
        raise DataError(f'{where}:1: {err} — check the quotes (") of the header') from None
    header = read_header(header, columns, text.split("\n", 1)[0], where)
    validator = _validator(columns)
    rows = None
    if path.stat().st_size > LARGE_TABLE_BYTES:
        from datapaper.large import read_large

        rows = read_large(path, text, header, columns, where, known_sources, validator)
    if rows is None:
        rows = _read_rows(reader, header, columns, where, known_sources, validator)
    if not rows:
        raise DataError(f"{where}: the table has no rows — add its rows under the header")
    return Table(
        name=name,
        file=where,
        prefix=spec["prefix"],
        values=tuple(spec["values"]),
        rows=rows if not isinstance(rows, list) else tuple(rows),
        units=dict(spec["values"]),
        rank_by=spec.get("rank_by"),
        rank_where=spec.get("rank_where"),
        rank_name=spec.get("rank_name", "id"),
        rank_order=spec.get("rank_order", "descending"),
        names=spec.get("names"),
        name_columns=tuple(spec.get("name_columns", ())),
        sum=spec.get("sum"),
        count=spec.get("count"),
    )


def check_row(
    cells: list[str],
    header: list[str],
    columns: dict[str, dict],
    validator,
    where: str,
    line: int,
    seen,
    known_sources: set[str] | None,
) -> dict[str, Any]:
    """One row's cells read by their columns' types and validated; `seen` maps the ids of
    the rows before it to their lines. A bad cell is a DataError naming the line and column."""
    if len(cells) != len(header):
        raise DataError(
            f"{where}:{line}: row has {len(cells)} cells, the header has {len(header)} — give the row "
            f"{len(header)} cells (quote a cell that holds a comma)"
        )
    row = {}
    for column, cell in zip(header, cells, strict=True):
        try:
            row[column] = read_cell(cell.strip(), columns[column])
        except ValueError as err:
            raise DataError(f"{where}:{line}: column `{column}`: {err}") from None
    error = next(iter(sorted(validator.iter_errors(_plain(row)), key=str)), None)
    if error is not None:
        column = error.path[0] if error.path else "?"
        raise DataError(
            f"{where}:{line}: column `{column}`: {error.message} — write a value the column's schema "
            "in data/schema.yaml allows"
        )
    if row["id"] in seen:
        raise DataError(
            f"{where}:{line}: column `id`: duplicate id {row['id']!r} "
            f"(first on line {seen[row['id']]}) — give each row an id of its own"
        )
    source = row.get("source_key")
    if known_sources is not None and source is not None and source not in known_sources:
        raise DataError(
            f"{where}:{line}: column `source_key`: {source!r} is not a reference "
            "in paper/references.yaml — add the reference there, or use its id"
        )
    return row


def _read_rows(reader, header, columns, where, known_sources, validator) -> list[Row]:
    """Every row, read and validated one by one (a table of up to LARGE_TABLE_BYTES, and the
    fallback of a large one whose layout the fast reader does not take)."""
    rows: list[Row] = []
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not cells:
                continue
            row = check_row(cells, header, columns, validator, where, line, seen, known_sources)
            seen[row["id"]] = line
            rows.append(Row(where, line, row))
    except csv.Error as err:
        raise DataError(f'{where}:{reader.line_num}: {err} — check the quotes (") of this line') from None
    return rows


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Decimals as floats, for jsonschema's range checks."""
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in row.items()}


def reference_ids(references_path: str | Path) -> set[str]:
    """Ids of the references in the CSL YAML bibliography."""
    try:
        doc = read_yaml(references_path, dict, "CSL references")
    except YamlError as err:
        raise DataError(str(err)) from None
    return {ref["id"] for ref in doc.get("references", [])}
