"""Shared fixtures: numbers computed in-process, one real build per session, project copies.

The tests are grouped by what they guard: engine/ (the engine, mostly on the fixture
paper in fixtures/), filters/ (the pandoc filters, golden files), paper/ (this paper's
numbers, texts, figures and audit), builds/ (slow: whole builds, the DAG, bytes,
interruption).
"""

import json
import os
from pathlib import Path

import pytest
from helpers import IGNORED, ROOT, compute_all, copy_project, load_paper_derivations, snakemake

# Tests run in the project folder, so files are named as the build names them (data/raw/...).
os.chdir(ROOT)


@pytest.fixture(scope="session")
def numbers() -> dict:
    return compute_all()


@pytest.fixture(scope="session")
def built() -> Path:
    """The project built by Snakemake (a no-op when it is up to date); returns build/."""
    snakemake(check=True)
    return ROOT / "build"


@pytest.fixture
def project_copy(tmp_path: Path):
    """A fresh copy of the project's sources in a temporary folder (no build outputs)."""

    def make(name: str = "project") -> Path:
        return copy_project(ROOT, tmp_path / name)

    return make


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
