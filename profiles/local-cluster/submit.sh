#!/usr/bin/env bash
# A stand-in for a scheduler's submit command (sbatch, qsub), for testing the cluster path
# on one machine: it starts the job script Snakemake hands it in the background and prints
# a job id, as a scheduler would. Used by profiles/local-cluster/config.yaml.
jobscript="${*: -1}"
nohup bash "$jobscript" > "$jobscript.out" 2>&1 < /dev/null &
echo "local-$!"
