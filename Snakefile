# The paper "Role of social networks in e-commerce of Kazakhstan", built from its data.
# This file is the table of contents: settings, the rule files by stage, the default target.
from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "config/config.schema.yaml")


include: "scripts/rules/common.smk"


wildcard_constraints:
    lang="[a-z]{2,3}",
    edition="[a-z]+",
    group="[a-z0-9_]+",


include: "scripts/rules/numbers.smk"
include: "scripts/rules/paper.smk"


rule all:
    default_target: True
    input:
        rules.numbers.output,
        rules.ledger.output,
        expand("build/paper.{edition}.pdf", edition=EDITIONS),
