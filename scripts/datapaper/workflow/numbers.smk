# Raw tables -> computed numbers: one job per group of tables (data/schema.yaml), then one
# merged file. A figure reads one group, so editing a table redraws only its figure.
# `priority` runs the chain the text waits on (numbers -> values, the citation style and the
# figures' descriptions -> pandoc's source) first, while the figures fill the other cores;
# the PDF's Typst or XeLaTeX then waits only for the last figure.


rule group_numbers:
    input:
        tables=lambda w: group_tables(w.group),
        schema=str(project.SCHEMA),
        # What a table may declare (the engine checks data/schema.yaml against it).
        table_keys=resource("data.schema.yaml"),
        units=str(project.UNITS),
        references=str(project.REFERENCES),
        code=code("group_numbers", *DERIVATIONS),
    output:
        "build/numbers/{group}.json",
    log:
        "build/logs/numbers/{group}.log",
    priority: 10
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=500,
    params:
        derivations=DERIVATIONS,
        # The tables' content: a change reruns the job whatever the files' timestamps.
        contents=lambda w: freshness.digest(group_tables(w.group)),
        # The keys the text, figures and audit ask of the group's large tables (datapaper/
        # asked.py): a large table publishes its per-row numbers for these alone.
        wanted=lambda w: asked_of_group(w.group),
    script:
        job("group_numbers")


rule numbers:
    input:
        groups=expand("build/numbers/{group}.json", group=GROUPS),
        code=code("merge_numbers"),
    output:
        json="build/numbers.json",
        csv=report(
            "build/numbers.csv",
            caption="../resources/report/numbers.rst",
            category="Numbers",
        ),
    log:
        "build/logs/numbers.log",
    priority: 10
    conda:
        CONDA_ENV
    script:
        job("merge_numbers")
