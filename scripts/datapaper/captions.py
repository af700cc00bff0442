"""Captions of the figures for the Snakemake report, as the paper prints them.

Each figure's caption is taken from the language's text (`![caption](build/figures/<name>.<lang>)`),
its placeholders replaced by their formatted values and its number and label added, then
written as reStructuredText, the format Snakemake's report reads.
"""

import re
from pathlib import Path

from datapaper.errors import InputError
from datapaper.placeholders import replace
from datapaper.textfiles import read_text

FIGURE = re.compile(r"^!\[(?P<caption>.*)\]\(build/figures/(?P<name>[a-z0-9_]+)\.[a-z]+\)\{#fig:")
RST_SPECIAL = re.compile(r"([\\`*_|\[\]<>])")


def rst_text(text: str) -> str:
    """Plain text as reStructuredText: markup characters escaped."""
    return RST_SPECIAL.sub(r"\\\1", text)


def captions(texts: list[str], values: dict[str, str], pattern: str) -> dict[str, str]:
    """Figure name -> numbered caption with values spliced in, in the order of the text."""
    found: dict[str, str] = {}
    for text in texts:
        for line in text.splitlines():
            match = FIGURE.match(line.strip())
            if match:
                caption = replace(match["caption"], values)
                label = pattern.replace("{n}", str(len(found) + 1))
                found[match["name"]] = f"{label} {caption}"
    return found


def write_captions(text_files: list[str], values: dict[str, str], labels: dict, outputs: list[str]) -> None:
    """Write build/report/captions/<name>.<lang>.rst for each output named."""
    from datapaper.files import write_text

    sections = [read_text(path) for path in text_files if path.endswith(".md")]
    found = captions(sections, values, labels["figure_caption"])
    names = {path: Path(path).name.split(".")[0] for path in outputs}
    for path, name in names.items():
        if name not in found:
            lang = Path(path).name.split(".")[1]
            raise InputError(
                f"{Path(text_files[0]).parent}/: no section places the figure {name} — place it with "
                f"![caption](build/figures/{name}.{lang}){{#fig:<id>}}"
            )
    for path, name in names.items():
        write_text(path, rst_text(found[name]) + "\n")
