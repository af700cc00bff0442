"""Rule edition_pdf: Typst or XeLaTeX makes an edition's PDF from the source the
edition_source job wrote (jobs/source.py) and the figures, written whole or not at all;
then the typography check reads the PDF as a reader sees it (datapaper/typography.py)."""

from datapaper.errors import run_job
from datapaper.files import write_bytes
from datapaper.typography import check_edition


def main(smk) -> None:
    source = smk.input.source
    if smk.params.engine == "typst":
        from datapaper.render.typst import compile_pdf

        pdf = compile_pdf(source, ".", smk.params.epoch, smk.params.fonts)
    else:
        from datapaper.render.latex import compile_pdf

        pdf = compile_pdf(source, smk.params.workdir, smk.params.epoch, smk.params.fonts)
    write_bytes(smk.output.pdf, pdf)
    check_edition(
        smk.output.pdf,
        smk.input.body,
        smk.input.values,
        smk.input.lexicon,
        smk.input.text,
        smk.params.languages,
        smk.output.typography,
    )


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
