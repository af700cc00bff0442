"""Rule edition_pdf: Typst or XeLaTeX makes an edition's PDF from the source the
edition_source job wrote (jobs/source.py) and the figures, written whole or not at all."""

from datapaper.errors import run_job
from datapaper.files import write_bytes


def main(smk) -> None:
    source = smk.input.source
    if smk.params.engine == "typst":
        from datapaper.render.typst import compile_pdf

        pdf = compile_pdf(source, ".", smk.params.epoch, smk.params.fonts)
    else:
        from datapaper.render.latex import compile_pdf

        pdf = compile_pdf(source, smk.params.workdir, smk.params.epoch)
    write_bytes(smk.output.pdf, pdf)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
