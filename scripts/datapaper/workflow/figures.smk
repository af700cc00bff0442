# Computed numbers -> figures. One rule declaration, looped over config/figures.yaml (as
# showyourwork's figure rules loop over its config): a job per figure draws every
# language, an SVG for Typst or a PDF for LaTeX, and a PNG to preview (with the caption
# the paper prints, for the Snakemake report; captions cannot take wildcards, hence one
# rule per figure rather than a wildcard). A figure reads one group of numbers, so editing
# one table redraws only its figure; the shared style, the strings, the lexicons (number
# formats) and the units redraw them all.

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
            figure_outputs(_figure["name"]),
        log:
            f"build/logs/figures/{_figure['name']}.log",
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
