"""Rule audit: the paper's claims (config/audit.yaml) checked against each other, reported
to the author in build/audit.md, .json (each finding's sentences in every language) and
.html (for the Snakemake report)."""

import json
from pathlib import Path
from typing import Any

from datapaper.audit import load_claims, run_audit, summary, to_html, to_json, to_markdown
from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.textfiles import read_text
from datapaper.units import load_units


def read_json(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def main(smk) -> None:
    texts = {str(p): read_text(p).splitlines() for p in smk.input.text}
    languages: dict[str, dict[str, list[str]]] = {}
    for path in smk.input.translations:  # paper/<lang>/<section>.md
        languages.setdefault(Path(path).parent.name, {})[str(path)] = read_text(path).splitlines()
    result = run_audit(
        read_json(smk.input.numbers),
        read_json(smk.input.values)["values"],
        texts,
        load_claims(smk.input.claims),
        load_units(smk.input.units),
        languages,
    )
    markdown = to_markdown(result)
    write_text(smk.output.md, markdown)
    write_text(smk.output.json, to_json(result))
    write_text(smk.output.html, to_html(markdown, smk.params.pandoc, kept=True))
    write_text(smk.log[0], f"audit: {summary(result)}\n")


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
