"""What every format of an edition shares: its pandoc metadata composed from the
languages' metadata files, written where pandoc reads it, and pandoc run on its texts
with the layered defaults files of the format. A job for a format (pdf, docx, html,
submission) adds only its own variables and what it does with pandoc's output."""

from pathlib import Path
from typing import Any

import yaml

from datapaper.files import write_text
from datapaper.render.frontmatter import edition_metadata, read_metadata
from datapaper.render.pandoc import pandoc_command, read_once, run_pandoc
from datapaper.yamlfiles import read_yaml

# The metadata key of each reference's language, by id (reference_languages).
REFERENCE_LANGUAGES = "reference-languages"


def reference_languages(path: str) -> dict[str, str]:
    """Each reference's `language`, by id, from the bibliography: filters/reference-language.lua
    reads them from the metadata, where asking pandoc for the references parsed the whole
    bibliography again in every pandoc run (45 ms of 0.7 s)."""
    references = read_yaml(path, dict).get("references") or []
    return {
        str(ref["id"]): str(ref["language"])
        for ref in references
        if isinstance(ref, dict) and "id" in ref and ref.get("language")
    }


def compose_metadata(smk: Any, **extra: Any) -> dict[str, Any]:
    """The edition's metadata from a rule's inputs (body, metadata, codes, values, the
    references' languages) and params (codes), with `extra` variables of the format."""
    body = read_metadata(smk.input.body)
    metas = [read_metadata(path) for path in smk.input.metadata]
    code_labels = read_metadata(smk.input.codes) if smk.input.get("codes") else None
    metadata = edition_metadata(body, metas, smk.input.values, smk.params.codes, code_labels)
    return {**metadata, REFERENCE_LANGUAGES: reference_languages(smk.input.references), **extra}


def render(
    smk: Any, metadata_file: str, output: str, fonts: str = "", text: list[str] | None = None, **extra: Any
) -> None:
    """Write the edition's metadata to `metadata_file`, then run pandoc on its texts (the
    rule's, or `text`; the generated sections, input `generated`, as pandoc read them once)
    with the rule's defaults files into `output` (written whole: through <output>.partial).
    Params `epoch` (the date a DOCX records) and `pandoc` come from the rule."""
    metadata = compose_metadata(smk, **extra)
    write_text(metadata_file, yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False))
    defaults = list(smk.input.defaults)
    command = pandoc_command(
        smk.params.pandoc,
        defaults,
        metadata_file,
        smk.input.csl,
        fonts,
        text if text is not None else list(smk.input.text),
        f"{output}.partial",
        smk.input.references,
        read_once(smk.params.pandoc, defaults, list(smk.input.get("generated", []))),
    )
    run_pandoc(command, smk.log[0], smk.params.get("epoch"))
    Path(f"{output}.partial").replace(output)
