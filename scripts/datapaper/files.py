"""Write a file whole or not at all: to <name>.partial, then renamed into place.

An interrupted or failed job therefore never leaves half a file that a later build would
take for a finished one.
"""

import os
from pathlib import Path


def write_bytes(path: str | Path, data: bytes) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, target)


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
