"""The project is a sandbox: every file the engine reads resolves inside the project folder
after following links, and every name that becomes part of a path is an identifier.

A symbolic link is followed only when it stays inside the project (a table shared between
two folders of one project is fine); one that leads out, or a path in the text that
names a file elsewhere (`![x](../../etc/passwd.png)`, an absolute path, raw Typst's
`read("…")`, raw LaTeX's `\\input{…}`), is refused before anything reads it, with the
file, the line and the fix: Typst and pandoc would otherwise follow it, and the page or
the PDF would carry another file's bytes.
"""

import os
import re
from collections.abc import Iterable
from pathlib import Path

from datapaper.errors import InputError

# A name that is part of a path (a table's data/raw/<name>.csv, a group's
# build/numbers/<group>.json): lower-case letters, digits and _, so it cannot leave its folder.
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
GROUP = re.compile(r"[a-z0-9_]+")
# The folders of a project's content, whose links are checked (build/ is the engine's own).
CONTENT = ("config", "data", "paper", "figures")


class OutsideError(InputError):
    """A file or a name leads out of the project; the message names it and the fix."""


def resolved_outside(path: str | Path, root: str | Path = ".") -> Path | None:
    """Where `path` (relative to `root`, or absolute) leads after following links, when
    that is outside `root`; None when it stays inside."""
    base = Path(os.path.abspath(root)).resolve()
    target = (Path(os.path.abspath(root)) / path).resolve()
    return None if target == base or base in target.parents else target


def check_file(path: str | Path, root: str | Path = ".", fix: str = "copy the file into the project") -> None:
    """Refuse a file of the project that is a link (or lies under one) leading out of it."""
    target = resolved_outside(path, root)
    if target is not None:
        raise OutsideError(f"{path} is a link to {target} outside the project — {fix}")


def links_out(root: str | Path = ".", folders: Iterable[str] = CONTENT) -> list[tuple[str, Path]]:
    """The links under the project's content folders that lead out of it: (path as the
    project names it, target), in order."""
    found = []
    base = Path(root)
    for folder in folders:
        top = base / folder
        if top.is_symlink() and (target := resolved_outside(folder, root)) is not None:
            found.append((folder, target))
            continue
        if not top.is_dir():
            continue
        for current, dirs, files in os.walk(top):
            for name in sorted(dirs + files):
                path = Path(current, name)
                if path.is_symlink():
                    shown = path.relative_to(base).as_posix()
                    target = resolved_outside(shown, root)
                    if target is not None:
                        found.append((shown, target))
            dirs[:] = sorted(d for d in dirs if not Path(current, d).is_symlink())
    return sorted(found)


def check_links(root: str | Path = ".", folders: Iterable[str] = CONTENT) -> list[str]:
    """`path is a link to … outside the project — fix` for each such link of the content."""
    return [
        f"{path} is a link to {target} outside the project — copy the file into the project "
        f"in its place (replace the link with the file)"
        for path, target in links_out(root, folders)
    ]


# Paths a text names for a format to read: Markdown images and link definitions, raw HTML's
# embedded resources, raw Typst's file functions, raw LaTeX's inputs.
MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^\s)>]+)")
DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
HTML_TAG = re.compile(r"<[A-Za-z][^>]*>")
HTML_SOURCE = re.compile(r"""\b(?:src|poster|data)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
LINK_HREF = re.compile(r"""^<link\b.*\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
TYPST_FILE = re.compile(r"""\b(?:read|image|include|json|csv|yaml|toml|xml|cbor|plugin)\s*\(?\s*"([^"]+)\"""")
LATEX_FILE = re.compile(
    r"\\(?:input|include|includegraphics|InputIfFileExists|lstinputlisting|verbatiminput|openin\d*)"
    r"\s*(?:\[[^\]]*\])?\s*\{([^}]+)\}"
)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
KINDS = (
    (MARKDOWN_IMAGE, "image"),
    (DEFINITION, "link target"),
    (TYPST_FILE, "Typst file"),
    (LATEX_FILE, "LaTeX input"),
)


def named_paths(text: str) -> list[tuple[int, str, str]]:
    """(line, kind, path) of every local file a text names for a format to read."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, kind in KINDS:
            found += [(number, kind, path) for path in pattern.findall(line)]
        for tag in HTML_TAG.findall(line):
            found += [
                (number, "HTML resource", path) for path in HTML_SOURCE.findall(tag) + LINK_HREF.findall(tag)
            ]
    local = []
    for number, kind, path in found:
        if path.lower().startswith("file:"):
            path = re.sub(r"^file:(//[^/]*)?", "", path, flags=re.IGNORECASE)
        elif SCHEME.match(path) or path.startswith("#"):
            continue  # a URL (http:, data:, mailto:) or an anchor
        local.append((number, kind, path))
    return local


def check_text(path: str | Path, text: str, root: str | Path = ".") -> list[str]:
    """`file:line: …` for each file the text names that lies outside the project: an
    absolute path, a path up and out of it, or one through a link that leads out. Raw
    Typst reads "/x" from the project's root and "x" beside the edition's source, which
    lies in build/<edition>/."""
    problems = []
    for number, kind, named in named_paths(text):
        if kind == "Typst file":
            target = resolved_outside(
                named.lstrip("/") if named.startswith("/") else Path("build", "x", named), root
            )
        else:
            target = resolved_outside(named, root)
        if target is not None:
            problems.append(
                f"{path}:{number}: the {kind} `{named}` is outside the project ({target}) — copy the "
                "file into the project (e.g. figures/) and name it by its path there"
            )
    return problems


def check_typst_source(source: str | Path, root: str | Path = ".") -> None:
    """Refuse a Typst source (build/<edition>/paper.typ) that names a file outside the
    project, or one inside reached through a link that leads out, before Typst reads it."""
    text = Path(source).read_text(encoding="utf-8")
    folder = Path(os.path.relpath(os.path.abspath(Path(source).parent), os.path.abspath(root)))
    for number, line in enumerate(text.splitlines(), start=1):
        for named in TYPST_FILE.findall(line):
            target = resolved_outside(named.lstrip("/") if named.startswith("/") else folder / named, root)
            if target is not None:
                raise OutsideError(
                    f"{source}:{number}: Typst would read `{named}`, which is outside the project "
                    f"({target}) — copy the file into the project and name it by its path there"
                )
    problems = check_links(root)
    if problems:
        raise OutsideError("\n".join(problems))


def check_name(
    name: object, what: str, where: str | Path, pattern: re.Pattern = IDENTIFIER, error: type = OutsideError
) -> None:
    """Refuse a name that becomes part of a path unless it is an identifier."""
    if not isinstance(name, str) or not pattern.fullmatch(name):
        allowed = "lower-case letters, digits and _ only" + (
            ", starting with a letter" if pattern is IDENTIFIER else ""
        )
        example = re.sub(r"[^a-z0-9_]+", "_", str(name).lower()).strip("_") or "name"
        raise error(
            f"{where}: the {what} name {name!r} is not an identifier (it names a file, so it cannot "
            f"hold / or ..) — name it with {allowed} (e.g. `{example}`)"
        )


def check_table_names(tables: dict, where: str | Path, error: type = OutsideError) -> None:
    """The tables' and groups' names of data/schema.yaml are identifiers."""
    for name, spec in tables.items():
        check_name(name, "table", where, IDENTIFIER, error)
        if isinstance(spec, dict) and "group" in spec:
            check_name(spec["group"], f"group (of table `{name}`)", where, GROUP, error)
