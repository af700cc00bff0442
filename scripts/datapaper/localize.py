"""Format computed numbers as each language writes them, from CLDR through Babel.

A value is formatted by the kind of its unit (datapaper/units.py: percent, number,
currency, year, date; or a name that a lexicon table translates) and by the options of
its placeholder. Words that come with a number take the form the number needs, by CLDR
plural categories (1 пользователь, 2 пользователя, 5 пользователей). The words themselves
live in paper/<lang>/lexicon.yaml. A language that declines values (`case=`, counted nouns
inflected from their lemma) does it in its grammar module (datapaper/grammar/): nothing
here knows a language by its code.

A value is never rounded unless its placeholder says `round=N`: written with a scale word
(1200 million -> 1.2 billion) it keeps every digit its data has, and every written number
is read back and compared with its data (`check_printed`), so a value that lost a digit
stops the build. What CLDR gets wrong for a language (Kazakh «000 м.» for hundreds of
thousands) and the words of a change's direction live in resources/numbers/<lang>.yaml.
A negative value is written with a true minus sign (U+2212).
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent, parse_pattern

from datapaper import grammar
from datapaper.errors import InputError, near_miss
from datapaper.units import Unit
from datapaper.yamlfiles import read_yaml

NBSP = "\u00a0"
MINUS = "\u2212"
SCALES = {"thousand": 3, "million": 6, "billion": 9}
# The options every language understands; a grammar module adds its own (`case`).
OPTIONS = {"compact", "as", "noun", "in", "bare", "year", "round", "abs", "sign", "trend"}
RESOURCES = Path(__file__).resolve().parent / "resources" / "numbers"
TREND_VALUE = re.compile(r"\{value(?P<options>(?:\|[a-z_]+(?:=[a-z0-9_]+)?)*)\}")


class FormatError(InputError):
    """A value cannot be formatted as asked; the caller adds where."""


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(lang)


def warm_up(languages: list[str]) -> None:
    """Load CLDR's data of each language (Babel reads it from disk on first use), in the
    job server before it forks (datapaper.forkserver_setup); a code Babel lacks is left."""
    from babel.core import UnknownLocaleError

    for lang in languages:
        try:
            format_number(Decimal("1.5"), lang)
            format_percent(Decimal("0.5"), locale=lang)
            compact_patterns(lang, "short")
            resource(lang)
        except (UnknownLocaleError, ValueError):
            continue


@cache
def resource(lang: str) -> dict[str, Any]:
    """The engine's rules for writing numbers in a language beyond CLDR (may be empty)."""
    path = RESOURCES / f"{lang}.yaml"
    return read_yaml(path, dict, "number rules") if path.is_file() else {}


def plural_category(value: Decimal | int, lang: str) -> str:
    """CLDR plural category (one, few, many, other) of a number in a language."""
    return locale(lang).plural_form(abs(Decimal(value)))


def plain(value: Decimal) -> Decimal:
    """A Decimal without trailing zeros or an exponent (1.20 -> 1.2, 1E+3 -> 1000)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def exact(entry: dict[str, Any]) -> Decimal:
    """The entry's value as a Decimal, to its stated precision, trailing zeros dropped."""
    value = Decimal(str(entry["value"]))
    places = entry.get("decimals")
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return plain(value)


def rounded(value: Decimal, places: int | None) -> Decimal:
    """`value` to `places` decimals (half up), or as it is when no rounding was asked for."""
    if places is None:
        return plain(value)
    return plain(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


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


APOSTROPHE = re.compile(r"(?<=\w)'")


def apostrophes(text: str) -> str:
    """A straight apostrophe after a letter as the typographic one: McDonald's ->
    McDonald’s, the networks' -> the networks’ (a word from data is typeset like the
    text, which pandoc's smart reading shapes)."""
    return APOSTROPHE.sub("\u2019", text)


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
    return apostrophes(str(word))


def format_number(value: Decimal, lang: str) -> str:
    return format_decimal(value, locale=lang, decimal_quantization=False)


def compact_patterns(lang: str, style: str) -> dict[str, dict[int, str]]:
    """CLDR's compact patterns of a language by plural form and magnitude, with the
    engine's overrides (resources/numbers/<lang>.yaml, `compact`) for every form."""
    every = locale(lang).compact_decimal_formats
    formats = every.get(style) or every["short"]  # a language without long names writes short ones
    overrides = {int(m): str(p) for m, p in resource(lang).get("compact", {}).get(style, {}).items()}
    return {form: {int(m): overrides.get(int(m), str(p.pattern if hasattr(p, "pattern") else p))
                   for m, p in formats[form].items()} for form in formats}  # fmt: skip


def format_scaled(
    magnitude: Decimal, lang: str, style: str, places: int | None = None
) -> tuple[str, Decimal]:
    """1.9 million / 1,9 млн: a large magnitude with its scale word, and the power of ten
    the written digits stand for. Every digit of `magnitude` is kept unless `places` rounds them;
    the scale word agrees with the number as written (1 Milliarde, 1,2 Milliarden)."""
    patterns = compact_patterns(lang, style)
    for limit in sorted(patterns["other"], reverse=True):
        if magnitude < limit:
            continue
        pattern = patterns["other"][limit]
        digits = parse_pattern(pattern).pattern
        if digits == "0":
            break  # CLDR writes this magnitude without a scale word
        factor = Decimal(limit) / Decimal(10) ** (digits.count("0") - 1)
        shown = rounded(magnitude / factor, places)
        if shown * factor >= limit * 10 and limit * 10 in patterns["other"]:
            return format_scaled(shown * factor, lang, style, places)
        form = locale(lang).plural_form(shown)
        chosen = patterns.get(form, patterns["other"]).get(limit, pattern)
        pattern = chosen if "0" in chosen else pattern  # French «mille» is 1000 itself, not a pattern
        # The number and its scale word never part at a line end (CLDR's long forms use a space).
        written = parse_pattern(pattern).apply(shown, locale(lang), decimal_quantization=False)
        return written.replace(" ", NBSP), factor
    return format_number(rounded(magnitude, places), lang), Decimal(1)


def unquote(affix: str) -> str:
    """A CLDR pattern's affix as written: 'тыс'.'' -> тыс."""
    return re.sub(r"'([^']*)'", lambda m: m[1] or "'", affix)


@cache
def scale_words(lang: str) -> dict[str, Decimal]:
    """Every scale word of a language's compact numbers (short and long, all plural forms,
    with the engine's overrides), and the power of ten it stands for: млн -> 10⁶."""
    words: dict[str, Decimal] = {}
    for style in ("short", "long"):
        for forms in compact_patterns(lang, style).values():
            for limit, pattern in forms.items():
                parsed = parse_pattern(pattern)
                word = unquote(parsed.prefix[0] + parsed.suffix[0]).strip(" \u00a0\u202f")
                if word and "0" in parsed.pattern:
                    words.setdefault(word, Decimal(limit) / Decimal(10) ** (parsed.pattern.count("0") - 1))
    return words


def read_number(text: str, lang: str) -> Decimal | None:
    """The first number a written value states, with the scale word after it: what a
    reader takes it to say («1,25 млрд теңгені» -> 1250000000)."""
    symbols = locale(lang).number_symbols
    symbols = symbols.get("latn", symbols)
    group, point = re.escape(symbols["group"]), re.escape(symbols["decimal"])
    if symbols["group"] in ("\u00a0", "\u202f", " "):
        group = "[\u00a0\u202f ]"
    found = re.search(
        rf"(?P<sign>[-+\u2212]?)(?P<int>\d+(?:{group}\d{{3}})*)(?:{point}(?P<frac>\d+))?"
        rf"(?:[\s\u00a0\u202f]*(?P<word>[^\W\d_]+\.?))?",
        text,
    )
    if not found:
        return None
    number = Decimal(re.sub(r"\D", "", found["int"]) + "." + (found["frac"] or "0"))
    word = found["word"] or ""
    words = scale_words(lang)
    factor = words.get(word, words.get(word.rstrip(".")))
    if factor is None:
        # A scale word that is a whole word may carry a case ending (Kazakh «мыңды»).
        stems = [w for w in words if len(w) >= 3 and w.isalpha() and word.startswith(w)]
        factor = words[max(stems, key=len)] if stems else Decimal(1)
    return -number * factor if found["sign"] in ("-", MINUS) else number * factor


def check_printed(text: str, expected: Decimal, tolerance: Decimal, lang: str) -> None:
    """Stop when a written value, read back, differs from its data by more than the
    rounding its placeholder declared."""
    read = read_number(text, lang)
    if read is None or abs(read - expected) > tolerance:
        allowed = f" (its round= allows ±{plain(tolerance)})" if tolerance else ""
        raise FormatError(
            f"the value {plain(expected)} was written {text!r}, which reads as "
            f"{'no number' if read is None else plain(read)}{allowed} — the engine lost digits: report it "
            "with this message, and write the value without compact or in= meanwhile"
        )


def signed(text: str, value: Decimal, plus: bool) -> str:
    """The written magnitude with the value's sign: a true minus sign, a plus if asked."""
    if value < 0:
        return MINUS + text
    return "+" + text if plus and value > 0 else text


def trend_words(lexicon: dict, lang: str, name: str) -> dict[str, str]:
    """The words of a change's direction (up, down, zero) of set `name`: the lexicon's
    `trends`, else the engine's for the language."""
    sets = {**resource(lang).get("trends", {}), **(lexicon.get("trends") or {})}
    words = sets.get(name)
    if not isinstance(words, dict) or not {"up", "down", "zero"} <= set(words):
        if not sets:
            raise FormatError(
                f"option trend has no words for {lang!r} — add `trends: {{default: {{up: ..., down: ..., "
                "zero: ...}}}}` to the lexicon ({value} stands for the magnitude)"
            )
        if name not in sets:
            raise FormatError(
                f"no trend words {name!r}{near_miss(name, list(sets))} — use one of: {', '.join(sorted(sets))}, "
                f"or add `{name}:` under `trends` in the lexicon"
            )
        raise FormatError(f"trend words {name!r} need `up`, `down` and `zero` — add the missing ones")
    return words


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
        if "trend" in options:
            return _trend(entry, options, lang, lexicon, units, rules)
        return _format(entry, options, lang, lexicon, units, rules, options.get("case"))
    except ValueError as err:
        if rules is not None and isinstance(err, rules.GrammarError):
            raise FormatError(str(err)) from None
        raise


def places_of(options: dict[str, str]) -> int | None:
    """The decimals `round=N` asks for, or None: no rounding."""
    if "round" not in options:
        return None
    if not options["round"].isdigit():
        raise FormatError(
            f"option round={options['round']} is not a number of decimals — write round=0, round=1, ..."
        )
    return int(options["round"])


def _trend(
    entry: dict[str, Any],
    options: dict[str, str],
    lang: str,
    lexicon: dict,
    units: dict[str, Unit],
    rules: Any,
) -> str:
    """A change in the words of its direction (rose by 4.2% / fell by 4.2% / did not change):
    the direction of the value as written, at its precision, so 0.04 with round=1 is none."""
    words = trend_words(lexicon, lang, options["trend"] or "default")
    if entry["unit"] not in units or units[entry["unit"]].kind not in ("number", "percent", "currency"):
        raise FormatError(
            f"option trend needs a number, and {entry['unit']!r} is not a unit of numbers — remove trend"
        )
    value = rounded(exact(entry), places_of(options))
    template = words["up" if value > 0 else "down" if value < 0 else "zero"]
    magnitude = {**entry, "value": abs(value)}
    outer = {name: given for name, given in options.items() if name not in ("trend", "sign", "abs")}

    def fill(found: re.Match) -> str:
        inner = dict(outer)
        for part in filter(None, found["options"].split("|")):
            name, _, given = part.partition("=")
            inner[name] = given
        return format_value(magnitude, inner, lang, lexicon, units)

    return TREND_VALUE.sub(fill, str(template))


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
            written = rules.date(day, locale(lang).months["format"]["wide"][day.month], case)
        else:
            written = format_date(day, format="long", locale=lang)
        # A date never breaks across lines: "1 October 2019", «1 октября 2019 г.» are one unit.
        return written.replace(" ", NBSP)
    value = exact(entry)
    if "abs" in options:
        value = abs(value)
    if unit.kind == "year":
        if case and hasattr(rules, "year"):
            return rules.year(value, case)
        return str(value)
    places = places_of(options)
    magnitude = abs(value)
    expected, factor = value, Decimal(1)  # what the written digits, read back, must say
    word = None  # the word the value ends with: its currency word or counted noun
    if unit.kind == "percent":
        text = format_percent(rounded(magnitude, places) / 100, locale=lang, decimal_quantization=False)
    elif unit.kind == "currency" and unit.scale:
        # Stated in a scale (billions): written with the scale word, every digit kept.
        expected = value * Decimal(10) ** unit.scale
        text, factor = format_scaled(magnitude * Decimal(10) ** unit.scale, lang, style, places)
    elif "in" in options:
        if options["in"] not in SCALES:
            raise FormatError(
                f"option in={options['in']} is not a scale — write in= with one of: {', '.join(SCALES)}"
            )
        expected = value / Decimal(10) ** SCALES[options["in"]]
        text = format_number(rounded(abs(expected), places), lang)
    elif "compact" in options:
        text, factor = format_scaled(magnitude, lang, style, places)
    else:
        text = format_number(rounded(magnitude, places), lang)
    text = signed(text, value, "sign" in options or unit.signed)
    tolerance = Decimal(0) if places is None else Decimal(5).scaleb(-places - 1) * factor
    check_printed(text, expected, tolerance, lang)
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
