"""Compose one edition's pandoc metadata from the languages' metadata files.

A language edition prints its own title block; the journal edition prints the first
language's title, author and affiliation, then the title, abstract and keywords of each
abstract language in turn, as the original does.
"""

from functools import cache
from pathlib import Path
from typing import Any

from datapaper import punctuation, resource
from datapaper.errors import InputError
from datapaper.words import words
from datapaper.yamlfiles import YamlError, read_yaml

REQUIRED = ("lang", "title", "author", "abstract", "keywords")
# The words pandoc's filters and templates print (the front matter's labels, figure captions
# and references, a number's provenance); the engine's Python writes the others itself.
PANDOC_LABELS = ("abstract", "keywords", "figure_caption", "figure_ref", "figure_data", "data", "source")
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
    labels = meta.get("labels") or {}
    if not isinstance(labels, dict):
        raise MetadataError(
            f"{path}: `labels` must be a mapping of label names to texts — write `name: text` under it"
        )
    # The engine's words in the language (resources/words/<code>.yaml), the paper's labels over them.
    meta["labels"] = words(str(meta["lang"]), labels, str(path))
    meta["_file"] = str(path)
    return meta


def pandoc_labels(meta: dict[str, Any]) -> dict[str, str]:
    """The words pandoc's filters and templates print, as plain metadata."""
    return {key: meta["labels"][key] for key in PANDOC_LABELS}


@cache
def babel_names() -> dict[str, str]:
    """Babel's name of each language by ISO 639 code (resources/languages.yaml)."""
    return read_yaml(resource("languages.yaml"), dict)


def language_code(lang: str) -> str:
    """The ISO 639 code of a BCP 47 tag (kk-KZ -> kk), as Typst's `lang` wants it."""
    return lang.split("-")[0]


def quotes(lang: str) -> dict[str, str]:
    """The quotation marks a language's grammar module declares (`QUOTES`: double and single,
    each its opening and closing mark), for the typesetters that do not know them (Typst
    knows en, de, fr, ru, uk and many more, not kk); empty: the typesetter's own."""
    module = grammar.for_language(language_code(lang))
    declared = getattr(module, "QUOTES", None)
    return {"double": declared[0], "single": declared[1]} if declared else {}


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
    front = [{**{key: meta[key] for key in FRONT_KEYS}, "labels": pandoc_labels(meta)} for meta in metas]
    for entry, meta in zip(front, metas, strict=True):
        entry["lang-code"] = language_code(entry["lang"])
        entry["typography"] = punctuation.pandoc_metadata(entry["lang"])
        entry["colon"] = punctuation.colon(entry["lang"])
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
        **{key: main[key] for key in ("lang", "title", "author")},
        "labels": pandoc_labels(main),
        "lang-code": language_code(main["lang"]),
        "typography": punctuation.pandoc_metadata(main["lang"]),
        "babel-main": main_babel,
        "babel-others": sorted({entry["babel"] for entry in front} - {main_babel}),
        "codes": printed,
        "front": front,
        "reference-section-title": main["labels"]["references"],
        "placeholder-values": values_file,
    }
