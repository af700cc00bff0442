"""Rule figure: one figure of config/figures.yaml drawn in every language, by the paper's
module that the figures table names (its `figure_data` and `draw`), saved as SVG and kept
laid out for the print formats (jobs/figure_print.py)."""

import importlib

from datapaper import figures
from datapaper.errors import run_job


def main(smk) -> None:
    module = importlib.import_module(smk.params.module)
    figures.run(smk, module.figure_data, module.draw)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
