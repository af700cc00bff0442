"""Bad input: one clear message naming the file and the line or row, a non-zero exit, and
nothing half-written; the previous good output of other targets is left as it was."""

import hashlib
from pathlib import Path

import pytest
import yaml
from datapaper.localize import format_value
from datapaper.tables import DataError, load_schema, read_table, reference_ids
from helpers import FIXTURES, copy_built, copy_project, snakemake, units

SCHEMA = load_schema("data/schema.yaml")


def table_with(tmp_path: Path, name: str, edit) -> Path:
    """A copy of data/raw/<name>.csv in tmp_path, its text passed through `edit`."""
    path = tmp_path / f"{name}.csv"
    path.write_text(edit(Path(f"data/raw/{name}.csv").read_text(encoding="utf-8")), encoding="utf-8")
    return path


CASES = {
    "ragged row": (
        "ecommerce_structure",
        lambda t: t.replace("services,32,", "services,32,,"),
        ":3: row has 6 cells, the header has 5",
    ),
    "wrong type": (
        "social_media_market_share",
        lambda t: t.replace("facebook,26.4", "facebook,twenty"),
        ":2: column `share`: 'twenty' is not a number",
    ),
    "out of range": (
        "advertising_by_medium",
        lambda t: t.replace("tv,52", "tv,152"),
        ":2: column `share`: 152.0 is greater than the maximum of 100",
    ),
    "negative number": (
        "ecommerce_market",
        lambda t: t.replace("volume,259.5", "volume,-259.5"),
        ":9: column `value`: -259.5 is less than the minimum of 0",
    ),
    "too large for its unit": (
        "network_audiences",
        lambda t: t.replace("413026", "413026000"),
        ":6: column `users`: 413026000 is greater than the maximum of 20000000",
    ),
    "missing column": (
        "website_ranking",
        lambda t: "\n".join(line.rsplit(",", 1)[0] for line in t.splitlines()) + "\n",
        ":1: missing column(s) source_basis",
    ),
    "unknown source": (
        "facebook_cities",
        lambda t: t.replace("kp_3585076", "kp_0000000", 1),
        ":2: column `source_key`: 'kp_0000000' is not a reference in paper/references.yaml",
    ),
    "duplicate id": (
        "internet_advertising_share",
        lambda t: t.replace("y2018,", "y2014,"),
        ":3: column `id`: duplicate id 'y2014' (first on line 2)",
    ),
    "value not allowed": (
        "network_age_preferences",
        lambda t: t.replace("young,vkontakte", "young,myspace"),
        ":2: column `network`: 'myspace' is not one of",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_table(tmp_path, case):
    name, edit, message = CASES[case]
    path = table_with(tmp_path, name, edit)
    with pytest.raises(DataError) as err:
        read_table(path, SCHEMA, reference_ids("paper/references.yaml"))
    assert str(err.value).startswith(str(path)), err.value
    assert message in str(err.value)


def test_missing_table(tmp_path):
    with pytest.raises(DataError, match="missing_table.csv: no schema"):
        read_table(tmp_path / "missing_table.csv", SCHEMA)
    with pytest.raises(DataError, match="website_ranking.csv: table is missing"):
        read_table(tmp_path / "website_ranking.csv", SCHEMA)


def test_a_negative_value_is_written_not_refused():
    assert format_value({"value": -3, "unit": "people"}, {}, "en", {}, units()) == "\u22123"


# The same errors through Snakemake: the message reaches the author, no output is left.


def run_fails(project: Path, *args: str) -> str:
    result = snakemake(*args, cwd=project)
    assert result.returncode != 0, result.stdout + result.stderr
    # Figures (PDF among their formats, for the LaTeX package) are finished outputs of their own.
    leftovers = [
        p
        for p in (project / "build").rglob("*")
        if p.suffix in (".pdf", ".partial", ".docx", ".html", ".zip") and "figures" not in p.parts
    ]
    assert not leftovers, leftovers
    return result.stdout + result.stderr


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_missing_table_stops_the_build(project_copy):
    project = project_copy()
    (project / "data" / "raw" / "website_ranking.csv").unlink()
    log = run_fails(project, "build/numbers.json")
    assert "Missing input files for rule group_numbers" in log and "data/raw/website_ranking.csv" in log


def test_unknown_language_in_config(project_copy):
    log = run_fails(project_copy(), "-n", "--config", "languages=[en,xx]")
    assert "config/config.yaml: unknown language 'xx': there is no paper/xx/ with metadata.yaml" in log


def test_malformed_config(project_copy):
    project = project_copy()
    (project / "config" / "config.yaml").write_text("languages: [en, kk\nengine: typst\n", encoding="utf-8")
    log = run_fails(project, "-n")
    assert "config/config.yaml:2:7: malformed YAML: expected ',' or ']', but got ':'" in log


def test_config_value_outside_its_schema(project_copy):
    log = run_fails(project_copy(), "-n", "--config", "engine=word")
    assert "'word' is not one of ['typst', 'latex']" in log


def test_malformed_metadata(project_copy):
    project = project_copy()
    edit(project / "paper" / "kk" / "metadata.yaml", "title: ", "title: [unclosed ")
    log = run_fails(project, "build/paper.kk.pdf")
    assert "paper/kk/metadata.yaml:3:" in log and "(while parsing a flow sequence, line 2, column 8)" in log


def test_placeholder_missing_in_one_language(project_copy):
    project = project_copy()
    edit(
        project / "paper" / "ru" / "50.advertising.md", "{{advertising.total_volume}}", "пятьдесят млрд тенге"
    )
    log = run_fails(project)
    assert "paper/ru/50.advertising.md: placeholder advertising.total_volume is missing (1x)" in log
    assert "the English has it at paper/en/50.advertising.md:4" in log


def test_missing_citation_key(project_copy):
    project = project_copy()
    for lang in ("en", "kk", "ru"):
        edit(project / "paper" / lang / "60.conclusion.md", "\n", " [@nobody2020]\n")
    log = run_fails(project, "build/paper.en.pdf")
    assert "paper/en/60.conclusion.md:1: unknown citation key 'nobody2020'" in log


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_failure_leaves_other_outputs_untouched(built_copy):
    """The PDF jobs themselves fail: the previous PDFs stay byte for byte (datapaper.lastgood),
    nothing partial, other targets' outputs untouched."""
    project = built_copy()
    up_to_date = snakemake("-n", cwd=project)
    assert "Nothing to be done" in up_to_date.stdout + up_to_date.stderr, "the copy is built already"
    before = {p.name: digest(p) for p in (project / "build").glob("paper.*.pdf")}
    others = {
        p: digest(p) for p in [*(project / "build" / "figures").iterdir(), project / "build" / "numbers.json"]
    }
    edit(
        project / "scripts" / "datapaper" / "resources" / "templates" / "paper.typ",
        "#set page(",
        "#set page((",
    )
    result = snakemake("--keep-going", cwd=project)
    assert result.returncode != 0
    assert "build/en/paper.typ" in result.stdout + result.stderr
    # the last good PDFs stay in place, named as an earlier build's, and are made again next
    assert {p.name: digest(p) for p in (project / "build").glob("paper.*.pdf")} == before
    assert (
        "Kept from an earlier build (their jobs failed or did not run; the next run makes them again):"
        in result.stderr
    )
    assert not list((project / "build").rglob("*.partial"))
    assert {p: digest(p) for p in others} == others, "outputs of other targets changed"
    edit(
        project / "scripts" / "datapaper" / "resources" / "templates" / "paper.typ",
        "#set page((",
        "#set page(",
    )
    assert snakemake(cwd=project).returncode == 0
    assert {p.name: digest(p) for p in (project / "build").glob("paper.*.pdf")} == before


def test_missing_figure_string_stops_the_figure(project_copy):
    project = project_copy()
    strings = project / "figures" / "strings" / "kk.yaml"
    data = yaml.safe_load(strings.read_text(encoding="utf-8"))
    del data["network_audiences"]["xlabel"]
    strings.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    log = run_fails(project, "build/figures/network_audiences.en.png")
    assert "figures/strings/kk.yaml: missing string 'network_audiences.xlabel'" in log
    assert not list((project / "build" / "figures").glob("network_audiences.*"))


def test_appendix_of_an_edition_that_does_not_exist(project_copy):
    project = project_copy()
    edit(project / "config" / "config.yaml", "appendix: [en, kk, ru]", "appendix: [en, kk, de]")
    log = run_fails(project)
    assert "config/config.yaml: appendix names 'de', which is not an edition" in log


# Data as users have it, through Snakemake on the fixture paper: the message comes last,
# once, as `file:line: problem — fix`, with no traceback; a later good run repeats nothing.

FIXTURE = FIXTURES / "city_bikes"


def test_bad_input_is_told_once_at_the_end(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "city_bikes")
    table = project / "data" / "raw" / "city_rides.csv"
    good = table.read_bytes()
    table.write_bytes(good.replace(b"id,rides,year", b"id,rides,rides", 1))
    result = snakemake("build/numbers.json", cwd=project)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in log
    message = (
        "data/raw/city_rides.csv:1: the header names column `rides` twice (columns 2 and 3) — "
        "rename or delete one of them"
    )
    end = log.split("Exiting because a job execution failed")[-1]
    assert f"The build stopped on bad input (1 problem):\n{message}\n" in end
    assert not (project / "build" / "numbers.json").exists()
    assert not list((project / "build").rglob("*.partial"))
    table.write_bytes(good)
    assert snakemake("build/numbers.json", cwd=project).returncode == 0
    assert not list((project / "build" / "errors").iterdir()), "an old message is kept"


def test_a_text_not_in_utf8_is_named_and_other_outputs_stay(fixture_numbers, tmp_path):
    project = copy_built(fixture_numbers, tmp_path / "city_bikes")
    numbers = digest(project / "build" / "numbers.json")
    section = project / "paper" / "de" / "20.results.md"
    text = section.read_text(encoding="utf-8")
    section.write_bytes(text.encode("cp1252"))
    line = next(n for n, content in enumerate(text.splitlines(), start=1) if not content.isascii())
    result = snakemake("build/de/values.json", cwd=project)
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in log
    end = log.split("The build stopped on bad input (1 problem):\n")[-1]
    assert end.startswith(f"paper/de/20.results.md:{line}: the file is not UTF-8 (it looks like cp125"), end
    assert "re-save it as UTF-8 (in an editor: save with encoding UTF-8)" in end
    assert not (project / "build" / "de" / "values.json").exists()
    assert digest(project / "build" / "numbers.json") == numbers


def test_a_repeated_key_in_the_config_is_refused(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "city_bikes")
    config = project / "config" / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "engine: latex\n", encoding="utf-8")
    log = run_fails(project, "-n")
    assert "config/config.yaml:17: key 'engine' appears twice (first on line 9)" in log


def test_audit_in_the_appendix_of_an_edition_that_does_not_exist(project_copy):
    project = project_copy()
    edit(project / "config" / "config.yaml", "audit_in_appendix: [en]", "audit_in_appendix: [de]")
    log = run_fails(project)
    assert "config/config.yaml: audit_in_appendix names 'de', which is not an edition" in log
