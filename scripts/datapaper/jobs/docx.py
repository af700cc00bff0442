"""Rule docx: an edition in Word. Pandoc writes it with the pdf job's filters and the
front matter filter, the figures as print PNGs, the engine's reference document; the
zip is then rewritten so the same inputs give the same bytes (render/docx.py)."""

from pathlib import Path

from datapaper.errors import run_job
from datapaper.files import write_bytes
from datapaper.render.docx import reproducible
from datapaper.render.edition import render


def main(smk) -> None:
    written = f"{smk.output.docx}.pandoc"
    render(smk, smk.output.metadata, written)
    write_bytes(smk.output.docx, reproducible(Path(written).read_bytes(), smk.params.epoch))
    Path(written).unlink()


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
