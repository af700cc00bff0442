"""The typography check (datapaper/typography.py) on every PDF edition of this paper and of
the fixture paper, and after a data change that moves values across line ends."""

from pathlib import Path

import pytest
import yaml
from datapaper import project
from datapaper.typography import pdf_lines, problems, unit_words
from helpers import FIXTURES, ROOT, copy_project, snakemake


def typeset_problems(folder: Path, edition: str) -> list[str]:
    config = yaml.safe_load((folder / "config" / "config.yaml").read_text(encoding="utf-8"))
    lang = project.edition_language(config, edition)
    lexicon = yaml.safe_load((folder / "paper" / lang / "lexicon.yaml").read_text(encoding="utf-8"))
    pdf = folder / "build" / f"paper.{edition}.pdf"
    return problems(pdf_lines(pdf), unit_words(lang, lexicon), str(pdf.relative_to(folder)))


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
