"""Large tables (datapaper/large.py): read column by column, they hold the same cells and
lines as the row-by-row reader gives, refuse a bad cell with the same message, and publish
the per-row numbers something asks for, the year, and the first places of a ranking."""

from decimal import Decimal
from pathlib import Path

import pytest
from datapaper import asked, numbers, tables
from datapaper import large as large_tables
from datapaper.tables import DataError, load_schema, read_table

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "city_bikes"
HEADER = "id,minutes,share,year,source_key,source_basis,note,comment"
SCHEMA = """
tables:
  trips:
    group: trips
    prefix: trips
    values: {minutes: count, share: percent}
    rank_by: minutes
    columns:
      id: {type: string, pattern: "^[a-z][a-z0-9_]*$"}
      minutes: {type: integer, minimum: 0, maximum: 1000}
      share: {type: [number, "null"], minimum: 0, maximum: 100}
      year: {type: integer, minimum: 1990, maximum: 2100}
      source_key: {type: string, minLength: 1}
      source_basis: {enum: [named_in_text, reference_title]}
      note: {type: [string, "null"], maxLength: 12, format: date}
      comment: {type: [string, "null"]}
"""
UNITS = "count: {kind: number}\npercent: {kind: percent}\nyear: {kind: year}\n"


def project(tmp_path: Path, lines: list[str]) -> dict:
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "schema.yaml").write_text(SCHEMA)
    (tmp_path / "data" / "units.yaml").write_text(UNITS)
    csv_path = tmp_path / "data" / "raw" / "trips.csv"
    csv_path.write_text("\n".join([HEADER, *lines]) + "\n")
    return {"csv": csv_path, "tables": load_schema(tmp_path / "data" / "schema.yaml")}


def good_lines(n: int = 40) -> list[str]:
    return [
        f"t{i:04d},{(i * 37) % 500},{'' if i % 7 == 0 else f'{i % 100}.{i % 10}'},2023,src_{i % 3},"
        f"{'named_in_text' if i % 2 else 'reference_title'},{'2024-01-05' if i % 5 == 0 else ''},"
        f"{'seen' if i % 3 == 0 else ''}"
        for i in range(n)
    ]


def read(paths: dict, large: bool, monkeypatch) -> tables.Table:
    monkeypatch.setattr(tables, "LARGE_TABLE_BYTES", -1 if large else 10**12)
    monkeypatch.setattr(large_tables, "CHUNK_ROWS", 7)  # several chunks, a bad cell in any
    return read_table(paths["csv"], paths["tables"], {"src_0", "src_1", "src_2"})


def outcome(paths: dict, large: bool, monkeypatch):
    try:
        table = read(paths, large, monkeypatch)
    except DataError as err:
        return str(err)
    return [(r.line, r.cells) for r in table.rows]


def test_a_large_table_holds_the_cells_and_lines_of_the_row_reader(tmp_path, monkeypatch):
    paths = project(tmp_path, good_lines())
    small, large = read(paths, False, monkeypatch), read(paths, True, monkeypatch)
    assert large.large and not small.large
    assert [(r.line, r.cells) for r in large.rows] == [(r.line, r.cells) for r in small.rows]
    assert isinstance(large.rows[1].cells["share"], Decimal) and large.rows[0].cells["share"] is None


def replace(lines: list[str], index: int, column: int, value: str) -> list[str]:
    cells = lines[index].split(",")
    cells[column] = value
    return [*lines[:index], ",".join(cells), *lines[index + 1 :]]


BAD = {
    "not a whole number": lambda ls: replace(ls, 20, 1, "12.5"),
    "thousands separator": lambda ls: replace(ls, 20, 1, "1 000"),
    "underscore": lambda ls: replace(ls, 20, 1, "1_0"),
    "below the minimum": lambda ls: replace(ls, 20, 1, "-1"),
    "above the maximum": lambda ls: replace(ls, 20, 2, "100.5"),
    "not a number": lambda ls: replace(ls, 20, 2, "NaN"),
    "decimal comma": lambda ls: replace(ls, 20, 2, "3;5"),
    "empty required cell": lambda ls: replace(ls, 20, 3, ""),
    "pattern": lambda ls: replace(ls, 20, 0, "T20"),
    "enum": lambda ls: replace(ls, 20, 5, "guess"),
    "minLength": lambda ls: replace(ls, 20, 4, " "),
    "maxLength": lambda ls: replace(ls, 20, 6, "2024-01-05-extra"),
    "format": lambda ls: replace(ls, 20, 6, "2024-13-05"),
    "unknown source": lambda ls: replace(ls, 20, 4, "nowhere"),
    "duplicate id": lambda ls: replace(ls, 30, 0, "t0012"),
    "too few cells": lambda ls: [*ls[:20], "t9999,1", *ls[20:]],
    "too many cells": lambda ls: [*ls[:20], ls[20] + ",x", *ls[21:]],
    "a quoted cell": lambda ls: replace(ls, 20, 4, '"src_1"'),
    "a quoted bad cell": lambda ls: replace(ls, 20, 1, '"x"'),
    "a blank line": lambda ls: [*ls[:20], "", *ls[20:]],
    "a line of spaces": lambda ls: [*ls[:20], "  ", *ls[20:]],
    "spaces around cells": lambda ls: replace(replace(ls, 20, 1, " 12 "), 21, 0, " t0021"),
    "Arabic-Indic digits": lambda ls: replace(ls, 20, 1, "\u0663"),
    "a plus sign and zeros": lambda ls: replace(ls, 20, 1, "+007"),
    "an exponent": lambda ls: replace(ls, 20, 2, "1e1"),
    "an infinite number": lambda ls: replace(ls, 20, 2, "Infinity"),
    "a quoted bad cell after a quoted line end": lambda ls: replace(
        replace(ls, 12, 6, '"2024-\n01-05"'), 25, 1, '"-4"'
    ),
    "a duplicate id after blank lines": lambda ls: [*ls[:5], "", "", *replace(ls, 30, 0, "t0012")[5:]],
    "a bad quote": lambda ls: replace(ls, 20, 4, 'src"_1"'),
    "two bad rows, the first named": lambda ls: replace(replace(ls, 30, 1, "-5"), 10, 5, "x"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_a_large_table_gets_the_row_readers_verdict(case, tmp_path, monkeypatch):
    paths = project(tmp_path, BAD[case](good_lines()))
    assert outcome(paths, True, monkeypatch) == outcome(paths, False, monkeypatch)


QUOTED = {
    "every cell quoted": lambda ls: ['"' + line.replace(",", '","') + '"' for line in ls],
    "a comma in a quoted cell": lambda ls: replace(ls, 3, 7, '"a, b"'),
    "a quoted line end": lambda ls: replace(ls, 3, 7, '"a\nb"'),
    "blank lines": lambda ls: [*ls[:3], "", *ls[3:9], "", "", *ls[9:]],
}


@pytest.mark.parametrize("case", list(QUOTED), ids=list(QUOTED))
def test_quotes_and_blank_lines_are_read_by_columns_with_the_row_readers_lines(case, tmp_path, monkeypatch):
    paths = project(tmp_path, QUOTED[case](good_lines()))
    assert read(paths, True, monkeypatch).large
    assert outcome(paths, True, monkeypatch) == outcome(paths, False, monkeypatch)
    shifted = read(paths, True, monkeypatch)
    year = numbers.compute(shifted)["trips.year"].to_json()["rows"][0]
    assert year["line"] == f"{shifted.rows[0].line}-{shifted.rows[len(shifted.rows) - 1].line}"


def test_crlf_line_ends_are_read_alike(tmp_path, monkeypatch):
    paths = project(tmp_path, good_lines())
    paths["csv"].write_bytes(paths["csv"].read_bytes().replace(b"\n", b"\r\n"))
    assert read(paths, True, monkeypatch).large
    assert outcome(paths, True, monkeypatch) == outcome(paths, False, monkeypatch)


def test_a_large_table_publishes_what_is_asked_the_year_and_the_first_places(tmp_path, monkeypatch):
    paths = project(tmp_path, good_lines())
    small, large = read(paths, False, monkeypatch), read(paths, True, monkeypatch)
    everything = numbers.compute(small)
    wanted = ["trips.t0003.minutes", "trips.t0017.share", "trips.rank12.minutes", "trips.nothing"]
    published = numbers.compute(large, wanted)
    rows_of_asked = {"trips.t0003.minutes", "trips.t0003.share", "trips.t0017.minutes", "trips.t0017.share"}
    places = {f"trips.rank{n}" for n in [*range(1, 11), 12]}
    expected = rows_of_asked | places | {f"{p}.minutes" for p in places} | {"trips.year"}
    assert set(published) == expected
    for key in expected - {"trips.year"}:
        assert published[key] == everything[key], key
    year = published["trips.year"].to_json()
    assert year["value"] == 2023 and year["sources"] == ["src_0", "src_1", "src_2"]
    assert year["rows"] == [{"file": str(paths["csv"]), "line": "2-41", "count": 40}]
    assert "trips.t0004.minutes" in everything and "trips.t0004.minutes" not in published


def test_a_derivation_finds_a_row_of_a_large_table(tmp_path, monkeypatch):
    paths = project(tmp_path, good_lines())
    table = read(paths, True, monkeypatch)
    assert numbers.row(table, "t0033").line == 35
    with pytest.raises(DataError, match="no row with id 'missing'"):
        numbers.row(table, "missing")


def test_the_keys_asked_are_found_in_text_figures_and_audit(tmp_path):
    (tmp_path / "paper" / "en").mkdir(parents=True)
    (tmp_path / "config").mkdir()
    (tmp_path / "paper" / "en" / "01-intro.md").write_text("A trip took {{trips.t0003.minutes}} minutes.\n")
    (tmp_path / "config" / "audit.yaml").write_text("claims: [{keys: [trips.rank1, other.x]}]\n")
    (tmp_path / "paper" / "en" / "02.md").write_text("Not a key: mytrips.t1, a sentence ends with trips.\n")
    assert asked.asked_keys(["trips"], tmp_path) == ["trips.rank1", "trips.t0003.minutes"]
    assert asked.asked_keys([], tmp_path) == []


def test_this_papers_tables_are_read_alike_by_both_readers(monkeypatch):
    schema = load_schema(ROOT / "data" / "schema.yaml")
    known = tables.reference_ids(ROOT / "paper" / "references.yaml")
    for csv_path in sorted((ROOT / "data" / "raw").glob("*.csv")):
        paths = {"csv": csv_path.relative_to(ROOT), "tables": schema}
        monkeypatch.chdir(ROOT)
        monkeypatch.setattr(tables, "LARGE_TABLE_BYTES", -1)
        large = read_table(paths["csv"], schema, known)
        monkeypatch.setattr(tables, "LARGE_TABLE_BYTES", 10**12)
        small = read_table(paths["csv"], schema, known)
        assert [(r.line, r.cells) for r in large.rows] == [(r.line, r.cells) for r in small.rows], csv_path
