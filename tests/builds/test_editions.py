"""The journal and reader editions: the LaTeX submission package compiles away from the
project, the Word files carry every value, and the web pages (tests/builds/test_web.py)."""

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import fold, pdf_text, snakemake

EDITIONS = ["en", "kk", "ru", "journal"]
XELATEX = shutil.which("xelatex")
RERUN = re.compile(r"Rerun to get|There were undefined (references|citations)")


def values(build: Path, lang: str) -> dict[str, str]:
    return json.loads((build / lang / "values.json").read_text(encoding="utf-8"))["values"]


def language(edition: str) -> str:
    return "en" if edition == "journal" else edition


# The LaTeX submission package.


@pytest.mark.slow
@pytest.mark.parametrize("edition", EDITIONS)
def test_submission_package_has_relative_paths_only(built, edition):
    with zipfile.ZipFile(built / "submission" / f"{edition}.zip") as archive:
        names = archive.namelist()
        source = archive.read("paper.tex").decode("utf-8")
        dates = {info.date_time for info in archive.infolist()}
    assert names == sorted(names)
    assert len(dates) == 1
    assert "fonts/LICENSE_DEJAVU" in names and "fonts/DejaVuSerif.ttf" in names
    graphics = re.findall(r"\\includegraphics(?:\[[^\]]*\])?\{([^}]+)\}", source)
    assert graphics and all(name in names for name in graphics), graphics
    assert "Path=fonts/" in source
    assert str(built.parent) not in source and "site-packages" not in source and "build/" not in source


@pytest.mark.slow
@pytest.mark.skipif(not XELATEX and not os.environ.get("CI"), reason="TeX Live (xelatex) is not installed")
def test_kazakh_submission_package_compiles_away_from_the_project(built, tmp_path):
    """Unpacked in a folder of its own, `xelatex paper.tex` makes the PDF with the values."""
    assert XELATEX, "CI must install TeX Live (envs/apt-packages.txt)"
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(built / "submission" / "kk.zip") as archive:
        archive.extractall(folder)
    for _run in range(3):
        result = subprocess.run(
            [XELATEX, "-interaction=nonstopmode", "-no-shell-escape", "paper.tex"],
            cwd=folder,
            capture_output=True,
            text=True,
            env={k: v for k, v in os.environ.items() if k not in ("TEXINPUTS", "PYTHONPATH")},
        )
        assert result.returncode == 0, result.stdout[-3000:]
        if not RERUN.search((folder / "paper.log").read_text(encoding="utf-8", errors="replace")):
            break
    log = (folder / "paper.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    text = pdf_text(folder / "paper.pdf")
    missing = [f"{p} -> {v}" for p, v in values(built, "kk").items() if fold(v) not in text]
    assert not missing
    for letter in "әғқңөұүі":
        assert letter in text, letter


@pytest.mark.slow
def test_submission_package_rebuilds_byte_identical(built):
    """A second run of the rule gives the same zip, byte for byte."""
    target = built / "submission" / "ru.zip"
    before = target.read_bytes()
    result = snakemake("--forcerun", "submission", str(target.relative_to(built.parent)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == before
