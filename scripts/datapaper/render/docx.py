"""Word editions: the engine's reference document (pandoc's own, with its fonts set to
DejaVu, which has every Cyrillic and Kazakh letter) and a DOCX rewritten so that the same
inputs give the same bytes (entries sorted, one timestamp)."""

import io
import subprocess
import sys
import zipfile

from datapaper import resource
from datapaper.zipfiles import deterministic_zip, normalize_zip

REFERENCE = resource("docx", "reference.docx")
# pandoc's default fonts (theme fonts and Consolas) -> DejaVu, named for every script.
FONTS = {
    'w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"': "DejaVu Serif",
    'w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"': "DejaVu Sans",
    'w:ascii="Consolas" w:hAnsi="Consolas"': "DejaVu Sans Mono",
}


def dejavu_styles(styles: str) -> str:
    """styles.xml with every font of pandoc's reference document replaced by DejaVu."""
    for old, font in FONTS.items():
        if old not in styles:
            raise ValueError(f"pandoc's reference.docx has no fonts {old!r}: update datapaper/render/docx.py")
        styles = styles.replace(old, f'w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"')
    return styles


def reference_docx(pandoc: str, epoch: int) -> bytes:
    """The engine's reference document, made from the default one of `pandoc`."""
    default = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    ).stdout
    with zipfile.ZipFile(io.BytesIO(default)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    entries["word/styles.xml"] = dejavu_styles(entries["word/styles.xml"].decode("utf-8")).encode("utf-8")
    return deterministic_zip(entries, epoch)


def reproducible(docx: bytes, epoch: int) -> bytes:
    """A DOCX as pandoc wrote it, its zip rewritten with sorted entries and one timestamp."""
    return normalize_zip(docx, epoch)


if __name__ == "__main__":
    # Remake resources/docx/reference.docx: python -m datapaper.render.docx PANDOC
    import pypandoc

    REFERENCE.write_bytes(reference_docx(sys.argv[1] if len(sys.argv) > 1 else pypandoc.get_pandoc_path(), 0))
