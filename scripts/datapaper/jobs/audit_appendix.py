"""Rule audit_appendix: the audit's contradictions and tensions for the readers of one
language's edition (build/<lang>/audit.md, a section of its appendix), each with where
the sentences of that language state it (file and line), worded in that language (the
engine's words, datapaper/words.py; its numbers, values and names as the language writes
them). Apart from the audit rule, which reads every language, so that editing one
language's text rebuilds no other language's PDF."""

import json
from pathlib import Path

from datapaper.audit import appendix_markdown, edition_writer, load_claims, run_audit
from datapaper.errors import run_job
from datapaper.files import write_text
from datapaper.placeholders import read_lexicon
from datapaper.render.frontmatter import read_metadata
from datapaper.textfiles import read_text
from datapaper.units import load_units


def lines(paths) -> dict[str, list[str]]:
    return {str(p): read_text(p).splitlines() for p in paths}


def main(smk) -> None:
    lang = smk.wildcards.lang
    numbers = json.loads(Path(smk.input.numbers).read_text(encoding="utf-8"))
    units = load_units(smk.input.units)
    # The appendix says where this language's sentences state each finding's numbers
    # (`places`); it quotes no sentence, so no text is given for `sentences`.
    result = run_audit(
        numbers,
        {},
        {},
        load_claims(smk.input.claims),
        units,
        {lang: lines(smk.input.own)},
    )
    typed = edition_writer(numbers, lang, read_lexicon(smk.input.lexicon), units, smk.input.lexicon)
    words = read_metadata(smk.input.metadata)["labels"]
    write_text(smk.output[0], appendix_markdown(result, lang, words, typed))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
