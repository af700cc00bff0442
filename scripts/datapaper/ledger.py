"""The claims ledger: one row per placeholder occurrence in every language.

Each row says where the number stands (language, file, line), what it is (key, raw
value, formatted text, unit, method) and where it comes from (raw rows, references).
"""

import json
from typing import Any

from datapaper import spreadsheet

COLUMNS = ["language", "file", "line", "key", "value", "text", "unit", "method", "rows", "sources"]


def ledger_rows(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """All ledger rows of the languages' resolved placeholder files, in language order."""
    return [row for document in documents for row in document["ledger"]]


def rows_cell(rows: list[dict[str, Any]]) -> str:
    """Raw rows as `file:line` items, for one CSV cell."""
    return "; ".join(f"{r['file']}:{r['line']}" for r in rows)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """build/ledger.csv, safe to open in a spreadsheet (datapaper/spreadsheet.py)."""
    cells = {"rows": lambda row: rows_cell(row["rows"]), "sources": lambda row: "; ".join(row["sources"])}
    return spreadsheet.to_csv(
        COLUMNS, ([cells[c](row) if c in cells else row[c] for c in COLUMNS] for row in rows)
    )


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps([{c: row[c] for c in COLUMNS} for row in rows], ensure_ascii=False, indent=1) + "\n"
