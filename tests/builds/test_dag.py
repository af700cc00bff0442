"""Incremental builds: a change reruns exactly the jobs that depend on it (Snakemake's dry run)."""

import functools
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, snakemake

# Rules that only name files to make: the default target and the format targets.
TARGETS = ("paper", "all", "pdf", "docx", "html", "submission")
FIGURES = [f["name"] for f in yaml.safe_load((ROOT / "config" / "figures.yaml").read_text(encoding="utf-8"))]


@pytest.fixture
def project(built_copy) -> Path:
    """A built copy of the project (the session's build, copied with Snakemake's records)."""
    return built_copy()


def planned(project: Path) -> Counter:
    """Jobs Snakemake would run now, by rule (the dry run's job stats)."""
    result = snakemake("-n", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout.split("Job stats:")[-1] if "Job stats:" in result.stdout else ""
    jobs = Counter()
    for line in table.splitlines()[3:]:
        match = re.match(r"^(\w+)\s+(\d+)$", line.strip())
        if not match:
            break
        jobs[match[1]] = int(match[2])
    for target in TARGETS:
        jobs.pop(target, None)
    return jobs


def planned_pdfs(project: Path) -> set[str]:
    result = snakemake("-n", cwd=project)
    return set(re.findall(r"^    output: .*\bbuild/paper\.(\w+)\.pdf", result.stdout, re.M))


def planned_figures(project: Path) -> set[str]:
    """The figures the dry run would redraw (the figure rules' jobs, by name; not the
    descriptions' job, whose outputs are text)."""
    result = snakemake("-n", cwd=project)
    return set(re.findall(r"^    output: build/figures/(\w+)\.\w+\.(?:svg|pdf|png)\b", result.stdout, re.M))


class Edited:
    """Change a file for the length of a `with` block."""

    def __init__(self, path: Path, old: str, new: str):
        self.path, self.old, self.new = path, old, new

    def __enter__(self):
        self.stat = self.path.stat()
        self.text = self.path.read_text(encoding="utf-8")
        assert self.old in self.text, f"{self.old!r} not in {self.path}"
        self.path.write_text(self.text.replace(self.old, self.new, 1), encoding="utf-8")

    def __exit__(self, *exc):
        # The old bytes and the old time: what runs next sees the file as it was, whatever
        # Snakemake makes of a newer file with the same content (no order dependence).
        self.path.write_text(self.text, encoding="utf-8")
        os.utime(self.path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))


def test_up_to_date_after_the_build(project):
    assert planned(project) == Counter()


def test_one_table_redraws_only_its_figure_and_rebuilds_the_documents(project):
    table = project / "data" / "raw" / "advertising_by_medium.csv"
    with Edited(table, "tv,52,", "tv,53,"):
        jobs = planned(project)
        pdfs = planned_pdfs(project)
        figures = planned_figures(project)
    assert figures == {"advertising_market"}
    # The figure and the descriptions (the alt text follows the data; one job writes every
    # figure's, as every edition reads them all).
    assert {rule for rule in jobs if rule.startswith("figure_")} == {
        "figure_advertising_market",
        "figure_alt",
    }
    assert jobs["group_numbers"] == 1
    assert pdfs == {"en", "kk", "ru", "journal"}


def test_the_style_redraws_every_figure_and_recomputes_nothing(project):
    with Edited(project / "figures" / "paper.mplstyle", "savefig.dpi: 200", "savefig.dpi: 199"):
        jobs = planned(project)
        figures = planned_figures(project)
    assert figures == set(FIGURES)
    assert {rule for rule in jobs if rule.startswith("figure_")} == {f"figure_{name}" for name in FIGURES}
    assert not {"group_numbers", "numbers", "placeholder_values"} & set(jobs)


def test_a_caption_rebuilds_only_its_language_text(project):
    section = project / "paper" / "ru" / "40.daily-life.md"
    with Edited(section, "Доли социальных сетей на рынке", "Доли соцсетей на рынке"):
        jobs = planned(project)
        pdfs = planned_pdfs(project)
    assert not {rule for rule in jobs if rule.startswith("figure_")}
    assert not {"group_numbers", "numbers"} & set(jobs)
    assert jobs["placeholder_values"] == 1
    assert pdfs == {"ru"}


def test_an_english_sentence_rebuilds_only_the_english_pdfs(project):
    section = project / "paper" / "en" / "10.introduction.md"
    with Edited(section, "Kazakhstan also keeps up to date", "Kazakhstan also keeps well up to date"):
        pdfs = planned_pdfs(project)
    assert pdfs == {"en", "journal"}  # the journal edition's body is English


def test_the_audit_appendix_waits_for_no_values_job_and_reads_only_its_language(project):
    """On the way to the English PDF after an English sentence, the audit appendix runs
    beside the values job, not after it: it reads no formatted value and no other
    language's text, so an edit of one language reruns no other language's appendix."""
    section = project / "paper" / "en" / "10.introduction.md"
    with Edited(section, "Kazakhstan also keeps up to date", "Kazakhstan also keeps well up to date"):
        result = snakemake("-n", cwd=project)
    appendix = [inputs for rule, inputs in job_inputs(result.stdout) if rule == "audit_appendix"]
    assert len(appendix) == len(CONFIG["audit_in_appendix"]) == 1
    (inputs,) = appendix
    assert "build/numbers.json" in inputs and "paper/en/10.introduction.md" in inputs
    assert not {path for path in inputs if path.endswith("values.json")}
    assert not {path for path in inputs if path.startswith("paper/") and not path.startswith("paper/en/")}


# --- Code inputs: touching a module reruns exactly the jobs that import it ------------

SCRIPTS = ROOT / "scripts"
FIGURE_PRINT_FORMATS = 2  # PDF and PNG, saved from the figure job's layout
JOBS = SCRIPTS / "datapaper" / "jobs"
CONFIG = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
FIGURE_MODULES = {
    f["name"]: f["module"]
    for f in yaml.safe_load((ROOT / "config" / "figures.yaml").read_text(encoding="utf-8"))
}
# Each rule's script, and the paper's modules its job loads by name (config).
RULE_SCRIPTS = {
    "group_numbers": ("group_numbers", tuple(CONFIG["derivations"])),
    "numbers": ("merge_numbers", ()),
    "placeholder_values": ("values", ()),
    "ledger": ("ledger", ()),
    "edition_source": ("source", ()),
    "edition_pdf": ("pdf", ()),
    "audit": ("audit", ()),
    "audit_appendix": ("audit_appendix", ()),
    "translation_status": ("translations", ()),
    "citation_style": ("citation_style", ()),
    "edition_docx": ("docx", ()),
    "edition_html": ("html", ()),
    "edition_submission": ("submission", ()),
}


@functools.cache
def project_modules(script: Path, modules: tuple[str, ...] = ()) -> frozenset[str]:
    """The project's source files a script runs, found by the standard library's
    modulefinder (bytecode), independently of the engine's own reading (datapaper.dag)."""
    import modulefinder

    class Finder(modulefinder.ModuleFinder):
        def find_module(self, name, path, parent=None):
            try:
                return super().find_module(name, path, parent)
            except AttributeError:  # a namespace package: no code of the project's
                raise ImportError(name) from None

    finder = Finder(path=[str(SCRIPTS)])
    finder.run_script(str(script))
    for name in modules:
        finder.import_hook(name)
    files = {m.__file__ for m in finder.modules.values() if m.__file__}
    return frozenset(
        Path(f).resolve().relative_to(ROOT).as_posix()
        for f in files
        if Path(f).resolve().is_relative_to(SCRIPTS)
    )


# The grammar modules the formatting of values loads by language code (this paper's languages).
GRAMMARS = tuple(
    f"datapaper.grammar.{lang}"
    for lang in CONFIG["languages"]
    if (SCRIPTS / "datapaper" / "grammar" / f"{lang}.py").exists()
)


def job_modules(script: Path, modules: tuple[str, ...]) -> frozenset[str]:
    """A job's modules: what it imports, and the grammar modules if it formats values."""
    found = project_modules(script, modules)
    if "scripts/datapaper/localize.py" in found:
        found = project_modules(script, modules + GRAMMARS)
    return found


def expected_reruns(module: str, groups: int, languages: int, editions: int) -> Counter:
    jobs = Counter()
    counts = {"group_numbers": groups, "placeholder_values": languages}
    counts |= {f"edition_{fmt}": editions for fmt in ("source", "pdf", "docx", "html", "submission")}
    counts["audit_appendix"] = len(CONFIG["audit_in_appendix"])  # editions in this paper's languages
    for rule, (script, modules) in RULE_SCRIPTS.items():
        if module in job_modules(JOBS / f"{script}.py", modules):
            jobs[rule] += counts.get(rule, 1)
    for name, figure_module in FIGURE_MODULES.items():
        if module in job_modules(JOBS / "figure.py", (figure_module,)):
            jobs[f"figure_{name}"] += 1  # draws every language once (SVG and the layout)
        if module in job_modules(JOBS / "figure_print.py", ()):
            jobs[f"figure_print_{name}"] += FIGURE_PRINT_FORMATS  # a job per print format in `all`
    if module in job_modules(JOBS / "figure_alt.py", tuple(sorted(set(FIGURE_MODULES.values())))):
        jobs["figure_alt"] += 1  # every figure's description from the data, every language at once
    return jobs


def job_inputs(dry_run: str) -> list[tuple[str, set[str]]]:
    """(job, its input files) of every job of a dry run; a figure job is named by its figure."""
    jobs = []
    for block in re.split(r"\n(?=(?:local)?rule \w+:\n)", dry_run):
        head = re.match(r"(?:local)?rule (\w+):\n", block)
        inputs = re.search(r"^    input: (.*)$", block, re.M)
        if not head or head[1] in TARGETS:
            continue
        rule = head[1]
        jobs.append((rule, set(inputs[1].split(", ")) if inputs else set()))
    return jobs


def direct_reruns(dry_run: str, module: str) -> Counter:
    """Jobs the dry run gives a change of `module` as their reason (not those downstream)."""
    jobs = Counter()
    for block in re.split(r"\n(?=(?:local)?rule \w+:\n)", dry_run):
        head = re.match(r"(?:local)?rule (\w+):\n", block)
        reason = re.search(r"^    reason: (.*)$", block, re.M)
        if (
            head
            and reason
            and "Updated input files" in reason[1]
            and module in re.split(r"[:,;]\s*", reason[1])
        ):
            jobs[head[1]] += 1
    return jobs


CODE_MODULES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (SCRIPTS / "datapaper").rglob("*.py")
    if "__pycache__" not in p.parts
) + sorted(p.relative_to(ROOT).as_posix() for p in (SCRIPTS / "paper").rglob("*.py"))


@pytest.mark.slow
def test_each_job_has_exactly_the_modules_it_imports_as_inputs(project):
    """The DAG's code inputs (datapaper.dag, read from the sources) against the standard
    library's modulefinder: a change to a module reruns exactly the jobs that import it."""
    groups = len(
        {
            spec.get("group", "other")
            for spec in yaml.safe_load((project / "data/schema.yaml").read_text())["tables"].values()
        }
    )
    languages, editions = len(CONFIG["languages"]), len(CONFIG["languages"]) + 1
    result = snakemake("-n", "--forceall", "all", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    jobs = job_inputs(result.stdout + result.stderr)
    assert len(jobs) > 20
    wrong = []
    for module in CODE_MODULES:
        declared = Counter(job for job, inputs in jobs if module in inputs)
        expected = expected_reruns(module, groups, languages, editions)
        if declared != expected:
            wrong.append(f"{module}: an input of {dict(declared)}, imported by {dict(expected)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "reruns"),
    [
        (
            "scripts/paper/figures/advertising_market.py",
            {"figure_advertising_market": 1, "figure_alt": 1},
        ),
        ("scripts/datapaper/audit.py", {"audit": 1, "audit_appendix": 1}),
        ("scripts/datapaper/ledger.py", {"ledger": 1}),
        ("scripts/datapaper/render/typst.py", {"edition_pdf": 4}),
    ],
)
def test_changing_a_module_reruns_its_importers(project, module, reruns):
    path = project / module
    before, text = path.stat(), path.read_bytes()
    path.write_bytes(text + b"\n# changed\n")
    try:
        result = snakemake("-n", cwd=project)
    finally:
        path.write_bytes(text)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert direct_reruns(result.stdout + result.stderr, module) == Counter(reruns)
    assert planned(project) == Counter()
