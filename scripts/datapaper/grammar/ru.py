"""Russian case of counted nouns and names, inflected by pymorphy3.

A counted noun's form depends on the case the sentence needs and on the number's CLDR
plural category:

    case      one (1, 21)        few (2-4, 22)        many (5, 11, 25)   other (1,5)
    nom/acc   sing, that case    gen sing (adj gen pl) gen plur           gen sing
    gen, ...  sing, that case    plur, that case       plur, that case    gen sing

(«21 пользователь», «около 21 пользователя», «более 22 пользователей», «2,5 пользователя».)
After a scale word (млн, тыс.) the noun is governed by it: genitive plural in every case.
A noun is declared by its lemma phrase (`активный пользователь`, `субъект малого бизнеса`):
the words up to the first noun agree, the rest stay as written. Where pymorphy3's form is
not the one counting needs («5 человек», not «5 людей»), the lexicon's `inflection` table
declares it: `человек: {gen_plur: человек}`.

The prepositions «около», «более», «свыше», «до», «из» govern the genitive. The text says
so with `case=gen`; the build's text check (`datapaper.grammar.check`) stops a placeholder
with a noun after such a preposition that does not.
"""

from decimal import Decimal
from functools import cache

import pymorphy3

CASE_TAGS = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "loc": "loct"}
CASES = tuple(CASE_TAGS)
GOVERN_GENITIVE = ("около", "более", "свыше", "до", "из")


class GrammarError(ValueError):
    """A phrase cannot be inflected as asked; the caller adds where."""


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


def counted_tags(
    category: str, case: str, after_scale: bool = False
) -> tuple[tuple[str, str], tuple[str, str]]:
    """(case, number) of the noun and of its adjectives, for a plural category and case."""
    if case not in CASE_TAGS:
        raise GrammarError(f"unknown case {case!r}; known: {', '.join(CASES)}")
    if after_scale:
        return ("gen", "plur"), ("gen", "plur")
    direct = case in ("nom", "acc")
    if category == "one":
        return (case, "sing"), (case, "sing")
    if category == "few":
        return (("gen", "sing"), ("gen", "plur")) if direct else ((case, "plur"), (case, "plur"))
    if category == "many":
        return (("gen", "plur"), ("gen", "plur")) if direct else ((case, "plur"), (case, "plur"))
    return ("gen", "sing"), ("gen", "sing")


def _parse(word: str, noun: bool):
    """pymorphy3's reading of a word as a noun (the head) or as an adjective before it."""
    kinds = {"NOUN"} if noun else {"ADJF", "PRTF", "NUMR", "NPRO"}
    for parse in analyzer().parse(word):
        if parse.tag.POS in kinds and "nomn" in parse.tag:
            return parse
    return None


def _form(
    word: str, parse, case: str, number: str, gender: str | None, animacy: str | None, overrides: dict
) -> str:
    override = overrides.get(word, {}).get(f"{case}_{number}")
    if override:
        return str(override)
    tags = {CASE_TAGS[case], number}
    if parse.tag.POS != "NOUN" and number == "sing" and gender:
        tags.add(gender)
    if parse.tag.POS != "NOUN" and case == "acc" and animacy and (number == "plur" or gender == "masc"):
        tags.add(animacy)
    inflected = parse.inflect(tags)
    if inflected is None:
        raise GrammarError(
            f"pymorphy3 has no {case} {number} of {word!r}; declare it in the lexicon's "
            f"`inflection` table: {word}: {{{case}_{number}: ...}}"
        )
    return _match_case(word, inflected.word)


def _match_case(original: str, word: str) -> str:
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def inflect_phrase(phrase: str, noun: tuple[str, str], adjective: tuple[str, str], overrides: dict) -> str:
    """The words up to the first noun in the given (case, number); the rest as written."""
    words = phrase.split(" ")
    head = next((i for i, w in enumerate(words) if w in overrides or _parse(w.lower(), True)), None)
    if head is None:
        raise GrammarError(f"no noun that pymorphy3 knows in {phrase!r}")
    head_parse = _parse(words[head].lower(), True)
    gender = head_parse.tag.gender if head_parse else None
    animacy = head_parse.tag.animacy if head_parse else None
    out = []
    for i, word in enumerate(words):
        if i > head:
            out.append(word)
            continue
        if i == head and word in overrides and (f"{noun[0]}_{noun[1]}" in overrides[word]):
            out.append(str(overrides[word][f"{noun[0]}_{noun[1]}"]))
            continue
        parse = head_parse if i == head else _parse(word.lower(), False)
        if parse is None:
            raise GrammarError(f"pymorphy3 does not know {word!r} in {phrase!r} as an adjective")
        case, number = noun if i == head else adjective
        if i < head and number == "plur" and case == "gen" and noun == ("gen", "sing") and gender == "femn":
            case = "nom"  # «две новые книги»: a feminine noun's adjective after 2-4
        out.append(_form(word, parse, case, number, gender, animacy, overrides))
    return " ".join(out)


def decline_name(name: str, case: str, overrides: dict) -> str:
    """A name in a case: a declared form, pymorphy3's for a Cyrillic word, else as written."""
    if case not in CASE_TAGS:
        raise GrammarError(f"unknown case {case!r}; known: {', '.join(CASES)}")
    declared = overrides.get(name, {})
    if f"{case}_sing" in declared:
        return str(declared[f"{case}_sing"])
    if case == "nom" or not all("а" <= c.lower() <= "я" or c in "ёЁ-" for c in name):
        return name  # Google, «Новый мир»: not declined in running text
    return inflect_phrase(name, (case, "sing"), (case, "sing"), overrides)


# The grammar interface (datapaper/grammar/__init__.py).
OPTIONS = frozenset({"case"})


def name(word: str, case: str, lexicon: dict) -> str:
    return decline_name(word, case, lexicon.get("inflection", {}))


def value(
    text: str, number: Decimal, kind: str, word: str | None, case: str, lexicon: dict, noun: bool = False
) -> str:
    """A value's case is its counted noun's, which `counted` inflected already."""
    if not noun:
        raise GrammarError("case= in Russian declines a counted noun (noun=) or a name")
    return text


def counted(lemma: str, category: str, case: str, lexicon: dict, after_scale: bool = False) -> str:
    """A counted noun phrase (its lemma) in the form a number of `category` needs in `case`."""
    noun, adjective = counted_tags(category, case, after_scale)
    return inflect_phrase(lemma, noun, adjective, lexicon.get("inflection", {}))
