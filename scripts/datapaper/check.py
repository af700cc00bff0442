"""`datapaper check`: every check of the build's input, without building.

In the paper's folder, it reads what the build reads and runs the checks the build's jobs
run, through the same functions: the settings against the engine's schema
(datapaper.settings), the figures table, the units, data/schema.yaml, every table of
data/raw/ (datapaper.tables) and its numbers with the paper's derivations, computed in
memory as rule group_numbers computes them; each language's texts, metadata and lexicon as
rule placeholder_values checks them (datapaper.language), the translations' placeholders,
citations and references (rule translation_status), each figure's strings and alternative
text (rule figure_alt; the figures are not drawn), and the audit's claims. It carries on
past a problem to the next table, language or file, reports every problem, each as the
build words it (`file:line: problem — fix`), and writes nothing.
"""

import contextlib
import importlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from datapaper import asked, numbers, project, schemas, settings
from datapaper.errors import InputError
from datapaper.yamlfiles import key_lines, read_yaml

T = TypeVar("T")


@dataclass
class Report:
    """What the check found, and what it checked."""

    problems: list[str] = field(default_factory=list)
    tables: int = 0
    languages: list[str] = field(default_factory=list)
    placeholders: int = 0
    figures: int = 0
    skipped: list[str] = field(default_factory=list)  # what could not be checked, and why

    def attempt(self, read: Callable[[], T]) -> T | None:
        """The result of `read`, or None with its input error added to the problems."""
        try:
            return read()
        except InputError as err:
            self.problems.append(str(err).rstrip("\n"))
            return None

    def summary(self) -> str:
        if self.problems:
            count = f"{len(self.problems)} problem{'s' if len(self.problems) > 1 else ''}"
            skipped = [f"Not checked: {what}." for what in self.skipped]
            return "\n".join([f"datapaper check: {count}:", *self.problems, *skipped]) + "\n"
        return (
            f"datapaper check: ok — the settings, {self.tables} table{'s' if self.tables != 1 else ''}, "
            f"{len(self.languages)} language{'s' if len(self.languages) != 1 else ''} "
            f"({', '.join(self.languages)}), {self.placeholders} placeholders, "
            f"{self.figures} figure{'s' if self.figures != 1 else ''}' strings\n"
        )


@contextlib.contextmanager
def paper_code(folder: Path) -> Iterator[None]:
    """The paper's own package (scripts/paper) importable from `folder`, and no other
    paper's: its modules and registered derivations are set aside meanwhile, and nothing is
    compiled into the project (no __pycache__)."""
    saved_modules = {n: m for n, m in sys.modules.items() if n == "paper" or n.startswith("paper.")}
    saved_derivations = dict(numbers.DERIVATIONS)
    saved_path, saved_bytecode = list(sys.path), sys.dont_write_bytecode
    for name in saved_modules:
        del sys.modules[name]
    numbers.DERIVATIONS.clear()
    sys.path.insert(0, str(folder.resolve()))
    sys.dont_write_bytecode = True
    try:
        yield
    finally:
        for name in [n for n in sys.modules if n == "paper" or n.startswith("paper.")]:
            del sys.modules[name]
        sys.modules.update(saved_modules)
        numbers.DERIVATIONS.clear()
        numbers.DERIVATIONS.update(saved_derivations)
        sys.path[:] = saved_path
        sys.dont_write_bytecode = saved_bytecode


def imported(module: str, where: str) -> Any:
    """A module the paper names (a derivation or a figure), or an input error naming it."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise InputError(
            f"{where}: module {module!r} cannot be imported ({err}) — name a module of scripts/ "
            "(e.g. paper.derivations), or fix its import"
        ) from None


def run() -> Report:
    """Check the paper in the current folder; return every problem and what was checked."""
    from datapaper.units import load_units

    report = Report()
    config, found = settings.read(project.CONFIG)
    report.problems += found
    readable = config is not None
    if not readable:  # no languages, derivations or allowed digits to check the rest with
        config = settings.with_defaults({})
        report.skipped.append(f"the texts and the figures, until {project.CONFIG} can be read")

    def figure_table() -> list[dict[str, Any]]:
        table = read_yaml(project.FIGURE_TABLE, list, "figures")
        report.problems.extend(
            schemas.problems(table, "figures", project.FIGURE_TABLE, key_lines(project.FIGURE_TABLE))
        )
        return [f for f in table if isinstance(f, dict) and {"name", "group", "module"} <= set(f)]

    figures = report.attempt(figure_table) or []
    units = report.attempt(lambda: load_units(project.UNITS))
    with paper_code(Path("scripts")):
        computed, failed, failed_groups = tables_numbers(report, config, units is not None)
        if readable:
            figure_strings(report, config, figures, computed, failed_groups)
            everything = report.attempt(lambda: numbers.merge(list(computed.values())))
            texts(
                report, config, units, json.loads(numbers.dumps(everything or {})), failed, everything is None
            )
    from datapaper.audit import load_claims

    report.attempt(lambda: load_claims(project.AUDIT_CLAIMS))
    return report


def tables_numbers(
    report: Report, config: dict, units_read: bool
) -> tuple[dict[str, dict], set[str], set[str]]:
    """Every table read against the schema and its numbers computed, by group (as rule
    group_numbers does); the prefixes of the tables that failed ("": all), and their groups."""
    from datapaper.tables import load_schema, read_table, reference_ids

    declared = report.attempt(lambda: load_schema(project.SCHEMA, project.UNITS if units_read else None))
    if declared is None:
        return {}, {""}, set()
    references = report.attempt(lambda: reference_ids(project.REFERENCES))
    for module in config["derivations"]:
        report.attempt(lambda module=module: imported(module, f"{project.CONFIG}: derivations"))
    parts: dict[str, list] = {}
    failed: set[str] = set()
    failed_groups: set[str] = set()
    for name, spec in sorted(declared.items()):
        path = project.table_file(name)
        group = spec.get("group", "other")
        wanted = asked.asked_keys([spec["prefix"]]) if asked.large(path) else []
        entries = report.attempt(lambda path=path, wanted=wanted: numbers.compute(
            read_table(path, declared, references), wanted
        ))  # fmt: skip
        report.tables += 1
        parts.setdefault(group, [])
        if entries is None:
            failed.add(spec["prefix"])
            failed_groups.add(group)
        else:
            parts[group].append(entries)
    groups = {}
    for group, found in parts.items():
        merged = report.attempt(lambda found=found: numbers.merge(found))
        groups[group] = merged if merged is not None else {}
        if merged is None:
            failed_groups.add(group)
    return groups, failed, failed_groups


def blocked(key: str, failed: set[str]) -> bool:
    """Whether a key's numbers are unknown, its table having failed ("" when all are)."""
    return "" in failed or any(key == p or key.startswith(p + ".") for p in failed)


def texts(
    report: Report, config: dict, units: Any, computed: dict, failed: set[str], merge_failed: bool
) -> None:
    """Each language's texts as rule placeholder_values checks them, then the translations."""
    from datapaper.language import check_language
    from datapaper.render.frontmatter import read_metadata
    from datapaper.translations import consistency_problems

    allowed = [item["pattern"] for item in config["checks"].get("allowed_digits", [])]
    skip = (lambda key: True) if units is None or merge_failed else (lambda key: blocked(key, failed))
    for lang in config["languages"]:
        if not Path(project.metadata_file(lang)).exists():
            continue  # named by the settings' check
        report.languages.append(lang)
        text = project.section_files(lang) + [project.metadata_file(lang)]
        result, _ = check_language(
            lang,
            text,
            computed,
            project.lexicon_file(lang),
            project.metadata_file(lang),
            units or {},
            str(project.REFERENCES),
            allowed,
            report.problems,
            skip,
        )
        report.placeholders += len(result["ledger"]) if result else 0
    for lang in settings.all_languages(config):
        if lang not in config["languages"] and Path(project.metadata_file(lang)).exists():
            report.attempt(lambda lang=lang: read_metadata(project.metadata_file(lang)))
    report.problems += consistency_problems(project.PAPER, report.languages, config["source_language"])
    # The sandbox's links are checked with every language: each is named once.
    report.problems[:] = list(dict.fromkeys(report.problems))


def figure_strings(report: Report, config: dict, figures: list[dict], groups: dict, failed: set[str]) -> None:
    # `failed`: the groups with a table that could not be read (their figures are not described)
    """Each language's figure strings, and each figure's alternative text in every language
    from the numbers of its group (as rule figure_alt writes it; nothing is drawn)."""
    from datapaper import figures as toolkit

    report.problems += settings.figure_problems(figures, sorted(groups)) if groups else []
    strings = {}
    for lang in config["languages"]:
        if Path(project.metadata_file(lang)).exists():
            strings[lang] = report.attempt(
                lambda lang=lang: toolkit.Strings.load(
                    project.strings_file(lang), project.lexicon_file(lang), project.UNITS
                )
            )
    for figure in figures:
        report.figures += 1
        module = report.attempt(lambda figure=figure: imported(figure["module"], f"{project.FIGURE_TABLE}"))
        group = groups.get(figure["group"])
        if module is not None and group is not None and figure["group"] not in failed:
            describe(report, figure, module, json.loads(numbers.dumps(group)), strings)


def describe(report: Report, figure: dict, module: Any, group: dict, strings: dict) -> None:
    """One figure's data from its group's numbers, and its alternative text in each language."""
    from datapaper import figures as toolkit

    name, module_name = figure["name"], figure["module"]
    data = report.attempt(lambda: toolkit.data_of(module_name, module.figure_data, group))
    if data is None:
        return
    for words in strings.values():
        if words is not None:
            report.attempt(lambda words=words: toolkit.alternative(name, module_name, module, data, words))


def main(argv: list[str] | None = None) -> int:
    """Run the check, print its report; 0 when the paper is fine, 1 when it has problems."""
    report = run()
    print(report.summary(), end="", file=sys.stderr if report.problems else sys.stdout)
    return 1 if report.problems else 0
