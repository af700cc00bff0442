"""Compute the paper's numbers from one raw table: stated values, rankings, sums, derivations.

Each number is an entry: its value, unit, how it was obtained, the raw rows it came
from and their sources. Entries of one table go to build/numbers/<table>.json; the
merged file build/numbers.json is what the text, the figures and the audit read.
"""

import json
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from files import write_text
from tables import Row, Table

Entry = dict[str, Any]

ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def ordinal(n: int) -> str:
    return f"{n}{'th' if n % 100 in (11, 12, 13) else ORDINAL_SUFFIX.get(n % 10, 'th')}"


def decimals_of(value: Decimal | int) -> int:
    """How many digits after the point the value was printed with."""
    if isinstance(value, int):
        return 0
    return max(0, -value.as_tuple().exponent)


def provenance(rows: list[Row] | tuple[Row, ...]) -> dict[str, Any]:
    return {
        "rows": [{"file": r.file, "line": r.line, "id": r.id} for r in rows],
        "sources": sorted({r.cells["source_key"] for r in rows}),
    }


def number(value: Decimal | int, unit: str, method: str, rows, decimals: int | None = None) -> Entry:
    """An entry whose value is a number; `decimals` is the precision it is printed to."""
    places = decimals_of(value) if decimals is None else decimals
    if isinstance(value, Decimal):
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return {"value": value, "decimals": places, "unit": unit, "method": method, **provenance(rows)}


def name(value: str, unit: str, method: str, rows) -> Entry:
    """An entry whose value is an id that a lexicon names in each language."""
    return {"value": value, "unit": unit, "method": method, **provenance(rows)}


def _value_unit(row: Row, column: str) -> str:
    if column == "value":
        return row.cells["unit"]
    if column == "share":
        return "percent"
    if column == "rank":
        return "rank"
    if column in ("age_from", "age_to"):
        return "years"
    return "count"


def stated(table: Table) -> dict[str, Entry]:
    """Every stated value of the table, and its year."""
    entries: dict[str, Entry] = {}
    single = len(table.values) == 1
    years = {row.cells.get("year") for row in table.rows}
    uniform_year = len(years) == 1 and None not in years
    for row in table.rows:
        base = f"{table.prefix}.{row.id}"
        for column in table.values:
            value = row.cells[column]
            if value is None:
                continue
            key = base if single else f"{base}.{column}"
            method = f"stated: {table.file} line {row.line}, column {column}"
            entries[key] = number(value, _value_unit(row, column), method, [row])
        if row.cells.get("year") is not None and not uniform_year:
            entries[f"{base}.year"] = number(
                row.cells["year"], "year", f"stated: {table.file} line {row.line}, column year", [row]
            )
        if row.cells.get("as_of"):
            entries[f"{base}.as_of"] = {
                "value": row.cells["as_of"],
                "unit": "date",
                "method": f"stated: {table.file} line {row.line}, column as_of",
                **provenance([row]),
            }
        if "network" in row.cells and table.names:
            entries[f"{base}.network"] = name(
                row.cells["network"], table.names, f"stated: {table.file} line {row.line}", [row]
            )
    if uniform_year:
        entries[f"{table.prefix}.year"] = number(
            years.pop(), "year", f"the year every row of {table.file} states", table.rows
        )
    return entries


def ranking(table: Table) -> dict[str, Entry]:
    """<prefix>.rank<N>: the name in place N, and its ranked value."""
    if not table.rank_by:
        return {}
    column = table.rank_by
    where = table.rank_where or {}
    rows = [r for r in table.rows if all(r.cells.get(k) == v for k, v in where.items())]
    ascending = column == "rank"
    ordered = sorted(rows, key=lambda r: (r.cells[column] if ascending else -r.cells[column], r.line))
    condition = "".join(f", among rows with {k} = {v}" for k, v in where.items())
    order = "ascending" if ascending else "descending"
    entries: dict[str, Entry] = {}
    for place, row in enumerate(ordered, start=1):
        if ascending:
            place = row.cells["rank"]
            method = f"stated rank {place}: {table.file} line {row.line}"
        else:
            method = f"{ordinal(place)} of {table.file} sorted by {column}, {order}{condition}"
        key = f"{table.prefix}.rank{place}"
        if key in entries:
            raise ValueError(f"{table.file}, line {row.line}: rank {place} is given twice")
        entries[key] = name(row.cells[table.rank_name], table.names, method, [row])
        if not ascending:
            value = row.cells[column]
            entries[f"{key}.{column}"] = number(value, _value_unit(row, column), method, [row])
    return entries


def share_sum(table: Table) -> dict[str, Entry]:
    """<prefix>.sum: the sum of a table of shares."""
    if table.values != ("share",):
        return {}
    shares = [r.cells["share"] for r in table.rows]
    places = max(decimals_of(s) for s in shares)
    total = sum(shares, Decimal(0))
    return {
        f"{table.prefix}.sum": number(
            total, "percent", f"sum of column share of {table.file}", table.rows, places
        )
    }


def count_rows(table: Table) -> dict[str, Entry]:
    """<prefix>.count: how many rows a table of names has (e.g. 'two cities')."""
    if table.values:
        return {}
    return {
        f"{table.prefix}.count": number(
            len(table.rows), "count", f"number of rows of {table.file}", table.rows
        )
    }


def _row(table: Table, row_id: str) -> Row:
    for row in table.rows:
        if row.id == row_id:
            return row
    raise KeyError(f"{table.file}: no row with id {row_id!r}, which a derived number needs")


def ecommerce(table: Table) -> dict[str, Entry]:
    """The growth per year that the 2018 volume and the 2022 forecast imply."""
    volume, forecast = _row(table, "volume"), _row(table, "forecast_volume")
    years = forecast.cells["year"] - volume.cells["year"]
    ratio = forecast.cells["value"] / volume.cells["value"]
    rate = (Decimal(float(ratio) ** (1 / years)) - 1) * 100
    return {
        "ecommerce.forecast_implied_growth": number(
            rate,
            "percent",
            f"(forecast_volume / volume) ^ (1 / {years}) - 1: compound growth a year "
            f"from {volume.cells['year']} to {forecast.cells['year']}",
            [volume, forecast],
            1,
        ),
    }


def payments(table: Table) -> dict[str, Entry]:
    """Cards a year before, regular online-banking users, the average daily operation."""
    cards, growth = _row(table, "cards"), _row(table, "cards_growth")
    users, regular = _row(table, "banking_users"), _row(table, "banking_regular_share")
    ops, ops_value = _row(table, "daily_operations"), _row(table, "daily_operations_value")
    previous = cards.cells["value"] / (1 + growth.cells["value"] / 100)
    return {
        "payments.cards_previous": number(
            (previous / 100000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 100000,
            "cards",
            "cards / (1 + cards_growth / 100), to 0.1 million",
            [cards, growth],
            0,
        ),
        "payments.cards_previous.year": number(
            cards.cells["year"] - 1,
            "year",
            "year of cards - 1 (the same indicator a year before)",
            [cards],
        ),
        "payments.regular_users": number(
            users.cells["value"] * regular.cells["value"] / 100,
            "people",
            "banking_users * banking_regular_share / 100",
            [users, regular],
            0,
        ),
        "payments.average_operation": number(
            ops_value.cells["value"] * Decimal(10) ** 9 / ops.cells["value"],
            "tenge",
            "daily_operations_value (billion tenge) / daily_operations",
            [ops, ops_value],
            0,
        ),
    }


def my_world(table: Table) -> dict[str, Entry]:
    """How many times the audience shrank."""
    start, end = _row(table, "start"), _row(table, "end")
    factor = Decimal(start.cells["users"]) / Decimal(end.cells["users"])
    return {"my_world.decrease_factor": number(factor, "times", "start users / end users", [start, end], 1)}


def internet_ads(table: Table) -> dict[str, Entry]:
    """How the internet's share of advertising changed between the first and last year."""
    rows = sorted(table.rows, key=lambda r: r.cells["year"])
    first, last = rows[0], rows[-1]
    change = last.cells["share"] - first.cells["share"]
    factor = last.cells["share"] / first.cells["share"]
    return {
        "internet_ads.change": number(change, "points", "last share - first share", [first, last]),
        "internet_ads.factor": number(factor, "times", "last share / first share", [first, last], 2),
    }


DERIVED: dict[str, Callable[[Table], dict[str, Entry]]] = {
    "ecommerce_market": ecommerce,
    "digital_payments": payments,
    "my_world_audience": my_world,
    "internet_advertising_share": internet_ads,
}


def compute(table: Table) -> dict[str, Entry]:
    """Every entry one table yields."""
    entries = stated(table)
    entries.update(ranking(table))
    entries.update(share_sum(table))
    entries.update(count_rows(table))
    if table.name in DERIVED:
        entries.update(DERIVED[table.name](table))
    return dict(sorted(entries.items()))


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent >= 0 else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(entries: dict[str, Entry]) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=1, default=_json_default) + "\n"


def merge(parts: list[dict[str, Entry]]) -> dict[str, Entry]:
    """One mapping of all entries; a key defined twice is an error naming both methods."""
    merged: dict[str, Entry] = {}
    for part in parts:
        for key, entry in part.items():
            if key in merged:
                raise ValueError(
                    f"number {key!r} is defined twice: by {merged[key]['method']!r} and {entry['method']!r}"
                )
            merged[key] = entry
    return dict(sorted(merged.items()))


def table_numbers(table_csv: str, schema: str, references: str) -> dict[str, Entry]:
    """Read, validate and compute one raw table."""
    from tables import load_schema, read_table, reference_ids

    return compute(read_table(table_csv, load_schema(schema), reference_ids(references)))


if "snakemake" in globals():
    parts = [
        table_numbers(path, snakemake.input.schema, snakemake.input.references)
        for path in snakemake.input.tables
    ]
    write_text(snakemake.output[0], dumps(merge(parts)))
