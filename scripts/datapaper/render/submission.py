"""A LaTeX submission package: the edition's paper.tex, its figures (PDF) and the fonts,
with relative paths only, so that `xelatex paper.tex` compiles it in any folder on a
machine with TeX Live and nothing of the project. The fonts are DejaVu as matplotlib
ships them, with their licence (it allows redistribution)."""

from pathlib import Path

from datapaper.zipfiles import deterministic_zip

# Folders inside the package; the template and figures.lua name them (metadata
# variables font-dir and figure-dir).
FONT_DIR = "fonts"
FIGURE_DIR = "figures"
# The font files the LaTeX template loads, and the licence beside them.
FONT_FAMILIES = ("DejaVuSerif", "DejaVuSans", "DejaVuSansMono")
FONT_STYLES = {
    "DejaVuSerif": ("", "-Bold", "-Italic", "-BoldItalic"),
    "DejaVuSans": ("", "-Bold", "-Oblique", "-BoldOblique"),
    "DejaVuSansMono": ("", "-Bold", "-Oblique", "-BoldOblique"),
}
FONT_LICENCE = "LICENSE_DEJAVU"
README = """\
Compile with XeLaTeX (TeX Live) in this folder:

    xelatex paper.tex
    xelatex paper.tex

The second run resolves the citation links. Fonts (DejaVu, licence in
fonts/LICENSE_DEJAVU) and figures are in this folder; nothing else is needed.
"""


def font_files(fonts: str | Path) -> list[Path]:
    """The font files the template loads, and their licence, from the font folder."""
    folder = Path(fonts)
    files = [folder / f"{family}{style}.ttf" for family in FONT_FAMILIES for style in FONT_STYLES[family]]
    licence = folder / FONT_LICENCE
    return files + ([licence] if licence.exists() else [])


def package(source: str | Path, figures: list[str], fonts: str | Path, epoch: int) -> bytes:
    """The zip: paper.tex, figures/<file>.pdf, fonts/<file>, README.txt."""
    entries = {"paper.tex": Path(source).read_bytes(), "README.txt": README.encode("utf-8")}
    for figure in figures:
        entries[f"{FIGURE_DIR}/{Path(figure).name}"] = Path(figure).read_bytes()
    for font in font_files(fonts):
        entries[f"{FONT_DIR}/{font.name}"] = font.read_bytes()
    return deterministic_zip(entries, epoch)
