"""Data as users really have it (spreadsheet exports, editors' encodings, copied YAML keys):
each case is accepted with the same numbers, or refused with one message that names the
file, the line and the fix. Run in-process on the fixture paper's files."""

import sys
from pathlib import Path

import pytest
from datapaper import errors
from datapaper.errors import InputError
from datapaper.numbers import compute
from datapaper.placeholders import PlaceholderError, resolve_files
from datapaper.tables import DataError, load_schema, read_table, reference_ids
from datapaper.textfiles import EncodingError, decode, read_text
from datapaper.yamlfiles import YamlError, read_yaml
from helpers import FIXTURES, copy_project

FIXTURE = FIXTURES / "city_bikes"
RIDES = "data/raw/city_rides.csv"
PURPOSES = "data/raw/trip_purposes.csv"
RUSSIAN = "Ежемесячная аудитория социальной сети выросла на двадцать процентов за год.\n" * 3


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(FIXTURE, tmp_path / "city_bikes")


def numbers_of(project: Path, table: str) -> dict:
    schema = load_schema(project / "data/schema.yaml", project / "data/units.yaml")
    read = read_table(project / table, schema, reference_ids(project / "paper/references.yaml"))
    return {key: (entry.to_json()["value"], entry.to_json()["unit"]) for key, entry in compute(read).items()}


def rewrite(project: Path, name: str, edit) -> Path:
    path = project / name
    path.write_bytes(edit(path.read_bytes()))
    return path


def refused(project: Path, table: str, cls: type = DataError) -> str:
    with pytest.raises(cls) as err:
        numbers_of(project, table)
    message = str(err.value)
    assert message.startswith(str(project / table)), message
    assert isinstance(err.value, InputError)
    assert " — " in message, f"the refusal does not say what to do: {message}"
    return message[len(str(project / table)) :]


# Tables: accepted with the same numbers.

SAME_NUMBERS = {
    "byte-order mark": lambda b: b"\xef\xbb\xbf" + b,
    "Windows line ends": lambda b: b.replace(b"\n", b"\r\n"),
    "spaces around cells and names": lambda b: b.replace(b",", b" , ").replace(b"\n", b" \n"),
    "no-break spaces around cells": lambda b: b.replace(b",", "\u00a0,".encode()),
    "no newline at the end": lambda b: b.rstrip(b"\n"),
}


@pytest.mark.parametrize("case", SAME_NUMBERS)
def test_accepted_with_the_same_numbers(project, case):
    before = numbers_of(project, RIDES)
    rewrite(project, RIDES, SAME_NUMBERS[case])
    assert numbers_of(project, RIDES) == before


# Tables: refused, with the place and the fix.

REFUSED = {
    "repeated header": (
        RIDES,
        lambda b: b.replace(b"id,rides,year", b"id,rides,rides", 1),
        ":1: the header names column `rides` twice (columns 2 and 3) — rename or delete one of them",
    ),
    "semicolons": (
        PURPOSES,
        lambda b: b.replace(b",", b";").replace(b"46.5", b"46,5"),
        ":1: the columns are separated by semicolons (;), not commas — save the table comma-separated",
    ),
    "tabs": (RIDES, lambda b: b.replace(b",", b"\t"), ":1: the columns are separated by tabs, not commas"),
    "UTF-16": (
        RIDES,
        lambda b: b.decode().encode("utf-16"),
        ":1: the file is not UTF-8 (it looks like utf_16)",
    ),
    "Windows-1251": (
        RIDES,
        lambda b: b + f"lviv,100,2023,eurobike_2024,named_in_text,{RUSSIAN}".encode("cp1251"),
        ":5: the file is not UTF-8 (it looks like cp1251) — re-save it as UTF-8",
    ),
    "thousands separated by spaces": (
        RIDES,
        lambda b: b.replace(b"4600000", b"4 600 000"),
        ":2: column `rides`: '4 600 000' has a space as a thousands separator — write the number "
        "with digits only",
    ),
    "thousands separated by no-break spaces": (
        RIDES,
        lambda b: b.replace(b"4600000", "4\u00a0600\u00a0000".encode()),
        ":2: column `rides`: '4\\xa0600\\xa0000' has a no-break space as a thousands separator",
    ),
    "thousands separated by commas (quoted)": (
        RIDES,
        lambda b: b.replace(b"4600000", b'"4,600,000"'),
        ":2: column `rides`: '4,600,000' has a comma as a thousands separator",
    ),
    "thousands separated by points": (
        RIDES,
        lambda b: b.replace(b"4600000", b"4.600.000"),
        ":2: column `rides`: '4.600.000' has a point as a thousands separator",
    ),
    "thousands separated by underscores": (
        RIDES,
        lambda b: b.replace(b"4600000", b"4_600_000"),
        ":2: column `rides`: '4_600_000' is not a whole number",
    ),
    "decimal comma": (
        PURPOSES,
        lambda b: b.replace(b"46.5", b'"46,5"'),
        ":2: column `share`: '46,5' has a comma (a decimal comma or a thousands separator) — write "
        "digits only, with a decimal point: 46.5 or 465",
    ),
    "column dropped": (RIDES, lambda b: b.replace(b"year,", b"", 1), ":1: missing column(s) year"),
    "column renamed": (RIDES, lambda b: b.replace(b"rides", b"trips", 1), ":1: missing column(s) rides"),
    "truncated in a quoted cell": (RIDES, lambda b: b + b'lviv,"100', ":5: unexpected end of data"),
    # Kinds that spreadsheets and editors produce, each shown as it is and with its fix.
    "a percent sign kept with the share": (
        PURPOSES,
        lambda b: b.replace(b"46.5,", b"46.5 %,"),
        ":2: column `share`: '46.5 %' is not a number — write the number alone (46.5); the unit comes "
        "from data/schema.yaml",
    ),
    "a no-break space before the percent sign": (
        PURPOSES,
        lambda b: b.replace(b"46.5,", "46.5\u00a0%,".encode()),
        ":2: column `share`: '46.5<no-break space>%' is not a number — write the number alone (46.5)",
    ),
    "a unit word typed after the number": (
        RIDES,
        lambda b: b.replace(b"4600000", b"4600000 rides"),
        ":2: column `rides`: '4600000 rides' is not a whole number — write the number alone (4600000)",
    ),
    "a word where a number goes": (
        RIDES,
        lambda b: b.replace(b"4600000", b"n/a"),
        ":2: column `rides`: 'n/a' is not a whole number — write a whole number",
    ),
    "an empty cell a spreadsheet left": (
        RIDES,
        lambda b: b.replace(b"4600000", b""),
        ":2: column `rides`: empty cell, but the column requires a value — fill it in",
    ),
    "a misspelt column name": (
        RIDES,
        lambda b: b.replace(b"rides", b"ridse", 1),
        ":1: missing column(s) rides — rename 'ridse' to `rides`",
    ),
    "a zero-width space pasted into the header": (
        RIDES,
        lambda b: b.replace(b"year", "year\u200b".encode(), 1),
        ":1: missing column(s) year — rename 'year<zero-width space>' to `year`",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_with_place_and_fix(project, case):
    table, edit, expected = REFUSED[case]
    rewrite(project, table, edit)
    assert refused(project, table).startswith(expected)


def test_a_decimal_point_with_three_digits_is_a_decimal(project):
    """'46.500' in a column of decimals is 46.5: a point is the decimal mark, never a separator."""
    rewrite(project, PURPOSES, lambda b: b.replace(b"46.5,", b"46.500,"))
    assert numbers_of(project, PURPOSES)["purposes.commuting"][0] == 46.5


def test_an_encoding_guess_names_cp1251():
    with pytest.raises(EncodingError, match=r"^x\.md:1: the file is not UTF-8 \(it looks like cp1251\)"):
        decode(RUSSIAN.encode("cp1251"), "x.md")


def test_a_text_with_a_bom_reads_as_its_text(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(("\ufeff" + RUSSIAN).encode())
    assert read_text(path) == RUSSIAN


# Text, YAML and lexicon files.

YAML_FILES = [
    "config/config.yaml",
    "config/audit.yaml",
    "data/schema.yaml",
    "data/units.yaml",
    "paper/en/lexicon.yaml",
    "paper/de/metadata.yaml",
    "figures/strings/de.yaml",
    "paper/translations.lock.yaml",
]


def first_key_line(path: Path) -> tuple[int, str]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line and not line.startswith(("#", " ", "-")) and ":" in line:
            return number, line
    raise AssertionError(f"no top-level key in {path}")


@pytest.mark.parametrize("name", YAML_FILES)
def test_a_repeated_yaml_key_is_refused(project, name):
    path = project / name
    number, line = first_key_line(path)
    key = line.split(":")[0]
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    path.write_text(text.rstrip("\n") + f"\n{key}: {{}}\n", encoding="utf-8")
    with pytest.raises(YamlError) as err:
        read_yaml(path)
    assert str(err.value) == (
        f"{path}:{lines + 1}: key {key!r} appears twice (first on line {number}) — keep one of them "
        "(YAML would silently use the last)"
    )


def test_a_repeated_nested_key_is_refused(project):
    path = rewrite(
        project,
        "paper/en/lexicon.yaml",
        lambda b: b.replace(b"  vienna: Vienna\n", b"  vienna: X\n  vienna: Y\n"),
    )
    with pytest.raises(YamlError, match=r"lexicon\.yaml:\d+: key 'vienna' appears twice"):
        read_yaml(path)


def test_a_repeated_key_in_a_flow_mapping_is_refused(project):
    path = rewrite(
        project, "config/figures.yaml", lambda b: b.replace(b"group: rides,", b"group: rides, group: x,")
    )
    with pytest.raises(YamlError, match=r"figures\.yaml:\d+: key 'group' appears twice"):
        read_yaml(path)


def test_a_merge_key_is_no_repeat():
    from datapaper.yamlfiles import load

    assert load("a: &a {x: 1, y: 2}\nb:\n  <<: *a\n  x: 3\n", "f.yaml") == {
        "a": {"x": 1, "y": 2},
        "b": {"x": 3, "y": 2},
    }


def test_a_tab_in_yaml_is_named_with_its_line(project):
    path = rewrite(project, "paper/de/lexicon.yaml", lambda b: b.replace(b"  munich:", b"\tmunich:", 1))
    number = path.read_text(encoding="utf-8").splitlines().index("\tmunich: München") + 1
    with pytest.raises(YamlError) as err:
        read_yaml(path)
    assert str(err.value) == (
        f"{path}:{number}:1: a tab character — YAML indents with spaces only: replace the tab with spaces"
    )


def laughs(levels: int) -> str:
    """A "billion laughs": each level an anchored list of nine aliases of the one before."""
    lines = ["laugh0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"laugh{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_before_it_grows(project):
    import time

    path = project / "config/config.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + laughs(9), encoding="utf-8")  # 9**9 values, 387 million
    started = time.perf_counter()
    with pytest.raises(YamlError) as err:
        read_yaml(path)
    assert time.perf_counter() - started < 1
    # the sixth level (9**6 = 531,441 values) is the first past the bound
    line = len(text.splitlines()) + 6
    assert str(err.value) == (
        f"{path}:{line}: aliases (*name) expand the file by more than 100,000 values — write the "
        "values out, or use fewer aliases"
    )


def test_a_few_aliases_and_a_cycle_are_read():
    from datapaper.yamlfiles import load

    assert load(laughs(4), "f.yaml")["laugh3"][0][0][0] == ["lol"] * 9  # 9**4 values are fine
    cycle = load("a: &a [1, *a]\n", "f.yaml")["a"]
    assert cycle[1] is cycle


def test_a_python_tag_is_refused_as_a_tag(project):
    path = project / "config/config.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "x: !!python/object/apply:os.system [ls]\n")
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(YamlError) as err:
        read_yaml(path)
    assert str(err.value) == (
        f"{path}:{line}:4: tags such as !!python/object are not allowed "
        "(here !!python/object/apply:os.system) — remove the tag"
    )


def test_a_huge_value_is_refused_by_size(project):
    path = project / "paper/en/metadata.yaml"
    path.write_text("title: " + "x" * (50 * 2**20) + "\n", encoding="utf-8")
    with pytest.raises(YamlError) as err:
        read_yaml(path)
    assert str(err.value) == (
        f"{path}: 50 MB, more than the 10 MB a YAML file of the project may have — keep long "
        "values short and large data in a table (data/raw/*.csv)"
    )


def test_a_cp1251_lexicon_is_named(project):
    path = project / "paper/de/lexicon.yaml"
    path.write_bytes(
        path.read_text(encoding="utf-8")
        .replace("München", "Мюнхен")
        .replace("Zürich", "Цюрих")
        .encode("cp1251")
    )
    with pytest.raises(YamlError, match=r"lexicon\.yaml:\d+: the file is not UTF-8 \(it looks like cp1251\)"):
        read_yaml(path)


@pytest.fixture
def numbers_file(fixture_numbers: Path) -> Path:
    """The fixture's numbers for the placeholder functions (the rides group and purposes)."""
    return fixture_numbers / "build/numbers.json"


def resolve_de(project: Path, numbers_file: Path) -> dict:
    texts = [str(p) for p in sorted((project / "paper/de").glob("[0-9]*.md"))]
    return resolve_files(
        texts + [str(project / "paper/de/metadata.yaml")],
        str(numbers_file),
        str(project / "paper/de/lexicon.yaml"),
        "de",
        str(project / "data/units.yaml"),
    )


def test_markdown_not_utf8_and_a_misspelt_placeholder(project, numbers_file):
    """Two text failures on one computed numbers file (one Snakemake run for both)."""
    results = project / "paper/de/20.results.md"
    text = results.read_text(encoding="utf-8")
    results.write_bytes(text.encode("cp1252"))
    with pytest.raises(
        EncodingError, match=r"20\.results\.md:\d+: the file is not UTF-8 \(it looks like cp125"
    ):
        resolve_de(project, numbers_file)
    results.write_text(text.replace("{{rides.rank1}}", "{{rides.rnak1}}"), encoding="utf-8")
    with pytest.raises(
        PlaceholderError,
        match=r"20\.results\.md:\d+: unknown placeholder key 'rides\.rnak1'.*did you mean rides\.rank1",
    ):
        resolve_de(project, numbers_file)


# One message per failure, written for the end of the run.


class FakeJob:
    rule = "figure"

    class wildcards:  # noqa: N801 (Snakemake's attribute name)
        @staticmethod
        def items():
            return [("name", "rides")]


def test_a_job_writes_its_message_and_exits(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    def bad(smk):
        raise DataError("data/raw/x.csv:3: column `a`: 'b' is not a number")

    with pytest.raises(SystemExit) as exit_:
        errors.run_job(bad, FakeJob())
    assert exit_.value.code == 1
    assert capsys.readouterr().err == "data/raw/x.csv:3: column `a`: 'b' is not a number\n"
    assert (tmp_path / "build/errors/figure.rides.txt").read_text(encoding="utf-8") == (
        "data/raw/x.csv:3: column `a`: 'b' is not a number\n"
    )
    errors.report()
    assert capsys.readouterr().err == (
        "The build stopped on bad input (1 problem):\ndata/raw/x.csv:3: column `a`: 'b' is not a number\n"
    )
    errors.clear()
    errors.report()
    assert capsys.readouterr().err == ""


def test_a_bug_is_no_input_error(tmp_path, monkeypatch):
    """A programming error keeps its traceback: only bad input is told as a message."""
    monkeypatch.chdir(tmp_path)

    def bug(smk):
        return {}["missing"]

    with pytest.raises(KeyError):
        errors.run_job(bug, FakeJob())
    assert not (tmp_path / "build/errors").exists()


def test_every_input_error_of_the_engine_has_the_common_base():
    from datapaper import audit, checks, figures, localize, translations, units
    from datapaper.render import frontmatter

    classes = [
        DataError, YamlError, PlaceholderError, EncodingError, units.UnitError, localize.FormatError,
        frontmatter.MetadataError, figures.MissingString, translations.TranslationError,
        audit.ClaimsError, checks.TextError,
    ]  # fmt: skip
    assert all(issubclass(cls, InputError) for cls in classes)
    assert sys.modules["datapaper.errors"].InputError is InputError


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp1252"])
def test_an_encoding_guess_is_one_that_editors_save(encoding):
    """A short table is never said to be in BIG5 or Shift JIS (charset-normalizer's best fit
    among all encodings), only among those editors and spreadsheets save."""
    from datapaper.textfiles import LIKELY

    text = "city,rides\nАлматы,12\n" if encoding != "cp1252" else "ville,été\nGenève,12\n"
    with pytest.raises(EncodingError) as raised:
        decode(text.encode(encoding), "x.csv")
    guess = str(raised.value).split("it looks like ", 1)[1].split(")")[0]
    assert guess in LIKELY, str(raised.value)


def test_a_figure_no_section_places_is_named_before_any_caption_is_written(tmp_path):
    from datapaper.captions import write_captions

    text = tmp_path / "paper" / "en" / "10.results.md"
    text.parent.mkdir(parents=True)
    text.write_text("# Results\n\n![Rides by city](build/figures/rides.en){#fig:rides}\n", encoding="utf-8")
    outputs = [str(tmp_path / "captions" / f"{name}.en.rst") for name in ("rides", "shares")]
    with pytest.raises(InputError, match=r"paper/en/: no section places the figure shares — place it with "):
        write_captions([str(text)], {}, {"figure_caption": "Figure {n}."}, outputs)
    assert not (tmp_path / "captions").exists()


def test_a_label_the_metadata_leaves_out_is_the_engines_and_a_language_without_words_is_named(project):
    """The engine's words (resources/words/<code>.yaml) give every label a paper leaves out;
    a language the engine has no words for needs them under `labels`, and the refusal names
    the file and the key."""
    from datapaper.render.frontmatter import read_metadata
    from datapaper.words import WordsError

    path = project / "paper" / "en" / "metadata.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.strip().startswith("figure_ref:")), encoding="utf-8"
    )
    assert read_metadata(path)["labels"]["figure_ref"] == "Figure {n}"
    text = path.read_text(encoding="utf-8").replace("lang: en-GB", "lang: fr-FR")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        WordsError,
        match=r"resources/words/fr\.yaml \(no such file\): no text for 'figure_ref' in fr-FR — add "
        r"`figure_ref: <text>` to .*fr\.yaml, or under `labels` in .*metadata\.yaml",
    ):
        read_metadata(path)
