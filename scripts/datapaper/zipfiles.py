"""Zip archives that are the same bytes on every build: entries sorted by name, one fixed
timestamp (the build's epoch), fixed permissions, no extra fields. A DOCX is a zip too."""

import io
import time
import zipfile
from collections.abc import Mapping

# zlib's default level: as small as level 9 for these files (fonts, XML, PNG), in two thirds
# of the time.
COMPRESSLEVEL = 6
# Files that must come first in their archive: OOXML readers look for the content types first.
FIRST = ("[Content_Types].xml", "mimetype")


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """A zip entry's date_time of an epoch (UTC); zip cannot store dates before 1980."""
    return max(time.gmtime(epoch)[:6], (1980, 1, 1, 0, 0, 0))


def deterministic_zip(entries: Mapping[str, bytes], epoch: int) -> bytes:
    """A zip of `entries` (name -> bytes), the same bytes for the same entries."""
    buffer = io.BytesIO()
    names = sorted(entries, key=lambda name: (name not in FIRST, name))
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=zip_time(epoch))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, entries[name], compresslevel=COMPRESSLEVEL)
    return buffer.getvalue()


def normalize_zip(data: bytes, epoch: int) -> bytes:
    """The same archive rewritten deterministically (e.g. a DOCX pandoc wrote)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    return deterministic_zip(entries, epoch)
