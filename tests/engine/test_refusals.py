"""Every refusal says what to do: an engine error about a project's input reads
`file:line: problem — fix`, the fix after " — ". Read from the engine's source, so a new
raise site without a fix fails here; the bad-input tests and the fuzzer check the messages
they provoke."""

import ast
import inspect

import pytest
from datapaper import errors
from datapaper.errors import FIX, near_miss, shown
from datapaper.tables import read_cell
from helpers import ROOT

ENGINE = ROOT / "scripts" / "datapaper"
# Re-raises that pass on a message made elsewhere (itself with its fix): the caught error's
# text, a list of problems each with its own, and the message helpers this test reads too.
PASSED_ON = {"err", "error", "failed", "problems"}
HELPERS = {"unknown_key_message"}


def input_errors() -> set[str]:
    """The names of the engine's InputError classes (a class statement deriving from one)."""
    names = {"InputError"}
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in ENGINE.rglob("*.py")]
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                    if bases & names:
                        names.add(node.name)
                        grew = True
    return names


def has_fix(call: ast.Call, source: str) -> bool:
    text = ast.get_source_segment(source, call) or ""
    if FIX.strip() in text:
        return True
    names = {n.id for arg in call.args for n in ast.walk(arg) if isinstance(n, ast.Name)}
    calls = {
        getattr(n.func, "id", getattr(n.func, "attr", ""))
        for arg in call.args
        for n in ast.walk(arg)
        if isinstance(n, ast.Call)
    }
    return bool(names & PASSED_ON or calls & HELPERS or "REWRITE" in names)


def raise_sites() -> list[tuple[str, int, str, bool]]:
    classes = input_errors()
    sites = []
    for path in sorted(ENGINE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                name = getattr(func, "id", getattr(func, "attr", ""))
                if name in classes or name == "ValueError" and path.name == "tables.py":
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    sites.append((where, node.lineno, name, has_fix(node.exc, source)))
    return sites


def test_every_refusal_the_engine_raises_says_what_to_do():
    sites = raise_sites()
    assert len(sites) > 60, "the scan finds the engine's raise sites"
    without = [f"{where}: {name}" for where, _, name, fixed in sites if not fixed]
    assert not without, "raise sites without a fix (' — what to do'):\n" + "\n".join(without)


def test_the_scan_would_see_a_refusal_without_a_fix():
    source = 'def f(x):\n    raise DataError(f"{x}: bad")\n'
    call = next(
        n
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "DataError"
    )
    assert not has_fix(call, source)
    fixed = 'def f(x):\n    raise DataError(f"{x}: bad — write a good one")\n'
    call = next(
        n
        for n in ast.walk(ast.parse(fixed))
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "DataError"
    )
    assert has_fix(call, fixed)


def test_the_message_helpers_give_a_fix():
    from datapaper.placeholders import Occurrence, unknown_key_message

    fields = inspect.signature(Occurrence).parameters
    occurrence = Occurrence(
        **{
            name: {"file": "paper/en/x.md", "line": 3, "key": "a.bc", "text": "{{a.bc}}"}.get(name, ())
            for name in fields
        }
    )
    assert FIX in unknown_key_message(occurrence, ["a.b"])


@pytest.mark.parametrize(
    ("cell", "shown_as", "fix"),
    [
        ("12 %", "'12 %'", "write the number alone (12); the unit comes from data/schema.yaml"),
        ("12\u00a0%", "'12<no-break space>%'", "write the number alone (12)"),
        ("4.5 EUR", "'4.5 EUR'", "write the number alone (4.5)"),
        ("twelve", "'twelve'", "write a number (digits, a decimal point)"),
        ("\ufeff12x", "'<byte-order mark>12x'", "write a number"),
    ],
)
def test_a_cell_is_shown_as_it_is_and_told_what_to_write(cell, shown_as, fix):
    with pytest.raises(ValueError) as err:
        read_cell(cell, {"type": "number"})
    message = str(err.value)
    assert message.startswith(f"{shown_as} is not a number — "), message
    assert fix in message


def test_invisible_characters_are_named():
    assert shown(" a\tb\u200b ") == "' a<tab>b<zero-width space> '"
    assert near_miss("shrae", ["share", "year"]) == "; did you mean 'share'?"
    assert near_miss("zzz", ["share"]) == ""
    assert errors.InputError.__doc__ and "—" in errors.InputError.__doc__


def test_a_figure_reading_a_number_its_group_lacks_is_told_what_to_read():
    """Once a KeyError traceback in the figure job; now an input error with a near miss."""
    from datapaper import figures

    with pytest.raises(errors.InputError) as err:
        figures.entry({"coverage.rank1": {}, "coverage.sum": {}}, "coverage.year")
    assert isinstance(err.value, KeyError), "a figure module that catches KeyError still can"
    message = str(err.value)
    assert message.startswith("the figure needs number 'coverage.year', which its group does not compute")
    assert " — read a number the group has" in message and "publishes no `<prefix>.year`" in message


def test_a_misspelt_or_spaced_column_name_is_shown_and_renamed(tmp_path):
    from datapaper.tables import DataError, read_header

    columns = {"id": {}, "share": {}, "source_key": {}}
    with pytest.raises(DataError) as err:
        read_header(["id", "shrae", "source_key"], columns, "id,shrae,source_key", "data/raw/x.csv")
    assert str(err.value) == "data/raw/x.csv:1: missing column(s) share — rename 'shrae' to `share`"
    with pytest.raises(DataError) as err:
        read_header(["id", "share", "source_key", "note\u200b"], columns, "", "data/raw/x.csv")
    assert "undeclared column(s) 'note<zero-width space>' — declare them" in str(err.value)


def test_every_key_a_table_may_have_is_described_and_a_misspelt_one_is_named(tmp_path):
    import yaml
    from datapaper import resource
    from datapaper.tables import DataError, load_schema

    meta = yaml.safe_load(resource("data.schema.yaml").read_text(encoding="utf-8"))
    keys = meta["properties"]["tables"]["additionalProperties"]["properties"]
    assert {"rank_where", "rank_name", "rank_by", "names", "sum", "count", "group"} <= set(keys)
    assert all(spec.get("description") for spec in keys.values()), "each key says what it does"
    doc = yaml.safe_load((ROOT / "data" / "schema.yaml").read_text(encoding="utf-8"))
    name = next(iter(doc["tables"]))
    doc["tables"][name]["rank_were"] = {"year": 2019}
    path = tmp_path / "schema.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_schema(path)
    assert f"`tables` > `{name}`: unknown key `rank_were`; did you mean 'rank_where'? — use one of" in str(
        err.value
    )


def test_every_key_a_unit_may_have_is_described_and_a_misspelt_one_is_named(tmp_path):
    from datapaper.units import KEYS, SCHEMA, UnitError, load_units

    assert set(KEYS) == {"kind", "word", "scale", "signed", "suffix"}
    assert all(spec.get("description") for spec in SCHEMA.values())
    path = tmp_path / "units.yaml"
    path.write_text("percent: {kind: percent, signd: true}\n", encoding="utf-8")
    with pytest.raises(UnitError) as err:
        load_units(path)
    assert "unit 'percent': unknown key(s) signd; did you mean 'signed'? — use one of kind, word" in str(
        err.value
    )


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            {"name": "rides", "group": "rides", "modul": "paper.figures.rides"},
            "entry 1: unknown key `modul`; did you mean 'module'? — use one of name, group, module",
        ),
        ({"name": "rides", "group": "rides"}, "entry 1: 'module' is a required property — add it"),
        (
            {"name": "../../outside/pwn", "group": "rides", "module": "m"},
            "entry 1 > `name`: '../../outside/pwn' does not match",
        ),
    ],
)
def test_the_figures_table_is_checked_against_the_engines_description(entry, expected):
    from datapaper import schemas

    with pytest.raises(errors.InputError) as err:
        schemas.check([entry], "figures", "config/figures.yaml")
    assert str(err.value).startswith("config/figures.yaml: ") and expected in str(err.value)
    assert " — " in str(err.value)
