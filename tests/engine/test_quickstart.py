"""The README's quickstart: exactly two command lines, one that installs into a virtual
environment and builds, one that runs the tests in it; CI runs those very lines."""

import subprocess
from pathlib import Path

from helpers import ROOT


def quickstart() -> list[str]:
    result = subprocess.run(
        ["bash", str(ROOT / ".ci" / "quickstart"), str(ROOT / "README.md")],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_the_readme_opens_with_two_command_lines():
    build, test = quickstart()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("```sh") < readme.index("\n## "), "the commands are on the first screen"
    steps = build.split(" && ")
    assert steps[0] == "python3 -m venv .venv", (
        "a virtual environment: PEP 668 systems refuse pip outside one"
    )
    assert steps[1] == ".venv/bin/python -m pip install -r envs/requirements.txt -e ."
    assert steps[2].startswith(".venv/bin/snakemake --cores"), "it builds with the environment's Snakemake"
    assert test == '.venv/bin/python -m pytest -m "not slow" && .venv/bin/python -m pytest -m slow', (
        "the tests run in the same environment, the fast tier first"
    )


def test_ci_runs_the_readme_lines_on_the_system_python():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/quickstart README.md" in ci
    assert 'export PATH="/usr/bin:$PATH"' in ci
    assert ci.index('"${quickstart[0]}"') < ci.index('"${quickstart[1]}"')
    assert ci.rstrip().endswith('bash -euo pipefail -c "${quickstart[1]}"'), "the tests close the log"


def test_the_virtual_environment_is_neither_committed_nor_copied():
    # `/.venv`, not `/.venv/`: a link to a virtual environment elsewhere is ignored too.
    assert "/.venv" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    from helpers import IGNORED

    assert ".venv" in IGNORED(str(ROOT), [".venv", "paper"])
    assert Path(ROOT / "scripts" / "benchmark.py").read_text(encoding="utf-8").count('".venv"') == 1
