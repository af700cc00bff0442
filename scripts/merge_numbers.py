"""Merge the groups' numbers into build/numbers.json, the file the text and audit read."""

import json
from pathlib import Path

from paper_numbers import dumps, merge, write_text

if "snakemake" in globals():
    parts = [json.loads(Path(path).read_text(encoding="utf-8")) for path in snakemake.input]
    write_text(snakemake.output[0], dumps(merge(parts)))
