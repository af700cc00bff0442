# The engine's workflow: settings, the rule files by stage, the default target. A paper's
# Snakefile includes this file; everything the rules read comes from the project's
# config/, data/, paper/ and figures/ folders (datapaper.project names them).
from pathlib import Path

from datapaper import errors, project, summary


include: "settings.smk"
include: "common.smk"


report: str(Path.cwd() / project.REPORT_DESCRIPTION)


wildcard_constraints:
    lang="[a-z]{2,3}",
    edition="[a-z]+",
    group="[a-z0-9_]+",


include: "numbers.smk"
include: "figures.smk"
include: "paper.smk"
include: "editions.smk"
include: "audit.smk"
include: "translations.smk"
include: "diff.smk"


# The files a reader opens, in each of config `formats`: the closing summary lists them
# with their sizes. The LaTeX submission packages come with the PDFs (their source).
DELIVERABLES = [
    path
    for fmt, pattern in (
        ("pdf", "build/paper.{edition}.pdf"),
        ("docx", "build/paper.{edition}.docx"),
        ("html", "build/paper.{edition}.html"),
        ("pdf", "build/submission/{edition}.zip"),
    )
    if fmt in FORMATS
    for path in expand(pattern, edition=EDITIONS)
]
FIGURE_FILES = expand(
    "build/figures/{name}.{lang}.{ext}",
    name=FIGURES,
    lang=LANGUAGES,
    ext=FIGURE_FORMATS,
)

# Everything a build makes: the paper's Snakefile names it as its default target
# (`rule all`; an included file cannot set the default target).
ALL_OUTPUTS = [
    *rules.numbers.output,
    *rules.ledger.output,
    *rules.translation_status.output,
    *expand("build/report/captions/{name}.{lang}.rst", name=FIGURES, lang=LANGUAGES),
    *rules.audit.output,
    *FIGURE_FILES,
    *DELIVERABLES,
]


# A build ends by saying what it made and whether anything needs a look.
onsuccess:
    print(summary.summary(DELIVERABLES, FIGURE_FILES, LANGUAGES), end="")


# A build stopped by bad input ends with its messages, after Snakemake's own output.
onerror:
    errors.report()


# Cheap jobs run on the submitting machine when a cluster executor is used.
localrules:
    numbers,
    ledger,
    translation_status,
    check_translations,
    page_preview,
    previews,
    citation_style,
    diff,
