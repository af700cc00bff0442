"""Every value right for data the paper has never had: digits kept through scale words,
rounding only when declared, a true minus, the words of a change's direction, scale words
that read right, and a scale word never typed after a placeholder."""

import re
from decimal import Decimal

import pytest
from datapaper.checks import check_scale_words
from datapaper.figures import Strings
from datapaper.localize import MINUS, FormatError, check_printed, format_value, read_number, scale_words
from datapaper.units import Unit
from hypothesis import given, settings
from hypothesis import strategies as st

UNITS = {
    "count": Unit("count", "number"),
    "percent": Unit("percent", "percent"),
    "million_euro": Unit("million_euro", "currency", word="euro", scale=6),
    "points": Unit("points", "number", signed=True),
}
LANGUAGES = ("en", "de", "fr", "ru", "uk", "kk")
WORDS = {"en": "euros", "de": "Euro", "fr": "euros", "ru": "евро", "uk": "євро", "kk": "еуро", "it": "euro"}


def lexicon(lang: str, style: str = "long") -> dict:
    return {"format": {"compact": style}, "units": {"euro": WORDS[lang]}}


def fmt(value, unit: str, lang: str, style: str = "long", decimals=None, **options) -> str:
    flags = {name: "" if given is True else str(given) for name, given in options.items()}
    entry = {"value": value, "unit": unit, "decimals": decimals}
    return format_value(entry, flags, lang, lexicon(lang, style), UNITS)


def significant(text: str) -> str:
    """The digits a reader sees, without leading zeros or trailing zeros (1.20 -> 12)."""
    return re.sub(r"\D", "", text).lstrip("0").rstrip("0") or "0"


def digits_of(value: Decimal) -> str:
    return significant(format(value, "f"))


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "1.2\u00a0billion\u00a0euros"),
        ("de", "1,2\u00a0Milliarden\u00a0Euro"),
        ("ru", "1,2\u00a0млрд\u00a0евро"),
        ("kk", "1,2\u00a0млрд\u00a0еуро"),
    ],
)
def test_a_currency_in_millions_keeps_its_digits_with_the_scale_word(lang, expected):
    style = "long" if lang in ("en", "de") else "short"
    assert fmt(1200, "million_euro", lang, style, decimals=0) == expected


def test_the_scale_word_agrees_with_the_number_as_written():
    assert fmt(1000, "million_euro", "de", decimals=0) == "1\u00a0Milliarde\u00a0Euro"
    assert fmt(1250, "million_euro", "de", decimals=0) == "1,25\u00a0Milliarden\u00a0Euro"
    assert fmt(1000000, "count", "en", compact=True) == "1\u00a0million"
    assert fmt(21000000, "count", "ru", "long", compact=True) == "21\u00a0миллион"
    assert fmt(22000000, "count", "ru", "long", compact=True) == "22\u00a0миллиона"


def test_rounding_is_a_declared_option_and_only_then_digits_go():
    assert fmt(1234567, "count", "en", compact=True) == "1.234567\u00a0million"
    assert fmt(1234567, "count", "en", compact=True, round=1) == "1.2\u00a0million"
    assert fmt(999960, "count", "en", compact=True, round=1) == "1\u00a0million"  # the carry moves the scale
    assert fmt(23.26, "percent", "en", round=1) == "23.3%"
    with pytest.raises(FormatError, match="round=x is not a number of decimals"):
        fmt(1, "count", "en", round="x")


def test_kazakh_thousands_say_myng_never_m():
    for value in (100000, 400000, 900000, 999000):
        written = fmt(value, "count", "kk", "short", compact=True)
        assert written.endswith("\u00a0мың") and "м." not in written


def test_a_printed_number_that_disagrees_with_its_data_stops_the_build():
    with pytest.raises(FormatError, match="reads as 1000000000"):
        check_printed("1 billion", Decimal(1200000000), Decimal(0), "en")
    check_printed("1.2\u00a0billion", Decimal(1234000000), Decimal(50000000), "en")  # round=1 allows it
    assert read_number("1,25\u00a0млрд теңгені", "kk") == Decimal(1250000000)
    assert read_number("\u22129,4\u00a0%", "ru") == Decimal("-9.4")
    assert read_number("900\u00a0мыңды", "kk") == Decimal(900000)
    assert read_number("5 Kazakh users", "en") == Decimal(5)


@settings(max_examples=150, deadline=None)
@given(
    lang=st.sampled_from(LANGUAGES),
    digits=st.integers(min_value=1, max_value=99999),
    exponent=st.integers(min_value=-2, max_value=9),
    negative=st.booleans(),
    how=st.sampled_from(["plain", "compact", "currency", "percent"]),
)
def test_every_written_value_keeps_its_significant_digits(lang, digits, exponent, negative, how):
    """Whatever the value, its written form shows every significant digit of the data (an
    independent reading: the digits, not the engine's parser), the true minus sign when it
    is negative, and in the compact forms a scale word the language has."""
    value = Decimal(digits).scaleb(exponent) * (-1 if negative else 1)
    unit = {"currency": "million_euro", "percent": "percent"}.get(how, "count")
    written = fmt(
        value, unit, lang, "short" if lang in ("ru", "uk", "kk") else "long", compact=how == "compact"
    )
    number = written.split("\u00a0" + WORDS[lang])[0] if how == "currency" else written
    assert significant(number) == digits_of(value), written
    assert written.startswith(MINUS) == negative and "-" not in written
    if how == "currency" and abs(value) >= 1:
        assert any(word in written for word in scale_words(lang)), written


@pytest.mark.parametrize(
    "lang, options, up, down, zero",
    [
        ("en", {}, "rose by 4.2%", "fell by 4.2%", "did not change"),
        ("de", {}, "stieg um 4,2\u00a0%", "sank um 4,2\u00a0%", "blieb unverändert"),
        ("ru", {}, "вырос на 4,2\u00a0%", "снизился на 4,2\u00a0%", "не изменился"),
        ("ru", {"trend": "fem"}, "выросла на 4,2\u00a0%", "снизилась на 4,2\u00a0%", "не изменилась"),
        ("uk", {"trend": "plur"}, "зросли на 4,2%", "знизилися на 4,2%", "не змінилися"),
        ("kk", {}, "4,2%\u2011ға өсті", "4,2%\u2011ға төмендеді", "өзгерген жоқ"),
    ],
)
def test_a_change_reads_right_for_a_rise_a_fall_and_no_change(lang, options, up, down, zero):
    trend = {"trend": True, **options}
    assert fmt(Decimal("4.2"), "percent", lang, **trend) == up
    assert fmt(Decimal("-4.2"), "percent", lang, **trend) == down
    assert fmt(0, "percent", lang, **trend) == zero
    # No change at the precision written: 0.04 rounded to one decimal is none.
    assert fmt(Decimal("0.04"), "percent", lang, round=1, **trend) == zero


def test_magnitude_and_sign_options():
    assert fmt(Decimal("-4.2"), "percent", "en", abs=True) == "4.2%"
    assert fmt(Decimal("4.2"), "percent", "en", sign=True) == "+4.2%"
    assert fmt(Decimal("-4.2"), "percent", "en", sign=True) == "\u22124.2%"
    assert fmt(9, "points", "en") == "+9"  # a unit declared `signed` is a change
    assert fmt(Decimal(-2500000), "count", "en", compact=True, trend=True) == "fell by 2.5\u00a0million"


def test_trend_words_refuse_what_they_cannot_say():
    with pytest.raises(FormatError, match="no trend words 'femm'; did you mean 'fem'"):
        fmt(1, "percent", "ru", trend="femm")
    with pytest.raises(FormatError, match="option trend has no words for 'it' — add `trends:"):
        fmt(1, "percent", "it", trend=True)
    own = {
        **lexicon("en"),
        "trends": {"default": {"up": "grew by {value}", "down": "shrank by {value}", "zero": "held"}},
    }
    entry = {"value": 3, "unit": "count", "decimals": 0}
    assert format_value(entry, {"trend": ""}, "en", own, UNITS) == "grew by 3"


@pytest.mark.parametrize(
    "lang, line, word",
    [
        ("kk", "шамамен {{a.b|in=thousand}} мың пайдаланушы", "мың"),
        ("ru", "до {{a.b|in=million}}\u00a0млн пользователей", "млн"),
        ("en", "to {{a.b}} Million users", "Million"),
        ("de", "{{a.b}} Milliarden Euro", "Milliarden"),
    ],
)
def test_a_scale_word_typed_after_a_placeholder_is_refused(lang, line, word):
    problems = check_scale_words("paper/x/10.intro.md", f"First.\n{line}\n", lang)
    assert len(problems) == 1
    assert problems[0].startswith(f"paper/x/10.intro.md:2: the scale word {word!r}")
    assert "{{a.b|compact}}" in problems[0]


def test_words_that_merely_begin_like_a_scale_word_pass():
    assert (
        check_scale_words("x.md", "{{a.b}} millionaires and {{c.d|compact}} users, {{e.f}} Mio", "en") == []
    )


def test_figure_strings_write_numbers_as_placeholders_do():
    words = {"nouns": {"times": "раз"}, "format": {"compact": "short"}, "units": {}}
    strings = Strings(
        {"f": {"factor": "в {factor|noun=times|case=acc}", "g": "{g|sign}", "y": "{year}"}},
        "ru",
        "s.yaml",
        UNITS,
        words,
    )
    assert strings.text("f.factor", factor={"value": 5, "unit": "count", "decimals": 0}) == "в 5\u00a0раз"
    assert (
        strings.text("f.factor", factor={"value": 2.5, "unit": "count", "decimals": 1}) == "в 2,5\u00a0раза"
    )
    assert strings.text("f.g", g={"value": -9.4, "unit": "percent", "decimals": 1}) == "\u22129,4\u00a0%"
    assert strings.text("f.y", year=2019) == "2019"
    with pytest.raises(Exception, match="has options, but the figure gives g as text"):
        strings.text("f.g", g="43 %")
