"""The units table (data/units.yaml): how each unit of a paper's numbers is written.

A unit is one of a few kinds, and the engine formats by kind, never by a unit's name:

    percent    23.2%, 23,2 %                         (CLDR percent format)
    number     a count or measure: 413,026; with `|compact` 1.9 million
    currency   a number and the currency's word from the lexicon's `units` table;
               `scale: 9` states the value in billions (259.5 billion euros)
    year       written as is: 2019
    date       an ISO date, written in the language's long form: October 1, 2019

`signed: true` marks a change, written with its sign (+9 points; a negative value of any
unit is written with U+2212); `suffix` is how the audit,
which reports in English, writes the unit after a number. A value whose unit is not in
the table is a name: its unit is the lexicon table that names it in each language. Every
key, with what it does, is described in resources/units.schema.yaml, which this module
reads for the keys and kinds it accepts.
"""

from dataclasses import dataclass
from pathlib import Path

from datapaper import schemas
from datapaper.errors import InputError, near_miss
from datapaper.yamlfiles import YamlError, read_yaml

SCHEMA = schemas.schema("units")["additionalProperties"]["properties"]
KINDS = tuple(SCHEMA["kind"]["enum"])
KEYS = tuple(SCHEMA)


class UnitError(InputError):
    """The units table is malformed; the message names the file and the unit."""


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    word: str | None = None  # currency: the key of its word in the lexicon's `units` table
    scale: int = 0  # currency: the power of ten the value is stated in
    signed: bool = False
    suffix: str = ""


def load_units(path: str | Path) -> dict[str, Unit]:
    try:
        table = read_yaml(path, dict, "units")
    except YamlError as err:
        raise UnitError(str(err)) from None
    units = {}
    for name, spec in table.items():
        if not isinstance(spec, dict) or spec.get("kind") not in KINDS:
            raise UnitError(f"{path}: unit {name!r} has no `kind` — add one of: {', '.join(KINDS)}")
        unknown = sorted(set(spec) - set(KEYS))
        if unknown:
            raise UnitError(
                f"{path}: unit {name!r}: unknown key(s) {', '.join(unknown)}{near_miss(unknown[0], KEYS)} — "
                f"use one of {', '.join(KEYS)} (each is described in scripts/datapaper/resources/units.schema.yaml)"
            )
        if spec["kind"] == "currency" and not spec.get("word"):
            raise UnitError(
                f"{path}: currency {name!r} has no `word` — add `word: <key>` and the key, with the "
                "currency's word, to `units` in each lexicon"
            )
        units[str(name)] = Unit(str(name), **spec)
    return units
