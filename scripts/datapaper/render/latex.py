"""Compile LaTeX source to PDF with XeLaTeX, with no shell escape and a fixed date.

A character that the font lacks stops the build (the template sets
\\tracinglostchars=3, and the log is checked too), so no PDF is ever missing a glyph.
"""

import os
import re
import subprocess
from pathlib import Path

RERUN = re.compile(r"Rerun to get|There were undefined (references|citations)")
MISSING = re.compile(r"Missing character: There is no (.+?) in font (.+?)!")


class LatexError(RuntimeError):
    """XeLaTeX failed or reported a missing glyph; the message quotes its log."""


def log_problems(log: str) -> list[str]:
    """Errors and missing-glyph reports in a XeLaTeX log."""
    problems = [f"missing glyph {m[1]} in font {m[2]}" for m in MISSING.finditer(log)]
    problems += [line for line in log.splitlines() if line.startswith("! ")]
    return problems


# The engine's LaTeX source names its fonts' folder by this link in the folder XeLaTeX
# writes to (build/<edition>/latex/fonts), not by where the fonts are: that path (matplotlib's
# folder in the virtual environment) may hold `_`, `%`, `#` or `&`, which LaTeX reads as
# markup in fontspec's Path, and pandoc's escaping (`\_`) breaks it.
FONT_LINK = "fonts"


def source_fonts(workdir: str | Path) -> str:
    """The fonts' folder as the edition's LaTeX source names it: the link in `workdir`."""
    return (Path(workdir) / FONT_LINK).as_posix()


def link_fonts(workdir: str | Path, fonts: str | Path) -> Path:
    """Make `workdir`'s font link point at `fonts` (replaced at once if it pointed elsewhere)."""
    link = Path(workdir) / FONT_LINK
    target = Path(fonts).resolve()
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return link
    spare = link.with_name(f".{FONT_LINK}.{os.getpid()}")
    spare.unlink(missing_ok=True)
    spare.symlink_to(target, target_is_directory=True)
    os.replace(spare, link)
    return link


def compile_pdf(
    source: str | Path, workdir: str | Path, epoch: int, fonts: str | Path | None = None
) -> bytes:
    """PDF bytes of a .tex file; intermediate files go to `workdir`, where the source finds
    its fonts (`fonts`, by the link source_fonts names)."""
    source, workdir = Path(source), Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if fonts is not None:
        link_fonts(workdir, fonts)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "FORCE_SOURCE_DATE": "1"}
    command = [
        "xelatex",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-no-shell-escape",
        f"-output-directory={workdir}",
        "-jobname=paper",
        str(source),
    ]
    log_file = workdir / "paper.log"
    for _run in range(3):
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else result.stdout
        # Citation links resolve on the second run, as LaTeX's log says.
        if result.returncode != 0 or not RERUN.search(log):
            break
    problems = log_problems(log)
    if result.returncode != 0 or problems:
        detail = "\n".join(problems[:10]) or result.stdout[-2000:]
        raise LatexError(f"{source}: XeLaTeX failed (log: {log_file}):\n{detail}")
    return (workdir / "paper.pdf").read_bytes()
