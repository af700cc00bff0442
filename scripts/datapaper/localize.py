"""Format computed numbers as each language writes them, from CLDR through Babel.

A value is formatted by the kind of its unit (datapaper/units.py: percent, number,
currency, year, date; or a name that a lexicon table translates) and by the options of
its placeholder. Words that come with a number take the form the number needs, by CLDR
plural categories (1 пользователь, 2 пользователя, 5 пользователей). The words themselves
live in paper/<lang>/lexicon.yaml. A language that declines values (`case=`, counted nouns
inflected from their lemma) does it in its grammar module (datapaper/grammar/): nothing
here knows a language by its code.
"""

import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from datapaper import grammar
from datapaper.errors import InputError, near_miss
from datapaper.units import Unit

NBSP = "\u00a0"
SCALES = {"thousand": 3, "million": 6, "billion": 9}
# The options every language understands; a grammar module adds its own (`case`).
OPTIONS = {"compact", "as", "noun", "in", "bare", "year"}


class FormatError(InputError):
    """A value cannot be formatted as asked; the caller adds where."""


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_category(value: Decimal | int, lang: str) -> str:
    """CLDR plural category (one, few, many, other) of a number in a language."""
    return locale(lang).plural_form(abs(Decimal(value)))


def exact(entry: dict[str, Any]) -> Decimal:
    """The entry's value as a Decimal, to its stated precision, trailing zeros dropped."""
    value = Decimal(str(entry["value"]))
    places = entry.get("decimals")
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def noun_form(forms: dict[str, str], value: Decimal | int, lang: str, where: str = "") -> str:
    """The form of a noun that agrees with `value` (falls back to `other`)."""
    category = plural_category(value, lang)
    if category in forms:
        return forms[category]
    if "other" in forms:
        return forms["other"]
    raise FormatError(
        f"noun {where} has no form for plural category {category!r} or 'other' — add `{category}:` (or `other:`) to it"
    )


def lookup(lexicon: dict, table: str, value: Any) -> str:
    """A word from a lexicon table, e.g. city -> munich -> Мюнхен."""
    words = lexicon.get(table)
    if not isinstance(words, dict):
        raise FormatError(f"the lexicon has no table {table!r} — add `{table}:` with a word for each id")
    word = words.get(str(value), words.get(value))
    if word is None:
        raise FormatError(
            f"the lexicon table {table!r} has no word for {value!r} — add `{value}: <word>` to it"
        )
    return str(word)


def format_number(value: Decimal, lang: str) -> str:
    return format_decimal(value, locale=lang, decimal_quantization=False)


def format_scaled(value: Decimal, lang: str, style: str, digits: int = 1) -> str:
    """1.9 million / 1,9 млн: a large number with its scale word."""
    return format_compact_decimal(value, format_type=style, locale=lang, fraction_digits=digits)


def format_value(
    entry: dict[str, Any], options: dict[str, str], lang: str, lexicon: dict, units: dict[str, Unit]
) -> str:
    """The text that stands for one placeholder in one language."""
    rules = grammar.for_language(lang)
    known = OPTIONS | (rules.OPTIONS if rules else set())
    unknown = set(options) - known
    if "case" in unknown:
        raise FormatError(
            f"option case= needs a grammar module for {lang!r}, and there is none — remove case=, "
            f"or add datapaper/grammar/{lang}.py (README: Add a language); languages with one: "
            f"{', '.join(grammar.declining())}"
        )
    if unknown:
        raise FormatError(
            f"unknown option(s) {', '.join(sorted(unknown))}{near_miss(sorted(unknown)[0], known)} — "
            f"use one of: {', '.join(sorted(known))}"
        )
    try:
        return _format(entry, options, lang, lexicon, units, rules, options.get("case"))
    except ValueError as err:
        if rules is not None and isinstance(err, rules.GrammarError):
            raise FormatError(str(err)) from None
        raise


def _format(
    entry: dict[str, Any],
    options: dict[str, str],
    lang: str,
    lexicon: dict,
    units: dict[str, Unit],
    rules: Any,
    case: str | None,
) -> str:
    style = lexicon.get("format", {}).get("compact", "short")
    if "as" in options:
        word = lookup(lexicon, options["as"], entry["value"])
        return rules.name(word, case, lexicon) if case else word
    unit = units.get(entry["unit"])
    if unit is None:  # a name: its unit is the lexicon table that names it
        word = lookup(lexicon, entry["unit"], entry["value"])
        return rules.name(word, case, lexicon) if case else word
    if unit.kind == "date":
        if "year" in options:
            year = entry["value"][:4]
            return rules.year(year, case) if case and hasattr(rules, "year") else year
        day = datetime.date.fromisoformat(entry["value"])
        if case and hasattr(rules, "date"):
            return rules.date(day, locale(lang).months["format"]["wide"][day.month], case)
        return format_date(day, format="long", locale=lang)
    value = exact(entry)
    if value < 0 and not unit.signed:
        raise FormatError(
            f"negative value {value} for unit {unit.name} — a unit whose values may fall below zero "
            "says `signed: true` in data/units.yaml"
        )
    word = None  # the word the value ends with: its currency word or counted noun
    if unit.kind == "year":
        if case and hasattr(rules, "year"):
            return rules.year(value, case)
        text = str(value)
    elif unit.kind == "percent":
        text = format_percent(value / 100, locale=lang, decimal_quantization=False)
    elif unit.kind == "currency" and unit.scale:
        # Stated in a scale (billions): written with the scale word, to the stated precision.
        text = format_scaled(value * 10**unit.scale, lang, style, entry.get("decimals", 1))
    elif "in" in options:
        if options["in"] not in SCALES:
            raise FormatError(
                f"option in={options['in']} is not a scale — write in= with one of: {', '.join(SCALES)}"
            )
        value = (value / Decimal(10) ** SCALES[options["in"]]).normalize()
        text = format_number(value, lang)
    elif "compact" in options:
        text = format_scaled(value, lang, style)
    else:
        text = format_number(value, lang)
    if unit.kind == "currency" and "bare" not in options:
        word = lookup(lexicon, "units", unit.word)
        text = f"{text}{NBSP}{word}"
    if "noun" in options:
        word = counted_noun(
            options["noun"], value, lang, lexicon, rules, case, "compact" in options or "in" in options
        )
        text = f"{text}{NBSP}{word}"
    if case:
        return rules.value(text, value, unit.kind, word, case, lexicon, "noun" in options)
    return text


def counted_noun(
    noun: str, value: Decimal, lang: str, lexicon: dict, rules: Any, case: str | None, scaled: bool
) -> str:
    """The lexicon's noun `noun` in the form `value` needs: a lemma phrase is inflected by the
    language's grammar module (as declared where it has none), a table of plural forms is
    picked by CLDR plural category (after a scale word, млн or тыс., the scale word's)."""
    forms = lexicon.get("nouns", {}).get(noun)
    if isinstance(forms, str):
        if not hasattr(rules, "counted"):
            return forms
        return rules.counted(forms, plural_category(value, lang), case or "nom", lexicon, scaled)
    if isinstance(forms, dict):
        if case is not None and hasattr(rules, "counted"):
            raise FormatError(
                f"noun {noun!r} declares nominative forms only — give its lemma for case= (the grammar "
                "inflects it)"
            )
        if scaled:
            # After a scale word (млн, тыс.) the noun is governed by it, not by the digits.
            return forms.get("many", forms.get("other"))
        return noun_form(forms, value, lang, noun)
    raise FormatError(
        f"the lexicon has no noun {noun!r} under `nouns` — add `{noun}:` there (its forms or its lemma)"
    )
