# Settings: config/config.yaml, read with a clear message if its YAML is malformed, then
# checked against the engine's schema (resources/config.schema.yaml).
from pathlib import Path

from snakemake.utils import validate

from datapaper import errors, lastgood, locking, project, runner
from datapaper.yamlfiles import YamlError, read_yaml

try:
    read_yaml(project.CONFIG, dict, "settings")
except YamlError as err:
    raise WorkflowError(str(err))


configfile: "config/config.yaml"


# The engine's jobs fork from servers that import the engine once (datapaper.runner): one
# for the jobs that draw (forked from the other once it has imported), one for the others.
# Started as soon as the paper's languages are known (a server loads their data), unless
# this is a dry run or a job of a cluster run, they import while Snakemake checks the
# settings and builds the DAG: the text jobs' server always (not in the preview, which runs
# those jobs in its own process), the drawing jobs' server when no figure has been drawn
# yet (a clean build draws every figure among its first jobs), else only if the DAG has a
# drawing job (onstart below). A build with nothing to draw, a no-op or a text edit, does
# not share the cores with matplotlib's imports (0.7 s of a no-op, measured).
runner.install(workflow)
# Every run ends without Python's last walk over Snakemake's heap (datapaper.runner).
runner.collect_nothing_at_exit()
# Snakemake compares each job's params without importing pandas (datapaper.runner).
runner.params_without_pandas()
# Snakemake hashes a finished job's inputs once, not once per output (datapaper.runner).
runner.checksums_once_per_job()
if not workflow.output_settings.dryrun and getattr(workflow, "is_main_process", False):
    drawn = any(Path().glob(project.figure_layout("*")))
    runner.start(
        config.get("languages"),
        names=[
            name
            for name in (["text"] if drawn else ["text", "drawing"])
            if name in runner.forked_servers()
        ],
    )


# `--config strict=true` arrives as text; read true/false as the booleans they mean.
if str(config.get("strict")).lower() in ("true", "false"):
    config["strict"] = str(config["strict"]).lower() == "true"


validate(config, "../resources/config.schema.yaml")


onstart:
    # The drawing jobs' server, if the DAG has a drawing job and it was not started with
    # the build (the preview starts its own, and runs the text jobs in its process).
    local = getattr(workflow, "local_exec", False)
    if local and runner.draws(workflow.dag.needrun_jobs()):
        runner.start(config.get("languages"), names=["drawing"])
    # A message of an earlier run is never repeated (datapaper.errors).
    errors.clear()
    lastgood.kept_this_run.clear()
    # Snakemake's job rate limit is meant for cluster queues. Locally it only re-arms a
    # one-second timer after each scheduling round, and that timer keeps Snakemake waiting
    # up to a second after the last job (Snakemake 9). Dropping it saves that second on
    # every build; the guards leave cluster runs and other Snakemake versions as they are.
    if local and getattr(workflow.scheduler, "job_rate_limiter", None) is not None:
        workflow.scheduler.job_rate_limiter = None
    # No more jobs at once than the CPUs a local build may use (datapaper.runner.cap_jobs).
    runner.cap_jobs(workflow)


# Two builds started together: the second stops with Snakemake's "Directory cannot be
# locked", not a traceback (datapaper.locking).
locking.install()
# A failed edition keeps its last good PDF in place, to be made again (datapaper.lastgood).
lastgood.install()
