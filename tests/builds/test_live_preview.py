"""The live preview on the fixture paper: it rebuilds after a sentence edit and after a CSV
edit, keeps the last good PDF after a bad edit (printing the build's own file:line message)
and recovers on the next good save, and Ctrl-C stops it cleanly.

Every wait is for an event, a line the preview prints, with a generous deadline; files are
saved as editors do, whole (written beside, then renamed into place)."""

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import FIXTURES, SCRIPTS, copy_project, pdf_text, snakemake

DEADLINE_S = 180


class Preview:
    """`python3 -m datapaper preview` in a project, its stdout read line by line."""

    def __init__(self, project: Path, log: Path, notes: Path | None = None) -> None:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if notes is not None:  # the job servers it starts (datapaper.testhook)
            env["DATAPAPER_TEST_NOTES"] = str(notes)
        env["PYTHONPATH"] = os.pathsep.join([str(SCRIPTS), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        self.stderr = log.open("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "datapaper", "preview"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()
        self.seen: list[str] = []

    def read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, *words: str) -> str:
        """The next line of the preview that holds every word; fails at the deadline or exit."""
        while True:
            try:
                line = self.lines.get(timeout=DEADLINE_S)
            except queue.Empty:
                pytest.fail(f"no line with {words} within {DEADLINE_S} s; seen: {self.seen}")
            if line is None:
                pytest.fail(f"the preview exited ({self.process.wait()}) before {words}; seen: {self.seen}")
            self.seen.append(line)
            if all(word in line for word in words):
                return line

    def rest(self) -> list[str]:
        """The lines after the last one waited for, up to the preview's exit."""
        lines = []
        while (line := self.lines.get(timeout=DEADLINE_S)) is not None:
            lines.append(line)
        return lines

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=DEADLINE_S)
        finally:
            self.stderr.close()


def save(path: Path, text: str) -> None:
    """Save as an editor does: the whole file written elsewhere, then renamed into place.
    (The scratch file is in the project folder, which the preview does not watch.)"""
    scratch = path.parents[2] / f".{path.name}.saving"
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)


@pytest.mark.slow
def test_preview_rebuilds_keeps_the_last_good_pdf_and_recovers(tmp_path):
    project = copy_project(FIXTURES / "city_bikes", tmp_path / "city_bikes")
    notes = tmp_path / "servers.txt"
    preview = Preview(project, tmp_path / "preview.err", notes)
    try:
        preview.wait_for("first build", "updated")
        preview.wait_for("watching")
        # The drawing jobs' server alone: the text jobs run in the preview's own process.
        assert notes.read_text(encoding="utf-8").split() == ["server", "drawing"]
        en, de = project / "build/paper.en.pdf", project / "build/paper.de.pdf"
        german = de.stat().st_mtime_ns

        results = project / "paper/en/20.results.md"
        good = results.read_text(encoding="utf-8")
        save(results, good.replace("the busiest scheme", "the liveliest scheme"))
        assert "build/paper.en.pdf" in preview.wait_for("changed paper/en/20.results.md", "updated")
        assert "liveliest" in pdf_text(en)
        assert de.stat().st_mtime_ns == german, "a sentence of English rebuilds no German PDF"

        table = project / "data/raw/city_rides.csv"
        rows = table.read_text(encoding="utf-8")
        save(table, rows.replace("munich,4600000", "munich,4800000"))
        line = preview.wait_for("changed data/raw/city_rides.csv", "updated")
        assert "build/paper.en.pdf" in line and "build/paper.de.pdf" in line
        assert "4.8million" in pdf_text(en) and "4,8Millionen" in pdf_text(de)

        last_good = en.read_bytes()
        save(results, good.replace("{{rides.rank1}}", "{{rides.rank_one}}"))
        preview.wait_for("changed paper/en/20.results.md", "failed", "last good PDFs stay")
        assert en.read_bytes() == last_good
        build = snakemake("build/paper.en.pdf", cwd=project)
        assert build.returncode != 0
        message = next(
            line for line in (build.stdout + build.stderr).splitlines() if "paper/en/20.results.md:3:" in line
        )
        assert message.split("Error: ", 1)[-1] in preview.errors(), "the build's own message"

        save(results, good)
        preview.wait_for("changed paper/en/20.results.md", "updated")
        assert "busiest" in pdf_text(en)

        save(table, rows.replace("munich,4600000", "munich,many"))
        preview.wait_for("changed data/raw/city_rides.csv", "failed")
        assert "data/raw/city_rides.csv:2: column `rides`" in preview.errors()
        assert "busiest" in pdf_text(en)
        save(table, rows)
        preview.wait_for("changed data/raw/city_rides.csv", "updated")
        assert "4.6million" in pdf_text(en)
    finally:
        code = preview.stop()
    assert code == 0, preview.seen
    assert preview.rest()[-1:] == ["preview: stopped"]
    assert snakemake("-n", cwd=project).returncode == 0, "no lock left behind"
