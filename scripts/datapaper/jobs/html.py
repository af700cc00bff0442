"""Rule html: an edition as one self-contained web page. The data the filters show
(each number's provenance, the audit's findings, the language switcher) is written as
JSON beside the metadata (render/html.py), every word of it in the edition's language;
audited sentences get a link to their finding; pandoc writes HTML with the figures
inline as SVG and nothing to fetch."""

import json
from pathlib import Path

from datapaper.audit import edition_writer
from datapaper.errors import run_job
from datapaper.freshness import unchanged
from datapaper.placeholders import read_lexicon
from datapaper.render.edition import render
from datapaper.render.frontmatter import read_metadata
from datapaper.render.html import edition_findings, marked_texts, provenance, web_data, write_json
from datapaper.units import load_units
from datapaper.yamlfiles import read_yaml


def read_json(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def main(smk) -> None:
    with unchanged(smk.input.tables):  # the rows the tooltips show are the tables' rows now
        page(smk)


def page(smk) -> None:
    folder = Path(smk.output.metadata).parent
    body = read_metadata(smk.input.body)
    words = body["labels"]  # the engine's words in the edition's language, the paper's labels over them
    numbers = read_json(smk.input.numbers)
    lexicon = read_lexicon(smk.input.lexicon)
    ledger = read_json(smk.input.values)["ledger"]
    references = {ref["id"]: ref for ref in read_yaml(smk.input.references, dict)["references"]}
    provenance_file = folder / "provenance.json"
    write_json(provenance_file, provenance(ledger, references, numbers, words, lexicon.get("methods")))
    typed = edition_writer(numbers, smk.params.lang, lexicon, load_units(smk.input.units), smk.input.lexicon)
    findings = edition_findings(read_json(smk.input.audit)["findings"], list(smk.input.text), words, typed)
    text = marked_texts(list(smk.input.text), findings, folder / "text")
    web = web_data(
        smk.wildcards.edition, list(smk.input.text), smk.params.editions, words, body["lang"], findings
    )
    web_file = folder / "web.json"
    write_json(web_file, web)
    render(
        smk,
        smk.output.metadata,
        smk.output.html,
        text=text,
        **{"placeholder-provenance": str(provenance_file), "web-data": str(web_file)},
    )


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
