"""Russian counted nouns by case and plural category (pymorphy3), and the agreement check."""

import pytest
from datapaper.grammar import ru
from datapaper.grammar.check import check_agreement
from datapaper.localize import FormatError, format_value
from helpers import units

UNITS = units()
NBSP = "\u00a0"
LEXICON = {
    "format": {"compact": "short"},
    "country": {"united_kingdom": "Великобритания"},
    "nouns": {
        "user": "пользователь",
        "active_user": "активный пользователь",
        "platform": "электронная торговая площадка",
        "business": "субъект малого бизнеса",
        "person": "человек",
        "year": "год",
        "times": "раз",
        "dict_user": {"one": "пользователь", "few": "пользователя", "many": "пользователей"},
    },
    # Counting forms pymorphy3 does not give (it says «людей», «годов»).
    "inflection": {"человек": {"gen_plur": "человек", "dat_plur": "человекам"}, "год": {"gen_plur": "лет"}},
}


def fmt(value, lexicon=None, **options):
    entry = {"value": value, "unit": "count"}
    return format_value(entry, options, "ru", lexicon or LEXICON, UNITS).replace(NBSP, " ")


ENDING_IN_1 = [1, 21, 101, 1701]
ENDING_IN_2_4 = [2, 3, 4, 22, 33, 1704]
MANY = [5, 11, 12, 14, 20, 1700]

# After «около», «более», «свыше», «до», «из» the counted noun is genitive: singular after
# a number ending in 1 (not 11), plural otherwise.
GENITIVE = {
    "user": ("пользователя", "пользователей"),
    "active_user": ("активного пользователя", "активных пользователей"),
    "platform": ("электронной торговой площадки", "электронных торговых площадок"),
    "business": ("субъекта малого бизнеса", "субъектов малого бизнеса"),
    "person": ("человека", "человек"),
    "year": ("года", "лет"),
}


@pytest.mark.parametrize("preposition", ru.GOVERN_GENITIVE)
@pytest.mark.parametrize("noun", GENITIVE)
@pytest.mark.parametrize("count", ENDING_IN_1 + ENDING_IN_2_4 + MANY, ids=str)
def test_genitive_after_each_governing_preposition(preposition, noun, count):
    one, plural = GENITIVE[noun]
    written = f"{count:,}".replace(",", " ")
    sentence = f"{preposition} {fmt(count, noun=noun, case='gen')}"
    assert sentence == f"{preposition} {written} {one if count in ENDING_IN_1 else plural}"


NOMINATIVE = {
    1: "1 активный пользователь",
    21: "21 активный пользователь",
    22: "22 активных пользователя",
    1704: "1 704 активных пользователя",
    5: "5 активных пользователей",
    11: "11 активных пользователей",
}


@pytest.mark.parametrize("count", NOMINATIVE, ids=str)
def test_nominative_by_plural_category(count):
    assert fmt(count, noun="active_user") == NOMINATIVE[count]
    assert fmt(count, noun="active_user", case="nom") == NOMINATIVE[count]


OBLIQUE = {
    ("dat", 21): "21 электронной торговой площадке",
    ("dat", 22): "22 электронным торговым площадкам",
    ("ins", 1): "1 электронной торговой площадкой",
    ("ins", 5): "5 электронными торговыми площадками",
    ("loc", 3): "3 электронных торговых площадках",
    ("acc", 21): "21 электронную торговую площадку",
    ("acc", 22): "22 электронные торговые площадки",
    ("acc", 25): "25 электронных торговых площадок",
}


@pytest.mark.parametrize(("case", "count"), OBLIQUE, ids=str)
def test_other_cases(case, count):
    assert fmt(count, noun="platform", case=case) == OBLIQUE[(case, count)]


def test_animate_accusative_of_one():
    assert fmt(21, noun="active_user", case="acc") == "21 активного пользователя"


def test_times_in_the_accusative():
    assert fmt(5, noun="times", case="acc") == "5 раз"
    assert fmt(21, noun="times", case="acc") == "21 раз"
    assert fmt(22, noun="times", case="acc") == "22 раза"
    assert fmt("2.5", noun="times", case="acc") == "2,5 раза"


def test_fractions_take_the_genitive_singular():
    assert fmt("1.5", noun="user", case="gen") == "1,5 пользователя"
    assert fmt("1.5", noun="user", case="dat") == "1,5 пользователя"


def test_after_a_scale_word_the_noun_is_genitive_plural_in_every_case():
    for case in ru.CASES:
        assert fmt(1_900_000, compact="", noun="active_user", case=case) == "1,9 млн активных пользователей"


def test_declared_forms_win_over_pymorphy():
    assert fmt(5, noun="person", case="gen") == "5 человек"
    assert fmt(5, noun="person", case="dat") == "5 человекам"
    without = dict(LEXICON, inflection={})
    assert fmt(5, without, noun="person", case="gen") == "5 людей"  # why the override exists


def test_names_decline():
    entry = {"value": "united_kingdom", "unit": "country"}
    assert format_value(entry, {"case": "gen"}, "ru", LEXICON, UNITS) == "Великобритании"
    assert format_value(entry, {"case": "ins"}, "ru", LEXICON, UNITS) == "Великобританией"


def test_declared_nominative_forms_refuse_a_case():
    with pytest.raises(FormatError, match="nominative forms only"):
        fmt(5, noun="dict_user", case="gen")
    assert fmt(22, noun="dict_user") == "22 пользователя"


def test_case_without_a_noun_is_refused():
    with pytest.raises(FormatError, match="noun"):
        fmt(5, case="gen")


NUMBERS = {
    "shop.count": {"value": 1700, "unit": "count"},
    "shop.users": {"value": 1900000, "unit": "count"},
    "shop.share": {"value": 20, "unit": "percent"},
}


def problems(text, lang="ru"):
    return check_agreement("paper/x.md", text, lang, NUMBERS, UNITS)


def test_check_flags_a_preposition_without_the_genitive():
    found = problems("Тут\nоколо {{shop.count|noun=user}} в день.")
    assert found == ["paper/x.md:2: «около» governs the genitive — write {{shop.count|noun=user|case=gen}}"]
    assert problems("около {{shop.count|noun=user|case=gen}}") == []


def test_check_flags_a_noun_typed_after_a_count():
    found = problems("более {{shop.count}} независимых магазинов.")
    assert len(found) == 1 and found[0].startswith("paper/x.md:1: the noun «независимых»")
    assert problems("более {{shop.count}}, чем вчера.") == []
    assert problems("около {{shop.users|compact}} пользователей") == []  # governed by «млн»
    assert problems("{{shop.share}} населения") == []  # a percentage


def test_check_flags_mixed_scales():
    found = problems("с {{shop.users|in=million}} до {{shop.count|compact}} человек", lang="en")
    assert len(found) == 1 and "mixes in= and compact" in found[0]


def test_check_flags_an_ending_typed_onto_a_kazakh_value():
    assert len(problems("{{shop.users|in=million}} млн-нан азайды", lang="kk")) == 1
    assert len(problems("{{shop.count}}-ден асады", lang="kk")) == 1
    assert problems("{{shop.count|case=abl}} асады, {{shop.count}} жылғы", lang="kk") == []


def test_check_flags_straight_quotes_and_hyphens_as_dashes():
    assert len(problems('Сеть "Мой Мир" - российская.')) == 2
    assert problems("Сеть «Мой Мир» — российская [@a-b], {{shop.count|noun=user}}.") == []
    assert problems('The "niche project" - said.', lang="en") == []
