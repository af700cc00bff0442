# Numbers + text -> formatted values -> pandoc -> PDF, per language and for the journal edition.


rule placeholder_values:
    # Each placeholder of a language formatted, every citation checked, and what reads the
    # formatted values written with them: the appendix "Where the numbers come from" (each
    # number with its data and sources) and the figures' captions for the Snakemake report.
    # Nothing here reads another language, so editing one language rebuilds only its PDFs.
    input:
        numbers="build/numbers.json",
        text=lambda w: section_files(w.lang) + [f"paper/{w.lang}/metadata.yaml"],
        lexicon="paper/{lang}/lexicon.yaml",
        references="paper/references.yaml",
        code=code(
            "localize",
            "check_text",
            "appendix",
            "report_captions",
            "front_matter",
            "tables",
            "paper_numbers",
            "files",
        ),
    output:
        values="build/{lang}/values.json",
        appendix="build/{lang}/appendix.md",
        captions=expand("build/report/captions/{name}.{{lang}}.rst", name=FIGURES),
    log:
        "build/logs/{lang}/values.log",
    priority: 10
    conda:
        "../../envs/paper.yaml"
    script:
        "../placeholders.py"


rule ledger:
    # The claims ledger: one row per placeholder occurrence, every language.
    input:
        values=expand("build/{lang}/values.json", lang=LANGUAGES),
        code=code("paper_numbers", "files"),
    output:
        csv=report(
            "build/ledger.csv",
            caption="../../paper/report/ledger.rst",
            category="Ledger",
        ),
        json="build/ledger.json",
    log:
        "build/logs/ledger.log",
    conda:
        "../../envs/paper.yaml"
    script:
        "../ledger.py"


rule pdf:
    # The edition's pandoc metadata (title blocks, labels) is composed, pandoc writes the
    # engine's source (build/<edition>/paper.typ or paper.tex, kept for journal
    # submission), then Typst or XeLaTeX makes the PDF: one job, one Python start.
    input:
        text=lambda w: section_files(edition_language(w.edition))
        + appendix_file(w.edition),
        body=lambda w: f"paper/{edition_language(w.edition)}/metadata.yaml",
        metadata=lambda w: [
            f"paper/{lang}/metadata.yaml"
            for lang in (
                config["journal"]["abstract_languages"]
                if w.edition == "journal"
                else [w.edition]
            )
        ],
        codes=lambda w: (
            f"paper/{config['journal']['codes_language']}/metadata.yaml"
            if w.edition == "journal"
            else []
        ),
        values=lambda w: f"build/{edition_language(w.edition)}/values.json",
        figures=lambda w: figure_files(w.edition, FIGURE_VECTOR),
        csl=CSL,
        defaults=["paper/defaults/common.yaml", f"paper/defaults/{ENGINE}.yaml"],
        template=f"paper/templates/paper.{SOURCE_EXT}",
        filters=expand(
            "paper/filters/{name}.lua",
            name=["placeholders", "figures", "dashes", "latex-literal"],
        ),
        pandoc_data=PANDOC_DATA,
        references="paper/references.yaml",
        code=code(
            "front_matter", "compile_typst", "compile_latex", "paper_numbers", "files"
        ),
    output:
        metadata="build/{edition}/metadata.yaml",
        source=f"build/{{edition}}/paper.{SOURCE_EXT}",
        pdf="build/paper.{edition}.pdf",
    log:
        "build/logs/{edition}/pdf.log",
    priority: 10
    conda:
        "../../envs/paper.yaml"
    params:
        pandoc=PANDOC,
        fonts=FONT_DIR,
        epoch=EPOCH,
        engine=ENGINE,
        workdir="build/{edition}/latex",
    script:
        "../render_pdf.py"


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
        "../../envs/paper.yaml"
    params:
        stem=lambda w: f"build/previews/paper.{w.edition}.page1",
    shell:
        "pdftoppm -f 1 -l 1 -r 100 -png -singlefile {input:q} {params.stem:q} 2> {log}"


rule previews:
    # Page images of every edition's first page, and the figures' PNG previews.
    input:
        expand("build/previews/paper.{edition}.page1.png", edition=EDITIONS),
        expand("build/figures/{name}.{lang}.png", name=FIGURES, lang=LANGUAGES),
