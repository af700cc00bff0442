"""A paper's settings, config/config.yaml, and its figures table, config/figures.yaml:
what the engine's schemas cannot say about them, checked against the project's folders and
tables. The workflow (workflow/common.smk) stops on these problems when it starts, and
`datapaper check` reports them with the rest; the schema itself is checked by Snakemake's
`validate` in the workflow (settings.smk) and by datapaper.schemas in `read`.
"""

from pathlib import Path
from typing import Any

from datapaper import project, schemas
from datapaper.errors import InputError
from datapaper.yamlfiles import key_lines, read_yaml


def all_languages(config: dict[str, Any]) -> list[str]:
    """Every language the build writes in: the editions', the source's and the journal
    edition's."""
    journal = config["journal"]
    return sorted(
        set(config["languages"])
        | {project.source_language(config), journal["body_language"], journal["codes_language"]}
        | set(journal["abstract_languages"])
    )


def problems(config: dict[str, Any], root: str | Path = ".") -> list[str]:
    """Each language without its folder (paper/<lang>/metadata.yaml), and each edition that
    `appendix` or `audit_in_appendix` names and the paper does not have."""
    found = []
    paper = Path(root) / project.PAPER
    for lang in all_languages(config):
        if not (paper / lang / "metadata.yaml").exists():
            known = ", ".join(sorted(p.parent.name for p in paper.glob("*/metadata.yaml")))
            found.append(
                f"{project.CONFIG}: unknown language {lang!r}: there is no {project.PAPER}/{lang}/ "
                f"with metadata.yaml (known: {known}) — write the language's text there, or name "
                "a language the paper has"
            )
    editions = project.editions(config)
    for key in ("appendix", "audit_in_appendix"):
        for edition in config[key]:
            if edition not in editions:
                found.append(
                    f"{project.CONFIG}: {key} names {edition!r}, which is not an edition "
                    f"(editions: {', '.join(editions)}) — name one of them"
                )
    return found


def figure_problems(figure_table: list[dict[str, Any]], groups: list[str]) -> list[str]:
    """Each figure of config/figures.yaml that reads a group no table of data/schema.yaml has."""
    return [
        f"{project.FIGURE_TABLE}: figure {figure.get('name')!r} reads group {figure.get('group')!r}, "
        f"which no table of {project.SCHEMA} has (groups: {', '.join(groups)}) — name one of them, "
        f"or give a table that group in {project.SCHEMA}"
        for figure in figure_table
        if figure.get("group") not in groups
    ]


def with_defaults(doc: dict[str, Any]) -> dict[str, Any]:
    """Settings with the schema's default of every key they leave out."""
    return schemas.with_defaults(doc, "config")


def read(path: str | Path = project.CONFIG) -> tuple[dict[str, Any] | None, list[str]]:
    """The settings with the schema's defaults, and every problem of the file: its YAML, each
    value the schema (resources/config.schema.yaml) refuses, with its line, and `problems`.
    A refused value is left out (its default is used), so the other checks can go on; a file
    that cannot be read gives None."""
    try:
        doc = read_yaml(path, dict, "settings")
    except InputError as err:
        return None, [str(err)]
    found = schemas.problems(doc, "config", path, key_lines(path))
    if found:
        import jsonschema

        for error in jsonschema.Draft202012Validator(schemas.schema("config")).iter_errors(doc):
            if error.absolute_path:
                doc.pop(error.absolute_path[0], None)
            else:  # an unknown key at the top
                for key in set(doc) - set(schemas.schema("config")["properties"]):
                    doc.pop(key)
    config = with_defaults(doc)
    return config, found + problems(config, Path(path).parent.parent)
