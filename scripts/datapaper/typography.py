"""The typography check: an edition's PDF read as a reader sees it (its text, line by line,
as pdftotext or pypdf extracts it), judged against the conventions the engine promises.

- a value never parts from its scale word, unit or currency word at a line end
  ("928" | "billion euros"), nor is a number hyphenated across lines;
- no value from the data hyphenated across lines (a word of a value: "acqui-" | "sition",
  "bil-" | "lion"), given the edition's values;
- no straight quote or apostrophe in the text (' and ": the typesetter's smart quotes in
  the edition's language, «…» / “…” / „…“, and ’);
- no hyphen-minus standing for a dash or a minus (" - " between spaces, "-4.2");
- in a language that declares a space before a punctuation mark or inside its quotation
  marks (resources/typography/<code>.yaml: French : ; ! ? and « … »), no mark without it
  ("Résumé:", «texte»).

The check judges the result, not the intentions: `problems` takes the text and the words
that may follow a number in this language (its scale words from CLDR, its currency and
unit words from the lexicon), and returns each problem with its page and line.
`edition_problems` reads them from an edition's files; the PDF job (edition_pdf) runs it
once the PDF is written (`check_edition`) and writes the findings to
build/<edition>/typography.json, which the build's closing summary prints as a warning (the
build does not fail on them: a line end is the typesetter's, and the author decides;
tests/builds/test_typeset_editions.py holds this paper's editions to none).
"""

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from datapaper import punctuation
from datapaper.files import write_text
from datapaper.localize import scale_words
from datapaper.render.frontmatter import read_metadata
from datapaper.yamlfiles import read_yaml

NUMBER_AT_END = re.compile(r"\d$")
HYPHENATED_NUMBER = re.compile(r"\d[-\u00ad\u2010]$")
HYPHENATED_WORD = re.compile(r"([^\W\d_]+)[-\u00ad\u2010]$")
STRAIGHT = re.compile(r"['\"]")
HYPHEN_DASH = re.compile(r"(?:^|\s)-(?:\s|\d)")


def unit_words(lang: str, lexicon: dict) -> set[str]:
    """Words that may follow a number: the language's scale words, its currency and unit
    words, the percent sign, and the first word of each counted noun."""
    words = {word.casefold() for word in scale_words(lang)} | {"%"}
    for word in (lexicon.get("units") or {}).values():
        words.add(str(word).split()[0].casefold())
    return words


def pdf_lines(path: str | Path, tool: str | None = "pdftotext") -> list[tuple[int, str]]:
    """(page, line) of a PDF's text as a reader's tool extracts it, blank lines left out:
    poppler's `pdftotext` where it is installed (envs/apt-packages.txt; about 0.06 s an
    edition), else pypdf (about 0.4 s). `tool=None` asks for pypdf."""
    program = shutil.which(tool) if tool else None
    if program:
        result = subprocess.run([program, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
        if result.returncode != 0:
            raise ValueError(f"{path}: pdftotext failed: {result.stderr.decode(errors='replace').strip()}")
        pages = result.stdout.decode("utf-8").split("\f")
    else:
        from pypdf import PdfReader

        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    return [
        (number, line.rstrip())
        for number, page in enumerate(pages, start=1)
        for line in page.splitlines()
        if line.strip()
    ]


def missing_spaces(line: str, lang: str) -> list[str]:
    """The punctuation marks of a line set without the space its language declares."""
    rules = punctuation.rules(lang)
    found = []
    if rules.space_before:
        marks = re.escape("".join(rules.space_before))
        following = re.escape(punctuation.FOLLOWING)
        for match in re.finditer(rf"(?<=[^\W_])( ?)([{marks}])(?=$|[{following}])", line):
            space = rules.space_before[match[2]]
            if match[1]:
                found.append(f"{match[2]!r} after a breaking space, not {space!r}")
            else:
                found.append(f"{match[2]!r} without the {space!r} before it")
        if re.match(rf"\s*[{marks}](?=$|\s)", line):
            found.append(f"{line.strip()[0]!r} starts the line: the space before it broke")
    if rules.space_inside_quotes and "double" in rules.quotes:
        opening, closing = rules.quotes["double"]
        space = re.escape(rules.space_inside_quotes)
        if re.search(rf"{re.escape(opening)}(?!{space})\S", line) or re.search(
            rf"[^\s{space}]{re.escape(closing)}", line
        ):
            found.append(f"no {rules.space_inside_quotes!r} inside {opening}…{closing}")
    return found


def value_words(values: Iterable[str], text: str = "") -> set[str]:
    """The words of the values an edition splices (build/<lang>/values.json), long enough
    to be hyphenated, casefolded; without those the authored `text` has too (the prose may
    hyphenate its own "advertising", not a value's)."""
    own = {word.casefold() for word in re.findall(r"[^\W\d_]{4,}", text)}
    return {word.casefold() for value in values for word in re.findall(r"[^\W\d_]{4,}", value)} - own


def problems(
    lines: list[tuple[int, str]],
    words: Iterable[str],
    where: str,
    lang: str | None = None,
    values: Iterable[str] = (),
    text: str = "",
) -> list[str]:
    """Every typographic problem of a text, each `where: page N: the line: what`; with
    `lang`, also the spaces its punctuation lacks (datapaper/punctuation.py); with the
    edition's `values` (and its authored `text`), a value hyphenated at a line end."""
    words = set(words)
    spliced = value_words(values, text)
    found = []
    for index, (page, line) in enumerate(lines):
        said = f"{where}: page {page}: {line.strip()!r}"
        for missing in missing_spaces(line, lang) if lang else []:
            found.append(f"{said}: {missing} (resources/typography/{lang.split('-')[0]}.yaml)")
        if STRAIGHT.search(line):
            found.append(f"{said}: a straight quote or apostrophe")
        previous = lines[index - 1][1].split() if index else []
        address = bool(previous) and "/" in previous[-1]  # an address continued: its own hyphen
        if HYPHEN_DASH.search(line) and not (address and HYPHEN_DASH.search(line).start() == 0):
            found.append(f"{said}: a hyphen-minus for a dash or a minus sign")
        last = line.split()[-1] if line.split() else ""
        if HYPHENATED_NUMBER.search(line) and "/" not in last:  # an address breaks at its own hyphens
            found.append(f"{said}: a number hyphenated at the line end")
        if spliced and HYPHENATED_WORD.search(line) and index + 1 < len(lines):
            head = HYPHENATED_WORD.search(line)[1]
            tail = re.match(r"\s*([^\W\d_]*)", lines[index + 1][1])[1]
            if (head + tail).casefold() in spliced:
                found.append(f"{said}: the value {head + tail!r} is hyphenated at the line end")
        if NUMBER_AT_END.search(line) and index + 1 < len(lines):
            following = lines[index + 1][1].strip().split()
            first = following[0].casefold().rstrip(",.;:") if following else ""
            if first in words or (first[:1] == "%"):
                found.append(f"{said}: the value parts from {following[0]!r} at the line end")
    return found


def edition_problems(
    pdf: str | Path,
    lang: str,
    lexicon: dict,
    values: dict[str, str],
    texts: Iterable[str | Path],
    languages: int = 1,
) -> list[str]:
    """The problems of one edition's PDF: its body's language `lang` (a code, or a tag:
    fr-FR), its lexicon, its placeholders' `values` (build/<lang>/values.json) and its
    authored text files. An edition of several `languages` (the journal edition's title
    blocks) is not held to one language's punctuation spaces, which a line cannot tell.
    A PDF whose text cannot be read (pdftotext failing, pypdf refusing it) is one finding
    that says so: the check runs in the PDF's own job, which a warning must not fail."""
    code = str(lang).split("-")[0]
    text = "\n".join(Path(path).read_text(encoding="utf-8") for path in texts)
    spaces = code if languages == 1 else None
    # pdftotext writes every space as U+0020; a language that requires a no-break space
    # before its punctuation is read with pypdf, which keeps U+202F and U+00A0 apart.
    rules = punctuation.rules(spaces) if spaces else None
    reader = None if rules and (rules.space_before or rules.space_inside_quotes) else "pdftotext"
    try:
        lines = pdf_lines(pdf, tool=reader)
    except Exception as err:  # any reader's failure is the check's finding, as any other
        return [f"{pdf}: the typography check could not read the PDF's text ({err}); the PDF is as made"]
    return problems(lines, unit_words(code, lexicon), str(pdf), spaces, values.values(), text)


def check_edition(
    pdf: str | Path,
    body: str | Path,
    values: str | Path,
    lexicon: str | Path,
    texts: Iterable[str | Path],
    languages: int,
    output: str | Path,
) -> list[str]:
    """The typography check of an edition's `pdf`, from its files (the body's metadata, the
    language's values.json and lexicon, the authored `texts`): the findings written to
    `output` (build/<edition>/typography.json) and to stderr, a warning, never a failure."""
    lang = read_metadata(body)["lang"]
    formatted = json.loads(Path(values).read_text(encoding="utf-8"))["values"]
    words = read_yaml(lexicon, dict, "lexicon tables")
    found = edition_problems(pdf, lang, words, formatted, list(texts), languages)
    write_text(output, json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    for problem in found:
        print(f"Typography: {problem}", file=sys.stderr)
    return found
