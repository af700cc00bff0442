"""Write a file whole or not at all: to <name>.<pid>.partial, then renamed into place.

An interrupted or failed job therefore never leaves half a file that a later build would
take for a finished one. The temporary name is the writing process's own, so two processes
writing one file at once (two builds started together both save the import cache while
Snakemake reads the workflow, before either holds its lock) each rename a whole file of
their own, and the last rename wins. A `.partial` file that a killed process left behind
is removed by the next write of the same file (its process no longer runs).

A full disk (or an exhausted quota) is told as such, the partial file removed: a
`NoSpace` error naming the file system and the file, not a traceback.
"""

import errno
import glob
import os
from pathlib import Path

FULL = {errno.ENOSPC: "no space left", errno.EDQUOT: "the disk quota is used up"}


def partial_name(target: Path) -> Path:
    return target.with_name(f"{target.name}.{os.getpid()}.partial")


def mount_point(path: Path) -> Path:
    """The folder where the file system that holds `path` is mounted (`/`, `/home`, ...)."""
    place = path.resolve()
    while not os.path.ismount(place) and place != place.parent:
        place = place.parent
    return place


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it runs
        return True
    return True


def remove_stale(target: Path) -> None:
    """Remove <name>.<pid>.partial files of `target` whose process no longer runs."""
    for name in glob.glob(glob.escape(str(target)) + ".*.partial"):
        pid = name[len(str(target)) + 1 : -len(".partial")]
        if pid.isdigit() and int(pid) != os.getpid() and not running(int(pid)):
            try:
                os.remove(name)
            except OSError:
                pass


def write_bytes(path: str | Path, data: bytes) -> None:
    target = Path(path)
    partial = partial_name(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as err:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        if err.errno not in FULL:
            raise
        from datapaper.errors import NoSpace

        raise NoSpace(
            f"{target}: {FULL[err.errno]} on {mount_point(target.parent)}, the file system it is "
            "written to — free space there and run again"
        ) from None
    remove_stale(target)


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
