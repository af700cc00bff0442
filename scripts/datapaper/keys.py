"""The grammar of number keys: `prefix.id[.column]`, `prefix.rank<N>[.column]`, `prefix.sum`.

A table's numbers are named by its declared prefix (data/schema.yaml), the row's id and,
when a table states more than one value column, the column. Rankings publish the name in
place N as `prefix.rank<N>` and its ranked value as `prefix.rank<N>.<column>`. This module
is the one owner of that grammar: the numbers, the audit, the figures and the checks call it.
"""

import re

KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
RANK = re.compile(r"^(?P<prefix>.+)\.rank(?P<place>\d+)$")


def join(*parts: str | int) -> str:
    return ".".join(str(p) for p in parts)


def rank_key(prefix: str, place: int, column: str | None = None) -> str:
    """`prefix.rank<place>` (the name in that place) or `prefix.rank<place>.<column>` (its value)."""
    key = f"{prefix}.rank{place}"
    return f"{key}.{column}" if column else key


def rank_place(key: str, prefix: str) -> int | None:
    """The place N of `prefix.rank<N>`, or None if `key` is not a place of that ranking."""
    match = RANK.match(key)
    return int(match["place"]) if match and match["prefix"] == prefix else None


def sum_key(prefix: str) -> str:
    return f"{prefix}.sum"


def count_key(prefix: str) -> str:
    return f"{prefix}.count"


def is_key(text: str) -> bool:
    return bool(KEY.match(text))
