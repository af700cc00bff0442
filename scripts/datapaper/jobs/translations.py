"""Rules translation_status and check_translations: translation drift.

Either way, a translation that lost a placeholder, citation or reference of the source
text stops the build first: that is an error whatever `strict` says. Then the stale list
is written (translation_status) or printed (check_translations, a target without output).
"""

import sys
from pathlib import Path

from datapaper.checks import TextError
from datapaper.files import write_text
from datapaper.testhook import pause_if_asked
from datapaper.translations import (
    as_json,
    consistency_problems,
    read_lock,
    report,
    stale_sections,
    up_to_date,
)


def main(smk) -> None:
    paper = Path(smk.input.lock).parent
    languages, source = list(smk.params.languages), smk.params.source
    problems = consistency_problems(paper, languages, source)
    if problems:
        raise TextError("\n".join(problems))
    stale = stale_sections(paper, languages, read_lock(smk.input.lock), source)
    strict = bool(smk.params.strict)  # workflow/settings.smk reads "true" as True
    message = report(stale, paper, strict, source) or up_to_date(languages, source)
    Path(smk.log[0]).parent.mkdir(parents=True, exist_ok=True)
    Path(smk.log[0]).write_text(message, encoding="utf-8")
    if stale and strict:
        print(message, file=sys.stderr, end="")
        sys.exit(1)
    if smk.output:
        if stale:
            print(message, file=sys.stderr, end="")
        write_text(Path(smk.output[0]), as_json(stale, paper))
    else:
        print(message, end="")


if "snakemake" in globals():
    pause_if_asked(snakemake.rule)  # noqa: F821  (inert unless a test asks: datapaper/testhook.py)
    main(snakemake)  # noqa: F821
