# Numbers + source-language text -> the consistency audit: the paper's claims
# (config/audit.yaml) checked against each other (sums of shares, growth rates, a quantity
# stated twice, rankings, "N times"). It reports to the author in build/audit.md and
# build/audit.json; it never changes the text.


rule audit:
    input:
        numbers="build/numbers.json",
        values=f"build/{SOURCE_LANGUAGE}/values.json",
        text=section_files(SOURCE_LANGUAGE),
        claims=str(project.AUDIT_CLAIMS),
        units=str(project.UNITS),
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
    script:
        job("audit")
