"""The typography check (datapaper/typography.py) on every PDF edition of this paper and of
the fixture paper, and after a data change that moves values across line ends; a French
paper's punctuation (resources/typography/fr.yaml) in its PDF."""

import json
from contextlib import chdir
from pathlib import Path

import pytest
import yaml
from datapaper import project
from datapaper.typography import edition_problems, pdf_lines, problems
from helpers import FIXTURES, ROOT, copy_project, datapaper_new, snakemake


def typeset_problems(folder: Path, edition: str) -> list[str]:
    """The typography check's findings as the PDF job (edition_pdf) wrote them (build/<edition>/typography.json),
    which are what the check finds in the PDF now."""
    config = yaml.safe_load((folder / "config" / "config.yaml").read_text(encoding="utf-8"))
    lang = project.edition_language(config, edition)
    lexicon = yaml.safe_load((folder / "paper" / lang / "lexicon.yaml").read_text(encoding="utf-8"))
    values = json.loads((folder / "build" / lang / "values.json").read_text(encoding="utf-8"))["values"]
    texts = sorted((folder / "paper" / lang).glob("*.md"))
    languages = len(
        yaml.safe_load((folder / "build" / edition / "metadata.yaml").read_text(encoding="utf-8"))["front"]
    )
    pdf = Path("build") / f"paper.{edition}.pdf"
    with chdir(folder):
        found = edition_problems(pdf, lang, lexicon, values, texts, languages)
    written = json.loads((folder / "build" / edition / "typography.json").read_text(encoding="utf-8"))
    assert written == found, "build/<edition>/typography.json is the check of the PDF it sits beside"
    return found


@pytest.mark.parametrize("edition", ["en", "kk", "ru", "journal"])
def test_every_edition_of_this_paper_is_typeset_right(built, edition):
    assert typeset_problems(ROOT, edition) == []


def test_the_fixture_paper_is_typeset_right_also_when_its_values_move(tmp_path):
    folder = copy_project(FIXTURES / "city_bikes", tmp_path / "fixture")
    editions = yaml.safe_load((folder / "config" / "config.yaml").read_text(encoding="utf-8")).get(
        "editions", ["en", "de", "uk"]
    )
    assert snakemake(cwd=folder).returncode == 0
    for edition in editions:
        assert typeset_problems(folder, edition) == []
    # Longer numbers in the first paragraphs move every line end after them.
    table = folder / "data" / "raw" / "city_rides.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("4600000", "4612345").replace("3900000", "3912345"), encoding="utf-8")
    assert snakemake(cwd=folder).returncode == 0
    for edition in editions:
        assert typeset_problems(folder, edition) == []


def test_a_french_paper_sets_a_narrow_no_break_space_before_its_punctuation(tmp_path):
    """`datapaper new` in English and French: the French edition's labels (the engine's
    words), body text, figure and quotations take the narrow no-break space; the English
    edition and the journal edition's English title block do not."""
    made = datapaper_new(tmp_path, "paper", "--languages", "en,fr")
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "paper"
    # A quotation, and marks typed with and without a space, in the French text.
    section = folder / "paper" / "fr" / "10.introduction.md"
    section.write_text(
        section.read_text(encoding="utf-8") + 'Pourquoi? Parce que "le vélo" compte; voilà !\n',
        encoding="utf-8",
    )
    build = snakemake(cwd=folder)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    french = "\n".join(line for _, line in pdf_lines(folder / "build" / "paper.fr.pdf", tool=None))
    for expected in (
        "Résumé\u202f:",
        "Mots-clés\u202f:",
        "datapaper new\u202f: ses données",
        "Source\u202f:",
    ):
        assert expected in french, expected
    assert "Pourquoi\u202f? Parce que «\u202fle vélo\u202f» compte\u202f; voilà\u202f!" in french.replace(
        "\n", " "
    )
    assert typeset_problems(folder, "fr") == []
    english = "\n".join(line for _, line in pdf_lines(folder / "build" / "paper.en.pdf", tool=None))
    assert "Abstract: " in english and "\u202f:" not in english
    journal = "\n".join(line for _, line in pdf_lines(folder / "build" / "paper.journal.pdf", tool=None))
    assert "Abstract: " in journal and "Résumé\u202f:" in journal
    # The check finds the space missing: the same PDF text with the colons set bare.
    bare = [
        (page, line.replace("\u202f:", ":"))
        for page, line in pdf_lines(folder / "build" / "paper.fr.pdf", tool=None)
    ]
    assert any("':' without the" in found for found in problems(bare, set(), "paper.fr.pdf", "fr"))


def test_this_paper_is_typeset_right_when_its_first_values_grow_longer(built_copy):
    """Longer numbers in the first paragraph of the e-commerce section move every line end
    after them, in every edition; the check (as the PDF job wrote it) still finds nothing."""
    folder = built_copy()
    before = {edition: pdf_lines(folder / "build" / f"paper.{edition}.pdf") for edition in ("en", "kk", "ru")}
    table = folder / "data" / "raw" / "ecommerce_market.csv"
    text = table.read_text(encoding="utf-8")
    longer = text.replace("growth_adk,23.2,", "growth_adk,23.2471,").replace(
        "forecast_volume,928,", "forecast_volume,928.4713,"
    )
    assert longer != text
    table.write_text(longer, encoding="utf-8")
    build = snakemake(cwd=folder)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    for edition, lines in before.items():
        after = pdf_lines(folder / "build" / f"paper.{edition}.pdf")
        assert after != lines, f"{edition}: the lines moved"
        assert any("928" in line and "4713" in line for _, line in after), edition
        assert typeset_problems(folder, edition) == []
