"""Ukrainian counted nouns agree with their numbers (datapaper/grammar/uk.py, pymorphy3's
Ukrainian dictionary), through the generic formatter, on the counts that break naive rules."""

from decimal import Decimal

import pytest
from datapaper import grammar
from datapaper.grammar import uk
from datapaper.localize import FormatError, format_value
from datapaper.units import Unit

UNITS = {"count": Unit(name="count", kind="number"), "euro": Unit(name="euro", kind="currency", word="euro")}
LEXICON = {
    "format": {"compact": "short"},
    "units": {"euro": "євро"},
    "nouns": {"ride": "поїздка", "user": "активний користувач", "city": "місто"},
    "city": {"kyiv": "Київ", "zurich": "Zürich"},
}

# count -> (nominative, after «близько»: genitive), for three genders
AGREEMENT = {
    1: ("1 поїздка", "1 поїздки", "1 активний користувач", "1 місто"),
    2: ("2 поїздки", "2 поїздок", "2 активні користувачі", "2 міста"),
    5: ("5 поїздок", "5 поїздок", "5 активних користувачів", "5 міст"),
    11: ("11 поїздок", "11 поїздок", "11 активних користувачів", "11 міст"),
    21: ("21 поїздка", "21 поїздки", "21 активний користувач", "21 місто"),
    22: ("22 поїздки", "22 поїздок", "22 активні користувачі", "22 міста"),
    25: ("25 поїздок", "25 поїздок", "25 активних користувачів", "25 міст"),
    101: ("101 поїздка", "101 поїздки", "101 активний користувач", "101 місто"),
    111: ("111 поїздок", "111 поїздок", "111 активних користувачів", "111 міст"),
    1001: ("1 001 поїздка", "1 001 поїздки", "1 001 активний користувач", "1 001 місто"),
    Decimal("1.5"): ("1,5 поїздки", "1,5 поїздки", "1,5 активного користувача", "1,5 міста"),
}


def spliced(value, **options) -> str:
    text = format_value({"value": value, "unit": "count"}, options, "uk", LEXICON, UNITS)
    return text.replace("\u00a0", " ")


def test_ukrainian_is_found_by_its_code():
    assert grammar.for_language("uk") is uk
    assert "uk" in grammar.declining()


@pytest.mark.parametrize("count", AGREEMENT)
def test_counted_nouns_agree_with_their_number(count):
    nominative, genitive, adjective, neuter = AGREEMENT[count]
    assert spliced(count, noun="ride") == nominative
    assert spliced(count, noun="ride", case="gen") == genitive
    assert spliced(count, noun="user") == adjective
    assert spliced(count, noun="city") == neuter


def test_after_a_scale_word_the_noun_is_genitive_plural():
    assert spliced(1_900_000, noun="ride", compact="") == "1,9 млн поїздок"
    assert spliced(21_000_000, noun="ride", compact="") == "21 млн поїздок"


def test_other_cases_of_a_count():
    assert spliced(21, noun="ride", case="ins") == "21 поїздкою"
    assert spliced(5, noun="ride", case="dat") == "5 поїздкам"
    assert spliced(2, noun="user", case="loc") == "2 активних користувачах"


def test_names_decline_and_latin_names_stay():
    city = {"value": "kyiv", "unit": "city"}
    assert format_value(city, {"case": "gen"}, "uk", LEXICON, UNITS) == "Києва"
    assert format_value(city, {"case": "loc"}, "uk", LEXICON, UNITS) == "Києві"
    assert (
        format_value({"value": "zurich", "unit": "city"}, {"case": "gen"}, "uk", LEXICON, UNITS) == "Zürich"
    )


def test_case_without_a_noun_is_refused_with_what_to_do():
    with pytest.raises(FormatError, match=r"case= in Ukrainian declines a counted noun \(noun=\) or a name"):
        spliced(5, case="gen")
    with pytest.raises(FormatError, match="unknown case 'abl'"):
        spliced(5, noun="ride", case="abl")


def test_a_form_the_dictionary_lacks_is_declared_in_the_lexicon():
    lexicon = {**LEXICON, "inflection": {"поїздка": {"gen_plur": "поїздочок"}}}
    text = format_value({"value": 5, "unit": "count"}, {"noun": "ride"}, "uk", lexicon, UNITS)
    assert text == "5\u00a0поїздочок"
