# The paper "Role of social networks in e-commerce of Kazakhstan", built from its data.
# This file is the table of contents: settings, the rule files by stage, the default target.
from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


# `--config strict=true` arrives as text; read true/false as the booleans they mean.
for _key in ("strict",):
    if str(config.get(_key)).lower() in ("true", "false"):
        config[_key] = str(config[_key]).lower() == "true"


validate(config, "config/config.schema.yaml")


include: "scripts/rules/common.smk"


wildcard_constraints:
    lang="[a-z]{2,3}",
    edition="[a-z]+",
    group="[a-z0-9_]+",


include: "scripts/rules/numbers.smk"
include: "scripts/rules/paper.smk"
include: "scripts/rules/translations.smk"


rule all:
    default_target: True
    input:
        rules.numbers.output,
        rules.ledger.output,
        rules.translation_status.output,
        expand("build/paper.{edition}.pdf", edition=EDITIONS),
