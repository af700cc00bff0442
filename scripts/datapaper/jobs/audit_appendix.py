"""Rule audit_appendix: the audit's contradictions and tensions for the readers of one
language's edition (build/<lang>/audit.md, a section of its appendix), each with the
sentences of that language it concerns. Apart from the audit rule, which reads every
language, so that editing one language's text rebuilds no other language's PDF."""

import json
from pathlib import Path

from datapaper.audit import appendix_markdown, load_claims, run_audit
from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.textfiles import read_text
from datapaper.units import load_units
from datapaper.yamlfiles import read_yaml


def lines(paths) -> dict[str, list[str]]:
    return {str(p): read_text(p).splitlines() for p in paths}


def main(smk) -> None:
    lang = smk.wildcards.lang
    result = run_audit(
        json.loads(Path(smk.input.numbers).read_text(encoding="utf-8")),
        json.loads(Path(smk.input.values).read_text(encoding="utf-8"))["values"],
        lines(smk.input.text),
        load_claims(smk.input.claims),
        load_units(smk.input.units),
        {lang: lines(smk.input.own)},
    )
    write_text(smk.output[0], appendix_markdown(result, lang, read_yaml(smk.input.metadata)["labels"]))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
