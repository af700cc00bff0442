"""Read a YAML file, with one message that names the file when it cannot be read.

Every YAML file of a project (config, schema, units, lexicons, metadata, figure strings,
the translation lock, audit claims) is read here, so a malformed one is reported the
same way wherever it is read. PyYAML keeps the last of two equal keys without a word;
the loader here refuses them, so an edited copy of an entry never silently wins. A tab
(YAML indents with spaces only) is named with its line, and a file that is not UTF-8
with a guess of its encoding (datapaper.textfiles).
"""

from pathlib import Path
from typing import Any

import yaml

from datapaper.errors import InputError, where
from datapaper.textfiles import EncodingError, read_text


class YamlError(InputError):
    """A YAML file is missing, malformed or not of the expected shape; the message names it."""


class DuplicateKey(yaml.constructor.ConstructorError):
    """Two equal keys in one mapping (raised by the loader, named by `read_yaml`)."""

    def __init__(self, key: Any, line: int, first: int) -> None:
        super().__init__(problem=f"duplicate key {key!r}")
        self.key, self.line, self.first = key, line, first


class UniqueKeys:
    """A loader's mappings refuse a key they already have."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor`: keys given beside it override it, as YAML means
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: the safe loader itself refuses it
            if first is not None:
                raise DuplicateKey(key, line, first)
            seen[key] = line
        return super().construct_mapping(node, deep)


class UniqueKeyLoader(UniqueKeys, yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key that a mapping already has."""


# libyaml's parser where PyYAML has it: ten times faster on a lexicon or a schema. A file it
# refuses is read again by the Python parser, whose messages say what it found instead.
FastLoader = type("FastLoader", (UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)), {})


def load(text: str, path: str | Path) -> Any:
    """Parse YAML text read from `path`; every problem a YamlError naming file and line."""
    try:
        try:
            return yaml.load(text, Loader=FastLoader)  # noqa: S506 (a SafeLoader subclass)
        except yaml.YAMLError:
            return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except DuplicateKey as err:
        raise YamlError(
            f"{where(path, err.line)}: key {err.key!r} appears twice (first on line {err.first}) — "
            "keep one of them (YAML would silently use the last)"
        ) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        if mark is not None:
            lines = text.splitlines()
            line = lines[mark.line] if mark.line < len(lines) else ""
            if "\t" in line:
                column = line.index("\t") + 1
                raise YamlError(
                    f"{where(path, mark.line + 1, column)}: a tab character — YAML indents with "
                    "spaces only: replace the tab with spaces"
                ) from None
        if mark is None:
            raise YamlError(
                f"{path}: malformed YAML: {err} — check the file's quotes, brackets and indentation"
            ) from None
        problem = getattr(err, "problem", None) or "malformed"
        context, opened = getattr(err, "context", None), getattr(err, "context_mark", None)
        if context and opened is not None:
            problem += f" ({context}, line {opened.line + 1}, column {opened.column + 1})"
        raise YamlError(
            f"{where(path, mark.line + 1, mark.column + 1)}: malformed YAML: {problem} — check the "
            "quotes, brackets and indentation there"
        ) from None


def read_yaml(path: str | Path, expect: type | None = None, what: str = "") -> Any:
    """The file's content; `expect` (dict or list) checks its top level."""
    path = Path(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise YamlError(f"{path}: file is missing — create it") from None
    except EncodingError as err:
        raise YamlError(str(err)) from None
    data = load(text, path)
    if expect is not None and not isinstance(data, expect):
        shape = {dict: "a mapping", list: "a list"}.get(expect, expect.__name__)
        raise YamlError(
            f"{path}: expected {shape}{' of ' + what if what else ''} — write the file as {shape}"
        )
    return data
