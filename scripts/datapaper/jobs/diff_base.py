"""Rule diff_base: the base revision of a diff built in a temporary git worktree, and what
the diff reads from it kept by commit (datapaper/diff.py)."""

from pathlib import Path

from datapaper.diff import build_revision
from datapaper.errors import run_job


def main(smk) -> None:
    build_revision(smk.wildcards.sha, Path(smk.output[0]), smk.threads, Path(smk.log[0]))


if "snakemake" in globals():
    run_job(main, snakemake)  # noqa: F821
