"""Rule citation_style: the citation style every format cites with (build/style.csl), the
configured CSL style with the engine's extra locales (render/csl.py), written once."""

from pathlib import Path

from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.render.csl import with_locales


def main(smk) -> None:
    style = Path(smk.input.csl).read_text(encoding="utf-8")
    locales = Path(smk.input.locales).read_text(encoding="utf-8")
    write_text(smk.output[0], with_locales(style, locales, smk.input.csl))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
