"""`datapaper new` makes a paper that builds at once: scaffolded in English and French,
`snakemake` gives both PDFs (and the journal edition's), and the new paper's own tests
(tests/expected.csv against the build) pass. The time from `new` to the PDFs is printed."""

import os
import subprocess
import sys
import time

from helpers import SCRIPTS, datapaper_new, pdf_text, snakemake


def test_a_new_paper_builds_and_passes_its_own_tests(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(SCRIPTS), "PYTHONDONTWRITEBYTECODE": "1"}  # its own pytest
    start = time.monotonic()
    made = datapaper_new(tmp_path, "mypaper", "--languages", "en,fr")
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "mypaper"
    # A paper without audit claims builds: an absent config/audit.yaml declares none.
    (folder / "config" / "audit.yaml").unlink()
    build = snakemake(cwd=folder)
    took = time.monotonic() - start
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    for edition in ("en", "fr", "journal"):
        assert (folder / "build" / f"paper.{edition}.pdf").stat().st_size > 10_000, edition
    assert (folder / "build" / "audit.md").exists()
    print(f"\ndatapaper new -> both PDFs: {took:.1f} s")
    assert "3250000trajets" in pdf_text(folder / "build" / "paper.fr.pdf").replace("\u202f", "")
    assert "3,250,000rides" in pdf_text(folder / "build" / "paper.en.pdf")

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-4000:]
    assert "4 passed" in tests.stdout

    # A number the data no longer gives fails the paper's test, naming the file and line.
    table = folder / "data" / "raw" / "rides.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("3250000", "3250001"), encoding="utf-8")
    changed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert changed.returncode == 1, changed.stdout[-4000:]
    assert "tests/expected.csv:3: en {{rides.rank1.rides|noun=ride}} reads '3,250,001" in changed.stdout
