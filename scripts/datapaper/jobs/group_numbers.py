"""Rule group_numbers: the numbers of one group of raw tables (build/numbers/<group>.json)."""

from datapaper.files import write_text
from datapaper.numbers import dumps, load_derivations, merge, table_numbers
from datapaper.testhook import pause_if_asked


def main(smk) -> None:
    load_derivations(smk.params.derivations)
    parts = [
        table_numbers(path, smk.input.schema, smk.input.references, smk.input.units)
        for path in smk.input.tables
    ]
    write_text(smk.output[0], dumps(merge(parts)))


if "snakemake" in globals():
    pause_if_asked(snakemake.rule)  # noqa: F821  (inert unless a test asks: datapaper/testhook.py)
    main(snakemake)  # noqa: F821
