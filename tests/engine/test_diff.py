"""The revision diff's parts (datapaper/diff.py): the word diff with values spliced in, the
counts per section, why a number changed, labels from the language, and a clear stop for
a revision git does not know. (A whole diff of the fixture paper: tests/builds/test_revision_diff.py.)"""

import subprocess
from pathlib import Path

import pytest
from datapaper.diff import (
    LABELS,
    DiffError,
    Piece,
    check_labels,
    diff_markdown,
    display_line,
    reasons_for,
    resolve_revision,
    section_diff,
    word_diff,
)
from helpers import FIXTURES, copy_project, snakemake

LABEL_TEXTS = {name: f"<{name}>" for name in LABELS} | {"number": "<number>", "diff_title": "Since {base}"}


def git_project(folder: Path) -> Path:
    """The fixture paper as a git repository with one commit, tagged v1."""
    project = copy_project(FIXTURES / "city_bikes", folder / "city_bikes")
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-qm", "v1"],
        ["tag", "v1"],
    ):
        subprocess.run(["git", *command], cwd=project, check=True, capture_output=True)
    return project


def test_a_changed_word_is_removed_and_added_and_the_rest_stays():
    pieces = word_diff("The busiest scheme.", "The largest scheme.", {}, {})
    assert pieces == [
        Piece("same", "The "),
        Piece("removed", "busiest"),
        Piece("added", "largest"),
        Piece("same", " scheme."),
    ]


def test_a_placeholder_shows_its_value_and_a_changed_value_old_to_new():
    old = {"{{a.b}}": "4.6 million", "{{c.d}}": "2"}
    new = {"{{a.b}}": "4.7 million", "{{c.d}}": "2"}
    pieces = word_diff("With {{a.b}} rides, {{c.d}} times.", "With {{a.b}} rides, {{c.d}} times.", old, new)
    assert Piece("changed", "4.7 million", "4.6 million") in pieces
    assert "".join(p.text for p in pieces) == "With 4.7 million rides, 2 times."


def test_sections_count_changed_sentences_and_changed_numbers():
    old = ["# Results", "", "First {{a.b}}.", "Second sentence.", "Third."]
    new = ["# Results", "", "First {{a.b}}.", "Second line, reworded.", "Third.", "A new one."]
    section = section_diff("20.results.md", old, new, {"{{a.b}}": "1"}, {"{{a.b}}": "2"})
    assert section.title == "Results"
    assert (section.sentences, section.numbers) == (2, 1)
    unchanged = section_diff("x.md", old, old, {"{{a.b}}": "1"}, {"{{a.b}}": "1"})
    assert (unchanged.sentences, unchanged.numbers) == (0, 0)


def test_lines_are_compared_as_a_reader_sees_them():
    assert (
        display_line("![Rides in {{r.year}}.](build/figures/r.en){#fig:r width=100%}")
        == "Rides in {{r.year}}."
    )
    assert display_line("# References {.unnumbered}") == "# References"
    assert display_line("::: {#refs}") == ""


def test_the_reason_is_the_raw_row_that_changed_else_the_method_else_the_code():
    row = {"file": "data/raw/t.csv", "line": 2, "id": "x"}
    old_rows = {("data/raw/t.csv", "x"): (2, {"id": "x", "n": "1"})}
    new_rows = {("data/raw/t.csv", "x"): (2, {"id": "x", "n": "3"})}
    old = {"value": 1, "method": "stated", "rows": [row]}
    (reason,) = reasons_for(old, {**old, "value": 3}, old_rows, new_rows)
    assert (reason.kind, reason.where, reason.cells) == (
        "row_changed",
        "data/raw/t.csv:2 (x)",
        (("n", "1", "3"),),
    )
    (reason,) = reasons_for(old, {**old, "value": 2, "method": "mean"}, old_rows, old_rows)
    assert reason.kind == "method"
    (reason,) = reasons_for(old, {**old, "value": 2}, old_rows, old_rows)
    assert reason.kind == "computation"


def test_no_change_says_so_in_the_language():
    text = diff_markdown(
        LABEL_TEXTS, "v1", [section_diff("a.md", ["Same."], ["Same."], {}, {})], [], [], {}, {}
    )
    assert "Since v1" in text and "\\<diff\\_no\\_change\\>" in text and "<diff_summary>" not in text


def test_text_from_the_data_is_escaped():
    section = section_diff("a.md", ["A {{n.x}}."], ["A {{n.x}}."], {"{{n.x}}": "*x*"}, {"{{n.x}}": "[y](z)"})
    text = diff_markdown(LABEL_TEXTS, "v1", [section], [], [], {}, {})
    assert "\\*x\\*" in text and "\\[y\\]\\(z\\)" in text


def test_a_language_without_the_diff_labels_is_named():
    with pytest.raises(DiffError, match=r"paper/xx/metadata.yaml: .*diff_summary"):
        check_labels({"labels": {"diff_title": "x"}}, "paper/xx/metadata.yaml")


def test_every_language_of_the_fixture_has_the_labels():
    import yaml

    for path in sorted((FIXTURES / "city_bikes" / "paper").glob("*/metadata.yaml")):
        check_labels(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


@pytest.mark.slow  # a Snakemake run, 2 s
def test_an_unknown_revision_stops_with_a_clear_message(tmp_path):
    project = git_project(tmp_path)
    assert resolve_revision("v1", project) == resolve_revision("HEAD", project)
    result = snakemake("diff", "--config", "diff_base=no-such-tag", cwd=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "diff_base=no-such-tag: unknown revision" in output, output
    assert not (project / "build" / "diff").exists()


@pytest.mark.slow  # a Snakemake run, 2 s
def test_the_diff_without_a_base_says_how_to_give_one(tmp_path):
    project = copy_project(FIXTURES / "city_bikes", tmp_path / "city_bikes")
    result = snakemake("-n", "diff", cwd=project)
    assert result.returncode != 0
    assert "diff --config diff_base=REV" in result.stdout + result.stderr
