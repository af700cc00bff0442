"""Translation drift: an English edit makes its translations stale until they are reviewed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datapaper import project
from datapaper.translations import (
    CHANGED,
    MISSING,
    ORPHAN,
    UNREVIEWED,
    Stale,
    TranslationError,
    dump_lock,
    mark_reviewed,
    normalize,
    read_lock,
    section_hash,
    stale_sections,
)
from helpers import ROOT, SOURCE, snakemake

LANGUAGES = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))["languages"]
TRANSLATIONS = [lang for lang in LANGUAGES if lang != "en"]
SECTION = "20.ecommerce.md"
SENTENCE = "These data show that the share of e-commerce in Kazakhstan is growing every year."


def lock_file(project: Path) -> Path:
    return project / "paper" / "translations.lock.yaml"


def stale(project: Path) -> list[Stale]:
    return stale_sections(project / "paper", LANGUAGES, read_lock(lock_file(project)), SOURCE)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_english_sentence(project: Path) -> None:
    edit(
        project / "paper" / "en" / SECTION,
        SENTENCE,
        SENTENCE.replace("These data show", "These figures show"),
    )


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The engine's command line, run in the project (its default paths)."""
    return subprocess.run(
        [sys.executable, "-m", "datapaper", "translations", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project / "scripts")},  # as `pip install -e .` makes it
    )


# The hash


def test_normalize_ignores_placeholder_options_trailing_space_and_blank_lines():
    text = "# Title\n\nGrowth was {{a.b|compact}} in {{a.year|year}}.\nNext.\n"
    same = "\n# Title  \r\n\n\n\nGrowth was {{a.b}} in {{ a.year|as=ordinal }}.\t\nNext.\n\n\n"
    assert normalize(text) == normalize(same) == "# Title\n\nGrowth was {{a.b}} in {{a.year}}.\nNext.\n"
    assert section_hash(text) == section_hash(same)
    assert len(section_hash(text)) == 16


@pytest.mark.parametrize(
    "changed",
    [
        "# Title\n\nGrowth was {{a.c}} in {{a.year}}.\nNext.\n",  # another number
        "# Title\n\nGrowth was {{a.b}} in {{a.year}}.\nThen.\n",  # a word
        "# Title\n\nGrowth was {{a.b}} in {{a.year}}.\n\nNext.\n",  # a new paragraph
    ],
)
def test_hash_changes_with_the_text(changed):
    assert section_hash(changed) != section_hash("# Title\n\nGrowth was {{a.b}} in {{a.year}}.\nNext.\n")


# The lock file of the project


def test_lock_names_every_translated_section():
    lock = read_lock(lock_file(ROOT))
    for lang in TRANSLATIONS:
        assert set(lock[lang]) == set(project.section_names(lang, ROOT / "paper"))


def test_lock_file_is_written_sorted_and_stable():
    text = lock_file(ROOT).read_text(encoding="utf-8")
    assert dump_lock(read_lock(lock_file(ROOT))) == text
    assert text.startswith("# Translation lock:")


# What is stale


def test_editing_one_english_sentence_makes_only_that_section_stale(project_copy):
    project = project_copy()
    assert stale(project) == []
    edit_english_sentence(project)
    assert stale(project) == [Stale(lang, SECTION, CHANGED) for lang in TRANSLATIONS]


def test_changing_data_makes_nothing_stale(project_copy):
    project = project_copy()
    edit(project / "data" / "raw" / "ecommerce_market.csv", "23.2", "24.7")
    assert stale(project) == []
    assert cli(project, "check", "--strict").returncode == 0


def test_changing_placeholder_options_and_blank_lines_makes_nothing_stale(project_copy):
    project = project_copy()
    english = project / "paper" / "en" / SECTION
    edit(english, "{{internet.kazakhstan.rank|as=ordinal}}", "{{internet.kazakhstan.rank}}")
    edit(english, "{{ecommerce.forecast_volume}}", "{{ecommerce.forecast_volume|compact}}")
    edit(english, SENTENCE, SENTENCE + " \t")
    edit(english, "\n\n", "\n\n\n")
    english.write_text(english.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    assert stale(project) == []


def test_missing_unreviewed_and_extra_sections_are_reported(project_copy):
    project = project_copy()
    (project / "paper" / "kk" / "30.platforms.md").unlink()
    (project / "paper" / "ru" / "35.extra.md").write_text("# Extra\n", encoding="utf-8")
    lock = read_lock(lock_file(project))
    del lock["ru"]["40.daily-life.md"]
    assert stale_sections(project / "paper", LANGUAGES, lock, SOURCE) == [
        Stale("kk", "30.platforms.md", MISSING),
        Stale("ru", "35.extra.md", ORPHAN),
        Stale("ru", "40.daily-life.md", UNREVIEWED),
    ]


# Marking reviewed


def test_review_clears_the_stale_section(project_copy):
    project = project_copy()
    edit_english_sentence(project)
    result = cli(project, "review", "kk", SECTION)
    assert result.returncode == 0, result.stderr
    assert stale(project) == [Stale("ru", SECTION, CHANGED)]
    assert cli(project, "review", "ru", "--all").returncode == 0
    assert stale(project) == []
    written = lock_file(project).read_text(encoding="utf-8")
    assert written == dump_lock(read_lock(lock_file(project)))
    assert cli(project, "review", "ru", "--all").returncode == 0
    assert lock_file(project).read_text(encoding="utf-8") == written, "reviewing again changed the lock"
    assert not list((project / "paper").glob("*.partial"))


def test_mark_reviewed_is_pure_and_keeps_other_entries(project_copy):
    project = project_copy()
    edit_english_sentence(project)
    lock = read_lock(lock_file(project))
    new = mark_reviewed(lock, "kk", [SECTION], project / "paper", SOURCE)
    assert new["kk"][SECTION] == section_hash(
        (project / "paper" / "en" / SECTION).read_text(encoding="utf-8")
    )
    assert new["kk"][SECTION] != lock["kk"][SECTION]
    assert {k: v for k, v in new["kk"].items() if k != SECTION} == {
        k: v for k, v in lock["kk"].items() if k != SECTION
    }
    assert new["ru"] == lock["ru"]
    assert read_lock(lock_file(project)) == lock, "mark_reviewed wrote the file"


@pytest.mark.parametrize(
    ("lang", "names", "message"),
    [
        ("kk", ["25.nothing.md"], "25.nothing.md: no such English section"),
        ("en", [SECTION], "en is the source language"),
        ("de", [SECTION], "no translation folder"),
        ("kk", [f"paper/ru/{SECTION}"], f"paper/ru/{SECTION}: not a section of kk"),
    ],
)
def test_bad_review_is_refused(project_copy, lang, names, message):
    project = project_copy()
    with pytest.raises(TranslationError, match=message):
        mark_reviewed(read_lock(lock_file(project)), lang, names, project / "paper", SOURCE)
    result = cli(project, "review", lang, *names)
    assert result.returncode == 2
    assert message in result.stderr


def test_malformed_lock_is_named(tmp_path):
    path = tmp_path / "translations.lock.yaml"
    path.write_text("kk:\n  20.ecommerce.md: not-a-hash\n", encoding="utf-8")
    with pytest.raises(
        TranslationError, match="translations.lock.yaml: kk: 20.ecommerce.md: expected 16 hex"
    ):
        read_lock(path)


# Command line and build


def test_check_lists_stale_files_and_strict_fails(project_copy):
    project = project_copy()
    edit_english_sentence(project)
    lenient = cli(project, "check")
    assert lenient.returncode == 0
    assert "paper/kk/20.ecommerce.md: English changed since review" in lenient.stdout
    assert "python3 -m datapaper translations review ru 20.ecommerce.md" in lenient.stdout
    strict = cli(project, "check", "--strict")
    assert strict.returncode == 1
    assert "ERROR" in strict.stderr
    assert "paper/kk/20.ecommerce.md" in strict.stderr and "paper/ru/20.ecommerce.md" in strict.stderr


@pytest.mark.slow  # five Snakemake runs
def test_snakemake_warns_then_strict_stops_the_build(project_copy):
    project = project_copy()
    edit_english_sentence(project)
    output = project / "build" / "translations.json"

    lenient = snakemake("build/translations.json", cwd=project)
    assert lenient.returncode == 0, lenient.stderr
    assert "WARNING" in lenient.stderr and "paper/kk/20.ecommerce.md" in lenient.stderr
    assert [row["file"] for row in json.loads(output.read_text(encoding="utf-8"))] == [
        "paper/kk/20.ecommerce.md",
        "paper/ru/20.ecommerce.md",
    ]

    listed = snakemake("check_translations", cwd=project)
    assert listed.returncode == 0, listed.stderr
    assert "paper/ru/20.ecommerce.md: English changed since review" in listed.stdout + listed.stderr

    # Only the setting changed: the params trigger reruns the rule, which removes its old output.
    strict = snakemake("build/translations.json", "--config", "strict=True", cwd=project)
    log = strict.stdout + strict.stderr
    assert strict.returncode != 0
    assert "paper/kk/20.ecommerce.md" in log and "paper/ru/20.ecommerce.md" in log
    assert "python3 -m datapaper translations review kk 20.ecommerce.md" in log
    assert not output.exists(), "strict mode left build/translations.json behind"

    assert snakemake("check_translations", "--config", "strict=True", cwd=project).returncode != 0
    assert cli(project, "review", "kk", "--all").returncode == 0
    assert cli(project, "review", "ru", SECTION).returncode == 0
    passed = snakemake("build/translations.json", "--config", "strict=True", cwd=project)
    assert passed.returncode == 0, passed.stderr
    assert json.loads(output.read_text(encoding="utf-8")) == []
