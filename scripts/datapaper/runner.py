"""How the engine's jobs start: forked from a server that has imported the engine already.

Snakemake runs a `script:` job as a new Python process, which spends 0.1-0.6 s importing
Snakemake's script support, the engine and what it needs (matplotlib the most) before it
does its work. A local build instead forks each engine job from a server process
(multiprocessing's forkserver) that imported all of that once, when the build started:
one for the jobs that draw (matplotlib), one for the others, which is ready sooner. A
forked job is still a process of its own: jobs run side by side on every core, a signal
that stops the build stops them, a failed job exits non-zero and Snakemake reports it as
it reports a failed script, and nothing a job does reaches another job or the next build.

Only the engine's own jobs (datapaper/jobs/) are forked, and only where Snakemake would run
them with this very Python: with a conda environment, a container, environment modules or
a benchmark directive, on a cluster, or with DATAPAPER_FORK=0 in the environment, a job is
the plain `python script.py` Snakemake writes.
"""

import contextvars
import functools
import inspect
import io
import multiprocessing.context
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from datapaper import PACKAGE, testhook

JOBS = PACKAGE / "jobs"
# The jobs that draw, and import matplotlib to do it (0.8 s): they fork from a server of
# their own, so that the server of every other job is ready sooner (the first job of a
# one-sentence edit waited 0.5 s for a server still importing matplotlib).
DRAWING_JOBS = frozenset({"figure", "figure_alt", "figure_print"})


def job_names() -> list[str]:
    return sorted(path.stem for path in JOBS.glob("*.py") if path.stem != "__init__")


def preload(drawing: bool) -> tuple[str, ...]:
    """What a server imports before it forks its first job: Snakemake's script support, the
    entries of its jobs and, through them, the engine, pandoc's and Typst's bindings, Babel
    (and for the drawing jobs matplotlib), and the languages' grammar modules; last, the
    setup that keeps multiprocessing from importing the running program (Snakemake's
    command) again in each job."""
    return (
        "snakemake.script",
        *(f"datapaper.jobs.{name}" for name in job_names() if (name in DRAWING_JOBS) == drawing),
        *sorted(
            f"datapaper.grammar.{path.stem}"
            for path in (PACKAGE / "grammar").glob("*.py")
            if path.stem != "__init__"
        ),
        # What a numbers job imports to check the data's schema (0.08 s in each of them).
        *(() if drawing else ("jsonschema",)),
        "datapaper.forkserver_setup",
    )


# The job servers by name, each with what it imports first.
SERVERS = {"text": preload(drawing=False), "drawing": preload(drawing=True)}
SWITCH = "DATAPAPER_FORK"
# The paper's languages, for the server to load their CLDR data and dictionaries
# (datapaper.forkserver_setup): set while it starts.
LANGUAGES = "DATAPAPER_LANGUAGES"

_lock = threading.Lock()
_servers: dict[str, Any] = {}


def multiprocessing_children() -> set:
    from multiprocessing import process

    return process._children


def enabled() -> bool:
    return os.environ.get(SWITCH, "1") != "0"


def server_of(job: str) -> str:
    """The server a job forks from: the drawing one for DRAWING_JOBS, the text one otherwise."""
    return "drawing" if job in DRAWING_JOBS else "text"


def servers(languages: Iterable[str] = (), names: Iterable[str] = tuple(SERVERS)) -> dict[str, Any]:
    """The job servers (multiprocessing's ForkServer, one for each of `names`), started by the
    first caller that names them, which names the paper's `languages`, whose data a server
    loads before it forks."""
    with _lock:
        return _running(languages, names)


def _running(languages: Iterable[str], names: Iterable[str]) -> dict[str, Any]:
    """servers(), for a caller that holds the lock."""
    for name in dict.fromkeys(names):
        # A server forked from another (chained_server) that has ended is started again,
        # as multiprocessing starts its own again.
        if name in _servers and getattr(_servers[name], "ended", lambda: False)():
            _servers.pop(name).close()
    wanted = [name for name in dict.fromkeys(names) if name not in _servers]
    if wanted:
        from multiprocessing import forkserver

        # A server imports with this process's module path (Python 3.11's forkserver
        # drops the sys.path it is given), so it finds the engine this process runs.
        setting = {
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
            LANGUAGES: ",".join(languages),
        }
        saved = {name: os.environ.get(name) for name in setting}
        os.environ.update(setting)
        try:
            for name in wanted:
                # Python 3.14's servers authenticate each request, which a request
                # to a server still importing would wait for: forked there alone.
                text = _servers.get("text")
                if name == "drawing" and text is not None and not hasattr(text, "_forkserver_authkey"):
                    server = chained_server(text, SERVERS[name])
                else:
                    server = forkserver.ForkServer()
                    server.set_forkserver_preload(list(SERVERS[name]))
                    server.ensure_running()
                _servers[name] = server
                testhook.note_if_asked(f"server {name}")
        finally:
            for name, value in saved.items():
                if value is None:
                    del os.environ[name]
                else:
                    os.environ[name] = value
    return dict(_servers)


def chained_server(parent: Any, modules: Iterable[str]) -> Any:
    """A job server forked from the running server `parent`, which imports `modules` on top
    of what `parent` imported, then forks jobs as multiprocessing's ForkServer does.

    The drawing jobs' server is the text jobs' server plus matplotlib and the figures: forked
    from it, it does not import the engine, Snakemake's script support, Babel's data and the
    grammar dictionaries a second time (0.19-0.22 CPU-s of its 0.55, measured), and in a
    clean build it imports while Snakemake makes the DAG, with both CPUs busy. The request
    is queued with `parent` and this returns at once: `parent` forks the new server when it
    has imported, and a job asked of it waits until it serves."""
    import socket
    from multiprocessing import connection, context, forkserver, resource_tracker, util

    class Server(forkserver.ForkServer):
        pid: int | None = None
        process: int | None = None  # a pidfd of the server, readable once it has ended

        def ensure_running(self) -> None:
            # Not this process's child, so not one it can wait for: the server lives until
            # this process ends (the `alive` pipe), as multiprocessing's own does.
            resource_tracker.ensure_running()

        def ended(self) -> bool:
            """Whether the server has ended. `parent` sends its pid when it forks it and its
            exit status when it ends; the end of that pipe without a pid means it was never
            forked. The end after the pid means only that `parent` has ended: the server
            itself is watched through its pid from then on."""
            if self.pid is None and connection.wait([self._launch.sentinel], 0):
                try:
                    self.pid = forkserver.read_signed(self._launch.sentinel)
                except (OSError, EOFError):
                    return True
                try:
                    self.process = os.pidfd_open(self.pid)
                except ProcessLookupError:
                    return True
                except (AttributeError, OSError):
                    pass  # no pidfd here (Linux before 5.3, another system): its pid alone
            if self.process is not None:
                return bool(connection.wait([self.process], 0))
            if self.pid is not None:
                try:
                    os.kill(self.pid, 0)
                except ProcessLookupError:
                    return True
            return False

        def close(self) -> None:
            os.close(self._forkserver_alive_fd)
            if self.process is not None:
                os.close(self.process)
            self._launch.finalizer()

    with socket.socket(socket.AF_UNIX) as listener:
        address = connection.arbitrary_address("AF_UNIX")
        listener.bind(address)
        if not util.is_abstract_socket_namespace(address):
            os.chmod(address, 0o600)
        listener.listen()
        alive_r, alive_w = os.pipe()
        try:
            process = context.ForkServerProcess(
                target=serve_jobs,
                args=(Inherited(listener.fileno()), Inherited(alive_r), tuple(modules)),
                name="datapaper drawing server",
            )
            launch = launcher()(process, parent)
        except BaseException:
            os.close(alive_w)
            raise
        finally:
            os.close(alive_r)
    server = Server()
    server._forkserver_address = address
    server._forkserver_alive_fd = alive_w
    server._launch = launch  # its status pipe stays open while the server lives
    return server


@functools.cache
def launcher() -> type:
    """multiprocessing's start of a process from a server (popen_forkserver.Popen), asked
    of a given server, and returning as soon as the request is sent: the new process's pid
    comes when the server has forked it (`started`), which a server still importing sends
    only when it has imported."""
    from multiprocessing import context, popen_forkserver, spawn, util

    class Launch(popen_forkserver.Popen):
        def __init__(self, process_obj: Any, server: Any) -> None:
            self.server = server
            super().__init__(process_obj)

        def _launch(self, process_obj: Any) -> None:
            data = io.BytesIO()
            context.set_spawning_popen(self)
            try:
                context.reduction.dump(spawn.get_preparation_data(process_obj._name), data)
                context.reduction.dump(process_obj, data)
            finally:
                context.set_spawning_popen(None)
            self.pid = None  # until `started` reads it
            self.sentinel, pipe = self.server.connect_to_new_process(self._fds)
            # As multiprocessing does: the data pipe's write end, kept, tells the new
            # process that this one is alive.
            parent_w = os.dup(pipe)
            self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
            with open(pipe, "wb", closefd=True) as stream:
                stream.write(data.getbuffer())

    return Launch


def started(process: Any) -> None:
    """Wait until the server has forked `process` (launched by `launcher`): its pid."""
    from multiprocessing import forkserver

    process._popen.pid = forkserver.read_signed(process._popen.sentinel)


class Inherited:
    """A file descriptor passed to a process started from a server (multiprocessing's
    DupFd): an int again in the new process."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self) -> tuple:
        from multiprocessing import reduction

        return _detached, (reduction.DupFd(self.fd),)


def _detached(duplicate: Any) -> int:
    return duplicate.detach()


def serve_jobs(listener: int, alive: int, modules: tuple[str, ...]) -> None:
    """A chained server's life (chained_server): import `modules`, get ready as a job server
    does (datapaper.forkserver_setup), then serve forks until the build ends."""
    import importlib
    from multiprocessing import forkserver

    # The `alive` pipe of `parent` came with the fork: closed, so that `parent` ends with
    # the build, not with this server's last job.
    inherited = forkserver._forkserver._forkserver_alive_fd
    if inherited is not None:
        os.close(inherited)
        forkserver._forkserver._forkserver_alive_fd = None
    for module in modules:
        if module != "datapaper.forkserver_setup":
            try:
                importlib.import_module(module)
            except ImportError:
                pass  # as multiprocessing's own server: the job that imports it says so
    from datapaper import forkserver_setup

    forkserver_setup.setup()
    forkserver.main(listener, alive, [])


def start(languages: Any = (), names: Iterable[str] = tuple(SERVERS)) -> None:
    """Start the servers (`names`) now, so that they import (and load the data of the paper's
    `languages`, the config's value: the codes of a list, nothing from anything else, as
    the servers may start before the settings are validated) while Snakemake schedules the
    first jobs."""
    if enabled():
        codes = [code for code in languages if isinstance(code, str)] if isinstance(languages, list) else []
        servers(codes, names)


def draws(jobs: Iterable[Any]) -> bool:
    """Whether Snakemake's `jobs` include one of the engine's DRAWING_JOBS (their rules'
    scripts name them)."""
    for job in jobs:
        script = getattr(job.rule, "script", None)
        if (
            isinstance(script, str)
            and Path(script).parent.name == JOBS.name
            and Path(script).stem in DRAWING_JOBS
        ):
            return True
    return False


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, which `taskset` or a container's
    cpuset narrows; a CPU quota is not seen), else the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# Whether cap_jobs has printed its line in this process (the preview runs many builds).
_capped_before = False


def cap_jobs(workflow: Any, cpus: int | None = None) -> int | None:
    """Run no more jobs at once than there are CPUs (`cpus`, usable_cpus()) in a local build
    whose `--cores` asks for more, and say so once: every engine job is one process busy on
    one CPU (pandoc, Typst, drawing), so jobs beyond the CPUs only take turns on them, and
    jobs waiting for the drawing server hold the places of the text jobs the PDFs wait for
    (README, "Speed"). Called from `onstart`, before the first job: it sets Snakemake's
    scheduler (`_cores`, in the table of what it has and of what is free) and returns the
    new number, or None when it leaves the run as Snakemake runs it: a run on a cluster
    (an executor that is not local: its jobs run elsewhere); `--touch`; a job that
    claims more threads than the CPUs; jobs that must run together (a pipe, a service, a
    group: Snakemake needs their threads summed at once); a checkpoint, whose later jobs
    are not known yet."""
    global _capped_before
    scheduler, dag = getattr(workflow, "scheduler", None), workflow.dag
    cpus = cpus or usable_cpus()
    cores = getattr(scheduler, "global_resources", {}).get("_cores")
    if (
        not isinstance(cores, int)
        or cores <= cpus
        or not getattr(workflow, "local_exec", True)
        or getattr(workflow, "touch", False)
        or any(dag.checkpoint_jobs)
    ):
        return None
    for job in dag.needrun_jobs():
        if job.threads > cpus or getattr(job, "group", None) is not None:
            return None
    scheduler.global_resources["_cores"] = cpus
    scheduler.resources["_cores"] = cpus
    if not _capped_before:
        _capped_before = True
        print(
            f"datapaper: at most {cpus} {'job' if cpus == 1 else 'jobs'} at a time, one for each "
            f"CPU this build may use (asked for {cores})",
            file=sys.stderr,
        )
    return cpus


def run_script(fname: str, paths: list[str]) -> None:
    """Execute a job's script (Snakemake's preamble and the job's code) in this process."""
    import builtins

    sys.path[:] = list(dict.fromkeys([*paths, *sys.path]))
    code = compile(Path(fname).read_text(encoding="utf-8"), fname, "exec")
    exec(code, {"__name__": "__main__", "__file__": fname, "__builtins__": builtins})


# How often a job is asked of its server, when the server ended before it forked the job.
ATTEMPTS = 3


def fork(fname: str, job: str = "") -> None:
    """Run a job's script in a process forked from its server (`job`, the name of the
    engine's job, chooses it); a failure raises what a failed `python script.py` raises."""
    name = server_of(job)
    for attempt in range(1, ATTEMPTS + 1):
        process = JobProcess(None, target=run_script, args=(fname, list(sys.path)), name=Path(fname).name)
        # Process.start() polls every other started process on the way (multiprocessing's
        # `_children`), reading its exit status; from several threads, two reads of one
        # status race and the loser sees 255. Each job thread waits for its own process
        # alone. The server is chosen and asked in one hold of the lock; the start only
        # sends the request (launcher): a job waiting for a server still importing holds
        # no other job's start.
        try:
            with _lock:
                process._server = _running((), [name])[name]
                process.start()
                multiprocessing_children().discard(process)
            started(process)
            break
        except (EOFError, ConnectionError) as err:
            # The server ended before it forked the job, which never started: once more,
            # from the server started again (a chained one here, multiprocessing's own when
            # it next asks it).
            with _lock:
                if _servers.get(name) is process._server and hasattr(process._server, "ended"):
                    _servers.pop(name).close()
            if attempt == ATTEMPTS:
                raise RuntimeError(
                    f"the engine's {name} job server ended before it started {Path(fname).name} "
                    f"({type(err).__name__}); run the build again, or with DATAPAPER_FORK=0"
                ) from err
            # A server that was killed has closed its files a moment before the system lets
            # it be waited for, and multiprocessing sees that it ended only then.
            time.sleep(0.05 * attempt)
    process.join()
    if process.exitcode != 0:
        code = process.exitcode if process.exitcode > 0 else 128 - process.exitcode
        raise subprocess.CalledProcessError(code, f"{sys.executable} {fname} (forked)")


class JobProcess(multiprocessing.context.ForkServerProcess):
    """A job's process, started from the job server it is given (launcher), which is not
    sent to the process."""

    def __init__(self, server: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._server = server

    def _Popen(self, process_obj: Any) -> Any:  # noqa: N802 (multiprocessing's name)
        return launcher()(process_obj, self._server)

    def __getstate__(self) -> dict:
        return {key: value for key, value in vars(self).items() if key != "_server"}


def forkable(script: Any) -> bool:
    """Whether Snakemake would run this script with this very Python, and it is an engine job."""
    if not enabled():
        return False
    if any(
        getattr(script, name, None) is not None
        for name in ("conda_env", "container_img", "env_modules", "bench_record")
    ):
        return False
    path = Path(script.path.get_path_or_uri(secret_free=True))
    return path.suffix == ".py" and path.parent.resolve() == JOBS.resolve()


def collect_nothing_at_exit() -> None:
    """When this process exits, move its objects out of the garbage collector's sight
    (gc.freeze, an exit handler).

    Python's last collections walk every object of Snakemake's heap after the build's
    last line: 0.5-0.6 s of every `snakemake` run, a dry run's too (measured; 0.06 s
    frozen). They free nothing an ending process needs: the other exit handlers still
    run, and Snakemake has closed its log. Registered once a process (the preview parses
    the workflow again for each build)."""
    global _freezes_at_exit
    if not _freezes_at_exit:
        import atexit
        import gc

        atexit.register(gc.freeze)
        _freezes_at_exit = True


_freezes_at_exit = False


# The packages whose objects Snakemake converts when a job's params hold one.
FRAME_PACKAGES = frozenset({"numpy", "pandas", "polars"})


def holds_frames(values: Iterable[Any]) -> bool:
    """Whether a value is an object of one of FRAME_PACKAGES (a subclass's too)."""
    return any(
        cls.__module__.split(".")[0] in FRAME_PACKAGES for value in values for cls in type(value).__mro__
    )


def params_without_pandas() -> None:
    """Snakemake's own process, a dry run's too, imports pandas only to ask whether a
    job's params hold a pandas object: 0.4-0.5 s of every run (measured), in a process that
    has no other use for it (the jobs import it in their own). Twice: when it compares
    each job's params with its records, and when it hands a job its params. Patched once;
    other Snakemake versions are left as they are.

    - Comparing: a value can be a pandas object only once pandas is imported, so until then
      Snakemake's serializer for every other value (the one its pandas serializer falls
      back to) gives the same text.
    - Handing over: Snakemake converts numpy, pandas and polars objects into plain data;
      params holding none of them are kept as they are, which is what it does then."""
    try:
        from snakemake.iocontainers import Params, Snakemake
        from snakemake.persistence import PersistenceBase
    except ImportError:
        return
    serialize = PersistenceBase.__dict__.get("_serialize_param")
    if isinstance(serialize, property) and hasattr(PersistenceBase, "_serialize_param_builtin"):
        if not getattr(serialize.fget, "without_pandas", False):

            def serializer(self: Any) -> Any:
                if "pandas" in sys.modules:
                    return serialize.fget(self)
                return self._serialize_param_builtin

            serializer.without_pandas = True  # type: ignore[attr-defined]
            PersistenceBase._serialize_param = property(serializer)
    store = getattr(Snakemake, "_safely_store_params", None)
    if store is not None and not getattr(store, "without_pandas", False):

        def store_params(self: Any, params: Any) -> None:
            if holds_frames(params):
                return store(self, params)
            self._params_store = Params(toclone=list(params))
            self._params_types = {}
            self._params_store._take_names(params._get_names())

        store_params.without_pandas = True  # type: ignore[attr-defined]
        Snakemake._safely_store_params = store_params


# The checksums of one finished job's inputs, by file and size threshold, while Snakemake
# records the job (checksums_once_per_job); None outside a record.
_CHECKSUMS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("datapaper_checksums", default=None)


def checksums_once_per_job() -> None:
    """Snakemake records a finished job in the record of each of its outputs, with the
    checksums of all its inputs, and reads and hashes every input again for each output
    (9.x, PersistenceBase.finished): a values job with 9 outputs and some 40 inputs (its
    code's import closure) hashed 360 files. In a clean build, 3,047 of 4,666 hashings
    were repeats (about 0.1 of Snakemake's 1.7 CPU-s, on two cores its jobs need). Within
    one record (one job, finished: its inputs do not change), each input's checksum is
    computed once and given again; outside a record, and for a forced or another
    algorithm's checksum, Snakemake's own method runs. Patched once; the records are the
    same (tests/engine/test_runner.py). Upstream, the fix is asked for in
    snakemake/snakemake#4240 ("hoist checksum computation out of the per-output loop");
    when it lands, this patch has nothing left to save."""
    try:
        from snakemake.io import _IOFile
        from snakemake.persistence import PersistenceBase
    except ImportError:
        return
    finished, checksum = PersistenceBase.finished, getattr(_IOFile, "checksum", None)
    if getattr(finished, "checksums_once", False) or not inspect.iscoroutinefunction(checksum):
        return

    async def finished_once(self: Any, job: Any, *args: Any, **kwargs: Any) -> Any:
        token = _CHECKSUMS.set({})
        try:
            return await finished(self, job, *args, **kwargs)
        finally:
            _CHECKSUMS.reset(token)

    async def checksum_once(
        self: Any, threshold: Any = None, force: bool = False, algorithm: Any = None
    ) -> Any:
        memo = _CHECKSUMS.get()
        if memo is None or force or algorithm is not None:
            return await checksum(self, threshold, force, algorithm)
        key = (str(self), threshold)
        if key not in memo:
            memo[key] = await checksum(self, threshold)
        return memo[key]

    finished_once.checksums_once = True  # type: ignore[attr-defined]
    PersistenceBase.finished = finished_once
    _IOFile.checksum = checksum_once


def install(workflow: Any) -> None:
    """Fork the engine's jobs in this Snakemake run when it runs them locally."""
    from snakemake.script import PythonScript

    if getattr(PythonScript.execute_script, "forks_engine_jobs", False):
        return
    original = PythonScript.execute_script

    def execute_script(script: Any, fname: str, edit: bool = False) -> None:
        if workflow.local_exec and forkable(script):
            return fork(fname, Path(script.path.get_path_or_uri(secret_free=True)).stem)
        return original(script, fname, edit)

    execute_script.forks_engine_jobs = True  # type: ignore[attr-defined]
    execute_script.servers = tuple(SERVERS)  # type: ignore[attr-defined]
    PythonScript.execute_script = execute_script


def forked_servers() -> tuple[str, ...]:
    """The job servers the installed way of running jobs forks from: both in a build, the
    drawing jobs' alone in the preview, which runs the text jobs in its own process."""
    from snakemake.script import PythonScript

    return getattr(PythonScript.execute_script, "servers", tuple(SERVERS))
