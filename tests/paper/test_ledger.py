"""The claims ledger covers every placeholder occurrence and points to raw rows that exist."""

import csv
import json
from collections import Counter
from pathlib import Path

import pypandoc
from datapaper.appendix import appendix_markdown, escape
from datapaper.placeholders import scan
from helpers import LANGUAGES, text_files


def test_every_occurrence_is_in_the_ledger(built):
    ledger = json.loads((built / "ledger.json").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        files = [*text_files(lang), Path("paper") / lang / "metadata.yaml"]
        expected = Counter(
            (occ.file, occ.line, occ.key)
            for path in files
            for occ in scan(
                path.read_text(encoding="utf-8"),
                str(path.relative_to(Path.cwd()) if path.is_absolute() else path),
            )
        )
        found = Counter((row["file"], row["line"], row["key"]) for row in ledger if row["language"] == lang)
        assert found == expected, lang


def test_ledger_rows_point_to_raw_rows_that_exist(built):
    ledger = json.loads((built / "ledger.json").read_text(encoding="utf-8"))
    assert ledger
    cache: dict[str, list[dict]] = {}
    for row in ledger:
        assert row["sources"], row["key"]
        for raw in row["rows"]:
            if raw["file"] not in cache:
                with open(raw["file"], encoding="utf-8", newline="") as handle:
                    cache[raw["file"]] = list(csv.DictReader(handle))
            data_rows = cache[raw["file"]]
            assert 2 <= raw["line"] <= len(data_rows) + 1, raw
            assert data_rows[raw["line"] - 2]["id"] == raw["id"], raw


def test_ledger_csv_has_a_row_per_occurrence(built):
    ledger = json.loads((built / "ledger.json").read_text(encoding="utf-8"))
    with open(built / "ledger.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(ledger)
    assert rows[0].keys() >= {"language", "file", "line", "key", "value", "text", "method", "rows", "sources"}


HOSTILE = [
    "\\input{/etc/passwd}",
    '#read("/etc/passwd")',
    "$x$",
    "%",
    "&",
    "_",
    "#",
    "<script>",
    "*a*",
    "[x](y)",
]


def test_appendix_cells_are_text_not_markup():
    """Values and names from the data reach the document as literal text."""
    for text in HOSTILE:
        document = {
            "ledger": [
                {
                    "key": "a.b",
                    "text": text,
                    "rows": [{"file": "data/raw/t.csv", "line": 2}],
                    "sources": ["reilly2014"],
                }
            ]
        }
        labels = {k: k for k in ("appendix", "appendix_intro", "value", "number", "data", "source")}
        markdown = appendix_markdown(document, labels)
        plain = pypandoc.convert_text(markdown, "plain", format="markdown")
        assert text in plain, (text, plain)
    assert escape("a_b*c") == "a\\_b\\*c"
