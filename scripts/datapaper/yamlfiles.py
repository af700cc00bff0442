"""Read a YAML file, with one message that names the file when it cannot be read.

Every YAML file of a project (config, schema, units, lexicons, metadata, figure strings,
the translation lock, audit claims) is read here, so a malformed one is reported the
same way wherever it is read.
"""

from pathlib import Path
from typing import Any

import yaml


class YamlError(ValueError):
    """A YAML file is missing, malformed or not of the expected shape; the message names it."""


def read_yaml(path: str | Path, expect: type | None = None, what: str = "") -> Any:
    """The file's content; `expect` (dict or list) checks its top level."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError(f"{path}: file is missing") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise YamlError(f"{path}: malformed YAML: {err}") from None
    if expect is not None and not isinstance(data, expect):
        shape = {dict: "a mapping", list: "a list"}.get(expect, expect.__name__)
        raise YamlError(f"{path}: expected {shape}{' of ' + what if what else ''}")
    return data
