"""Files written whole or not at all (datapaper.files): under a temporary name of the
writing process's own, a full disk told as such, and nothing partial left behind."""

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from datapaper import dag, errors, files
from datapaper.errors import InputError, NoSpace


def test_a_write_goes_through_a_partial_file_of_its_own_process(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "out.txt"
    renamed = []
    replace = os.replace
    monkeypatch.setattr(files.os, "replace", lambda a, b: (renamed.append(Path(a).name), replace(a, b)))
    files.write_text(target, "whole\n")
    assert target.read_text() == "whole\n"
    assert renamed == [f"out.txt.{os.getpid()}.partial"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_a_partial_file_of_a_process_that_ended_is_removed_and_a_running_ones_kept(tmp_path):
    target = tmp_path / "out.txt"
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = tmp_path / f"out.txt.{int(ended.stdout)}.partial"
    running = tmp_path / f"out.txt.{os.getppid()}.partial"  # pytest's parent runs
    other = tmp_path / "other.txt.1.partial"
    for path in (stale, running, other):
        path.write_text("half")
    files.write_text(target, "whole\n")
    assert not stale.exists()
    assert running.exists() and other.exists()


def full_disk(code: int):
    def write_bytes(self: Path, data: bytes) -> int:
        with open(self, "wb") as handle:
            handle.write(data[:3])  # some of it made it to the disk
        raise OSError(code, os.strerror(code))

    return write_bytes


@pytest.mark.parametrize(
    ("code", "what"), [(errno.ENOSPC, "no space left"), (errno.EDQUOT, "the disk quota is used up")]
)
def test_a_full_disk_is_named_and_leaves_nothing_partial(tmp_path, monkeypatch, code, what):
    target = tmp_path / "build" / "paper.en.pdf"
    files.write_bytes(target, b"the last good one")
    monkeypatch.setattr(Path, "write_bytes", full_disk(code))
    with pytest.raises(NoSpace) as err:
        files.write_bytes(target, b"a new edition")
    assert isinstance(err.value, InputError)
    assert str(err.value) == (
        f"{target}: {what} on {files.mount_point(target)}, the file system it is written to — "
        "free space there and run again"
    )
    assert sorted(p.name for p in target.parent.iterdir()) == ["paper.en.pdf"]
    assert target.read_bytes() == b"the last good one"


def test_other_write_errors_pass_on_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "write_bytes", full_disk(errno.EACCES))
    with pytest.raises(PermissionError):
        files.write_bytes(tmp_path / "x", b"x")
    assert not list(tmp_path.iterdir())


class Job:
    rule = "pdf"

    class wildcards:
        @staticmethod
        def items():
            return [("lang", "en")]


def test_a_job_on_a_full_disk_ends_with_its_message_and_no_traceback(tmp_path, monkeypatch, capsys):
    """run_job prints the message even when the disk has no room for its error file."""
    monkeypatch.chdir(tmp_path)

    def main(smk):
        files.write_bytes(tmp_path / "build" / "paper.en.pdf", b"%PDF")

    monkeypatch.setattr(Path, "write_bytes", full_disk(errno.ENOSPC))
    with pytest.raises(errors.InputFailed) as failed:
        errors.run_job(main, Job())
    printed = capsys.readouterr().err
    assert failed.value.code == 1
    assert printed.startswith(f"{tmp_path / 'build' / 'paper.en.pdf'}: no space left on ")
    assert printed.rstrip().endswith("— free space there and run again")
    assert "Traceback" not in printed
    assert not list(tmp_path.rglob("*.partial"))


def test_the_import_cache_is_skipped_on_a_full_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(dag, "CACHE", tmp_path / "datapaper-imports.json")
    monkeypatch.setattr(dag, "_cache", {"a.py": [1, 2, []]})
    monkeypatch.setattr(dag, "_dirty", True)
    monkeypatch.setattr(Path, "write_bytes", full_disk(errno.ENOSPC))
    dag.save_cache()  # no error: the next run reads the sources again
    assert not list(tmp_path.iterdir())


def test_a_copied_project_finds_its_modules_imports_in_its_copied_cache(tmp_path, monkeypatch):
    """The import cache names a file relative to the project, so a copy that keeps the files'
    times (shutil.copytree, cp -p) reads its workflow without parsing its modules again; a
    module edited in the copy is parsed anew."""
    first = tmp_path / "first"
    (first / "scripts").mkdir(parents=True)
    (first / ".snakemake").mkdir()
    (first / "scripts" / "m.py").write_text("import os\nfrom json import loads\n", encoding="utf-8")

    def fresh_run(folder: Path) -> None:  # a new Snakemake process in `folder`
        monkeypatch.chdir(folder)
        monkeypatch.setattr(dag, "_cache", None)
        dag.imported_names.cache_clear()

    fresh_run(first)
    names = dag.imported_names(Path("scripts/m.py").resolve())
    assert names == {"os", "json", "json.loads"}
    dag.save_cache()
    assert "scripts/m.py" in json.loads((first / dag.CACHE).read_text(encoding="utf-8"))

    second = shutil.copytree(first, tmp_path / "second")
    parsed = []
    original = dag.parse_imports
    monkeypatch.setattr(dag, "parse_imports", lambda path: parsed.append(path) or original(path))
    fresh_run(second)
    assert dag.imported_names(Path("scripts/m.py").resolve()) == names
    assert parsed == []
    (second / "scripts" / "m.py").write_text("import sys\n", encoding="utf-8")
    fresh_run(second)
    assert dag.imported_names(Path("scripts/m.py").resolve()) == {"sys"}
    assert parsed == [(second / "scripts" / "m.py").resolve()]
    dag.imported_names.cache_clear()
