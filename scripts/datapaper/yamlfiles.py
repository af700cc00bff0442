"""Read a YAML file, with one message that names the file when it cannot be read.

Every YAML file of a project (config, schema, units, lexicons, metadata, figure strings,
the translation lock, audit claims) is read here, so a malformed one is reported the
same way wherever it is read. PyYAML keeps the last of two equal keys without a word;
the loader here refuses them, so an edited copy of an entry never silently wins. A tab
(YAML indents with spaces only) is named with its line, and a file that is not UTF-8
with a guess of its encoding (datapaper.textfiles).

What a YAML file may make the build do is bounded: a file larger than MAX_BYTES is refused
before it is parsed, and so is one whose aliases (`*name`, repeating an anchored `&name`
value) would expand it by more than MAX_ALIASED values (the "billion laughs": nine levels
of nine aliases are a few lines that grow past 8 GB wherever the values are walked, such
as Snakemake's handling of its config). A tag (`!!python/object`, `!custom`) is refused by
name, as the safe loader constructs none.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from datapaper.errors import InputError, where
from datapaper.textfiles import EncodingError, read_text


class YamlError(InputError):
    """A YAML file is missing, malformed or not of the expected shape; the message names it."""


# A YAML file of a project holds settings, words and references (the largest here is 16 KB).
MAX_BYTES = 10 * 2**20
# Values that aliases may add to a file (each alias counts every value of what it repeats).
MAX_ALIASED = 100_000


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


def too_large(path: str | Path, size: int) -> YamlError:
    return YamlError(
        f"{path}: {size / 2**20:.0f} MB, more than the {MAX_BYTES // 2**20} MB a YAML file of the "
        "project may have — keep long values short and large data in a table (data/raw/*.csv)"
    )


def check_aliases(root: yaml.Node, path: str | Path) -> None:
    """Refuse a document whose aliases would repeat more than MAX_ALIASED values.

    The composed document shares an anchored node wherever an alias repeats it, so it stays
    small; this walks it in document order once, each shared node counted with what it
    holds, and stops at the collection whose alias crosses the bound."""
    sizes: dict[int, int] = {}
    added = 0

    def size(node: yaml.Node, parent: yaml.Node) -> int:
        nonlocal added
        known = sizes.get(id(node))
        if known is not None:  # an alias: everything it repeats is walked again by a reader
            added += known
            if added > MAX_ALIASED:
                line = parent.start_mark.line + 1
                raise YamlError(
                    f"{where(path, line)}: aliases (*name) expand the file by more than "
                    f"{MAX_ALIASED:,} values — write the values out, or use fewer aliases"
                )
            return known
        sizes[id(node)] = 1  # an alias inside its own anchor (a cycle) counts as one value
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, node) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(key, node) + size(value, node) for key, value in node.value)
        sizes[id(node)] = total
        return total

    size(root, root)


def parse(text: str, path: str | Path, loader_class: type) -> Any:
    """The document, as `yaml.load` makes it, its aliases checked first where it has any."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text and "*" in text:  # an alias needs an anchor: most files have neither
            check_aliases(node, path)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def tag_of(problem: str) -> str | None:
    """The tag a constructor error names, as it was written (`!!python/object:os.system`)."""
    marker = "could not determine a constructor for the tag "
    if not problem.startswith(marker):
        return None
    tag = problem[len(marker) :].strip("'\"")
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


# Documents a job server parsed before it forked its jobs (`preparse`), by their text.
PARSED: dict[str, Any] = {}
_NOT_PARSED = object()
# How much text `preparse` parses at most: a server's start stays short whatever the project.
PREPARSE_BYTES = 2 * 2**20


def preparse(paths: Iterable[str | Path], budget: int = PREPARSE_BYTES) -> int:
    """Parse each file once, before a job server forks its jobs: the first `load` of the
    same text in a job takes the document without parsing it (a clean build parsed the
    project's schema, units, references, lexicons, metadata and figure strings 230 times
    in 32 processes, 0.12 CPU-s). Keyed by the text itself, so a file edited since is
    parsed as it is now; a file that cannot be read or parsed, whatever the reason, is
    left to the job that reads it, whose message names it (a server stops for none of
    them). Stops once `budget` bytes are parsed. Returns how many."""
    parsed = 0
    for path in paths:
        try:
            size = Path(path).stat().st_size
            if size > budget:
                break
            text = read_text(Path(path))
            if text not in PARSED:
                PARSED[text] = load(text, path)
                parsed += 1
                budget -= size
        except Exception:  # noqa: BLE001 (any failure is the job's to report, as it reads the file)
            continue
    return parsed


def load(text: str, path: str | Path) -> Any:
    """Parse YAML text read from `path`; every problem a YamlError naming file and line.
    A text the job server parsed (`preparse`) is taken from it the first time, and parsed
    again after: the document is the caller's to change, as a parsed one is."""
    known = PARSED.pop(text, _NOT_PARSED)
    if known is not _NOT_PARSED:
        return known
    if len(text) > MAX_BYTES:
        raise too_large(path, len(text.encode("utf-8")))
    try:
        try:
            return parse(text, path, FastLoader)
        except yaml.YAMLError:
            return parse(text, path, UniqueKeyLoader)
    except DuplicateKey as err:
        raise YamlError(
            f"{where(path, err.line)}: key {err.key!r} appears twice (first on line {err.first}) — "
            "keep one of them (YAML would silently use the last)"
        ) from None
    except RecursionError:
        raise YamlError(
            f"{path}: values nested too deeply to read — write the file with fewer levels of nesting"
        ) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        tag = tag_of(getattr(err, "problem", None) or "")
        if tag is not None:
            place = where(path, mark.line + 1, mark.column + 1) if mark is not None else str(path)
            raise YamlError(
                f"{place}: tags such as !!python/object are not allowed (here {tag}) — remove the tag"
            ) from None
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
        if path.stat().st_size > MAX_BYTES:
            raise too_large(path, path.stat().st_size)
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


def key_lines(path: str | Path) -> dict[tuple, int]:
    """The line of each value of a YAML file by its place (keys and list indexes from the
    top: ("journal", "body_language") -> 14), for a message that names the line of a value
    a check refuses; empty for a file that cannot be read, or that has aliases (which
    `read_yaml` bounds: a place under one has no line of its own)."""
    try:
        text = read_text(Path(path))
        if len(text) > MAX_BYTES or "*" in text:
            return {}
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, EncodingError, yaml.YAMLError):
        return {}
    found: dict[tuple, int] = {}

    def walk(node: yaml.Node, place: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    found[(*place, key.value)] = key.start_mark.line + 1
                    walk(value, (*place, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                found[(*place, index)] = item.start_mark.line + 1
                walk(item, (*place, index))

    if root is not None:
        walk(root, ())
    return found
