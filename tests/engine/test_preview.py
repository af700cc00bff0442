"""The live preview's decisions, without Snakemake: which saves count, when the Snakefile
is parsed again, what it says after a build. (The preview itself, on the fixture paper:
tests/builds/test_live_preview.py.)"""

from datapaper import preview
from watchfiles import Change


class FakeWorkflow:
    """Stands in for the resident Snakemake: records each build and how it was asked for."""

    def __init__(self, ok: bool = True, errors: tuple[str, ...] = ()) -> None:
        self.targets = ["build/paper.xx.pdf"]
        self.calls: list[bool] = []
        self.ok, self.errors = ok, list(errors)

    def build(self, reparse: bool = True) -> tuple[bool, list[str]]:
        self.calls.append(reparse)
        return self.ok, self.errors


def test_scratch_files_and_partial_outputs_are_no_change(tmp_path):
    kept = tmp_path / "20.results.md"
    kept.write_text("x", encoding="utf-8")
    gone = tmp_path / "old.md"
    changes = {
        (Change.modified, str(kept)),
        (Change.added, str(tmp_path / "sedAbc12")),
        (Change.deleted, str(tmp_path / "sedAbc12")),
        (Change.modified, str(tmp_path / "x.pdf.partial")),
        (Change.modified, str(tmp_path / ".20.results.md.swp")),
        (Change.deleted, str(gone)),
    }
    assert preview.changed_files(changes) == sorted([str(kept), str(gone)])


def test_a_text_or_table_edit_reuses_the_parsed_workflow_anything_else_parses_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "10.intro.md").write_text("x", encoding="utf-8")
    workflow = FakeWorkflow()
    watcher = preview.Watcher(workflow, ["paper"])
    watcher.changed(["paper/10.intro.md"])
    (tmp_path / "paper" / "lexicon.yaml").write_text("x: y", encoding="utf-8")
    watcher.changed(["paper/lexicon.yaml"])
    (tmp_path / "paper" / "20.new.md").write_text("x", encoding="utf-8")
    watcher.changed(["paper/20.new.md"])
    watcher.changed(["paper/20.new.md"])
    assert workflow.calls == [False, True, True, False]


def test_a_failed_build_prints_the_engines_message_and_keeps_the_pdfs(capsys):
    message = "paper/xx/20.results.md:3: unknown placeholder key 'a.b'"
    assert not preview.rebuild(FakeWorkflow(ok=False, errors=(message,)), "changed paper/xx/20.results.md")
    out, err = capsys.readouterr()
    assert message in err
    assert out.startswith("preview: changed paper/xx/20.results.md: failed; the last good PDFs stay")


def test_a_good_build_names_the_pdfs_it_replaced(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    workflow = FakeWorkflow()

    def build(reparse: bool = True) -> tuple[bool, list[str]]:
        (tmp_path / "build").mkdir(exist_ok=True)
        (tmp_path / "build" / "paper.xx.pdf").write_bytes(b"%PDF")
        return True, []

    workflow.build = build
    assert preview.rebuild(workflow, "first build")
    assert capsys.readouterr().out.startswith("preview: first build: updated build/paper.xx.pdf in ")


def test_an_unknown_edition_is_named(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("languages: [en]\n", encoding="utf-8")
    assert preview.main(["fr"]) == 2
    assert "unknown edition(s) fr (editions: en, journal)" in capsys.readouterr().err


def test_every_job_a_pdf_needs_runs_in_the_preview_or_forked_from_its_server():
    """The jobs on the way to a PDF (the preview's targets) run in its process, the drawing
    ones forked; none is left to a Python of its own (0.2-0.3 s each: the English audit
    appendix was, once). The job list is the engine's jobs folder, read here on its own."""
    jobs = {p.stem for p in preview.JOBS.glob("*.py")} - {"__init__"}
    on_the_way = {
        "group_numbers",
        "merge_numbers",
        "values",
        "audit_appendix",
        "citation_style",
        "source",
        "pdf",
    }
    assert on_the_way <= jobs
    assert on_the_way <= preview.IN_PROCESS_JOBS
    assert preview.FORKED_JOBS == {"figure", "figure_alt", "figure_print"} <= jobs
    assert jobs - preview.FORKED_JOBS == preview.IN_PROCESS_JOBS
