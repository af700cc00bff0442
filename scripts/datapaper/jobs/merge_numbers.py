"""Rule numbers: the groups' numbers merged into build/numbers.json, the file the text and
the audit read, and build/numbers.csv, the same as a table (for people and the report)."""

from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.numbers import dumps, merge, read_numbers, to_csv


def main(smk) -> None:
    merged = merge([read_numbers(path) for path in smk.input.groups])
    write_text(smk.output.json, dumps(merged))
    write_text(smk.output.csv, to_csv(merged))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
