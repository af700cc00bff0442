"""The YAML files a job server parses once for every job it forks (yamlfiles.preparse):
a job takes the server's document the first time it reads the same text, and parses
again after; an edited file is read as it is now, and a file that does not parse is left
to the job that reads it, whose message names it."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from datapaper import PACKAGE, yamlfiles
from datapaper.yamlfiles import YamlError, preparse, read_yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "city_bikes"


@pytest.fixture
def parsed(monkeypatch):
    monkeypatch.setattr(yamlfiles, "PARSED", {})
    return yamlfiles.PARSED


def test_a_parsed_document_is_taken_once_then_parsed_again(tmp_path, parsed):
    path = tmp_path / "units.yaml"
    path.write_text("share: [1, 2]\n", encoding="utf-8")
    assert preparse([path]) == 1
    kept = parsed[path.read_text(encoding="utf-8")]
    first = read_yaml(path, dict)
    assert first is kept
    first["share"].append(3)  # the caller's to change, as a parsed document is
    again = read_yaml(path, dict)
    assert again == {"share": [1, 2]}
    assert again is not first


def test_a_file_edited_since_it_was_parsed_is_read_as_it_is_now(tmp_path, parsed):
    path = tmp_path / "lexicon.yaml"
    path.write_text("units: {bn: billion}\n", encoding="utf-8")
    preparse([path])
    path.write_text("units: {bn: milliard}\n", encoding="utf-8")
    assert read_yaml(path) == {"units": {"bn": "milliard"}}


def test_a_file_that_does_not_parse_is_left_to_the_job_that_reads_it(tmp_path, parsed):
    twice = tmp_path / "twice.yaml"
    twice.write_text("a: 1\na: 2\n", encoding="utf-8")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Zürich\n".encode("latin-1"))
    good = tmp_path / "good.yaml"
    good.write_text("a: 1\n", encoding="utf-8")
    assert preparse([twice, latin, tmp_path / "missing.yaml", good]) == 1
    assert list(parsed.values()) == [{"a": 1}]
    with pytest.raises(YamlError, match=r"twice\.yaml:2: key 'a' appears twice"):
        read_yaml(twice)


def test_parsing_stops_at_its_budget(tmp_path, parsed):
    paths = []
    for i in range(5):
        paths.append(tmp_path / f"{i}.yaml")
        paths[-1].write_text(f"key: {'x' * 90}{i}\n", encoding="utf-8")
    assert preparse(paths, budget=250) == 2
    assert len(parsed) == 2


def test_the_job_server_parses_the_projects_yaml_for_the_jobs_it_forks(tmp_path):
    """The server's setup (datapaper.forkserver_setup, imported last by each job server) in
    a paper's folder: every YAML file of the project is parsed, and a process forked after
    it reads the server's document instead of parsing the file."""
    project = tmp_path / "paper"
    shutil.copytree(FIXTURE, project)
    program = textwrap.dedent(
        """
        import os, sys
        import datapaper.forkserver_setup
        from datapaper import project, yamlfiles
        from datapaper.yamlfiles import read_yaml

        texts = {str(p): p.read_text(encoding="utf-8") for p in project.yaml_inputs()}
        missing = [p for p, text in texts.items() if text not in yamlfiles.PARSED]
        assert not missing and len(texts) >= 15, (missing, sorted(texts))
        kept = yamlfiles.PARSED[texts["data/units.yaml"]]
        pid = os.fork()
        if pid == 0:
            taken = read_yaml("data/units.yaml") is kept
            again = read_yaml("data/units.yaml") is not kept
            os._exit(0 if taken and again else 1)
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent), "DATAPAPER_LANGUAGES": "en,de,uk"}
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
