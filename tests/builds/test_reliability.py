"""Reliability: byte-identical rebuilds anywhere, interrupted builds, text from data as text."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, SCRIPTS, copy_project, pdf_text, snakemake

XELATEX = shutil.which("xelatex")
needs_latex = pytest.mark.skipif(not XELATEX and not os.environ.get("CI"), reason="TeX Live is not installed")


def outputs(build: Path) -> dict[str, str]:
    """Digest of every PDF, figure, numbers and ledger file under build/."""
    wanted = {".pdf", ".svg", ".png", ".json", ".csv", ".typ", ".tex", ".md", ".docx", ".html", ".zip"}
    return {
        str(p.relative_to(build)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(build.rglob("*"))
        if p.is_file() and p.suffix in wanted and "logs" not in p.parts and "latex" not in p.parts
    }


def test_another_folder_and_jobs_in_their_own_python_give_identical_bytes(fixture_all, tmp_path):
    """A copy of the fixture paper at another absolute path (with a space and non-ASCII
    letters), built in every format with every job a Python process of its own
    (DATAPAPER_FORK=0, as on a cluster or with conda), gives the bytes of the session's
    build of it, whose jobs were forked from the job server (datapaper.runner)."""
    copy = copy_project(FIXTURES / "city_bikes", tmp_path / "second copy ж")
    result = snakemake("all", cwd=copy, env={"DATAPAPER_FORK": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    theirs, ours = outputs(copy / "build"), outputs(fixture_all[0] / "build")
    assert len([k for k in theirs if k.startswith("paper.") and k.endswith(".pdf")]) == 4
    assert {".docx", ".html", ".zip", ".png", ".svg"} <= {Path(k).suffix for k in theirs}
    assert theirs == ours, [k for k in theirs.keys() | ours.keys() if theirs.get(k) != ours.get(k)]


@needs_latex
def test_two_folders_give_identical_bytes_with_latex(latex_built, project_copy):
    """The LaTeX engine's PDFs, in two folders (the second with a space and non-ASCII
    letters; the first is the session's LaTeX build)."""
    second = project_copy("second copy ж")
    result = snakemake("--config", "engine=latex", cwd=second)
    assert result.returncode == 0, result.stdout + result.stderr
    a, b = outputs(latex_built / "build"), outputs(second / "build")
    assert len([k for k in a if k.startswith("paper.") and k.endswith(".pdf")]) == 4
    assert a == b, [k for k in a if a[k] != b.get(k)]


# Each kind of job: the rule the test hook pauses (datapaper/testhook.py; a figure's rules
# by their prefix) and the outputs of the fixture paper to remove so that it runs again: the
# job's own first, then an output that needs it (Snakemake does not remake a missing
# intermediate output whose consumers are up to date).
JOBS = {
    "numbers": ("group_numbers", ["build/numbers", "build/numbers.json"]),
    # The drawings, not the figure's descriptions (*.alt.json, the source's input, up to date).
    "figure": ("figure", [f"build/figures/city_rides.{lang}.svg" for lang in ("en", "de", "uk")]),
    "values": ("placeholder_values", ["build/en/values.json", "build/paper.en.pdf"]),
    "pdf": ("edition_pdf", ["build/paper.en.pdf"]),
    "ledger": ("ledger", ["build/ledger.csv"]),
    "audit": ("audit", ["build/audit.json"]),
}
SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM, "SIGKILL": signal.SIGKILL}


def interrupt(project: Path, rule: str, sig: signal.Signals, marker: Path) -> None:
    """Build with the hook pausing `rule`'s job; once it has started (its marker file
    exists), send `sig` to Snakemake and its jobs, as Ctrl-C or `kill` from a terminal does."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(SCRIPTS)}
    env |= {"DATAPAPER_TEST_PAUSE": rule, "DATAPAPER_TEST_PAUSE_MARKER": str(marker)}
    process = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "2"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # Waits for an event (the job has started and blocks), not for a time: the paused job
        # cannot finish, so there is nothing to race. The deadline only guards against a hang.
        deadline = time.monotonic() + 600
        while not marker.exists():
            assert process.poll() is None, f"the build ended before a {rule} job started"
            assert time.monotonic() < deadline, f"no {rule} job started"
            time.sleep(0.05)
        os.killpg(process.pid, sig)
        process.wait(timeout=120)
    finally:
        try:  # whatever the signal left of the build (the paused job) is ended
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


# Every kind of job once, and every signal twice: a job is a process forked from the job
# server, whatever its kind, so the kind decides which outputs must come back and the signal
# how Snakemake stops; the pairs cover both without the whole grid of both.
INTERRUPTIONS = [
    ("numbers", "SIGTERM"),
    ("figure", "SIGKILL"),
    ("values", "SIGINT"),
    ("pdf", "SIGKILL"),
    ("ledger", "SIGINT"),
    ("audit", "SIGTERM"),
]


def test_the_interruptions_cover_every_kind_of_job_and_every_signal():
    assert {kind for kind, _ in INTERRUPTIONS} == set(JOBS)
    assert Counter(signame for _, signame in INTERRUPTIONS) == {name: 2 for name in SIGNALS}


@pytest.mark.parametrize(("kind", "signame"), INTERRUPTIONS)
def test_the_plain_command_resumes_after_an_interrupted_job(fixture_build, tmp_path, kind, signame):
    """Interrupt one kind of job with one signal while it runs; the plain command (after
    --unlock, for a hard kill) gives the bytes of the uninterrupted build."""
    rule, removed = JOBS[kind]
    project = tmp_path / "city_bikes"
    shutil.copytree(fixture_build, project, symlinks=True)
    for name in removed:
        path = project / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    interrupt(project, rule, SIGNALS[signame], tmp_path / "paused")
    # The paused job was stopped before it wrote anything (Snakemake makes output folders).
    own = project / removed[0]
    assert not own.is_file() and not list(own.glob("*.*")), f"{removed[0]} was written"
    if signame == "SIGKILL":
        # Snakemake 9 keeps its lock after a hard kill, and the plain command refuses,
        # saying when --unlock is safe.
        assert list((project / ".snakemake" / "locks").iterdir())
        refused = snakemake(cwd=project)
        assert refused.returncode != 0
        message = " ".join((refused.stdout + refused.stderr).split())
        assert "If you are sure that no other instances of snakemake are running on this directory" in message
        assert "It can be removed with the --unlock argument" in message
        assert snakemake("--unlock", cwd=project).returncode == 0
    result = snakemake(cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs(project / "build") == outputs(fixture_build / "build")
    assert not list((project / "build").rglob("*.partial"))


HOSTILE = 'VK \\input{/etc/passwd} #read("/etc/passwd") $x$ % & _ # <script>'


def set_yaml(path: Path, keys: tuple[str, ...], value: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@needs_latex
def test_text_from_data_is_set_as_text_by_xelatex(project_copy):
    """A name with markup in it reaches the LaTeX engine's PDF literally: in the text and in
    a figure. (Typst's PDF, and every other format, with more payloads: test_text_from_data.)"""
    project = project_copy()
    set_yaml(project / "paper" / "en" / "lexicon.yaml", ("network", "vkontakte"), HOSTILE)
    set_yaml(project / "figures" / "strings" / "en.yaml", ("network", "vkontakte"), HOSTILE)
    result = snakemake("build/paper.en.pdf", "--config", "engine=latex", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    text = pdf_text(project / "build" / "paper.en.pdf")
    literal = "".join(HOSTILE.split())
    assert text.count(literal) >= 3  # the text, the appendix and the audience figure
    assert "root:" not in text  # nothing was read from /etc/passwd
