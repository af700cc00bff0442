# Numbers + text -> formatted values -> pandoc -> PDF, per language and for the journal edition.


rule placeholder_values:
    # Each placeholder of a language formatted, every citation checked, and what reads the
    # formatted values written with them: the appendix "Where the numbers come from" (each
    # number with its data and sources) and the figures' captions for the Snakemake report.
    # Nothing here reads another language, so editing one language rebuilds only its PDFs.
    input:
        numbers="build/numbers.json",
        text=lambda w: section_files(w.lang) + [project.metadata_file(w.lang)],
        metadata=lambda w: project.metadata_file(w.lang),
        lexicon=lambda w: project.lexicon_file(w.lang),
        units=str(project.UNITS),
        references=str(project.REFERENCES),
        code=code("values"),
    output:
        values="build/{lang}/values.json",
        appendix="build/{lang}/appendix.md",
        captions=expand("build/report/captions/{name}.{{lang}}.rst", name=FIGURES),
    log:
        "build/logs/{lang}/values.log",
    priority: 10
    conda:
        CONDA_ENV
    params:
        allowed_digits=[
            item["pattern"]
            for item in config.get("checks", {}).get("allowed_digits", [])
        ],
    script:
        job("values")


rule ledger:
    # The claims ledger: one row per placeholder occurrence, every language.
    input:
        values=expand("build/{lang}/values.json", lang=LANGUAGES),
        code=code("ledger"),
    output:
        csv=report(
            "build/ledger.csv",
            caption="../resources/report/ledger.rst",
            category="Ledger",
        ),
        json="build/ledger.json",
    log:
        "build/logs/ledger.log",
    conda:
        CONDA_ENV
    script:
        job("ledger")


rule citation_style:
    # The configured CSL style with the engine's extra locales (terms citeproc lacks, such
    # as Kazakh ones), which every format cites with.
    input:
        csl=CSL,
        locales=resource("csl", "locales.xml"),
        code=code("citation_style"),
    output:
        STYLE,
    log:
        "build/logs/citation_style.log",
    priority: 10
    conda:
        CONDA_ENV
    script:
        job("citation_style")


rule edition_source:
    # The edition's pandoc metadata (title blocks, labels) is composed and pandoc writes the
    # engine's source (build/<edition>/paper.typ or paper.tex, kept for journal
    # submission). It names the figures' files but does not read them, so it runs while
    # the figures are drawn; the pdf rule then waits for them.
    input:
        unpack(edition_inputs),
        defaults=[
            resource("defaults", "common.yaml"),
            resource("defaults", f"{ENGINE}.yaml"),
        ],
        template=resource("templates", f"paper.{SOURCE_EXT}"),
        filters=format_filters("latex-literal"),
        code=code("source"),
    output:
        metadata="build/{edition}/metadata.yaml",
        source=f"build/{{edition}}/paper.{SOURCE_EXT}",
    log:
        "build/logs/{edition}/source.log",
    priority: 10
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=800,
    params:
        codes=config.get("codes", []),
        pandoc=PANDOC,
        # XeLaTeX's source names its fonts by a link beside its output (render/latex.py).
        fonts=lambda w: FONT_DIR if ENGINE == "typst" else latex_fonts(w.edition),
    script:
        job("source")


rule edition_pdf:
    # Typst (or XeLaTeX) makes the edition's PDF from its source and figures; then the
    # typography check reads the PDF as a reader sees it: its findings are a warning in the
    # closing summary, never a failure. The check is this job's, not a job of its own after
    # the PDF: the PDF is on disk before it runs, and a job of its own cost each build four
    # job starts (0.1 s of a clean build, measured).
    input:
        source=f"build/{{edition}}/paper.{SOURCE_EXT}",
        figures=lambda w: figure_files(w.edition, FIGURE_VECTOR),
        body=lambda w: project.metadata_file(edition_language(w.edition)),
        values=lambda w: f"build/{edition_language(w.edition)}/values.json",
        lexicon=lambda w: project.lexicon_file(edition_language(w.edition)),
        text=lambda w: section_files(edition_language(w.edition)),
        code=code("pdf"),
    output:
        pdf="build/paper.{edition}.pdf",
        typography="build/{edition}/typography.json",
    log:
        "build/logs/{edition}/pdf.log",
    priority: 10
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=800,
    params:
        fonts=FONT_DIR,
        epoch=EPOCH,
        engine=ENGINE,
        workdir=LATEX_WORKDIR,
        # An edition of several languages' title blocks (the journal's) is not held to one
        # language's punctuation spaces, which a line of its text cannot tell.
        languages=lambda w: len(title_languages(w.edition)),
    script:
        job("pdf")


rule page_preview:
    # The first page of an edition as PNG, to look at (poppler-utils' pdftoppm, from
    # envs/apt-packages.txt). Not part of the default build: `snakemake --cores 4 previews`.
    input:
        "build/paper.{edition}.pdf",
    output:
        "build/previews/paper.{edition}.page1.png",
    log:
        "build/logs/{edition}/preview.log",
    conda:
        CONDA_ENV
    params:
        stem=lambda w: f"build/previews/paper.{w.edition}.page1",
    shell:
        "pdftoppm -f 1 -l 1 -r 100 -png -singlefile {input:q} {params.stem:q} 2> {log}"


rule previews:
    # Page images of every edition's first page, and the figures' PNG previews.
    input:
        expand("build/previews/paper.{edition}.page1.png", edition=EDITIONS),
        expand("build/figures/{name}.{lang}.png", name=FIGURES, lang=LANGUAGES),
