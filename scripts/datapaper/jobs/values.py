"""Rule placeholder_values: one language's placeholders formatted, its citations checked,
and what reads the formatted values written with them: the appendix "Where the numbers
come from" and the figures' captions for the Snakemake report."""

import json
from pathlib import Path

from datapaper.appendix import appendix_markdown
from datapaper.captions import write_captions
from datapaper.checks import TextError, check_citations, check_metadata_prose, check_prose
from datapaper.files import write_text
from datapaper.placeholders import resolve_files
from datapaper.render.frontmatter import read_metadata
from datapaper.tables import reference_ids
from datapaper.testhook import pause_if_asked


def main(smk) -> None:
    text = list(smk.input.text)
    result = resolve_files(text, smk.input.numbers, smk.input.lexicon, smk.wildcards.lang, smk.input.units)
    known = reference_ids(smk.input.references)
    allowed = list(smk.params.allowed_digits)
    metadata = read_metadata(smk.input.metadata)
    problems = check_metadata_prose(smk.input.metadata, metadata, allowed)
    for path in text:
        content = Path(path).read_text(encoding="utf-8")
        problems += check_citations(path, content, known)
        if path.endswith(".md"):
            problems += check_prose(path, content, allowed)
    if problems:
        raise TextError("\n".join(problems))
    labels = metadata["labels"]
    write_text(smk.output.values, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    write_text(smk.output.appendix, appendix_markdown(result, labels))
    write_captions(text, result["values"], labels, list(smk.output.captions))


if "snakemake" in globals():
    pause_if_asked(snakemake.rule)  # noqa: F821  (inert unless a test asks: datapaper/testhook.py)
    main(snakemake)  # noqa: F821
