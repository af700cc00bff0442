"""Bad input, told once where the author looks: at the end of the run.

Every error about a project's input (a table, a text, a YAML file, a placeholder) is an
`InputError`, whose message reads `file:line[:column]: problem — fix`. A job entry runs
its `main` through `run_job`: an InputError is written to build/errors/<job>.txt and
printed once, and the job exits non-zero without a traceback (a traceback is for bugs in
the engine, not for a typo in a table). The workflow's `onerror` calls `report`, which
prints the collected messages after Snakemake's own failure output; `onstart` calls
`clear`, so a message of an earlier run is never repeated.
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from datapaper import project
from datapaper.files import write_text
from datapaper.testhook import pause_if_asked

ERRORS = project.BUILD / "errors"


class InputError(ValueError):
    """A project's input is unusable; the message names the file, the place and the fix:
    `file:line: problem — fix`. Every raise of one says what to do after " — " (a test reads
    every raise site of the engine for it)."""


FIX = " — "


class NoSpace(InputError):
    """The disk (or the quota) is full: a file could not be written whole (datapaper.files).
    Not the input's fault, but told the same way: the file, the place, what to do."""


def near_miss(name: str, known) -> str:
    """ "; did you mean X?" for a name close to a known one, else ""."""
    import difflib

    near = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""


# Characters a reader cannot see in a cell or a name, written so that they can.
INVISIBLE = {
    "\u00a0": "<no-break space>",
    "\u202f": "<narrow no-break space>",
    "\u2009": "<thin space>",
    "\ufeff": "<byte-order mark>",
    "\u200b": "<zero-width space>",
    "\u200c": "<zero-width non-joiner>",
    "\u200d": "<zero-width joiner>",
    "\u2060": "<word joiner>",
    "\t": "<tab>",
}


def shown(text: str) -> str:
    """A value as the user should see it in a message: quoted, with invisible characters
    named, so "12\u00a0%" reads '12<no-break space>%' and a trailing space shows."""
    return "'" + "".join(INVISIBLE.get(c, c) for c in str(text)) + "'"


class InputFailed(SystemExit):
    """A job ended on bad input: exit code 1, no traceback; `message` is what it printed
    (for a caller that runs jobs in its own process, such as the live preview)."""

    def __init__(self, message: str) -> None:
        super().__init__(1)
        self.message = message


def where(file: str | Path, line: int | None = None, column: int | str | None = None) -> str:
    """`file:line:column`, as compilers and editors print a place in a file."""
    place = str(file)
    if line is not None:
        place += f":{line}"
        if column is not None:
            place += f":{column}"
    return place


def job_name(smk: Any) -> str:
    """A job's rule and wildcards (`figure.rides`): the name of its error file."""
    wildcards = [str(value) for value in dict(smk.wildcards.items()).values()]
    return ".".join([smk.rule, *wildcards])


def run_job(main: Callable[[Any], None], smk: Any) -> None:
    """Run a job's entry; bad input ends it with its message, once, and a non-zero exit.
    (A test may hold the job here first: datapaper.testhook, inert unless asked.)"""
    pause_if_asked(smk.rule)
    try:
        main(smk)
    except InputError as err:
        message = str(err).rstrip("\n")
        try:
            write_text(ERRORS / f"{job_name(smk)}.txt", message + "\n")
        except (OSError, InputError):  # a full disk: the message is printed all the same
            pass
        print(message, file=sys.stderr, flush=True)
        raise InputFailed(message) from None


def clear() -> None:
    """Forget the messages of an earlier run (called when a run starts)."""
    if ERRORS.is_dir():
        for path in ERRORS.glob("*.txt"):
            path.unlink()


def collected() -> list[str]:
    """The messages the failed jobs of this run left, in the order of their job names."""
    if not ERRORS.is_dir():
        return []
    return [p.read_text(encoding="utf-8").rstrip("\n") for p in sorted(ERRORS.glob("*.txt"))]


def report() -> None:
    """Print this run's input errors last, where the author sees them (workflow `onerror`)."""
    messages = collected()
    if not messages:
        return
    count = f"{len(messages)} problem{'s' if len(messages) > 1 else ''}"
    lines = [f"The build stopped on bad input ({count}):", *messages]
    print("\n".join(lines), file=sys.stderr, flush=True)
