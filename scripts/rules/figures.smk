# Computed numbers -> figures. One job per figure draws every language: an SVG for Typst
# or a PDF for LaTeX, and a PNG to preview. A figure reads one group of numbers, so editing one
# table redraws only its figure; the shared style and the strings redraw them all.

FIGURE_STYLE = "figures/paper.mplstyle"
FIGURE_STRINGS = expand("figures/strings/{lang}.yaml", lang=LANGUAGES)
# The text's lexicons give the figures their number formats.
FIGURE_LEXICONS = expand("paper/{lang}/lexicon.yaml", lang=LANGUAGES)
# Snakemake reruns a job when its script changes, not the modules the script imports.
FIGURE_CODE = code("figure_common", "localize", "files", "project")


rule fig_network_audiences:
    input:
        numbers="build/numbers/audiences.json",
        style=FIGURE_STYLE,
        strings=FIGURE_STRINGS,
        lexicons=FIGURE_LEXICONS,
        code=FIGURE_CODE,
    output:
        figure_outputs("network_audiences"),
    log:
        "build/logs/figures/network_audiences.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
    script:
        "../fig_network_audiences.py"


rule fig_network_market_share:
    input:
        numbers="build/numbers/market_share.json",
        style=FIGURE_STYLE,
        strings=FIGURE_STRINGS,
        lexicons=FIGURE_LEXICONS,
        code=FIGURE_CODE,
    output:
        figure_outputs("network_market_share"),
    log:
        "build/logs/figures/network_market_share.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
    script:
        "../fig_network_market_share.py"


rule fig_advertising_market:
    input:
        numbers="build/numbers/advertising.json",
        style=FIGURE_STYLE,
        strings=FIGURE_STRINGS,
        lexicons=FIGURE_LEXICONS,
        code=FIGURE_CODE,
    output:
        figure_outputs("advertising_market"),
    log:
        "build/logs/figures/advertising_market.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
    script:
        "../fig_advertising_market.py"


rule fig_ecommerce_growth:
    input:
        numbers="build/numbers/ecommerce.json",
        style=FIGURE_STYLE,
        strings=FIGURE_STRINGS,
        lexicons=FIGURE_LEXICONS,
        code=FIGURE_CODE,
    output:
        figure_outputs("ecommerce_growth"),
    log:
        "build/logs/figures/ecommerce_growth.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
    script:
        "../fig_ecommerce_growth.py"


rule fig_ecommerce_structure:
    input:
        numbers="build/numbers/structure.json",
        style=FIGURE_STYLE,
        strings=FIGURE_STRINGS,
        lexicons=FIGURE_LEXICONS,
        code=FIGURE_CODE,
    output:
        figure_outputs("ecommerce_structure"),
    log:
        "build/logs/figures/ecommerce_structure.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
    script:
        "../fig_ecommerce_structure.py"


rule fig_digital_payments:
    input:
        numbers="build/numbers/payments.json",
        style=FIGURE_STYLE,
        strings=FIGURE_STRINGS,
        lexicons=FIGURE_LEXICONS,
        code=FIGURE_CODE,
    output:
        figure_outputs("digital_payments"),
    log:
        "build/logs/figures/digital_payments.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
    script:
        "../fig_digital_payments.py"


rule fig_social_media_activities:
    input:
        numbers="build/numbers/activities.json",
        style=FIGURE_STYLE,
        strings=FIGURE_STRINGS,
        lexicons=FIGURE_LEXICONS,
        code=FIGURE_CODE,
    output:
        figure_outputs("social_media_activities"),
    log:
        "build/logs/figures/social_media_activities.log",
    conda:
        "../../envs/paper.yaml"
    params:
        languages=LANGUAGES,
    script:
        "../fig_social_media_activities.py"
