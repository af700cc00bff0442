"""Rule edition_source: an edition's pandoc metadata composed (render/frontmatter.py), then
pandoc writes the engine's source, build/<edition>/paper.typ or paper.tex (kept for journal
submission), whole or not at all. The figures' files are named, not read: the job runs
while they are drawn, and the pdf rule (jobs/pdf.py) waits for them."""

from pathlib import Path

import yaml

from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.render.frontmatter import edition_metadata, read_metadata
from datapaper.render.pandoc import pandoc_command, run_pandoc


def main(smk) -> None:
    body = read_metadata(smk.input.body)
    metas = [read_metadata(path) for path in smk.input.metadata]
    code_labels = read_metadata(smk.input.codes) if smk.input.get("codes") else None
    metadata = edition_metadata(body, metas, smk.input.values, smk.params.codes, code_labels)
    write_text(smk.output.metadata, yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False))
    source = smk.output.source
    command = pandoc_command(
        smk.params.pandoc,
        list(smk.input.defaults),
        smk.output.metadata,
        smk.input.csl,
        smk.params.fonts,
        list(smk.input.text),
        f"{source}.partial",
        smk.input.references,
    )
    run_pandoc(command, smk.log[0])
    Path(f"{source}.partial").replace(source)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
