"""Rule placeholder_values: one language's placeholders formatted, its texts checked
(datapaper/language.py: citations, prose, scale words, agreement, the sandbox), and what
reads the formatted values written with them: the appendix "Where the numbers come from"
and the figures' captions for the Snakemake report."""

import json

from datapaper.appendix import appendix_markdown, plain_writer
from datapaper.captions import write_captions
from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.language import check_language
from datapaper.placeholders import read_lexicon
from datapaper.textfiles import read_text
from datapaper.units import load_units


def main(smk) -> None:
    text = list(smk.input.text)
    numbers = json.loads(read_text(smk.input.numbers))
    units = load_units(smk.input.units)
    result, metadata = check_language(
        smk.wildcards.lang,
        text,
        numbers,
        smk.input.lexicon,
        smk.input.metadata,
        units,
        smk.input.references,
        list(smk.params.allowed_digits),
    )
    labels = metadata["labels"]
    plain = plain_writer(numbers, smk.wildcards.lang, read_lexicon(smk.input.lexicon), units)
    write_text(smk.output.values, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    write_text(smk.output.appendix, appendix_markdown(result, labels, plain))
    write_captions(text, result["values"], labels, list(smk.output.captions))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
