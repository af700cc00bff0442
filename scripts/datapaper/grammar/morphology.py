"""Phrases inflected by pymorphy3's dictionaries: what the grammar modules of Russian and
Ukrainian share (each module keeps its own counting table and its language's words).

A phrase is a lemma (`активный пользователь`, `субъект малого бизнеса`): the words up to
its first noun take the asked case and number, agreeing with that noun; the rest stay as
written. A form the dictionary lacks, or gives otherwise, is declared in the lexicon's
`inflection` table (`человек: {gen_plur: человек}`), which wins over the dictionary.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import cached_property

import pymorphy3

CASE_TAGS = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "loc": "loct"}
CASES = tuple(CASE_TAGS)


class GrammarError(ValueError):
    """A phrase cannot be inflected as asked; the caller adds where."""


# A language's counting table: (case, number) of a counted noun and of its adjectives, for
# a CLDR plural category, a case and whether a scale word (млн) comes first.
CountingTable = Callable[[str, str, bool], tuple[tuple[str, str], tuple[str, str]]]


class Morphology:
    """One language's dictionary, and the grammar interface (datapaper/grammar/__init__.py)
    of a language that declines counted nouns and names with it. `counting` is the
    language's counting table; `singular` is the tag its dictionary gives singular forms
    (None where it tags only the plural); `letters` are the letters of its declinable names."""

    def __init__(
        self, lang: str, language: str, letters: str, counting: CountingTable, singular: str | None = "sing"
    ) -> None:
        self.lang, self.language, self.letters = lang, language, set(letters)
        self.counting, self.singular = counting, singular

    @cached_property
    def analyzer(self) -> pymorphy3.MorphAnalyzer:
        return pymorphy3.MorphAnalyzer(lang=self.lang)

    def warm_up(self) -> None:
        """Load the dictionary now (the grammar interface's optional `warm_up`)."""
        self.analyzer  # noqa: B018

    def parse(self, word: str, noun: bool):
        """The dictionary's reading of a word as a noun (the head) or as an adjective before it."""
        kinds = {"NOUN"} if noun else {"ADJF", "PRTF", "NUMR", "NPRO"}
        return next((p for p in self.analyzer.parse(word) if p.tag.POS in kinds and "nomn" in p.tag), None)

    def form(
        self,
        word: str,
        parse,
        case: str,
        number: str,
        gender: str | None,
        animacy: str | None,
        overrides: dict,
    ) -> str:
        override = overrides.get(word, {}).get(f"{case}_{number}")
        if override:
            return str(override)
        tags = {CASE_TAGS[case]} | ({number} if number == "plur" or self.singular else set())
        if parse.tag.POS != "NOUN" and number == "sing" and gender:
            tags.add(gender)
        if parse.tag.POS != "NOUN" and case == "acc" and animacy and (number == "plur" or gender == "masc"):
            tags.add(animacy)
        inflected = parse.inflect(tags)
        if inflected is None:
            raise GrammarError(
                f"pymorphy3 has no {case} {number} of {word!r} — declare it in the lexicon's "
                f"`inflection` table: {word}: {{{case}_{number}: ...}}"
            )
        return word[:1] + inflected.word[1:] if word[:1].isupper() else inflected.word

    def inflect_phrase(
        self, phrase: str, noun: tuple[str, str], adjective: tuple[str, str], overrides: dict
    ) -> str:
        """The words up to the first noun in the given (case, number); the rest as written."""
        words = phrase.split(" ")
        head = next((i for i, w in enumerate(words) if w in overrides or self.parse(w.lower(), True)), None)
        if head is None:
            raise GrammarError(
                f"no noun that pymorphy3 knows in {phrase!r} — check its spelling, or declare the noun's "
                "forms in the lexicon's `inflection` table"
            )
        head_parse = self.parse(words[head].lower(), True)
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
            parse = head_parse if i == head else self.parse(word.lower(), False)
            if parse is None:
                raise GrammarError(
                    f"pymorphy3 does not know {word!r} in {phrase!r} as an adjective — declare its forms "
                    "in the lexicon's `inflection` table"
                )
            case, number = noun if i == head else adjective
            if (
                i < head
                and number == "plur"
                and case == "gen"
                and noun == ("gen", "sing")
                and gender == "femn"
            ):
                case = "nom"  # «две новые книги»: a feminine noun's adjective after 2-4
            out.append(self.form(word, parse, case, number, gender, animacy, overrides))
        return " ".join(out)

    def decline_name(self, name: str, case: str, overrides: dict) -> str:
        """A name in a case: a declared form, the dictionary's for a word in the language's
        letters, else as written (Google, «Новый мир»: not declined in running text)."""
        if case not in CASE_TAGS:
            raise GrammarError(f"unknown case {case!r} — use one of: {', '.join(CASES)}")
        declared = overrides.get(name, {})
        if f"{case}_sing" in declared:
            return str(declared[f"{case}_sing"])
        if case == "nom" or not set(name.lower()) <= self.letters:
            return name
        return self.inflect_phrase(name, (case, "sing"), (case, "sing"), overrides)

    # The grammar interface.

    def name(self, word: str, case: str, lexicon: dict) -> str:
        return self.decline_name(word, case, lexicon.get("inflection", {}))

    def counted(self, lemma: str, category: str, case: str, lexicon: dict, after_scale: bool = False) -> str:
        """A counted noun phrase (its lemma) in the form a number of `category` needs in `case`."""
        noun, adjective = self.counting(category, case, after_scale)
        return self.inflect_phrase(lemma, noun, adjective, lexicon.get("inflection", {}))

    def value(
        self,
        text: str,
        number: Decimal,
        kind: str,
        word: str | None,
        case: str,
        lexicon: dict,
        noun: bool = False,
    ) -> str:
        """A value's case is its counted noun's, which `counted` inflected already."""
        if not noun:
            raise GrammarError(
                f"case= in {self.language} declines a counted noun (noun=) or a name — add noun=, or remove case="
            )
        return text
