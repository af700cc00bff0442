"""Rule diff_edition: one edition's diff against the base revision (datapaper/diff.py),
as Markdown, HTML and PDF, in the edition's language."""

import json
from pathlib import Path

from datapaper.diff import (
    check_labels,
    diff_markdown,
    figure_changes,
    ledger_texts,
    number_changes,
    text_diff,
    to_html,
    to_typst,
)
from datapaper.errors import run_job
from datapaper.files import write_bytes, write_text
from datapaper.render.frontmatter import read_metadata
from datapaper.render.typst import compile_pdf
from datapaper.yamlfiles import read_yaml


def values_of(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))["values"] if path.exists() else {}


def main(smk) -> None:
    old, new = Path(smk.input.base), Path(".")
    lang = smk.params.lang
    metadata = read_metadata(smk.input.metadata)
    labels = check_labels(metadata, smk.input.metadata)
    sections = text_diff(
        old / "paper",
        new / "paper",
        lang,
        values_of(old / f"build/{lang}/values.json"),
        values_of(Path(smk.input.values)),
    )
    figures = figure_changes(read_yaml(smk.input.figures, list, "figures") or [], old, new)
    old_ledger = json.loads((old / "build/ledger.json").read_text(encoding="utf-8"))
    new_ledger = json.loads(Path(smk.input.ledger).read_text(encoding="utf-8"))
    markdown = diff_markdown(
        labels,
        smk.params.base,
        sections,
        number_changes(old, new),
        figures,
        ledger_texts(old_ledger, lang),
        ledger_texts(new_ledger, lang),
    )
    write_text(smk.output.md, markdown)
    title = labels["diff_title"].replace("{base}", smk.params.base)
    write_text(
        smk.output.html, to_html(smk.params.pandoc, markdown, metadata["lang"], title, smk.input.style)
    )
    write_text(
        smk.output.source,
        to_typst(smk.params.pandoc, markdown, metadata["lang"], smk.input.lua_filter, title),
    )
    write_bytes(smk.output.pdf, compile_pdf(smk.output.source, ".", smk.params.epoch, smk.params.fonts))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
