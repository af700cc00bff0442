"""The closing summary a build prints (datapaper.summary), on a made-up build folder."""

import json
from pathlib import Path

import pytest
from datapaper.summary import requested, size_text, summary


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_sizes_read_as_people_read_them():
    assert size_text(0) == "0 B"
    assert size_text(1023) == "1023 B"
    assert size_text(1024) == "1.0 KB"
    assert size_text(1536) == "1.5 KB"
    assert size_text(5 * 1024 * 1024) == "5.0 MB"
    assert size_text(3 * 1024**3) == "3072.0 MB"


def test_it_lists_what_exists_with_sizes_and_counts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build = Path("build")
    write(build / "paper.en.pdf", "x" * 2048)
    write(build / "figures" / "rides.en.svg", "x" * 100)
    write(build / "figures" / "rides.en.png", "x" * 100)
    write(build / "numbers.json", json.dumps({"a": 1, "b": 2, "c": 3}))
    write(build / "en" / "values.json", json.dumps({"ledger": [{}, {}]}))
    write(build / "de" / "values.json", json.dumps({"ledger": [{}]}))
    write(build / "audit.json", json.dumps({"summary": {"inconsistent": 2, "consistent": 0, "tension": 1}}))
    write(build / "audit.html", "<html></html>")
    write(build / "translations.json", "[]")
    text = summary(
        ["pdf"],
        {"pdf": ["build/paper.en.pdf", "build/paper.de.pdf"], "docx": ["build/paper.en.docx"]},
        ["build/figures/rides.en.svg", "build/figures/rides.en.png", "build/figures/rides.de.svg"],
        ["en", "de"],
    )
    assert "PDF (`snakemake --cores 4 pdf`, the default):\n  build/paper.en.pdf" in text and "2.0 KB" in text
    assert "paper.de.pdf" not in text, "a file the build did not make is not listed"
    assert "build/figures/: 1 figures, 2 files, 200 B" in text
    assert "Numbers: 3 computed (build/numbers.json); placeholders in the text: en 2, de 1" in text
    assert "Audit: 2 inconsistent, 1 tension (report: build/audit.html)" in text
    assert "Translations: every section is reviewed" in text


def test_it_names_each_stale_translation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        Path("build/translations.json"),
        json.dumps([{"language": "de", "section": "10.intro.md", "file": "paper/de/10.intro.md"}]),
    )
    text = summary([], {}, [], ["en", "de"])
    assert "Translations: 1 stale section(s)" in text
    assert "  paper/de/10.intro.md" in text


def test_it_warns_of_what_the_typography_check_found_in_the_pdfs(tmp_path, monkeypatch):
    """The typography check's findings (build/<edition>/typography.json, the PDF job's) are a warning in the summary:
    the first few, and where the rest are; a clean edition and an absent PDF say nothing."""
    monkeypatch.chdir(tmp_path)
    pdfs = ["build/paper.en.pdf", "build/paper.fr.pdf", "build/paper.de.pdf"]
    for pdf in pdfs[:2]:
        write(Path(pdf), "%PDF")
    found = [f"build/paper.fr.pdf: page 1: 'Résumé: x': problem {n}" for n in range(10)]
    write(Path("build/en/typography.json"), "[]")
    write(Path("build/fr/typography.json"), json.dumps(found))
    write(Path("build/de/typography.json"), json.dumps(["stale: its PDF is gone"]))
    text = summary(["pdf"], {"pdf": pdfs}, [], ["en", "fr", "de"])
    assert "Typography: 10 warning(s) in the PDFs" in text
    assert "  build/paper.fr.pdf: page 1: 'Résumé: x': problem 7\n" in text and "problem 8" not in text
    assert "... 2 more in build/fr/typography.json" in text
    assert "stale" not in text
    write(Path("build/fr/typography.json"), "[]")
    assert "Typography" not in summary(["pdf"], {"pdf": pdfs}, [], ["en", "fr", "de"])


def test_an_empty_build_says_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert summary(["pdf"], {"pdf": ["build/paper.en.pdf"]}, [], ["en"]) == ""


FILES = {
    "pdf": ["build/paper.en.pdf"],
    "docx": ["build/paper.en.docx"],
    "html": ["build/paper.en.html"],
    "submission": ["build/submission/en.zip"],
}


@pytest.mark.parametrize(
    ("targets", "formats"),
    [
        ((), ["pdf"]),
        (("all",), ["pdf", "docx", "html", "submission"]),
        (("docx",), ["docx"]),
        (("html", "submission"), ["html", "submission"]),
        (("build/paper.en.docx",), ["docx"]),
        (("build/numbers.json",), []),
    ],
)
def test_the_formats_a_run_was_asked_for(targets, formats):
    assert requested(targets, ["pdf"], FILES) == formats


def test_a_config_default_of_more_formats_is_what_a_plain_run_asks_for():
    assert requested((), ["pdf", "html"], FILES) == ["pdf", "html"]


def test_it_says_which_target_made_what_and_how_to_ask_for_the_rest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for files in FILES.values():
        write(Path(files[0]), "x" * 100)
    write(Path("build/numbers.json"), "{}")
    text = summary(["pdf"], FILES, [], ["en"])
    assert "PDF (`snakemake --cores 4 pdf`, the default):" in text
    assert "paper.en.docx" not in text, "a format this run did not make is not listed, even if present"
    assert text.rstrip().endswith(
        "More: `snakemake --cores 4 <target>` with `docx` (Word), `html` (web pages), "
        "`submission` (LaTeX packages for a journal); `all` makes every format."
    )
    everything = summary(list(FILES), FILES, [], ["en"])
    assert "Word (`snakemake --cores 4 docx`):\n  build/paper.en.docx" in everything
    assert "LaTeX packages for a journal (`snakemake --cores 4 submission`):" in everything
    assert "More:" not in everything
