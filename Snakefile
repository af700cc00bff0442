# The paper "Role of social networks in e-commerce of Kazakhstan", built from its data.
# This file is the table of contents: settings, the rule files by stage, the default target.
from snakemake.utils import min_version

min_version("9.0")


report: "paper/report/workflow.rst"


include: "scripts/rules/settings.smk"
include: "scripts/rules/common.smk"


wildcard_constraints:
    lang="[a-z]{2,3}",
    edition="[a-z]+",
    group="[a-z0-9_]+",


include: "scripts/rules/numbers.smk"
include: "scripts/rules/figures.smk"
include: "scripts/rules/paper.smk"
include: "scripts/rules/audit.smk"
include: "scripts/rules/translations.smk"


rule all:
    default_target: True
    input:
        rules.numbers.output,
        rules.ledger.output,
        rules.translation_status.output,
        expand("build/report/captions/{name}.{lang}.rst", name=FIGURES, lang=LANGUAGES),
        rules.audit.output,
        expand(
            "build/figures/{name}.{lang}.{ext}",
            name=FIGURES,
            lang=LANGUAGES,
            ext=FIGURE_FORMATS,
        ),
        expand("build/paper.{edition}.pdf", edition=EDITIONS),
