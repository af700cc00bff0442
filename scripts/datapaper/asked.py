"""The keys of a large table that something asks for: the text of every language and its
metadata, the lexicons, the figures' strings and code, the audit's claims, the list of
unused numbers and the paper's derivations name them. A large table publishes its per-row
numbers for these keys alone (numbers.compute); the workflow passes them to its job as a
parameter, so the job reruns when the set changes and not on every edit of the text.
"""

import os
import re
from pathlib import Path

from datapaper import project
from datapaper.tables import LARGE_TABLE_BYTES

# Where keys are written: text and YAML under paper/ and config/, the figures' files, the
# list of unused numbers, the paper's own code.
SCANNED = (
    (project.PAPER, (".md", ".yaml", ".yml")),
    (Path("config"), (".yaml", ".yml")),
    (project.FIGURES, (".yaml", ".yml", ".md", ".txt", ".py", ".json")),
    (project.DATA, ("unused_numbers.yaml",)),
    (Path("scripts") / "paper", (".py",)),
)


def large(path: str | Path) -> bool:
    """Whether a raw table is read as a large one (its file is over LARGE_TABLE_BYTES)."""
    try:
        return os.stat(path).st_size > LARGE_TABLE_BYTES
    except OSError:
        return False


def scanned_files(root: str | Path = ".") -> list[Path]:
    found = []
    for folder, endings in SCANNED:
        base = Path(root) / folder
        if base.is_dir():
            found += sorted(p for p in base.rglob("*") if p.is_file() and p.name.endswith(endings))
    return found


def asked_keys(prefixes: list[str], root: str | Path = ".") -> list[str]:
    """Every `<prefix>.<part>[.<part>…]` that the scanned files name, for these prefixes."""
    if not prefixes:
        return []
    pattern = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(p) for p in sorted(prefixes)) + r")(?:\.[a-z0-9_]+)+"
    )
    keys: set[str] = set()
    for path in scanned_files(root):
        try:
            keys.update(pattern.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return sorted(keys)
