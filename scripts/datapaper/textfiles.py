"""Read a project's text files (Markdown, YAML, CSV) as UTF-8, or say why not.

Authors save their texts in whatever editor they have: a Windows-1251 lexicon or a UTF-16
spreadsheet export must stop the build with the file, the line of the first bad byte, a
guess of the encoding it is in (charset-normalizer) and the fix, never with a bare
UnicodeDecodeError. A UTF-8 byte-order mark (a spreadsheet's "CSV UTF-8") is accepted.
"""

from pathlib import Path

from datapaper.errors import InputError, where

BOM = "\ufeff"


class EncodingError(InputError):
    """A text file is not UTF-8; the message names the file, the line and a guess."""


# The encodings editors and spreadsheets save text in (charset-normalizer's names). Only
# these are guessed among: on a short table an exotic one (BIG5, Shift JIS) can fit best,
# and a wrong guess misleads more than none.
LIKELY = (
    "utf_16",
    "utf_32",
    "cp1251",
    "koi8_r",
    "cp866",
    "mac_cyrillic",
    "cp1252",
    "latin_1",
    "cp1250",
    "mac_roman",
)


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess of the encoding of `data` among LIKELY (None when
    none of them fits)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LIKELY)).best()
    return best.encoding if best is not None else None


def decode(data: bytes, path: str | Path) -> str:
    """`data` as text; a leading byte-order mark is dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        guess = guess_encoding(data)
        found = f"it looks like {guess}" if guess else "its encoding is unknown"
        how = (
            "in a spreadsheet: save as CSV UTF-8"
            if str(path).endswith(".csv")
            else "in an editor: save with encoding UTF-8"
        )
        raise EncodingError(
            f"{where(path, line)}: the file is not UTF-8 ({found}) — re-save it as UTF-8 ({how})"
        ) from None
    return text.removeprefix(BOM)


def read_text(path: str | Path) -> str:
    """A UTF-8 text file's text, without a byte-order mark; anything else named."""
    return decode(Path(path).read_bytes(), path)
