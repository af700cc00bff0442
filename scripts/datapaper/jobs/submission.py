"""Rule submission: an edition's LaTeX submission package (build/submission/<edition>.zip).
Pandoc writes the LaTeX source with the pdf job's filters and defaults, whatever the
configured PDF engine, naming fonts and figures by relative paths; the zip holds it with
the figures and fonts (render/submission.py)."""

from datapaper.errors import run_job
from datapaper.files import write_bytes
from datapaper.render.edition import render
from datapaper.render.submission import FIGURE_DIR, FONT_DIR, package


def main(smk) -> None:
    source = smk.output.source
    render(smk, smk.output.metadata, source, FONT_DIR, **{"figure-dir": FIGURE_DIR})
    write_bytes(smk.output.zip, package(source, list(smk.input.figures), smk.params.fonts, smk.params.epoch))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
