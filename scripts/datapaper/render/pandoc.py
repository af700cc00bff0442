"""Pandoc's part of rendering an edition: its command line (layered defaults files, the
edition's metadata, the bibliography, the style, the texts) and running it."""

import hashlib
import json
import os
import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

import yaml

from datapaper import project
from datapaper.files import write_bytes
from datapaper.render import engine_markdown

# Pandoc loads its syntax definitions whenever it may highlight code (measured: 0.3 s of
# the 0.45 s that the audit's page takes, 0.05 s of a Typst source; nothing measurable
# for the web editions). Only a code block in a named language (```python,
# ~~~ {.r}) is highlighted, and not one named as plain text (the audit's ```text); a text
# without such a block is converted without them, to the same bytes.
CODE_BLOCK_LANGUAGE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:\{[^}\n]*?\.)?([A-Za-z][\w+#-]*)", re.M)
PLAIN_TEXT = frozenset({"text", "txt", "plain", "plaintext"})
NO_HIGHLIGHTING = "--syntax-highlighting=none"


def highlighting(texts: Iterable[str]) -> list[str]:
    """Pandoc's option that skips syntax highlighting, unless a text has code to highlight."""
    for text in texts:
        if any(match[1].lower() not in PLAIN_TEXT for match in CODE_BLOCK_LANGUAGE.finditer(text)):
            return []
    return [NO_HIGHLIGHTING]


class PandocError(RuntimeError):
    """Pandoc failed; the message quotes what it said."""


# Where pandoc's reading of a generated section is kept, by content (read_once).
READ_CACHE = project.BUILD / "cache" / "sections"


def reader(defaults: Sequence[str]) -> str:
    """The input format the layered defaults files name (the last that names one)."""
    found = "markdown"
    for path in defaults:
        layer = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        found = layer.get("from", layer.get("reader", found))
    return found


def pandoc_digest(pandoc: str, *parts: str) -> "hashlib._Hash":
    """A digest that starts with the pandoc binary (its path, size and time) and `parts`:
    what pandoc made is kept under it (read_once, convert_once)."""
    binary = Path(pandoc).resolve()
    stat = binary.stat()
    return hashlib.sha256(
        "\0".join([str(binary), str(stat.st_size), str(stat.st_mtime_ns), *parts, ""]).encode()
    )


def kept_once(
    folder: Path, stem: str, digest: "hashlib._Hash", suffix: str, make: Callable[[], bytes]
) -> Path:
    """The file `folder/<stem>.<digest>.<suffix>`, made by `make` (written whole) unless it
    is there; the older files of the same stem go (one file a stem)."""
    kept = folder / f"{stem}.{digest.hexdigest()[:32]}.{suffix}"
    if not kept.exists():
        write_bytes(kept, make())
        for older in folder.glob(f"{stem}.*.{suffix}"):
            if older != kept:
                older.unlink(missing_ok=True)
    return kept


@cache
def api_version(pandoc: str) -> list[int]:
    """The version of pandoc's document model that `pandoc` reads and writes as JSON."""
    result = subprocess.run(
        [pandoc, "--from", "markdown", "--to", "json"], input=b"", capture_output=True, check=True
    )
    return json.loads(result.stdout)["pandoc-api-version"]


def read_once(pandoc: str, defaults: Sequence[str], paths: Sequence[str]) -> dict[str, str]:
    """Each generated section (the appendix, the audit's findings: Markdown the engine
    writes) -> pandoc's reading of it as JSON, which filters/sections.lua splices after the
    text. Pandoc's Markdown reader takes 0.1-0.2 s over them, more than over the whole
    text; read once per content and kept in READ_CACHE, by a digest of the pandoc binary,
    the reader and the bytes, every format of every build after the first reads the JSON.
    A section in the subset of Markdown the engine writes is read without pandoc, to the
    same document (datapaper.render.engine_markdown); any other, by pandoc."""
    form = reader(defaults)
    parsed = {}
    for path in paths:
        data = Path(path).read_bytes()
        # The reader here (engine_markdown) makes readings too: its own source is in the key.
        digest = pandoc_digest(pandoc, form, engine_markdown.SOURCE_DIGEST)
        digest.update(data)
        stem = re.sub(r"[^\w.]+", "-", str(Path(path).with_suffix(""))).strip("-")

        def read(data: bytes = data, path: str = path) -> bytes:
            known = engine_markdown.reading(data.decode("utf-8"), form, api_version(pandoc))
            if known is not None:
                return json.dumps(known, ensure_ascii=False).encode("utf-8")
            result = subprocess.run(
                # Without identifiers made from headings' text: made here, they could not
                # take the suffix that one reading gives a second "Intro" (intro-1), so
                # sections.lua refuses a heading without its own (the engine gives each one).
                [pandoc, "--from", f"{form}-auto_identifiers", "--to", "json", "--fail-if-warnings"],
                input=data,
                capture_output=True,
                check=False,
            )
            if result.returncode != 0:
                message = result.stderr.decode("utf-8", "replace").strip()
                raise PandocError(f"pandoc failed on {path} (exit {result.returncode}):\n{message}")
            return result.stdout

        parsed[path] = str(kept_once(READ_CACHE, stem, digest, "json", read))
    return parsed


def pandoc_command(
    pandoc: str,
    defaults: list[str],
    metadata: str,
    csl: str,
    fonts: str,
    text: list[str],
    output: str,
    bibliography: str,
    parsed: dict[str, str] | None = None,
) -> list[str]:
    """Pandoc's command line: layered defaults files, the edition's metadata, the texts.
    A text in `parsed` (read_once: the generated sections, the last texts) is given as its
    JSON instead (metadata `generated-sections`, which filters/sections.lua reads; its
    `generated-sources` name the files in its messages)."""
    parsed = parsed or {}
    own = [path for path in text if path not in parsed]
    if not own:  # pandoc reads standard input when it is given no file
        parsed, own = {}, list(text)
    if text[len(own) :] != list(parsed):
        raise ValueError(f"the generated sections {list(parsed)} are not the last texts of {text}")
    layers = [arg for path in defaults for arg in ("--defaults", path)]
    return [
        pandoc,
        *layers,
        *highlighting(Path(path).read_text(encoding="utf-8") for path in text),
        "--metadata-file",
        metadata,
        "--bibliography",
        bibliography,
        "--csl",
        csl,
        "-M",
        f"font-dir={fonts}",
        *(arg for path in parsed.values() for arg in ("-M", f"generated-sections={path}")),
        *(arg for path in parsed for arg in ("-M", f"generated-sources={path}")),
        *own,
        "-o",
        output,
    ]


def run_pandoc(command: list[str], log: str, epoch: int | None = None) -> None:
    """Run pandoc; with `epoch`, the dates it writes into a file (a DOCX's core properties)
    are that moment, not now."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else None
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    Path(log).write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise PandocError(f"pandoc failed (exit {result.returncode}):\n{result.stderr.strip()}")


# Where pandoc's conversion of a page the engine writes is kept, by content (convert_once).
PAGE_CACHE = project.BUILD / "cache" / "pages"


def convert_once(pandoc: str, name: str, text: str, source: str, target: str, *args: str) -> str:
    """`convert_text`, kept in PAGE_CACHE (one file per page `name`) by a digest of the
    pandoc binary, the formats, the options (a file they name by its content, so that a
    copy of the project elsewhere keeps the same name) and the text: a page whose text did
    not change since the last build is not converted again (the audit's page after most
    edits of a sentence: 0.1 s of CPU beside the PDFs' pandoc runs)."""
    digest = pandoc_digest(pandoc, source, target)
    for arg in args:  # a file by its content, not its path: a copy of the project keeps the name
        digest.update((Path(arg).read_bytes() if Path(arg).is_file() else arg.encode("utf-8")) + b"\0")
    digest.update(text.encode("utf-8"))

    def convert() -> bytes:
        return convert_text(pandoc, text, source, target, *args).encode("utf-8")

    return kept_once(PAGE_CACHE, name, digest, target, convert).read_text(encoding="utf-8")


def convert_text(pandoc: str, text: str, source: str, target: str, *args: str) -> str:
    """Text converted by pandoc, in one run (pypandoc's convert_text runs pandoc three more
    times to check its version and formats: 0.5 s instead of 0.05)."""
    result = subprocess.run(
        [pandoc, "--from", source, "--to", target, *highlighting([text]), *args],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise PandocError(f"pandoc failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return result.stdout
