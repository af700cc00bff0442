"""filters/sections.lua with datapaper.render.pandoc.read_once: the sections the engine
writes, read once by pandoc and spliced after the text as JSON, give the document that
reading them with the text gives, whatever the text holds (citations, footnotes with
citations, none), and the reading is kept by content."""

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pypandoc
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from datapaper import resource  # noqa: E402
from datapaper.render import pandoc as render_pandoc  # noqa: E402

PANDOC = pypandoc.get_pandoc_path()
DEFAULTS = str(resource("defaults", "common.yaml"))

BODIES = {
    "plain": "# Intro\n\nA sentence, no citation.\n",
    "citations": "# Intro\n\nOne [@a]. Two [@b; @c] and @d says so.\n\n## Intro\n\nAgain [@a].\n",
    "footnotes": "Text[^1] then [@a].\n\n[^1]: A note citing [@b; @c].\n\nMore[^2].\n\n[^2]: Plain.\n",
}
SECTIONS = {
    "table": (
        "# Where the numbers come from {#sec:appendix .unnumbered}\n\n"
        "| Value | Number | Reference |\n|:--|:--|:--|\n"
        "| [23\\.2\\%]{.value} | a\\.​b | [@a] |\n| [2019]{.value} | c\\_d | [@b; @c] |\n"
    ),
    "findings": (
        "# Where the numbers disagree {#sec:audit .unnumbered}\n\n"
        '**Inconsistent**: "quoted" -- [6\\%]{.value} vs [37\\.5\\%]{.value} [@d].\n\n'
        "## Tensions {#sec:audit-tensions}\n"
    ),
    "none": "# Notes {#sec:notes}\n\nNothing cited here.\n",
}


def pandoc_json(*args: str, cwd: Path) -> dict:
    result = subprocess.run(
        [PANDOC, "--from", "markdown+smart", "--to", "json", *args], cwd=cwd, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


CASES = [
    (body, sections)
    for body in BODIES
    for count in (1, 2)
    for sections in itertools.permutations(SECTIONS, count)
]


@pytest.mark.parametrize(("body", "sections"), CASES, ids=["+".join((b, *s)) for b, s in CASES])
def test_the_spliced_sections_read_as_one_reading_of_all(tmp_path, monkeypatch, body, sections):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "body.md").write_text(BODIES[body], encoding="utf-8")
    generated = []
    for name in sections:
        (tmp_path / f"{name}.md").write_text(SECTIONS[name], encoding="utf-8")
        generated.append(f"{name}.md")
    whole = pandoc_json("body.md", *generated, cwd=tmp_path)
    parsed = render_pandoc.read_once(PANDOC, [DEFAULTS], generated)
    split = pandoc_json(
        "body.md",
        *(arg for path in parsed.values() for arg in ("-M", f"generated-sections={path}")),
        "--lua-filter",
        str(resource("filters", "sections.lua")),
        cwd=tmp_path,
    )
    assert split == whole


def test_a_reading_is_kept_by_content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    section = tmp_path / "build" / "en" / "appendix.md"
    section.parent.mkdir(parents=True)
    section.write_text(SECTIONS["table"], encoding="utf-8")
    first = render_pandoc.read_once(PANDOC, [DEFAULTS], [str(section)])[str(section)]
    kept = Path(first).read_bytes()
    assert json.loads(kept)["blocks"][0]["t"] == "Header"

    def refuse(*args, **kwargs):
        raise AssertionError("pandoc ran again on a content it had read")

    monkeypatch.setattr(render_pandoc.subprocess, "run", refuse)
    assert render_pandoc.read_once(PANDOC, [DEFAULTS], [str(section)])[str(section)] == first
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)

    section.write_text(SECTIONS["findings"], encoding="utf-8")
    second = render_pandoc.read_once(PANDOC, [DEFAULTS], [str(section)])[str(section)]
    assert second != first
    assert not Path(first).exists(), "the reading of the old content is left behind"
    assert json.loads(Path(second).read_bytes())["blocks"][0]["c"][1][0] == "sec:audit"


def spliced(tmp_path, body: str, section: str) -> subprocess.CompletedProcess:
    (tmp_path / "body.md").write_text(body, encoding="utf-8")
    (tmp_path / "section.md").write_text(section, encoding="utf-8")
    parsed = render_pandoc.read_once(PANDOC, [DEFAULTS], ["section.md"])
    return subprocess.run(
        [
            PANDOC,
            "--from",
            "markdown+smart",
            "--to",
            "json",
            "body.md",
            "-M",
            f"generated-sections={parsed['section.md']}",
            "-M",
            "generated-sources=section.md",
            "--lua-filter",
            str(resource("filters", "sections.lua")),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_a_heading_of_the_text_with_the_sections_identifier_stops_pandoc(tmp_path, monkeypatch):
    """As one reading does ("Duplicate identifier"), with the fail-if-warnings of the build."""
    monkeypatch.chdir(tmp_path)
    result = spliced(
        tmp_path, "# Where {#sec:appendix}\n\ntext\n", "# Numbers {#sec:appendix .unnumbered}\n\nx\n"
    )
    assert result.returncode != 0
    assert "duplicate identifier 'sec:appendix'" in result.stderr
    # An identifier made from a heading's text counts too: "# Numbers" is #numbers.
    result = spliced(tmp_path, "# Numbers\n\ntext\n", "# Where {#numbers}\n\nx\n")
    assert "duplicate identifier 'numbers'" in result.stderr


def test_a_generated_heading_without_an_identifier_stops_pandoc(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = spliced(tmp_path, "# Intro\n\ntext\n", "# Intro\n\nx\n")
    assert result.returncode != 0
    assert "has no identifier" in result.stderr and "section.md" in result.stderr


def test_a_section_pandoc_warns_about_names_its_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    section = tmp_path / "audit.md"
    section.write_text("See [a].\n\n[a]: https://one.example\n[a]: https://two.example\n", encoding="utf-8")
    with pytest.raises(render_pandoc.PandocError, match="audit.md"):
        render_pandoc.read_once(PANDOC, [DEFAULTS], [str(section)])
    assert not list((tmp_path / "build").rglob("*.json"))


def test_the_reader_is_the_last_defaults_file_that_names_one(tmp_path):
    (tmp_path / "a.yaml").write_text("from: markdown+smart\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("to: typst\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("reader: commonmark_x\n", encoding="utf-8")
    assert render_pandoc.reader([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]) == "markdown+smart"
    assert render_pandoc.reader([str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yaml")]) == "commonmark_x"
    assert render_pandoc.reader([str(tmp_path / "b.yaml")]) == "markdown"


def test_generated_sections_come_after_the_text():
    command = render_pandoc.pandoc_command(
        PANDOC, [DEFAULTS], "m.yaml", "s.csl", "", ["tests/filters/cases/dashes.md"], "o", "r.yaml"
    )
    assert "generated-sections" not in " ".join(command)
    with pytest.raises(ValueError, match="not the last texts"):
        render_pandoc.pandoc_command(
            PANDOC,
            [DEFAULTS],
            "m.yaml",
            "s.csl",
            "",
            ["tests/filters/cases/dashes.md", "tests/filters/cases/figures.md"],
            "o",
            "r.yaml",
            {"tests/filters/cases/dashes.md": "x.json"},
        )
