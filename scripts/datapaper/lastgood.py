"""A failed edition keeps its last good PDF (and engine source) in place, marked to be made again.

Snakemake deletes a job's outputs before the job runs and again when it fails, so a bad
edit would take the author's last good PDF away (and an open viewer's page with it). The
engine's source and PDF jobs replace their files whole (a temporary file renamed into place,
datapaper.files), so nothing half-written can be left where the old file stands. For the
outputs `KEPT` names, `install` therefore changes Snakemake's two deletions:

- before the job, they stay where they are until the job's rename replaces them;
- when the job fails, they stay as they were, and Snakemake's record of them is dropped
  and they are marked incomplete, as an interrupted job's outputs are: the next run makes
  them again (the workflow profile sets `rerun-incomplete`; without it, Snakemake names
  them as incomplete and stops), so a kept file is never taken for an up-to-date one.

The run's closing message (`lines`) names the editions kept from an earlier build and
those that are missing. Every other output of a failed job is removed, as Snakemake does.
"""

from pathlib import Path
from typing import Any

# Rule name -> the named outputs that stay in place when its job fails.
KEPT = {"edition_pdf": ("pdf",), "edition_source": ("source",)}
# The files kept in place by this run's failed jobs (the main Snakemake process's list).
kept_this_run: list[str] = []


def kept_outputs(job: Any) -> set[str]:
    names = KEPT.get(getattr(getattr(job, "rule", None), "name", ""), ())
    return {str(getattr(job.output, name)) for name in names if hasattr(job.output, name)}


def install() -> None:
    """Patch Snakemake's Job (once; later calls do nothing)."""
    try:
        from snakemake.io import is_flagged
        from snakemake.jobs import Job
    except ImportError:
        return
    if getattr(Job.cleanup, "datapaper_keeps", False):
        return
    remove_existing = Job.remove_existing_output
    cleanup = Job.cleanup

    async def remove_existing_output(job: Any) -> None:
        kept = kept_outputs(job)
        if not kept:
            return await remove_existing(job)
        for file in job.output:
            if is_flagged(file, "update") or str(file) in kept:
                continue
            try:
                await file.remove(remove_non_empty_dir=False)
            except FileNotFoundError:
                pass
        for file in job.log:
            await file.remove(remove_non_empty_dir=False)

    async def cleanup_failed(job: Any, skip_outputs: Any) -> None:
        kept = [file for file in job.output if str(file) in kept_outputs(job) and Path(file).is_file()]
        await cleanup(job, [*skip_outputs, *kept])
        if kept:
            persistence = job.dag.workflow.persistence
            persistence.cleanup(job)  # no record: the kept files are not this job's outputs
            persistence.started(job)  # incomplete: the next run makes them again
            kept_this_run.extend(str(file) for file in kept)

    cleanup_failed.datapaper_keeps = True  # type: ignore[attr-defined]
    Job.remove_existing_output = remove_existing_output
    Job.cleanup = cleanup_failed


def not_made(dag: Any, paths: list[str]) -> list[str]:
    """Which of `paths` are outputs of jobs this run had to run and did not finish: a
    failed job's, and those of jobs the build never started because it stopped at a
    failure first (Snakemake's DAG, as the run's `onerror` sees it)."""
    wanted = set(paths)
    try:
        unfinished = list(dag.needrun_jobs(exclude_finished=True))
    except AttributeError:  # no DAG: the run stopped before it was built
        return []
    return sorted({str(file) for job in unfinished for file in job.output if str(file) in wanted})


def lines(pdfs: list[str], kept: list[str] | None = None) -> list[str]:
    """After a failed run: which of the asked-for PDFs are an earlier build's (`kept`: their
    jobs failed, or never ran), which missing."""
    kept = kept_this_run if kept is None else kept
    old = [pdf for pdf in pdfs if pdf in kept and Path(pdf).is_file()]
    missing = [pdf for pdf in pdfs if not Path(pdf).is_file()]
    out = []
    if old:
        out.append(
            "Kept from an earlier build (their jobs failed or did not run; the next run makes them again):"
        )
        out += [f"  {pdf}" for pdf in old]
    if missing:
        out.append("Not made (their jobs failed or did not run):")
        out += [f"  {pdf}" for pdf in missing]
    return out
