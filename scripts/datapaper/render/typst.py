"""Compile Typst source to PDF with the fonts that ship with matplotlib (DejaVu).

System fonts are ignored and the date is fixed, so the same source gives the same bytes
on any machine. Typst reads nothing outside the project folder (`root`): Typst itself
refuses a path up and out of it, and a link that leads out (which Typst would follow) is
refused before it compiles (datapaper/sandbox.py).

Every PDF is exported as PDF/UA-1 (accessible: tagged, with a title, a language and an
alternative text for every image) and PDF/A-2a (archival, at its accessible level "a",
which PDF/UA-1 can be joined with: PDF/A-4 is PDF 2.0, which PDF/UA-1 does not allow;
PDF/A-3 adds only embedded files, which the paper has none of; PDF/A-1 is PDF 1.4,
without transparency). Typst refuses to export a source that breaks them; the build
then stops naming the file and what to fix.
"""

import importlib.util
from pathlib import Path

import typst

from datapaper.errors import InputError
from datapaper.sandbox import check_typst_source

# The PDF standards every Typst PDF declares and meets (Typst checks them as it exports).
STANDARDS = ("ua-1", "a-2a")
# What to do when Typst refuses one of the standards' demands, by words of its message.
FIXES = {
    "alt text": "give the image an alternative text: a figure of config/figures.yaml gets it "
    "from `<name>.alt` of figures/strings/<lang>.yaml, another image from "
    '`![caption](file){alt="what it shows"}`',
    "title": "give the edition a `title` in paper/<lang>/metadata.yaml",
    "language": "give the edition a `lang` in paper/<lang>/metadata.yaml",
}

# DejaVu, as matplotlib ships it (found without importing matplotlib).
FONTS = Path(importlib.util.find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"


def compile_pdf(
    source: str | Path,
    root: str | Path,
    epoch: int,
    fonts: str | Path = FONTS,
    standards: tuple[str, ...] = STANDARDS,
) -> bytes:
    """PDF bytes of a Typst file, declaring and meeting `standards`; Typst's own errors
    carry file and line, a refusal by a standard names the file and what to fix."""
    check_typst_source(source, root)
    try:
        return typst.compile(
            str(source),
            root=str(root),
            font_paths=[str(fonts)],
            ignore_system_fonts=True,
            timestamp=epoch,
            pdf_standards=list(standards),
        )
    except typst.TypstError as err:
        message = str(err)
        if "PDF/" not in message:
            raise
        fix = next((fix for words, fix in FIXES.items() if words in message.lower()), None)
        raise InputError(
            f"{source}: Typst refuses to export it as {', '.join(s.upper() for s in standards)}: "
            f"{' '.join(message.split())} — {fix or 'make the source meet the standard (see Typst’s message)'}"
        ) from None
