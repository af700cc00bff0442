"""What changed since another revision: the words of each language's text, every number
whose value changed and why, and the figures whose data changed.

Reviewers ask "what changed?". The answer is built from the two revisions' outputs (the
numbers, the claims ledger, each language's placeholder values) and their texts: a word
diff of each section with the values spliced in (a number that changed shows old → new),
a table of the changed numbers with the raw row or the method that changed them, and a
summary per section. The old revision is built once, in a temporary git worktree, and
kept by commit (build/diff-cache/<sha>/). Everything from the texts and the data is
escaped into the Markdown this module writes, so it reaches HTML and PDF as text.
"""

import csv
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datapaper import project
from datapaper.appendix import escape
from datapaper.placeholders import PLACEHOLDER

# What the cache of a revision holds, relative to its project folder.
CACHED_OUTPUTS = ("build/numbers.json", "build/ledger.json")
CACHED_GLOBS = ("build/numbers/*.json", "build/*/values.json")
CACHED_SOURCES = (str(project.PAPER), str(project.RAW), str(project.FIGURE_TABLE))
# Words, runs of space and single marks; a placeholder is one token, so a word diff never
# splits it and a value can be compared as a whole.
TOKEN = re.compile(PLACEHOLDER.pattern + r"|\s+|\w+|.")
HEADING = re.compile(r"^(#+)\s+")
ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
FIGURE = re.compile(r"^!\[(?P<caption>.*)\]\([^()]*\)(\{[^{}]*\})?\s*$")
FENCE = re.compile(r"^:::")
ARROW = " → "
LABELS = (
    "diff_title",
    "diff_summary",
    "diff_section",
    "diff_sentences",
    "diff_numbers",
    "diff_total",
    "diff_change",
    "diff_where",
    "diff_reason",
    "diff_row_changed",
    "diff_row_added",
    "diff_row_removed",
    "diff_method",
    "diff_computation",
    "diff_figures",
    "diff_text",
    "diff_no_change",
)


class DiffError(RuntimeError):
    """The diff cannot be made (an unknown revision, no git, a base that does not build)."""


# --- the base revision ---------------------------------------------------------------


def git(args: list[str], cwd: str | Path = ".") -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise DiffError("the diff needs git, which is not installed") from None


def resolve_revision(revision: str, cwd: str | Path = ".") -> str:
    """The commit a revision names (a tag, branch, sha, HEAD~2), or a message saying why not."""
    if not str(revision).strip() or str(revision).startswith("-"):
        raise DiffError(f"diff_base: {revision!r} is not a git revision")
    inside = git(["rev-parse", "--show-toplevel"], cwd)
    if inside.returncode != 0:
        raise DiffError(f"diff_base={revision}: {Path(cwd).resolve()} is not in a git repository")
    found = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], cwd)
    if found.returncode != 0:
        raise DiffError(
            f"diff_base={revision}: unknown revision: git knows no commit by that name in "
            f"{inside.stdout.strip()} (try a tag, a branch or a commit: git log --oneline)"
        )
    return found.stdout.strip()


def cache_folder(sha: str | None) -> str:
    """Where a base revision's outputs are kept, by commit; the diff cannot run without one."""
    if sha is None:
        raise DiffError("the diff needs a base revision: snakemake --cores 4 diff --config diff_base=REV")
    return f"{project.BUILD.as_posix()}/diff-cache/{sha}"


def build_revision(sha: str, target: Path, cores: int, log: Path) -> None:
    """Build a commit's numbers and ledger in a temporary git worktree and keep what the
    diff reads in `target` (written whole: to a sibling folder, then renamed)."""
    top = Path(git(["rev-parse", "--show-toplevel"]).stdout.strip())
    prefix = git(["rev-parse", "--show-prefix"]).stdout.strip()
    scratch = Path(tempfile.mkdtemp(prefix="datapaper-diff-"))
    tree = scratch / "tree"
    added = git(["worktree", "add", "--detach", str(tree), sha], top)
    if added.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        raise DiffError(f"git worktree add {sha} failed: {added.stderr.strip()}")
    try:
        folder = tree / prefix
        if not (folder / "Snakefile").exists():
            raise DiffError(f"revision {sha[:12]} has no project at {prefix or '.'} (no Snakefile there)")
        here = str(Path("scripts").resolve())
        paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != here]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        command = [sys.executable, "-m", "snakemake", "--cores", str(cores), *CACHED_OUTPUTS]
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env)
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            raise DiffError(f"revision {sha[:12]} does not build its numbers and ledger:\n{tail}")
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        names = list(CACHED_OUTPUTS) + [
            str(p.relative_to(folder)) for pattern in CACHED_GLOBS for p in sorted(folder.glob(pattern))
        ]
        for name in names:
            (partial / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / name, partial / name)
        for name in CACHED_SOURCES:
            source = folder / name
            if source.is_dir():
                shutil.copytree(source, partial / name)
            elif source.exists():
                (partial / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, partial / name)
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    finally:
        git(["worktree", "remove", "--force", str(tree)], top)
        git(["worktree", "prune"], top)
        shutil.rmtree(scratch, ignore_errors=True)


# --- the text ------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of text: `same`, `added`, `removed`, or a `changed` value (old → new)."""

    kind: str
    text: str
    old: str = ""


@dataclass
class SectionDiff:
    name: str
    title: str
    lines: list[list[Piece]] = field(default_factory=list)
    sentences: int = 0
    numbers: int = 0


def tokens(line: str) -> list[str]:
    return [match.group() for match in TOKEN.finditer(line)]


def splice(token: str, values: dict[str, str]) -> str:
    return values.get(token, token) if PLACEHOLDER.fullmatch(token) else token


def word_diff(old: str, new: str, old_values: dict[str, str], new_values: dict[str, str]) -> list[Piece]:
    """A word diff of two lines, placeholders compared by their text and shown by their value."""
    a, b = tokens(old), tokens(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for token in b[j1:j2]:
                before, after = splice(token, old_values), splice(token, new_values)
                pieces.append(Piece("same", after) if before == after else Piece("changed", after, before))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(splice(t, old_values) for t in a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(splice(t, new_values) for t in b[j1:j2])))
    return merge(pieces)


def merge(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring runs of the same kind as one (a changed value stays on its own)."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and piece.kind == merged[-1].kind and piece.kind != "changed":
            merged[-1] = Piece(piece.kind, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def section_title(lines: list[str], name: str) -> str:
    """A section's first heading without its marks and attributes, else its file name."""
    for line in lines:
        match = HEADING.match(line)
        if match:
            return line[match.end() :].strip()
    return name


def section_diff(
    name: str, old: list[str], new: list[str], old_values: dict[str, str], new_values: dict[str, str]
) -> SectionDiff:
    """One section file: its lines diffed (a line is a sentence), its changes counted."""
    result = SectionDiff(name, section_title(new or old, name))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds = [line for line in old[i1:i2] if line.strip()]
        news = [line for line in new[j1:j2] if line.strip()]
        if op == "equal":
            pairs = list(zip(news, news, strict=True))
        elif op == "replace" and len(olds) == len(news):
            pairs = list(zip(olds, news, strict=True))
        else:
            pairs = [(line, "") for line in olds] + [("", line) for line in news]
        if op != "equal":
            result.sentences += max(len(olds), len(news))
        result.lines += [word_diff(a, b, old_values, new_values) for a, b in pairs]
    result.numbers = sum(piece.kind == "changed" for line in result.lines for piece in line)
    return result


def display_line(line: str) -> str:
    """A source line as a reader sees it: a figure by its caption, a heading without its
    attributes, a div's fence not at all (compared and shown this way in both revisions)."""
    if FENCE.match(line):
        return ""
    figure = FIGURE.match(line)
    if figure:
        return figure["caption"]
    if HEADING.match(line):
        return ATTRIBUTES.sub("", line)
    return line


def read_lines(path: Path) -> list[str]:
    """A section file's lines as displayed; a file the revision lacks has none."""
    return (
        [display_line(line) for line in path.read_text(encoding="utf-8").splitlines()]
        if path.exists()
        else []
    )


def text_diff(
    old_paper: Path, new_paper: Path, lang: str, old_values: dict[str, str], new_values: dict[str, str]
) -> list[SectionDiff]:
    """Every section file of a language in either revision, in order of their names."""
    names = sorted(set(project.section_names(lang, old_paper)) | set(project.section_names(lang, new_paper)))
    return [
        section_diff(
            name,
            read_lines(old_paper / lang / name),
            read_lines(new_paper / lang / name),
            old_values,
            new_values,
        )
        for name in names
    ]


# --- the numbers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a number changed: a raw row (`row_changed`, `row_added`, `row_removed`, with
    the cells that differ), its method (`method`), or neither (`computation`: its code)."""

    kind: str
    where: str = ""
    cells: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class NumberChange:
    key: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    reasons: tuple[Reason, ...]


def raw_rows(folder: Path) -> dict[tuple[str, str], tuple[int, dict[str, str]]]:
    """(file, id) -> (line, cells) of every raw table in a project folder's data/raw."""
    rows = {}
    for path in sorted((folder / project.RAW).glob("*.csv")):
        name = f"{project.RAW.as_posix()}/{path.name}"
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                rows[(name, row.get("id", str(reader.line_num)))] = (reader.line_num, dict(row))
    return rows


def reasons_for(
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    old_rows: dict[tuple[str, str], tuple[int, dict[str, str]]],
    new_rows: dict[tuple[str, str], tuple[int, dict[str, str]]],
) -> tuple[Reason, ...]:
    found: list[Reason] = []
    cited = [
        (r["file"], str(r["id"])) for entry in (new, old) if entry for r in entry.get("rows", []) if "id" in r
    ]
    for key in dict.fromkeys(cited):
        before, after = old_rows.get(key), new_rows.get(key)
        if before and after:
            cells = tuple(
                (column, before[1].get(column, ""), after[1].get(column, ""))
                for column in dict.fromkeys([*before[1], *after[1]])
                if before[1].get(column) != after[1].get(column)
            )
            if cells:
                found.append(Reason("row_changed", f"{key[0]}:{after[0]} ({key[1]})", cells))
        elif after:
            found.append(Reason("row_added", f"{key[0]}:{after[0]} ({key[1]})"))
        elif before:
            found.append(Reason("row_removed", f"{key[0]}:{before[0]} ({key[1]})"))
    if old and new and old.get("method") != new.get("method"):
        found.append(Reason("method", "", (("", str(old.get("method")), str(new.get("method"))),)))
    return tuple(found) or (Reason("computation"),)


def number_changes(old_folder: Path, new_folder: Path) -> list[NumberChange]:
    """Every number of build/numbers.json whose value changed, appeared or went, and why."""
    old = json.loads((old_folder / "build/numbers.json").read_text(encoding="utf-8"))
    new = json.loads((new_folder / "build/numbers.json").read_text(encoding="utf-8"))
    old_rows, new_rows = raw_rows(old_folder), raw_rows(new_folder)
    return [
        NumberChange(
            key, old.get(key), new.get(key), reasons_for(old.get(key), new.get(key), old_rows, new_rows)
        )
        for key in sorted(set(old) | set(new))
        if (old.get(key) or {}).get("value") != (new.get(key) or {}).get("value")
        or (key in old) != (key in new)
    ]


def figure_changes(
    figures: list[dict[str, Any]], old_folder: Path, new_folder: Path
) -> list[tuple[str, list[str]]]:
    """Figures whose group of numbers changed value, each with the keys that did."""

    def values(folder: Path, group: str) -> dict[str, Any]:
        path = folder / "build" / "numbers" / f"{group}.json"
        entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return {key: entry.get("value") for key, entry in entries.items()}

    flagged = []
    for figure in figures:
        before, after = values(old_folder, figure["group"]), values(new_folder, figure["group"])
        keys = sorted(k for k in set(before) | set(after) if before.get(k, None) != after.get(k, None))
        if keys:
            flagged.append((figure["name"], keys))
    return flagged


# --- the document --------------------------------------------------------------------


def ledger_texts(ledger: list[dict[str, Any]], lang: str) -> dict[str, list[dict[str, Any]]]:
    """Key -> its ledger rows in one language, in the text's order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in ledger:
        if row["language"] == lang:
            found.setdefault(row["key"], []).append(row)
    return found


def span(text: str, kind: str) -> str:
    """Escaped text in a span of its kind (pandoc's bracketed spans); `same` text bare."""
    if not text:
        return ""
    escaped = escape(text)
    # A space at the edge of a span would be lost; it goes outside it.
    lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", escaped, re.DOTALL).groups()
    if kind == "same" or not core:
        return escaped
    return f"{lead}[{core}]{{.{kind}}}{trail}"


def pieces_markdown(pieces: list[Piece]) -> str:
    out = []
    for piece in pieces:
        if piece.kind == "changed":
            out.append(
                f"[{span(piece.old, 'removed')}{escape(ARROW)}{span(piece.text, 'added')}]{{.changed}}"
            )
        else:
            out.append(span(piece.text, piece.kind))
    return "".join(out).strip()


def line_markdown(pieces: list[Piece]) -> str:
    """A line as a paragraph, or as a heading (one level below the document's) if it is one."""
    text = "".join(p.text for p in pieces if p.kind != "removed")
    match = HEADING.match(text)
    if match and pieces and pieces[0].kind == "same" and pieces[0].text.startswith(match.group()):
        rest = [Piece("same", pieces[0].text[match.end() :]), *pieces[1:]]
        return f"{'#' * (len(match.group(1)) + 2)} {pieces_markdown(rest)}"
    return pieces_markdown(pieces)


def check_labels(metadata: dict[str, Any], path: str) -> dict[str, str]:
    """The language's labels, with every one the diff prints (its words are the language's)."""
    labels = metadata.get("labels") or {}
    missing = [name for name in (*LABELS, "number") if name not in labels]
    if missing:
        raise DiffError(f"{path}: the diff needs the label(s) {', '.join(missing)} under `labels`")
    return labels


def reason_text(reason: Reason, labels: dict[str, str]) -> str:
    label = labels[f"diff_{reason.kind}"]
    if reason.kind == "method":
        _, before, after = reason.cells[0]
        return f"{label}: {before}{ARROW}{after}"
    cells = "; ".join(f"{column} {before}{ARROW}{after}" for column, before, after in reason.cells)
    return f"{label} {reason.where}" + (f": {cells}" if cells else "")


def value_text(entry: dict[str, Any] | None, rows: list[dict[str, Any]]) -> str:
    if entry is None:
        return "—"
    return rows[0]["text"] if rows else str(entry.get("value"))


def table(header: list[str], rows: list[list[str]], widths: tuple[int, ...] = ()) -> list[str]:
    """A pipe table, left-aligned; `widths` set the columns' relative widths (in dashes)."""
    dashes = widths or (3,) * len(header)
    lines = [
        "| " + " | ".join(escape(cell) for cell in header) + " |",
        "|" + "".join(f":{'-' * n}|" for n in dashes),
    ]
    lines += ["| " + " | ".join(cell for cell in row) + " |" for row in rows]
    return [*lines, ""]


def diff_markdown(
    labels: dict[str, str],
    base: str,
    sections: list[SectionDiff],
    numbers: list[NumberChange],
    figures: list[tuple[str, list[str]]],
    old_ledger: dict[str, list[dict[str, Any]]],
    new_ledger: dict[str, list[dict[str, Any]]],
) -> str:
    """The diff of one language as Markdown: summary, numbers, figures, then the text."""
    out = [f"# {escape(labels['diff_title'].replace('{base}', base))}", ""]
    changed = [s for s in sections if s.sentences or s.numbers]
    if not (changed or numbers or figures):
        return "\n".join([*out, escape(labels["diff_no_change"].replace("{base}", base)), ""])
    out += [f"## {escape(labels['diff_summary'])}", ""]
    rows = [[escape(s.title), str(s.sentences), str(s.numbers)] for s in changed]
    rows.append(
        [
            f"**{escape(labels['diff_total'])}**",
            f"**{sum(s.sentences for s in sections)}**",
            f"**{sum(s.numbers for s in sections)}**",
        ]
    )
    out += table([labels["diff_section"], labels["diff_sentences"], labels["diff_numbers"]], rows)
    if numbers:
        out += [f"## {escape(labels['diff_numbers'])}", ""]
        rows = []
        for change in numbers:
            before = value_text(change.old, old_ledger.get(change.key, []))
            after = value_text(change.new, new_ledger.get(change.key, []))
            where = new_ledger.get(change.key) or old_ledger.get(change.key) or []
            places = "; ".join(dict.fromkeys(f"{r['file']}:{r['line']}" for r in where))
            rows.append(
                [
                    escape(change.key),
                    f"{span(before, 'removed')}{escape(ARROW)}{span(after, 'added')}",
                    escape(places),
                    "; ".join(escape(reason_text(r, labels)) for r in change.reasons),
                ]
            )
        out += table(
            [labels["number"], labels["diff_change"], labels["diff_where"], labels["diff_reason"]],
            rows,
            (20, 20, 22, 38),
        )
    if figures:
        out += [f"## {escape(labels['diff_figures'])}", ""]
        out += [f"- **{escape(name)}**: {escape(', '.join(keys))}" for name, keys in figures] + [""]
    out += [f"## {escape(labels['diff_text'])}", ""]
    for section in sections:
        for pieces in section.lines:
            text = line_markdown(pieces)
            if text:
                out += [text, ""]
    return "\n".join(out)


# --- HTML and PDF ----------------------------------------------------------------------


def pandoc_run(pandoc: str, markdown: str, args: list[str]) -> str:
    result = subprocess.run(
        [pandoc, "--from", "markdown", *args], input=markdown, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DiffError(f"pandoc failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return result.stdout


def to_html(pandoc: str, markdown: str, lang: str, title: str, style: str) -> str:
    """A standalone page; the style marks the spans' classes."""
    meta = ["--metadata", f"lang={lang}", "--metadata", f"pagetitle={title}"]
    return pandoc_run(
        pandoc, markdown, ["--to", "html5", "--standalone", "--include-in-header", style, *meta]
    )


def to_typst(pandoc: str, markdown: str, lang: str, lua_filter: str, title: str = "") -> str:
    """Typst source in pandoc's own template, set in DejaVu (every script the texts use).
    The document's title is set inside the body (pandoc's template would reset it to none),
    as PDF/UA-1, which every Typst PDF meets (datapaper/render/typst.py), demands one."""
    args = ["--to", "typst", "--standalone", "--lua-filter", lua_filter, "--metadata", f"lang={lang}"]
    if title:
        literal = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        args += ["-V", f"include-before=#set document(title: {literal})"]
    return pandoc_run(pandoc, markdown, [*args, "-V", "mainfont=DejaVu Serif", "-V", "papersize=a4"])
