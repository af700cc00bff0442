"""The reference of every key a paper's declaration files may hold, generated from the
engine's schemas (resources/<name>.schema.yaml), so that it cannot drift from them: one
table per file, each key with its type and what it does.

    python3 -m datapaper.reference            rewrite README.md's reference (between the markers)
    python3 -m datapaper.reference --check    exit 1 if README.md's reference is not the generated one
"""

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from datapaper import PACKAGE, schemas

# Each file of a paper the engine reads keys from, and the schema that describes them.
FILES = (
    ("config/config.yaml", "config"),
    ("config/figures.yaml", "figures"),
    ("data/schema.yaml", "data"),
    ("data/units.yaml", "units"),
    ("paper/<lang>/metadata.yaml", "metadata"),
    ("paper/<lang>/lexicon.yaml", "lexicon"),
    ("figures/strings/<lang>.yaml", "strings"),
)
START = "<!-- keys:start -->"
END = "<!-- keys:end -->"
README = PACKAGE.parent.parent / "README.md"


def kind(spec: dict[str, Any]) -> str:
    """A key's type as an author writes it: a kind, or its allowed values."""
    if "enum" in spec:
        return " \\| ".join(f"`{value}`" for value in spec["enum"])
    if "oneOf" in spec:
        return " or ".join(kind(option) for option in spec["oneOf"])
    declared = spec.get("type", "")
    names = {"object": "mapping", "array": "list", "string": "text", "integer": "whole number"}
    types = declared if isinstance(declared, list) else [declared]
    return " or ".join(names.get(t, t) for t in types if t) or "—"


def what(spec: dict[str, Any], required: bool) -> str:
    text = " ".join(str(spec.get("description", "")).split()).replace("|", "\\|")
    if not text:
        raise ValueError(f"a key has no description: {spec} — describe it in its schema")
    if not text.endswith("."):
        text += "."
    if required:
        text = f"**Required.** {text}"
    if "default" in spec:
        shown = yaml.safe_dump(spec["default"], default_flow_style=True, allow_unicode=True)
        text += f" Default: `{shown.removesuffix(chr(10)).removesuffix('...').strip()}`."
    return text


def keys(node: dict[str, Any], prefix: str = "") -> list[tuple[str, dict[str, Any], bool]]:
    """(dotted key, its schema, required) for every key under a schema node, depth first: a
    mapping's entries as `<title>`, a list's items as `[]`."""
    found = []
    required = set(node.get("required", []))
    for name, spec in node.get("properties", {}).items():
        key = f"{prefix}{name}"
        found.append((key, spec, name in required))
        found += keys(spec, f"{key}.")
        found += entries(spec, key)
    return found


def entries(spec: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any], bool]]:
    """The keys of a mapping's entries (additionalProperties) or of a list's items."""
    found = []
    items = spec.get("items")
    if isinstance(items, dict) and items.get("properties"):
        found += keys(items, f"{key}[].")
    extra = spec.get("additionalProperties")
    if isinstance(extra, dict) and (extra.get("description") or extra.get("properties")):
        name = f"{key}.{extra.get('title', '<name>')}" if key else extra.get("title", "<name>")
        if extra.get("description"):
            found.append((name, extra, False))
        found += keys(extra, f"{name}.")
        for option in extra.get("oneOf", []):
            found += keys(option, f"{name}.")
    return found


def section(path: str, name: str) -> list[str]:
    schema = schemas.schema(name)
    rows = keys(schema) + entries(schema, "")
    head = f"**`{path}`** (`scripts/datapaper/resources/{name}.schema.yaml`)"
    if schema.get("description"):
        head += ": " + " ".join(schema["description"].split()).rstrip(".") + "."
    lines = [head, "", "| key | kind | what it does |", "|---|---|---|"]
    lines += [f"| `{key}` | {kind(spec)} | {what(spec, required)} |" for key, spec, required in rows]
    return lines + [""]


def markdown() -> str:
    """The reference, as the README holds it between the markers."""
    lines = [
        "<!-- Generated from scripts/datapaper/resources/*.schema.yaml by "
        "`python3 -m datapaper.reference`; edit the schemas, not this table. -->",
        "",
    ]
    for path, name in FILES:
        lines += section(path, name)
    return "\n".join(lines)


def replaced(readme: str) -> str:
    """The README's text with the generated reference between its markers."""
    if readme.count(START) != 1 or readme.count(END) != 1:
        raise ValueError(
            f"README.md needs one {START} and one {END} line — add them where the reference goes"
        )
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{markdown()}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m datapaper.reference", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is not up to date")
    parser.add_argument(
        "--readme", type=Path, default=README, help="the README to write (default: the engine's)"
    )
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    new = replaced(text)
    if args.check:
        if new != text:
            print(f"{args.readme}: the key reference is out of date — run python3 -m datapaper.reference")
            return 1
        return 0
    if new != text:
        args.readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
