"""Rule edition_source: an edition's pandoc metadata composed (render/frontmatter.py), then
pandoc writes the engine's source, build/<edition>/paper.typ or paper.tex (kept for journal
submission), whole or not at all. The figures' files are named, not read: the job runs
while they are drawn, and the pdf rule (jobs/pdf.py) waits for them."""

from datapaper.errors import run_job
from datapaper.render.edition import render


def main(smk) -> None:
    render(smk, smk.output.metadata, smk.output.source, fonts=smk.params.fonts)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
