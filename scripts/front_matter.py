"""Compose one edition's pandoc metadata from the languages' metadata files.

A language edition prints its own title block; the journal edition prints the first
language's title, author and affiliation, then the title, abstract and keywords of each
abstract language in turn, as the original does.
"""

from pathlib import Path
from typing import Any

import yaml

REQUIRED = ("lang", "title", "author", "udc", "irsti", "abstract", "keywords", "labels")
FRONT_KEYS = ("title", "abstract", "keywords", "labels", "lang")


class MetadataError(ValueError):
    """A metadata file is malformed or incomplete; the message names it."""


def read_metadata(path: str | Path) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise MetadataError(f"{path}: malformed YAML: {err}") from None
    if not isinstance(meta, dict):
        raise MetadataError(f"{path}: expected a mapping of metadata keys")
    missing = [key for key in REQUIRED if key not in meta]
    if missing:
        raise MetadataError(f"{path}: missing key(s) {', '.join(missing)}")
    return meta


BABEL = {"en": "english", "kk": "kazakh", "ru": "russian"}


def language_code(lang: str) -> str:
    """The ISO 639 code of a BCP 47 tag (kk-KZ -> kk), as Typst's `lang` wants it."""
    return lang.split("-")[0]


def babel_name(lang: str) -> str:
    """Babel's name of a language (its .ini file), e.g. kk-KZ -> kazakh."""
    code = language_code(lang)
    if code not in BABEL:
        raise MetadataError(f"no Babel (LaTeX) language known for {lang!r}; add it to BABEL in {__file__}")
    return BABEL[code]


def edition_metadata(
    main: dict[str, Any],
    metas: list[dict[str, Any]],
    values_file: str,
    codes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Metadata of an edition whose body is in `main`'s language, with a title block for
    each of `metas` (the first also names the author), in that order.

    `codes` is the metadata whose UDC/IRSTI labels the edition prints (the journal
    edition prints the original's Russian ones); by default the body language's.
    """
    front = [{key: meta[key] for key in FRONT_KEYS} for meta in metas]
    for entry in front:
        entry["lang-code"] = language_code(entry["lang"])
        entry["babel"] = babel_name(entry["lang"])
    front[0]["author"] = metas[0]["author"]
    code_labels = (codes or main)["labels"]
    return {
        **{key: main[key] for key in ("lang", "title", "author", "udc", "irsti", "labels")},
        "lang-code": language_code(main["lang"]),
        "babel-main": babel_name(main["lang"]),
        "babel-others": sorted({entry["babel"] for entry in front} - {babel_name(main["lang"])}),
        "code-labels": {"udc": code_labels["udc"], "irsti": code_labels["irsti"]},
        "front": front,
        "reference-section-title": main["labels"]["references"],
        "placeholder-values": values_file,
    }
