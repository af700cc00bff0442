"""The text: every placeholder resolves, and no number is typed into the prose by hand."""

from pathlib import Path

import pytest
import yaml
from datapaper.checks import check_prose, prose_digits
from datapaper.placeholders import PlaceholderError, resolve, resolve_files, scan
from helpers import CONFIG, LANGUAGES, lexicon, text_files, units

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_DIGITS = [item["pattern"] for item in CONFIG["checks"]["allowed_digits"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_placeholder_resolves(numbers, lang, tmp_path):
    numbers_file = tmp_path / "numbers.json"
    from datapaper import numbers as paper_numbers

    numbers_file.write_text(paper_numbers.dumps(numbers), encoding="utf-8")
    files = [str(p) for p in text_files(lang)] + [str(ROOT / "paper" / lang / "metadata.yaml")]
    result = resolve_files(
        files,
        str(numbers_file),
        str(ROOT / "paper" / lang / "lexicon.yaml"),
        lang,
        str(ROOT / "data" / "units.yaml"),
    )
    assert len(result["ledger"]) >= 100
    assert all(text and "{{" not in text for text in result["values"].values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_digit_in_prose_outside_placeholders(lang):
    offenders = []
    for path in text_files(lang):
        offenders += [
            f"{path.name}:{n}: {line}"
            for n, line in prose_digits(path.read_text(encoding="utf-8"), ALLOWED_DIGITS)
        ]
    meta = yaml.safe_load((ROOT / "paper" / lang / "metadata.yaml").read_text(encoding="utf-8"))
    for key in ("title", "abstract", "keywords"):
        offenders += [
            f"metadata.yaml {key}: {line}" for _, line in prose_digits(str(meta[key]), ALLOWED_DIGITS)
        ]
    assert not offenders, "digits typed into the prose:\n" + "\n".join(offenders)


def test_digit_lint_catches_a_typed_number():
    assert prose_digits("The share is 23.2% {{ecommerce.growth_adk}}.") == [(1, "The share is 23.2%  .")]
    assert prose_digits("1) {{audience.rank1.users}} users [@vc_social_rating_2019]") == []
    assert prose_digits("in terms of 1000 people", ALLOWED_DIGITS) == []
    problems = check_prose("paper/en/x.md", "One.\nThe share is 23.2%.\n", ALLOWED_DIGITS)
    assert problems and problems[0].startswith("paper/en/x.md:2: a number typed into the prose")


def test_unknown_placeholder_names_file_line_and_suggestions(numbers):
    occurrences = scan("First line.\nGrowth was {{ecommerce.growth_adx}}.\n", "paper/en/20.ecommerce.md")
    with pytest.raises(PlaceholderError) as err:
        resolve(occurrences, numbers, "en", lexicon("en"), units())
    message = str(err.value)
    assert "paper/en/20.ecommerce.md:2:" in message
    assert "ecommerce.growth_adx" in message
    assert "did you mean ecommerce.growth_adk" in message


def test_malformed_placeholder_is_an_error():
    with pytest.raises(PlaceholderError, match=r"x\.md:1: unclosed or malformed"):
        scan("Growth was {{ecommerce.growth_adk.\n", "x.md")
    with pytest.raises(PlaceholderError, match="x.md:1: no spaces inside a placeholder"):
        scan("Volume {{ ecommerce.volume }}.", "x.md")
    with pytest.raises(PlaceholderError, match="malformed option"):
        scan("{{ecommerce.growth_adk|Bad-Option}}", "x.md")


def test_unknown_option_is_an_error(numbers):
    with pytest.raises(PlaceholderError, match="unknown option"):
        resolve(scan("{{ecommerce.growth_adk|shout}}", "x.md"), numbers, "en", lexicon("en"), units())
