"""Hostile or unlucky conditions, through Snakemake on the fixture paper: two builds started
at once, and a "billion laughs" in the settings that Snakemake itself reads."""

import os
import subprocess
import sys
import time

from helpers import FIXTURES, SCRIPTS, copy_built, copy_project, snakemake

FIXTURE = FIXTURES / "city_bikes"
LOCKED = "Directory cannot be locked"


def started(project, *args: str) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environment["PYTHONPATH"] = os.pathsep.join([str(SCRIPTS), environment.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    return subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "1", *args],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_builds_started_together_never_end_in_a_traceback(tmp_path):
    """Both start in the same instant, on a fresh copy (both write the import cache while
    Snakemake reads the workflow) and then on the built one (the first ends at once and
    removes its locks while the second takes its own): each run succeeds or stops with
    Snakemake's lock message; the numbers are those of one build."""
    project = copy_project(FIXTURE, tmp_path / "city_bikes")
    (project / ".snakemake").mkdir()
    for _ in range(4):
        runs = [started(project, "build/numbers.json") for _ in range(2)]
        results = [(run.communicate()[0], run.returncode) for run in runs]
        assert any(code == 0 for _, code in results), results
        for log, code in results:
            assert "Traceback" not in log and "Error in" not in log, log
            assert code == 0 or LOCKED in log, log
        assert not list(project.rglob("*.partial"))
    assert snakemake("-n", "build/numbers.json", cwd=project).stdout.count("Nothing to be done") == 1
    assert not (project / ".snakemake" / "locks").exists() or not list(
        (project / ".snakemake" / "locks").iterdir()
    )


def test_a_billion_laughs_in_the_settings_is_refused_before_snakemake_reads_them(tmp_path):
    """config/config.yaml is read by the engine before Snakemake's `configfile:`, which
    would expand nine levels of nine aliases for minutes, growing past gigabytes."""
    project = copy_project(FIXTURE, tmp_path / "city_bikes")
    config = project / "config" / "config.yaml"
    lines = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    before = len(config.read_text(encoding="utf-8").splitlines())
    config.write_text(config.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    begun = time.monotonic()
    result = snakemake("-n", cwd=project)
    assert time.monotonic() - begun < 30
    assert result.returncode != 0
    assert (
        f"config/config.yaml:{before + 6}: aliases (*name) expand the file by more than 100,000 values "
        "— write the values out, or use fewer aliases"
    ) in result.stdout + result.stderr


def test_a_failed_edition_keeps_its_last_good_pdf_until_it_is_made_again(fixture_build, tmp_path):
    """A bad edit that breaks the English PDF: the last good English (and journal) PDF stays
    byte for byte, the run ends naming it as an earlier build's, the next run tries again
    (it is marked incomplete), and once the edit is mended the PDFs are those of before."""
    import hashlib

    project = copy_built(fixture_build, tmp_path / "city_bikes")
    pdfs = sorted((project / "build").glob("paper.*.pdf"))
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pdfs}
    section = project / "paper" / "en" / "20.results.md"
    good = section.read_text(encoding="utf-8")
    section.write_text(good + "\n```{=typst}\n#set page((\n```\n", encoding="utf-8")
    for _ in range(2):
        result = snakemake(cwd=project)
        assert result.returncode != 0
        assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pdfs} == before
        assert (
            "Kept from an earlier build (their jobs failed or did not run; the next run makes them again):\n"
            "  build/paper.en.pdf\n  build/paper.journal.pdf\n"
        ) in result.stderr, result.stderr[-3000:]
        assert not list((project / "build").rglob("*.partial"))
    section.write_text(good, encoding="utf-8")
    assert snakemake(cwd=project).returncode == 0
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pdfs} == before
    assert "Nothing to be done" in snakemake("-n", cwd=project).stdout
