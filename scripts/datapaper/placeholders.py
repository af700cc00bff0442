"""Find the placeholders in one language's text and format each for that language.

Syntax (no spaces inside the braces):

    {{key}}                      the number in its unit's default format
    {{key|compact}}              with a scale word: 1.9 million, 1,9 млн
    {{key|in=million}}           the number in millions, without the word: 25
    {{key|noun=active_user}}     followed by the noun form the number needs
    {{key|as=ordinal}}           a word from a lexicon table: second, втором
    {{key|bare}}                 an amount of a currency without its word
    {{key|year}}                 only the year of a date

This module is the one owner of the placeholder syntax: the build, the text checks,
translation drift, the ledger, the audit and the report captions all call `scan`,
`parse` or `PLACEHOLDER`. (The pandoc filter resources/filters/placeholders.lua only
looks values up by the placeholder's whole text, which this module wrote.)

The output maps each placeholder's text to its formatted text (the filter splices it)
and lists every occurrence, with the number's provenance, for the claims ledger. An
unknown key stops the build naming the file, the line and the nearest known keys.
"""

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datapaper.errors import InputError
from datapaper.keys import is_key
from datapaper.localize import FormatError, exact, format_value
from datapaper.textfiles import read_text
from datapaper.units import Unit
from datapaper.yamlfiles import YamlError, read_yaml

PLACEHOLDER = re.compile(r"\{\{(?P<body>[^{}\n]*)\}\}")
OPTION = re.compile(r"^(?P<name>[a-z_]+)(=(?P<value>[a-z0-9_]+))?$")


class PlaceholderError(InputError):
    """A placeholder that cannot be resolved; the message names file and line."""


@dataclass(frozen=True)
class Occurrence:
    file: str
    line: int
    text: str
    key: str
    options: tuple[tuple[str, str], ...]


def parse(body: str, where: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Split `key|opt|opt=value` into the key and its options."""
    if any(char.isspace() for char in body):
        # Pandoc splits text at spaces, so the filter would never see such a placeholder.
        raise PlaceholderError(f"{where}: no spaces inside a placeholder: {{{{{body}}}}} — remove them")
    key, *rest = body.split("|")
    if not is_key(key):
        raise PlaceholderError(
            f"{where}: malformed placeholder {{{{{body}}}}}: bad key {key!r} — a key is dotted names of "
            "letters, digits and _ (prefix.id)"
        )
    options = []
    for part in rest:
        match = OPTION.match(part)
        if not match:
            raise PlaceholderError(
                f"{where}: malformed option {part!r} in {{{{{body}}}}} — write an option as |name or |name=value"
            )
        options.append((match["name"], match["value"] or ""))
    return key, tuple(options)


def scan(text: str, file: str) -> list[Occurrence]:
    """Every placeholder in a text, with its line; stray braces are an error."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{file}:{number}"
        for match in PLACEHOLDER.finditer(line):
            key, options = parse(match["body"], where)
            found.append(Occurrence(file, number, match.group(0), key, options))
        rest = PLACEHOLDER.sub("", line)
        if "{{" in rest or "}}" in rest:
            raise PlaceholderError(
                f"{where}: unclosed or malformed placeholder in: {line.strip()} — write it {{{{key|option}}}}"
            )
    return found


def unknown_key_message(occurrence: Occurrence, known: list[str]) -> str:
    near = difflib.get_close_matches(occurrence.key, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    return (
        f"{occurrence.file}:{occurrence.line}: unknown placeholder key "
        f"{occurrence.key!r} in {occurrence.text}{hint} — use a key of build/numbers.json"
    )


def key_of(body: str) -> str:
    """The key of a placeholder's body (`key|options`), without checking it."""
    return body.split("|")[0].strip()


def keys_in(text: str) -> list[str]:
    """The keys of the placeholders in a text, in order (repeats kept)."""
    return [key_of(m["body"]) for m in PLACEHOLDER.finditer(text)]


def replace(text: str, values: dict[str, str]) -> str:
    """The text with each placeholder replaced by its formatted value (unknown ones kept)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), text)


def resolve(
    occurrences: list[Occurrence],
    numbers: dict[str, dict],
    lang: str,
    lexicon: dict,
    units: dict[str, Unit],
    problems: list[str] | None = None,
) -> dict[str, Any]:
    """Formatted text for every placeholder, and a ledger row for every occurrence. The
    first placeholder that cannot be resolved stops it, or, given a `problems` list, is
    added to it and left out (`datapaper check` reports every one)."""
    known = sorted(numbers)
    values: dict[str, str] = {}
    ledger = []
    failed: set[str] = set()
    for occ in occurrences:
        if occ.text in failed:
            continue
        try:
            entry = numbers.get(occ.key)
            if entry is None:
                raise PlaceholderError(unknown_key_message(occ, known))
            if occ.text not in values:
                try:
                    values[occ.text] = format_value(entry, dict(occ.options), lang, lexicon, units)
                except FormatError as err:
                    raise PlaceholderError(f"{occ.file}:{occ.line}: {occ.text}: {err}") from None
        except PlaceholderError as err:
            if problems is None:
                raise
            problems.append(str(err))
            failed.add(occ.text)
            continue
        raw = entry["value"]
        ledger.append(
            {
                "language": lang,
                "file": occ.file,
                "line": occ.line,
                "placeholder": occ.text,
                "key": occ.key,
                "value": str(exact(entry)) if isinstance(raw, (int, float)) else raw,
                "text": values[occ.text],
                "unit": entry["unit"],
                "method": entry["method"],
                "rows": entry["rows"],
                "sources": entry["sources"],
            }
        )
    return {"language": lang, "values": values, "ledger": ledger}


def read_lexicon(path: str | Path) -> dict:
    try:
        return read_yaml(path, dict, "lexicon tables")
    except YamlError as err:
        raise PlaceholderError(str(err)) from None


def scan_files(text_files: list[str], problems: list[str] | None = None) -> list[Occurrence]:
    """The placeholders of a language's text files (sections and metadata), in order; a
    malformed one stops it, or, given `problems`, is added there and its file skipped."""
    occurrences = []
    for path in text_files:
        try:
            occurrences += scan(read_text(path), str(path))
        except InputError as err:
            if problems is None:
                raise
            problems.append(str(err))
    return occurrences


def resolve_files(
    text_files: list[str], numbers_file: str, lexicon_file: str, lang: str, units_file: str
) -> dict:
    """Scan the language's text files (sections and metadata) and resolve them."""
    from datapaper.units import load_units

    numbers = json.loads(Path(numbers_file).read_text(encoding="utf-8"))
    lexicon = read_lexicon(lexicon_file)
    return resolve(scan_files(text_files), numbers, lang, lexicon, load_units(units_file))
