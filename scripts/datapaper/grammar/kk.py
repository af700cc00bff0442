"""Kazakh case endings on spliced values, chosen by how the value is said.

A Kazakh ending follows vowel harmony (back or front, from the last vowel) and the final
sound of the *spoken* form: 1 700 is said «мың жеті жүз» and takes «-ден», 20 («жиырма»)
takes «-дан», 5 («бес») «-тен», «млн» («миллион») «-нан». Numbers are spelled out by CLDR's
rule-based number format (unicode-rbnf); a name written in Latin letters needs its
pronunciation (a lexicon's `pronunciation` table: Google -> гугл -> «Google-ға»).
Orthography: after digits, a percent sign, an abbreviation or Latin letters the ending is
joined with a hyphen («1 700-ден», «23,2%-ды», «млн-нан»); a Cyrillic word takes it
directly («қаладан»).

Cases: nom, gen (ілік), dat (барыс), acc (табыс), loc (жатыс), abl (шығыс), ins
(көмектес), and attr, the attributive locative «-дағы» («1 қазандағы жағдай»).
"""

import datetime
import re
from decimal import Decimal
from functools import cache

from unicode_rbnf import RbnfEngine

BACK = set("аоұыяё")
FRONT = set("әеөүіэ")
VOWELS = BACK | FRONT | set("иую")
NASAL = set("мнң")
SONORANT = set("лрйуи")  # у and и end a word like a consonant: оқу-ды, такси-ді
VOICED = set("жз")
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)

# Scale words of CLDR's Kazakh compact numbers, and how they are said.
SCALE_WORDS = {"мың": "мың", "млн": "миллион", "млрд": "миллиард", "трлн": "триллион"}
PERCENT_WORD = "пайыз"
HYPHEN = "\u2011"  # non-breaking: «70%-ды» never splits at the line end
YEAR_WORD = "жыл"

# Endings by case, final sound and harmony (back, front).
ENDINGS: dict[str, dict[str, tuple[str, str]]] = {
    "gen": {"vowel": ("ның", "нің"), "nasal": ("ның", "нің"), "sonorant": ("дың", "дің"),
            "voiced": ("дың", "дің"), "voiceless": ("тың", "тің")},
    "acc": {"vowel": ("ны", "ні"), "nasal": ("ды", "ді"), "sonorant": ("ды", "ді"),
            "voiced": ("ды", "ді"), "voiceless": ("ты", "ті")},
    "dat": {"vowel": ("ға", "ге"), "nasal": ("ға", "ге"), "sonorant": ("ға", "ге"),
            "voiced": ("ға", "ге"), "voiceless": ("қа", "ке")},
    "loc": {"vowel": ("да", "де"), "nasal": ("да", "де"), "sonorant": ("да", "де"),
            "voiced": ("да", "де"), "voiceless": ("та", "те")},
    "abl": {"vowel": ("дан", "ден"), "nasal": ("нан", "нен"), "sonorant": ("дан", "ден"),
            "voiced": ("дан", "ден"), "voiceless": ("тан", "тен")},
    # The instrumental ending does not follow vowel harmony.
    "ins": {"vowel": ("мен", "мен"), "nasal": ("мен", "мен"), "sonorant": ("мен", "мен"),
            "voiced": ("бен", "бен"), "voiceless": ("пен", "пен")},
}  # fmt: skip
CASES = ("nom", *ENDINGS, "attr")


class GrammarError(ValueError):
    """A value cannot be declined as asked; the caller adds where."""


def last_word(spoken: str) -> str:
    words = re.findall(r"[^\W\d_]+", spoken.lower())
    if not words:
        raise GrammarError(f"no spoken word in {spoken!r}")
    return words[-1]


def is_front(word: str) -> bool:
    """Vowel harmony: the last vowel decides.

    у and и are vowels before a consonant (a loan's «бук», «клип»); at the end of a word
    they are glides and the vowel before them decides (елу-ге, оқу-ға).
    """
    if word.endswith("ь"):
        return True  # рубль -> рубльге
    for i in range(len(word) - 1, -1, -1):
        letter = word[i]
        closed = i < len(word) - 1 and word[i + 1] not in VOWELS
        if letter in FRONT or (letter == "и" and closed):
            return True
        if letter in BACK or (letter == "у" and closed):
            return False
    return "и" in word


def final_sound(word: str) -> str:
    """vowel, nasal (м н ң), sonorant (л р й у и), voiced (ж з) or voiceless."""
    word = word.rstrip("ьъ")
    last = word[-1]
    if last in SONORANT:
        return "sonorant"
    if last in VOWELS:
        return "vowel"
    if last in NASAL:
        return "nasal"
    if last in VOICED:
        return "voiced"
    return "voiceless"  # also б в г д, said voiceless at the end: клуб-қа


def ending(spoken: str, case: str) -> str:
    """The ending a word said as `spoken` takes in `case` ('' in the nominative)."""
    if case not in CASES:
        raise GrammarError(f"unknown case {case!r} — use one of: {', '.join(CASES)}")
    if case == "nom":
        return ""
    word = last_word(spoken)
    if case == "attr":
        return ending(spoken, "loc") + ("гі" if is_front(word) else "ғы")
    back, front = ENDINGS[case][final_sound(word)]
    return front if is_front(word) else back


def needs_hyphen(written: str) -> bool:
    """Digits, signs, Latin letters and abbreviations take the ending after a hyphen."""
    token = written.split()[-1] if written.split() else written
    if not CYRILLIC.match(token[-1]):
        return True
    return token in SCALE_WORDS and SCALE_WORDS[token] != token or (len(token) > 1 and token.isupper())


def attach(written: str, spoken: str, case: str) -> str:
    """`written` with the ending of `case`, as Kazakh orthography joins it."""
    suffix = ending(spoken, case)
    if not suffix:
        return written
    return f"{written}{HYPHEN}{suffix}" if needs_hyphen(written) else written + suffix


@cache
def _engine() -> RbnfEngine:
    return RbnfEngine.for_language("kk")


def spell(value: Decimal | int) -> str:
    """A number as it is said: 1700 -> «мың жеті жүз»; 23,2 ends «... екі»."""
    value = Decimal(value)
    integer = int(abs(value))
    words = _engine().format_number(integer).text
    fraction = abs(value) - integer
    if fraction:
        # «жиырма үш бүтін оннан екі»: what is said last is the fraction's numerator.
        digits = format(fraction.normalize(), "f").split(".")[1]
        words += " бүтін ... " + _engine().format_number(int(digits)).text
    return words


def spoken_number(text: str, value: Decimal) -> str:
    """How a formatted number ends when said: its scale word, or the number spelled out."""
    token = text.replace("\u00a0", " ").split()[-1]
    if token in SCALE_WORDS:
        return SCALE_WORDS[token]
    return spell(value)


def year(value: int | str, case: str) -> str:
    """A year with «жыл»: 2019 жылы (loc), 2019 жылғы (attr), 2019 жылдан, ..."""
    if case == "loc":
        return f"{value}\u00a0{YEAR_WORD}ы"
    if case == "attr":
        return f"{value}\u00a0{YEAR_WORD}ғы"
    return f"{value}\u00a0{attach(YEAR_WORD, YEAR_WORD, case)}"


def date(day: datetime.date, month: str, case: str) -> str:
    """2019 жылғы 1 қазан, 1 қазанға, 1 қазандағы (the ending goes on the month)."""
    return f"{day.year}\u00a0{YEAR_WORD}ғы {day.day}\u00a0{attach(month, month, case)}"


# The grammar interface (datapaper/grammar/__init__.py).
OPTIONS = frozenset({"case"})


def pronunciation(word: str, lexicon: dict) -> str:
    """How a Kazakh reader says a word: the lexicon's hint, or the word if it is Cyrillic."""
    hint = lexicon.get("pronunciation", {}).get(word)
    if hint:
        return str(hint)
    if CYRILLIC.match(last_word(word)[-1]):
        return word
    raise GrammarError(
        f"{word!r} has no pronunciation for case= — add `{word}: <how it is said, in Cyrillic>` to the "
        "lexicon's `pronunciation` table"
    )


def name(word: str, case: str, lexicon: dict) -> str:
    """A name with the ending of `case`, as it is said («Google-дан», «Мюнхеннен»)."""
    return attach(word, pronunciation(word, lexicon), case)


def value(
    text: str, number: Decimal, kind: str, word: str | None, case: str, lexicon: dict, noun: bool = False
) -> str:
    """A written value with the ending of `case`, after what is said last: its currency
    word or noun, «пайыз» for a percentage, else the number (or its scale word)."""
    spoken = word or (PERCENT_WORD if kind == "percent" else spoken_number(text, number))
    return attach(text, spoken, case)
