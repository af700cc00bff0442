"""Rule figure_alt: one figure's alternative text in every language, written from its
strings' `<name>.alt` with the numbers the figure draws (its module's `figure_data` and
`describe`), for every format that shows the figure (datapaper/figures.py: run_alt)."""

import importlib

from datapaper import figures
from datapaper.errors import run_job


def main(smk) -> None:
    figures.run_alt(smk, importlib.import_module(smk.params.module))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
