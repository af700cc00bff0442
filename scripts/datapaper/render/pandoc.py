"""Pandoc's part of rendering an edition: its command line (layered defaults files, the
edition's metadata, the bibliography, the style, the texts) and running it."""

import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

# Pandoc loads its syntax definitions whenever it may highlight code (measured: 0.3 s of
# the 0.45 s that the audit's page takes, 0.05 s of a Typst source; nothing measurable
# for the web editions). Only a code block in a named language (```python,
# ~~~ {.r}) is highlighted, and not one named as plain text (the audit's ```text); a text
# without such a block is converted without them, to the same bytes.
CODE_BLOCK_LANGUAGE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:\{[^}\n]*?\.)?([A-Za-z][\w+#-]*)", re.M)
PLAIN_TEXT = frozenset({"text", "txt", "plain", "plaintext"})
NO_HIGHLIGHTING = "--syntax-highlighting=none"


def highlighting(texts: Iterable[str]) -> list[str]:
    """Pandoc's option that skips syntax highlighting, unless a text has code to highlight."""
    for text in texts:
        if any(match[1].lower() not in PLAIN_TEXT for match in CODE_BLOCK_LANGUAGE.finditer(text)):
            return []
    return [NO_HIGHLIGHTING]


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
        *highlighting(Path(path).read_text(encoding="utf-8") for path in text),
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
        [pandoc, "--from", source, "--to", target, *highlighting([text]), *args],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise PandocError(f"pandoc failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return result.stdout
