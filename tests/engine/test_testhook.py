"""The test-only pause in every job's entry is inert unless asked, and when asked it marks
the moment and blocks until a signal ends the job."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from datapaper.testhook import pause_if_asked
from helpers import SCRIPTS


@pytest.mark.parametrize("asked", [None, "ledger", "pdf_extra"])
def test_inert_unless_it_names_the_rule(monkeypatch, tmp_path: Path, asked):
    monkeypatch.setenv("DATAPAPER_TEST_PAUSE_MARKER", str(tmp_path / "marker"))
    if asked is None:
        monkeypatch.delenv("DATAPAPER_TEST_PAUSE", raising=False)
    else:
        monkeypatch.setenv("DATAPAPER_TEST_PAUSE", asked)
    pause_if_asked("pdf")  # returns at once
    assert not (tmp_path / "marker").exists()


def test_every_job_entry_calls_it():
    jobs = [p for p in (SCRIPTS / "datapaper" / "jobs").glob("*.py") if p.name != "__init__.py"]
    for job in jobs:
        assert "run_job(main, snakemake)" in job.read_text(encoding="utf-8"), job.name
    run_job = (SCRIPTS / "datapaper" / "errors.py").read_text(encoding="utf-8").split("def run_job")[1]
    assert "pause_if_asked(smk.rule)" in run_job.split("try:")[0], "the pause comes before the job runs"


def test_asked_it_marks_and_blocks_until_a_signal(tmp_path: Path):
    marker = tmp_path / "marker"
    env = {**os.environ, "PYTHONPATH": str(SCRIPTS), "DATAPAPER_TEST_PAUSE": "figure"}
    env["DATAPAPER_TEST_PAUSE_MARKER"] = str(marker)
    code = "from datapaper.testhook import pause_if_asked; pause_if_asked('figure_rides'); print('ran on')"
    job = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120  # a guard against a hang, not a race
        while not marker.exists():
            assert job.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        assert marker.read_text(encoding="utf-8").strip() == str(job.pid)
        assert job.poll() is None  # still blocked
        job.send_signal(signal.SIGTERM)
        out, _ = job.communicate(timeout=60)
    finally:
        if job.poll() is None:
            job.kill()
            job.wait()
    assert job.returncode == -signal.SIGTERM and "ran on" not in out


def test_freshness_refuses_a_file_changed_while_read(tmp_path):
    from datapaper.freshness import StaleInput, digest, unchanged

    table = tmp_path / "t.csv"
    table.write_text("id,value\na,1\n", encoding="utf-8")
    with unchanged([table]):
        table.read_text(encoding="utf-8")
    before = digest([table])
    stat = table.stat()
    with pytest.raises(StaleInput, match=r"t\.csv: changed while the build read it.* — run snakemake again"):
        with unchanged([table]):
            table.write_text("id,value\na,2\n", encoding="utf-8")
    os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the old timestamp, new content
    assert digest([table]) != before
    assert digest([tmp_path / "absent.csv"]) == digest([tmp_path / "absent.csv"])
