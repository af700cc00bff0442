"""Compile Typst source to PDF with the fonts that ship with matplotlib (DejaVu).

System fonts are ignored and the date is fixed, so the same source gives the same bytes
on any machine. Typst reads nothing outside the project folder (`root`).
"""

from pathlib import Path

import matplotlib
import typst

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def compile_pdf(source: str | Path, root: str | Path, epoch: int) -> bytes:
    """PDF bytes of a Typst file; Typst's own errors carry file and line."""
    return typst.compile(
        str(source),
        root=str(root),
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,
        timestamp=epoch,
    )
