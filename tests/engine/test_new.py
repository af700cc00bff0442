"""`datapaper new`: the files it writes, the refusals, and the command line (argparse,
--help for every command). The build of a new paper is tests/builds/test_new_paper.py."""

import csv
import re
import subprocess

import pytest
import yaml
from datapaper import __main__ as cli
from datapaper import number_tests, project, scaffold
from datapaper.placeholders import PLACEHOLDER
from helpers import ROOT, datapaper_new

WRITTEN = ["de", "en", "es", "fr", "kk", "ru", "uk"]


def new(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return datapaper_new(tmp_path, *args)


def test_the_templates_have_the_text_of_every_promised_language():
    assert scaffold.written_languages() == WRITTEN


def test_the_new_papers_snakefile_and_envs_are_the_engines(tmp_path):
    """The template copies of the Snakefile and envs/ are the repository's own (they
    cannot drift: change both together)."""
    for name in ("Snakefile", "envs/paper.yaml", "envs/requirements.txt", "envs/apt-packages.txt"):
        assert (scaffold.PROJECT / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_new_writes_a_paper_with_the_files_it_needs(tmp_path):
    files = scaffold.create(tmp_path / "paper", ["en", "fr"], None)
    folder = tmp_path / "paper"
    for name in (
        "Snakefile", ".gitignore", "README.md", "pytest.ini", "config/config.yaml", "config/figures.yaml",
        "config/audit.yaml", "data/raw/rides.csv", "data/schema.yaml", "data/units.yaml",
        "figures/paper.mplstyle", "figures/strings/en.yaml", "figures/strings/fr.yaml",
        "paper/references.yaml", "paper/translations.lock.yaml", "paper/report/workflow.rst",
        "profiles/default/config.yaml", "envs/paper.yaml", "scripts/paper/__init__.py",
        "scripts/paper/figures/__init__.py", "scripts/paper/figures/rides.py",
        "tests/expected.csv", "tests/test_numbers.py",
        *(f"paper/{lang}/{name}" for lang in ("en", "fr") for name in (
            "10.introduction.md", "20.results.md", "90.references.md", "metadata.yaml", "lexicon.yaml")),
    ):  # fmt: skip
        assert (folder / name).is_file(), name
        assert name in files, name
    assert (
        "/build/" in (folder / ".gitignore").read_text()
        and "/.snakemake/" in (folder / ".gitignore").read_text()
    )
    assert [p for p in folder.rglob("*") if p.is_file()] and not (folder / "gitignore").exists()


def test_the_config_states_only_what_differs_from_the_defaults(tmp_path):
    scaffold.create(tmp_path / "p", ["de", "ru"], None)
    config = yaml.safe_load((tmp_path / "p" / "config" / "config.yaml").read_text(encoding="utf-8"))
    assert config == {
        "languages": ["de", "ru"],
        "source_language": "de",
        "engine": "typst",
        "citation_style": "apa",
        "appendix": ["de", "ru"],
        "journal": {"body_language": "de", "abstract_languages": ["de", "ru"], "codes_language": "de"},
    }
    schema = yaml.safe_load(scaffold.resource("config.schema.yaml").read_text(encoding="utf-8"))
    for key, value in config.items():
        default = schema["properties"][key].get("default")
        assert value != default or key in schema["required"], key


def test_the_table_carries_its_source_on_every_row(tmp_path):
    scaffold.create(tmp_path / "p", ["en"], None)
    rows = list(csv.DictReader((tmp_path / "p" / "data/raw/rides.csv").open(encoding="utf-8")))
    assert len(rows) == 3 and all(row["source_key"] and row["source_basis"] for row in rows)
    schema = yaml.safe_load((tmp_path / "p" / "data/schema.yaml").read_text(encoding="utf-8"))
    assert "made up" in schema["tables"]["rides"]["description"].lower()


@pytest.mark.parametrize("lang", WRITTEN)
def test_each_language_splices_a_number_a_ranking_and_a_counted_noun(tmp_path, lang):
    scaffold.create(tmp_path / "p", [lang], None)
    text = (tmp_path / "p" / "paper" / lang / "20.results.md").read_text(encoding="utf-8")
    assert PLACEHOLDER.search(text)
    assert "{{rides.year}}" in text and "{{rides.rank1}}" in text
    assert "{{rides.rank1.rides|noun=ride}}" in text
    assert f"build/figures/rides.{lang})" in text
    prose = re.sub(r"\[@[^\]]*\]", "", PLACEHOLDER.sub("", text.split("![")[0]))
    assert not re.search(r"\d", prose), "a digit typed in the prose"
    assert "TRANSLATE" not in text
    expected = number_tests.read_expected(tmp_path / "p" / number_tests.EXPECTED)
    assert {case.placeholder for case in expected} == {"{{rides.rank1}}", "{{rides.rank1.rides|noun=ride}}"}


def test_a_language_without_text_gets_the_english_marked_for_translation(tmp_path):
    scaffold.create(tmp_path / "p", ["en", "it"], "A title: of mine")
    folder = tmp_path / "p"
    for name in ("10.introduction.md", "20.results.md", "metadata.yaml", "lexicon.yaml"):
        text = (folder / "paper" / "it" / name).read_text(encoding="utf-8")
        assert text.split("\n")[0].lstrip("<!-# ").startswith("TRANSLATE"), name
    assert "TRANSLATE" in (folder / "figures/strings/it.yaml").read_text(encoding="utf-8").split("\n")[0]
    assert "build/figures/rides.it)" in (folder / "paper/it/20.results.md").read_text(encoding="utf-8")
    metadata = yaml.safe_load((folder / "paper/it/metadata.yaml").read_text(encoding="utf-8"))
    assert metadata["lang"] == "it-IT" and metadata["title"] == "A title: of mine"
    # No engine words file for Italian: every key of the English one under labels.
    english = yaml.safe_load(scaffold.resource("words", "en.yaml").read_text(encoding="utf-8"))
    assert metadata["labels"] == english
    lock = yaml.safe_load((folder / project.TRANSLATION_LOCK).read_text(encoding="utf-8"))
    assert set(lock) == {"it"} and set(lock["it"]) == set(scaffold.SECTIONS)


def test_french_gets_its_own_words_for_the_pdf(tmp_path):
    scaffold.create(tmp_path / "p", ["fr"], None)
    metadata = yaml.safe_load((tmp_path / "p/paper/fr/metadata.yaml").read_text(encoding="utf-8"))
    assert metadata["labels"]["abstract"] == "Résumé" and metadata["labels"]["references"] == "Références"
    assert metadata["labels"]["audit"] == "Where the numbers disagree"  # the rest in English, to translate
    scaffold.create(tmp_path / "q", ["de"], None)
    assert "labels" not in yaml.safe_load((tmp_path / "q/paper/de/metadata.yaml").read_text(encoding="utf-8"))


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "mypaper").mkdir()
    (tmp_path / "mypaper" / "notes.txt").write_text("mine")
    result = new(tmp_path, "mypaper", "--languages", "en,fr")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "datapaper new: mypaper: the folder exists and is not empty — choose a new folder name, "
        "or empty this one first (datapaper new never overwrites a file)"
    )
    assert [p.name for p in (tmp_path / "mypaper").iterdir()] == ["notes.txt"]


def test_new_takes_an_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert scaffold.create(tmp_path / "empty", ["en"], None)


def test_new_refuses_an_unknown_language_with_the_codes_cldr_knows(tmp_path):
    result = new(tmp_path, "mypaper", "--languages", "en,xx")
    assert result.returncode == 2
    message = result.stderr.strip()
    assert message.startswith("datapaper new: --languages: unknown language code 'xx' (CLDR knows: ")
    assert message.endswith(" — give ISO 639 codes CLDR knows, in lower case, e.g. --languages en,fr")
    known = message.split("(CLDR knows: ")[1].split(")")[0].split(", ")
    assert {"en", "fr", "kk", "ru", "uk", "de", "es", "it"} <= set(known) and "xx" not in known
    assert not (tmp_path / "mypaper").exists()


@pytest.mark.parametrize("codes", ["en,en", "", "EN"])
def test_new_refuses_bad_language_lists(codes):
    with pytest.raises(scaffold.NewError, match=" — "):
        scaffold.parse_languages(codes)


@pytest.mark.parametrize(
    "argv", [["--help"], ["new", "--help"], ["preview", "--help"], ["translations", "--help"],
             ["translations", "review", "--help"]],
)  # fmt: skip
def test_every_command_has_help(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_no_command_prints_the_usage_and_fails(capsys):
    assert cli.main([]) == 2
    assert "new" in capsys.readouterr().err


def test_the_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'datapaper = "datapaper.__main__:main"' in text
    assert '"resources/**/*"' in text


def test_expected_numbers_are_checked_against_the_values(tmp_path):
    path = tmp_path / "expected.csv"
    path.write_text(
        'language,placeholder,expected\nen,{{a.b}},"1,200 rides"\nen,{{a.c}},x\n', encoding="utf-8"
    )
    cases = number_tests.read_expected(path)
    values = {"en": {"{{a.b}}": "1,200\u00a0rides", "{{a.c}}": "y"}}
    number_tests.check(cases[0], values)
    with pytest.raises(AssertionError, match=r"expected.csv:3: en \{\{a.c\}\} reads 'y', expected 'x'"):
        number_tests.check(cases[1], values)
    with pytest.raises(AssertionError, match="run snakemake first"):
        number_tests.load_values(tmp_path, ["en"], update=False)
    path.write_text("lang,key\n", encoding="utf-8")
    with pytest.raises(
        number_tests.ExpectedError, match="expected.csv:1: .* — make it language,placeholder,expected"
    ):
        number_tests.read_expected(path)


@pytest.mark.parametrize("lang", WRITTEN)
def test_the_new_papers_figure_is_described_from_its_data_in_every_language(lang):
    """Each language's strings describe the example figure (`rides.alt`), numbers as the text writes them."""
    from datapaper import figures as fc

    new_folder = ROOT / "scripts" / "datapaper" / "resources" / "new"
    points = [
        {"name": name, "value": value, "decimals": None, "unit": "count"}
        for name, value in (("lyon", 3250000), ("valencia", 2840000), ("leipzig", 1120000))
    ]
    data = {"points": points, "year": 2023, "sources": ["example_2024"], "last": None}
    strings = fc.Strings.load(
        new_folder / "languages" / lang / "strings.yaml",
        new_folder / "languages" / lang / "lexicon.yaml",
        new_folder / "project" / "data" / "units.yaml",
    )
    strings.lang = lang
    text = fc.describe("rides", lambda data, strings: fc.ranking_fields(data, strings, "city"), data, strings)
    assert "2023" in text and "{" not in text
    assert strings.name("city", "lyon") in text and strings.name("city", "leipzig") in text
    assert re.search(r"1[\s\u00a0\u202f,.]?120[\s\u00a0\u202f,.]?000", text), text
