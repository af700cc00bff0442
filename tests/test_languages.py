"""The three texts say the same things: same sections, placeholders, citations and cross-references."""

import re
from pathlib import Path

import pytest
import yaml
from check_text import check_language, differences

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))["languages"]
TRANSLATIONS = [lang for lang in LANGUAGES if lang != "en"]


def sections(lang: str) -> list[str]:
    return sorted(p.name for p in (ROOT / "paper" / lang).glob("[0-9]*.md"))


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_same_section_files(lang):
    assert sections(lang) == sections("en")


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_same_placeholders_citations_and_references(lang):
    problems = []
    for name in sections("en"):
        english = (ROOT / "paper" / "en" / name).read_text(encoding="utf-8")
        translation = (ROOT / "paper" / lang / name).read_text(encoding="utf-8")
        problems += [f"paper/{lang}/{name}: {d}" for d in differences(english, translation)]
    assert not problems, "\n".join(problems)


def test_the_build_check_names_the_file_and_english_line(tmp_path):
    english = tmp_path / "en" / "20.x.md"
    russian = tmp_path / "ru" / "20.x.md"
    english.parent.mkdir()
    russian.parent.mkdir()
    english.write_text("One.\nGrowth was {{ecommerce.growth_adk}} [@reilly2014].\n", encoding="utf-8")
    russian.write_text("Один.\nРост [@reilly2014] и [@nobody].\n", encoding="utf-8")
    problems = check_language([str(russian)], [str(english)], {"reilly2014"})
    assert f"{russian}, line 2: unknown citation key 'nobody' (not in paper/references.yaml)" in problems
    assert any(
        p.startswith(
            f"{russian}: placeholder ecommerce.growth_adk is missing (1x); the English has it at {english}, line 2"
        )
        for p in problems
    )


def test_a_missing_placeholder_is_caught():
    english = "Growth was {{ecommerce.growth_adk}} [@profit_ecommerce_2025], see @fig:growth."
    assert differences(english, english) == []
    dropped = "Өсім болды [@profit_ecommerce_2025], @fig:growth қараңыз."
    assert differences(english, dropped) == ["placeholder ecommerce.growth_adk missing (1x)"]
    moved = english.replace("@profit_ecommerce_2025", "@vlast_ecommerce")
    assert sorted(differences(english, moved)) == [
        "citation profit_ecommerce_2025 missing (1x)",
        "citation vlast_ecommerce not in English (1x)",
    ]


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
