"""Numbers as each language writes them (CLDR via Babel), and nouns that agree with them."""

from decimal import Decimal

import pytest
from datapaper.localize import FormatError, format_value, noun_form
from helpers import units

UNITS = units()  # this paper's units table (data/units.yaml)

NBSP = "\u00a0"
LEXICON = {
    "en": {
        "format": {"compact": "long"},
        "units": {"tenge": "tenge"},
        "network": {"vkontakte": "VKontakte"},
        "nouns": {"user": {"one": "user", "other": "users"}},
    },
    "ru": {
        "format": {"compact": "short"},
        "units": {"tenge": "тенге"},
        "network": {"vkontakte": "ВКонтакте"},
        "nouns": {
            "user": {
                "one": "пользователь",
                "few": "пользователя",
                "many": "пользователей",
                "other": "пользователя",
            }
        },
    },
    "kk": {
        "format": {"compact": "short"},
        "units": {"tenge": "теңге"},
        "network": {"vkontakte": "ВКонтакте"},
        "nouns": {"user": {"one": "пайдаланушы", "other": "пайдаланушы"}},
    },
}


def fmt(value, unit, lang, decimals=None, **options):
    entry = {"value": value, "unit": unit}
    if decimals is not None:
        entry["decimals"] = decimals
    return format_value(entry, {k: str(v) for k, v in options.items()}, lang, LEXICON[lang], UNITS)


@pytest.mark.parametrize(("lang", "expected"), [("en", "23.2%"), ("ru", f"23,2{NBSP}%"), ("kk", "23,2%")])
def test_percent(lang, expected):
    assert fmt(23.2, "percent", lang, 1) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", f"259.5{NBSP}billion{NBSP}tenge"),
        ("ru", f"259,5{NBSP}млрд{NBSP}тенге"),
        ("kk", f"259,5{NBSP}млрд{NBSP}теңге"),
    ],
)
def test_billions_of_tenge(lang, expected):
    assert fmt(259.5, "billion_tenge", lang, 1) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "413,026"), ("ru", f"413{NBSP}026"), ("kk", f"413{NBSP}026")]
)
def test_thousands_separator(lang, expected):
    assert fmt(413026, "count", lang, 0) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", f"1.9{NBSP}million"), ("ru", f"1,9{NBSP}млн"), ("kk", f"1,9{NBSP}млн")]
)
def test_compact_count(lang, expected):
    assert fmt(1900000, "count", lang, 0, compact=True) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "October 1, 2019"), ("ru", "1 октября 2019 г."), ("kk", "2019 ж. 1 қазан")],
)
def test_long_date(lang, expected):
    written = fmt("2019-10-01", "date", lang)
    assert written.replace(NBSP, " ").replace("\u202f", " ") == expected
    assert " " not in written  # a date never breaks across lines: its spaces do not break


def test_a_date_in_a_case_does_not_break_either():
    assert fmt("2019-10-01", "date", "kk", case="attr") == f"2019{NBSP}жылғы{NBSP}1{NBSP}қазандағы"


def test_precision_as_stated():
    assert fmt(21, "percent", "en", 0) == "21%"
    assert fmt(24.81, "percent", "en", 2) == "24.81%"
    assert fmt(5.0, "times", "en", 1) == "5"
    assert fmt(2018, "year", "ru", 0) == "2018"


def test_names_come_from_the_lexicon():
    assert fmt("vkontakte", "network", "ru") == "ВКонтакте"
    with pytest.raises(FormatError, match="no word for 'odnoklassniki'"):
        fmt("odnoklassniki", "network", "ru")


RUSSIAN = {
    1: "пользователь",
    2: "пользователя",
    5: "пользователей",
    11: "пользователей",
    21: "пользователь",
    22: "пользователя",
    25: "пользователей",
    Decimal("1.5"): "пользователя",
}


@pytest.mark.parametrize(("count", "expected"), RUSSIAN.items(), ids=[str(c) for c in RUSSIAN])
def test_russian_plural_agreement(count, expected):
    assert noun_form(LEXICON["ru"]["nouns"]["user"], count, "ru") == expected
    assert fmt(count, "count", "ru", None, noun="user").endswith(NBSP + expected)


@pytest.mark.parametrize("count", [1, 2, 5, 11, 21, 22, 25, Decimal("1.5")], ids=str)
def test_kazakh_noun_does_not_change_after_a_number(count):
    assert noun_form(LEXICON["kk"]["nouns"]["user"], count, "kk") == "пайдаланушы"


def test_english_plural():
    assert fmt(1, "count", "en", noun="user") == f"1{NBSP}user"
    assert fmt(2, "count", "en", noun="user") == f"2{NBSP}users"


def test_noun_after_a_scale_word_takes_the_genitive_plural():
    assert fmt(1900000, "count", "ru", 0, compact=True, noun="user") == f"1,9{NBSP}млн{NBSP}пользователей"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_negative_value_is_data_written_with_a_true_minus(lang):
    written = fmt(-3, "count", lang)
    assert written == "\u22123" and "-" not in written
