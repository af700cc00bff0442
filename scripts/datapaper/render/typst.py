"""Compile Typst source to PDF with the fonts that ship with matplotlib (DejaVu).

System fonts are ignored and the date is fixed, so the same source gives the same bytes
on any machine. Typst reads nothing outside the project folder (`root`): Typst itself
refuses a path up and out of it, and a link that leads out (which Typst would follow) is
refused before it compiles (datapaper/sandbox.py).
"""

import importlib.util
from pathlib import Path

import typst

from datapaper.sandbox import check_typst_source

# DejaVu, as matplotlib ships it (found without importing matplotlib).
FONTS = Path(importlib.util.find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"


def compile_pdf(source: str | Path, root: str | Path, epoch: int, fonts: str | Path = FONTS) -> bytes:
    """PDF bytes of a Typst file; Typst's own errors carry file and line."""
    check_typst_source(source, root)
    return typst.compile(
        str(source),
        root=str(root),
        font_paths=[str(fonts)],
        ignore_system_fonts=True,
        timestamp=epoch,
    )
