"""Compose one edition's pandoc metadata from the languages' metadata files.

A language edition prints its own title block; the journal edition prints the first
language's title, author and affiliation, then the title, abstract and keywords of each
abstract language in turn, as the original does.
"""

from functools import cache
from pathlib import Path
from typing import Any

from datapaper import resource
from datapaper.errors import InputError
from datapaper.yamlfiles import YamlError, read_yaml

REQUIRED = ("lang", "title", "author", "abstract", "keywords", "labels")
# The labels the engine prints (the appendix, the references' heading, figure captions).
LABELS = (
    "abstract",
    "keywords",
    "references",
    "appendix",
    "appendix_intro",
    "value",
    "number",
    "data",
    "source",
    "figure_caption",
    "figure_ref",
)
FRONT_KEYS = ("title", "abstract", "keywords", "labels", "lang")


class MetadataError(InputError):
    """A metadata file is malformed or incomplete; the message names it."""


def read_metadata(path: str | Path) -> dict[str, Any]:
    try:
        meta = read_yaml(path, dict, "metadata keys")
    except YamlError as err:
        raise MetadataError(str(err)) from None
    missing = [key for key in REQUIRED if key not in meta]
    if missing:
        raise MetadataError(f"{path}: missing key(s) {', '.join(missing)} — add them")
    labels = meta["labels"]
    if not isinstance(labels, dict):
        raise MetadataError(
            f"{path}: `labels` must be a mapping of label names to texts — write `name: text` under it"
        )
    missing = [key for key in LABELS if not isinstance(labels.get(key), str)]
    if missing:
        raise MetadataError(f"{path}: `labels` lacks {', '.join(missing)} (each a text) — add them")
    meta["_file"] = str(path)
    return meta


@cache
def babel_names() -> dict[str, str]:
    """Babel's name of each language by ISO 639 code (resources/languages.yaml)."""
    return read_yaml(resource("languages.yaml"), dict)


def language_code(lang: str) -> str:
    """The ISO 639 code of a BCP 47 tag (kk-KZ -> kk), as Typst's `lang` wants it."""
    return lang.split("-")[0]


def babel_name(lang: str, meta: dict[str, Any] | None = None) -> str:
    """Babel's name of a language (its .ini file), e.g. ru-RU -> russian; `babel:` in the
    language's metadata names one the engine's table does not know."""
    if meta and meta.get("babel"):
        return str(meta["babel"])
    names = babel_names()
    code = language_code(lang)
    if code not in names:
        where = f"{meta['_file']}: " if meta and "_file" in meta else ""
        raise MetadataError(
            f"{where}no Babel (LaTeX) language known for {lang!r} — set `babel:` in the language's metadata.yaml"
        )
    return names[code]


def edition_metadata(
    main: dict[str, Any],
    metas: list[dict[str, Any]],
    values_file: str,
    codes: list[dict[str, str]],
    code_labels: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Metadata of an edition whose body is in `main`'s language, with a title block for
    each of `metas` (the first also names the author), in that order.

    `codes` are the classification codes printed above the title (config `codes`: each a
    key of the metadata's `labels` and its value); `code_labels` is the metadata whose
    labels they carry (the journal edition prints the original's Russian ones); by
    default the body language's.
    """
    front = [{key: meta[key] for key in FRONT_KEYS} for meta in metas]
    for entry, meta in zip(front, metas, strict=True):
        entry["lang-code"] = language_code(entry["lang"])
        entry["babel"] = babel_name(entry["lang"], meta)
    front[0]["author"] = metas[0]["author"]
    labels_meta = code_labels or main
    printed = []
    for code in codes:
        label = labels_meta["labels"].get(code["label"])
        if label is None:
            raise MetadataError(
                f"{labels_meta.get('_file', 'metadata')}: no label {code['label']!r} under `labels` — "
                f"add `{code['label']}: <text>` there"
            )
        printed.append({"label": label, "value": code["value"]})
    main_babel = babel_name(main["lang"], main)
    return {
        **{key: main[key] for key in ("lang", "title", "author", "labels")},
        "lang-code": language_code(main["lang"]),
        "babel-main": main_babel,
        "babel-others": sorted({entry["babel"] for entry in front} - {main_babel}),
        "codes": printed,
        "front": front,
        "reference-section-title": main["labels"]["references"],
        "placeholder-values": values_file,
    }
