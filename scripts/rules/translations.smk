# Translation drift: a translated section whose English original changed since it was
# reviewed (paper/translations.lock.yaml) is a warning, or an error with strict=true.
# After a review: python scripts/translations.py review <lang> <section file> | --all


rule translation_status:
    input:
        sections=[path for lang in LANGUAGES for path in section_files(lang)],
        lock="paper/translations.lock.yaml",
    output:
        "build/translations.json",
    log:
        "build/logs/translations.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
        strict=config.get("strict", False),
    script:
        "../translations.py"


rule check_translations:
    # A target without output, so it always runs: `snakemake check_translations`.
    input:
        sections=[path for lang in LANGUAGES for path in section_files(lang)],
        lock="paper/translations.lock.yaml",
    log:
        "build/logs/check_translations.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
        strict=config.get("strict", False),
    script:
        "../translations.py"
