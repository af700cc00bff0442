"""The project's folders, for code that runs outside a Snakemake rule (tests, tools)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_RAW = ROOT / "data" / "raw"
PAPER = ROOT / "paper"
CONFIG = ROOT / "config" / "config.yaml"


def text_files(lang: str, root: Path = ROOT) -> list[Path]:
    """The section files of one language, in order."""
    return sorted((root / "paper" / lang).glob("[0-9]*.md"))
