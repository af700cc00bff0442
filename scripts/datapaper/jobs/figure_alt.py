"""Rule figure_alt: every figure's alternative text in every language, written from its
strings' `<name>.alt` with the numbers the figure draws (its module's `figure_data` and
`describe`), for every format that shows the figure (datapaper/figures.py: run_alt)."""

import importlib

from datapaper import figures
from datapaper.errors import run_job


def main(smk) -> None:
    names = sorted({figure["module"] for figure in smk.params.figures})
    figures.run_alt(smk, {name: importlib.import_module(name) for name in names})


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
