"""Reliability: byte-identical rebuilds anywhere, interrupted builds, text from data as text."""

import base64
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from helpers import pdf_text, snakemake

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


@pytest.mark.parametrize("engine", ["typst", pytest.param("latex", marks=needs_latex)])
def test_two_folders_give_identical_bytes(project_copy, engine):
    """Different absolute paths (one with a space and non-ASCII letters), the same bytes."""
    first, second = project_copy("first"), project_copy("second copy ж")
    for project in (first, second):
        result = snakemake("--config", f"engine={engine}", cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
    a, b = outputs(first / "build"), outputs(second / "build")
    assert len([k for k in a if k.startswith("paper.") and k.endswith(".pdf")]) == 4
    assert a == b, [k for k in a if a[k] != b.get(k)]


def incomplete(project: Path) -> list[str]:
    """Outputs Snakemake marks as being written (its .snakemake/incomplete markers)."""
    folder = project / ".snakemake" / "incomplete"
    names = []
    for marker in folder.glob("*") if folder.exists() else []:
        try:
            names.append(base64.b64decode(marker.name.encode()).decode())
        except ValueError:
            continue
    return names


def kill_when_running(project: Path, pattern: str, sig: signal.Signals, timeout: float = 60) -> None:
    """Start a build and send it `sig` while a job writes a `pattern` output."""
    process = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "2"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if any(Path(name).match(pattern) for name in incomplete(project)):
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"no job writing {pattern} was seen running")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, sig)
        process.wait(timeout=60)


@pytest.fixture(scope="module")
def reference_build(tmp_path_factory) -> Path:
    """An uninterrupted build of a copy of the project."""
    from conftest import IGNORED, ROOT

    project = tmp_path_factory.mktemp("reference") / "project"
    shutil.copytree(ROOT, project, ignore=IGNORED)
    assert snakemake(cwd=project).returncode == 0
    return project / "build"


KILLS = [
    ("build/figures/*", signal.SIGINT, []),  # Ctrl-C during a figure rule
    ("build/paper.*.pdf", signal.SIGTERM, []),  # `kill` during a PDF rule
    # A hard kill leaves Snakemake's lock, which it asks to clear with --unlock.
    ("build/paper.*.pdf", signal.SIGKILL, ["--unlock"]),
]


@pytest.mark.parametrize(
    ("pattern", "sig", "first"), KILLS, ids=["figure-SIGINT", "pdf-SIGTERM", "pdf-SIGKILL"]
)
def test_rerun_after_a_killed_build_gives_the_same_outputs(
    project_copy, reference_build, pattern, sig, first
):
    project = project_copy("interrupted")
    kill_when_running(project, pattern, sig)
    if first:
        assert snakemake(*first, cwd=project).returncode == 0
    result = snakemake("--rerun-incomplete", cwd=project) if first else snakemake(cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs(project / "build") == outputs(reference_build)
    assert not list((project / "build").rglob("*.partial"))


HOSTILE = 'VK \\input{/etc/passwd} #read("/etc/passwd") $x$ % & _ # <script>'


def set_yaml(path: Path, keys: tuple[str, ...], value: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("engine", ["typst", pytest.param("latex", marks=needs_latex)])
def test_text_from_data_is_set_as_text(project_copy, engine):
    """A name with markup in it reaches the PDF literally: in the text and in a figure."""
    project = project_copy()
    set_yaml(project / "paper" / "en" / "lexicon.yaml", ("network", "vkontakte"), HOSTILE)
    set_yaml(project / "figures" / "strings" / "en.yaml", ("network", "vkontakte"), HOSTILE)
    result = snakemake("build/paper.en.pdf", "--config", f"engine={engine}", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    text = pdf_text(project / "build" / "paper.en.pdf")
    literal = "".join(HOSTILE.split())
    assert text.count(literal) >= 3  # the text, the appendix and the audience figure
    assert "root:" not in text  # nothing was read from /etc/passwd
