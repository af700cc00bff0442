"""The three texts say the same things: same sections, placeholders, citations and cross-references."""

import re
from pathlib import Path

import pytest
import yaml
from datapaper.checks import check_language
from helpers import SOURCE, text_files

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))["languages"]
TRANSLATIONS = [lang for lang in LANGUAGES if lang != SOURCE]


def sections(lang: str) -> list[str]:
    return [p.name for p in text_files(lang)]


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_same_section_files(lang):
    assert sections(lang) == sections("en")


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_same_placeholders_citations_and_references(lang):
    files = [str(p) for p in text_files(lang)]
    english = [str(p) for p in text_files(SOURCE)]
    assert check_language(files, english, known=None) == []


def pair(tmp_path, english: str, translation: str) -> tuple[str, str]:
    """One section in English and in a translation, as files."""
    (tmp_path / "en").mkdir()
    (tmp_path / "ru").mkdir()
    (tmp_path / "en" / "20.x.md").write_text(english, encoding="utf-8")
    (tmp_path / "ru" / "20.x.md").write_text(translation, encoding="utf-8")
    return str(tmp_path / "ru" / "20.x.md"), str(tmp_path / "en" / "20.x.md")


def test_the_build_check_names_the_file_and_english_line(tmp_path):
    russian, english = pair(
        tmp_path,
        "One.\nGrowth was {{ecommerce.growth_adk}} [@reilly2014].\n",
        "Один.\nРост [@reilly2014] и [@nobody].\n",
    )
    problems = check_language([russian], [english], {"reilly2014"})
    assert (
        f"{russian}:2: unknown citation key 'nobody' (not in paper/references.yaml) — add the reference "
        "there, or cite one of its ids" in problems
    )
    assert (
        f"{russian}: placeholder ecommerce.growth_adk is missing (1x); the English has it at {english}:2 — "
        "put it back into the translation" in problems
    )


def test_a_moved_citation_and_a_dropped_figure_reference_are_caught(tmp_path):
    russian, english = pair(
        tmp_path,
        "Growth {{ecommerce.growth_adk}} [@profit_ecommerce_2025], see @fig:growth.\n",
        "Рост {{ecommerce.growth_adk}} [@vlast_ecommerce].\n",
    )
    assert sorted(check_language([russian], [english], None)) == sorted(
        [
            f"{russian}: citation profit_ecommerce_2025 is missing (1x); the English has it at {english}:1"
            " — put it back into the translation",
            f"{russian}: cross-reference fig:growth is missing (1x); the English has it at {english}:1"
            " — put it back into the translation",
            f"{russian}:1: citation vlast_ecommerce is not in the English {english} — remove it, or add it"
            " to the English first",
        ]
    )


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_same_metadata_and_lexicon_keys(lang):
    for name in ("metadata.yaml", "lexicon.yaml"):
        english = yaml.safe_load((ROOT / "paper" / "en" / name).read_text(encoding="utf-8"))
        other = yaml.safe_load((ROOT / "paper" / lang / name).read_text(encoding="utf-8"))
        assert set(english) <= set(other), f"paper/{lang}/{name}: missing {set(english) - set(other)}"
        for key, value in english.items():
            if isinstance(value, dict) and key != "nouns":
                missing = set(value) - set(other[key])
                assert not missing, f"paper/{lang}/{name}: {key} lacks {sorted(missing)}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_text_names_an_activity_as_its_figure_does(lang):
    """The sentence on social-media activities and the figure of them use the same words."""
    lexicon = yaml.safe_load((ROOT / "paper" / lang / "lexicon.yaml").read_text(encoding="utf-8"))
    strings = yaml.safe_load((ROOT / "figures" / "strings" / f"{lang}.yaml").read_text(encoding="utf-8"))
    phrase = lexicon["activity_phrase"]["new_acquaintances"]
    assert phrase.casefold() == strings["activity"]["new_acquaintances"].casefold()


# Latin letters that look like Cyrillic ones, and Russian letters standing in for Kazakh ones.
LOOKALIKES = re.compile(
    r"[\u0400-\u04ff]+[aceiopxyhkmtbACEIOPXYHKMTB]+[\u0400-\u04ff]*|[aceiopxy]+[\u0400-\u04ff]+"
)


def test_lookalike_check_catches_latin_letters():
    assert LOOKALIKES.search("қaзақ")  # Latin a
    assert LOOKALIKES.search("Қaзақстан")
    assert not LOOKALIKES.search("«Мой Мир@Mail.ru» QR-кодтар")


def test_kazakh_words_use_cyrillic_letters_only():
    offenders = []
    for path in sorted((ROOT / "paper" / "kk").glob("*")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            line = re.sub(r"\{\{[^}]*\}\}|\[@[^\]]*\]|\{[#.][^}]*\}", " ", line)
            offenders += [f"{path.name}:{number}: {m}" for m in LOOKALIKES.findall(line)]
    assert not offenders, "\n".join(offenders)


def test_kazakh_text_has_kazakh_letters():
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "paper" / "kk").glob("*.md"))
    for letter in "әғқңөұүһі":
        assert letter in text, letter
