"""Check the texts: every citation is a reference (run per language with the placeholder
values), and every translation has the English's placeholders, citations and
cross-references, section by section (the translation_status rule).

A translation that drops a placeholder, or a citation of a reference that does not
exist, stops the build naming the file and the line.
"""

import re
from collections import Counter
from pathlib import Path

PLACEHOLDER_KEY = re.compile(r"\{\{([^|{}]+)")
CITATION_GROUP = re.compile(r"\[([^\]]*@[^\]]*)\]")
CITATION = re.compile(r"@([A-Za-z0-9_:.-]+)")
CROSS_REF = re.compile(r"@((?:fig|tbl|sec):[A-Za-z0-9_-]+)")
ANCHOR = re.compile(r"\{#((?:sec|fig|tbl):[A-Za-z0-9_-]+)")


class TextError(ValueError):
    """The text refers to something that does not exist or differs from the English."""


def items(line: str) -> dict[str, list[str]]:
    """What one line refers to, by kind."""
    references = CROSS_REF.findall(line)
    citations = [c for group in CITATION_GROUP.findall(line) for c in CITATION.findall(group)]
    return {
        "placeholder": PLACEHOLDER_KEY.findall(line),
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
        f"{path}, line {number}: unknown citation key {key!r} (not in paper/references.yaml)"
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
            f"{Path(files[0]).parent if files else '?'}/{name}: section missing (the English has it)"
        )
    for path in files:
        text = Path(path).read_text(encoding="utf-8")
        problems += check_citations(path, text, known)
        name = Path(path).name
        if name not in english:
            problems.append(f"{path}: section not in the English text")
            continue
        if english[name] == path:
            continue
        source = Path(english[name]).read_text(encoding="utf-8")
        translated = inventory(text)
        for kind, values in inventory(source).items():
            theirs = translated[kind]
            for item, count in (values - theirs).items():
                line = first_line(source, kind, item)
                problems.append(
                    f"{path}: {kind} {item} is missing ({count}x); the English has it at {english[name]}, line {line}"
                )
            for item in theirs - values:
                line = first_line(text, kind, item)
                problems.append(f"{path}, line {line}: {kind} {item} is not in the English {english[name]}")
    return problems
