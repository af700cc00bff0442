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

from datapaper.grammar.morphology import CASES, GrammarError, Morphology

# The letters of a declinable name.
LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюяіїєґ'’-"


def counted_tags(
    category: str, case: str, after_scale: bool = False
) -> tuple[tuple[str, str], tuple[str, str]]:
    """(case, number) of the noun and of its adjectives, for a plural category and case."""
    if case not in CASES:
        raise GrammarError(f"unknown case {case!r} — use one of: {', '.join(CASES)}")
    direct = case in ("nom", "acc")
    if after_scale or (category == "many" and direct):
        return ("gen", "plur"), ("gen", "plur")
    if category == "one":
        return (case, "sing"), (case, "sing")
    if category in ("few", "many"):
        return (("nom", "plur"),) * 2 if direct else ((case, "plur"),) * 2
    return ("gen", "sing"), ("gen", "sing")


# The grammar interface (datapaper/grammar/__init__.py): the dictionary's, with this
# language's counting table; CASES and GrammarError above.
OPTIONS = frozenset({"case"})
# The dictionary tags only the plural: a form without `plur` is singular.
UKRAINIAN = Morphology("uk", "Ukrainian", LETTERS, counted_tags, singular=None)
warm_up = UKRAINIAN.warm_up
name, counted, value = UKRAINIAN.name, UKRAINIAN.counted, UKRAINIAN.value
