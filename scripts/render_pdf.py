"""Render one edition: its pandoc metadata composed (scripts/front_matter.py), pandoc
writes the engine's source, then Typst or XeLaTeX the PDF.

Both files are written whole or not at all (a .partial file renamed into place), so an
interrupted or failed job never leaves half a source or half a PDF.
"""

import subprocess
from pathlib import Path


class PandocError(RuntimeError):
    """Pandoc failed; the message quotes what it said."""


def pandoc_command(
    pandoc: str, defaults: list[str], metadata: str, csl: str, fonts: str, text: list[str], output: str
) -> list[str]:
    """Pandoc's command line: layered defaults files, the edition's metadata, the texts."""
    layers = [arg for path in defaults for arg in ("--defaults", path)]
    return [
        pandoc,
        *layers,
        "--metadata-file",
        metadata,
        "--csl",
        csl,
        "-M",
        f"font-dir={fonts}",
        *text,
        "-o",
        output,
    ]


def run_pandoc(command: list[str], log: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    Path(log).write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise PandocError(f"pandoc failed (exit {result.returncode}):\n{result.stderr.strip()}")


if "snakemake" in globals():
    import yaml
    from files import write_bytes, write_text
    from front_matter import edition_metadata, read_metadata

    body = read_metadata(snakemake.input.body)
    metas = [read_metadata(path) for path in snakemake.input.metadata]
    codes = read_metadata(snakemake.input.codes) if snakemake.input.get("codes") else None
    metadata = edition_metadata(body, metas, snakemake.input.values, codes)
    write_text(snakemake.output.metadata, yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False))
    source = snakemake.output.source
    command = pandoc_command(
        snakemake.params.pandoc,
        list(snakemake.input.defaults),
        snakemake.output.metadata,
        snakemake.input.csl,
        snakemake.params.fonts,
        list(snakemake.input.text),
        f"{source}.partial",
    )
    run_pandoc(command, snakemake.log[0])
    Path(f"{source}.partial").replace(source)
    if snakemake.params.engine == "typst":
        from compile_typst import compile_pdf

        pdf = compile_pdf(source, ".", snakemake.params.epoch, snakemake.params.fonts)
    else:
        from compile_latex import compile_pdf

        pdf = compile_pdf(source, snakemake.params.workdir, snakemake.params.epoch)
    write_bytes(snakemake.output.pdf, pdf)
