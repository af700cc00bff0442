"""The engine knows no word of this paper's field: its package, rule files, filters,
templates and the Snakefile never name this paper's networks, currency, tables, keys or
country. Everything of that kind is this paper's content (data/, paper/, figures/,
config/, scripts/paper/)."""

import re

import pytest
import yaml
from helpers import ROOT

ENGINE = ROOT / "scripts" / "datapaper"
ENGINE_FILES = sorted(p for p in ENGINE.rglob("*") if p.is_file() and "__pycache__" not in p.parts) + [
    ROOT / "Snakefile"
]
SCHEMA = yaml.safe_load((ROOT / "data" / "schema.yaml").read_text(encoding="utf-8"))
UNITS = yaml.safe_load((ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))
LEXICON = yaml.safe_load((ROOT / "paper" / "en" / "lexicon.yaml").read_text(encoding="utf-8"))
# Units every paper may have: their names are no word of this paper's field.
GENERIC_UNITS = {"percent", "points", "year", "date", "years", "times", "rank", "count", "people"}
# Prefixes and lexicon tables that are plain English words an engine may well use.
GENERIC_WORDS = {
    "structure", "platforms", "payments", "internet", "audience", "popularity", "websites", "usage",
    "activities", "age", "advertising", "network", "medium", "segment", "country", "website",
    "activity", "ordinal", "cardinal", "nouns", "units", "format", "other",
}  # fmt: skip


def paper_words(numbers: dict) -> set[str]:
    """This paper's own names: its tables, prefixes, keys, units, networks, currency, country."""
    words = {"kazakhstan", "казахстан", "қазақстан", "tenge", "тенге", "теңге", "tazhi"}
    words |= set(SCHEMA["tables"])
    words |= {spec["prefix"] for spec in SCHEMA["tables"].values()}
    words |= set(UNITS) - GENERIC_UNITS
    words |= set(SCHEMA["definitions"]["network"]["enum"])
    words |= {str(key) for key in LEXICON["network"]}
    words |= {table for table in LEXICON}
    words |= {key for key in numbers if "." in key}
    return {w.lower() for w in words} - GENERIC_WORDS


def impure_lines(text: str, words: set[str]) -> list[tuple[int, str]]:
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w])", re.I
    )
    return [
        (number, match[1])
        for number, line in enumerate(text.splitlines(), 1)
        for match in pattern.finditer(line)
    ]


@pytest.fixture(scope="module")
def words(numbers) -> set[str]:
    return paper_words(numbers)


def test_the_word_list_is_this_papers(words):
    assert {
        "tenge",
        "vkontakte",
        "kazakhstan",
        "ecommerce_market",
        "ecommerce.volume",
        "billion_tenge",
    } <= words
    assert len(words) > 150


def test_the_check_finds_a_planted_word(words):
    assert impure_lines("x = 1\nunit = 'billion_tenge'  # Kazakhstan\n", words) == [
        (2, "billion_tenge"),
        (2, "Kazakhstan"),
    ]
    assert impure_lines("a network of the internet, other units", words) == []


def test_the_engine_names_nothing_of_this_paper(words):
    found = []
    for path in ENGINE_FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(ROOT)}:{n}: {word}" for n, word in impure_lines(text, words)]
    assert not found, "the engine names this paper's words:\n" + "\n".join(found)


def test_the_engine_files_are_read(words):
    kinds = {p.suffix for p in ENGINE_FILES}
    assert {".py", ".smk", ".lua", ".typ", ".tex", ".yaml", ".rst"} <= kinds
    assert len(ENGINE_FILES) > 40


# A language compared with a code: lang == "kk", language != "ru", lang in ("kk", "ru"), ...
LANGUAGE_TEST = re.compile(r"""\b\w*lang\w*\s*(?:[=!]=|(?:not\s+)?in)\s*[(\[{]?\s*(["'])[a-z]{2,3}\1""", re.I)


def test_no_generic_module_knows_a_language_by_its_code():
    """Per-language behaviour lives in the language's grammar module (datapaper/grammar/<code>.py),
    found by its code: a new language never means editing the generic code."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(ENGINE.rglob("*.py"))
        if "grammar" not in path.relative_to(ENGINE).parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LANGUAGE_TEST.search(line)
    ]
    assert not found, found


def test_the_language_check_would_see_a_comparison():
    for line in (
        'if lang == "kk":',
        "if language != 'ru':",
        'case if lang in ("ru", "uk")',
        "body_lang not in ['kk']",
    ):
        assert LANGUAGE_TEST.search(line), line
    for line in ('if fmt == "pdf":', "if lang == source:", "lang in LANGUAGES"):
        assert not LANGUAGE_TEST.search(line), line
