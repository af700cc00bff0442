"""Live preview: `python3 -m datapaper preview [edition ...]` builds the editions' PDFs once,
then watches the project's content and rebuilds what each save affects.

It is the build's own workflow, run by one resident Snakemake process through its Python
API: each change re-evaluates the same DAG (Snakemake decides what is out of date, as on
the command line), so the preview can never disagree with `snakemake`. Keeping Snakemake
resident saves its start-up (about 1.3 s) on every save; the text jobs (placeholder
values, the PDF, ledger, audit, translations, merged numbers) also run inside that
process instead of a fresh Python each (about 0.3 s per job), while the jobs that import
a paper's own code (numbers, figures) keep their own process, so matplotlib and the
derivations never share a process with anything else.

PDFs are written whole and renamed into place (datapaper/files.py), so an open viewer
reloads a finished file. A failed rebuild prints the engine's message (file and line, as
the build does) and leaves the last good PDFs; the next good save rebuilds. Ctrl-C stops.
"""

import argparse
import builtins
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from datapaper import PACKAGE, project

WATCHED = (project.PAPER, project.DATA, project.FIGURES, project.CONFIG.parent)
# The engine's jobs that run inside the preview's process (no paper code, no matplotlib).
IN_PROCESS_JOBS = frozenset({"values", "pdf", "ledger", "translations", "audit", "merge_numbers"})
JOBS = PACKAGE / "jobs"


def say(message: str) -> None:
    """One line on stdout, at once (tests and editors wait for these lines)."""
    print(f"preview: {message}", flush=True)


def pdf_targets(editions: Iterable[str]) -> list[str]:
    return [f"{project.BUILD.as_posix()}/paper.{edition}.pdf" for edition in editions]


def relevant(path: str) -> bool:
    """A change worth a rebuild: not a file being written whole (`.partial`) or an editor's."""
    name = Path(path).name
    return not (name.endswith((".partial", "~", ".swp", ".swx")) or name.startswith(".#"))


class InProcessScripts:
    """Run the engine's text jobs inside this process: Snakemake writes each job's script
    (its preamble and the job's code) as usual, and it is executed here instead of in a new
    Python. Failures are the job's own exceptions, whose messages are remembered."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def install(self) -> None:
        from snakemake.script import PythonScript

        original = PythonScript.execute_script
        scripts = self

        def execute_script(script: Any, fname: str, edit: bool = False) -> None:
            path = Path(script.path.get_path_or_uri(secret_free=True))
            if path.parent.resolve() != JOBS.resolve() or path.stem not in IN_PROCESS_JOBS:
                return original(script, fname, edit)
            scripts.run(fname)

        PythonScript.execute_script = execute_script

    def run(self, fname: str) -> None:
        code = compile(Path(fname).read_text(encoding="utf-8"), fname, "exec")
        paths = list(sys.path)
        try:
            exec(code, {"__name__": "__main__", "__file__": fname, "__builtins__": builtins})
        except Exception as err:
            with self.lock:
                self.errors.append(str(err))
            raise
        finally:
            # The preamble extends sys.path on every run; keep each folder once.
            sys.path[:] = list(dict.fromkeys([*paths, *sys.path]))


class ResidentWorkflow:
    """One Snakemake, kept loaded: each build parses the Snakefile (config may have changed)
    and runs the DAG for the targets."""

    def __init__(self, targets: list[str], cores: int) -> None:
        from snakemake.api import SnakemakeApi
        from snakemake.settings.enums import Quietness
        from snakemake.settings.types import OutputSettings

        self.targets = targets
        self.cores = cores
        self.api = SnakemakeApi(OutputSettings(quiet={Quietness.PROGRESS, Quietness.RULES, Quietness.HOST}))
        self.api.__enter__()
        self.scripts = InProcessScripts()
        self.scripts.install()

    def build(self) -> tuple[bool, list[str]]:
        """Bring the targets up to date: whether it worked, and the engine's messages if not."""
        from snakemake.settings.types import (
            DAGSettings,
            ExecutionSettings,
            ResourceSettings,
            StorageSettings,
        )

        self.scripts.errors.clear()
        try:
            workflow = self.api.workflow(
                resource_settings=ResourceSettings(cores=self.cores),
                storage_settings=StorageSettings(),
                snakefile=Path("Snakefile"),
                workdir=Path.cwd(),
            )
            dag = workflow.dag(DAGSettings(targets=frozenset(self.targets), force_incomplete=True))
            dag.execute_workflow(executor="local", execution_settings=ExecutionSettings())
        except KeyboardInterrupt:
            raise
        except Exception as err:  # a failed job, or a workflow that does not parse
            return False, list(self.scripts.errors) or [message_of(err)]
        return True, []

    def close(self) -> None:
        self.api.__exit__(None, None, None)


def message_of(err: BaseException) -> str:
    """A Snakemake error as one message (parse errors name the file and line themselves)."""
    text = str(err).strip()
    return text or type(err).__name__


def mtimes(paths: list[str]) -> dict[str, int]:
    return {p: Path(p).stat().st_mtime_ns for p in paths if Path(p).exists()}


def rebuild(workflow: ResidentWorkflow, reason: str) -> bool:
    """One build with its outcome said: the PDFs it replaced, or the messages and that the
    last good PDFs stay."""
    before = mtimes(workflow.targets)
    start = time.perf_counter()
    ok, errors = workflow.build()
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


def watch(paths: list[str], on_ready: Callable[[], None], on_change: Callable[[list[str]], None]) -> None:
    """Call `on_ready` once the watcher runs (no save can be missed after it), then
    `on_change` with the changed files after each burst of saves, until Ctrl-C."""
    import watchfiles

    ready = False
    for changes in watchfiles.watch(
        *paths, debounce=400, step=30, rust_timeout=100, yield_on_timeout=True, raise_interrupt=True
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
    workflow = ResidentWorkflow(pdf_targets(args.editions or editions), args.cores)
    try:
        rebuild(workflow, "first build")
        folders = [str(p) for p in WATCHED if p.exists()]
        watch(
            folders,
            lambda: say(f"watching {', '.join(f + '/' for f in folders)} (Ctrl-C stops)"),
            lambda files: rebuild(workflow, f"changed {', '.join(project.display(f) for f in files)}"),
        )
    except KeyboardInterrupt:
        say("stopped")
    finally:
        workflow.close()
    return 0
