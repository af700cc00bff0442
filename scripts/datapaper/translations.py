"""Find translated sections whose source-language original changed since they were reviewed.

The source language (config `source_language`) is the one the text is written in first;
"English" below stands for it, as it does in this paper.

paper/translations.lock.yaml records, for each language and section file, a hash of the
English section the translation was made from (or last reviewed against). A section is
stale when the English one no longer has that hash, when it is missing in the translation,
when it was never reviewed, or when the translation has a section English no longer has.

The hash is of the normalized text (`normalize`): placeholders count by key only, since a
number's value never appears in the text and translators choose their own options
(`|compact`, `|as=...`); trailing spaces, line endings and runs of blank lines do not count.
So a change of data never makes a translation stale, a change of wording always does.

Command line (run from the project folder):

    python3 -m datapaper translations check [--strict]          list stale translations
    python3 -m datapaper translations review kk 20.intro.md [more ...]
    python3 -m datapaper translations review kk --all           record the English as reviewed
"""

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import NamedTuple

import yaml

from datapaper import project
from datapaper.errors import InputError, near_miss
from datapaper.files import write_text
from datapaper.placeholders import PLACEHOLDER, key_of
from datapaper.textfiles import read_text
from datapaper.yamlfiles import YamlError, read_yaml

COMMAND = "python3 -m datapaper translations"
HASH_LENGTH = 16
HASH = re.compile(rf"^[0-9a-f]{{{HASH_LENGTH}}}$")

CHANGED = "English changed since review"
MISSING = "section missing in the translation"
UNREVIEWED = "section never reviewed"
ORPHAN = "no English section of this name"

LOCK_HEADER = """\
# Translation lock: for each language and section file, the hash of the English section
# (paper/en/<file>) that the translation was made from or last reviewed against: sha256
# of the normalized text, first 16 hex digits. Placeholders count by key only (values and
# options such as |compact do not change it); trailing spaces and extra blank lines do not.
# The build warns when an English section no longer matches (an error with
# `--config strict=True`); `snakemake check_translations` lists them. Do not edit by hand:
# after reviewing a translation against the English, record it with
#   python3 -m datapaper translations review <lang> <section file>
#   python3 -m datapaper translations review <lang> --all
"""


# How a malformed lock file is made again.
REWRITE = "make it again with `python3 -m datapaper translations review <lang> --all` after a review"


class TranslationError(InputError):
    """A bad lock file or review request; the message names the file or section."""


class Stale(NamedTuple):
    language: str
    section: str
    reason: str


def normalize(text: str) -> str:
    """The text as far as a translator is concerned (see the module docstring)."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = PLACEHOLDER.sub(lambda m: "{{" + key_of(m["body"]) + "}}", text)
    lines = [line.rstrip() for line in text.splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) + "\n" if kept else ""


def section_hash(text: str) -> str:
    """The first 16 hex digits of the sha256 of the normalized text."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def section_names(paper: Path, lang: str) -> list[str]:
    """The section file names of one language, in order."""
    return project.section_names(lang, paper)


def english_hashes(paper: Path, source: str) -> dict[str, str]:
    return {
        name: section_hash(read_text(Path(paper) / source / name)) for name in section_names(paper, source)
    }


def stale_sections(
    root: Path, languages: list[str], lock: dict[str, dict[str, str]], source: str
) -> list[Stale]:
    """Every translated section that needs a review, by language and section name.

    `root` is the paper folder (with one folder per language); `lock` is as read by
    `read_lock`. The source language itself is skipped.
    """
    english = english_hashes(root, source)
    found = []
    for lang in languages:
        if lang == source:
            continue
        reviewed = lock.get(lang, {})
        present = set(section_names(root, lang))
        for name, current in english.items():
            if name not in present:
                found.append(Stale(lang, name, MISSING))
            elif name not in reviewed:
                found.append(Stale(lang, name, UNREVIEWED))
            elif reviewed[name] != current:
                found.append(Stale(lang, name, CHANGED))
        found += [Stale(lang, name, ORPHAN) for name in sorted(present - set(english))]
    return sorted(found)


def mark_reviewed(
    lock: dict[str, dict[str, str]],
    lang: str,
    sections: list[str] | None,
    root: Path,
    source: str,
) -> dict[str, dict[str, str]]:
    """A new lock with `sections` of `lang` (None: all its sections) reviewed against the current English.

    With None, the language's entries are replaced, so sections that no longer exist drop out.
    """
    if lang == source:
        raise TranslationError(f"{lang} is the source language — review a translation (another language)")
    if not (Path(root) / lang).is_dir():
        raise TranslationError(f"no translation folder {Path(root) / lang} — check the language code")
    english = english_hashes(root, source)
    present = set(section_names(root, lang))
    if sections is None:
        chosen = sorted(present & set(english))
        entries: dict[str, str] = {}
    else:
        for name in sections:
            if Path(name).parent.name not in ("", lang):
                raise TranslationError(
                    f"{name}: not a section of {lang} — name a file of {Path(root) / lang}"
                )
        chosen = [Path(name).name for name in sections]
        entries = dict(lock.get(lang, {}))
    for name in chosen:
        if name not in english:
            raise TranslationError(
                f"{name}: no such English section in {Path(root) / source}{near_miss(name, english)} — "
                f"name one of: {', '.join(english) or 'none'}"
            )
        if name not in present:
            raise TranslationError(f"{name}: missing in {Path(root) / lang} — translate it first")
        entries[name] = english[name]
    new = {key: dict(value) for key, value in lock.items() if key != lang}
    new[lang] = dict(sorted(entries.items()))
    return dict(sorted(new.items()))


def read_lock(path: Path) -> dict[str, dict[str, str]]:
    """The lock file's mapping (empty if there is no file); a malformed one is an error."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = read_yaml(path)
    except YamlError as err:
        raise TranslationError(str(err)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TranslationError(f"{path}: expected a mapping of language -> section -> hash — {REWRITE}")
    for lang, entries in data.items():
        if not isinstance(entries, dict):
            raise TranslationError(f"{path}: {lang}: expected a mapping of section file -> hash — {REWRITE}")
        for name, value in entries.items():
            if not isinstance(value, str) or not HASH.match(value):
                raise TranslationError(
                    f"{path}: {lang}: {name}: expected {HASH_LENGTH} hex digits, got {value!r} — {REWRITE}"
                )
    return {str(lang): {str(k): v for k, v in entries.items()} for lang, entries in data.items()}


def dump_lock(lock: dict[str, dict[str, str]]) -> str:
    """The lock file's text: the header, then languages and sections sorted."""
    ordered = {lang: dict(sorted(lock[lang].items())) for lang in sorted(lock)}
    body = yaml.safe_dump(ordered, sort_keys=True, default_flow_style=False, allow_unicode=True)
    return LOCK_HEADER + ("" if not ordered else "\n" + body)


def shown(path: Path) -> str:
    """A path relative to the current folder when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def report(stale: list[Stale], paper: Path, strict: bool, source: str) -> str:
    """The multi-line warning (or error) naming each stale file and the command to review it."""
    if not stale:
        return ""
    kind = "ERROR" if strict else "WARNING"
    lines = [f"{kind}: {len(stale)} translated section(s) need a review against the English text:"]
    for item in stale:
        where = shown(Path(paper) / item.language / item.section)
        lines.append(f"  {where}: {item.reason}")
    reviewable = {}
    for item in stale:
        if item.reason in (CHANGED, UNREVIEWED):
            reviewable.setdefault(item.language, []).append(item.section)
    if reviewable:
        lines.append(
            f"Compare each with {shown(Path(paper) / source)}/<section> (e.g. `git log -p` of the English file),"
        )
        lines.append("update the translation, then mark it reviewed:")
        lines += [
            f"  {COMMAND} review {lang} {' '.join(names)}" for lang, names in sorted(reviewable.items())
        ]
    if any(item.reason == MISSING for item in stale):
        lines.append("A missing section must be translated first, then marked reviewed the same way.")
    if any(item.reason == ORPHAN for item in stale):
        lines.append("A section English no longer has should be deleted or renamed in the translation.")
    if not strict:
        lines.append("(With --config strict=true this stops the build.)")
    return "\n".join(lines) + "\n"


def up_to_date(languages: list[str], source: str) -> str:
    translated = ", ".join(lang for lang in languages if lang != source) or "no language"
    return (
        f"Translations up to date: every section of {translated} is reviewed against the current English.\n"
    )


def as_json(stale: list[Stale], paper: Path) -> str:
    rows = [
        {**item._asdict(), "file": f"{Path(paper).as_posix()}/{item.language}/{item.section}"}
        for item in stale
    ]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring); returns the exit status."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--paper", type=Path, default=project.PAPER, help="folder of the language folders")
    common.add_argument(
        "--lock", type=Path, default=None, help="lock file (default: <paper>/translations.lock.yaml)"
    )
    common.add_argument("--languages", nargs="+", default=None, help="default: config/config.yaml")
    common.add_argument("--source", default=None, help="the source language (default: config/config.yaml)")
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", parents=[common], help="list stale translated sections")
    check.add_argument("--strict", action="store_true", help="exit 1 if any section is stale")
    review = commands.add_parser("review", parents=[common], help="mark sections reviewed")
    review.add_argument("language")
    review.add_argument("sections", nargs="*", help="section file names, e.g. 20.results.md")
    review.add_argument("--all", action="store_true", help="every section of the language")
    args = parser.parse_args(argv)

    lock_path = args.lock or args.paper / project.TRANSLATION_LOCK.name
    try:
        config = None
        if args.languages is None or args.source is None:
            config = read_yaml(project.CONFIG, dict, "settings")
        languages = args.languages or config["languages"]
        source = args.source or project.source_language(config)
        lock = read_lock(lock_path)
        if args.command == "check":
            stale = stale_sections(args.paper, languages, lock, source)
            if not stale:
                print(up_to_date(languages, source), end="")
                return 0
            print(
                report(stale, args.paper, args.strict, source),
                end="",
                file=sys.stderr if args.strict else sys.stdout,
            )
            return 1 if args.strict else 0
        if args.all == bool(args.sections):
            review.error("name the section files, or give --all")
        lock = mark_reviewed(lock, args.language, None if args.all else args.sections, args.paper, source)
    except (TranslationError, YamlError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    write_text(lock_path, dump_lock(lock))
    names = list(lock[args.language]) if args.all else [Path(name).name for name in args.sections]
    print(f"{shown(lock_path)}: {args.language} reviewed against English: {', '.join(names)}")
    return 0


def consistency_problems(paper: Path, languages: list[str], source: str) -> list[str]:
    """Places where a translation lacks (or adds) a placeholder, citation or reference of
    the source text, each naming the file and line (datapaper/checks.py)."""
    from datapaper.checks import check_language

    english = project.section_files(source, paper)
    return [
        problem
        for lang in languages
        if lang != source
        for problem in check_language(project.section_files(lang, paper), english, None)
    ]
