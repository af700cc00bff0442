"""No number outlives its data: a table replaced while its job reads it stops the job (and
the next build reads it anew), and a table whose content changes under an old timestamp
still reruns what depends on it (datapaper/freshness.py)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from helpers import FIXTURES, SCRIPTS, copy_built, copy_project, snakemake

TARGET = "build/numbers/rides.json"
TABLE = Path("data/raw/city_rides.csv")


def rides(project: Path) -> int:
    numbers = json.loads((project / TARGET).read_text(encoding="utf-8"))
    return numbers["rides.munich"]["value"]


def replace_keeping_time(path: Path, old: str, new: str) -> None:
    """New content under the old modification time, as a restore or `cp -p` leaves it."""
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_table_replaced_while_its_job_reads_it_leaves_no_stale_number(tmp_path):
    project = copy_project(FIXTURES / "city_bikes", tmp_path / "fixture")
    marker = tmp_path / "held"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(SCRIPTS)}
    env |= {"DATAPAPER_TEST_HOLD": "read", "DATAPAPER_TEST_HOLD_MARKER": str(marker)}
    process = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "2", TARGET],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    # Waits for an event: the job has read the table and holds until the marker goes.
    deadline = time.monotonic() + 600
    while not marker.exists():
        assert process.poll() is None, (
            f"the build ended before its job read the table:\n{process.stdout.read()}"
        )
        assert time.monotonic() < deadline, "the job never read its table"
        time.sleep(0.05)
    replace_keeping_time(project / TABLE, "munich,4600000", "munich,4700000")
    marker.unlink()
    output, _ = process.communicate(timeout=300)
    assert process.returncode != 0
    assert "data/raw/city_rides.csv: changed while the build read it" in output
    assert "run snakemake again" in output and "Traceback" not in output
    assert not (project / TARGET).exists()  # no stale output left for the next build to trust

    again = snakemake(TARGET, cwd=project)
    assert again.returncode == 0, again.stderr
    assert rides(project) == 4700000


def test_new_content_under_an_old_timestamp_reruns_its_job(fixture_build, tmp_path):
    project = copy_built(fixture_build, tmp_path / "fixture")
    assert rides(project) == 4600000
    replace_keeping_time(project / TABLE, "munich,4600000", "munich,4800000")
    dry = snakemake(TARGET, "-n", cwd=project)
    assert "group_numbers" in dry.stdout, dry.stdout
    assert snakemake(TARGET, cwd=project).returncode == 0
    assert rides(project) == 4800000
    after = snakemake(TARGET, "-n", cwd=project)
    assert "Nothing to be done" in after.stdout + after.stderr


def test_a_description_that_failed_is_asked_for_again_until_it_is_fixed(fixture_build, tmp_path):
    """The descriptions' job (figure_alt) removes every description when it fails; the texts
    that read the last ones are up to date, yet the next build must not pass on them: the
    descriptions are targets, so the unchanged error is named again, and once it is fixed
    every description is made and the build passes."""
    project = copy_built(fixture_build, tmp_path / "fixture")
    strings = project / "figures" / "strings" / "de.yaml"
    text = strings.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines(keepends=True) if line.lstrip().startswith("alt:"))
    strings.write_text(text.replace(line, ""), encoding="utf-8")
    for _ in range(2):
        failed = snakemake(cwd=project)
        assert failed.returncode != 0
        assert "missing string 'city_rides.alt'" in failed.stdout + failed.stderr
    strings.write_text(text, encoding="utf-8")
    assert snakemake(cwd=project).returncode == 0
    assert sorted(p.name for p in (project / "build" / "figures").glob("*.alt.json")) == sorted(
        f"city_rides.{lang}.alt.json" for lang in ("de", "en", "uk")
    )
