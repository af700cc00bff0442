"""Ready for a cluster: the compute rules run as jobs of a Snakemake executor plugin
(cluster-generic, with a local submit script standing in for a scheduler) and give the
same bytes as a local build. Engine behaviour, so on the fixture paper (each cluster job
is a Snakemake process of its own: a few seconds each), with this paper's profile."""

import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, copy_project, snakemake

TARGETS = [
    "build/numbers.json",
    "build/figures/city_rides.en.svg",
    "build/figures/city_rides.uk.png",
]


@pytest.mark.slow
def test_compute_rules_through_an_executor_plugin_give_the_local_bytes(fixture_all, tmp_path):
    project = copy_project(FIXTURES / "city_bikes", tmp_path / "cluster")
    shutil.copytree(ROOT / "profiles" / "local-cluster", project / "profiles" / "local-cluster")
    # More cores than this machine's CPUs, as a cluster has: the local cap stays off.
    result = snakemake("--profile", "profiles/local-cluster", "--cores", "64", *TARGETS, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout + result.stderr
    assert "datapaper: at most" not in log
    submitted = re.findall(r"Submitted job \d+ with external jobid 'local-\d+'", log)
    # group_numbers (two groups), the figure and its print job went through the executor
    assert len(submitted) >= 4, log
    assert re.search(r"^localrule numbers:", log, re.M), "the merge is a local rule"
    built = fixture_all[0] / "build"
    for target in TARGETS:
        assert (project / target).read_bytes() == (built.parent / target).read_bytes(), target
    groups = sorted((project / "build" / "numbers").glob("*.json"))
    assert len(groups) == 2
    for group in groups:
        assert group.read_bytes() == (built / "numbers" / group.name).read_bytes(), group.name


def test_rules_declare_threads_and_resources_and_cheap_rules_are_local():
    result = snakemake("-n", "--forceall", "--quiet", "rules")
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = (ROOT / "scripts" / "datapaper" / "workflow" / "main.smk").read_text(encoding="utf-8")
    local = re.search(r"^localrules:\n((?:    \w+,\n)+)", workflow, re.M)[1]
    assert {"numbers", "ledger", "translation_status"} <= set(re.findall(r"(\w+),", local))
    for name in ("numbers.smk", "figures.smk", "paper.smk"):
        text = (ROOT / "scripts" / "datapaper" / "workflow" / name).read_text(encoding="utf-8")
        assert "threads: 1" in text and "mem_mb=" in text, name
    assert Path(ROOT / "profiles" / "local-cluster" / "submit.sh").exists()
