"""What the tests share: the project's folders, Snakemake in a subprocess, the numbers
computed in-process, and a PDF's text (importable from every test folder)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
FIXTURES = ROOT / "tests" / "fixtures"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from datapaper import dag, project, tables  # noqa: E402
from datapaper import numbers as numbers_model  # noqa: E402
from datapaper.units import load_units  # noqa: E402

IGNORED = shutil.ignore_patterns(
    "build", ".snakemake", ".git", ".venv", "__pycache__", ".pytest_cache", "*.pdf", "node_modules"
)
CONFIG = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
LANGUAGES = CONFIG["languages"]
SOURCE = CONFIG["source_language"]
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def text_files(lang: str, root: Path = ROOT) -> list[Path]:
    """The section files of one language, in order."""
    return [Path(p) for p in project.section_files(lang, root / "paper")]


def lexicon(lang: str, root: Path = ROOT) -> dict:
    return yaml.safe_load((root / "paper" / lang / "lexicon.yaml").read_text(encoding="utf-8"))


def units(root: Path = ROOT) -> dict:
    return load_units(root / "data" / "units.yaml")


def load_paper_derivations(root: Path = ROOT) -> None:
    config = yaml.safe_load((root / "config" / "config.yaml").read_text(encoding="utf-8"))
    numbers_model.load_derivations(config.get("derivations", []))


def compute_all(root: Path = ROOT) -> dict:
    """Every number of a project, computed from its raw tables without Snakemake (paths
    relative to the project, as the build names them: run with the project as cwd)."""
    load_paper_derivations(root)
    schema = tables.load_schema(root / "data/schema.yaml", root / "data/units.yaml")
    sources = tables.reference_ids(root / "paper/references.yaml")
    parts = [
        numbers_model.compute(tables.read_table(f"data/raw/{name}.csv", schema, sources)) for name in schema
    ]
    return {key: numbers_model.as_json(entry) for key, entry in numbers_model.merge(parts).items()}


def snakemake(
    *args: str, cwd: Path = ROOT, check: bool = False, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run Snakemake in `cwd`; return the finished process (stdout and stderr as text)."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    # The engine comes from this repository, as if installed, for projects that do not carry it.
    environment["PYTHONPATH"] = os.pathsep.join([str(SCRIPTS), environment.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def datapaper_new(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python3 -m datapaper new ARGS` in `cwd`, with this repository's engine; the finished process."""
    env = {**os.environ, "PYTHONPATH": str(SCRIPTS), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "datapaper", "new", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)


# The engine's cache of the names each source file imports (datapaper/dag.py), named
# relative to the project and keyed by the files' sizes and times, which a copy keeps.
IMPORTS_CACHE = dag.CACHE


def copy_project(source: Path, target: Path) -> Path:
    """A copy of the project's sources (no build, no Snakemake records), with the times of
    its files and the engine's cache of their imports: Snakemake reads the copy's workflow
    without parsing every module again (0.3-1 s of every run on a fresh copy)."""
    shutil.copytree(source, target, ignore=IGNORED)
    if (source / IMPORTS_CACHE).exists():
        (target / IMPORTS_CACHE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / IMPORTS_CACHE, target / IMPORTS_CACHE)
    return target


def copy_built(source: Path, target: Path) -> Path:
    """A copy of a built project: its sources, its build/ and Snakemake's records of it, so
    that it is up to date in its new folder (Snakemake names inputs relative to the project)."""
    copy_project(source, target)
    shutil.copytree(source / "build", target / "build", symlinks=True)
    shutil.copytree(source / ".snakemake" / "metadata", target / ".snakemake" / "metadata")
    return target


def pdf_text(path: Path) -> str:
    """The PDF's text with no white space at all, words that a line end hyphenated joined.

    Spaces are dropped because text extraction guesses them from gaps (XeTeX writes none),
    so comparisons are made without them on both sides.
    """
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    text = re.sub(r"(\w)[-\u00ad]\n(\w)", r"\1\2", text)
    # Within a line, a soft hyphen is a hyphen whose glyph the font also maps to U+00AD.
    return fold(text.replace("\u00ad", "-"))


def fold(text: str) -> str:
    """Text without white space or word joiners, a non-breaking hyphen read as a hyphen."""
    return SPACES.sub("", text).replace("\u2011", "-").replace("\u2060", "")
