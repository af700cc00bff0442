"""Check the texts, as the build runs them.

Per language, with the placeholder values (rule placeholder_values): every citation is a
reference; no number is typed into the prose outside a placeholder (the digit lint, with
the exceptions config `checks.allowed_digits` gives); no word mixes Latin letters into
Cyrillic ones (lookalikes). Across languages (rule translation_status): every translation
has the source text's placeholders, citations and cross-references, section by section.

Each problem names the file and the line, and stops the build.
"""

import re
from collections import Counter
from pathlib import Path

from datapaper.errors import InputError
from datapaper.localize import scale_words
from datapaper.placeholders import PLACEHOLDER, keys_in
from datapaper.textfiles import read_text

CITATION_GROUP = re.compile(r"\[([^\]]*@[^\]]*)\]")
CITATION = re.compile(r"@([A-Za-z0-9_:.-]+)")
CROSS_REF = re.compile(r"@((?:fig|tbl|sec):[A-Za-z0-9_-]+)")
ANCHOR = re.compile(r"\{#((?:sec|fig|tbl):[A-Za-z0-9_-]+)")


class TextError(InputError):
    """The text refers to something that does not exist or differs from the English."""


def items(line: str) -> dict[str, list[str]]:
    """What one line refers to, by kind."""
    references = CROSS_REF.findall(line)
    citations = [c for group in CITATION_GROUP.findall(line) for c in CITATION.findall(group)]
    return {
        "placeholder": keys_in(line),
        "citation": [c for c in citations if c not in references],
        "cross-reference": references,
        "id": ANCHOR.findall(line),
    }


def inventory(text: str) -> dict[str, Counter]:
    """Everything a section refers to, with counts."""
    found: dict[str, Counter] = {k: Counter() for k in ("placeholder", "citation", "cross-reference", "id")}
    for line in text.splitlines():
        for kind, values in items(line).items():
            found[kind].update(values)
    return found


def first_line(text: str, kind: str, value: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if value in items(line)[kind]:
            return number
    return 0


def check_citations(path: str, text: str, known: set[str] | None) -> list[str]:
    """Citation keys that are not references (none checked when `known` is None)."""
    if known is None:
        return []
    return [
        f"{path}:{number}: unknown citation key {key!r} (not in paper/references.yaml) — add the "
        "reference there, or cite one of its ids"
        for number, line in enumerate(text.splitlines(), start=1)
        for key in items(line)["citation"]
        if key not in known
    ]


def check_language(files: list[str], english_files: list[str], known: set[str] | None) -> list[str]:
    """All problems of one language's section files, each naming file and line."""
    problems = []
    english = {Path(p).name: p for p in english_files}
    names = {Path(p).name for p in files}
    for name in sorted(set(english) - names):
        problems.append(
            f"{Path(files[0]).parent if files else '?'}/{name}: section missing (the English has it) — "
            "translate it"
        )
    for path in files:
        text = read_text(path)
        problems += check_citations(path, text, known)
        name = Path(path).name
        if name not in english:
            problems.append(
                f"{path}: section not in the English text — rename it after an English section, or remove it"
            )
            continue
        if english[name] == path:
            continue
        source = read_text(english[name])
        translated = inventory(text)
        for kind, values in inventory(source).items():
            theirs = translated[kind]
            for item, count in (values - theirs).items():
                line = first_line(source, kind, item)
                problems.append(
                    f"{path}: {kind} {item} is missing ({count}x); the English has it at {english[name]}:{line} — "
                    "put it back into the translation"
                )
            for item in theirs - values:
                line = first_line(text, kind, item)
                problems.append(
                    f"{path}:{line}: {kind} {item} is not in the English {english[name]} — remove it, or add it "
                    "to the English first"
                )
    return problems


# What is not prose: a digit there is no typed number.
NOT_PROSE = [
    r"\{\{[^{}]*\}\}",  # placeholders
    r"\[@[^\]]*\]",  # citations
    r"\{[#.][^}]*\}",  # heading ids and classes
    r"^\s*\d+\)\s",  # ordered list markers
    r"https?://\S+",  # addresses
    r"@[A-Za-z0-9_:.-]+",  # cross-references and citation keys outside brackets (@fig:no2)
    r"\]\([^)]*\)",  # link and image targets (a figure's path)
    r"`[^`]*`",  # inline code
]


def prose_digits(text: str, allowed: list[str] = ()) -> list[tuple[int, str]]:
    """Lines that still hold a digit once placeholders, non-prose and the `allowed`
    patterns (regular expressions) are taken out."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in NOT_PROSE:
            line = re.sub(pattern, " ", line)
        for pattern in allowed:
            line = re.sub(pattern, " ", line)
        if re.search(r"\d", line):
            found.append((number, line.strip()))
    return found


def check_digits(path: str, text: str, allowed: list[str] = ()) -> list[str]:
    return [
        f"{path}:{number}: a number typed into the prose ({line!r}) — use a placeholder, "
        "or list the pattern under checks.allowed_digits in config/config.yaml with the reason"
        for number, line in prose_digits(text, allowed)
    ]


# Latin letters that look like Cyrillic ones, inside or beside a Cyrillic word.
LOOKALIKES = re.compile(
    r"[\u0400-\u04ff]+[aceiopxyhkmtbACEIOPXYHKMTB]+[\u0400-\u04ff]*|[aceiopxy]+[\u0400-\u04ff]+"
)


def check_lookalikes(path: str, text: str) -> list[str]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = re.sub(r"\{\{[^}]*\}\}|\[@[^\]]*\]|\{[#.][^}]*\}", " ", line)
        problems += [
            f"{path}:{number}: {word!r} mixes Latin letters into a Cyrillic word — retype it in Cyrillic"
            for word in LOOKALIKES.findall(line)
        ]
    return problems


# The word right after a placeholder: separated by spaces only.
WORD_AFTER = re.compile(r"[ \u00a0\u202f]*([^\W\d_]+\.?)")


def check_scale_words(path: str, text: str, lang: str) -> list[str]:
    """A scale word typed after a placeholder (`{{x|in=thousand}} мың`) is wrong once the
    value passes the scale: the placeholder writes it (`|compact`), agreeing with the value."""
    words = scale_words(lang)
    folded = {word.casefold() for word in words if len(word.rstrip(".")) > 1}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for found in PLACEHOLDER.finditer(line):
            after = WORD_AFTER.match(line, found.end())
            if not after:
                continue
            word = after[1]
            if word in words or word.rstrip(".") in words or word.casefold() in folded:
                parts = [part for part in found["body"].split("|") if not part.startswith("in=")]
                asked = "|".join(parts if "compact" in parts else [parts[0], "compact", *parts[1:]])
                problems.append(
                    f"{path}:{number}: the scale word {word!r} is typed after {found.group(0)} — let the "
                    f"placeholder write it with the value: {{{{{asked}}}}}"
                )
    return problems


def check_prose(path: str, text: str, allowed: list[str] = ()) -> list[str]:
    """The digit lint and the lookalike check of one text."""
    return check_digits(path, text, allowed) + check_lookalikes(path, text)


PROSE_METADATA = ("title", "abstract", "keywords")


def check_metadata_prose(path: str, meta: dict, allowed: list[str] = ()) -> list[str]:
    """The digit lint and the lookalike check of a metadata file's prose (title, abstract, keywords)."""
    problems = []
    for key in PROSE_METADATA:
        value = meta.get(key, "")
        text = "\n".join(map(str, value)) if isinstance(value, list) else str(value)
        problems += [f"{path}: {key}: {p.split(': ', 1)[1]}" for p in check_prose(path, text, allowed)]
    return problems
