"""Rule figure_print: one figure of config/figures.yaml saved in a print format (PDF for the
LaTeX engine and package, PNG for Word) in every language, from the figures the figure job
laid out (datapaper/figures.py, run_print): it draws nothing again."""

from datapaper import figures
from datapaper.errors import run_job


def main(smk) -> None:
    figures.run_print(smk)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
