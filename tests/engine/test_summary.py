"""The closing summary a build prints (datapaper.summary), on a made-up build folder."""

import json
from pathlib import Path

from datapaper.summary import size_text, summary


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
        ["build/paper.en.pdf", "build/paper.de.pdf"],
        ["build/figures/rides.en.svg", "build/figures/rides.en.png", "build/figures/rides.de.svg"],
        ["en", "de"],
    )
    assert "build/paper.en.pdf" in text and "2.0 KB" in text
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
    text = summary([], [], ["en", "de"])
    assert "Translations: 1 stale section(s)" in text
    assert "  paper/de/10.intro.md" in text


def test_an_empty_build_says_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert summary(["build/paper.en.pdf"], [], ["en"]) == ""
