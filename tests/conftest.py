"""Shared fixtures: numbers computed in-process, one real build per session, project copies.

The tests are grouped by what they guard: engine/ (the engine, mostly on the fixture
paper in fixtures/), filters/ (the pandoc filters, golden files), paper/ (this paper's
numbers, texts, figures and audit), builds/ (whole builds, the DAG, bytes, interruption).

Two tiers: `pytest -m "not slow"` is the developer's loop (no whole build); the `slow`
tier is every test that needs one. A test is slow by where it is (builds/), by the
fixtures it takes (a whole build of this paper or of the fixture paper), or by its own
`@pytest.mark.slow`; `--durations` lists the slowest of a run, and a test over 2 s
belongs in the slow tier.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from helpers import (
    FIXTURES,
    IGNORED,
    ROOT,
    compute_all,
    copy_built,
    copy_project,
    load_paper_derivations,
    snakemake,
)

# Tests run in the project folder, so files are named as the build names them (data/raw/...).
os.chdir(ROOT)


# Fixtures that build a whole paper with Snakemake: a test that takes one is slow.
BUILDING_FIXTURES = frozenset({"built", "latex_built", "fixture_run", "fixture_build", "fixture_all"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "builds" in item.path.parts or BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def yaml_reads(monkeypatch):
    """`yaml_reads(module, cached)`: the paths `module` reads with read_yaml from here on,
    its cache `cached` cleared first (and again after the test)."""
    cleared = []

    def watch(module, cached) -> list:
        read: list = []
        real = module.read_yaml
        monkeypatch.setattr(
            module, "read_yaml", lambda *args, **kw: read.append(args[0]) or real(*args, **kw)
        )
        cached.cache_clear()
        cleared.append(cached)
        return read

    yield watch
    for cached in cleared:
        cached.cache_clear()


@pytest.fixture(scope="session")
def numbers() -> dict:
    return compute_all()


@pytest.fixture(scope="session")
def built() -> Path:
    """The project built by Snakemake in every format (`all`; a no-op when it is up to
    date), once per test run; returns build/."""
    snakemake("all", check=True)
    return ROOT / "build"


@pytest.fixture(scope="session")
def latex_built(tmp_path_factory) -> Path:
    """A copy of the project built with `--config engine=latex` (the four PDFs through
    XeLaTeX), once per test run; returns the project folder."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("latex") / "first")
    snakemake("--config", "engine=latex", cwd=project, check=True)
    return project


@pytest.fixture
def built_copy(built: Path, tmp_path: Path):
    """A copy of the project with the session's build and Snakemake's records of it: up to
    date, so a test that edits the copy rebuilds only what its edit touches, not the paper.
    (Inputs are named relative to the project, so a moved project stays up to date.)"""

    def make(name: str = "project") -> Path:
        return copy_built(ROOT, tmp_path / name)

    return make


@pytest.fixture(scope="session")
def fixture_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The fixture paper (tests/fixtures/city_bikes), built once per test run by a plain
    `snakemake` in a copy: the project folder and the run. Read it, or copy it."""
    project = copy_project(FIXTURES / "city_bikes", tmp_path_factory.mktemp("fixture") / "city_bikes")
    return project, snakemake(cwd=project, check=True)


@pytest.fixture(scope="session")
def fixture_build(fixture_run) -> Path:
    """The fixture paper's project folder, built (the PDFs: the default target)."""
    return fixture_run[0]


@pytest.fixture(scope="session")
def fixture_all(fixture_run, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A copy of the built fixture paper after `snakemake all`: every other format made on
    top of the PDFs. The folder and the run."""
    project = copy_built(fixture_run[0], tmp_path_factory.mktemp("fixture_all") / "city_bikes")
    return project, snakemake("all", cwd=project, check=True)


@pytest.fixture
def project_copy(tmp_path: Path):
    """A fresh copy of the project's sources in a temporary folder (no build outputs)."""

    def make(name: str = "project") -> Path:
        return copy_project(ROOT, tmp_path / name)

    return make


@pytest.fixture(scope="session")
def fixture_numbers(tmp_path_factory) -> Path:
    """A copy of the fixture paper with its build/numbers.json, computed by Snakemake (the
    derivations are the fixture's own code) once per test run; the folder, to read only."""
    from helpers import FIXTURES

    project = copy_project(FIXTURES / "city_bikes", tmp_path_factory.mktemp("numbers") / "city_bikes")
    snakemake("build/numbers.json", cwd=project, check=True)
    return project


@pytest.fixture(scope="session")
def group_numbers() -> dict[str, dict]:
    """build/numbers/<group>.json of every group, as the group_numbers rule writes them."""
    from datapaper import numbers as model
    from datapaper.yamlfiles import read_yaml

    load_paper_derivations()
    schema = read_yaml("data/schema.yaml")["tables"]
    groups: dict[str, list[str]] = {}
    for name, spec in sorted(schema.items()):
        groups.setdefault(spec.get("group", "other"), []).append(f"data/raw/{name}.csv")
    return {
        group: json.loads(
            model.dumps(
                model.merge(
                    [
                        model.table_numbers(
                            path, "data/schema.yaml", "paper/references.yaml", "data/units.yaml"
                        )
                        for path in paths
                    ]
                )
            )
        )
        for group, paths in groups.items()
    }


__all__ = ["IGNORED", "snakemake"]
