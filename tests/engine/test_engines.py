"""The engines' guards: a missing glyph stops XeLaTeX, Typst reads nothing outside the project."""

import pytest
import typst
import yaml
from datapaper import resource
from datapaper.render.latex import log_problems
from datapaper.render.typst import compile_pdf


def test_a_missing_glyph_in_the_log_is_a_problem():
    log = (
        "Some line\nMissing character: There is no ә (U+04D9) in font lmroman10-regular!\n! Emergency stop.\n"
    )
    problems = log_problems(log)
    assert "missing glyph ә (U+04D9) in font lmroman10-regular" in problems
    assert "! Emergency stop." in problems
    assert log_problems("Output written on paper.pdf (5 pages).") == []


def test_typst_cannot_read_outside_the_project(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    source = project / "paper.typ"
    source.write_text('#read("/etc/passwd")\n', encoding="utf-8")
    with pytest.raises(typst.TypstError, match="outside of project root|access denied|not found"):
        compile_pdf(source, project, 0)
    source.write_text(TITLED + "Hello\n", encoding="utf-8")
    assert compile_pdf(source, project, 0).startswith(b"%PDF")


# What PDF/UA-1 asks of every Typst source (datapaper/render/typst.py exports with it).
TITLED = '#set document(title: [A paper])\n#set text(lang: "en")\n'


def test_typst_pdfs_declare_pdf_ua_1_and_pdf_a_2a(tmp_path):
    """The XMP metadata identifies both standards; the document is tagged and has a language."""
    from pypdf import PdfReader

    source = tmp_path / "paper.typ"
    source.write_text(TITLED + "= Heading\n\nHello\n", encoding="utf-8")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(compile_pdf(source, tmp_path, 0))
    root = PdfReader(pdf).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>A</pdfaid:conformance>" in xmp
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"


def test_an_image_without_alternative_text_stops_the_build_naming_the_file_and_the_fix(tmp_path):
    from datapaper.errors import InputError

    (tmp_path / "x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    source = tmp_path / "paper.typ"
    source.write_text(TITLED + '#figure(image("x.svg"), caption: [A figure])\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"paper\.typ: Typst refuses .*PDF/UA-1.*alt text — give the image"):
        compile_pdf(source, tmp_path, 0)
    source.write_text(TITLED + '#figure(image("x.svg", alt: "A black square"), caption: [A figure])\n')
    assert compile_pdf(source, tmp_path, 0).startswith(b"%PDF")


def test_the_bibliography_has_the_papers_19_references_with_two_duplicates_marked():
    references = yaml.safe_load(open("paper/references.yaml", encoding="utf-8"))["references"]
    assert [r["original-number"] for r in references] == list(range(1, 20))
    duplicates = {r["id"]: r["duplicate-of"] for r in references if "duplicate-of" in r}
    assert duplicates == {"brif_1491_repeat": "brif_1491", "zakon_social_time_repeat": "zakon_social_time"}
    by_id = {r["id"]: r for r in references}
    for copy, original in duplicates.items():
        assert by_id[copy]["URL"] == by_id[original]["URL"]


def test_a_dash_never_starts_a_line():
    import pypandoc

    native = pypandoc.convert_text(
        "Twitter — 21 %, TV – 52%, 15–30",
        "native",
        format="markdown",
        filters=[str(resource("filters", "dashes.lua"))],
    )
    assert native.count('Str "\\160"') == 2
    assert 'Str "15\\8211\\8288\\&30"' in native  # a range keeps its numbers together


@pytest.mark.parametrize(
    ("text", "highlighted"),
    [
        ("Plain text with `inline code` and numbers.\n", False),
        ("```\nno language named\n```\n", False),
        ("Text.\n\n```python\nprint(1)\n```\n", True),
        ("  ~~~~ {.r .numberLines}\nx <- 1\n~~~~\n", True),
        ("``` {#id .sql}\nselect 1\n```\n", True),
        ("```text\n(928 / 259.5)^(1/4) - 1\n```\n", False),
        ("``` {.plain}\nx\n```\n\n```c++\nint x;\n```\n", True),
    ],
)
def test_pandoc_loads_its_syntax_definitions_only_for_code_in_a_named_language(text, highlighted):
    from datapaper.render.pandoc import NO_HIGHLIGHTING, highlighting

    assert (highlighting([text]) == []) is highlighted
    assert (NO_HIGHLIGHTING in highlighting(["Prose.\n", text])) is not highlighted


def test_a_text_without_code_to_highlight_converts_to_the_same_bytes_without_the_definitions():
    """What the option skips changes nothing in a text that has nothing to highlight, and a
    named code block is still highlighted (its tokens in spans)."""
    import subprocess

    import pypandoc
    from datapaper.render.pandoc import NO_HIGHLIGHTING, convert_text

    pandoc = pypandoc.get_pandoc_path()
    plain = "# Audit\n\nThe `growth.forecast` claim, 23.2%.\n\n```text\n|37.5 - 6| = 31.5\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"

    def html(*options: str) -> str:
        command = [pandoc, "-f", "gfm", "-t", "html", "--standalone", "--metadata", "title=t", *options]
        return subprocess.run(command, input=plain, capture_output=True, text=True, check=True).stdout

    assert html(NO_HIGHLIGHTING) == html()
    code = convert_text(pandoc, plain + "\n```python\nx = 1\n```\n", "gfm", "html", "--standalone")
    assert '<span class="op">=</span>' in code
