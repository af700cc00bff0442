# Numbers + English text -> the consistency audit: the paper's claims checked against each
# other (sums of shares, growth rates, a quantity stated twice, rankings, "N times"). It
# reports to the author in build/audit.md and build/audit.json; it never changes the text.


rule audit:
    input:
        numbers="build/numbers.json",
        values="build/en/values.json",
        text=section_files("en"),
        code=code("placeholders", "paper_numbers", "localize", "files"),
    output:
        md="build/audit.md",
        json="build/audit.json",
        html=report(
            "build/audit.html",
            caption="../../paper/report/audit.rst",
            category="Audit",
        ),
    log:
        "build/logs/audit.log",
    conda:
        "../../envs/paper.yaml"
    script:
        "../audit.py"
