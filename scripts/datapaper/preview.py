"""Live preview: `python3 -m datapaper preview [edition ...]` builds the editions' PDFs once,
then watches the project's content and rebuilds what each save affects.

It is the build's own workflow, run by one resident Snakemake process through its Python
API: each change re-evaluates the same DAG (Snakemake decides what is out of date, as on
the command line), so the preview can never disagree with `snakemake`. Keeping Snakemake
resident saves its start-up (about 1.3 s) on every save, and the engine's jobs run inside
that process instead of a fresh Python each (0.1-0.5 s of start-up and imports per job,
matplotlib's the most); a figure is drawn in a process forked from the build's job server
(datapaper.runner), which has imported matplotlib already, so it runs beside the text
jobs. The engine and a paper's own code are imported once, so after editing code
(scripts/) the preview is restarted.

PDFs are written whole and renamed into place (datapaper/files.py), so an open viewer
reloads a finished file. A failed rebuild prints the engine's message (file and line, as
the build does) and leaves the last good PDFs; the next good save rebuilds. Ctrl-C stops.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from datapaper import lastgood, project, runner
from datapaper.errors import InputFailed

WATCHED = (project.PAPER, project.DATA, project.FIGURES, project.CONFIG.parent)
# The engine's jobs forked from the drawing jobs' server (datapaper.runner), which has
# imported what they need, and those that run inside the preview's process: every other
# one (a job left out of both ran as a Python of its own, 0.2-0.3 s more: the English
# audit appendix did, on the way to its PDF after every edit of the source language).
FORKED_JOBS = runner.DRAWING_JOBS
IN_PROCESS_JOBS = frozenset(runner.job_names()) - FORKED_JOBS
# Files whose content only the jobs read (parsing the Snakefile reads only that they exist).
CONTENT_ONLY = (".md", ".csv")
JOBS = runner.JOBS


def say(message: str) -> None:
    """One line on stdout, at once (tests and editors wait for these lines)."""
    print(f"preview: {message}", flush=True)


def pdf_targets(editions: Iterable[str]) -> list[str]:
    return [f"{project.BUILD.as_posix()}/paper.{edition}.pdf" for edition in editions]


def relevant(path: str) -> bool:
    """A change worth a rebuild: not a file being written whole (`.partial`) or an editor's."""
    name = Path(path).name
    return not (name.endswith((".partial", "~", ".swp", ".swx")) or name.startswith(".#"))


class JobFailed(RuntimeError):
    """A job drawn in a forked process failed; its traceback went to stderr, as in a build."""


class InProcessScripts:
    """Run the engine's jobs without a new Python each: Snakemake writes each job's script
    (its preamble and the job's code) as usual, and it is executed in this process, or, for
    a figure, in a process forked from a server that has matplotlib imported already
    (drawing holds the interpreter, so it needs a process of its own to run beside the
    text jobs). The messages of failed jobs run here are remembered."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def install(self, languages: Any = ()) -> None:
        """Run the engine's jobs here or forked; the job server loads the data of the
        paper's `languages` (config `languages`)."""
        from snakemake.script import PythonScript

        # Only the drawing jobs are forked here: the others run in this process.
        runner.start(languages, names=[runner.server_of(job) for job in sorted(FORKED_JOBS)])
        original = PythonScript.execute_script
        scripts = self

        def execute_script(script: Any, fname: str, edit: bool = False) -> None:
            path = Path(script.path.get_path_or_uri(secret_free=True))
            if path.parent.resolve() != JOBS.resolve():
                return original(script, fname, edit)
            if path.stem in FORKED_JOBS:
                return scripts.fork(fname, path.stem)
            if path.stem in IN_PROCESS_JOBS:
                return scripts.run(fname)
            return original(script, fname, edit)

        execute_script.forks_engine_jobs = True  # type: ignore[attr-defined]  (the workflow's runner.install leaves it)
        execute_script.servers = tuple(sorted({runner.server_of(job) for job in FORKED_JOBS}))  # type: ignore[attr-defined]
        PythonScript.execute_script = execute_script

    def run(self, fname: str) -> None:
        paths = list(sys.path)
        try:
            runner.run_script(fname, paths)
        except InputFailed as failed:  # bad input: the job printed its message, once
            with self.lock:
                self.errors.append(failed.message)
            raise JobFailed(failed.message) from None
        except Exception as err:
            with self.lock:
                self.errors.append(str(err))
            raise
        finally:
            # The preamble extends sys.path on every run; keep each folder once.
            sys.path[:] = list(dict.fromkeys([*paths, *sys.path]))

    def fork(self, fname: str, job: str) -> None:
        try:
            runner.fork(fname, job)
        except subprocess.CalledProcessError as err:
            raise JobFailed(f"{Path(fname).name} failed (exit {err.returncode})") from None


class ResidentWorkflow:
    """One Snakemake, kept loaded, that runs the DAG for the targets on each build. The
    Snakefile is parsed again when a change may alter what parsing read (settings, schema,
    which files exist); an edit of a text or a table only changes what the jobs read."""

    def __init__(self, targets: list[str], cores: int, in_process: bool = True, languages: Any = ()) -> None:
        from snakemake.api import SnakemakeApi
        from snakemake.settings.enums import Quietness
        from snakemake.settings.types import OutputSettings

        self.targets = targets
        self.cores = cores
        self.api = SnakemakeApi(OutputSettings(quiet={Quietness.PROGRESS, Quietness.RULES, Quietness.HOST}))
        self.api.__enter__()
        self.scripts = InProcessScripts()
        if in_process:
            self.scripts.install(languages)
        else:  # every job a Python process of its own, as the build runs them with DATAPAPER_FORK=0
            os.environ[runner.SWITCH] = "0"
        # The PDFs stay in place while their jobs run, and when they fail (datapaper.lastgood).
        lastgood.install()
        self.workflow: Any = None
        self.stop = threading.Event()
        self.listen()

    def listen(self) -> None:
        """Ctrl-C (or SIGTERM) stops the preview. Snakemake's scheduler catches the interrupt
        to end its jobs and installs its own SIGTERM handler, so the request is also kept
        and the handlers set again after every build."""

        def interrupt(signum: int, frame: Any) -> None:
            self.stop.set()
            raise KeyboardInterrupt

        signal.signal(signal.SIGINT, interrupt)
        signal.signal(signal.SIGTERM, interrupt)

    def build(self, reparse: bool = True) -> tuple[bool, list[str]]:
        """Bring the targets up to date: whether it worked, and the engine's messages if not."""
        from snakemake.settings.types import (
            DAGSettings,
            ExecutionSettings,
            ResourceSettings,
            StorageSettings,
        )

        self.scripts.errors.clear()
        try:
            if reparse or self.workflow is None:
                self.workflow = self.api.workflow(
                    resource_settings=ResourceSettings(cores=self.cores),
                    storage_settings=StorageSettings(),
                    snakefile=Path("Snakefile"),
                    workdir=Path.cwd(),
                )
            dag = self.workflow.dag(DAGSettings(targets=frozenset(self.targets), force_incomplete=True))
            dag.execute_workflow(executor="local", execution_settings=ExecutionSettings())
        except KeyboardInterrupt:
            raise
        except Exception as err:  # a failed job, or a workflow that does not parse
            self.workflow = None
            return False, list(self.scripts.errors) or [message_of(err)]
        finally:
            self.listen()
            if self.stop.is_set():
                raise KeyboardInterrupt
        return True, []

    def close(self) -> None:
        self.api.__exit__(None, None, None)


def message_of(err: BaseException) -> str:
    """A Snakemake error as one message (parse errors name the file and line themselves)."""
    text = str(err).strip()
    return text or type(err).__name__


def mtimes(paths: list[str]) -> dict[str, int]:
    return {p: Path(p).stat().st_mtime_ns for p in paths if Path(p).exists()}


def rebuild(workflow: ResidentWorkflow, reason: str, reparse: bool = True) -> bool:
    """One build with its outcome said: the PDFs it replaced, or the messages and that the
    last good PDFs stay."""
    before = mtimes(workflow.targets)
    start = time.perf_counter()
    ok, errors = workflow.build(reparse)
    seconds = time.perf_counter() - start
    if ok:
        after = mtimes(workflow.targets)
        updated = [p for p in workflow.targets if after.get(p) != before.get(p)]
        say(f"{reason}: updated {', '.join(updated) or 'nothing'} in {seconds:.2f} s")
    else:
        for message in errors:
            print(message, file=sys.stderr, flush=True)
        say(f"{reason}: failed; the last good PDFs stay (fix the file and save again)")
    return ok


def changed_files(changes: set[tuple[Any, str]]) -> list[str]:
    """The files a burst of changes touched, without scratch files that came and went."""
    kinds: dict[str, set[str]] = {}
    for change, path in changes:
        if relevant(path):
            kinds.setdefault(path, set()).add(change.name)
    return sorted(path for path, seen in kinds.items() if Path(path).exists() or "added" not in seen)


def listing(folders: list[str]) -> frozenset[str]:
    """The files under the watched folders: when it changes, the Snakefile is parsed again."""
    return frozenset(str(p) for folder in folders for p in Path(folder).rglob("*") if relevant(str(p)))


class Watcher:
    """Rebuild after each burst of saves; parse the Snakefile again only when needed."""

    def __init__(self, workflow: ResidentWorkflow, folders: list[str]) -> None:
        self.workflow = workflow
        self.folders = folders
        self.files = listing(folders)

    def changed(self, paths: list[str]) -> None:
        files = listing(self.folders)
        reparse = files != self.files or not all(p.endswith(CONTENT_ONLY) for p in paths)
        self.files = files
        rebuild(self.workflow, f"changed {', '.join(project.display(p) for p in paths)}", reparse)


def watch(
    paths: list[str],
    on_ready: Callable[[], None],
    on_change: Callable[[list[str]], None],
    stop: threading.Event,
) -> None:
    """Call `on_ready` once the watcher runs (no save can be missed after it), then
    `on_change` with the changed files after each burst of saves, until Ctrl-C."""
    import watchfiles

    ready = False
    for changes in watchfiles.watch(
        *paths,
        debounce=400,
        step=30,
        rust_timeout=100,
        yield_on_timeout=True,
        raise_interrupt=True,
        stop_event=stop,
    ):
        if not ready:
            ready = True
            on_ready()
        files = changed_files(changes)
        if files:
            on_change(files)


def main(argv: list[str] | None = None) -> int:
    from datapaper.yamlfiles import YamlError, read_yaml

    parser = argparse.ArgumentParser(
        prog="python3 -m datapaper preview",
        description="Build the editions' PDFs, then rebuild what each save in "
        + ", ".join(f"{p}/" for p in WATCHED)
        + " affects (Ctrl-C stops).",
    )
    parser.add_argument("editions", nargs="*", help="editions to preview (default: every edition)")
    parser.add_argument("--cores", type=int, default=2, help="cores for the jobs (default 2)")
    parser.add_argument(
        "--subprocess-jobs",
        action="store_true",
        help="run every job in a new Python process, as snakemake does with DATAPAPER_FORK=0 (slower; for measuring)",
    )
    args = parser.parse_args(argv)
    try:
        config = read_yaml(project.CONFIG, dict, "settings")
    except YamlError as err:
        print(err, file=sys.stderr)
        return 2
    editions = project.editions(config)
    unknown = [e for e in args.editions if e not in editions]
    if unknown:
        print(
            f"preview: unknown edition(s) {', '.join(unknown)} (editions: {', '.join(editions)})",
            file=sys.stderr,
        )
        return 2
    workflow = ResidentWorkflow(
        pdf_targets(args.editions or editions), args.cores, not args.subprocess_jobs, config.get("languages")
    )
    try:
        rebuild(workflow, "first build")
        folders = [str(p) for p in WATCHED if p.exists()]
        watcher = Watcher(workflow, folders)
        watch(
            folders,
            lambda: say(f"watching {', '.join(f + '/' for f in folders)} (Ctrl-C stops)"),
            watcher.changed,
            workflow.stop,
        )
    except KeyboardInterrupt:
        pass
    finally:
        workflow.close()
    say("stopped")
    return 0
