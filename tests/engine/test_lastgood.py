"""The closing lines of a failed run about the editions (datapaper.lastgood): which PDFs are
an earlier build's, kept in place, and which are missing; which outputs a job keeps."""

from types import SimpleNamespace

from datapaper import lastgood


def test_kept_and_missing_editions_are_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build").mkdir()
    for name in ("paper.en.pdf", "paper.de.pdf"):
        (tmp_path / "build" / name).write_bytes(b"%PDF")
    pdfs = ["build/paper.en.pdf", "build/paper.de.pdf", "build/paper.uk.pdf"]
    assert lastgood.lines(pdfs, kept=["build/paper.en.pdf"]) == [
        "Kept from an earlier build (their jobs failed or did not run; the next run makes them again):",
        "  build/paper.en.pdf",
        "Not made (their jobs failed or did not run):",
        "  build/paper.uk.pdf",
    ]
    assert lastgood.lines(pdfs[:2], kept=[]) == []


def test_only_the_edition_pdf_and_its_source_are_kept():
    source = SimpleNamespace(metadata="build/en/metadata.yaml", source="build/en/paper.typ")
    pdf = SimpleNamespace(pdf="build/paper.en.pdf")
    job = SimpleNamespace(rule=SimpleNamespace(name="edition_source"), output=source)
    assert lastgood.kept_outputs(job) == {"build/en/paper.typ"}
    job = SimpleNamespace(rule=SimpleNamespace(name="edition_pdf"), output=pdf)
    assert lastgood.kept_outputs(job) == {"build/paper.en.pdf"}
    other = SimpleNamespace(rule=SimpleNamespace(name="figure"), output=source)
    assert lastgood.kept_outputs(other) == set()


def test_a_pdf_whose_job_never_ran_is_named_with_the_failed_ones():
    """A build that stops at one edition's failure leaves other PDF jobs unstarted: their
    PDFs are an earlier build's too, and are named so (Snakemake's DAG, unfinished jobs)."""
    job = lambda *outputs: SimpleNamespace(output=list(outputs))  # noqa: E731
    unfinished = [job("build/paper.en.pdf"), job("build/en/typography.json"), job("build/en/paper.typ")]
    dag = SimpleNamespace(needrun_jobs=lambda exclude_finished: unfinished if exclude_finished else [])
    pdfs = ["build/paper.en.pdf", "build/paper.journal.pdf"]
    assert lastgood.not_made(dag, pdfs) == ["build/paper.en.pdf"]
    assert lastgood.not_made(None, pdfs) == []
