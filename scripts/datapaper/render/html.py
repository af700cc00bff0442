"""The web edition's data: what each spliced number shows on hover and focus (method,
raw rows with their cells, references), the audit's findings on this edition's
sentences, and the language switcher's targets. Filters read it as JSON and set every
piece of it as text (Str), never as raw HTML. Every word of it that the engine writes is
in the edition's language (its words, datapaper/words.py): a number's method, the
audit's verdicts, findings and heading, the switcher's links."""

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from datapaper.audit import localized
from datapaper.files import write_text
from datapaper.words import Words, render

# Sentences whose line is one of these is no prose a mark can follow (a header, a figure,
# a fenced div, a table row).
NOT_PROSE = re.compile(r"^\s*(#|!\[|:::|\||$)")
MARK_ID = re.compile(r"[^A-Za-z0-9_.-]")


def section_id(path: str | Path) -> str:
    """A section's id in every language, from its file's name: 20.results.md -> sec:results."""
    stem = Path(path).stem
    return "sec:" + (stem.split(".", 1)[1] if "." in stem else stem)


def finding_anchor(finding_id: str) -> str:
    return "finding-" + MARK_ID.sub("-", finding_id)


@cache
def _table(path: str, version: tuple[int, int]) -> list[list[str]]:
    """A raw table's rows, read once per version (its size and modification time): the
    preview runs this job in one long-lived process, across edits of the table."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def row_text(path: str, line: int) -> str:
    """`file:line: column=cell; ...` of one raw row (line 1 is the header)."""
    stat = Path(path).stat()
    rows = _table(path, (stat.st_size, stat.st_mtime_ns))
    if not 1 < line <= len(rows):
        return f"{path}:{line}"
    cells = "; ".join(f"{name}={cell}" for name, cell in zip(rows[0], rows[line - 1], strict=False))
    return f"{path}:{line}: {cells}"


def reference_text(reference: dict[str, Any]) -> str:
    """A short reference: authors, title, container, year (the list in the paper is GOST)."""
    authors = ", ".join(
        " ".join(filter(None, (a.get("family"), a.get("given")))) or a.get("literal", "")
        for a in reference.get("author", [])
    )
    year = "".join(str(p[0]) for p in reference.get("issued", {}).get("date-parts", [])[:1])
    parts = [
        authors,
        reference.get("title", ""),
        reference.get("container-title", ""),
        year,
        reference.get("URL", ""),
    ]
    return ". ".join(str(part) for part in parts if part)


def method_text(
    claim: dict[str, Any], numbers: dict[str, dict[str, Any]], words: Words, methods: dict[str, str]
) -> str:
    """How a number was obtained, in the words' language: the engine's method as its phrase
    says (numbers.json `how`); a paper's own (a derivation's) as the lexicon's `methods`
    words it in the language, else as the derivation wrote it."""
    how = numbers.get(claim["key"], {}).get("how")
    if how:
        return render(how, words, str)
    return str(methods.get(claim["key"], claim.get("method", "")))


def provenance(
    ledger: list[dict[str, Any]],
    references: dict[str, dict[str, Any]],
    numbers: dict[str, dict[str, Any]],
    words: Words,
    methods: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Per placeholder of the ledger: its method (in the words' language; `methods`: the
    lexicon's wording of a derivation's, by number key), raw rows and references, as text."""
    result: dict[str, Any] = {}
    for claim in ledger:
        if claim["placeholder"] in result:
            continue
        result[claim["placeholder"]] = {
            "method": method_text(claim, numbers, words, methods or {}),
            "rows": [row_text(row["file"], int(row["line"])) for row in claim.get("rows", [])],
            "references": [
                reference_text(references.get(key, {"title": key})) for key in claim.get("sources", [])
            ],
        }
    return result


def edition_findings(
    findings: list[dict[str, Any]], files: list[str], words: Words, typed: Any
) -> list[dict[str, Any]]:
    """The audit's findings that concern a sentence of these files, each with its verdict,
    message and arithmetic in the words' language (`typed`: audit.edition_writer)."""
    wanted = set(files)
    result = []
    for finding in findings:
        # build/audit.json: each finding's sentences per language, as {lang: [{file, line}]}
        sentences = [
            s for found in finding.get("sentences", {}).values() for s in found if s["file"] in wanted
        ]
        if sentences:
            message, arithmetic = localized(finding, words, typed)
            result.append(
                {
                    "id": finding["id"],
                    "anchor": finding_anchor(finding["id"]),
                    "status": finding["status"],
                    "verdict": words[finding["status"]],
                    "message": message,
                    "arithmetic": arithmetic,
                    "sentences": [f"{s['file']}:{s['line']}" for s in sentences],
                    "lines": [[s["file"], int(s["line"])] for s in sentences],
                }
            )
    return result


def marked_texts(files: list[str], findings: list[dict[str, Any]], folder: str | Path) -> list[str]:
    """Copies of the text files with a link to the finding after each audited sentence
    (one sentence per line); the files without findings are used as they are."""
    marks: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for finding in findings:
        for file, line in finding["lines"]:
            marks.setdefault(file, {}).setdefault(line, []).append(finding)
    result = []
    for path in files:
        if path not in marks:
            result.append(path)
            continue
        lines = Path(path).read_text(encoding="utf-8").split("\n")
        for number, found in marks[path].items():
            text = lines[number - 1] if number <= len(lines) else ""
            if NOT_PROSE.match(text):
                continue
            links = "".join(f" [†](#{f['anchor']}){{.audit-mark .audit-{f['status']}}}" for f in found)
            lines[number - 1] = text.rstrip() + links
        target = Path(folder) / Path(path).name
        write_text(target, "\n".join(lines))
        result.append(str(target))
    return result


def web_data(
    edition: str,
    files: list[str],
    editions: dict[str, dict[str, Any]],
    words: Words,
    lang: str,
    findings: list[dict[str, Any]],
) -> dict[str, Any]:
    """What web.lua shows: this edition's section ids, the other editions (each language's
    by its own name, in its language: `name`; the journal edition in this page's words),
    the audit section's heading and the findings (`edition_findings`), in language `lang`."""
    return {
        "edition": edition,
        "sections": [section_id(path) for path in files],
        "audit": words["audit"],
        "editions": [
            {
                "edition": name,
                "lang": info["lang"],
                "href": f"paper.{name}.html",
                "sections": info["sections"],
                "label": info["name"] or words["journal_edition"],
                "label_lang": info["lang"] if info["name"] else lang,
            }
            for name, info in editions.items()
        ],
        "findings": [{k: v for k, v in f.items() if k != "lines"} for f in findings],
    }


def write_json(path: str | Path, data: Any) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
