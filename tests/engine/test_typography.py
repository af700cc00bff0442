"""The typography check judges lines as a reader sees them (datapaper/typography.py)."""

from datapaper.typography import problems, unit_words

WORDS = unit_words("en", {"units": {"tenge": "tenge"}})


def check(*lines: str) -> list[str]:
    return problems([(1, line) for line in lines], WORDS, "paper.en.pdf")


def test_a_value_parted_from_its_scale_word_is_found():
    found = check("the market in Kazakhstan may reach 928", "billion tenge in 2022.")
    assert found == [
        "paper.en.pdf: page 1: 'the market in Kazakhstan may reach 928': the value parts from 'billion' at the line end"
    ]
    assert check("the market may reach 928", "percent of it") == []  # not a unit word here
    assert check("the share reached 23", "% of trade") != []


def test_straight_quotes_hyphen_dashes_and_hyphenated_numbers_are_found():
    assert "straight quote" in check("Kazakhstan's market")[0]
    assert "straight quote" in check('the "Association"')[0]
    assert "hyphen-minus" in check("the aim - an analysis")[0]
    assert "hyphen-minus" in check("a change of -4.2%")[0]
    assert "hyphenated" in check("a total of 1,900,0-", "00 users")[0]
    assert check("URL: https://zonakz.net/2019/05/04/socsetyami-polzuyutsya-70-", "protsentov.html") == []


def test_typeset_text_passes():
    assert (
        check("Kazakhstan’s market “grew” — by −4.2%", "in 2018–2022, e-commerce and 928\u00a0billion") == []
    )


def test_a_value_hyphenated_at_a_line_end_is_found_not_the_proses_own_word():
    values = ["the search and acquisition of new acquaintances", "259.5\u00a0billion tenge"]
    lines = [
        (9, "the search and acqui-"),
        (9, "sition of new"),
        (10, "that 259.5\u00a0bil\u00ad"),
        (10, "lion tenge"),
    ]
    found = problems(lines, WORDS, "paper.en.pdf", values=values)
    assert [line.split(": ")[-1] for line in found] == [
        "the value 'acquisition' is hyphenated at the line end",
        "the value 'billion' is hyphenated at the line end",
    ]
    # The prose may hyphenate its own word, which a value also has.
    assert problems(lines[:2], WORDS, "paper.en.pdf", values=values, text="an acquisition") == []
    assert problems([(1, "e-"), (1, "commerce")], WORDS, "paper.en.pdf", values=values) == []


def test_the_appendix_marks_values_so_that_no_format_hyphenates_them():
    from datapaper.appendix import VALUE_END, VALUE_START, escape, value_spans

    text = f"the growth of {VALUE_START}6%{VALUE_END} and {VALUE_START}My [World]{VALUE_END}."
    assert value_spans(escape(text)) == r"the growth of [6\%]{.value} and [My \[World\]]{.value}\."


def test_an_address_continued_on_the_next_line_may_start_with_its_own_hyphen():
    assert check("URL: https://zonakz.net/2019/05/04/socsetyami-polzuyutsya", "-70-naseleniya/.") == []
    assert "hyphen-minus" in check("a change of", "-4.2% in a year")[0]


def test_both_readers_of_a_pdf_find_the_same_problems(tmp_path):
    """The check reads a PDF with pdftotext where it is installed (CI installs it), else
    with pypdf: both find a value parted from its scale word, a straight quote and a
    hyphen for a dash in a page Typst sets, page by page."""
    import os
    import shutil

    import pytest
    import typst
    from datapaper.render.typst import FONTS
    from datapaper.typography import pdf_lines

    if not shutil.which("pdftotext"):
        assert not os.environ.get("CI"), "CI installs poppler-utils (envs/apt-packages.txt)"
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "page.typ"
    source.write_text(
        '#set text(font: "DejaVu Sans", lang: "en")\n#set smartquote(enabled: false)\n'
        "The market may reach 928 \\\nbillion tenge by 2022.\n\n"
        "Kazakhstan's aim - an analysis.\n\n#pagebreak()\nA second page.\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(typst.compile(str(source), font_paths=[str(FONTS)], ignore_system_fonts=True))
    poppler, pypdf = pdf_lines(pdf), pdf_lines(pdf, tool=None)
    assert [page for page, _ in poppler] == [1, 1, 1, 2] == [page for page, _ in pypdf]
    found = problems(poppler, WORDS, "page.pdf")
    assert found == problems(pypdf, WORDS, "page.pdf")
    assert [problem.rsplit(": ", 1)[1] for problem in found] == [
        "the value parts from 'billion' at the line end",
        "a straight quote or apostrophe",
        "a hyphen-minus for a dash or a minus sign",
    ]


def test_a_pdf_whose_text_cannot_be_read_is_a_finding_not_a_failure(tmp_path, monkeypatch):
    """The check runs in the PDF's own job (edition_pdf), after the PDF is written: a reader
    that fails on it (here, a file that is not a PDF) is one finding, written with the
    others, and the job goes on, by either reader."""
    import json

    from datapaper.typography import check_edition
    from helpers import ROOT

    pdf = tmp_path / "paper.en.pdf"
    pdf.write_text("not a PDF", encoding="utf-8")
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"values": {}}), encoding="utf-8")
    for reader in ("pdftotext", None):
        if reader is None:  # pypdf, as where poppler is not installed
            monkeypatch.setattr("datapaper.typography.shutil.which", lambda name: None)
        output = tmp_path / f"typography.{reader}.json"
        found = check_edition(
            pdf, ROOT / "paper/en/metadata.yaml", values, ROOT / "paper/en/lexicon.yaml", [], 1, output
        )
        assert len(found) == 1 and "could not read the PDF's text" in found[0] and str(pdf) in found[0]
        assert json.loads(output.read_text(encoding="utf-8")) == found
