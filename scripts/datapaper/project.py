"""The layout of a paper project: where its content lives, by convention.

A project folder holds `config/config.yaml` (settings), `data/` (raw tables in `raw/`,
`schema.yaml`, `units.yaml`), `paper/<lang>/` (numbered section files, `metadata.yaml`,
`lexicon.yaml`), `paper/references.yaml` and `figures/` (the style and one strings file
per language). This module is the one owner of those names, of finding a language's
section files and of which language an edition is written in; everything else asks here.
Paths are relative to the project folder, the folder commands and jobs run in.
"""

from pathlib import Path
from typing import Any

CONFIG = Path("config/config.yaml")
DATA = Path("data")
RAW = DATA / "raw"
SCHEMA = DATA / "schema.yaml"
UNITS = DATA / "units.yaml"
PAPER = Path("paper")
REFERENCES = PAPER / "references.yaml"
TRANSLATION_LOCK = PAPER / "translations.lock.yaml"
FIGURES = Path("figures")
FIGURE_STYLE = FIGURES / "paper.mplstyle"
BUILD = Path("build")
# This paper's declarations the engine reads: its figures, its audit claims.
FIGURE_TABLE = Path("config/figures.yaml")
AUDIT_CLAIMS = Path("config/audit.yaml")
REPORT_DESCRIPTION = PAPER / "report" / "workflow.rst"

# Section files: numbered Markdown files, read in the order of their names.
SECTION_GLOB = "[0-9]*.md"


def yaml_inputs() -> list[Path]:
    """The project's own YAML files, which many jobs read: its settings, the data's schema
    and units, the references, each language's metadata and lexicon, the figures' strings."""
    return [
        *sorted(CONFIG.parent.glob("*.yaml")),
        *sorted(DATA.glob("*.yaml")),
        *sorted(PAPER.rglob("*.yaml")),
        *sorted(FIGURES.rglob("*.yaml")),
    ]


def section_files(lang: str, paper: str | Path = PAPER) -> list[str]:
    """The numbered section files of one language's text, in order (paths as `paper` gives them)."""
    return sorted(str(p) for p in (Path(paper) / lang).glob(SECTION_GLOB))


def section_names(lang: str, paper: str | Path = PAPER) -> list[str]:
    """The section file names of one language, in order."""
    return sorted(p.name for p in (Path(paper) / lang).glob(SECTION_GLOB))


def metadata_file(lang: str) -> str:
    return str(PAPER / lang / "metadata.yaml")


def lexicon_file(lang: str) -> str:
    return str(PAPER / lang / "lexicon.yaml")


def strings_file(lang: str) -> str:
    return str(FIGURES / "strings" / f"{lang}.yaml")


def figure_layout(name: str) -> str:
    """The figure job's laid-out figures (every language), which the print job saves
    (`*`: a pattern of every figure's)."""
    return str(BUILD / "figures" / f"{name}.layout.pickle")


def table_file(name: str) -> str:
    return str(RAW / f"{name}.csv")


def display(path: str | Path, root: str | Path = ".") -> str:
    """A path as the project names it (figures/strings/kk.yaml), else as given."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# Editions: one per language, plus the journal edition (the original's layout).
JOURNAL = "journal"


def editions(config: dict[str, Any]) -> list[str]:
    return list(config["languages"]) + [JOURNAL]


def edition_language(config: dict[str, Any], edition: str) -> str:
    """The language of an edition's body."""
    return config["journal"]["body_language"] if edition == JOURNAL else edition


def source_language(config: dict[str, Any]) -> str:
    """The language the text is written in first; the others are translations of it."""
    return config["source_language"]
