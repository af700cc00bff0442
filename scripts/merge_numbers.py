"""Merge the groups' numbers into build/numbers.json, the file the text and audit read,
and build/numbers.csv, the same as a table (for people and the Snakemake report)."""

import csv
import io
import json
from pathlib import Path

from files import write_text
from paper_numbers import dumps, merge

COLUMNS = ["key", "value", "unit", "method", "rows", "sources"]


def to_csv(numbers: dict[str, dict]) -> str:
    """One row per number; raw rows as file:line items."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for key, entry in numbers.items():
        rows = "; ".join(f"{r['file']}:{r['line']}" for r in entry["rows"])
        writer.writerow(
            [key, entry["value"], entry["unit"], entry["method"], rows, "; ".join(entry["sources"])]
        )
    return out.getvalue()


if "snakemake" in globals():
    parts = [json.loads(Path(path).read_text(encoding="utf-8")) for path in snakemake.input.groups]
    merged = merge(parts)
    write_text(snakemake.output.json, dumps(merged))
    write_text(snakemake.output.csv, to_csv(merged))
