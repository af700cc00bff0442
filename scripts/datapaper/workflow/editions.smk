# The editions' other formats (targets `submission`, `docx`, `html`): the LaTeX
# submission package, Word and the web page. Each reads what the source rule reads (common.smk's edition_inputs) and runs
# pandoc with the same filters, under its own layered defaults file.


rule edition_submission:
    # An edition's LaTeX source with its figures (PDF) and fonts, relative paths only:
    # compiles with `xelatex paper.tex` in any folder. Pandoc writes LaTeX here whatever
    # the configured PDF engine.
    input:
        unpack(edition_inputs),
        figures=lambda w: figure_files(w.edition, "pdf"),
        defaults=[
            resource("defaults", "common.yaml"),
            resource("defaults", "latex.yaml"),
        ],
        template=resource("templates", "paper.tex"),
        filters=format_filters("latex-literal"),
        code=code("submission"),
    output:
        metadata="build/{edition}/submission/metadata.yaml",
        source="build/{edition}/submission/paper.tex",
        zip="build/submission/{edition}.zip",
    log:
        "build/logs/{edition}/submission.log",
    conda:
        CONDA_ENV
    params:
        codes=config.get("codes", []),
        pandoc=PANDOC,
        fonts=FONT_DIR,
        epoch=EPOCH,
    script:
        job("submission")


rule edition_docx:
    # An edition in Word: the same filters as the PDF (numbers, figure numbers, dashes,
    # citations), its front matter as text, figures as print PNGs (300 dpi), the engine's
    # reference document (resources/docx/reference.docx: DejaVu fonts).
    input:
        unpack(edition_inputs),
        figures=lambda w: figure_files(w.edition, "png"),
        defaults=[
            resource("defaults", "common.yaml"),
            resource("defaults", "docx.yaml"),
        ],
        reference=resource("docx", "reference.docx"),
        filters=format_filters("frontmatter"),
        code=code("docx"),
    output:
        metadata="build/{edition}/docx/metadata.yaml",
        docx="build/paper.{edition}.docx",
    log:
        "build/logs/{edition}/docx.log",
    conda:
        CONDA_ENV
    params:
        codes=config.get("codes", []),
        pandoc=PANDOC,
        epoch=EPOCH,
    script:
        job("docx")


rule edition_html:
    # An edition as one self-contained web page: each number shows its provenance on
    # hover and focus, audited sentences link to their finding, a switcher goes to the
    # same section in the other editions; figures inline as SVG.
    input:
        unpack(edition_inputs),
        figures=lambda w: figure_files(w.edition, "svg"),
        audit="build/audit.json",
        numbers="build/numbers.json",
        lexicon=lambda w: project.lexicon_file(edition_language(w.edition)),
        units=str(project.UNITS),
        tables=[project.table_file(name) for name in sorted(TABLE_GROUPS)],
        defaults=[
            resource("defaults", "common.yaml"),
            resource("defaults", "html.yaml"),
        ],
        css=resource("html", "paper.css"),
        filters=format_filters("frontmatter", "web"),
        code=code("html"),
    output:
        metadata="build/{edition}/html/metadata.yaml",
        html="build/paper.{edition}.html",
    log:
        "build/logs/{edition}/html.log",
    conda:
        CONDA_ENV
    params:
        codes=config.get("codes", []),
        pandoc=PANDOC,
        epoch=EPOCH,
        editions=lambda w: web_editions(),
        lang=lambda w: edition_language(w.edition),
        # The raw rows each number's tooltip shows: their content reruns the page.
        contents=lambda w: freshness.digest(
            project.table_file(n) for n in sorted(TABLE_GROUPS)
        ),
    script:
        job("html")
