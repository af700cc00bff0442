"""Pandoc's part of rendering an edition: its command line (layered defaults files, the
edition's metadata, the bibliography, the style, the texts) and running it."""

import os
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


def run_pandoc(command: list[str], log: str, epoch: int | None = None) -> None:
    """Run pandoc; with `epoch`, the dates it writes into a file (a DOCX's core properties)
    are that moment, not now."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else None
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    Path(log).write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise PandocError(f"pandoc failed (exit {result.returncode}):\n{result.stderr.strip()}")


def convert_text(pandoc: str, text: str, source: str, target: str, *args: str) -> str:
    """Text converted by pandoc, in one run (pypandoc's convert_text runs pandoc three more
    times to check its version and formats: 0.5 s instead of 0.05)."""
    result = subprocess.run(
        [pandoc, "--from", source, "--to", target, *args],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise PandocError(f"pandoc failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return result.stdout
