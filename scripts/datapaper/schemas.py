"""What an author may write in a paper's declaration files, and the check of a file against
it: the engine's schema files (resources/<name>.schema.yaml: data, units, figures, config;
the build checks the config with Snakemake's `validate`, `datapaper check` here) describe every key with what it does, and a key the schema
does not know is named with the closest one it does."""

import copy
from functools import cache
from pathlib import Path
from typing import Any

from datapaper import resource
from datapaper.errors import InputError, near_miss
from datapaper.yamlfiles import read_yaml


@cache
def schema(name: str) -> dict:
    """The engine's schema of one kind of file (data, units, figures), read once per process
    (each job of a group of tables checked its schema against it): not to be changed."""
    return read_yaml(resource(f"{name}.schema.yaml"), dict)


def place(path: list) -> str:
    """Where in the file: `tables` > `city_rides` > `rank_order`, entry 2 of a list."""
    parts = [f"entry {p + 1}" if isinstance(p, int) else f"`{p}`" for p in path]
    return " > ".join(parts)


def problems(doc: Any, name: str, path: str | Path, lines: dict[tuple, int] | None = None) -> list[str]:
    """Every way `doc`, read from `path`, breaks the schema `name`: the place (with its line,
    given the file's `lines`, yamlfiles.key_lines), the problem, and what to write instead.
    A misspelt key is both unknown and a missing required one: only the unknown one, with
    the key it was meant to be, is named."""
    import jsonschema

    rules = schema(name)
    found = sorted(
        jsonschema.Draft202012Validator(rules).iter_errors(doc),
        key=lambda e: (e.validator != "additionalProperties", str(e)),
    )
    misspelt = {tuple(e.absolute_path) for e in found if e.validator == "additionalProperties"}
    described = f"scripts/datapaper/resources/{name}.schema.yaml"
    messages = []
    for error in found:
        at = tuple(error.absolute_path)
        if error.validator == "required" and at in misspelt:
            continue
        line = (lines or {}).get(at)
        head = f"{path}:{line}" if line else str(path)
        where = f"{head}: {place(list(at))}: " if at else f"{head}: "
        allowed = list(error.schema.get("properties", {}))
        if error.validator == "additionalProperties" and isinstance(error.instance, dict) and allowed:
            extra = sorted(set(error.instance) - set(allowed))[0]
            line = (lines or {}).get((*at, extra))
            if line:
                where = f"{path}:{line}: {place(list(at))}: " if at else f"{path}:{line}: "
            messages.append(
                f"{where}unknown key `{extra}`{near_miss(extra, allowed)} — use one of {', '.join(allowed)} "
                f"(each is described in {described})"
            )
        elif error.validator == "required":
            messages.append(f"{where}{error.message} — add it (what it takes is described in {described})")
        else:
            messages.append(f"{where}{error.message} — write what {described} describes for it")
    return messages


def check(doc: Any, name: str, path: str | Path, error_type: type[InputError] = InputError) -> None:
    """Refuse `doc`, read from `path`, if the schema `name` does not allow it: the place, the
    problem, and what to write instead."""
    found = problems(doc, name, path)
    if found:
        raise error_type(found[0])


def with_defaults(doc: dict, name: str) -> dict:
    """`doc` with the schema's `default` of every key it leaves out, in nested mappings too
    (as Snakemake's `validate` fills in a config)."""

    def fill(value: Any, rules: dict) -> Any:
        if not isinstance(value, dict):
            return value
        filled = dict(value)
        for key, spec in rules.get("properties", {}).items():
            if key not in filled and "default" in spec:
                filled[key] = copy.deepcopy(spec["default"])  # the schema is shared (`schema`)
            if key in filled:
                filled[key] = fill(filled[key], spec)
        return filled

    return fill(doc, schema(name))
