# Numbers + text -> formatted values -> pandoc -> PDF, per language and for the journal edition.


rule placeholder_values:
    input:
        numbers="build/numbers.json",
        text=lambda w: section_files(w.lang) + [f"paper/{w.lang}/metadata.yaml"],
        lexicon="paper/{lang}/lexicon.yaml",
        english=section_files("en"),
        references="paper/references.yaml",
        code=["scripts/localize.py", "scripts/check_text.py"],
    output:
        "build/{lang}/values.json",
    log:
        "build/logs/{lang}/values.log",
    # Each placeholder of a language formatted; then the text checked against the English
    # (same placeholders, citations and references) and for unknown citations.
    priority: 10
    conda:
        "../../envs/paper.yaml"
    script:
        "../placeholders.py"


rule edition_metadata:
    input:
        metadata=lambda w: [
            f"paper/{lang}/metadata.yaml"
            for lang in (
                config["journal"]["abstract_languages"]
                if w.edition == "journal"
                else [w.edition]
            )
        ],
        values=lambda w: f"build/{edition_language(w.edition)}/values.json",
        codes=lambda w: (
            f"paper/{config['journal']['codes_language']}/metadata.yaml"
            if w.edition == "journal"
            else []
        ),
        code="scripts/appendix.py",
    output:
        metadata="build/{edition}/metadata.yaml",
        appendix="build/{edition}/appendix.md",
    log:
        "build/logs/{edition}/metadata.log",
    # The edition's pandoc metadata (title blocks, labels) and its appendix
    # "Where the numbers come from" (each number with its data and sources).
    priority: 10
    conda:
        "../../envs/paper.yaml"
    script:
        "../front_matter.py"


rule ledger:
    # The claims ledger: one row per placeholder occurrence, every language.
    input:
        expand("build/{lang}/values.json", lang=LANGUAGES),
    output:
        csv="build/ledger.csv",
        json="build/ledger.json",
    log:
        "build/logs/ledger.log",
    conda:
        "../../envs/paper.yaml"
    script:
        "../ledger.py"


rule pandoc_source:
    # Pandoc writes the engine's source: build/<edition>/paper.typ or paper.tex.
    input:
        text=lambda w: section_files(edition_language(w.edition))
        + appendix_file(w.edition),
        metadata="build/{edition}/metadata.yaml",
        values=lambda w: f"build/{edition_language(w.edition)}/values.json",
        csl=CSL,
        defaults=["paper/defaults/common.yaml", f"paper/defaults/{ENGINE}.yaml"],
        template=f"paper/templates/paper.{SOURCE_EXT}",
        filters=expand(
            "paper/filters/{name}.lua",
            name=["placeholders", "figures", "latex-literal"],
        ),
        pandoc_data=PANDOC_DATA,
        references="paper/references.yaml",
    output:
        f"build/{{edition}}/paper.{SOURCE_EXT}",
    log:
        "build/logs/{edition}/pandoc_source.log",
    priority: 10
    conda:
        "../../envs/paper.yaml"
    params:
        pandoc=PANDOC,
        fonts=FONT_DIR,
    shell:
        "{params.pandoc:q} --defaults {input.defaults[0]} --defaults {input.defaults[1]}"
        " --metadata-file {input.metadata} --csl {input.csl} -M font-dir={params.fonts:q}"
        " {input.text:q} -o {output}.partial 2> {log} && mv {output}.partial {output}"


if ENGINE == "typst":

    rule typst_pdf:
        input:
            source="build/{edition}/paper.typ",
            figures=lambda w: figure_files(w.edition, "svg"),
        output:
            "build/paper.{edition}.pdf",
        log:
            "build/logs/{edition}/pdf.log",
        conda:
            "../../envs/paper.yaml"
        params:
            epoch=EPOCH,
            engine=ENGINE,
        script:
            "../compile_typst.py"

else:

    rule latex_pdf:
        input:
            source="build/{edition}/paper.tex",
            figures=lambda w: figure_files(w.edition, "pdf"),
        output:
            "build/paper.{edition}.pdf",
        log:
            "build/logs/{edition}/pdf.log",
        conda:
            "../../envs/paper.yaml"
        params:
            epoch=EPOCH,
            engine=ENGINE,
            workdir="build/{edition}/latex",
        script:
            "../compile_latex.py"
