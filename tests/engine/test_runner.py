"""How the engine's jobs start (datapaper.runner): forked from one server that imported the
engine, only where Snakemake would run them with this Python, failures as a failed script's."""

import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from datapaper import runner
from helpers import copy_built, snakemake


class Source:
    def __init__(self, path: Path) -> None:
        self.path = path

    def get_path_or_uri(self, secret_free: bool = False) -> str:
        return str(self.path)


def script(path: Path, **deployment) -> SimpleNamespace:
    """What Snakemake's PythonScript holds that decides how it runs."""
    fields = {"conda_env": None, "container_img": None, "env_modules": None, "bench_record": None}
    return SimpleNamespace(path=Source(path), **(fields | deployment))


def test_an_engine_job_is_forked(monkeypatch):
    monkeypatch.delenv(runner.SWITCH, raising=False)
    assert runner.forkable(script(runner.JOBS / "figure.py"))


@pytest.mark.parametrize(
    "deployment",
    [
        {"conda_env": "envs/paper.yaml"},
        {"container_img": "docker://x"},
        {"env_modules": ["x"]},
        {"bench_record": 1},
    ],
)
def test_a_job_in_another_environment_or_benchmarked_runs_as_snakemake_runs_it(monkeypatch, deployment):
    monkeypatch.delenv(runner.SWITCH, raising=False)
    assert not runner.forkable(script(runner.JOBS / "figure.py", **deployment))


def test_only_the_engines_own_jobs_are_forked(monkeypatch, tmp_path):
    monkeypatch.delenv(runner.SWITCH, raising=False)
    other = tmp_path / "jobs" / "figure.py"
    assert not runner.forkable(script(other))
    assert not runner.forkable(script(runner.JOBS / "figure.R"))


def test_the_switch_turns_forking_off(monkeypatch):
    monkeypatch.setenv(runner.SWITCH, "0")
    assert not runner.forkable(script(runner.JOBS / "figure.py"))


def test_each_job_is_imported_by_the_server_it_forks_from_before_it_forks():
    jobs = {p.stem for p in runner.JOBS.glob("*.py")} - {"__init__"}
    for job in jobs:
        holders = [name for name, modules in runner.SERVERS.items() if f"datapaper.jobs.{job}" in modules]
        assert holders == [runner.server_of(job)], job
    assert runner.DRAWING_JOBS < jobs
    assert {runner.server_of(job) for job in runner.DRAWING_JOBS} == {"drawing"}
    for modules in runner.SERVERS.values():
        assert modules[-1] == "datapaper.forkserver_setup"


def write_script(folder: Path, name: str, body: str) -> str:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_a_forked_job_runs_its_script_and_a_failure_raises_as_a_failed_script(tmp_path):
    marker = tmp_path / "ran.txt"
    good = write_script(
        tmp_path, "good.py", f"from pathlib import Path\nPath({str(marker)!r}).write_text('yes')\n"
    )
    runner.fork(good)
    assert marker.read_text() == "yes"
    bad = write_script(tmp_path, "bad.py", "raise SystemExit(3)\n")
    with pytest.raises(subprocess.CalledProcessError) as err:
        runner.fork(bad)
    assert err.value.returncode == 3 and "bad.py" in str(err.value)


def test_a_job_killed_by_a_signal_is_a_failure(tmp_path):
    killed = write_script(tmp_path, "killed.py", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    with pytest.raises(subprocess.CalledProcessError) as err:
        runner.fork(killed)
    assert err.value.returncode == 128 + 9


def test_jobs_forked_from_many_threads_at_once_each_get_their_own_exit_status(tmp_path):
    """multiprocessing's start() polls the other started processes; from several threads two
    reads of one status raced and one job saw 255 (about one in five, before the fix)."""
    scripts = [write_script(tmp_path, f"job{i}.py", f"raise SystemExit({i % 3})\n") for i in range(120)]
    codes: dict[int, int] = {}

    def run(index: int) -> None:
        try:
            runner.fork(scripts[index])
            codes[index] = 0
        except subprocess.CalledProcessError as err:
            codes[index] = err.returncode

    threads = [threading.Thread(target=lambda k=k: [run(i) for i in range(k, 120, 4)]) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == {i: i % 3 for i in range(120)}


# A job's report of its process: what its server loaded, and its server's own parent.
REPORT = (
    "import os, sys\n"
    "from pathlib import Path\n"
    "from datapaper import localize, words\n"
    "from datapaper.grammar import ru\n"
    "server = os.getppid()\n"
    "parent = int(Path(f'/proc/{server}/stat').read_text().rsplit(')', 1)[1].split()[1])\n"
    "Path(__file__).with_suffix('.txt').write_text(' '.join([\n"
    "    str('analyzer' in vars(ru.RUSSIAN)),\n"
    "    str(localize.locale.cache_info().currsize >= 2),\n"
    "    str(words._engine_words.cache_info().currsize >= 2),\n"
    "    str('jsonschema' in sys.modules),\n"
    "    str('matplotlib' in sys.modules),\n"
    "    str(server), str(parent),\n"
    "]))\n"
)


def test_a_job_finds_the_papers_languages_and_what_it_imports_loaded_by_its_server(tmp_path):
    """Both servers, started with the paper's languages, load their dictionaries and CLDR
    data and the engine's words before they fork; the text jobs' server imports jsonschema
    and not matplotlib (so it is ready sooner). The drawing jobs' server is forked from it
    (runner.chained_server) and imports matplotlib on top: a job finds what it needs ready,
    not loaded again, and a failed drawing job fails as a failed script."""
    text, drawing, bad = (
        write_script(tmp_path, name, REPORT) for name in ("text.py", "drawing.py", "bad.py")
    )
    Path(bad).write_text("raise SystemExit(4)\n")
    program = (
        "import os, subprocess\n"
        "from datapaper import runner\n"
        "runner.start(['en', 'ru', 'xx'])\n"  # xx: a code with no grammar and no CLDR data
        f"runner.fork({text!r}, 'values')\n"
        f"runner.fork({drawing!r}, 'figure')\n"
        "try:\n"
        f"    runner.fork({bad!r}, 'figure')\n"
        "except subprocess.CalledProcessError as err:\n"
        "    print('failed', err.returncode)\n"
        "print('main', os.getpid())\n"
    )
    result = run_python(program)
    assert result.returncode == 0, result.stderr
    assert "failed 4" in result.stdout
    main = result.stdout.split()[-1]
    *loaded, text_server, text_parent = (tmp_path / "text.txt").read_text().split()
    assert loaded == ["True", "True", "True", "True", "False"]
    *loaded, drawing_server, drawing_parent = (tmp_path / "drawing.txt").read_text().split()
    assert loaded == ["True", "True", "True", "True", "True"]
    assert text_parent == main and drawing_parent == text_server != drawing_server


def test_a_drawing_server_started_alone_imports_for_itself(tmp_path):
    """The preview starts the drawing jobs' server alone (its text jobs run in its own
    process): that server is the started process's child and imports its own modules only."""
    drawing = write_script(tmp_path, "drawing.py", REPORT)
    program = (
        "import os\n"
        "from datapaper import runner\n"
        "runner.start(['en', 'ru'], names=['drawing'])\n"
        f"runner.fork({drawing!r}, 'figure')\n"
        "print('main', os.getpid())\n"
    )
    result = run_python(program)
    assert result.returncode == 0, result.stderr
    *loaded, _, parent = (tmp_path / "drawing.txt").read_text().split()
    assert loaded == ["True", "True", "True", "False", "True"]
    assert parent == result.stdout.split()[-1]


def test_a_job_waiting_for_a_server_still_importing_holds_no_other_jobs_start(tmp_path):
    """A drawing job asked of its server while that server still imports waits for it
    alone: a text job asked after it starts and ends. Here the drawing server's import waits
    for that text job (for 10 s at most), so a start that held the others would run the
    drawing job first."""
    done = tmp_path / "done.txt"
    (tmp_path / "slow_import.py").write_text(
        "import os, time\n"
        "deadline = time.monotonic() + 10\n"
        f"while time.monotonic() < deadline and not os.path.exists({str(done)!r}):\n"
        "    time.sleep(0.01)\n"
    )
    drawing, text = (
        write_script(tmp_path, f"{name}.py", f"with open({str(done)!r}, 'a') as f:\n    f.write('{name} ')\n")
        for name in ("drawing", "text")
    )
    program = (
        "import sys, threading, time\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from datapaper import runner\n"
        "runner.SERVERS['drawing'] = ('slow_import', *runner.SERVERS['drawing'])\n"
        "runner.start(['en'])\n"
        f"runner.fork({write_script(tmp_path, 'warm.py', '')!r}, 'values')\n"
        f"thread = threading.Thread(target=runner.fork, args=({drawing!r}, 'figure'))\n"
        "thread.start()\n"
        "time.sleep(0.2)\n"
        f"runner.fork({text!r}, 'values')\n"
        "thread.join()\n"
    )
    result = run_python(program)
    assert result.returncode == 0, result.stderr
    assert done.read_text().split() == ["text", "drawing"]


def test_the_job_servers_end_with_the_process_that_started_them(tmp_path):
    """Both servers, the chained one too, exit when the build's process does: none is left."""
    drawing = write_script(tmp_path, "drawing.py", REPORT)
    program = f"from datapaper import runner\nrunner.start(['en'])\nrunner.fork({drawing!r}, 'figure')\n"
    result = run_python(program)
    assert result.returncode == 0, result.stderr
    servers = (tmp_path / "drawing.txt").read_text().split()[-2:]
    deadline = time.monotonic() + 10
    while running(servers) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not running(servers)


def test_a_drawing_server_that_ended_is_started_again(tmp_path):
    """A drawing jobs' server that was killed (by the system, short of memory) is started
    again for the next drawing job, forked again from the text jobs' server, as
    multiprocessing starts its own servers again."""
    first, second = (write_script(tmp_path, name, REPORT) for name in ("first.py", "second.py"))
    program = (
        "import os, signal, time\n"
        "from pathlib import Path\n"
        "from datapaper import runner\n"
        "runner.start(['en'])\n"
        f"runner.fork({first!r}, 'figure')\n"
        f"server = int(Path({first!r}).with_suffix('.txt').read_text().split()[-2])\n"
        "os.kill(server, signal.SIGKILL)\n"
        "time.sleep(0.3)\n"
        f"runner.fork({second!r}, 'figure')\n"
    )
    result = run_python(program)
    assert result.returncode == 0, result.stderr
    *_, first_server, first_parent = (tmp_path / "first.txt").read_text().split()
    *loaded, second_server, second_parent = (tmp_path / "second.txt").read_text().split()
    assert second_server != first_server and second_parent == first_parent
    assert loaded[-1] == "True"  # matplotlib, imported by the new server


# A program's start of both servers, its `text` pid named, and a job thread's outcome kept.
SERVERS_AND_THREADS = (
    "import os, signal, subprocess, sys, threading, time\n"
    "from datapaper import runner\n"
    "outcome = {}\n"
    "def run(key, script, job='figure'):\n"
    "    try:\n"
    "        runner.fork(script, job)\n"
    "        outcome[key] = 'ok'\n"
    "    except Exception as err:\n"
    "        outcome[key] = repr(err)\n"
    "def kill_text_server_while(key, script):\n"
    "    thread = threading.Thread(target=run, args=(key, script))\n"
    "    thread.start()\n"
    "    time.sleep(0.3)\n"
    "    os.kill(runner.servers()['text']._forkserver_pid, signal.SIGKILL)\n"
    "    return thread\n"
)


def outcomes(program: str) -> str:
    """The outcome of each job `program` ran through SERVERS_AND_THREADS's `run`, by key."""
    result = run_python(SERVERS_AND_THREADS + program + "print(sorted(outcome.items()))\n")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("authenticates", [False, True])
def test_the_drawing_server_is_chained_only_to_a_server_that_takes_requests_unasked(
    monkeypatch, authenticates
):
    """Python 3.14's servers authenticate each request, and a request to a server still
    importing waits for it: the drawing server is then started alone, as before the chain."""
    from multiprocessing import forkserver

    text = SimpleNamespace(**({"_forkserver_authkey": b"key"} if authenticates else {}))
    made = []

    class Standalone:
        def set_forkserver_preload(self, modules: list) -> None:
            pass

        def ensure_running(self) -> None:
            made.append("alone")

    monkeypatch.setattr(runner, "_servers", {"text": text})
    monkeypatch.setattr(runner, "chained_server", lambda parent, modules: made.append("chained") or parent)
    monkeypatch.setattr(forkserver, "ForkServer", Standalone)
    runner._running((), ["drawing"])
    assert made == (["alone"] if authenticates else ["chained"])


@pytest.mark.slow
def test_a_drawing_job_keeps_its_own_exit_status_when_the_text_server_ends(tmp_path):
    """The text server killed while a drawing job runs in the server forked from it: that job
    ends with its own status (it succeeded), and the next drawing job runs; the drawing
    server, still serving, is not taken for ended."""
    slow = write_script(tmp_path, "slow.py", "import time\ntime.sleep(0.8)\n")
    quick = write_script(tmp_path, "quick.py", "")
    program = (
        "runner.start(['en'])\n"
        f"run('first', {quick!r})\n"
        f"thread = kill_text_server_while('slow', {slow!r})\n"
        "time.sleep(0.1)\n"
        f"run('next', {quick!r})\n"
        "thread.join()\n"
    )
    assert outcomes(program) == "[('first', 'ok'), ('next', 'ok'), ('slow', 'ok')]"


@pytest.mark.slow
def test_a_drawing_job_asked_of_a_server_that_ends_before_forking_it_is_asked_again(tmp_path):
    """The text server killed while it still imports (a module that takes 1 s), before it
    has forked the drawing server: the drawing job asked meanwhile is asked again of servers
    started again, and runs, as does the next."""
    (tmp_path / "slow_import.py").write_text("import time\ntime.sleep(1.0)\n")
    quick = write_script(tmp_path, "quick.py", "")
    program = (
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "runner.SERVERS['text'] = ('slow_import', *runner.SERVERS['text'])\n"
        "runner.start(['en'])\n"
        f"kill_text_server_while('waiting', {quick!r}).join()\n"
        f"run('next', {quick!r})\n"
    )
    assert outcomes(program) == "[('next', 'ok'), ('waiting', 'ok')]"


@pytest.mark.slow
def test_the_text_server_ends_with_the_build_while_a_drawing_job_still_runs(tmp_path):
    """The build's process killed while a drawing job runs: the text server ends then, not
    when that job ends (the drawing server and its jobs do not hold it)."""
    begun, done = tmp_path / "begun.txt", tmp_path / "done.txt"
    long = write_script(
        tmp_path,
        "long.py",
        f"import os, time\nopen({str(begun)!r}, 'w').write(str(os.getpid()))\n"
        f"time.sleep(5)\nopen({str(done)!r}, 'w').write('done')\n",
    )
    quick = write_script(tmp_path, "quick.py", "")
    program = SERVERS_AND_THREADS + (
        "runner.start(['en'])\n"
        f"run('text', {quick!r}, 'values')\n"
        "print(runner.servers()['text']._forkserver_pid, flush=True)\n"
        f"threading.Thread(target=run, args=('long', {long!r}), daemon=True).start()\n"
        f"while not os.path.exists({str(begun)!r}):\n"
        "    time.sleep(0.01)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", program],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(runner.PACKAGE.parent)},
    )
    text = process.stdout.readline().strip()
    process.wait(timeout=60)
    try:
        deadline = time.monotonic() + 30
        while running([text]) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not running([text])
        assert not done.exists(), "the text server waited for the drawing job to end"
    finally:
        if begun.exists():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(begun.read_text()), signal.SIGKILL)


def running(pids: list[str]) -> list[str]:
    """The processes of `pids` still running: an ended one may wait, a zombie, to be reaped
    by the system's first process."""

    def state(pid: str) -> str:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return "gone"

    return [pid for pid in pids if state(pid) not in ("gone", "Z", "X")]


def test_warming_up_languages_leaves_the_formatting_as_it_is():
    from datapaper import grammar, localize
    from datapaper.grammar import ru

    grammar.warm_up(["ru", "en", "xx"])
    localize.warm_up(["ru", "kk", "xx"])
    assert "analyzer" in vars(ru.RUSSIAN)
    assert localize.format_number(Decimal("1234.5"), "ru") == "1\xa0234,5"


def run_python(program: str) -> subprocess.CompletedProcess:
    """`program` run by this Python in a process of its own that imports this engine."""
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(runner.PACKAGE.parent)},
        timeout=120,
    )


def test_a_run_ends_with_its_objects_frozen_out_of_the_last_collections():
    """runner.collect_nothing_at_exit (once a process, however often the workflow is
    parsed): when the process exits, its objects are frozen before Python's last
    collections, and the exit handlers registered before it still run after it."""
    program = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen' if gc.get_freeze_count() else 'walked', flush=True))\n"
        "from datapaper import runner\n"
        "runner.collect_nothing_at_exit()\n"
        "runner.collect_nothing_at_exit()\n"
        "print('handlers', atexit._ncallbacks(), flush=True)\n"
    )

    def ending_and_handlers(result: subprocess.CompletedProcess) -> tuple[str, int]:
        assert result.returncode == 0, result.stderr
        words = result.stdout.split()
        return words[-1], int(words[words.index("handlers") + 1])

    frozen, handlers = ending_and_handlers(run_python(program))
    walked, plain = ending_and_handlers(run_python(program.replace("runner.collect_nothing_at_exit()\n", "")))
    assert (frozen, walked) == ("frozen", "walked")
    assert handlers == plain + 1


def test_snakemakes_own_process_handles_params_without_importing_pandas():
    """runner.params_without_pandas: Snakemake's process compares params with its records
    and hands them to a job as Snakemake's own code does (run after, in the same process),
    without importing pandas; params holding a numpy array still take Snakemake's own way."""
    program = """
import json, sys
from snakemake.iocontainers import Params, Snakemake
from snakemake.persistence import PersistenceBase
from snakemake.persistence.file import FilePersistence
from datapaper import runner
own_store, own_serializer = Snakemake._safely_store_params, PersistenceBase._serialize_param.fget
runner.params_without_pandas()
runner.params_without_pandas()
values = [1, 2.5, "x", ["a", 1], {"k": [1]}, None, ("t",), object()]
params = Params(fromdict={"module": "paper.x", "languages": ["en", "kk"]})

def outcome(serializer, store):
    job = object.__new__(Snakemake)
    store(job, params)
    handed = [list(job.params), job.params.module, job.params.languages, job._params_types]
    compared = [str(serializer(object.__new__(FilePersistence))(v)) for v in values]
    return {"compared": compared[:-1], "handed": handed, "pandas": "pandas" in sys.modules}

print(json.dumps(outcome(PersistenceBase._serialize_param.fget, Snakemake._safely_store_params)))
print(json.dumps(outcome(own_serializer, own_store)))
import numpy
job = object.__new__(Snakemake)
job._safely_store_params(Params(fromdict={"array": numpy.array([1, 2])}))
print(json.dumps(job._params_types))
"""
    result = run_python(program)
    assert result.returncode == 0, result.stderr
    patched, snakemakes, array = (json.loads(line) for line in result.stdout.splitlines())
    assert patched["pandas"] is False and snakemakes["pandas"] is True
    assert {**patched, "pandas": True} == snakemakes
    assert patched["handed"][1:3] == ["paper.x", ["en", "kk"]]
    assert array == {"0": "np.ndarray"}


def test_a_dag_draws_when_a_job_runs_a_drawing_script_of_the_engine():
    def job(script: str | None) -> SimpleNamespace:
        return SimpleNamespace(rule=SimpleNamespace(script=script))

    engine = runner.JOBS
    assert runner.draws([job(str(engine / "values.py")), job(str(engine / "figure_print.py"))])
    assert runner.draws([job(str(engine / "figure_alt.py"))])
    assert not runner.draws([job(str(engine / "values.py")), job(None), job(str(engine / "pdf.py"))])
    assert not runner.draws([job("workflow/scripts/figure.py")])  # not the engine's
    assert not runner.draws([])


def test_a_build_starts_the_drawing_server_only_when_it_has_something_to_draw(fixture_build, tmp_path):
    """The text jobs' server starts with every build; the drawing jobs' server with a build
    that draws (here a table edit: when the DAG is known), not with a no-op or a text edit."""
    project = copy_built(fixture_build, tmp_path / "city_bikes")
    notes = tmp_path / "notes.txt"

    def servers(edit: Path | None = None, old: str = "", new: str = "") -> list[str]:
        if edit is not None:
            text = edit.read_text(encoding="utf-8")
            assert old in text
            edit.write_text(text.replace(old, new, 1), encoding="utf-8")
        notes.unlink(missing_ok=True)
        result = snakemake(cwd=project, env={"DATAPAPER_TEST_NOTES": str(notes)})
        assert result.returncode == 0, result.stdout + result.stderr
        return notes.read_text(encoding="utf-8").split("\n")[:-1] if notes.exists() else []

    assert servers() == ["server text"]
    section = project / "paper" / "en" / "10.introduction.md"
    assert servers(section, " ", "  ") == ["server text"]
    table = project / "data" / "raw" / "city_rides.csv"
    assert servers(table, "munich,4600000", "munich,4700000") == ["server text", "server drawing"]


CHECKSUM_WORKFLOW = """
import hashlib
from pathlib import Path
from datapaper import runner

if config.get("once"):
    runner.checksums_once_per_job()
    runner.checksums_once_per_job()
_digest = hashlib.file_digest
def counted(f, algorithm):
    with open("hashed.txt", "a") as out:
        out.write(Path(f.name).name + "\\n")
    return _digest(f, algorithm)
hashlib.file_digest = counted

rule many:
    input: ["a.txt", "b.txt", "c.txt"]
    output: ["w.txt", "x.txt", "y.txt", "z.txt"]
    run:
        for path in output:
            Path(path).write_text(path)
"""


@pytest.mark.slow
def test_a_finished_job_records_the_same_checksums_hashing_each_input_once(tmp_path):
    """runner.checksums_once_per_job: Snakemake's records of a job's four outputs hold the
    same input checksums as without it, and each input was read and hashed once, not once
    per output (Snakemake's own code, run in the same folder layout, hashes 3 x 4 times)."""
    records, hashed = {}, {}
    for once in (False, True):
        folder = tmp_path / str(once)
        folder.mkdir()
        (folder / "Snakefile").write_text(CHECKSUM_WORKFLOW, encoding="utf-8")
        for name in "abc":
            (folder / f"{name}.txt").write_text(name * 100, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "snakemake", "--cores", "1", "--config", f"once={once}"],
            cwd=folder,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(runner.PACKAGE.parent)},
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        metadata = folder / ".snakemake" / "metadata"
        records[once] = sorted(
            json.dumps(json.loads(path.read_text(encoding="utf-8"))["input_checksums"], sort_keys=True)
            for path in metadata.iterdir()
        )
        hashed[once] = sorted((folder / "hashed.txt").read_text(encoding="utf-8").split())
    assert len(records[True]) == 4 and records[True] == records[False]
    assert len(json.loads(records[True][0])) == 3
    assert hashed[False] == sorted(["a.txt", "b.txt", "c.txt"] * 4)
    assert hashed[True] == ["a.txt", "b.txt", "c.txt"]


def scheduled(
    cores: int,
    threads: list[int],
    group: str | None = None,
    checkpoint: bool = False,
    touch: bool = False,
    local: bool = True,
) -> SimpleNamespace:
    """What cap_jobs reads of a Snakemake workflow about to run: its scheduler's cores, the
    threads and groups of the jobs it will run, its checkpoint jobs, whether it only touches."""
    jobs = [SimpleNamespace(threads=n, group=group) for n in threads]
    scheduler = SimpleNamespace(
        global_resources={"_cores": cores, "_nodes": None}, resources={"_cores": cores}
    )
    dag = SimpleNamespace(needrun_jobs=lambda: iter(jobs), checkpoint_jobs=[object()] if checkpoint else [])
    return SimpleNamespace(scheduler=scheduler, dag=dag, touch=touch, local_exec=local)


@pytest.mark.parametrize("cores", [1, 2, 4, 64])
@pytest.mark.parametrize("cpus", [1, 2, 4])
@pytest.mark.parametrize("threads", [[], [1, 1, 1], [1, 2], [1, 3]])
@pytest.mark.parametrize(
    "kind",
    [{}, {"group": "pipe-1"}, {"checkpoint": True}, {"touch": True}, {"local": False}],
    ids=["plain", "group", "checkpoint", "touch", "cluster"],
)
def test_a_build_runs_no_more_jobs_at_once_than_its_cpus_unless_its_jobs_need_more(
    cores, cpus, threads, kind, monkeypatch, capsys
):
    """Capped to the CPUs when --cores asks for more, unless a job claims more threads than
    the CPUs, or jobs must run together (a group: pipes, services), or later jobs are not
    known (a checkpoint), or nothing runs (--touch), or the jobs run elsewhere (a cluster):
    those are left as Snakemake runs them."""
    monkeypatch.setattr(runner, "_capped_before", False)
    workflow = scheduled(cores, threads, **kind)
    cap = runner.cap_jobs(workflow, cpus)
    together = kind.get("group") is not None and threads  # a group of no jobs is none
    if (
        cores > cpus
        and all(n <= cpus for n in threads)
        and not (together or kind.get("checkpoint") or kind.get("touch") or kind.get("local") is False)
    ):
        assert cap == cpus
        assert f"at most {cpus} job{'s' if cpus > 1 else ''} at a time" in capsys.readouterr().err
    else:
        assert cap is None and capsys.readouterr().err == ""
    assert workflow.scheduler.global_resources["_cores"] == workflow.scheduler.resources["_cores"]
    assert workflow.scheduler.global_resources["_cores"] == (cap or cores)


def test_the_cap_is_said_once_a_process(monkeypatch, capsys):
    """The preview runs a build a save in one process: the line comes with its first."""
    monkeypatch.setattr(runner, "_capped_before", False)
    assert runner.cap_jobs(scheduled(4, [1]), 2) == 2
    assert runner.cap_jobs(scheduled(4, [1]), 2) == 2
    assert capsys.readouterr().err.count("datapaper: at most 2 jobs at a time") == 1


def on_one_cpu(args: list[str], cwd: Path | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """`python ARGS` with this repository's engine, narrowed to one CPU (its affinity, as
    `taskset` or a container's cpuset narrows it): the finished process, output as text."""
    cpu = min(os.sched_getaffinity(0))
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(runner.PACKAGE.parent), "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=lambda: os.sched_setaffinity(0, {cpu}),
        timeout=timeout,
    )


def test_the_cpus_are_those_this_process_may_run_on():
    """A process narrowed to one CPU (its affinity, as `taskset` or a container sets it)
    counts one, whatever the machine has."""
    result = on_one_cpu(["-c", "from datapaper import runner; print(runner.usable_cpus())"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


CAP_WORKFLOW = """
from datapaper import runner

onstart:
    workflow.scheduler.job_rate_limiter = None  # as the engine's onstart: no 1-s timer a job
    if config.get("cap"):
        runner.cap_jobs(workflow)

rule all:
    input: expand("{n}.txt", n=range(3))

rule one:
    output: "{n}.txt"
    shell: "start=$(date +%s.%N); sleep 0.6; echo $start $(date +%s.%N) > {output}"
"""


@pytest.mark.slow
def test_a_build_asking_for_more_cores_than_its_cpu_runs_one_job_at_a_time(tmp_path):
    """With the cap (the engine's onstart), `--cores 4` on one CPU (the process's affinity
    narrowed to one) runs its three jobs one after another and says so; without it, they
    overlap, as Snakemake runs them."""
    overlap = {}
    for cap in (False, True):
        folder = tmp_path / str(cap)
        folder.mkdir()
        (folder / "Snakefile").write_text(CAP_WORKFLOW, encoding="utf-8")
        result = on_one_cpu(
            ["-m", "snakemake", "--cores", "4", "--scheduler", "greedy", "--config", f"cap={cap}"], folder
        )
        assert result.returncode == 0, result.stderr
        spans = sorted(tuple(map(float, (folder / f"{n}.txt").read_text().split())) for n in range(3))
        overlap[cap] = any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans))
        said = "datapaper: at most 1 job at a time, one for each CPU this build may use (asked for 4)"
        assert (said in result.stderr) == cap
    assert overlap == {False: True, True: False}


TOGETHER_WORKFLOWS = {
    # Three jobs joined by pipes run at once, or not at all.
    "pipes": """
rule all:
    input: "lines.txt"

rule numbers:
    output: pipe("numbers")
    shell: "seq 1 1000 > {output}"

rule evens:
    input: "numbers"
    output: pipe("evens")
    shell: "awk 'NR % 2 == 0' {input} > {output}"

rule count:
    input: "evens"
    output: "lines.txt"
    shell: "wc -l < {input} > {output}"
""",
    # A checkpoint's later jobs, unknown when the run starts, claim two threads.
    "checkpoint": """
def counted(wildcards):
    folder = checkpoints.listing.get().output[0]
    return expand("heavy/{name}.txt", name=glob_wildcards(folder + "/{name}.item").name)

rule all:
    input: counted

checkpoint listing:
    output: directory("items")
    shell: "mkdir -p {output} && touch {output}/a.item {output}/b.item"

rule heavy:
    input: "items/{name}.item"
    output: "heavy/{name}.txt"
    threads: 2
    shell: "echo {threads} > {output}"
""",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TOGETHER_WORKFLOWS))
def test_jobs_that_must_run_together_or_are_not_known_yet_are_left_uncapped(name, tmp_path):
    """On one CPU with `--cores 4`, a chain of pipes (three jobs at once) and a checkpoint
    whose later jobs claim two threads build as Snakemake builds them: capping either to
    one core would stop the run ("Job needs threads=... but only threads=1")."""
    onstart = "from datapaper import runner\n\nonstart:\n    runner.cap_jobs(workflow)\n"
    (tmp_path / "Snakefile").write_text(onstart + TOGETHER_WORKFLOWS[name], encoding="utf-8")
    result = on_one_cpu(["-m", "snakemake", "--cores", "4", "--scheduler", "greedy"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "datapaper: at most" not in result.stderr


@pytest.mark.slow
def test_the_papers_build_is_capped_to_its_cpus(fixture_build, tmp_path):
    """The engine's workflow caps a local build: the fixture paper, a sentence edited, built
    with `--cores 4` on one CPU, says so and builds."""
    project = copy_built(fixture_build, tmp_path / "city_bikes")
    section = project / "paper" / "en" / "10.introduction.md"
    section.write_text(section.read_text(encoding="utf-8").replace(" ", "  ", 1), encoding="utf-8")
    result = on_one_cpu(["-m", "snakemake", "--cores", "4"], project, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    said = "datapaper: at most 1 job at a time, one for each CPU this build may use (asked for 4)"
    assert result.stderr.count(said) == 1
