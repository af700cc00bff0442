"""The few lines a build ends with: what it made, where, and whether anything needs a look.

Snakemake's own log says which jobs ran; a user wants to know which files to open and
which target made them, how to ask for the other formats, how many numbers and
placeholders went into each language, what the audit found, whether a translation is
stale and what the typography check found in the PDFs (a warning). The workflow's `onsuccess:` prints `summary(...)`; it reads only the
build's own outputs, so it costs a few milliseconds and says nothing that the files do not.
"""

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from datapaper import project

# Each format's target (`snakemake --cores 4 <format>`) and what its files are to a reader.
FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "html": "web pages",
    "submission": "LaTeX packages for a journal",
}
COMMAND = "snakemake --cores 4"


def size_text(size: int) -> str:
    """A file size as people read it (1 KB = 1024 bytes)."""
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def _json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def deliverable_lines(deliverables: list[str]) -> list[str]:
    """One line per file a reader opens (the editions), with its size; absent ones are not listed."""
    present = [Path(p) for p in deliverables if Path(p).is_file()]
    width = max((len(p.as_posix()) for p in present), default=0)
    return [f"  {p.as_posix():<{width}}  {size_text(p.stat().st_size):>9}" for p in present]


def figure_line(figure_files: list[str]) -> str | None:
    present = [p for p in figure_files if Path(p).is_file()]
    if not present:
        return None
    names = {Path(p).name.split(".")[0] for p in present}
    total = sum(Path(p).stat().st_size for p in present)
    folder = Path(present[0]).parent.as_posix()
    return f"  {folder}/: {len(names)} figures, {len(present)} files, {size_text(total)}"


def numbers_line(build: Path, languages: list[str]) -> str | None:
    numbers = _json(build / "numbers.json")
    if numbers is None:
        return None
    counts = []
    for lang in languages:
        values = _json(build / lang / "values.json")
        if values is not None:
            counts.append(f"{lang} {len(values.get('ledger', []))}")
    line = f"Numbers: {len(numbers)} computed ({(build / 'numbers.json').as_posix()})"
    if counts:
        line += "; placeholders in the text: " + ", ".join(counts)
    return line


def audit_line(build: Path) -> str | None:
    audit = _json(build / "audit.json")
    if audit is None:
        return None
    counts = audit.get("summary") or Counter(f.get("status") for f in audit.get("findings", []))
    verdicts = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    report = build / "audit.html"
    where = report if report.is_file() else build / "audit.md"
    return f"Audit: {verdicts or 'no claims'} (report: {where.as_posix()})"


def translation_lines(build: Path) -> list[str]:
    stale = _json(build / "translations.json")
    if stale is None:
        return []
    if not stale:
        return ["Translations: every section is reviewed against the current source text."]
    lines = [f"Translations: {len(stale)} stale section(s), built from text older than the source:"]
    lines += [f"  {item['file']}" for item in stale]
    lines.append("  after review: python3 -m datapaper translations review <lang> <section file>")
    return lines


# The typography check's findings shown in the summary; the rest are in the files.
TYPOGRAPHY_SHOWN = 8


def typography_lines(build: Path, pdfs: list[str]) -> list[str]:
    """The typography check's findings for the PDFs (build/<edition>/typography.json, which
    the PDF job writes), as a warning: a line end to look at, not a failed build."""
    found, files = [], []
    for pdf in pdfs:
        edition = Path(pdf).name.removeprefix("paper.").removesuffix(".pdf")
        path = build / edition / "typography.json"
        problems = _json(path) if Path(pdf).is_file() else None
        if problems:
            found += problems
            files.append(path.as_posix())
    if not found:
        return []
    lines = [f"Typography: {len(found)} warning(s) in the PDFs (datapaper/typography.py; not a failure):"]
    lines += [f"  {problem}" for problem in found[:TYPOGRAPHY_SHOWN]]
    if len(found) > TYPOGRAPHY_SHOWN:
        lines.append(f"  ... {len(found) - TYPOGRAPHY_SHOWN} more in {', '.join(files)}")
    return lines


def requested(targets: Iterable[str], default: list[str], format_files: dict[str, list[str]]) -> list[str]:
    """The formats a run was asked for: those its targets name (a format's target, `all`,
    or a format's file), the default target's (config `formats`) when it names no target."""
    targets = set(targets or ())
    if not targets:
        return list(default)
    if "all" in targets:
        return list(format_files)
    return [fmt for fmt, files in format_files.items() if fmt in targets or targets & set(files)]


def format_lines(formats: list[str], format_files: dict[str, list[str]], default: list[str]) -> list[str]:
    """Each asked-for format's files, under the target that makes them."""
    lines = []
    for fmt in formats:
        made = deliverable_lines(format_files.get(fmt, []))
        if made:
            note = ", the default" if fmt in default else ""
            lines += [f"{FORMAT_NAMES.get(fmt, fmt)} (`{COMMAND} {fmt}`{note}):", *made]
    return lines


def more_line(formats: list[str], format_files: dict[str, list[str]]) -> str | None:
    """How to ask for the formats this run did not make."""
    others = [fmt for fmt in format_files if fmt not in formats]
    if not others:
        return None
    asks = ", ".join(f"`{fmt}` ({FORMAT_NAMES.get(fmt, fmt)})" for fmt in others)
    return f"More: `{COMMAND} <target>` with {asks}; `all` makes every format."


def summary(
    formats: list[str],
    format_files: dict[str, list[str]],
    figure_files: list[str],
    languages: list[str],
    build: Path = project.BUILD,
    default: list[str] = ("pdf",),
) -> str:
    """The closing summary of a successful build, as text: the files of the formats the run
    was asked for (`requested`), with the target of each, then the numbers, the audit, the
    translations, and how to make the other formats."""
    lines = format_lines(formats, format_files, list(default))
    figures = figure_line(figure_files)
    if figures:
        lines.append(figures)
    for line in (numbers_line(build, languages), audit_line(build)):
        if line:
            lines.append(line)
    lines += translation_lines(build)
    if "pdf" in formats:
        lines += typography_lines(build, format_files.get("pdf", []))
    if lines:
        more = more_line(formats, format_files)
        if more:
            lines.append(more)
    return "\n".join(lines) + "\n" if lines else ""
