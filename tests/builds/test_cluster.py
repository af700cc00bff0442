"""Ready for a cluster: the compute rules run as jobs of a Snakemake executor plugin
(cluster-generic, with a local submit script standing in for a scheduler) and give the
same bytes as a local build."""

import re
from pathlib import Path

import pytest
from helpers import ROOT, copy_project, snakemake

TARGETS = [
    "build/numbers.json",
    "build/figures/network_audiences.en.svg",
    "build/figures/advertising_market.ru.png",
    "build/figures/ecommerce_growth.kk.svg",
]


@pytest.mark.slow
def test_compute_rules_through_an_executor_plugin_give_the_local_bytes(built, tmp_path):
    project = copy_project(ROOT, tmp_path / "cluster")
    result = snakemake("--profile", "profiles/local-cluster", *TARGETS, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout + result.stderr
    submitted = re.findall(r"Submitted job \d+ with external jobid 'local-\d+'", log)
    assert len(submitted) >= 4, log  # group_numbers and figure jobs went through the executor
    assert re.search(r"^localrule numbers:", log, re.M), "the merge is a local rule"
    for target in TARGETS:
        assert (project / target).read_bytes() == (built.parent / target).read_bytes(), target
    for group in (project / "build" / "numbers").glob("*.json"):
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
