"""Two builds started together: the second gets Snakemake's "Directory cannot be locked".

Snakemake 9 (its file-based records, the default) locks a folder in three steps that
another process can interleave: it reads the lock files of `.snakemake/locks/`, writes its
own, and at the end deletes the whole `locks` folder. Two runs started in the same second
therefore both find no lock, and when the first ends (at once, if nothing is to be done)
it deletes the folder the second is writing its lock file in: the second ends in a
FileNotFoundError traceback instead of the lock message, or both run.

`install` makes the steps safe for the runs of one machine: checking and writing the lock
files is done while holding an exclusive `flock` on the `.snakemake` folder, a run deletes
only its own lock files (and the `locks` folder once it is empty, also under the flock),
and a lock file that vanishes while it is read is no lock. `snakemake --unlock` still
removes every lock. Where `flock` is not available
(some network file systems) the steps run as Snakemake has them. The DB backend
(`--persistence-backend db`) and other Snakemake versions are left as they are.
"""

import fcntl
import glob
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any


@contextmanager
def held(folder: str) -> Iterator[None]:
    """An exclusive lock on `folder` (open for reading), released on leaving."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(descriptor)  # closing releases the flock


def install() -> None:
    """Patch Snakemake's file persistence (once; later calls do nothing)."""
    try:
        from snakemake.persistence import PersistenceBase
        from snakemake.persistence.file import FilePersistence
    except ImportError:
        return
    if getattr(FilePersistence, "datapaper_locking", False):
        return
    needed = ("_lockdir", "_lockfile")
    original_lock = PersistenceBase.lock

    @contextmanager
    def lock(self: Any) -> Iterator[None]:
        if not isinstance(self, FilePersistence) or not all(hasattr(self, n) for n in needed):
            with original_lock(self):
                yield
            return
        with ExitStack() as stack:
            with held(os.path.dirname(self._lockdir)):
                os.makedirs(self._lockdir, exist_ok=True)
                stack.enter_context(original_lock(self))  # reads the locks; refuses or writes its own
            yield  # leaving the stack deletes this run's locks

    def read_locks(self: Any) -> Iterator[tuple[str, str]]:
        for lock_type in ("input", "output"):
            for path in sorted(glob.glob(os.path.join(glob.escape(self._lockdir), f"*.{lock_type}.lock"))):
                if not os.path.basename(path).split(".")[0].isdigit() or os.path.isdir(path):
                    continue
                try:
                    with open(path) as lock:
                        keys = [line.strip() for line in lock]
                except FileNotFoundError:  # a run that ended removed it: no lock
                    continue
                for key in keys:
                    yield lock_type, key

    def delete_locks(self: Any) -> None:
        with held(os.path.dirname(self._lockdir)):
            for lockfile in self._lockfile.values():
                try:
                    os.remove(lockfile)
                except FileNotFoundError:
                    pass
            self._lockfile.clear()
            try:
                os.rmdir(self._lockdir)  # only when no other run holds a lock
            except OSError:
                pass

    def cleanup_locks(self: Any) -> None:
        """`snakemake --unlock`: every lock goes, as Snakemake has it (its own run holds none)."""
        with held(os.path.dirname(self._lockdir)):
            self._lockfile.clear()
            shutil.rmtree(self._lockdir, ignore_errors=True)

    PersistenceBase.lock = lock
    FilePersistence.cleanup_locks = cleanup_locks
    FilePersistence._read_locks = read_locks
    FilePersistence._delete_locks = delete_locks
    FilePersistence.datapaper_locking = True
