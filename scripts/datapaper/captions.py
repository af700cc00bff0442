"""Captions of the figures for the Snakemake report, as the paper prints them.

Each figure's caption is taken from the language's text (`![caption](build/figures/<name>.<lang>)`),
its placeholders replaced by their formatted values and its number and label added, then
written as reStructuredText, the format Snakemake's report reads. Figures are numbered as
the filter figures.lua numbers them: in the order of first mention, a reference `@fig:<id>`
or the figure itself, whichever comes first in the sections.
"""

import re
from pathlib import Path

from datapaper.errors import InputError
from datapaper.placeholders import replace
from datapaper.textfiles import read_text

FIGURE = re.compile(
    r"^!\[(?P<caption>.*)\]\(build/figures/(?P<name>[a-z0-9_]+)\.[a-z]+\)\{#(?P<id>fig:[^\s}]+)"
)
# A reference to a figure, `@fig:<id>` (pandoc's citation key: inner punctuation between word characters).
REFERENCE = re.compile(r"@\{?(fig:\w+(?:[-:.#$%&+?<>~/]\w+)*)")
RST_SPECIAL = re.compile(r"([\\`*_|\[\]<>])")


def rst_text(text: str) -> str:
    """Plain text as reStructuredText: markup characters escaped."""
    return RST_SPECIAL.sub(r"\\\1", text)


def captions(texts: list[str], values: dict[str, str], pattern: str) -> dict[str, str]:
    """Figure name -> numbered caption with values spliced in, numbered by first mention."""
    lines = [line.strip() for text in texts for line in text.splitlines()]
    figures = [match for match in map(FIGURE.match, lines) if match]
    placed = {match["id"] for match in figures}
    numbers: dict[str, int] = {}
    for line in lines:
        figure = FIGURE.match(line)
        mentions = ([figure["id"]] if figure else []) + REFERENCE.findall(line)
        for ident in mentions:
            if ident in placed and ident not in numbers:
                numbers[ident] = len(numbers) + 1
    found: dict[str, str] = {}
    for match in figures:
        caption = replace(match["caption"], values)
        label = pattern.replace("{n}", str(numbers[match["id"]]))
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
