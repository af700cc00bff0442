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

from datapaper.grammar.morphology import CASES, GrammarError, Morphology

GOVERN_GENITIVE = ("около", "более", "свыше", "до", "из")
# The letters of a declinable name.
LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюяё-"


def counted_tags(
    category: str, case: str, after_scale: bool = False
) -> tuple[tuple[str, str], tuple[str, str]]:
    """(case, number) of the noun and of its adjectives, for a plural category and case."""
    if case not in CASES:
        raise GrammarError(f"unknown case {case!r} — use one of: {', '.join(CASES)}")
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


# The grammar interface (datapaper/grammar/__init__.py): the dictionary's, with this
# language's counting table; CASES and GrammarError above.
OPTIONS = frozenset({"case"})
RUSSIAN = Morphology("ru", "Russian", LETTERS, counted_tags)
warm_up = RUSSIAN.warm_up
name, counted, value = RUSSIAN.name, RUSSIAN.counted, RUSSIAN.value
