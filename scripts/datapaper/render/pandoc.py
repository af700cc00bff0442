"""Pandoc's part of rendering an edition: its command line (layered defaults files, the
edition's metadata, the bibliography, the style, the texts) and running it."""

import subprocess
from pathlib import Path


class PandocError(RuntimeError):
    """Pandoc failed; the message quotes what it said."""


def pandoc_command(
    pandoc: str,
    defaults: list[str],
    metadata: str,
    csl: str,
    fonts: str,
    text: list[str],
    output: str,
    bibliography: str,
) -> list[str]:
    """Pandoc's command line: layered defaults files, the edition's metadata, the texts."""
    layers = [arg for path in defaults for arg in ("--defaults", path)]
    return [
        pandoc,
        *layers,
        "--metadata-file",
        metadata,
        "--bibliography",
        bibliography,
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
