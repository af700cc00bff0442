"""The README's reference of every key a paper's files may hold is generated from the
engine's schemas (datapaper/reference.py): it is the generated one, every key of the
schemas is described, and every key the engine's code reads is in it."""

import re
from pathlib import Path

import pytest
from datapaper import PACKAGE, reference, schemas
from datapaper.figures import ALT, LEXICON_KEYS, RESERVED_STRINGS
from datapaper.render.frontmatter import FRONT_KEYS, REQUIRED
from helpers import ROOT

SEGMENT = re.compile(r"""\[\s*["'](\w+)["']\s*\]|\.get\(\s*["'](\w+)["']""")


def chains(roots: str, files: list[Path]) -> set[tuple[str, ...]]:
    """The keys read through `<root>["a"]["b"]` or `<root>.get("a", …).get("b", …)`."""
    pattern = re.compile(
        rf"""\b(?:{roots})((?:\[\s*["']\w+["']\s*\]|\.get\(\s*["']\w+["'][^()]*(?:\([^()]*\))?[^()]*\))+)"""
    )
    return {
        tuple(a or b for a, b in SEGMENT.findall(found.group(1)))
        for path in files
        for found in pattern.finditer(path.read_text(encoding="utf-8"))
    }


def engine(*names: str) -> list[Path]:
    """Engine source files by name (all of them when none is given)."""
    every = [*PACKAGE.rglob("*.py"), *(PACKAGE / "workflow").glob("*.smk")]
    return [p for p in every if not names or p.name in names]


def documented(name: str) -> list[str]:
    schema = schemas.schema(name)
    return [key for key, _, _ in reference.keys(schema) + reference.entries(schema, "")]


# Each schema, and how the engine's code reads the keys of the file it describes.
READ = {
    "config": lambda: chains("config|JOURNAL", engine()),
    "data": lambda: chains(
        r"spec|_TABLES\[name\]|declared", engine("tables.py", "common.smk", "check.py", "sandbox.py")
    ),
    "units": lambda: chains("spec", engine("units.py")),
    "figures": lambda: chains("_?figure", engine("figures.smk", "common.smk", "settings.py", "check.py")),
    "lexicon": lambda: chains("lexicon", engine()) | {(key,) for key in LEXICON_KEYS},
    "metadata": lambda: (
        {
            found[:1]
            for found in chains(
                "meta|metadata|body|main|labels_meta",
                engine("frontmatter.py", "values.py", "html.py", "diff.py", "common.smk"),
            )
            if not found[0].startswith("_")  # the engine's own note of the file
        }
        | {(key,) for key in (*REQUIRED, *FRONT_KEYS)}
    ),
    "strings": lambda: {(key,) for key in (*RESERVED_STRINGS, *LEXICON_KEYS)},
}


def test_the_readme_holds_the_generated_reference():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert reference.replaced(readme) == readme, "run python3 -m datapaper.reference"


def test_the_reference_covers_every_file_the_engine_reads_keys_from():
    assert {name for _, name in reference.FILES} == set(READ)
    assert {
        path.name.removesuffix(".schema.yaml") for path in (PACKAGE / "resources").glob("*.schema.yaml")
    } == set(READ)


@pytest.mark.parametrize("name", sorted(READ))
def test_every_key_of_a_schema_is_described(name):
    reference.section(f"{name}.yaml", name)  # a key without a description is refused


def test_a_key_without_a_description_is_refused():
    with pytest.raises(ValueError, match="has no description"):
        reference.what({"type": "string"}, required=False)


@pytest.mark.parametrize("name", sorted(READ))
def test_every_key_the_engine_reads_is_in_the_reference(name):
    read = READ[name]()
    assert read, f"the scan finds the keys the engine reads of the {name} file"
    keys = documented(name)
    missing = sorted(
        ".".join(found)
        for found in read
        if not any(key == ".".join(found) or key.endswith("." + ".".join(found)) for key in keys)
    )
    assert not missing, f"read by the engine, not in resources/{name}.schema.yaml: {missing}"


def test_the_scan_finds_the_keys_the_issue_names():
    assert {("rank_where",), ("rank_name",)} <= READ["data"]()
    assert ("journal", "body_language") in READ["config"]()
    assert f"<name>.{ALT}" in " ".join(
        str(s.get("description")) for s in [schemas.schema("strings")["additionalProperties"]]
    )


def placeholder_table() -> str:
    """The README's table of placeholder syntax (Editing the text) and the lines under it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("| syntax | English | Russian |")
    return readme[start : readme.index("\n## ", start)]


def test_every_placeholder_option_is_in_the_readme():
    from datapaper import grammar
    from datapaper.localize import OPTIONS

    options = set(OPTIONS)
    for lang in grammar.declining():
        options |= set(grammar.for_language(lang).OPTIONS)
    table = placeholder_table()
    missing = sorted(o for o in options if not re.search(rf"(\||\\\|){o}(=|\}}\}}|`)", table))
    assert not missing, f"placeholder options the README's table does not show: {missing}"


def test_the_readmes_derivation_example_computes_its_number(monkeypatch):
    """The worked example of "Derived numbers" runs on the fixture paper's table."""
    from datapaper import check
    from datapaper.numbers import compute
    from datapaper.tables import load_schema, read_table, reference_ids
    from helpers import FIXTURES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?@derivation.*?)```", readme, re.S)[1]
    key = re.search(r'return \{"([a-z_.]+)"', code)[1]
    monkeypatch.chdir(FIXTURES / "city_bikes")
    with check.paper_code(Path("scripts")):
        exec(compile(code, "README.md", "exec"), {})
        table = read_table(
            "data/raw/city_rides.csv",
            load_schema("data/schema.yaml", "data/units.yaml"),
            reference_ids("paper/references.yaml"),
        )
        entry = compute(table)[key]
    assert entry.decimals == 2 and entry.rows and entry.sources
