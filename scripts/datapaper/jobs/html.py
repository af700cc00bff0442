"""Rule html: an edition as one self-contained web page. The data the filters show
(each number's provenance, the audit's findings, the language switcher) is written as
JSON beside the metadata (render/html.py); audited sentences get a link to their
finding; pandoc writes HTML with the figures inline as SVG and nothing to fetch."""

import json
from pathlib import Path

from datapaper.errors import run_job
from datapaper.render.edition import render
from datapaper.render.html import edition_findings, marked_texts, provenance, section_id, write_json
from datapaper.yamlfiles import read_yaml


def main(smk) -> None:
    folder = Path(smk.output.metadata).parent
    ledger = json.loads(Path(smk.input.values).read_text(encoding="utf-8"))["ledger"]
    references = {ref["id"]: ref for ref in read_yaml(smk.input.references, dict)["references"]}
    provenance_file = folder / "provenance.json"
    write_json(provenance_file, provenance(ledger, references))
    findings = edition_findings(
        json.loads(Path(smk.input.audit).read_text(encoding="utf-8"))["findings"], list(smk.input.text)
    )
    text = marked_texts(list(smk.input.text), findings, folder / "text")
    editions = smk.params.editions
    web = {
        "edition": smk.wildcards.edition,
        "sections": [section_id(path) for path in smk.input.text],
        "editions": [
            {
                "edition": name,
                "lang": info["lang"],
                "href": f"paper.{name}.html",
                "sections": info["sections"],
            }
            for name, info in editions.items()
        ],
        "findings": [{k: v for k, v in f.items() if k != "lines"} for f in findings],
    }
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
