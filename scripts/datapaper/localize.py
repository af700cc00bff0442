"""Format computed numbers as each language writes them, from CLDR through Babel.

A value is formatted by the kind of its unit (datapaper/units.py: percent, number,
currency, year, date; or a name that a lexicon table translates) and by the options of
its placeholder. Words that come with a number take the form the number needs, by CLDR
plural categories (1 пользователь, 2 пользователя, 5 пользователей). The words themselves
live in paper/<lang>/lexicon.yaml.
"""

import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from datapaper.errors import InputError
from datapaper.grammar import kk, ru
from datapaper.units import Unit

NBSP = "\u00a0"
SCALES = {"thousand": 3, "million": 6, "billion": 9}
OPTIONS = {"compact", "as", "noun", "in", "bare", "year", "case"}
DECLINING = ("kk", "ru")  # languages whose values take `case=` (datapaper/grammar/)


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
    raise FormatError(f"noun {where} has no form for plural category {category!r} or 'other'")


def lookup(lexicon: dict, table: str, value: Any) -> str:
    """A word from a lexicon table, e.g. city -> munich -> Мюнхен."""
    words = lexicon.get(table)
    if not isinstance(words, dict):
        raise FormatError(f"the lexicon has no table {table!r}")
    word = words.get(str(value), words.get(value))
    if word is None:
        raise FormatError(f"the lexicon table {table!r} has no word for {value!r}")
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
    unknown = set(options) - OPTIONS
    if unknown:
        raise FormatError(
            f"unknown option(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(OPTIONS))}"
        )
    case = options.get("case")
    if case is not None and lang not in DECLINING:
        raise FormatError(f"option case= is not supported in {lang!r} (only {', '.join(DECLINING)})")
    try:
        return _format(entry, options, lang, lexicon, units, case)
    except (kk.GrammarError, ru.GrammarError) as err:
        raise FormatError(str(err)) from None


def _name(word: str, lang: str, lexicon: dict, case: str | None) -> str:
    if case is None:
        return word
    if lang == "kk":
        return kk.attach(word, kk_pronunciation(word, lexicon), case)
    return ru.decline_name(word, case, lexicon.get("inflection", {}))


def kk_pronunciation(word: str, lexicon: dict) -> str:
    """How a Kazakh reader says a word: the lexicon's hint, or the word if it is Cyrillic."""
    hint = lexicon.get("pronunciation", {}).get(word)
    if hint:
        return str(hint)
    if kk.CYRILLIC.match(kk.last_word(word)[-1]):
        return word
    raise FormatError(f"{word!r} needs its pronunciation in the lexicon's `pronunciation` table for case=")


def _format(
    entry: dict[str, Any],
    options: dict[str, str],
    lang: str,
    lexicon: dict,
    units: dict[str, Unit],
    case: str | None,
) -> str:
    style = lexicon.get("format", {}).get("compact", "short")
    if "as" in options:
        return _name(lookup(lexicon, options["as"], entry["value"]), lang, lexicon, case)
    unit = units.get(entry["unit"])
    if unit is None:  # a name: its unit is the lexicon table that names it
        return _name(lookup(lexicon, entry["unit"], entry["value"]), lang, lexicon, case)
    kk_case = case if lang == "kk" else None
    if unit.kind == "date":
        if "year" in options:
            return kk.year(entry["value"][:4], kk_case) if kk_case else entry["value"][:4]
        day = datetime.date.fromisoformat(entry["value"])
        if kk_case:
            month = locale(lang).months["format"]["wide"][day.month]
            return kk.date(day.day, month, day.year, kk_case)
        return format_date(day, format="long", locale=lang)
    value = exact(entry)
    if value < 0 and not unit.signed:
        raise FormatError(f"negative value {value} for unit {unit.name}")
    spoken = None  # Kazakh: how the text ends when said, if not the number itself
    if unit.kind == "year":
        if kk_case:
            return kk.year(value, kk_case)
        text = str(value)
    elif unit.kind == "percent":
        text = format_percent(value / 100, locale=lang, decimal_quantization=False)
        spoken = kk.PERCENT_WORD
    elif unit.kind == "currency" and unit.scale:
        # Stated in a scale (billions): written with the scale word, to the stated precision.
        text = format_scaled(value * 10**unit.scale, lang, style, entry.get("decimals", 1))
    elif "in" in options:
        if options["in"] not in SCALES:
            raise FormatError(f"option in={options['in']} is not one of {', '.join(SCALES)}")
        value = (value / Decimal(10) ** SCALES[options["in"]]).normalize()
        text = format_number(value, lang)
    elif "compact" in options:
        text = format_scaled(value, lang, style)
    else:
        text = format_number(value, lang)
    if unit.kind == "currency" and "bare" not in options:
        word = lookup(lexicon, "units", unit.word)
        text = f"{text}{NBSP}{word}"
        spoken = word
    if "noun" in options:
        forms = lexicon.get("nouns", {}).get(options["noun"])
        scaled = "compact" in options or "in" in options
        if isinstance(forms, str):  # a lemma phrase the grammar inflects
            if lang != "ru":
                word = forms
            else:
                word = ru.counted(
                    forms, plural_category(value, lang), case or "nom", lexicon.get("inflection", {}), scaled
                )
        elif isinstance(forms, dict):
            if case is not None and lang == "ru":
                raise FormatError(
                    f"noun {options['noun']!r} declares nominative forms only; give its lemma "
                    "for case= (the grammar inflects it)"
                )
            if scaled:
                # After a scale word (млн, тыс.) the noun is governed by it, not by the digits.
                word = forms.get("many", forms.get("other"))
            else:
                word = noun_form(forms, value, lang, options["noun"])
        else:
            raise FormatError(f"the lexicon has no noun {options['noun']!r} under `nouns`")
        text = f"{text}{NBSP}{word}"
        spoken = word
    if kk_case:
        return kk.attach(text, spoken or kk.spoken_number(text, value), kk_case)
    if case is not None and "noun" not in options:
        raise FormatError("case= in Russian declines a counted noun (noun=) or a name")
    return text
