"""Rule pdf: one edition rendered. Its pandoc metadata is composed (render/frontmatter.py),
pandoc writes the engine's source (kept for journal submission), then Typst or XeLaTeX
makes the PDF: one job, one Python start. Both files are written whole or not at all.
The typography check of the PDF is a job of its own (jobs/typography.py), so that a PDF is
on disk (and in the preview) without waiting for it."""

from pathlib import Path

import yaml

from datapaper.errors import run_job
from datapaper.files import write_bytes, write_text
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
    if smk.params.engine == "typst":
        from datapaper.render.typst import compile_pdf

        pdf = compile_pdf(source, ".", smk.params.epoch, smk.params.fonts)
    else:
        from datapaper.render.latex import compile_pdf

        pdf = compile_pdf(source, smk.params.workdir, smk.params.epoch)
    write_bytes(smk.output.pdf, pdf)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
