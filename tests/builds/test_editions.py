"""The journal and reader editions: the LaTeX submission package compiles away from the
project, the Word files carry every value, and the web pages (tests/builds/test_web.py)."""

import datetime
import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import CONFIG, ROOT, fold, pdf_text, snakemake

EDITIONS = ["en", "kk", "ru", "journal"]
XELATEX = shutil.which("xelatex")
RERUN = re.compile(r"Rerun to get|There were undefined (references|citations)")


def values(build: Path, lang: str) -> dict[str, str]:
    return json.loads((build / lang / "values.json").read_text(encoding="utf-8"))["values"]


def language(edition: str) -> str:
    return "en" if edition == "journal" else edition


# The LaTeX submission package.


@pytest.mark.slow
@pytest.mark.parametrize("edition", EDITIONS)
def test_submission_package_has_relative_paths_only(built, edition):
    with zipfile.ZipFile(built / "submission" / f"{edition}.zip") as archive:
        names = archive.namelist()
        source = archive.read("paper.tex").decode("utf-8")
        dates = {info.date_time for info in archive.infolist()}
    assert names == sorted(names)
    assert len(dates) == 1
    assert "fonts/LICENSE_DEJAVU" in names and "fonts/DejaVuSerif.ttf" in names
    graphics = re.findall(r"\\includegraphics(?:\[[^\]]*\])?\{([^}]+)\}", source)
    assert graphics and all(name in names for name in graphics), graphics
    assert "Path=fonts/" in source
    assert str(built.parent) not in source and "site-packages" not in source and "build/" not in source


@pytest.mark.slow
@pytest.mark.skipif(not XELATEX and not os.environ.get("CI"), reason="TeX Live (xelatex) is not installed")
def test_kazakh_submission_package_compiles_away_from_the_project(built, tmp_path):
    """Unpacked in a folder of its own, `xelatex paper.tex` makes the PDF with the values."""
    assert XELATEX, "CI must install TeX Live (envs/apt-packages.txt)"
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(built / "submission" / "kk.zip") as archive:
        archive.extractall(folder)
    for _run in range(3):
        result = subprocess.run(
            [XELATEX, "-interaction=nonstopmode", "-no-shell-escape", "paper.tex"],
            cwd=folder,
            capture_output=True,
            text=True,
            env={k: v for k, v in os.environ.items() if k not in ("TEXINPUTS", "PYTHONPATH")},
        )
        assert result.returncode == 0, result.stdout[-3000:]
        if not RERUN.search((folder / "paper.log").read_text(encoding="utf-8", errors="replace")):
            break
    log = (folder / "paper.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    text = pdf_text(folder / "paper.pdf")
    missing = [f"{p} -> {v}" for p, v in values(built, "kk").items() if fold(v) not in text]
    assert not missing
    for letter in "әғқңөұүі":
        assert letter in text, letter


@pytest.mark.slow
def test_submission_package_rebuilds_byte_identical(built):
    """A second run of the rule gives the same zip, byte for byte."""
    target = built / "submission" / "ru.zip"
    before = target.read_bytes()
    result = snakemake("--forcerun", "edition_submission", str(target.relative_to(built.parent)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == before


# Word.


def docx_text(path: Path) -> str:
    """Every run of text in the document body (paragraphs, tables, links), joined."""
    import docx

    return "".join(docx.Document(str(path)).element.body.xpath(".//w:t/text()"))


@pytest.mark.slow
@pytest.mark.parametrize("edition", EDITIONS)
def test_docx_contains_every_formatted_value_and_figure(built, edition):
    import docx

    path = built / f"paper.{edition}.docx"
    text = fold(docx_text(path))
    missing = [f"{p} -> {v}" for p, v in values(built, language(edition)).items() if fold(v) not in text]
    assert not missing
    document = docx.Document(str(path))
    figures = sorted(built.glob(f"figures/*.{language(edition)}.png"))
    assert len(document.inline_shapes) == len(figures) > 0
    for shape in document.inline_shapes:
        image = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].image
        assert image.content_type == "image/png" and image.horz_dpi >= 300, image.horz_dpi


@pytest.mark.slow
def test_kazakh_docx_is_tagged_and_keeps_its_letters(built):
    import docx

    document = docx.Document(str(built / "paper.kk.docx"))
    tags = document.styles.element.xpath("//w:rPrDefault//w:lang/@w:val")
    assert tags == ["kk-KZ"]
    text = docx_text(built / "paper.kk.docx")
    for letter in "әғқңөұүі":
        assert letter in text, letter
    fonts = set(document.styles.element.xpath("//w:rFonts/@w:ascii"))
    assert fonts <= {"DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono"}, fonts


@pytest.mark.slow
def test_journal_docx_keeps_its_front_matter(built):
    """Codes, then title, abstract and keywords in each abstract language, each tagged."""
    import docx
    import yaml

    document = docx.Document(str(built / "paper.journal.docx"))
    text = fold(docx_text(built / "paper.journal.docx"))
    for code in CONFIG["codes"]:
        assert fold(code["value"]) in text
    tags = set(document.element.body.xpath(".//w:lang/@w:val"))
    for lang in CONFIG["journal"]["abstract_languages"]:
        meta = yaml.safe_load((ROOT / "paper" / lang / "metadata.yaml").read_text(encoding="utf-8"))
        assert fold(meta["labels"]["abstract"]) in text and fold(meta["keywords"][0]) in text
        assert meta["lang"] in tags


@pytest.mark.slow
def test_docx_rebuilds_byte_identical_with_no_build_time(built):
    target = built / "paper.kk.docx"
    before = target.read_bytes()
    result = snakemake("--forcerun", "edition_docx", str(target.relative_to(built.parent)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == before
    with zipfile.ZipFile(target) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        assert len({info.date_time for info in archive.infolist()}) == 1
        leaks = [name for name in archive.namelist() if b"site-packages" in archive.read(name)]
        assert not leaks, f"paths of this machine in {leaks}"
    epoch = CONFIG["source_date_epoch"]
    stamp = datetime.datetime.fromtimestamp(epoch, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == [stamp, stamp]


# Bad input and text from data, in Word and on the web.

HOSTILE = 'VK <script>alert("x")</script> <b>bold</b> \\input{/etc/passwd} $x$ & _ #'


def set_yaml(path: Path, keys: tuple[str, ...], value: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class Elements(HTMLParser):
    """The start tags of a page and its text, as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


@pytest.mark.slow
def test_text_from_data_stays_text_in_word_and_on_the_web(built_copy):
    """A name with markup (a <script> among it) is shown literally and never runs."""
    project = built_copy()
    set_yaml(project / "paper" / "en" / "lexicon.yaml", ("network", "vkontakte"), HOSTILE)
    set_yaml(project / "figures" / "strings" / "en.yaml", ("network", "vkontakte"), HOSTILE)
    result = snakemake("build/paper.en.docx", "build/paper.en.html", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    literal = fold(HOSTILE)
    assert fold(docx_text(project / "build" / "paper.en.docx")).count(literal) >= 2  # text, appendix
    page = Elements()
    page.feed((project / "build" / "paper.en.html").read_text(encoding="utf-8"))
    assert "script" not in page.tags and "b" not in page.tags
    assert fold("".join(page.text)).count(literal) >= 2


@pytest.mark.slow
def test_unknown_placeholder_stops_word_and_web_naming_file_and_line(project_copy):
    project = project_copy()
    section = project / "paper" / "ru" / "50.advertising.md"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            "{{advertising.total_volume}}", "{{advertising.total_volum}}"
        ),
        encoding="utf-8",
    )
    result = snakemake("build/paper.ru.docx", "build/paper.ru.html", cwd=project)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "paper/ru/50.advertising.md:4: unknown placeholder key 'advertising.total_volum'" in log
    assert not list((project / "build").glob("paper.ru.*"))


@pytest.mark.slow
def test_web_page_rebuilds_byte_identical(built):
    """Attributes the filters set come in a fixed order: the same page each build."""
    target = built / "paper.kk.html"
    before = target.read_bytes()
    result = snakemake("--forcerun", "edition_html", str(target.relative_to(built.parent)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == before
