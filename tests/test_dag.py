"""Incremental builds: a change reruns exactly the jobs that depend on it (Snakemake's dry run)."""

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import IGNORED, ROOT, snakemake

FIGURE_RULES = {
    "fig_network_audiences",
    "fig_network_market_share",
    "fig_advertising_market",
    "fig_ecommerce_growth",
    "fig_ecommerce_structure",
    "fig_digital_payments",
    "fig_social_media_activities",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A built copy of the project."""
    target = tmp_path_factory.mktemp("dag") / "project"
    shutil.copytree(ROOT, target, ignore=IGNORED)
    result = snakemake(cwd=target)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def planned(project: Path) -> Counter:
    """Jobs Snakemake would run now, by rule (the dry run's job stats)."""
    result = snakemake("-n", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout.split("Job stats:")[-1] if "Job stats:" in result.stdout else ""
    jobs = Counter()
    for line in table.splitlines()[3:]:
        match = re.match(r"^(\w+)\s+(\d+)$", line.strip())
        if not match:
            break
        jobs[match[1]] = int(match[2])
    jobs.pop("all", None)
    return jobs


def planned_pdfs(project: Path) -> set[str]:
    result = snakemake("-n", cwd=project)
    return set(re.findall(r"^    output: .*\bbuild/paper\.(\w+)\.pdf", result.stdout, re.M))


class Edited:
    """Change a file for the length of a `with` block."""

    def __init__(self, path: Path, old: str, new: str):
        self.path, self.old, self.new = path, old, new

    def __enter__(self):
        self.text = self.path.read_text(encoding="utf-8")
        assert self.old in self.text, f"{self.old!r} not in {self.path}"
        self.path.write_text(self.text.replace(self.old, self.new, 1), encoding="utf-8")

    def __exit__(self, *exc):
        self.path.write_text(self.text, encoding="utf-8")


def test_up_to_date_after_the_build(project):
    assert planned(project) == Counter()


def test_one_table_redraws_only_its_figure_and_rebuilds_the_documents(project):
    table = project / "data" / "raw" / "advertising_by_medium.csv"
    with Edited(table, "tv,52,", "tv,53,"):
        jobs = planned(project)
        pdfs = planned_pdfs(project)
    assert {rule for rule in jobs if rule.startswith("fig_")} == {"fig_advertising_market"}
    assert jobs["group_numbers"] == 1
    assert pdfs == {"en", "kk", "ru", "journal"}


def test_the_style_redraws_every_figure_and_recomputes_nothing(project):
    with Edited(project / "figures" / "paper.mplstyle", "savefig.dpi: 200", "savefig.dpi: 199"):
        jobs = planned(project)
    assert {rule for rule in jobs if rule.startswith("fig_")} == FIGURE_RULES
    assert not {"group_numbers", "numbers", "placeholder_values"} & set(jobs)


def test_a_caption_rebuilds_only_its_language_text(project):
    section = project / "paper" / "ru" / "40.daily-life.md"
    with Edited(section, "Доли социальных сетей на рынке", "Доли соцсетей на рынке"):
        jobs = planned(project)
        pdfs = planned_pdfs(project)
    assert not {rule for rule in jobs if rule.startswith("fig_")}
    assert not {"group_numbers", "numbers"} & set(jobs)
    assert jobs["placeholder_values"] == 1
    assert pdfs == {"ru"}


def test_an_english_sentence_rebuilds_only_the_english_pdfs(project):
    section = project / "paper" / "en" / "10.introduction.md"
    with Edited(section, "Kazakhstan also keeps up to date", "Kazakhstan also keeps well up to date"):
        pdfs = planned_pdfs(project)
    assert pdfs == {"en", "journal"}  # the journal edition's body is English
