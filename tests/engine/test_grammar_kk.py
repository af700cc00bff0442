"""Kazakh case endings, table by table: the ending follows how the value is said."""

import pytest
from datapaper.grammar import kk
from datapaper.localize import FormatError, format_value
from helpers import units

UNITS = units()
NBSP = "\u00a0"
CASES = ("gen", "acc", "dat", "loc", "abl", "ins")

# number: (spoken form, gen, acc, dat, loc, abl, ins); a number ending in each digit,
# each ten, and 100, 1 000, 1 000 000.
NUMBERS = {
    1: ("бір", "дің", "ді", "ге", "де", "ден", "мен"),
    2: ("екі", "нің", "ні", "ге", "де", "ден", "мен"),
    3: ("үш", "тің", "ті", "ке", "те", "тен", "пен"),
    4: ("төрт", "тің", "ті", "ке", "те", "тен", "пен"),
    5: ("бес", "тің", "ті", "ке", "те", "тен", "пен"),
    6: ("алты", "ның", "ны", "ға", "да", "дан", "мен"),
    7: ("жеті", "нің", "ні", "ге", "де", "ден", "мен"),
    8: ("сегіз", "дің", "ді", "ге", "де", "ден", "бен"),
    9: ("тоғыз", "дың", "ды", "ға", "да", "дан", "бен"),
    10: ("он", "ның", "ды", "ға", "да", "нан", "мен"),
    20: ("жиырма", "ның", "ны", "ға", "да", "дан", "мен"),
    30: ("отыз", "дың", "ды", "ға", "да", "дан", "бен"),
    40: ("қырық", "тың", "ты", "қа", "та", "тан", "пен"),
    50: ("елу", "дің", "ді", "ге", "де", "ден", "мен"),
    60: ("алпыс", "тың", "ты", "қа", "та", "тан", "пен"),
    70: ("жетпіс", "тің", "ті", "ке", "те", "тен", "пен"),
    80: ("сексен", "нің", "ді", "ге", "де", "нен", "мен"),
    90: ("тоқсан", "ның", "ды", "ға", "да", "нан", "мен"),
    100: ("жүз", "дің", "ді", "ге", "де", "ден", "бен"),
    1000: ("мың", "ның", "ды", "ға", "да", "нан", "мен"),
    1000000: ("миллион", "ның", "ды", "ға", "да", "нан", "мен"),
    1700: ("мың жеті жүз", "дің", "ді", "ге", "де", "ден", "бен"),
    21: ("жиырма бір", "дің", "ді", "ге", "де", "ден", "мен"),
    1491: ("мың төрт жүз тоқсан бір", "дің", "ді", "ге", "де", "ден", "мен"),
}


def written(number: int) -> str:
    return f"{number:,}".replace(",", NBSP)


def fmt(value, unit, lexicon=None, decimals=None, **options):
    entry = {"value": value, "unit": unit}
    if decimals is not None:
        entry["decimals"] = decimals
    text = format_value(entry, options, "kk", lexicon or LEXICON, UNITS)
    assert "-" not in text, "the ending's hyphen is the non-breaking one"
    return text.replace(kk.HYPHEN, "-")


LEXICON = {
    "format": {"compact": "short"},
    "units": {"tenge": "теңге"},
    "network": {"facebook": "Facebook", "twitter": "Twitter", "vkontakte": "ВКонтакте"},
    "country": {"kazakhstan": "Қазақстан", "united_kingdom": "Ұлыбритания"},
    "pronunciation": {"Facebook": "фейсбук", "Twitter": "твиттер"},
    "nouns": {"user": "пайдаланушы"},
}


@pytest.mark.parametrize("number", NUMBERS, ids=str)
def test_numbers_are_spelled_out_in_kazakh(number):
    assert kk.spell(number) == NUMBERS[number][0]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("number", NUMBERS, ids=str)
def test_number_endings(number, case):
    expected = NUMBERS[number][1 + CASES.index(case)]
    assert fmt(number, "count", decimals=0, case=case) == f"{written(number)}-{expected}"


@pytest.mark.parametrize("number", NUMBERS, ids=str)
def test_attributive_is_the_locative_with_gy(number):
    loc = NUMBERS[number][1 + CASES.index("loc")]
    attr = loc + ("ғы" if loc.endswith("а") else "гі")
    assert fmt(number, "count", decimals=0, case="attr") == f"{written(number)}-{attr}"


def test_nominative_adds_nothing():
    assert fmt(1700, "count", decimals=0, case="nom") == f"1{NBSP}700"


# A decimal is said with its fraction last: 23,2 «... бүтін оннан екі».
DECIMALS = {
    ("23.2", "acc"): "23,2-ні",
    ("1.5", "abl"): "1,5-тен",
    ("2.6", "dat"): "2,6-ға",
    ("0.5", "loc"): "0,5-те",
}


@pytest.mark.parametrize(("value", "case"), DECIMALS, ids=lambda v: str(v))
def test_decimal_numbers(value, case):
    assert fmt(value, "count", case=case) == DECIMALS[(value, case)]


# A percentage is said «... пайыз»: the ending follows «пайыз» whatever the digits.
PERCENT = {"gen": "дың", "acc": "ды", "dat": "ға", "loc": "да", "abl": "дан", "ins": "бен", "attr": "дағы"}


@pytest.mark.parametrize("value", [21, 23.2, 5, 100], ids=str)
@pytest.mark.parametrize("case", PERCENT)
def test_percent_endings(value, case):
    text = fmt(value, "percent", decimals=1 if isinstance(value, float) else 0, case=case)
    assert text.endswith(f"%-{PERCENT[case]}")


# After a scale word the ending follows the scale word: «млн» is said «миллион».
COMPACT = {
    (1900000, "abl"): f"1,9{NBSP}млн-нан",
    (25000000, "dat"): f"25{NBSP}млн-ға",
    (1500, "abl"): f"1,5{NBSP}мыңнан",
    (259500000000, "loc"): f"259,5{NBSP}млрд-та",
}


@pytest.mark.parametrize(("value", "case"), COMPACT, ids=lambda v: str(v))
def test_compact_numbers(value, case):
    assert fmt(value, "count", decimals=0, compact="", case=case) == COMPACT[(value, case)]


def test_a_currency_declines_its_word():
    assert fmt(259.5, "billion_tenge", decimals=1, case="abl") == f"259,5{NBSP}млрд{NBSP}теңгеден"
    assert fmt(259.5, "billion_tenge", decimals=1, case="abl", bare="") == f"259,5{NBSP}млрд-тан"


def test_a_counted_noun_takes_the_ending():
    assert fmt(413026, "count", decimals=0, noun="user", case="abl") == f"413{NBSP}026{NBSP}пайдаланушыдан"


YEARS = {
    "nom": "2019 жыл",
    "gen": "2019 жылдың",
    "acc": "2019 жылды",
    "dat": "2019 жылға",
    "loc": "2019 жылы",
    "abl": "2019 жылдан",
    "ins": "2019 жылмен",
    "attr": "2019 жылғы",
}


@pytest.mark.parametrize("case", YEARS)
def test_years(case):
    assert fmt(2019, "year", decimals=0, case=case).replace(NBSP, " ") == YEARS[case]
    assert fmt("2019-10-01", "date", year="", case=case).replace(NBSP, " ") == YEARS[case]


DATES = {
    "nom": "2019 жылғы 1 қазан",
    "gen": "2019 жылғы 1 қазанның",
    "acc": "2019 жылғы 1 қазанды",
    "dat": "2019 жылғы 1 қазанға",
    "loc": "2019 жылғы 1 қазанда",
    "abl": "2019 жылғы 1 қазаннан",
    "ins": "2019 жылғы 1 қазанмен",
    "attr": "2019 жылғы 1 қазандағы",
}


@pytest.mark.parametrize("case", DATES)
def test_dates(case):
    assert fmt("2019-10-01", "date", case=case).replace(NBSP, " ") == DATES[case]


def test_dates_in_front_vowel_months():
    assert fmt("2020-04-01", "date", case="attr").replace(NBSP, " ") == "2020 жылғы 1 сәуірдегі"
    assert fmt("2020-09-15", "date", case="abl").replace(NBSP, " ") == "2020 жылғы 15 қыркүйектен"


NAMES = {
    ("facebook", "network"): ("Facebook-тың", "Facebook-ты", "Facebook-қа", "Facebook-та", "Facebook-тан", "Facebook-пен"),
    ("twitter", "network"): ("Twitter-дің", "Twitter-ді", "Twitter-ге", "Twitter-де", "Twitter-ден", "Twitter-мен"),
    ("vkontakte", "network"): ("ВКонтактенің", "ВКонтактені", "ВКонтактеге", "ВКонтактеде", "ВКонтактеден", "ВКонтактемен"),
    ("kazakhstan", "country"): ("Қазақстанның", "Қазақстанды", "Қазақстанға", "Қазақстанда", "Қазақстаннан", "Қазақстанмен"),
    ("united_kingdom", "country"): ("Ұлыбританияның", "Ұлыбританияны", "Ұлыбританияға", "Ұлыбританияда", "Ұлыбританиядан", "Ұлыбританиямен"),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("name", "table"), NAMES, ids=lambda v: str(v))
def test_names_follow_their_pronunciation(name, table, case):
    assert fmt(name, table, case=case) == NAMES[(name, table)][CASES.index(case)]
    assert fmt(name, "x", case=case, **{"as": table}) == NAMES[(name, table)][CASES.index(case)]


def test_a_latin_name_without_a_pronunciation_is_refused():
    lexicon = dict(LEXICON, pronunciation={})
    with pytest.raises(FormatError, match="Facebook.*pronunciation"):
        fmt("facebook", "network", lexicon, case="abl")


def test_an_unknown_case_is_refused():
    with pytest.raises(FormatError, match="unknown case 'ablative'"):
        fmt(5, "count", case="ablative")


def test_a_language_without_a_grammar_module_refuses_case_and_says_what_to_do():
    with pytest.raises(FormatError) as err:
        format_value({"value": 5, "unit": "count"}, {"case": "abl"}, "en", LEXICON, UNITS)
    message = str(err.value)
    assert "option case= needs a grammar module for 'en'" in message
    assert "remove case=, or add datapaper/grammar/en.py" in message
    assert "languages with one: kk, ru, uk" in message


HARMONY = {
    "фейсбук": False,
    "твиттер": True,
    "елу": True,
    "оқу": False,
    "ютуб": False,
    "рубль": True,
    "клип": True,
}


@pytest.mark.parametrize("word", HARMONY)
def test_vowel_harmony_of_loans_and_glides(word):
    assert kk.is_front(word) is HARMONY[word]
