"""Each language's typographic conventions: its quotation marks and the spaces its
punctuation takes, declared in one file a language, resources/typography/<code>.yaml.

    quotes: {double: "«»", single: "„“"}     the outer and inner marks, opening and closing
    space_inside_quotes: "\\u202f"             the space set inside them (French « … »)
    space_before: {":": "\\u202f", ...}       the space set before a mark (French : ; ! ?)

Every key is optional; a language without a file has none (the writer's or typesetter's
defaults). The file is the one owner of these conventions: the engine applies them where
it writes text itself (its words, `punctuate`, and the front matter's labels), pandoc's
filter resources/filters/punctuation.lua applies them to the text of an edition (its body
and metadata: pandoc's quotations become the declared marks in every format), and the
typography check (datapaper/typography.py) holds the PDF to them.

A mark takes its space only where it is punctuation: after a word and before a space, the
end or a closing mark ("Résumé :", "Pourquoi ?!"), not inside a word, a time or an address
("10:30", "https://", "fichier:ligne"). A space typed before it becomes the declared one.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from datapaper import resource
from datapaper.errors import InputError
from datapaper.yamlfiles import YamlError, read_yaml

KEYS = ("quotes", "space_inside_quotes", "space_before")
MARKS = ";:!?"  # the marks a space may precede (French "ponctuation haute")
SPACES = " \u00a0\u202f\u2009"  # a space an author may type before a mark or inside a quote
FOLLOWING = SPACES + "»”’“)]},.;:!?"  # what may follow a mark that is punctuation


class TypographyError(InputError):
    """A language's typography file is malformed; the message names it and the fix."""


@dataclass(frozen=True)
class Rules:
    """A language's conventions (empty: the typesetter's own)."""

    quotes: dict[str, tuple[str, str]] = field(default_factory=dict)
    space_inside_quotes: str = ""
    space_before: dict[str, str] = field(default_factory=dict)


def typography_file(lang: str) -> Path:
    return resource("typography", f"{str(lang).split('-')[0]}.yaml")


def warm_up(languages: list[str]) -> None:
    """Read the conventions of these languages, in a job server before it forks
    (datapaper.forkserver_setup): each job that writes or checks a language read them
    again. A file that does not read is left to the job, which says why."""
    for lang in languages:
        try:
            rules(lang)
        except TypographyError:
            pass  # not kept (a cache keeps no failure): the job reads it again, and says why


def rules(lang: str) -> Rules:
    """The conventions a language declares (ru-RU reads ru.yaml), read once per language
    code: the job server reads them by code, the jobs ask by the tag of a paper's metadata."""
    return _rules(str(lang).split("-")[0])


@cache
def _rules(code: str) -> Rules:
    path = typography_file(code)
    if not path.is_file():
        return Rules()
    try:
        declared = read_yaml(path, dict, "typographic conventions")
    except YamlError as err:
        raise TypographyError(str(err)) from None
    unknown = set(declared) - set(KEYS)
    if unknown:
        raise TypographyError(
            f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))} — use {', '.join(KEYS)}"
        )
    quotes: dict[str, tuple[str, str]] = {}
    for kind, marks in (declared.get("quotes") or {}).items():
        if kind not in ("double", "single") or not isinstance(marks, str) or len(marks) != 2:
            raise TypographyError(
                f"{path}: quotes.{kind} must be `double` or `single` with two marks, opening and "
                f'closing — write `quotes: {{double: "«»", single: "„“"}}`'
            )
        quotes[kind] = (marks[0], marks[1])
    before = declared.get("space_before") or {}
    if not isinstance(before, dict) or not all(
        mark in MARKS and len(mark) == 1 and isinstance(space, str) and space.strip(SPACES) == ""
        for mark, space in before.items()
    ):
        raise TypographyError(
            f"{path}: space_before maps a mark ({' '.join(MARKS)}) to the space set before it — "
            'write `space_before: {":": "\\u202f"}`'
        )
    inside = declared.get("space_inside_quotes") or ""
    if not isinstance(inside, str) or inside.strip(SPACES):
        raise TypographyError(
            f'{path}: space_inside_quotes is a space — write `space_inside_quotes: "\\u202f"`'
        )
    return Rules(quotes, inside, dict(before))


@cache
def _before(marks: str) -> re.Pattern:
    # A mark after a word (or a closing mark), with the space typed before it if any,
    # followed by a space, the end or what closes.
    return re.compile(
        rf"(?<=[^{SPACES}{re.escape(MARKS)}])[{SPACES}]?([{re.escape(marks)}])(?=$|[{re.escape(FOLLOWING)}])"
    )


def punctuate(text: str, lang: str) -> str:
    """A text with the spaces its language sets before punctuation and inside quotation
    marks (French: "Résumé:" -> "Résumé :" with U+202F, «x» -> « x »)."""
    declared = rules(lang)
    if declared.space_before:
        text = _before("".join(declared.space_before)).sub(
            lambda found: declared.space_before[found[1]] + found[1], text
        )
    if declared.space_inside_quotes and "double" in declared.quotes:
        opening, closing = declared.quotes["double"]
        space = declared.space_inside_quotes
        text = re.sub(rf"{re.escape(opening)}[{SPACES}]?(?=\S)", opening + space, text)
        text = re.sub(rf"(?<=\S)[{SPACES}]?{re.escape(closing)}", space + closing, text)
    return text


def colon(lang: str) -> str:
    """The colon after a label as the language sets it (":" or " :")."""
    return rules(lang).space_before.get(":", "") + ":"


def code_points(text: str) -> str:
    """A space as its code points ("202F"): pandoc reads metadata as Markdown, which trims
    a string of spaces to nothing."""
    return " ".join(f"{ord(char):04X}" for char in text)


def pandoc_metadata(lang: str) -> dict[str, Any]:
    """The conventions as punctuation.lua reads them from an edition's metadata."""
    declared = rules(lang)
    meta: dict[str, Any] = {}
    if declared.quotes:
        meta["quotes"] = {kind: list(marks) for kind, marks in declared.quotes.items()}
    if declared.space_inside_quotes:
        meta["inside"] = code_points(declared.space_inside_quotes)
    if declared.space_before:
        meta["before"] = [
            {"mark": mark, "space": code_points(space)} for mark, space in declared.space_before.items()
        ]
    return meta
