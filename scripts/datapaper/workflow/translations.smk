# Translation drift: a translated section whose English original changed since it was
# reviewed (paper/translations.lock.yaml) is a warning, or an error with strict=true.
# After a review: python3 -m datapaper translations review <lang> <section file> | --all


rule translation_status:
    # Also checks that every translation has the English's placeholders, citations and
    # references (an error whatever `strict` says), before any PDF is made.
    input:
        sections=[path for lang in LANGUAGES for path in section_files(lang)],
        lock=str(project.TRANSLATION_LOCK),
        # After the placeholder values: an unknown key is reported first, with suggestions.
        values=expand("build/{lang}/values.json", lang=LANGUAGES),
        code=code("translations"),
    output:
        "build/translations.json",
    log:
        "build/logs/translations.log",
    priority: 20
    conda:
        CONDA_ENV
    params:
        languages=LANGUAGES,
        source=SOURCE_LANGUAGE,
        strict=config.get("strict", False),
    script:
        job("translations")


rule check_translations:
    # A target without output, so it always runs: `snakemake check_translations`.
    input:
        sections=[path for lang in LANGUAGES for path in section_files(lang)],
        lock=str(project.TRANSLATION_LOCK),
    log:
        "build/logs/check_translations.log",
    conda:
        CONDA_ENV
    params:
        languages=LANGUAGES,
        source=SOURCE_LANGUAGE,
        strict=config.get("strict", False),
    script:
        job("translations")
