"""No number outlives its data: what a job read is what the tables hold when it ends.

Snakemake decides what to rerun from modification times, which a copied, restored or
replaced file can carry from the past, and a table replaced while its job reads it leaves
an output newer than the table: the stale number would survive every later build. Two
guards close both gaps:

- `digest(paths)`, a rule's `params`, records the tables' content in Snakemake's metadata,
  so its `params` rerun trigger reruns the job when the content changes, whatever the
  timestamps (hashing this paper's tables costs well under a millisecond a file).
- `unchanged(paths)`, around a job's reading, refuses to finish when a table changed
  while the job ran: the job fails, Snakemake removes its output, and the next build
  reads the table again.
"""

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from datapaper.errors import InputError
from datapaper.testhook import hold_if_asked


class StaleInput(InputError):
    """A table changed while a job read it."""


def file_digest(path: str | Path) -> str:
    """The content of one file as a short hex digest ('absent' for no file)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "blake2b").hexdigest()[:32]
    except FileNotFoundError:
        return "absent"


def digest(paths: Iterable[str | Path]) -> str:
    """The content of several files as one digest, for a rule's params."""
    combined = hashlib.blake2b()
    for path in paths:
        combined.update(f"{path}\0{file_digest(path)}\0".encode())
    return combined.hexdigest()[:32]


@contextmanager
def unchanged(paths: Iterable[str | Path]) -> Iterator[None]:
    """Run the body; refuse if any of these files changed meanwhile."""
    paths = [str(p) for p in paths]
    before = {path: file_digest(path) for path in paths}
    yield
    hold_if_asked("read")  # a test may change a table here (datapaper/testhook.py)
    changed = [path for path in paths if file_digest(path) != before[path]]
    if changed:
        raise StaleInput(
            f"{', '.join(changed)}: changed while the build read it, so its numbers would be stale — "
            "run snakemake again (it reads the table anew)"
        )
