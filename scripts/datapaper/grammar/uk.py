"""Ukrainian counted nouns and names, inflected by pymorphy3's Ukrainian dictionary.

A counted noun's form depends on the case the sentence needs and on the number's CLDR
plural category:

    case      one (1, 21, 101)   few (2-4, 22)      many (5, 11, 25, 111)   other (1,5)
    nom/acc   sing, that case    nom plur           gen plur                gen sing
    gen, ...  sing, that case    plur, that case    plur, that case         gen sing

(«21 поїздка», «22 поїздки», «25 поїздок», «1,5 поїздки»; «близько 21 поїздки».) After a
scale word (млн, тис.) the noun is genitive plural. A noun is declared by its lemma phrase
(`активний користувач`): the words up to the first noun agree with it, the rest stay as
written. Where the dictionary's form is not the one counting needs, the lexicon's
`inflection` table declares it (`раз: {gen_sing: рази}`).
"""

from decimal import Decimal
from functools import cache

import pymorphy3

CASE_TAGS = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "loc": "loct"}
CASES = tuple(CASE_TAGS)
OPTIONS = frozenset({"case"})


class GrammarError(ValueError):
    """A phrase cannot be inflected as asked; the caller adds where."""


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="uk")


def counted_tags(
    category: str, case: str, after_scale: bool = False
) -> tuple[tuple[str, str], tuple[str, str]]:
    """(case, number) of the noun and of its adjectives, for a plural category and case."""
    if case not in CASE_TAGS:
        raise GrammarError(f"unknown case {case!r}; known: {', '.join(CASES)}")
    direct = case in ("nom", "acc")
    if after_scale or (category == "many" and direct):
        return ("gen", "plur"), ("gen", "plur")
    if category == "one":
        return (case, "sing"), (case, "sing")
    if category in ("few", "many"):
        return (("nom", "plur"),) * 2 if direct else ((case, "plur"),) * 2
    return ("gen", "sing"), ("gen", "sing")


def _parse(word: str, noun: bool):
    """The dictionary's reading of a word as a noun (the head) or as an adjective before it."""
    kinds = {"NOUN"} if noun else {"ADJF", "PRTF", "NUMR", "NPRO"}
    return next((p for p in analyzer().parse(word) if p.tag.POS in kinds and "nomn" in p.tag), None)


def _form(word: str, parse, case: str, number: str, gender: str | None, overrides: dict) -> str:
    override = overrides.get(word, {}).get(f"{case}_{number}")
    if override:
        return str(override)
    tags = {CASE_TAGS[case]} | ({"plur"} if number == "plur" else set())
    if parse.tag.POS != "NOUN" and number == "sing" and gender:
        tags.add(gender)
    inflected = parse.inflect(tags)
    if inflected is None:
        raise GrammarError(
            f"pymorphy3 has no {case} {number} of {word!r}; declare it in the lexicon's "
            f"`inflection` table: {word}: {{{case}_{number}: ...}}"
        )
    return word[:1] + inflected.word[1:] if word[:1].isupper() else inflected.word


def inflect_phrase(phrase: str, noun: tuple[str, str], adjective: tuple[str, str], overrides: dict) -> str:
    """The words up to the first noun in the given (case, number); the rest as written."""
    words = phrase.split(" ")
    head = next((i for i, w in enumerate(words) if w in overrides or _parse(w.lower(), True)), None)
    if head is None:
        raise GrammarError(f"no noun that pymorphy3 knows in {phrase!r}")
    head_parse = _parse(words[head].lower(), True)
    gender = head_parse.tag.gender if head_parse else None
    out = []
    for i, word in enumerate(words):
        parse = head_parse if i == head else _parse(word.lower(), False)
        if i > head:
            out.append(word)
        elif parse is None and not (i == head and word in overrides):
            raise GrammarError(f"pymorphy3 does not know {word!r} in {phrase!r} as an adjective")
        else:
            case, number = noun if i == head else adjective
            out.append(_form(word, parse, case, number, gender, overrides))
    return " ".join(out)


# The grammar interface (datapaper/grammar/__init__.py).


def counted(lemma: str, category: str, case: str, lexicon: dict, after_scale: bool = False) -> str:
    """A counted noun phrase (its lemma) in the form a number of `category` needs in `case`."""
    noun, adjective = counted_tags(category, case, after_scale)
    return inflect_phrase(lemma, noun, adjective, lexicon.get("inflection", {}))


def name(word: str, case: str, lexicon: dict) -> str:
    """A name in a case: a declared form, the dictionary's for a Cyrillic word, else as written."""
    if case not in CASE_TAGS:
        raise GrammarError(f"unknown case {case!r}; known: {', '.join(CASES)}")
    overrides = lexicon.get("inflection", {})
    declared = overrides.get(word, {})
    if f"{case}_sing" in declared:
        return str(declared[f"{case}_sing"])
    if case == "nom" or not all("а" <= c.lower() <= "я" or c in "іїєґ'’-" for c in word.lower()):
        return word  # Google, «Нова пошта»: not declined in running text
    return inflect_phrase(word, (case, "sing"), (case, "sing"), overrides)


def value(
    text: str, number: Decimal, kind: str, word: str | None, case: str, lexicon: dict, noun: bool = False
) -> str:
    """A value's case is its counted noun's, which `counted` inflected already."""
    if not noun:
        raise GrammarError("case= in Ukrainian declines a counted noun (noun=) or a name")
    return text
