# Numbers + source-language text -> the consistency audit: the paper's claims
# (config/audit.yaml) checked against each other (sums of shares, growth rates, a quantity
# stated twice, rankings, "N times", bounds, rank agreement, magnitude words, counts
# against shares). It reports to the author in build/audit.md and build/audit.json (each
# finding's sentences in every language), to readers in build/<lang>/audit.md (the
# appendix of the editions `audit_in_appendix` names); it never changes the text.


rule audit:
    input:
        numbers="build/numbers.json",
        values=f"build/{SOURCE_LANGUAGE}/values.json",
        text=section_files(SOURCE_LANGUAGE),
        translations=[f for lang in LANGUAGES for f in section_files(lang)],
        claims=audit_claims(),
        units=str(project.UNITS),
        filter=resource("filters", "text-only.lua"),
        code=code("audit"),
    output:
        md="build/audit.md",
        json="build/audit.json",
        html=report(
            "build/audit.html",
            caption="../resources/report/audit.rst",
            category="Audit",
        ),
    log:
        "build/logs/audit.log",
    conda:
        CONDA_ENV
    params:
        pandoc=PANDOC,
    script:
        job("audit")


rule audit_appendix:
    # The contradictions and tensions for one language's readers (a section of the
    # appendix of the editions `audit_in_appendix` names), with where that language's
    # sentences state them (file and line). It quotes no sentence, so it reads no
    # formatted value: it runs beside the values job, not after it (on the way to the
    # PDF of its edition), and the source language's text is not among its inputs.
    input:
        numbers="build/numbers.json",
        own=lambda w: section_files(w.lang),
        metadata=lambda w: project.metadata_file(w.lang),
        lexicon=lambda w: project.lexicon_file(w.lang),
        claims=audit_claims(),
        units=str(project.UNITS),
        code=code("audit_appendix"),
    output:
        "build/{lang}/audit.md",
    log:
        "build/logs/{lang}/audit.log",
    priority: 10
    conda:
        CONDA_ENV
    script:
        job("audit_appendix")
