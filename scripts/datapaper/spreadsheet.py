"""CSV outputs that a spreadsheet opens safely (build/ledger.csv, build/numbers.csv).

A spreadsheet reads a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula, and a formula can fetch, link or run things (CSV injection). As OWASP
advises, such a cell is written with a leading apostrophe, which spreadsheets show as text
and do not evaluate. A plain number (-9.4, +3) is no formula and is left as it is.
"""

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def cell(value: Any) -> Any:
    """A cell as text a spreadsheet will not evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    """A CSV table (header first), every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()
