"""The engine's command line: every command is listed and has --help with its description;
`datapaper diff` runs the build's diff target with the revision, the editions and the cores
it is given (the diff itself is built in tests/builds/test_revision_diff.py)."""

import subprocess
import sys

import pytest
from datapaper import diffcommand, scaffold
from datapaper import translations as translations_module
from datapaper.__main__ import CHECK, main
from helpers import ROOT

COMMANDS = ("new", "check", "diff", "preview", "translations")


def help_of(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_the_help_lists_every_command(capsys):
    text = help_of(capsys)
    for command in COMMANDS:
        assert f"datapaper {command}" in text, command
    assert "{" + ",".join(COMMANDS) + "}" in text


def first_words(text: str) -> str:
    return " ".join(text.split()[:8])


@pytest.mark.parametrize(
    ("command", "description"),
    [
        ("new", scaffold.parser().description),
        ("check", CHECK),
        ("diff", diffcommand.DESCRIPTION),
        ("preview", "Build the editions' PDFs, then rebuild what each save in"),
        ("translations", translations_module.__doc__.split("\n\n")[0]),
    ],
)
def test_each_command_has_help_with_its_description(command, description, capsys):
    assert first_words(description) in help_of(capsys, command)


@pytest.fixture
def runs(monkeypatch):
    """The commands `datapaper diff` would run, recorded instead of run, in this paper's folder."""
    ran: list[list[str]] = []

    def record(command, check=False):
        ran.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(diffcommand.subprocess, "run", record)
    return ran


def test_diff_runs_the_diff_target_with_the_revision(runs, capsys):
    assert main(["diff", "v1.0"]) == 0
    assert runs == [[sys.executable, "-m", "snakemake", "--cores", "2", "diff", "--config", "diff_base=v1.0"]]
    out = capsys.readouterr().out
    assert out.startswith("The diff against v1.0:")
    from datapaper import project, settings

    config, _ = settings.read(project.CONFIG)
    for edition in project.editions(config):
        assert f"build/diff/{edition}.html" in out and f"build/diff/{edition}.pdf" in out


def test_diff_of_named_editions_with_cores(runs, capsys):
    assert main(["diff", "HEAD~3", "en", "journal", "--cores", "3"]) == 0
    targets = ["build/diff/en.html", "build/diff/en.pdf", "build/diff/journal.html", "build/diff/journal.pdf"]
    assert runs == [
        [sys.executable, "-m", "snakemake", "--cores", "3", *targets, "--config", "diff_base=HEAD~3"]
    ]
    assert capsys.readouterr().out.split()[4:] == targets


def test_diff_refuses_an_unknown_edition_and_a_missing_revision(runs, capsys):
    assert main(["diff", "v1.0", "xx"]) == 2
    assert "unknown edition(s) xx — name editions of this paper:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["diff"])
    assert done.value.code == 2
    assert runs == []


def test_a_failed_diff_returns_its_exit_code(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(
        diffcommand.subprocess, "run", lambda command, check=False: subprocess.CompletedProcess(command, 1)
    )
    assert main(["diff", "nosuchrevision"]) == 1
    assert "The diff against" not in capsys.readouterr().out
