"""Rule edition_typography: the typography check (datapaper/typography.py) of one edition's
PDF, read as a reader sees it; its findings go to build/<edition>/typography.json and to
stderr: a warning the closing summary prints, never a failure."""

import json
import sys
from pathlib import Path

from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.render.frontmatter import read_metadata
from datapaper.typography import edition_problems
from datapaper.yamlfiles import read_yaml


def main(smk) -> None:
    lang = read_metadata(smk.input.body)["lang"]
    values = json.loads(Path(smk.input.values).read_text(encoding="utf-8"))["values"]
    lexicon = read_yaml(smk.input.lexicon, dict, "lexicon tables")
    found = edition_problems(smk.input.pdf, lang, lexicon, values, list(smk.input.text), smk.params.languages)
    write_text(smk.output[0], json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    for problem in found:
        print(f"Typography: {problem}", file=sys.stderr)


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
