"""End to end: Snakemake builds every edition, the PDFs carry the values, bad input stops it."""

import functools
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from helpers import fold, pdf_text, snakemake
from pypdf import PdfReader

EDITIONS = ["en", "kk", "ru", "journal"]
XELATEX = shutil.which("xelatex")


def values(build: Path, lang: str) -> dict[str, str]:
    return json.loads((build / lang / "values.json").read_text(encoding="utf-8"))["values"]


def missing_values(build: Path, edition: str) -> list[str]:
    lang = "en" if edition == "journal" else edition
    text = pdf_text(build / f"paper.{edition}.pdf")
    return [f"{p} -> {v}" for p, v in values(build, lang).items() if fold(v) not in text]


@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_contains_every_formatted_value(built, edition):
    assert not missing_values(built, edition)


def test_languages_format_numbers_their_own_way(built):
    """The Russian and Kazakh PDFs print 23,2 where the English prints 23.2."""
    english = pdf_text(built / "paper.en.pdf")
    for lang in ("kk", "ru"):
        text = pdf_text(built / f"paper.{lang}.pdf")
        assert "23,2" in text and "23.2" not in text, lang
        assert "259,5млрд" in text, lang
        assert "413026" in text, lang
    assert "23.2%" in english and "259.5billiontenge" in english and "413,026" in english


FIGURE_MARKS = {  # caption label of figure n, and a word every figure's source line has
    "en": ("Figure{n}.", "Source"),
    "journal": ("Figure{n}.", "Source"),
    "kk": ("{n}-сурет.", "Дереккөз"),
    "ru": ("Рисунок{n}–", "Источник"),
}


def figures_missing(build: Path, edition: str) -> list[str]:
    """Figures absent from an edition: numbered captions 1..7, each figure's own text."""
    count = sum(p.read_text(encoding="utf-8").count("{#fig:") for p in Path("paper/en").glob("*.md"))
    text = pdf_text(build / f"paper.{edition}.pdf")
    caption, source = FIGURE_MARKS[edition]
    missing = [caption.format(n=n) for n in range(1, count + 1) if caption.format(n=n) not in text]
    if count < 6 or text.count(source) < count:
        missing.append(f"{source} x{count} (the figures' source lines)")
    return missing


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_figure_is_in_every_edition(built, edition):
    assert not figures_missing(built, edition)


def test_journal_edition_has_three_abstracts_and_the_english_body(built):
    text = pdf_text(built / "paper.journal.pdf")
    assert "УДК004.03,004.89" in text and "МРНТИ71.01.75,28.29.03" in text
    for marker in ("Abstract:", "Аңдатпа:", "Аннотация:", "Keywords:", "Түйіндісөздер:", "Ключевыеслова:"):
        assert marker in text, marker
    assert "E-commerceandsocialmediainKazakhstan" in text


def test_references_are_rendered_once_each(built):
    text = pdf_text(built / "paper.en.pdf")
    assert text.count("brif.kz/blog/?p=1491") == 1
    assert text.count("4948958-skolko-kazahstantsev") == 1
    assert "ReillyA.H." in text


def test_second_run_has_nothing_to_do(built):
    result = snakemake("-n")
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_numbers_file_matches_the_data(built, numbers):
    from datapaper.numbers import dumps

    assert (built / "numbers.json").read_text(encoding="utf-8") == dumps(numbers)


@functools.cache
def font_coverage() -> set[int]:
    """Code points that DejaVu Serif has in regular, bold and italic alike."""
    from fontTools.ttLib import TTFont
    from matplotlib import get_data_path

    fonts = Path(get_data_path()) / "fonts" / "ttf"
    faces = ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf")
    return set.intersection(*(set(TTFont(fonts / face).getBestCmap()) for face in faces))


@pytest.mark.parametrize("edition", EDITIONS)
def test_font_has_every_character_of_the_text(built, edition):
    """No missing glyph: every character Typst sets is in DejaVu Serif (regular, bold, italic)."""
    source = (built / edition / "paper.typ").read_text(encoding="utf-8")
    missing = sorted({c for c in source if ord(c) > 127 and ord(c) not in font_coverage()})
    assert not missing, f"characters without a glyph: {missing}"


def test_kazakh_letters_survive_into_the_pdf(built):
    text = pdf_text(built / "paper.kk.pdf")
    for letter in "әғқңөұүі":
        assert letter in text, letter


# Bad input: one clear message naming the file and the place; no PDF is written.


def build_fails(project: Path, *targets: str) -> str:
    result = snakemake(*targets, cwd=project)
    assert result.returncode != 0
    assert not list((project / "build").glob("paper.*.pdf")), "a PDF was written despite the error"
    return result.stdout + result.stderr


def test_bad_cell_names_file_line_and_column(project_copy):
    project = project_copy()
    table = project / "data" / "raw" / "ecommerce_market.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("23.2", "23.2x"), encoding="utf-8")
    log = build_fails(project)
    assert "data/raw/ecommerce_market.csv:2: column `value`: '23.2x' is not a number" in log


def test_missing_column_is_named(project_copy):
    project = project_copy()
    table = project / "data" / "raw" / "ecommerce_structure.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join(",".join(line.split(",")[:1] + line.split(",")[2:]) for line in lines) + "\n")
    log = build_fails(project)
    assert "data/raw/ecommerce_structure.csv:1: missing column(s) share" in log


def test_unknown_placeholder_is_named_with_suggestions(project_copy):
    project = project_copy()
    section = project / "paper" / "ru" / "50.advertising.md"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            "{{advertising.total_volume}}", "{{advertising.total_volum}}"
        ),
        encoding="utf-8",
    )
    log = build_fails(project)
    assert "paper/ru/50.advertising.md:4: unknown placeholder key 'advertising.total_volum'" in log
    assert "did you mean advertising.total_volume" in log


@pytest.mark.skipif(not XELATEX and not os.environ.get("CI"), reason="TeX Live (xelatex) is not installed")
def test_latex_engine_builds_every_edition(latex_built):
    """`--config engine=latex`: four PDFs and their .tex sources, no missing glyph."""
    assert XELATEX, "CI must install TeX Live (envs/apt-packages.txt)"
    build = latex_built / "build"
    for edition in EDITIONS:
        assert (build / edition / "paper.tex").exists()
        assert "XeLaTeX" in PdfReader(build / f"paper.{edition}.pdf").metadata.get("/Producer", "")
        assert not missing_values(build, edition), edition
        assert not figures_missing(build, edition), edition
    text = pdf_text(build / "paper.ru.pdf")
    assert "23,2" in text and "413026" in text
    # Each source names its fonts by the link beside XeLaTeX's output, not by the virtual
    # environment's path, which may hold LaTeX's special characters.
    for edition in EDITIONS:
        source = (build / edition / "paper.tex").read_text(encoding="utf-8")
        assert f"Path=build/{edition}/latex/fonts/," in source
        assert (build / edition / "latex" / "fonts" / "DejaVuSerif.ttf").is_file()


@pytest.mark.slow
def test_xelatex_finds_fonts_in_a_folder_whose_path_is_latex_markup(tmp_path):
    """The font folder's path may hold `_`, `#`, `%`, `&`, `$`, `~` and braces (a virtual
    environment in such a folder): the source names the link in XeLaTeX's folder, and the
    PDF embeds the font."""
    assert XELATEX, "CI must install TeX Live (envs/apt-packages.txt)"
    from datapaper.render import latex
    from matplotlib import get_data_path

    fonts = tmp_path / "my_env #1 & 50% $x ~{y}" / "ttf"
    fonts.mkdir(parents=True)
    for font in Path(get_data_path(), "fonts", "ttf").glob("DejaVuSerif*.ttf"):
        (fonts / font.name).symlink_to(font)
    workdir = tmp_path / "build" / "en" / "latex"
    source = tmp_path / "paper.tex"
    source.write_text(
        "\\documentclass{article}\n\\usepackage{fontspec}\n"
        f"\\setmainfont[Path={latex.source_fonts(workdir.relative_to(tmp_path))}/, Extension=.ttf]{{DejaVuSerif}}\n"
        "\\begin{document}Ж and text\\end{document}\n",
        encoding="utf-8",
    )
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        pdf = latex.compile_pdf("paper.tex", workdir.relative_to(tmp_path), 0, fonts)
    finally:
        os.chdir(cwd)
    (tmp_path / "out.pdf").write_bytes(pdf)
    used = PdfReader(tmp_path / "out.pdf").pages[0]["/Resources"]["/Font"].values()
    assert any("DejaVuSerif" in font.get_object()["/BaseFont"] for font in used)
    assert "Жandtext" in pdf_text(tmp_path / "out.pdf")  # (pdf_text drops the spaces)


def embedded(html: str, path: str) -> str:
    """The text of a file the Snakemake report embeds (as a base64 data URI)."""
    import base64

    start = html.index(f'"{path}": {{')
    match = re.search(r'"data_uri": "data:[^,]*;base64,([^"]+)"', html[start:])
    return base64.b64decode(match[1]).decode("utf-8")


def test_snakemake_report_shows_figures_captions_numbers_audit_and_ledger(built, tmp_path):
    report = tmp_path / "report.html"
    result = snakemake("--report", str(report))
    assert result.returncode == 0, result.stdout + result.stderr
    html = report.read_text(encoding="utf-8")
    # The default target's figures: Typst's SVG (`all` drew the other formats too).
    names = [p.name for p in (built / "figures").glob("*.svg")]
    assert len(names) >= 18
    for name in names:
        assert f'"{name}"' in html, name
    for item in ("numbers.csv", "ledger.csv", "audit.html"):
        assert item in html, item
    assert "growth.forecast" in embedded(html, "build/audit.html"), "the report's audit lacks its findings"
    assert "Figure 1. E-commerce in Kazakhstan" in html
