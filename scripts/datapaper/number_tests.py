"""A paper's own tests of the numbers it publishes, per language.

A paper states each number as a reader reads it in `tests/expected.csv`, one row per
language and placeholder:

    language,placeholder,expected
    en,{{rides.rank1}},Lyon
    en,{{rides.rank1.rides|noun=ride}},"3,250,000 rides"

and its tests (the file `datapaper new` writes, tests/test_numbers.py) check every row
against the build, `build/<lang>/values.json`, whose `values` map each placeholder of the
text to the text it became. The placeholder is the text's own, options and all; white
space is compared as a space (the build writes non-breaking and narrow spaces). Before
checking, the values are brought up to date by Snakemake (only the jobs a changed table or
text needs run); with DATAPAPER_NO_BUILD=1 the tests read build/ as it is, and a missing
file fails with "run snakemake first".
"""

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

EXPECTED = "tests/expected.csv"
COLUMNS = ["language", "placeholder", "expected"]
NO_BUILD = "DATAPAPER_NO_BUILD"
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")


class Expected(NamedTuple):
    language: str
    placeholder: str
    expected: str
    line: int

    def __str__(self) -> str:
        return f"{self.language}:{self.placeholder}"


class ExpectedError(ValueError):
    """tests/expected.csv cannot be read; the message names the file and line."""


def values_file(lang: str) -> str:
    return f"build/{lang}/values.json"


def read_expected(path: str | Path) -> list[Expected]:
    """The rows of an expected-numbers file, checked for their columns."""
    path = Path(path)
    if not path.is_file():
        raise ExpectedError(f"{path}: no such file — write it with the columns {','.join(COLUMNS)}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != COLUMNS:
            raise ExpectedError(
                f"{path}:1: the header is {','.join(header or [])!r} — make it {','.join(COLUMNS)}"
            )
        rows = []
        for line, row in enumerate(reader, 2):
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != len(COLUMNS):
                raise ExpectedError(
                    f"{path}:{line}: {len(row)} cells — give {len(COLUMNS)} ({','.join(COLUMNS)}), "
                    'quoting a text with a comma ("3,250,000 rides")'
                )
            lang, placeholder, expected = (cell.strip() for cell in row)
            if not (placeholder.startswith("{{") and placeholder.endswith("}}")):
                raise ExpectedError(
                    f"{path}:{line}: {placeholder!r} is no placeholder — write it as the text does, "
                    "{{prefix.key|options}}"
                )
            rows.append(Expected(lang, placeholder, expected, line))
    return rows


def build(root: Path, languages: list[str]) -> subprocess.CompletedProcess | None:
    """Bring the languages' values up to date with Snakemake (None: Snakemake is not installed)."""
    try:
        import snakemake  # noqa: F401
    except ImportError:
        return None
    targets = [values_file(lang) for lang in languages]
    cores = str(min(4, os.cpu_count() or 1))
    command = [sys.executable, "-m", "snakemake", *targets, "--cores", cores]
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def load_values(root: str | Path, languages: list[str], update: bool | None = None) -> dict[str, dict]:
    """Each language's `values` map (placeholder text -> written text), built first unless
    DATAPAPER_NO_BUILD is set; raises AssertionError saying what to do when it cannot."""
    root = Path(root)
    if update is None:
        update = os.environ.get(NO_BUILD, "") in ("", "0")
    if update:
        result = build(root, languages)
        if result is not None and result.returncode != 0:
            raise AssertionError(
                f"{root}: the build of {', '.join(values_file(lang) for lang in languages)} failed — "
                f"fix what it says, then run the tests again:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )
    values = {}
    for lang in languages:
        path = root / values_file(lang)
        if not path.is_file():
            raise AssertionError(
                f"{values_file(lang)}: not built — run snakemake first (snakemake --cores 4)"
            )
        values[lang] = json.loads(path.read_text(encoding="utf-8"))["values"]
    return values


def spaced(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def check(case: Expected, values: dict[str, dict], where: str = EXPECTED) -> None:
    """Assert that the build wrote `case.placeholder` in `case.language` as expected."""
    written = values.get(case.language)
    if written is None:
        raise AssertionError(f"{where}:{case.line}: no values of {case.language!r} were built")
    if case.placeholder not in written:
        raise AssertionError(
            f"{where}:{case.line}: the {case.language} text has no placeholder {case.placeholder} — "
            "copy it from paper/" + case.language + "/ as written there, options and all"
        )
    actual = written[case.placeholder]
    if spaced(actual) != spaced(case.expected):
        raise AssertionError(
            f"{where}:{case.line}: {case.language} {case.placeholder} reads {actual!r}, "
            f"expected {case.expected!r} — if the data changed on purpose, update the expected text"
        )
