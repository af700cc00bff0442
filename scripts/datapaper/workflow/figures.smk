# Computed numbers -> figures. Rule declarations looped over config/figures.yaml (as
# showyourwork's figure rules loop over its config), each with the caption the paper prints
# for the Snakemake report (captions cannot take wildcards, hence rules per figure). A figure
# job draws every language once, saves it as SVG (Typst and the web page embed it) and
# keeps it laid out; a print job saves that layout as PDF (the LaTeX engine and package) or
# as a print PNG (Word), only when a target embeds that format, without drawing again. A
# figure reads one group of numbers, so editing one table redraws only its figure; the
# shared style, the strings, the lexicons (number formats) and the units redraw them all.

for _figure in FIGURE_TABLE:

    rule:
        name:
            f"figure_{_figure['name']}"
        input:
            numbers=f"build/numbers/{_figure['group']}.json",
            style=str(project.FIGURE_STYLE),
            strings=[project.strings_file(lang) for lang in LANGUAGES],
            lexicons=[project.lexicon_file(lang) for lang in LANGUAGES],
            units=str(project.UNITS),
            code=code("figure", _figure["module"]),
        output:
            svg=figure_outputs(_figure["name"], "svg"),
            layout=project.figure_layout(_figure["name"]),
        log:
            f"build/logs/figures/{_figure['name']}.svg.log",
        conda:
            CONDA_ENV
        threads: 1
        resources:
            mem_mb=800,
        params:
            languages=LANGUAGES,
            module=_figure["module"],
        script:
            job("figure")

    rule:
        name:
            f"figure_print_{_figure['name']}"
        input:
            layout=project.figure_layout(_figure["name"]),
            style=str(project.FIGURE_STYLE),
            code=code("figure_print"),
        output:
            figure_outputs(_figure["name"], "{ext}"),
        log:
            f"build/logs/figures/{_figure['name']}.{{ext}}.log",
        wildcard_constraints:
            ext="pdf|png",
        conda:
            CONDA_ENV
        threads: 1
        resources:
            mem_mb=800,
        script:
            job("figure_print")


# Every figure's alternative text in every language (build/figures/<name>.<lang>.alt.json):
# its strings' `<name>.alt` filled with the numbers it draws, once for every format that
# shows it (the Typst PDF's image `alt`, Word's picture description, the web page's `alt`
# and table of numbers, the LaTeX package's `alt=`). One job for all figures: every
# edition's source reads every description, and after a table's edit every source runs
# again anyway (it reads the merged numbers), so a job per figure only added seven job
# starts (and seven readings of the strings) to a build.
rule figure_alt:
    input:
        numbers=sorted({f"build/numbers/{f['group']}.json" for f in FIGURE_TABLE}),
        strings=[project.strings_file(lang) for lang in LANGUAGES],
        lexicons=[project.lexicon_file(lang) for lang in LANGUAGES],
        units=str(project.UNITS),
        code=code("figure_alt", *sorted({f["module"] for f in FIGURE_TABLE})),
    output:
        [
            f"build/figures/{name}.{lang}.alt.json"
            for name in FIGURES
            for lang in LANGUAGES
        ],
    log:
        "build/logs/figures/alt.log",
    # The source's pandoc reads it: on the chain the text waits on (numbers.smk).
    priority: 10
    conda:
        CONDA_ENV
    threads: 1
    params:
        languages=LANGUAGES,
        figures=[
            {"name": f["name"], "module": f["module"], "group": f["group"]}
            for f in FIGURE_TABLE
        ],
    script:
        job("figure_alt")
