"""What an author may write in a paper's declaration files, and the check of a file against
it: the engine's schema files (resources/<name>.schema.yaml: data, units, figures; the
config's is Snakemake's to check) describe every key with what it does, and a key the schema
does not know is named with the closest one it does."""

from pathlib import Path
from typing import Any

from datapaper import resource
from datapaper.errors import InputError, near_miss
from datapaper.yamlfiles import read_yaml


def schema(name: str) -> dict:
    """The engine's schema of one kind of file (data, units, figures)."""
    return read_yaml(resource(f"{name}.schema.yaml"), dict)


def place(path: list) -> str:
    """Where in the file: `tables` > `city_rides` > `rank_order`, entry 2 of a list."""
    parts = [f"entry {p + 1}" if isinstance(p, int) else f"`{p}`" for p in path]
    return " > ".join(parts)


def check(doc: Any, name: str, path: str | Path, error_type: type[InputError] = InputError) -> None:
    """Refuse `doc`, read from `path`, if the schema `name` does not allow it: the place, the
    problem, and what to write instead."""
    import jsonschema

    rules = schema(name)
    # A misspelt key is both unknown and a missing required one: name the unknown one, with
    # the key it was meant to be.
    found = jsonschema.Draft202012Validator(rules).iter_errors(doc)
    error = next(iter(sorted(found, key=lambda e: (e.validator != "additionalProperties", str(e)))), None)
    if error is None:
        return
    where = f"{path}: {place(list(error.absolute_path))}: " if error.absolute_path else f"{path}: "
    described = f"scripts/datapaper/resources/{name}.schema.yaml"
    allowed = list(error.schema.get("properties", {}))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict) and allowed:
        extra = sorted(set(error.instance) - set(allowed))[0]
        raise error_type(
            f"{where}unknown key `{extra}`{near_miss(extra, allowed)} — use one of {', '.join(allowed)} "
            f"(each is described in {described})"
        )
    if error.validator == "required":
        raise error_type(f"{where}{error.message} — add it (what it takes is described in {described})")
    raise error_type(f"{where}{error.message} — write what {described} describes for it")
