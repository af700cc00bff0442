"""The engine builds a second paper, tests/fixtures/city_bikes (another field, another
currency, English, German and Ukrainian), with only the content folders and config replaced."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, ROOT, copy_project, fold, pdf_text, snakemake

FIXTURE = FIXTURES / "city_bikes"
CONFIG = yaml.safe_load((FIXTURE / "config" / "config.yaml").read_text(encoding="utf-8"))
LANGUAGES = CONFIG["languages"]
EDITIONS = [*LANGUAGES, "journal"]


# The fixture paper's builds (fixture_run, fixture_build, fixture_all) are conftest's, once per test run.


def test_it_is_another_paper_with_the_same_snakefile():
    assert (FIXTURE / "Snakefile").read_bytes() == (ROOT / "Snakefile").read_bytes()
    assert not (FIXTURE / "scripts" / "datapaper").exists(), (
        "the fixture uses the engine, it does not copy it"
    )
    # English, German (no grammar module) and Ukrainian (datapaper/grammar/uk.py, which the
    # engine gained without a change to its generic code)
    assert LANGUAGES == ["en", "de", "uk"]
    schema = yaml.safe_load((FIXTURE / "data" / "schema.yaml").read_text(encoding="utf-8"))["tables"]
    assert 2 <= len(schema) <= 3
    assert any(spec.get("rank_by") for spec in schema.values()), "a ranking"
    assert any(spec.get("sum") for spec in schema.values()), "a share sum"
    units = yaml.safe_load((FIXTURE / "data" / "units.yaml").read_text(encoding="utf-8"))
    assert any(u["kind"] == "currency" and "tenge" not in name for name, u in units.items())
    assert len(yaml.safe_load((FIXTURE / "config" / "figures.yaml").read_text(encoding="utf-8"))) == 1


def test_the_default_target_makes_the_pdfs_and_nothing_a_pdf_does_not_need(fixture_run):
    """Its config names no `formats`: the default target is the PDF of every edition, whose
    figures are SVG (Typst's), drawn once with their layout; no Word, web page, LaTeX
    package, PNG or PDF figure."""
    project, result = fixture_run
    build = project / "build"
    for edition in EDITIONS:
        assert (build / f"paper.{edition}.pdf").stat().st_size > 5000, edition
    assert not [p.name for p in build.glob("paper.*") if p.suffix in (".docx", ".html")]
    assert not (build / "submission").exists()
    # Drawings only: each figure's description (<name>.<lang>.alt.json) is text for every
    # format, and its layout (<name>.layout.pickle) what a print format would be saved from.
    figures = {p.suffix for p in (build / "figures").iterdir() if not p.name.endswith(".alt.json")}
    assert figures == {".svg", ".pickle"}, figures
    for lang in LANGUAGES:
        assert list((build / "figures").glob(f"*.{lang}.svg")), lang
    assert (build / "ledger.csv").exists() and (build / "audit.json").exists()


def test_all_makes_every_format_and_redoes_nothing_the_pdfs_made(fixture_all):
    project, result = fixture_all
    build = project / "build"
    for edition in EDITIONS:
        for path in (f"paper.{edition}.docx", f"paper.{edition}.html", f"submission/{edition}.zip"):
            assert (build / path).stat().st_size > 5000, path
    for lang in LANGUAGES:
        for ext in ("svg", "pdf", "png"):
            assert list((build / "figures").glob(f"*.{lang}.{ext}")), (lang, ext)
    log = result.stdout + result.stderr
    ran = set(re.findall(r"^(?:local)?rule (\w+):", log, re.M))
    assert ran and not ran & {"group_numbers", "numbers", "placeholder_values", "edition_pdf", "audit"}, ran
    assert {"edition_docx", "edition_html", "edition_submission"} <= ran, ran


def test_the_build_ends_by_saying_what_it_made(fixture_run):
    """The closing summary: each edition with its size under the target that made it, the
    figures, the numbers and placeholders per language, the audit's verdicts and the
    translations, after every job; and how to ask for the other formats."""
    project, result = fixture_run
    summary = result.stdout[result.stdout.index("PDF (`snakemake --cores 4 pdf`, the default):") :]
    for edition in EDITIONS:
        size = (project / "build" / f"paper.{edition}.pdf").stat().st_size
        assert re.search(rf"^  build/paper\.{edition}\.pdf +{size / 1024:.1f} KB$", summary, re.M), edition
    numbers = json.loads((project / "build" / "numbers.json").read_text(encoding="utf-8"))
    assert f"Numbers: {len(numbers)} computed" in summary
    for lang in LANGUAGES:
        values = json.loads((project / "build" / lang / "values.json").read_text(encoding="utf-8"))
        assert (
            f"{lang} {len(values['ledger'])}" in summary.split("placeholders in the text:")[1].splitlines()[0]
        )
    audit = json.loads((project / "build" / "audit.json").read_text(encoding="utf-8"))
    for status, count in audit["summary"].items():
        if count:
            assert f"{count} {status}" in summary
    assert "Translations: every section is reviewed" in summary
    assert "Rule:" not in summary, "the summary comes after the last job"
    assert "More: `snakemake --cores 4 <target>` with `docx` (Word)" in summary


def test_all_ends_by_listing_every_format_under_its_target(fixture_all):
    project, result = fixture_all
    for heading in (
        "PDF (`snakemake --cores 4 pdf`, the default):",
        "Word (`snakemake --cores 4 docx`):",
        "web pages (`snakemake --cores 4 html`):",
        "LaTeX packages for a journal (`snakemake --cores 4 submission`):",
    ):
        assert heading in result.stdout, heading
    assert "More:" not in result.stdout


def test_a_second_run_has_nothing_to_do(fixture_build):
    result = snakemake("-n", cwd=fixture_build)
    assert "Nothing to be done" in result.stdout + result.stderr


def test_its_numbers_match_its_data(fixture_build):
    """Read from the fixture's CSV files directly: its ranking and its sum."""
    import csv
    from decimal import Decimal

    computed = json.loads((fixture_build / "build" / "numbers.json").read_text(encoding="utf-8"))
    schema = yaml.safe_load((FIXTURE / "data" / "schema.yaml").read_text(encoding="utf-8"))["tables"]
    for name, spec in schema.items():
        with (FIXTURE / "data" / "raw" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        prefix = spec["prefix"]
        for row in rows:
            for column in spec["values"]:
                key = (
                    f"{prefix}.{row['id']}" if len(spec["values"]) == 1 else f"{prefix}.{row['id']}.{column}"
                )
                assert Decimal(str(computed[key]["value"])) == Decimal(row[column]), key
        if spec.get("rank_by") and spec.get("rank_order", "descending") == "descending":
            top = max(rows, key=lambda r: Decimal(r[spec["rank_by"]]))
            assert computed[f"{prefix}.rank1"]["value"] == top[spec.get("rank_name", "id")]
        if spec.get("sum"):
            total = sum(Decimal(r[spec["sum"]]) for r in rows)
            assert Decimal(str(computed[f"{prefix}.sum"]["value"])) == total


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_value_is_in_its_pdf(fixture_build, lang):
    values = json.loads((fixture_build / "build" / lang / "values.json").read_text(encoding="utf-8"))[
        "values"
    ]
    assert values
    text = pdf_text(fixture_build / "build" / f"paper.{lang}.pdf")
    missing = [v for v in values.values() if fold(v) not in text]
    assert not missing, missing


def test_each_language_writes_numbers_its_own_way(fixture_build):
    other = next(lang for lang in LANGUAGES if lang != "en")
    en = json.loads((fixture_build / "build" / "en" / "values.json").read_text(encoding="utf-8"))["values"]
    de = json.loads((fixture_build / "build" / other / "values.json").read_text(encoding="utf-8"))["values"]
    decimals = [key for key, text in en.items() if re.search(r"\d\.\d", text)]
    assert decimals, "the fixture states a number with decimals"
    for key in decimals:
        assert re.search(r"\d,\d", de[key]), (key, en[key], de[key])


def test_the_fixture_names_nothing_of_this_paper():
    words = ["kazakhstan", "tenge", "vkontakte", "instagram", "facebook", "twitter", "ecommerce"]
    found = []
    for path in FIXTURE.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".md", ".yaml", ".csv", ".rst", ".smk"}:
            text = path.read_text(encoding="utf-8").lower()
            found += [f"{path.relative_to(FIXTURE)}: {w}" for w in words if w in text]
    assert not found, found


def test_translation_review_works_in_the_fixture(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "city_bikes")
    other = next(lang for lang in LANGUAGES if lang != CONFIG["source_language"])
    result = subprocess.run(
        [sys.executable, "-m", "datapaper", "translations", "check", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert other in result.stdout


def test_its_own_code_is_its_jobs_input(fixture_build):
    """The fixture's derivations, not this repository's paper package beside the engine."""
    dry = snakemake("-n", "--forceall", cwd=fixture_build)
    log = dry.stdout + dry.stderr
    assert "scripts/paper/derivations.py" in log
    assert str(ROOT / "scripts" / "paper") not in log, "a job of the fixture depends on the main paper's code"
    path = fixture_build / "scripts" / "paper" / "derivations.py"
    before, text = path.stat(), path.read_bytes()
    path.write_bytes(text + b"\n# changed\n")
    try:
        result = snakemake("-n", cwd=fixture_build)
    finally:
        path.write_bytes(text)  # as it was, its time too: the other tests do not depend on order
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert re.search(r"^rule group_numbers:", result.stdout + result.stderr, re.M)


@pytest.mark.parametrize(
    ("target", "config", "saved"),
    [
        ("pdf", [], set()),  # Typst embeds the SVG
        ("pdf", ["--config", "engine=latex"], {"pdf"}),  # XeLaTeX embeds PDF
        ("html", [], set()),  # the SVG, inline in the web page
        ("docx", [], {"png"}),  # a print raster for Word
        ("submission", [], {"pdf"}),  # the LaTeX package
        ("all", [], {"pdf", "png"}),
    ],
)
def test_each_target_saves_its_figures_only_in_the_format_it_embeds(fixture_build, target, config, saved):
    """A figure is drawn once, which writes its SVG and its layout; a print format (PDF, PNG)
    is saved from the layout only when a file of the target embeds it."""
    result = snakemake("-n", "--forceall", target, *config, cwd=fixture_build)
    assert result.returncode == 0, result.stdout + result.stderr
    outputs = [
        path
        for line in re.findall(r"^    output: (.+)$", result.stdout, re.M)
        for path in line.split(", ")
        if path.startswith("build/figures/")
    ]
    assert outputs, result.stdout
    drawings = {Path(path).suffix.lstrip(".") for path in outputs if not path.endswith(".alt.json")}
    assert drawings == {"svg", "pickle"} | saved  # descriptions (.alt.json) are text


def test_ukrainian_counted_nouns_and_names_agree_in_the_pdf(fixture_build):
    """The Ukrainian text counts with noun= and declines names with case=; the PDF shows
    the forms the data's numbers need (4,6 млн поїздок after a scale word, 2,14 раза for a
    fraction, the cities declined)."""
    values = json.loads((fixture_build / "build" / "uk" / "values.json").read_text(encoding="utf-8"))[
        "values"
    ]
    assert values["{{rides.rank1.rides|compact|noun=ride}}"] == "4,6\u00a0млн\u00a0поїздок"
    assert values["{{rides.first_to_last|noun=time}}"] == "2,14\u00a0раза"
    # the genitive from the dictionary, the locative after «у» as the lexicon declares it
    assert values["{{rides.rank1|case=gen}}"] == "Мюнхена" and values["{{rides.rank3|case=loc}}"] == "Цюриху"
    text = pdf_text(fixture_build / "build" / "paper.uk.pdf")
    for phrase in ("системаМюнхена:4,6млнпоїздок", "у2,14разабільше,ніжуЦюриху"):
        assert phrase in text, phrase
