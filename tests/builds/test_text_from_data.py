"""Text from data is text in every output. One set of payloads (HTML, a `javascript:` link,
Typst and LaTeX code, Markdown, pandoc's raw attributes, a placeholder) is put wherever a
data string reaches the paper: a lexicon word the text splices (the busiest city's name,
`{{rides.rank1}}`), a figure string (the city's name on the figure) and a text cell of a
raw table (shown in the web page's provenance of each number). The fixture paper is built
in every format, and no payload is live anywhere: the web pages have no script, no event
handler, no `javascript:` link and no image beyond the figure's own; the Typst and LaTeX
sources carry the payload escaped, as text; the PDFs and the Word files show it literally,
and no file of the machine is read into them."""

import csv
import io
import json
import re
import subprocess
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, copy_project, fold, snakemake

pytestmark = pytest.mark.slow

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    '#read("/etc/passwd")',
    '#eval("1")',
    "\\input{/etc/passwd}",
    "\\def\\x{}",
    "**bold**",
    "[link](http://x)",
    "`<b>x</b>`{=html}",
    '`#read("/etc/passwd")`{=typst}',
    "`\\input{/etc/passwd}`{=latex}",
    "{{rides.year}}",
]
PAYLOAD = " ".join(PAYLOADS)
NAME = f"Munich {PAYLOAD}"
# The languages whose words carry the payload (Ukrainian inflects the city's name), and
# the editions written in them.
LANGUAGES = ("en", "de")
EDITIONS = ("en", "de", "journal")
PASSWD = "root:x:0"
FIGURES = 1  # the fixture paper's figures: each page embeds these images, and no other


def plant(project: Path) -> None:
    """The payload in the busiest city's name (lexicons, figure strings) and in a text cell
    of every row of its table."""
    for lang in LANGUAGES:
        for path in (
            project / "paper" / lang / "lexicon.yaml",
            project / "figures" / "strings" / f"{lang}.yaml",
        ):
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            doc["city"]["munich"] = NAME
            path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    schema = project / "data" / "schema.yaml"
    rides = "      rides: {type: integer, minimum: 0}\n"
    text = schema.read_text(encoding="utf-8")
    assert rides in text
    schema.write_text(text.replace(rides, rides + "      note: {type: string}\n", 1), encoding="utf-8")
    table = project / "data" / "raw" / "city_rides.csv"
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["note", *rows[0]], lineterminator="\n")
    writer.writeheader()
    writer.writerows({"note": PAYLOAD, **row} for row in rows)
    table.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    """The fixture paper with the payloads, built in every format; returns build/."""
    project = copy_project(FIXTURES / "city_bikes", tmp_path_factory.mktemp("payload") / "city_bikes")
    plant(project)
    result = snakemake("all", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build"


class Page(HTMLParser):
    """A page's elements with their attributes, and its text."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name.lower(): value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.texts.append(data)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    @property
    def text(self) -> str:
        return fold("".join(self.texts))


def no_live_markup(page: Page, markdown_is_text: bool = True) -> None:
    assert page.tags("script") == [], "a <script> element"
    assert [(tag, name) for tag, attrs in page.elements for name in attrs if name.startswith("on")] == []
    hrefs = [attrs.get("href", "") for tag, attrs in page.elements]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    if markdown_is_text:
        assert "http://x" not in hrefs, "Markdown in a data string became a link"
    assert page.tags("b") == [] and page.tags("iframe") == [] and page.tags("img") == []


def test_the_payload_is_spliced_as_the_citys_name(planted):
    values = json.loads((planted / "en" / "values.json").read_text(encoding="utf-8"))["values"]
    assert values["{{rides.rank1}}"] == NAME


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_payload_is_live_in_the_web_page(planted, edition):
    page = Page(planted / f"paper.{edition}.html")
    images = [attrs.get("src", "") for attrs in page.tags("img")]
    assert len(images) == FIGURES and all(src.startswith("data:image/svg+xml;base64,") for src in images)
    page.elements = [(tag, attrs) for tag, attrs in page.elements if tag != "img"]
    no_live_markup(page)
    # Shown literally: as the city's name, and in each number's provenance as the row's cell.
    assert fold(NAME) in page.text
    assert fold(f"note={PAYLOAD}") in page.text
    assert PASSWD not in page.text


def test_no_payload_is_live_in_the_audit_page(planted):
    """The audit's page renders its quotes as Markdown through text-only.lua: HTML, script
    links and handlers are text or dropped (a Markdown link in a value is still a link)."""
    no_live_markup(Page(planted / "audit.html"), markdown_is_text=False)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_typst_source_has_the_payload_as_text(planted, edition):
    source = (planted / edition / "paper.typ").read_text(encoding="utf-8")
    assert "Munich" in source
    assert not re.search(r"(?<!\\)#(read|eval)\(", source), "Typst code from a data string"
    assert '\\#read(\\"/etc/passwd\\")' in source and '\\#eval(\\"1\\")' in source


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_pdf_shows_the_payload_and_reads_no_file(planted, edition):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(planted / f"paper.{edition}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert PASSWD not in text
    shown = fold(re.sub("\u00ad\n?", "", text))
    for payload in PAYLOADS:
        assert fold(payload) in shown, payload


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_latex_package_has_the_payload_as_text(planted, edition):
    with zipfile.ZipFile(planted / "submission" / f"{edition}.zip") as package:
        tex = "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".tex"))
    assert "Munich \\textless img src=x onerror=alert(1)\\textgreater{}" in tex
    assert (
        "\\textbackslash input\\{/etc/passwd\\}" in tex
        and "\\textbackslash def\\textbackslash x\\{\\}" in tex
    )
    assert "\\input{/etc/passwd}" not in tex and "\\def\\x" not in tex


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_word_file_has_the_payload_as_text(planted, edition):
    with zipfile.ZipFile(planted / f"paper.{edition}.docx") as document:
        xml = document.read("word/document.xml").decode("utf-8")
        relations = document.read("word/_rels/document.xml.rels").decode("utf-8")
    text = unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    assert fold(NAME) in fold(text)
    assert "javascript:" not in relations and 'Target="http://x"' not in relations


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_figure_has_the_payload_as_text(planted, lang):
    svg = Page(planted / "figures" / f"city_rides.{lang}.svg")
    no_live_markup(svg)
    assert svg.tags("img") == [] and svg.tags("image") == []
