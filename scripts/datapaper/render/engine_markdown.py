"""Pandoc's reading of the Markdown the engine writes, made without pandoc.

The sections the engine generates (the appendix "Where the numbers come from", the audit's
findings: datapaper/appendix.py, datapaper/audit.py) are a small subset of pandoc's
Markdown, every character of text escaped: headings with an identifier and classes,
one-line paragraphs, pipe tables, value spans (`[...]{.value}`), citations (`[@a; @b]`)
and strong text. Pandoc's Markdown reader took 0.09-0.12 s over each of them (0.4 s of
CPU in a clean build, on the way to every PDF), where this reading takes a few
milliseconds. `reading` gives the document pandoc's `markdown` (and `markdown+smart`)
reader gives, as the JSON that `pandoc --to json` writes, or None for any text outside the
subset, which pandoc then reads (datapaper.render.pandoc.read_once): so this is never less
exact than pandoc, only faster where it can be. tests/engine/test_engine_markdown.py holds
the two readings equal over the sections the engine writes from any data.
"""

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

# This reader's own source: the readings kept by content (read_once) are kept under it too,
# so a change here is never answered by a reading it made before.
SOURCE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

# Readers whose reading of the subset this gives (read_once reads without identifiers made
# from headings' text: every heading the engine writes has its own).
READERS = frozenset({"markdown", "markdown+smart"})
# What the engine escapes (datapaper.appendix.MARKDOWN_SPECIAL): an escaped one is the
# character itself, an unescaped one is markup, or not in the subset.
SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>$@~^\"'&%:;=/")
# pandoc's width of a line, past which a pipe table's columns take the widths of its
# separator line (--columns, 72 unless told).
COLUMNS = 72
HEADING = re.compile(r"(#{1,6}) (.*?) \{#([A-Za-z][\w:.-]*)((?: \.[A-Za-z][\w-]*)*)\}")
ALIGNMENTS = {(True, False): "AlignLeft", (False, True): "AlignRight", (True, True): "AlignCenter"}
SEPARATOR_CELL = re.compile(r":?-+:?")
# A citation key of letters, digits and `_`, with `:`, `.`, `/` or `-` inside it (pandoc
# allows more, and some of them mean more: a `$` opens math across the table's rows).
CITATION_KEY = re.compile(r"[A-Za-z0-9_]+(?:[:./-][A-Za-z0-9_]+)*")
NO_ATTR = ["", [], []]
# Escaped text up to the next value span, citation or strong text.
PLAIN = re.compile(r"(?:\\.|[^\\\[*])+")
# What may start an ordered list (pandoc's `1.`, `a)`, `iv.`, ...), a definition (`:`, `~`)
# or a table's caption (`Table:`, `: ...`): a paragraph starting so is left to pandoc.
NOT_A_PARAGRAPH = re.compile(r"(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?: |$)|[:~|>(]|(?i:table):")


class NotInSubset(Exception):
    """The text has something the subset does not: pandoc reads it."""


def _str(text: str) -> dict:
    return {"t": "Str", "c": text}


SPACE = {"t": "Space"}


class _Inlines:
    """Inline elements as pandoc's builder joins them: adjacent texts in one Str, adjacent
    spaces in one Space."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def text(self, text: str) -> None:
        if self.items and self.items[-1]["t"] == "Str":
            self.items[-1] = _str(self.items[-1]["c"] + text)
        else:
            self.items.append(_str(text))

    def space(self) -> None:
        if self.items and self.items[-1]["t"] != "Space":
            self.items.append(SPACE)

    def add(self, element: dict) -> None:
        self.items.append(element)


class _Reader:
    def __init__(self) -> None:
        self.notes = 0  # pandoc numbers each citation (a note style's number)

    def plain_text(self, text: str, inlines: _Inlines) -> None:
        """Escaped text: `\\x` is x, a space (or several) a Space; no markup."""
        i = 0
        while i < len(text):
            char = text[i]
            if char == "\\":
                if i + 1 >= len(text) or text[i + 1] not in SPECIAL:
                    raise NotInSubset
                inlines.text(text[i + 1])
                i += 2
            elif char == " ":
                inlines.space()
                i += 1
            elif char in "()" or (char == ":" and text[i + 1 : i + 2] in ("", " ")):
                inlines.text(char)  # as the engine writes them around escaped text: text
                i += 1
            elif char in SPECIAL or ord(char) < 0x20 or char == "\x7f":
                raise NotInSubset
            else:
                inlines.text(char)
                i += 1

    def inlines(self, text: str) -> list[dict]:
        """A line's inline elements: escaped text, value spans, citations, strong text."""
        if not text or text[0] == " " or text[-1] == " ":
            raise NotInSubset
        out = _Inlines()
        i = 0
        while i < len(text):
            if text.startswith("**", i):
                end = text.find("**", i + 2)
                content = text[i + 2 : end] if end > 0 else ""
                around = text[i - 1 : i] + text[end + 2 : end + 3] if end > 0 else ""
                if (
                    not content
                    or content[0] == " "
                    or content[-1] in " \\"
                    or "*" in content
                    or any(char.isalnum() for char in around)
                ):
                    raise NotInSubset
                inner = _Inlines()
                self.plain_text(content, inner)
                out.add({"t": "Strong", "c": inner.items})
                i = end + 2
            elif text.startswith("[@", i):
                end = text.find("]", i)
                if end < 0:
                    raise NotInSubset
                keys = text[i + 1 : end].split("; ")
                if not all(key.startswith("@") and CITATION_KEY.fullmatch(key[1:]) for key in keys):
                    raise NotInSubset
                if text[end + 1 : end + 2] in ("{", "(", "["):
                    raise NotInSubset
                self.notes += 1
                words = text[i : end + 1].split(" ")
                content = _Inlines()
                for n, word in enumerate(words):
                    if n:
                        content.space()
                    content.text(word)
                citations = [
                    {
                        "citationId": key[1:],
                        "citationPrefix": [],
                        "citationSuffix": [],
                        "citationMode": {"t": "NormalCitation"},
                        "citationNoteNum": self.notes,
                        "citationHash": 0,
                    }
                    for key in keys
                ]
                out.add({"t": "Cite", "c": [citations, content.items]})
                i = end + 1
            elif text[i] == "[":
                end = self.span_end(text, i)
                content = text[i + 1 : end]
                if not content or content[0] == " " or content[-1] == " ":
                    raise NotInSubset
                inner = _Inlines()
                self.plain_text(content, inner)
                out.add({"t": "Span", "c": [["", ["value"], []], inner.items]})
                i = end + len("]{.value}")
            else:
                found = PLAIN.match(text, i)
                if not found:
                    raise NotInSubset
                self.plain_text(found[0], out)
                i = found.end()
        return out.items

    @staticmethod
    def span_end(text: str, start: int) -> int:
        """Where a value span's text ends (its `]{.value}`), escapes skipped."""
        i = start + 1
        while i < len(text):
            if text[i] == "\\":
                i += 2
            elif text[i] == "]":
                if not text.startswith("]{.value}", i):
                    raise NotInSubset
                return i
            elif text[i] in "[*":
                raise NotInSubset
            else:
                i += 1
        raise NotInSubset

    def heading(self, line: str) -> dict:
        found = HEADING.fullmatch(line)
        if not found:
            raise NotInSubset
        classes = [name[1:] for name in found[4].split(" ")[1:]]
        attr = [found[3], classes, []]
        return {"t": "Header", "c": [len(found[1]), attr, self.inlines(found[2])]}

    @staticmethod
    def cells(line: str) -> list[str]:
        """A table row's cells: between its unescaped pipes, without the spaces around."""
        if not (line.startswith("| ") and line.endswith(" |")) or len(line) < 4:
            raise NotInSubset
        cells, cell, body, i = [], "", line[2:-2], 0
        while i < len(body):
            if body[i] == "\\" and i + 1 < len(body):
                cell += body[i : i + 2]
                i += 2
            elif body.startswith(" | ", i):
                cells.append(cell)
                cell = ""
                i += 3
            elif body[i] == "|":
                raise NotInSubset
            else:
                cell += body[i]
                i += 1
        cells.append(cell)
        return cells

    def table(self, lines: list[str]) -> dict:
        header, separator, *rows = lines
        parts = separator[1:-1].split("|") if separator.startswith("|") and separator.endswith("|") else []
        if not parts or not all(SEPARATOR_CELL.fullmatch(part) for part in parts):
            raise NotInSubset
        head = self.cells(header)
        body = [self.cells(row) for row in rows]
        if not rows or any(len(cells) != len(parts) for cells in [head, *body]):
            raise NotInSubset

        def cell(text: str) -> list:  # an empty cell is not in the subset (pandoc may drop the head)
            return [NO_ATTR, {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": self.inlines(text)}]]

        head_cells = [cell(text) for text in head]
        body_cells = [[cell(text) for text in cells] for cells in body]
        # pandoc: a line wider than --columns gives the columns the separator's widths.
        least = max(width(line, unknown=0) for line in lines)
        most = max(width(line, unknown=2) for line in lines)
        if least <= COLUMNS < most:
            raise NotInSubset  # a character of unknown width decides it
        total = sum(len(part) for part in parts)
        specs = []
        for part in parts:
            align = ALIGNMENTS.get((part.startswith(":"), part.endswith(":")), "AlignDefault")
            size = {"t": "ColWidth", "c": len(part) / total} if least > COLUMNS else {"t": "ColWidthDefault"}
            specs.append([{"t": align}, size])
        return {
            "t": "Table",
            "c": [
                NO_ATTR,
                [None, []],
                specs,
                [NO_ATTR, [[NO_ATTR, head_cells]]],
                [[NO_ATTR, 0, [], [[NO_ATTR, cells] for cells in body_cells]]],
                [NO_ATTR, []],
            ],
        }

    def blocks(self, text: str) -> list[dict]:
        if not text.endswith("\n") or "\r" in text or "\t" in text or text.startswith("\ufeff"):
            raise NotInSubset
        chunks = [chunk for chunk in text[:-1].split("\n\n")]
        out = []
        for chunk in chunks:
            lines = chunk.split("\n")
            if not chunk or any(not line or line.strip() != line for line in lines):
                raise NotInSubset
            if len(lines) == 1 and lines[0].startswith("#"):
                out.append(self.heading(lines[0]))
            elif len(lines) >= 3 and lines[0].startswith("|"):
                out.append(self.table(lines))
            elif len(lines) == 1 and not NOT_A_PARAGRAPH.match(lines[0]):
                out.append({"t": "Para", "c": self.inlines(lines[0])})
            else:
                raise NotInSubset
        return out


# The width pandoc gives a character on a line (its `realLength`), where it is known: none
# for the zero-width and combining ones, one for the scripts and marks the engine writes
# (measured against pandoc's tables, tests/engine/test_engine_markdown.py).
ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
ONE_WIDTH = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x24F),  # Latin-1 and Latin Extended (but the soft hyphen)
    (0x370, 0x482),  # Greek, Cyrillic (before its combining marks)
    (0x48A, 0x52F),  # Cyrillic, its supplement (Kazakh letters)
    (0x2000, 0x200A),  # spaces (thin, hair, ...)
    (0x2010, 0x2027),  # dashes, quotes, bullets
    (0x202F, 0x205E),  # narrow no-break space, per mille, primes, ...
    (0x20A0, 0x20C0),  # currency signs (₸)
    (0x2100, 0x214F),  # letterlike symbols (№)
    (0x2190, 0x22FF),  # arrows, mathematical operators (−, ≤)
)


def width(line: str, unknown: int) -> int:
    """A line's width as pandoc counts it, taking `unknown` for a character not known here,
    and for one after a zero-width joiner (which pandoc may count as none: `1\u200d2`)."""
    total, previous = 0, ""
    for char in line:
        code = ord(char)
        if char in ZERO_WIDTH or unicodedata.combining(char):
            pass
        elif previous == "\u200d" or not any(low <= code <= high for low, high in ONE_WIDTH):
            total += unknown
        else:
            total += 1
        previous = char
    return total


def reading(text: str, reader: str, api_version: list[int]) -> dict[str, Any] | None:
    """Pandoc's reading of `text` by `reader`, as its JSON document, or None if `reader` or
    the text is outside the subset (pandoc reads it then)."""
    if reader not in READERS:
        return None
    try:
        blocks = _Reader().blocks(text)
    except NotInSubset:
        return None
    return {"pandoc-api-version": api_version, "meta": {}, "blocks": blocks}
