"""The typography check judges lines as a reader sees them (datapaper/typography.py)."""

from datapaper.typography import problems, unit_words

WORDS = unit_words("en", {"units": {"tenge": "tenge"}})


def check(*lines: str) -> list[str]:
    return problems([(1, line) for line in lines], WORDS, "paper.en.pdf")


def test_a_value_parted_from_its_scale_word_is_found():
    found = check("the market in Kazakhstan may reach 928", "billion tenge in 2022.")
    assert found == [
        "paper.en.pdf: page 1: 'the market in Kazakhstan may reach 928': the value parts from 'billion' at the line end"
    ]
    assert check("the market may reach 928", "percent of it") == []  # not a unit word here
    assert check("the share reached 23", "% of trade") != []


def test_straight_quotes_hyphen_dashes_and_hyphenated_numbers_are_found():
    assert "straight quote" in check("Kazakhstan's market")[0]
    assert "straight quote" in check('the "Association"')[0]
    assert "hyphen-minus" in check("the aim - an analysis")[0]
    assert "hyphen-minus" in check("a change of -4.2%")[0]
    assert "hyphenated" in check("a total of 1,900,0-", "00 users")[0]
    assert check("URL: https://zonakz.net/2019/05/04/socsetyami-polzuyutsya-70-", "protsentov.html") == []


def test_typeset_text_passes():
    assert (
        check("Kazakhstan’s market “grew” — by −4.2%", "in 2018–2022, e-commerce and 928\u00a0billion") == []
    )
