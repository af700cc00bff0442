"""Shared fixtures: numbers computed in-process, one real build per session, project copies."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
# Tests run in the project folder, so files are named as the build names them (data/raw/...).
os.chdir(ROOT)

import paper_numbers  # noqa: E402
import tables  # noqa: E402

IGNORED = shutil.ignore_patterns("build", ".snakemake", ".git", "__pycache__", ".pytest_cache", "*.pdf")


def compute_all() -> dict:
    """Every number, computed from the raw tables without Snakemake."""
    schema = tables.load_schema("data/schema.yaml")
    sources = tables.reference_ids("paper/references.yaml")
    parts = [
        paper_numbers.compute(tables.read_table(f"data/raw/{name}.csv", schema, sources)) for name in schema
    ]
    return paper_numbers.merge(parts)


@pytest.fixture(scope="session")
def numbers() -> dict:
    return compute_all()


def snakemake(*args: str, cwd: Path = ROOT, check: bool = False) -> subprocess.CompletedProcess:
    """Run Snakemake in `cwd`; return the finished process (stdout and stderr as text)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built() -> Path:
    """The project built by Snakemake (a no-op when it is up to date); returns build/."""
    snakemake(check=True)
    return ROOT / "build"


@pytest.fixture
def project_copy(tmp_path: Path):
    """A fresh copy of the project's sources in a temporary folder (no build outputs)."""

    def make(name: str = "project") -> Path:
        target = tmp_path / name
        shutil.copytree(ROOT, target, ignore=IGNORED)
        return target

    return make


@pytest.fixture(scope="session")
def group_numbers() -> dict[str, dict]:
    """build/numbers/<group>.json of every group, as the group_numbers rule writes them."""
    schema = yaml.safe_load(Path("data/schema.yaml").read_text(encoding="utf-8"))["tables"]
    groups: dict[str, list[str]] = {}
    for name, spec in sorted(schema.items()):
        groups.setdefault(spec.get("group", "other"), []).append(f"data/raw/{name}.csv")
    return {
        group: json.loads(
            paper_numbers.dumps(
                paper_numbers.merge(
                    [
                        paper_numbers.table_numbers(path, "data/schema.yaml", "paper/references.yaml")
                        for path in paths
                    ]
                )
            )
        )
        for group, paths in groups.items()
    }
