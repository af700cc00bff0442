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


def compile_pdf(source: str | Path, workdir: str | Path, epoch: int) -> bytes:
    """PDF bytes of a .tex file; intermediate files go to `workdir`."""
    source, workdir = Path(source), Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
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
