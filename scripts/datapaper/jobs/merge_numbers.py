"""Rule numbers: the groups' numbers merged into build/numbers.json, the file the text and
the audit read, and build/numbers.csv, the same as a table (for people and the report)."""

from datapaper.files import write_text
from datapaper.numbers import dumps, merge, read_numbers, to_csv
from datapaper.testhook import pause_if_asked


def main(smk) -> None:
    merged = merge([read_numbers(path) for path in smk.input.groups])
    write_text(smk.output.json, dumps(merged))
    write_text(smk.output.csv, to_csv(merged))


if "snakemake" in globals():
    pause_if_asked(snakemake.rule)  # noqa: F821  (inert unless a test asks: datapaper/testhook.py)
    main(snakemake)  # noqa: F821
