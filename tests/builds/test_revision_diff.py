"""The diff against a revision, end to end on the fixture paper: one changed cell and one
changed sentence are listed with exactly their dependent numbers and figure, in every
language and in its own words; the base is built once and kept by commit; no change
says so."""

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, copy_project, pdf_text, snakemake

FIXTURE = FIXTURES / "city_bikes"
CONFIG = yaml.safe_load((FIXTURE / "config" / "config.yaml").read_text(encoding="utf-8"))
EDITIONS = [*CONFIG["languages"], "journal"]
SOURCE = CONFIG["source_language"]


def git(project: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args]
    return subprocess.run(command, cwd=project, check=True, capture_output=True, text=True).stdout


def numbers_of(build: Path) -> dict:
    return json.loads((build / "numbers.json").read_text(encoding="utf-8"))


def labels(lang: str) -> dict:
    return yaml.safe_load((FIXTURE / "paper" / lang / "metadata.yaml").read_text(encoding="utf-8"))["labels"]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def section(markdown: str, heading: str) -> list[str]:
    """The lines of a level-2 section of the diff's Markdown, unescaped."""
    lines, inside = [], False
    for line in markdown.splitlines():
        if line.startswith("## "):
            inside = unescape(line[3:]) == heading
        elif inside and line.strip():
            lines.append(unescape(line))
    return lines


@pytest.fixture(scope="module")
def diffed(tmp_path_factory) -> tuple[Path, dict, dict]:
    """The fixture in a git repository, tagged v1, then one cell and one English sentence
    changed and the diff against v1 made; returns the project and both revisions' numbers
    (as each revision's own build computed them)."""
    project = copy_project(FIXTURE, tmp_path_factory.mktemp("diff") / "city_bikes")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "v1")
    git(project, "tag", "v1")
    table = project / "data/raw/city_rides.csv"
    table.write_text(
        table.read_text(encoding="utf-8").replace("munich,4600000", "munich,4700000"), encoding="utf-8"
    )
    results = project / "paper" / SOURCE / "20.results.md"
    text = results.read_text(encoding="utf-8")
    assert "the busiest scheme" in text
    results.write_text(text.replace("the busiest scheme", "the largest scheme"), encoding="utf-8")
    result = snakemake("diff", "--config", "diff_base=v1", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    sha = git(project, "rev-parse", "v1").strip()
    return (
        project,
        numbers_of(project / "build" / "diff-cache" / sha / "build"),
        numbers_of(project / "build"),
    )


@pytest.mark.slow
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_diff_lists_the_changed_cell_its_dependents_and_the_sentence(diffed, edition):
    project, old, new = diffed
    expected = sorted(
        k for k in set(old) | set(new) if old.get(k, {}).get("value") != new.get(k, {}).get("value")
    )
    # The cell, the ranking's number that is Munich's, and the ratio of the first to the last.
    assert {"rides.munich", "rides.rank1.rides", "rides.first_to_last"} <= set(expected)
    assert "rides.vienna" not in expected
    lang = edition if edition != "journal" else CONFIG["journal"]["body_language"]
    words = labels(lang)
    markdown = (project / "build" / "diff" / f"{edition}.md").read_text(encoding="utf-8")
    rows = section(markdown, words["diff_numbers"])[2:]
    assert sorted(row.split(" | ")[0].strip("| ") for row in rows) == expected
    for row in rows:
        assert (
            f"{words['diff_row_changed']} data/raw/city_rides.csv:2 (munich): rides 4600000 → 4700000" in row
        )
    assert section(markdown, words["diff_figures"]) == [f"- **city_rides**: {', '.join(expected)}"]
    summary = section(markdown, words["diff_summary"])[2:]
    sentences = 1 if lang == SOURCE else 0
    heading = (project / "paper" / lang / "20.results.md").read_text(encoding="utf-8").splitlines()[0]
    assert summary[0].startswith(f"| {heading.removeprefix('# ')} | {sentences} | ")
    assert len(summary) == 2, "one section changed, and the total"
    text = section(markdown, words["diff_text"])
    changed_lines = [line for line in text if "{.removed}" in line or "{.added}" in line]
    assert len(changed_lines) == 1, changed_lines
    if lang == SOURCE:
        assert "[busiest]{.removed}[largest]{.added}" in changed_lines[0]
    assert "]{.changed}" in changed_lines[0], "the changed numbers of the sentence, old → new"
    page = pdf_text(project / "build" / "diff" / f"{edition}.pdf")
    assert re.sub(r"\s", "", words["diff_title"].split("{base}")[0]) in page
    html = (project / "build" / "diff" / f"{edition}.html").read_text(encoding="utf-8")
    assert 'class="added"' in html and 'class="removed"' in html
    other = labels("de" if lang == "en" else "en")
    assert other["diff_summary"] not in markdown, "labels from the language's own metadata"


@pytest.mark.slow
def test_the_base_is_built_once_and_kept_by_commit(diffed):
    project, _, _ = diffed
    sha = git(project, "rev-parse", "v1").strip()
    assert (project / "build" / "diff-cache" / sha / "build" / "ledger.json").exists()
    assert git(project, "worktree", "list").count("\n") == 1, "the temporary worktree is gone"
    again = snakemake("-n", "diff", "--config", "diff_base=v1", cwd=project)
    assert "Nothing to be done" in again.stdout + again.stderr


@pytest.mark.slow
def test_the_diff_is_the_same_bytes_when_made_again(diffed):
    project, _, _ = diffed
    made = {p: p.read_bytes() for p in sorted((project / "build" / "diff").glob("*.*")) if p.suffix != ".typ"}
    targets = [str(p.relative_to(project)) for p in made]
    result = snakemake(*targets, "--forcerun", "diff_edition", "--config", "diff_base=v1", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "diff_edition" in result.stdout + result.stderr, "made again, not left as they were"
    assert {p: p.read_bytes() for p in made} == made


@pytest.mark.slow
def test_no_change_says_so(diffed):
    project, _, _ = diffed
    git(project, "add", "-A")
    git(project, "commit", "-qm", "v2")
    result = snakemake("diff", "--config", "diff_base=HEAD", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    for edition in EDITIONS:
        lang = edition if edition != "journal" else CONFIG["journal"]["body_language"]
        markdown = unescape((project / "build" / "diff" / f"{edition}.md").read_text(encoding="utf-8"))
        head = git(project, "rev-parse", "HEAD").strip()[:12]
        assert labels(lang)["diff_no_change"].replace("{base}", f"HEAD ({head})") in markdown
        assert labels(lang)["diff_summary"] not in markdown


@pytest.mark.slow
def test_the_command_makes_the_diff_of_the_editions_it_names(diffed):
    """`datapaper diff REV edition` runs the same target for that edition alone and says where
    its files are; the other editions' files are left as they were."""
    import os
    import sys

    from helpers import SCRIPTS

    project, _, _ = diffed
    for path in (project / "build" / "diff").glob(f"{SOURCE}.*"):
        path.unlink()
    others = {p: p.read_bytes() for p in (project / "build" / "diff").glob("*.*")}
    env = {**os.environ, "PYTHONPATH": str(SCRIPTS), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "datapaper", "diff", "v1", SOURCE, "--cores", "2"],
        cwd=project, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    made = [f"build/diff/{SOURCE}.html", f"build/diff/{SOURCE}.pdf"]
    assert [line.strip() for line in result.stdout.splitlines()[-2:]] == made
    assert all((project / path).stat().st_size > 1000 for path in made)
    assert {p: p.read_bytes() for p in others} == others
