"""Fuzzing the fixture paper's inputs as users mangle them (hypothesis, fixed seed).

Each mutated table, text or YAML file goes through the functions the jobs call (read and
validate a table and compute its numbers; scan and resolve the placeholders; read a YAML
file). Every case either succeeds with numbers that still match the data, or fails with an
InputError whose message names the file: never another exception, never a changed number.
Bounded for CI: a few hundred cases in all, `derandomize=True` (the same cases every run).
"""

import codecs
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from datapaper.errors import InputError
from datapaper.numbers import compute
from datapaper.placeholders import PLACEHOLDER, resolve_files
from datapaper.tables import load_schema, read_table, reference_ids
from datapaper.yamlfiles import YamlError, read_yaml
from helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURE = FIXTURES / "city_bikes"
settings.register_profile(
    "datapaper-fuzz",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FUZZ = settings.get_profile("datapaper-fuzz")
SCHEMA = load_schema(FIXTURE / "data/schema.yaml", FIXTURE / "data/units.yaml")
SOURCES = reference_ids(FIXTURE / "paper/references.yaml")
TABLES = sorted(p.name for p in (FIXTURE / "data/raw").glob("*.csv"))
YAML_FILES = sorted(
    str(p.relative_to(FIXTURE))
    for p in FIXTURE.rglob("*.yaml")
    if "envs" not in p.parts and p.name != "references.yaml"
)
ENCODINGS = ["cp1251", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-sig", "koi8-r"]
RUN = Counter()


@pytest.fixture(scope="module", autouse=True)
def count_cases():
    """How many cases ran, by what they did (shown with `pytest -s`)."""
    yield
    print(f"\nfuzz cases: {sum(RUN.values())} ({', '.join(f'{k} {v}' for k, v in sorted(RUN.items()))})")


def reencode(data: bytes, encoding: str) -> bytes:
    return codecs.encode(data.decode("utf-8"), encoding, errors="replace")


def in_place(name: str, data: bytes, tmp: Path) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def fails_naming(err: InputError, path: Path) -> None:
    """A refusal names the file first and ends with what to do (after " — ")."""
    assert str(err).startswith(str(path)), str(err)
    assert "Traceback" not in str(err) and str(err).strip() == str(err)
    assert " — " in str(err), f"the refusal does not say what to do: {err}"


# Tables.


def table_cells(data: bytes) -> list[list[str]]:
    return [line.split(",") for line in data.decode().splitlines()]


def joined(rows: list[list[str]]) -> bytes:
    return "".join(",".join(cells) + "\n" for cells in rows).encode()


@st.composite
def mutated_tables(draw):
    """(table name, original bytes, mutated bytes, what was done, whether the numbers must stay)."""
    name = draw(st.sampled_from(TABLES))
    data = (FIXTURE / "data/raw" / name).read_bytes()
    rows = table_cells(data)
    width = len(rows[0])
    kind = draw(
        st.sampled_from(
            [
                "drop",
                "repeat",
                "rename",
                "encode",
                "bom",
                "separator",
                "truncate",
                "spaces",
                "thousands",
                "swap",
            ]
        )
    )
    same = False
    if kind == "drop":
        i = draw(st.integers(0, width - 1))
        mutated = joined([r[:i] + r[i + 1 :] for r in rows])
    elif kind == "repeat":
        i = draw(st.integers(0, width - 1))
        mutated = joined([r[: i + 1] + [r[i]] + r[i + 1 :] for r in rows])
    elif kind == "rename":
        i = draw(st.integers(0, width - 1))
        new = draw(st.text("abcdefghijklmnopqrstuvwxyz_ ", min_size=1, max_size=8))
        same = new.strip() == rows[0][i]
        mutated = joined([rows[0][:i] + [new] + rows[0][i + 1 :], *rows[1:]])
    elif kind == "encode":
        encoding = draw(st.sampled_from(ENCODINGS))
        mutated = reencode(data, encoding)
        same = mutated.removeprefix(codecs.BOM_UTF8) == data
    elif kind == "bom":
        mutated, same = codecs.BOM_UTF8 + data, True
    elif kind == "separator":
        mutated = data.replace(b",", draw(st.sampled_from([b";", b"\t", b"|"])))
    elif kind == "truncate":
        mutated = data[: draw(st.integers(0, len(data) - 1))]
    elif kind == "spaces":
        pad = draw(st.sampled_from([" ", "  ", "\u00a0", " \t"])).encode()
        mutated, same = data.replace(b",", pad + b"," + pad).replace(b"\n", pad + b"\n"), True
    elif kind == "thousands":
        sep = draw(st.sampled_from([" ", "\u00a0", ",", ".", "'"]))
        quote = '"' if sep == "," else ""
        text = re.sub(
            r",(\d)(\d{3})(\d{3}),", lambda m: f",{quote}{sep.join(m.groups())}{quote},", data.decode()
        )
        mutated = text.encode()
        same = mutated == data
    else:  # swap two data rows: the same numbers, from other lines
        if len(rows) > 2:
            i, j = draw(st.permutations(range(1, len(rows))).map(lambda p: p[:2]))
            rows[i], rows[j] = rows[j], rows[i]
        mutated, same = joined(rows), True
    return name, data, mutated, kind, same


def values(table) -> dict[str, tuple]:
    return {key: (entry.to_json()["value"], entry.to_json()["unit"]) for key, entry in compute(table).items()}


@settings(FUZZ, max_examples=140)
@given(case=mutated_tables())
def test_a_mangled_table_is_read_right_or_named(case):
    name, original, mutated, kind, same = case
    before = read_table(FIXTURE / "data/raw" / name, SCHEMA, SOURCES)
    with tempfile.TemporaryDirectory() as tmp:
        path = in_place(name, mutated, Path(tmp))
        try:
            after = read_table(path, SCHEMA, SOURCES)
        except InputError as err:
            RUN[f"table {kind}: refused"] += 1
            fails_naming(err, path)
            assert not same, f"{kind}: refused what should be read: {err}"
            return
    RUN[f"table {kind}: read"] += 1
    assert kind not in ("drop", "repeat", "separator", "thousands") or same, f"{kind} was accepted"
    by_id = {row.id: row.cells for row in before.rows}
    for row in after.rows:
        assert row.cells == by_id[row.id], f"{kind}: row {row.id} changed"
    if same:
        assert values(after) == values(before)


# Texts: the placeholders of the German text, resolved against the fixture's numbers.


@pytest.fixture(scope="module")
def project(fixture_numbers) -> Path:
    """The fixture, its numbers computed by the build (conftest; read only)."""
    return fixture_numbers


TEXTS = ["paper/de/10.introduction.md", "paper/de/20.results.md", "paper/de/metadata.yaml"]


def resolve(project: Path, name: str, data: bytes, tmp: Path) -> dict:
    path = in_place(Path(name).name, data, tmp)
    files = [str(path if t == name else project / t) for t in TEXTS]
    return resolve_files(
        files,
        str(project / "build/numbers.json"),
        str(project / "paper/de/lexicon.yaml"),
        "de",
        str(project / "data/units.yaml"),
    ), path


@st.composite
def mutated_texts(draw):
    name = draw(st.sampled_from(TEXTS))
    data = (FIXTURE / name).read_bytes()
    kind = draw(st.sampled_from(["misspell", "encode", "bom", "truncate"]))
    same = False
    if kind == "misspell":
        text = data.decode()
        found = list(PLACEHOLDER.finditer(text))
        if not found:
            return name, data, "misspell", True
        match = draw(st.sampled_from(found))
        key_end = match.start() + 2 + len(match["body"].split("|")[0])
        at = draw(st.integers(match.start() + 2, key_end - 1))
        edit = draw(st.sampled_from(["delete", "double", "replace"]))
        char = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789._ "))
        piece = {"delete": "", "double": text[at] * 2, "replace": char}[edit]
        mutated = (text[:at] + piece + text[at + 1 :]).encode()
        same = mutated == data
    elif kind == "encode":
        mutated = reencode(data, draw(st.sampled_from(ENCODINGS)))
        same = mutated.removeprefix(codecs.BOM_UTF8) == data
    elif kind == "bom":
        mutated, same = codecs.BOM_UTF8 + data, True
    else:
        mutated = data[: draw(st.integers(0, len(data) - 1))]
    return name, mutated, kind, same


@settings(FUZZ, max_examples=60)
@given(case=mutated_texts())
def test_a_mangled_text_resolves_right_or_is_named(project, case):
    name, mutated, kind, same = case
    with tempfile.TemporaryDirectory() as tmp:
        good, _ = resolve(project, name, (FIXTURE / name).read_bytes(), Path(tmp))
        try:
            result, path = resolve(project, name, mutated, Path(tmp))
        except InputError as err:
            RUN[f"text {kind}: refused"] += 1
            fails_naming(err, Path(tmp) / Path(name).name)
            assert not same, f"{kind}: refused what should be read: {err}"
            return
    RUN[f"text {kind}: read"] += 1
    # Whatever was read, each placeholder's text is its key's number, as in the good text.
    for placeholder, text in result["values"].items():
        if placeholder in good["values"]:
            assert text == good["values"][placeholder]
    if same:
        assert result["values"] == good["values"]


# YAML files: a repeated key, a tab, another encoding, a cut.

KEY_LINE = re.compile(r"^(\s*)([a-z_][a-z0-9_]*):(\s|$)")


@st.composite
def mutated_yaml(draw):
    name = draw(st.sampled_from(YAML_FILES))
    data = (FIXTURE / name).read_bytes()
    lines = data.decode().splitlines(keepends=True)
    kind = draw(st.sampled_from(["repeat", "tab", "encode", "bom", "truncate"]))
    same = False
    if kind == "repeat":
        keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
        if not keyed:
            return name, data, "repeat", True
        i = draw(st.sampled_from(keyed))
        lines.insert(i + 1, lines[i] if lines[i].endswith("\n") else "\n" + lines[i])
        mutated = "".join(lines).encode()
    elif kind == "tab":
        indented = [i for i, line in enumerate(lines) if line.startswith("  ")]
        if not indented:
            return name, data, "tab", True
        i = draw(st.sampled_from(indented))
        lines[i] = "\t" + lines[i][2:]
        mutated = "".join(lines).encode()
    elif kind == "encode":
        mutated = reencode(data, draw(st.sampled_from(ENCODINGS)))
        same = mutated.removeprefix(codecs.BOM_UTF8) == data
    elif kind == "bom":
        mutated, same = codecs.BOM_UTF8 + data, True
    else:
        mutated = data[: draw(st.integers(0, len(data) - 1))]
    return name, mutated, kind, same


@settings(FUZZ, max_examples=80)
@given(case=mutated_yaml())
def test_a_mangled_yaml_file_is_read_right_or_named(case):
    name, mutated, kind, same = case
    good = read_yaml(FIXTURE / name)
    with tempfile.TemporaryDirectory() as tmp:
        path = in_place(Path(name).name, mutated, Path(tmp))
        try:
            data = read_yaml(path)
        except YamlError as err:
            RUN[f"yaml {kind}: refused"] += 1
            fails_naming(err, path)
            assert not same, f"{kind}: refused what should be read: {err}"
            if kind == "repeat":
                assert "appears twice" in str(err)
            return
    RUN[f"yaml {kind}: read"] += 1
    assert kind != "repeat" or same, "a repeated key was accepted"
    if same:
        assert data == good
