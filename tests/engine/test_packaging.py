"""The engine installs as a package (`pip install .`), with its rule files and resources,
and without this paper's code or content."""

import subprocess
import sys
import zipfile

import pytest
from helpers import ROOT, copy_project

# Every test here needs the wheel, built by pip from a copy of the project (a few seconds).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the project (setuptools writes build/ where it builds;
    pip fetches the build backend, setuptools, from the package index)."""
    folder = tmp_path_factory.mktemp("wheel")
    project = copy_project(ROOT, folder / "project")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), "."],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (path,) = folder.glob("datapaper-*.whl")
    return path


def test_the_wheel_holds_the_engine_and_nothing_of_this_paper(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "datapaper/__init__.py",
        "datapaper/workflow/main.smk",
        "datapaper/jobs/figure.py",
        "datapaper/resources/filters/placeholders.lua",
        "datapaper/resources/templates/paper.typ",
        "datapaper/resources/config.schema.yaml",
        "datapaper/resources/pandoc/translations/kk.yaml",
    ):
        assert name in names, name
    assert not [n for n in names if n.startswith(("paper/", "data/", "config/", "tests/"))]


def test_the_installed_engine_finds_its_files(wheel, tmp_path):
    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)]
    assert subprocess.run(install, capture_output=True).returncode == 0
    check = (
        "import datapaper, pathlib; "
        "assert pathlib.Path(datapaper.rule_file('main.smk')).is_file(); "
        "assert datapaper.resource('filters', 'figures.lua').is_file(); "
        "print(datapaper.__file__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(target))
