"""The appendix "Where the numbers come from": each number of the text and its sources.

Generated as Markdown in the edition's language; every cell is escaped, so a value or a
name from the data is spliced as text, never as markup, and a value is marked as one
(`[...]{.value}`: never hyphenated, as in the text). The value column holds each
number as a reader looks it up, in its plain (nominative) form: the placeholder's options
without `case=`, which declines a value for its sentence («Великобританиядан») and
belongs to the sentence, not to the table.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any

from datapaper.localize import apostrophes, format_value
from datapaper.placeholders import PLACEHOLDER, parse
from datapaper.units import Unit

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$@~^\"'&%:;=/])")


def escape(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark pandoc's Markdown could read as markup
    (an apostrophe inside a word is first made typographic, as the text's are)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", apostrophes(str(text)))


def value_span(markdown: str) -> str:
    """Escaped text marked as a value (`[...]{.value}`): never hyphenated, as the text's
    values (filters/placeholders.lua holds it in each format)."""
    return f"[{markdown}]{{.value}}" if markdown else markdown


# Around a typed argument in a rendered phrase: private-use characters that escaping keeps,
# and `value_spans` makes value spans of after it.
VALUE_START, VALUE_END = "\ue000", "\ue001"


def value_spans(markdown: str) -> str:
    """Escaped text with each marked value as a value span."""
    return re.sub(f"{VALUE_START}(.*?){VALUE_END}", lambda found: value_span(found[1]), markdown)


def plain_writer(
    numbers: dict[str, dict], lang: str, lexicon: dict, units: dict[str, Unit]
) -> Callable[[dict[str, Any]], str]:
    """A ledger row's value in its plain form: its placeholder's options without `case`."""

    def plain(row: dict[str, Any]) -> str:
        match = PLACEHOLDER.fullmatch(row["placeholder"])
        where = f"{row['file']}:{row['line']}"
        _, options = parse(match["body"], where) if match else ("", ())
        kept = {name: value for name, value in options if name != "case"}
        return format_value(numbers[row["key"]], kept, lang, lexicon, units)

    return plain


def appendix_rows(
    ledger: list[dict[str, Any]], plain: Callable[[dict[str, Any]], str] | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """One row per number and plain form (its text, `plain`'s, or as the text spliced it),
    in the order the text first uses it."""
    seen: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for row in ledger:
        text = plain(row) if plain else row["text"]
        seen.setdefault((row["key"], text), (text, row))
    return list(seen.values())


def appendix_markdown(
    document: dict[str, Any],
    labels: Mapping[str, Any],
    plain: Callable[[dict[str, Any]], str] | None = None,
) -> str:
    """A level-1 section with a table: value (`plain`'s form of each ledger row, see
    `plain_writer`), number key, raw rows, references."""
    lines = [
        f"# {escape(labels['appendix'])} {{#sec:appendix .unnumbered}}",
        "",
        escape(labels["appendix_intro"]),
        "",
        f"| {escape(labels['value'])} | {escape(labels['number'])} | {escape(labels['data'])} | {escape(labels['source'])} |",
        # Dashes set the columns' relative widths (pandoc pipe tables).
        "|:-----|:--------|:----------|:---|",
    ]
    for text, row in appendix_rows(document["ledger"], plain):
        data = "; ".join(f"{r['file'].removeprefix('data/raw/')}:{r['line']}" for r in row["rows"])
        sources = "; ".join(f"@{key}" for key in row["sources"])
        key = row["key"].replace(".", ".\u200b")  # a line may break after each dot
        lines.append(f"| {value_span(escape(text))} | {escape(key)} | {escape(data)} | [{sources}] |")
    return "\n".join(lines) + "\n"
