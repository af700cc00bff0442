"""The appendix "Where the numbers come from": each number of the text and its sources.

Generated as Markdown in the edition's language; every cell is escaped, so a value or a
name from the data is spliced as text, never as markup.
"""

import re
from typing import Any

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$@~^\"'&%:;=/])")


def escape(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark pandoc's Markdown could read as markup."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def appendix_rows(ledger: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per number (key and format), in the order the text first uses it."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for row in ledger:
        seen.setdefault((row["key"], row["text"]), row)
    return list(seen.values())


def appendix_markdown(document: dict[str, Any], labels: dict[str, str]) -> str:
    """A level-1 section with a table: value, number key, raw rows, references."""
    lines = [
        f"# {escape(labels['appendix'])} {{#sec:appendix .unnumbered}}",
        "",
        escape(labels["appendix_intro"]),
        "",
        f"| {escape(labels['value'])} | {escape(labels['number'])} | {escape(labels['data'])} | {escape(labels['source'])} |",
        # Dashes set the columns' relative widths (pandoc pipe tables).
        "|:-----|:--------|:----------|:---|",
    ]
    for row in appendix_rows(document["ledger"]):
        data = "; ".join(f"{r['file'].removeprefix('data/raw/')}:{r['line']}" for r in row["rows"])
        sources = "; ".join(f"@{key}" for key in row["sources"])
        key = row["key"].replace(".", ".\u200b")  # a line may break after each dot
        lines.append(f"| {escape(row['text'])} | {escape(key)} | {escape(data)} | [{sources}] |")
    return "\n".join(lines) + "\n"
