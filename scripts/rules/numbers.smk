# Raw tables -> computed numbers: one job per group of tables (data/schema.yaml), then one
# merged file. A figure reads one group, so editing a table redraws only its figure.
# `priority` runs the chain the text waits on (numbers -> values -> pandoc) first, while
# the figures fill the other cores.


rule group_numbers:
    input:
        tables=lambda w: group_tables(w.group),
        schema="data/schema.yaml",
        references="paper/references.yaml",
        code=code("tables", "files"),
    output:
        "build/numbers/{group}.json",
    log:
        "build/logs/numbers/{group}.log",
    priority: 10
    conda:
        "../../envs/paper.yaml"
    script:
        "../paper_numbers.py"


rule numbers:
    input:
        groups=expand("build/numbers/{group}.json", group=GROUPS),
        code=code("paper_numbers", "files"),
    output:
        json="build/numbers.json",
        csv=report(
            "build/numbers.csv",
            caption="../../paper/report/numbers.rst",
            category="Numbers",
        ),
    log:
        "build/logs/numbers.log",
    priority: 10
    conda:
        "../../envs/paper.yaml"
    script:
        "../merge_numbers.py"
