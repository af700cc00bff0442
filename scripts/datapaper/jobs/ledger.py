"""Rule ledger: the claims ledger, one row per placeholder occurrence in every language."""

import json
from pathlib import Path

from datapaper.files import write_text
from datapaper.ledger import ledger_rows, to_csv, to_json
from datapaper.testhook import pause_if_asked


def main(smk) -> None:
    documents = [json.loads(Path(p).read_text(encoding="utf-8")) for p in smk.input.values]
    rows = ledger_rows(documents)
    write_text(smk.output.csv, to_csv(rows))
    write_text(smk.output.json, to_json(rows))


if "snakemake" in globals():
    pause_if_asked(snakemake.rule)  # noqa: F821  (inert unless a test asks: datapaper/testhook.py)
    main(snakemake)  # noqa: F821
