"""`datapaper new DIR --languages en,fr`: a minimal paper that builds at once.

The new folder holds the thin Snakefile, config/config.yaml with only the keys that differ
from the engine's defaults, one tidy table with its schema and units, one section per
language with a spliced number, a ranking and a counted noun, one figure with its strings
per language, a reference, the translations lock (every translation reviewed), a README,
.gitignore, and tests/ (the paper's published numbers per language, checked by
datapaper.number_tests). The files are templates in resources/new/: `project/` for what
every paper has, `languages/<code>/` for the text of each language the engine writes it in
(en, de, fr, es, ru, uk, kk). Any other language CLDR knows gets the English text, every
file marked as needing a translation; a language without the engine's own words
(resources/words/<code>.yaml) gets them under `labels` in its metadata.yaml.
"""

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

import yaml

from datapaper import resource

COMMAND = "datapaper new"
TEMPLATES = resource("new")
PROJECT = TEMPLATES / "project"
LANGUAGES = TEMPLATES / "languages"
SECTIONS = ("10.introduction.md", "20.results.md", "90.references.md")
# A code the config schema accepts (config.schema.yaml: languages' items).
CODE = re.compile(r"^[a-z]{2,3}$")
FIGURE_PATH = "build/figures/rides.{lang}"


class NewError(ValueError):
    """The command cannot make the paper; the message names what and says what to do."""


def written_languages() -> list[str]:
    """The languages whose text the templates have."""
    return sorted(p.name for p in LANGUAGES.iterdir() if (p / "metadata.yaml").is_file())


def cldr_languages() -> list[str]:
    """Language codes CLDR knows (through Babel), as a paper's config names them."""
    from babel.localedata import locale_identifiers

    return sorted({code for code in locale_identifiers() if CODE.match(code)})


def parse_languages(text: str) -> list[str]:
    codes = [code.strip() for code in text.split(",") if code.strip()]
    if not codes:
        raise NewError("--languages: no language code — give one or more, e.g. --languages en,fr")
    if len(set(codes)) != len(codes):
        raise NewError(f"--languages {text}: a language twice — name each once")
    known = cldr_languages()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise NewError(
            f"--languages: unknown language code{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(c) for c in unknown)} (CLDR knows: {', '.join(known)}) — "
            "give ISO 639 codes CLDR knows, in lower case, e.g. --languages en,fr"
        )
    return codes


def language_tag(code: str) -> str:
    """A BCP 47 tag for the metadata's `lang`: the code with its likely territory (it → it-IT)."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code, "")
    territory = next((part for part in likely.split("_")[1:] if part.isupper() and part.isalpha()), "")
    return f"{code}-{territory}" if territory else code


def engine_has_words(code: str) -> bool:
    return resource("words", f"{code}.yaml").is_file()


def yaml_text(value: str) -> str:
    """A string as a YAML scalar (JSON's quoting is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def translate_note(code: str, comment: str) -> str:
    name = language_name(code)
    return (
        f"{comment} TRANSLATE: `datapaper new` has no {name} ({code}) text: this file is the English one, "
        f"to be translated into {name}"
    )


def language_name(code: str) -> str:
    from babel import Locale

    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, LookupError):
        return code


def labels_block(code: str, translated: dict) -> str:
    """Every word the engine writes (the keys of its English file), under `labels`: the
    language's own where the templates translate them (`translated`), else the English."""
    english = yaml.safe_load(resource("words", "en.yaml").read_text(encoding="utf-8"))
    own = {key: text for key, text in translated.items() if key in english}
    rest = {key: text for key, text in english.items() if key not in own}

    def block(texts: dict) -> list[str]:
        dumped = "".join(
            yaml.safe_dump({key: text}, allow_unicode=True, width=10**6, default_flow_style=False)
            for key, text in texts.items()
        )
        return ["  " + line for line in dumped.splitlines()]

    lines = [
        f"# The engine has no words file for {language_name(code)} (resources/words/{code}.yaml): the",
        "# words it writes into an edition are given here, one per key of resources/words/en.yaml.",
        "labels:",
    ]
    if own:
        lines += block(own)
    if rest:
        lines.append("  # In English, to translate (the appendix's audit section, the web page, the diff):")
        lines += block(rest)
    return "\n".join(lines) + "\n"


def language_files(code: str, title: str | None) -> dict[str, str]:
    """The files of one language: paper/<code>/..., figures/strings/<code>.yaml."""
    own = code in written_languages()
    folder = LANGUAGES / (code if own else "en")
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in (*SECTIONS, "metadata.yaml")}
    texts["lexicon.yaml"] = (folder / "lexicon.yaml").read_text(encoding="utf-8")
    strings = (folder / "strings.yaml").read_text(encoding="utf-8")
    if not own:
        texts["20.results.md"] = texts["20.results.md"].replace(
            FIGURE_PATH.format(lang="en"), FIGURE_PATH.format(lang=code)
        )
        texts["metadata.yaml"] = re.sub(
            r"^lang: .*$", f"lang: {language_tag(code)}", texts["metadata.yaml"], count=1, flags=re.M
        )
        for name in SECTIONS:
            texts[name] = f"<!-- {translate_note(code, '').strip()} -->\n\n" + texts[name]
        for name in ("metadata.yaml", "lexicon.yaml"):
            texts[name] = translate_note(code, "#") + "\n" + texts[name]
        strings = translate_note(code, "#") + "\n" + strings
    if title is not None:
        texts["metadata.yaml"] = re.sub(
            r"^title: .*$", f"title: {yaml_text(title)}", texts["metadata.yaml"], count=1, flags=re.M
        )
    if not engine_has_words(code):
        labels = folder / "labels.yaml"
        translated = yaml.safe_load(labels.read_text(encoding="utf-8")) if own and labels.is_file() else {}
        texts["metadata.yaml"] += labels_block(code, translated or {})
    files = {f"paper/{code}/{name}": text for name, text in texts.items()}
    files[f"figures/strings/{code}.yaml"] = strings
    return files


def config_text(languages: list[str]) -> str:
    """config/config.yaml: only the keys that differ from the engine's defaults
    (resources/config.schema.yaml), and the two it requires."""
    source = languages[0]
    flow = "[" + ", ".join(languages) + "]"
    return (
        "# Build settings: only what differs from the engine's defaults (every key, with its\n"
        "# default, is described in the engine's resources/config.schema.yaml).\n"
        f"languages: {flow}\n"
        f"source_language: {source}\n"
        "engine: typst\n"
        "citation_style: apa\n"
        f"appendix: {flow}\n"
        "journal:\n"
        f"  body_language: {source}\n"
        f"  abstract_languages: {flow}\n"
        f"  codes_language: {source}\n"
    )


def readme_text(languages: list[str], title: str) -> str:
    template = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    return template.format(
        title=title,
        languages=", ".join(f"{language_name(c)} ({c})" for c in languages),
        source=languages[0],
        editions=", ".join(f"`build/paper.{c}.pdf`" for c in [*languages, "journal"]),
    )


def expected_text(languages: list[str]) -> str:
    """tests/expected.csv: each language's ranking and counted number as its text writes
    them (a language the templates have no text for: the name that tops the ranking)."""
    from datapaper.number_tests import COLUMNS

    lines = [",".join(COLUMNS)]
    for code in languages:
        rows = LANGUAGES / code / "expected.csv"
        if rows.is_file():
            lines += [f"{code},{row}" for row in rows.read_text(encoding="utf-8").splitlines() if row.strip()]
        else:
            lines.append(f"{code},{{{{rides.rank1}}}},Lyon")
    return "\n".join(lines) + "\n"


def project_files(languages: list[str], title: str | None) -> dict[str, str]:
    files: dict[str, str] = {}
    for path in sorted(PROJECT.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            name = path.relative_to(PROJECT).as_posix()
            files[".gitignore" if name == "gitignore" else name] = path.read_text(encoding="utf-8")
    files["config/config.yaml"] = config_text(languages)
    for code in languages:
        files.update(language_files(code, title))
    source_title = yaml.safe_load(files[f"paper/{languages[0]}/metadata.yaml"])["title"]
    files["README.md"] = readme_text(languages, source_title)
    return files


def check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise NewError(f"{folder}: a file of that name exists — choose another folder name")
    if folder.is_dir() and any(folder.iterdir()):
        raise NewError(
            f"{folder}: the folder exists and is not empty — choose a new folder name, "
            "or empty this one first (datapaper new never overwrites a file)"
        )


def create(folder: Path, languages: list[str], title: str | None = None) -> list[str]:
    """Write the new paper into `folder` (absent or empty); return the files written."""
    folder = Path(folder)
    check_folder(folder)
    files = project_files(languages, title)
    try:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        lock_text = translations_lock(folder, languages)
        (folder / "paper" / "translations.lock.yaml").write_text(lock_text, encoding="utf-8")
        from datapaper.number_tests import EXPECTED

        (folder / EXPECTED).write_text(expected_text(languages), encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return sorted([*files, "paper/translations.lock.yaml", EXPECTED])


def translations_lock(folder: Path, languages: list[str]) -> str:
    """Every translation recorded as reviewed against the source language's text."""
    from datapaper.translations import dump_lock, mark_reviewed

    lock: dict[str, dict[str, str]] = {}
    for code in languages[1:]:
        lock = mark_reviewed(lock, code, None, folder / "paper", languages[0])
    return dump_lock(lock)


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog=COMMAND,
        description="Start a paper: write a minimal project that builds at once "
        "(`cd DIR && snakemake --cores 4` gives a PDF per language).",
        epilog=f"The text is written in {', '.join(written_languages())}; "
        "another language CLDR knows gets the English text, marked for translation.",
    )
    add_arguments(command)
    return command


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("folder", type=Path, metavar="DIR", help="the new paper's folder (absent or empty)")
    command.add_argument(
        "--languages",
        default="en",
        help="comma-separated ISO 639 codes, the source language first (default: en)",
    )
    command.add_argument(
        "--title", default=None, help="the paper's title (default: the example's, per language)"
    )


def run(args: argparse.Namespace) -> int:
    try:
        languages = parse_languages(args.languages)
        files = create(args.folder, languages, args.title)
    except NewError as err:
        print(f"{COMMAND}: {err}", file=sys.stderr)
        return 2
    untranslated = [c for c in languages if c not in written_languages()]
    print(f"{args.folder}: a new paper in {', '.join(languages)} ({len(files)} files).")
    if untranslated:
        print(
            f"  {', '.join(untranslated)}: the English text, marked TRANSLATE in each file "
            f"(paper/<code>/, figures/strings/<code>.yaml)."
        )
    print(f"Build it:  cd {args.folder} && snakemake --cores 4")
    print("Test it:   python3 -m pytest   (the numbers of tests/expected.csv)")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(parser().parse_args(argv))
