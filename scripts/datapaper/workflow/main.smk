# The engine's workflow: settings, the rule files by stage, the default target. A paper's
# Snakefile includes this file; everything the rules read comes from the project's
# config/, data/, paper/ and figures/ folders (datapaper.project names them).
import sys
from pathlib import Path

from datapaper import errors, lastgood, project, summary


include: "settings.smk"
include: "common.smk"


report: str(Path.cwd() / project.REPORT_DESCRIPTION)


wildcard_constraints:
    lang="[a-z]{2,3}",
    edition="[a-z]+",
    group="[a-z0-9_]+",
    ext="svg|pdf|png",


include: "numbers.smk"
include: "figures.smk"
include: "paper.smk"
include: "editions.smk"
include: "audit.smk"
include: "translations.smk"
include: "diff.smk"


# The files a reader opens, by format: `snakemake --cores 4 <format>` builds a format's
# files, the default target those of config `formats` (the PDFs unless it says more), and
# `all` every format. Each edition's figures are drawn in the format its files embed.
FORMAT_FILES = {
    fmt: expand(pattern, edition=EDITIONS)
    for fmt, pattern in (
        ("pdf", "build/paper.{edition}.pdf"),
        ("docx", "build/paper.{edition}.docx"),
        ("html", "build/paper.{edition}.html"),
        ("submission", "build/submission/{edition}.zip"),
    )
}
FIGURE_FILES = {
    ext: expand(
        "build/figures/{name}.{lang}.{ext}", name=FIGURES, lang=LANGUAGES, ext=ext
    )
    for ext in ("svg", "pdf", "png")
}
# What every target makes besides: the numbers, the claims ledger, the audit, the
# translations' status and the report's captions (the closing summary reads them), and
# what every format reads that no edit of the text remakes: the figures' descriptions and
# the citation style. As targets, such a file that the last run failed to write (a failed
# job's outputs are removed) is made again, though the texts that read the last one are up
# to date: Snakemake does not remake a missing file between two up-to-date jobs.
SHARED_OUTPUTS = [
    *rules.numbers.output,
    *rules.ledger.output,
    *rules.translation_status.output,
    *expand("build/report/captions/{name}.{lang}.rst", name=FIGURES, lang=LANGUAGES),
    *rules.audit.output,
    *rules.figure_alt.output,
    *rules.citation_style.output,
]
# What each format's target makes: its files, and for the PDFs their figures as files of
# their own, in the engine's format, and the typography check of each PDF.
TYPOGRAPHY_FILES = expand("build/{edition}/typography.json", edition=EDITIONS)
TARGET_FILES = FORMAT_FILES | {
    "pdf": FORMAT_FILES["pdf"] + FIGURE_FILES[FIGURE_VECTOR] + TYPOGRAPHY_FILES
}
DEFAULT_OUTPUTS = SHARED_OUTPUTS + [
    path for fmt in FORMATS for path in TARGET_FILES[fmt]
]
# Everything a build can make, every figure in every format (`snakemake all`).
ALL_OUTPUTS = (
    SHARED_OUTPUTS
    + [path for files in FORMAT_FILES.values() for path in files]
    + [path for files in FIGURE_FILES.values() for path in files]
    + TYPOGRAPHY_FILES
)


rule pdf:
    # The PDF of every edition (Typst, or XeLaTeX with engine=latex).
    input:
        SHARED_OUTPUTS,
        TARGET_FILES["pdf"],


rule docx:
    # Every edition in Word.
    input:
        SHARED_OUTPUTS,
        TARGET_FILES["docx"],


rule html:
    # Every edition as a web page.
    input:
        SHARED_OUTPUTS,
        TARGET_FILES["html"],


rule submission:
    # Every edition as a LaTeX package for a journal (build/submission/<edition>.zip).
    input:
        SHARED_OUTPUTS,
        TARGET_FILES["submission"],


rule all:
    # Every format of every edition, and every figure in SVG, PDF and PNG.
    input:
        ALL_OUTPUTS,


# A build ends by saying what it made, which target made it, and how to ask for more.
onsuccess:
    print(
        summary.summary(
            summary.requested(workflow.dag_settings.targets, FORMATS, FORMAT_FILES),
            FORMAT_FILES,
            [path for files in FIGURE_FILES.values() for path in files],
            LANGUAGES,
            default=FORMATS,
        ),
        end="",
    )


# A build stopped by bad input ends with its messages, after Snakemake's own output, then
# says which asked-for PDFs are an earlier build's (kept in place) and which are missing.
onerror:
    errors.report()
    asked = summary.requested(workflow.dag_settings.targets, FORMATS, FORMAT_FILES)
    pdfs = FORMAT_FILES["pdf"] if "pdf" in asked else []
    # Kept in place by a failed job, or not made again because the build stopped first.
    stale = lastgood.kept_this_run + lastgood.not_made(workflow.dag, pdfs)
    editions = lastgood.lines(pdfs, stale)
    if editions:
        print("\n".join(editions), file=sys.stderr, flush=True)


# Cheap jobs run on the submitting machine when a cluster executor is used.
localrules:
    pdf,
    docx,
    html,
    submission,
    all,
    numbers,
    ledger,
    translation_status,
    check_translations,
    page_preview,
    previews,
    citation_style,
    diff,
