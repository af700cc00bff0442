"""The numbers model: every number a paper states, computed from its raw tables.

Each number is an `Entry`: its value, the precision it is printed to, its unit, how it was
obtained (the method), the raw rows it came from and their sources. The engine computes
what any table declares (data/schema.yaml): its stated values, the year of each row, its
ranking (`prefix.rank<N>`), the sum of a column and the number of rows. A paper adds its
own derivations through a hook: a module named under `derivations:` in config/config.yaml
registers functions with `@derivation("<table>")`, and each returns entries computed from
that table (see scripts/paper/derivations.py).

Entries of one group of tables go to build/numbers/<group>.json; the merged file
build/numbers.json is what the text, the figures and the audit read.
"""

import importlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from datapaper import keys, spreadsheet
from datapaper.tables import DataError, Row, Table
from datapaper.words import REFERENCE, join, phrase, render, words


@dataclass(frozen=True)
class Entry:
    """One computed number (or name, or date) and where it comes from."""

    value: Any
    unit: str
    method: str
    rows: tuple[dict[str, Any], ...]
    sources: tuple[str, ...]
    decimals: int | None = None  # digits after the point it is printed with; None for names and dates
    # The method as a phrase of the engine's words (datapaper/words.py), which an edition
    # writes in its language; `method` is its English. None: a paper's own text (a derivation's).
    how: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        head: dict[str, Any] = {"value": self.value}
        if self.decimals is not None:
            head["decimals"] = self.decimals
        return {
            **head,
            "unit": self.unit,
            "method": self.method,
            **({"how": self.how} if self.how is not None else {}),
            "rows": list(self.rows),
            "sources": list(self.sources),
        }


Derivation = Callable[[Table], dict[str, Entry]]
DERIVATIONS: dict[str, list[Derivation]] = {}


def derivation(table: str) -> Callable[[Derivation], Derivation]:
    """Register a paper's derivation: a function of one table that returns more entries."""

    def register(function: Derivation) -> Derivation:
        DERIVATIONS.setdefault(table, []).append(function)
        return function

    return register


def load_derivations(modules: Iterable[str]) -> None:
    """Import the modules that register a paper's derivations (config `derivations`)."""
    for name in modules:
        importlib.import_module(name)


Method = str | dict[str, Any]  # a paper's own text, or a phrase of the engine's words


def method(key: str, **args: Any) -> dict[str, Any]:
    """How the engine obtained a number, as a phrase of its words (`method_<key>`)."""
    return phrase(f"method_{key}", **args)


def english(how: Method) -> str:
    """A method's text in English (numbers.json, the ledger); a paper's own text as it is."""
    if isinstance(how, str):
        return how
    return render(how, words(REFERENCE), lambda arg: str(arg))


def entry(value: Any, unit: str, how: Method, rows, decimals: int | None = None) -> Entry:
    return Entry(
        value,
        unit,
        english(how),
        decimals=decimals,
        how=None if isinstance(how, str) else how,
        **provenance(rows),
    )


def decimals_of(value: Decimal | int) -> int:
    """How many digits after the point the value was printed with."""
    if isinstance(value, int):
        return 0
    return max(0, -value.as_tuple().exponent)


def provenance(rows: Iterable[Row]) -> dict[str, Any]:
    if getattr(rows, "large", False):  # a large table's rows: their range, not each one
        return {
            "rows": ({"file": rows.file, "line": rows.lines(), "count": len(rows)},),
            "sources": tuple(sorted(s for s in rows.distinct("source_key") if s is not None))
            if "source_key" in rows.data
            else (),
        }
    rows = list(rows)
    return {
        "rows": tuple({"file": r.file, "line": r.line, "id": r.id} for r in rows),
        "sources": tuple(sorted({r.cells["source_key"] for r in rows})),
    }


def number(value: Decimal | int, unit: str, method: Method, rows, decimals: int | None = None) -> Entry:
    """An entry whose value is a number; `decimals` is the precision it is printed to. Its
    method is a text (a derivation's) or a phrase of the engine's words (`method`)."""
    places = decimals_of(value) if decimals is None else decimals
    if isinstance(value, Decimal):
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return entry(value, unit, method, rows, places)


def name(value: str, unit: str, method: Method, rows) -> Entry:
    """An entry whose value is an id that a lexicon names in each language (its unit is the lexicon table)."""
    return entry(value, unit, method, rows)


def row(table: Table, row_id: str) -> Row:
    """The row of `table` with this id; a derivation that needs a missing row says which."""
    if table.large:
        (i,) = table.rows.index_of([row_id])
        if i >= 0:
            return table.rows[i]
    for candidate in () if table.large else table.rows:
        if candidate.id == row_id:
            return candidate
    raise DataError(
        f"{table.file}: no row with id {row_id!r}, which a derived number needs — restore the row"
    )


def stated(table: Table, wanted: Iterable[str] = ()) -> dict[str, Entry]:
    """Every stated value of the table, its name columns, and the year or date of each row;
    of a large table, the rows of the keys in `wanted` alone."""
    entries: dict[str, Entry] = {}
    single = len(table.values) == 1
    if table.large:
        years = set(table.rows.distinct("year")) if "year" in table.rows.data else {None}
    else:
        years = {r.cells.get("year") for r in table.rows}
    uniform_year = len(years) == 1 and None not in years
    for r in asked_rows(table, wanted) if table.large else table.rows:
        base = keys.join(table.prefix, r.id)

        def cell(column: str, line: int = r.line) -> dict[str, Any]:
            return method("stated_column", file=table.file, line=line, column=column)

        for column in table.values:
            value = r.cells[column]
            if value is None:
                continue
            key = base if single else keys.join(base, column)
            entries[key] = number(value, table.unit_of(r, column), cell(column), [r])
        if r.cells.get("year") is not None and not uniform_year:
            entries[keys.join(base, "year")] = number(r.cells["year"], table.year_unit, cell("year"), [r])
        if r.cells.get("as_of"):
            entries[keys.join(base, "as_of")] = entry(r.cells["as_of"], table.date_unit, cell("as_of"), [r])
        for column in table.name_columns:
            entries[keys.join(base, column)] = name(
                r.cells[column], table.names, method("stated", file=table.file, line=r.line), [r]
            )
    if uniform_year:
        entries[keys.join(table.prefix, "year")] = number(
            years.pop(), table.year_unit, method("year_of_rows", file=table.file), table.rows
        )
    return entries


def asked_rows(table: Table, wanted: Iterable[str]) -> list[Row]:
    """The rows of a large table that the keys in `wanted` name (`<prefix>.<id>[.<column>]`)."""
    ids = sorted(
        {key[len(table.prefix) + 1 :].split(".")[0] for key in wanted if key.startswith(table.prefix + ".")}
    )
    return [table.rows[i] for i in sorted(i for i in table.rows.index_of(ids) if i >= 0)]


# A large table publishes the first places of its ranking, and any other place asked for.
LARGE_RANKING_PLACES = 10


def ranking(table: Table, wanted: Iterable[str] = ()) -> dict[str, Entry]:
    """<prefix>.rank<N>: the name in place N, and its ranked value."""
    if not table.rank_by:
        return {}
    column = table.rank_by
    where = table.rank_where or {}
    stated_places = table.rank_order == "stated"
    if table.large:
        ordered = large_ranking(table, wanted)
    else:
        rows = [r for r in table.rows if all(r.cells.get(k) == v for k, v in where.items())]
        ordered = sorted(rows, key=lambda r: (r.cells[column] if stated_places else -r.cells[column], r.line))
    condition = join([method("ranked_among", column=k, value=str(v)) for k, v in where.items()], "")
    entries: dict[str, Entry] = {}
    for place, r in ordered if table.large else enumerate(ordered, start=1):
        if stated_places:
            place = r.cells[column]
            how = method("stated_rank", place=str(place), file=table.file, line=r.line)
        else:
            how = method(
                "ranked",
                place=phrase("ordinal", n=place),
                file=table.file,
                column=column,
                condition=condition,
            )
        key = keys.rank_key(table.prefix, place)
        if key in entries:
            raise DataError(
                f"{table.file}:{r.line}: rank {place} is given twice — give each row its own rank"
            )
        entries[key] = name(r.cells[table.rank_name], table.names, how, [r])
        if not stated_places:
            entries[keys.rank_key(table.prefix, place, column)] = number(
                r.cells[column], table.unit_of(r, column), how, [r]
            )
    return entries


def large_ranking(table: Table, wanted: Iterable[str]) -> list[tuple[int, Row]]:
    """A large table's ranking, sorted by whole columns: (place, row) of its first places and
    of the places `wanted` names; a stated place given twice is refused as in `ranking`."""
    import numpy as np

    column = table.rank_by
    where = table.rank_where or {}
    keep = np.ones(len(table.rows), dtype=bool)
    for name, value in where.items():
        keep &= np.array([table.rows.cell(name, i) == value for i in range(len(table.rows))], dtype=bool)
    positions = np.flatnonzero(keep)
    ranked = np.array([table.rows.cell(column, int(i)) for i in positions], dtype=object)
    stated_places = table.rank_order == "stated"
    order = sorted(range(len(positions)), key=lambda j: (ranked[j] if stated_places else -ranked[j], j))
    asked = {keys.rank_place(k, table.prefix) for k in wanted} | {
        keys.rank_place(k.rsplit(".", 1)[0], table.prefix) for k in wanted
    }
    picked: list[tuple[int, Row]] = []
    for n, j in enumerate(order, start=1):
        place = ranked[j] if stated_places else n
        if stated_places and n > 1 and ranked[order[n - 2]] == place:
            r = table.rows[int(positions[j])]
            raise DataError(
                f"{table.file}:{r.line}: rank {place} is given twice — give each row its own rank"
            )
        if place <= LARGE_RANKING_PLACES or place in asked:
            picked.append((place, table.rows[int(positions[j])]))
    return picked


def column_sum(table: Table) -> dict[str, Entry]:
    """<prefix>.sum: the sum of the column the schema names in `sum` (e.g. a breakdown's shares)."""
    if not table.sum:
        return {}
    column = table.sum
    values = table.rows.values(column) if table.large else [r.cells[column] for r in table.rows]
    places = max(decimals_of(v) for v in values)
    total = sum(values, Decimal(0))
    unit = table.unit_of(table.rows[0], column)
    how = method("sum", column=column, file=table.file)
    return {keys.sum_key(table.prefix): number(total, unit, how, table.rows, places)}


def count_rows(table: Table) -> dict[str, Entry]:
    """<prefix>.count: how many rows the table has (e.g. 'two cities'), in the schema's `count` unit."""
    if not table.count:
        return {}
    how = method("count", file=table.file)
    return {keys.count_key(table.prefix): number(len(table.rows), table.count, how, table.rows)}


def compute(table: Table, wanted: Iterable[str] = ()) -> dict[str, Entry]:
    """Every entry one table yields: what the schema declares, then the paper's derivations.
    A large table (tables.LARGE_TABLE_BYTES) states the rows the keys in `wanted` name, and
    the first places of its ranking (README, "Large tables")."""
    wanted = list(wanted)
    entries = stated(table, wanted)
    entries.update(ranking(table, wanted))
    entries.update(column_sum(table))
    entries.update(count_rows(table))
    for derive in DERIVATIONS.get(table.name, []):
        entries.update(derive(table))
    return dict(sorted(entries.items()))


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent >= 0 else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def as_json(entry: Entry | dict[str, Any]) -> dict[str, Any]:
    return entry.to_json() if isinstance(entry, Entry) else entry


def dumps(entries: dict[str, Entry | dict[str, Any]]) -> str:
    """The JSON text of a mapping of entries (build/numbers.json and its groups)."""
    plain = {key: as_json(entry) for key, entry in entries.items()}
    return json.dumps(plain, ensure_ascii=False, indent=1, default=_json_default) + "\n"


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One mapping of all entries; a key defined twice is an error naming both methods."""
    merged: dict[str, Any] = {}
    for part in parts:
        for key, entry in part.items():
            if key in merged:
                first, second = as_json(merged[key])["method"], as_json(entry)["method"]
                raise DataError(
                    f"number {key!r} is defined twice: by {first!r} and {second!r} — give the tables different "
                    "prefixes in data/schema.yaml, or the rows different ids"
                )
            merged[key] = entry
    return dict(sorted(merged.items()))


CSV_COLUMNS = ["key", "value", "unit", "method", "rows", "sources"]


def to_csv(numbers: dict[str, dict]) -> str:
    """build/numbers.csv: one row per number; raw rows as file:line items; safe to open in a
    spreadsheet (datapaper/spreadsheet.py)."""
    return spreadsheet.to_csv(
        CSV_COLUMNS,
        (
            [
                key,
                entry["value"],
                entry["unit"],
                entry["method"],
                "; ".join(f"{r['file']}:{r['line']}" for r in entry["rows"]),
                "; ".join(entry["sources"]),
            ]
            for key, entry in numbers.items()
        ),
    )


def read_numbers(path: str | Path) -> dict[str, dict[str, Any]]:
    """A numbers file as written by `dumps`: key -> {value, decimals, unit, method, rows, sources}."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def tables_numbers(
    tables_csv: Iterable[str],
    schema: str,
    references: str,
    units: str | None = None,
    wanted: Iterable[str] = (),
) -> list[dict[str, Entry]]:
    """Read, validate and compute raw tables of one schema (`wanted`: the keys a large table
    is asked for), the schema, its units and the references read once for all of them."""
    from datapaper.tables import load_schema, read_table, reference_ids

    declared, sources, wanted = load_schema(schema, units), reference_ids(references), list(wanted)
    return [compute(read_table(path, declared, sources), wanted) for path in tables_csv]


def table_numbers(
    table_csv: str, schema: str, references: str, units: str | None = None, wanted: Iterable[str] = ()
) -> dict[str, Entry]:
    """Read, validate and compute one raw table (`wanted`: the keys a large table is asked for)."""
    return tables_numbers([table_csv], schema, references, units, wanted)[0]
