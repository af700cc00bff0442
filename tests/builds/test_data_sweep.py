"""The data sweep: values the papers have never had, set into many cells at once, a few
rounds, across the boundaries that break naive rules (0, 1, 2, 5, 11, 21, 22, 101, 111,
1 001, 100 000, 900 000, 1 200 000, 1.25 × 10⁹, fractions, a fall, no change). Each round
rebuilds the texts' values and the figures of every language, and checks every number
the texts print: read back, it equals its data at its declared precision; the build's
agreement check passed (it stops the build otherwise); no abbreviation a language's
readers reject, and no hyphen standing for a minus."""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from datapaper.localize import read_number
from datapaper.placeholders import parse
from datapaper.units import load_units
from helpers import ROOT, copy_project, snakemake

pytestmark = pytest.mark.slow

COUNTS = [1, 2, 5, 11, 21, 22, 101, 111, 1001, 100000, 900000, 1200000, 1250000000, 0]
AMOUNTS = [Decimal("2.5"), 1, 21, 22, 101, 1001, 1200, 1250, Decimal("0.5"), 0, 111, 5]
# (table, row id, column, values, what the derivations need: no zero for a divisor)
PAPER_CELLS = [
    ("network_audiences", "vk_profile", "users", COUNTS, 0),
    ("network_audiences", "facebook_profile", "users", COUNTS, 0),
    ("digital_payments", "cards", "value", COUNTS, 0),
    ("digital_payments", "banking_users", "value", COUNTS, 0),
    ("digital_payments", "daily_operations", "value", COUNTS, 1),
    ("digital_payments", "daily_operations_value", "value", AMOUNTS, 0),
    ("my_world_audience", "start", "users", COUNTS, 1),
    ("my_world_audience", "end", "users", COUNTS, 1),
    ("ecommerce_market", "volume", "value", AMOUNTS, 1),
    ("ecommerce_market", "forecast_volume", "value", AMOUNTS, 1),
]
FIXTURE_CELLS = [
    ("city_rides", "munich", "rides", COUNTS, 1),
    ("city_rides", "vienna", "rides", COUNTS, 1),
    ("city_rides", "zurich", "rides", COUNTS, 1),
    ("operating_costs", "munich_costs", "value", AMOUNTS, 0),
]
ROUNDS = 3
# What readers of a language take for something else (Kazakh «м.» reads as metres).
REJECTED = {"kk": re.compile(r"\d\s?м\.")}
HYPHEN_MINUS = re.compile(r"(?<![\w.])-\d")


def set_cell(project: Path, table: str, row_id: str, column: str, value) -> None:
    path = project / "data" / "raw" / f"{table}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["id"] == row_id:
            row[column] = str(value)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def bounds(project: Path, table: str, column: str) -> tuple[float, float]:
    schema = yaml.safe_load((project / "data" / "schema.yaml").read_text(encoding="utf-8"))
    spec = schema["tables"][table]["columns"][column]
    return spec.get("minimum", float("-inf")), spec.get("maximum", float("inf"))


def values_for_round(project: Path, cells, round_: int) -> dict:
    chosen = {}
    for index, (table, row_id, column, values, least) in enumerate(cells):
        low, high = bounds(project, table, column)
        allowed = [v for v in values if max(low, least) <= v <= high]
        chosen[(table, row_id, column)] = allowed[(index * 5 + round_ * 3) % len(allowed)]
    if round_ == 1 and ("ecommerce_market", "volume", "value") in chosen:  # a fall: volume above forecast
        chosen[("ecommerce_market", "volume", "value")] = 1200
        chosen[("ecommerce_market", "forecast_volume", "value")] = 1001
    if round_ == 2 and ("ecommerce_market", "volume", "value") in chosen:  # no change at all
        chosen[("ecommerce_market", "forecast_volume", "value")] = chosen[
            ("ecommerce_market", "volume", "value")
        ]
    return chosen


def expected_value(row: dict, units: dict) -> tuple[Decimal, Decimal] | None:
    """What a ledger row's text must say, and the tolerance its placeholder declares."""
    unit = units.get(row["unit"])
    options = dict(parse(row["placeholder"][2:-2], row["file"])[1])
    if unit is None or unit.kind not in ("number", "percent", "currency") or {"as", "trend"} & set(options):
        return None
    value = Decimal(str(row["value"]))
    if "abs" in options:
        value = abs(value)
    if unit.kind == "currency" and unit.scale:
        value *= Decimal(10) ** unit.scale
    if "in" in options:
        value /= Decimal(10) ** {"thousand": 3, "million": 6, "billion": 9}[options["in"]]
    tolerance = Decimal(0)
    if "round" in options:
        tolerance = Decimal(5).scaleb(-int(options["round"]) - 1) * max(Decimal(1), abs(value))
    return value, tolerance


def sweep(project: Path, cells, languages: list[str], figures: list[str]) -> dict:
    units = load_units(project / "data" / "units.yaml")
    targets = [f"build/{lang}/values.json" for lang in languages]
    targets += [f"build/figures/{name}.{lang}.svg" for name in figures for lang in languages]
    counts = {"values tried": 0, "numbers checked": 0, "problems": []}
    for round_ in range(ROUNDS):
        chosen = values_for_round(project, cells, round_)
        for (table, row_id, column), value in chosen.items():
            set_cell(project, table, row_id, column, value)
        counts["values tried"] += len(chosen)
        result = snakemake(*targets, cwd=project)
        assert result.returncode == 0, f"round {round_} ({chosen}):\n{result.stderr[-3000:]}"
        for lang in languages:
            ledger = json.loads((project / "build" / lang / "values.json").read_text(encoding="utf-8"))[
                "ledger"
            ]
            for row in ledger:
                text = row["text"]
                for problem, pattern in (
                    ("rejected abbreviation", REJECTED.get(lang)),
                    ("hyphen minus", HYPHEN_MINUS),
                ):
                    if pattern is not None and pattern.search(text):
                        counts["problems"].append(f"{lang} {row['placeholder']}: {problem} in {text!r}")
                want = expected_value(row, units)
                if want is None:
                    continue
                counts["numbers checked"] += 1
                read = read_number(text, lang)
                if read is None or abs(read - want[0]) > want[1]:
                    counts["problems"].append(
                        f"round {round_} {lang} {row['placeholder']}: {text!r} for {want[0]}"
                    )
    return counts


def figure_names(project: Path) -> list[str]:
    return [
        f["name"] for f in yaml.safe_load((project / "config" / "figures.yaml").read_text(encoding="utf-8"))
    ]


def test_this_paper_writes_every_swept_value_right(tmp_path):
    project = copy_project(ROOT, tmp_path / "paper")
    counts = sweep(project, PAPER_CELLS, ["en", "kk", "ru"], figure_names(project))
    print(f"\nthis paper: {counts['values tried']} values tried, {counts['numbers checked']} numbers checked")
    assert counts["numbers checked"] > 200
    assert counts["problems"] == []


def test_the_fixture_paper_writes_every_swept_value_right(tmp_path):
    project = copy_project(ROOT / "tests" / "fixtures" / "city_bikes", tmp_path / "fixture")
    counts = sweep(project, FIXTURE_CELLS, ["en", "de", "uk"], figure_names(project))
    print(f"\nfixture: {counts['values tried']} values tried, {counts['numbers checked']} numbers checked")
    assert counts["numbers checked"] > 20
    assert counts["problems"] == []
