"""datapaper: build a data-driven, multilingual paper from raw tables and Markdown.

Raw tables (data/raw/*.csv, declared in data/schema.yaml) become computed numbers, each
with its provenance; placeholders in the text (paper/<lang>/*.md) are replaced by those
numbers, formatted as each language writes them; pandoc and Typst or XeLaTeX make the
PDFs; figures, the claims ledger, the consistency audit and translation drift come with
them. The Snakemake rules live in `datapaper/workflow/`, the pandoc filters, defaults and
templates in `datapaper/resources/`. A paper plugs in its own derivations and figure
scripts through config/config.yaml (see the README, "Start your own paper").
"""

from pathlib import Path

__version__ = "2.0.0"

PACKAGE = Path(__file__).resolve().parent
RESOURCES = PACKAGE / "resources"
WORKFLOW = PACKAGE / "workflow"


def resource(*parts: str) -> Path:
    """A file the engine ships (filters, defaults, templates, report texts)."""
    return RESOURCES.joinpath(*parts)


def rule_file(name: str) -> str:
    """The path of one of the engine's rule files, for the Snakefile's `include:`."""
    return str(WORKFLOW / name)


def use_code_in(folder: str) -> None:
    """Make the project's code (the engine, if it is not installed, and the paper's own
    package) importable here and in every job, which runs in a Python process of its own."""
    import os
    import sys

    if folder not in sys.path:
        sys.path.insert(0, folder)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != folder]
    os.environ["PYTHONPATH"] = os.pathsep.join([folder, *paths])
