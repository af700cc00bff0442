"""Rule placeholder_values: one language's placeholders formatted, its citations checked,
and what reads the formatted values written with them: the appendix "Where the numbers
come from" and the figures' captions for the Snakemake report."""

import json

from datapaper.appendix import appendix_markdown, plain_writer
from datapaper.captions import write_captions
from datapaper.checks import TextError, check_citations, check_metadata_prose, check_prose, check_scale_words
from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.grammar.check import check_agreement
from datapaper.placeholders import read_lexicon, resolve_files
from datapaper.render.frontmatter import read_metadata
from datapaper.sandbox import check_links, check_text
from datapaper.tables import reference_ids
from datapaper.textfiles import read_text
from datapaper.units import load_units


def main(smk) -> None:
    text = list(smk.input.text)
    result = resolve_files(text, smk.input.numbers, smk.input.lexicon, smk.wildcards.lang, smk.input.units)
    known = reference_ids(smk.input.references)
    allowed = list(smk.params.allowed_digits)
    metadata = read_metadata(smk.input.metadata)
    numbers = json.loads(read_text(smk.input.numbers))
    units = load_units(smk.input.units)
    # The project is a sandbox: no link of its content and no file the text names leads out.
    problems = check_links() + check_metadata_prose(smk.input.metadata, metadata, allowed)
    for path in text:
        content = read_text(path)
        problems += check_citations(path, content, known)
        if path.endswith(".md"):
            problems += check_text(path, content)
            problems += check_prose(path, content, allowed)
            problems += check_scale_words(path, content, smk.wildcards.lang)
            problems += check_agreement(path, content, smk.wildcards.lang, numbers, units)
    if problems:
        raise TextError("\n".join(problems))
    labels = metadata["labels"]
    plain = plain_writer(numbers, smk.wildcards.lang, read_lexicon(smk.input.lexicon), units)
    write_text(smk.output.values, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    write_text(smk.output.appendix, appendix_markdown(result, labels, plain))
    write_captions(text, result["values"], labels, list(smk.output.captions))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
