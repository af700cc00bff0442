"""Rule group_numbers: the numbers of one group of raw tables (build/numbers/<group>.json)."""

from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.freshness import unchanged
from datapaper.numbers import dumps, load_derivations, merge, tables_numbers


def main(smk) -> None:
    load_derivations(smk.params.derivations)
    with unchanged(smk.input.tables):
        parts = tables_numbers(
            smk.input.tables, smk.input.schema, smk.input.references, smk.input.units, smk.params.wanted
        )
        text = dumps(merge(parts))
    write_text(smk.output[0], text)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
