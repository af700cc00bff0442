"""The text: every placeholder resolves, and no number is typed into the prose by hand."""

import re
from pathlib import Path

import pytest
import yaml
from placeholders import PlaceholderError, resolve, resolve_files, scan

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
LANGUAGES = CONFIG["languages"]


from project import text_files  # noqa: E402


def lexicon(lang):
    return yaml.safe_load((ROOT / "paper" / lang / "lexicon.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_placeholder_resolves(numbers, lang, tmp_path):
    numbers_file = tmp_path / "numbers.json"
    import paper_numbers

    numbers_file.write_text(paper_numbers.dumps(numbers), encoding="utf-8")
    files = [str(p) for p in text_files(lang)] + [str(ROOT / "paper" / lang / "metadata.yaml")]
    result = resolve_files(files, str(numbers_file), str(ROOT / "paper" / lang / "lexicon.yaml"), lang)
    assert len(result["ledger"]) >= 100
    assert all(text and "{{" not in text for text in result["values"].values())


# Digits that may stand in the prose, and why none of them is a claim.
ALLOWED_DIGITS = [
    (r"\b1000\b", "advertising cost 'in terms of 1000 people' (CPM) is a unit, not a claim"),
    (r"Mail\.ru|Forbes\.kz", "proper names"),
]
NOT_PROSE = [
    r"\{\{[^{}]*\}\}",  # placeholders
    r"\[@[^\]]*\]",  # citations
    r"\{[#.][^}]*\}",  # heading ids and classes
    r"^\s*\d+\)\s",  # ordered list markers
    r"https?://\S+",  # addresses
]


def prose_digits(text: str) -> list[tuple[int, str]]:
    """Lines that still hold a digit once placeholders and non-prose are taken out."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in NOT_PROSE:
            line = re.sub(pattern, " ", line)
        for pattern, _why in ALLOWED_DIGITS:
            line = re.sub(pattern, " ", line)
        if re.search(r"\d", line):
            found.append((number, line.strip()))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_digit_in_prose_outside_placeholders(lang):
    offenders = []
    for path in text_files(lang):
        offenders += [
            f"{path.name}:{n}: {line}" for n, line in prose_digits(path.read_text(encoding="utf-8"))
        ]
    meta = yaml.safe_load((ROOT / "paper" / lang / "metadata.yaml").read_text(encoding="utf-8"))
    for key in ("title", "abstract", "keywords"):
        offenders += [f"metadata.yaml {key}: {line}" for _, line in prose_digits(str(meta[key]))]
    assert not offenders, "digits typed into the prose:\n" + "\n".join(offenders)


def test_digit_lint_catches_a_typed_number():
    assert prose_digits("The share is 23.2% {{ecommerce.growth_adk}}.") == [(1, "The share is 23.2%  .")]
    assert prose_digits("1) {{audience.rank1.users}} users [@vc_social_rating_2019]") == []


def test_unknown_placeholder_names_file_line_and_suggestions(numbers):
    occurrences = scan("First line.\nGrowth was {{ecommerce.growth_adx}}.\n", "paper/en/20.ecommerce.md")
    with pytest.raises(PlaceholderError) as err:
        resolve(occurrences, numbers, "en", lexicon("en"))
    message = str(err.value)
    assert "paper/en/20.ecommerce.md, line 2" in message
    assert "ecommerce.growth_adx" in message
    assert "did you mean ecommerce.growth_adk" in message


def test_malformed_placeholder_is_an_error():
    with pytest.raises(PlaceholderError, match=r"x\.md, line 1: unclosed or malformed"):
        scan("Growth was {{ecommerce.growth_adk.\n", "x.md")
    with pytest.raises(PlaceholderError, match="x.md, line 1: no spaces inside a placeholder"):
        scan("Volume {{ ecommerce.volume }}.", "x.md")
    with pytest.raises(PlaceholderError, match="malformed option"):
        scan("{{ecommerce.growth_adk|Bad-Option}}", "x.md")


def test_unknown_option_is_an_error(numbers):
    with pytest.raises(PlaceholderError, match="unknown option"):
        resolve(scan("{{ecommerce.growth_adk|shout}}", "x.md"), numbers, "en", lexicon("en"))
