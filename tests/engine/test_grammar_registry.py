"""A language's grammar is a module found by its code (datapaper.grammar.for_language): the
engine's own (kk, ru), or one another package registers under the entry-point group
`datapaper.grammar`; the generic formatter asks it and knows no language by name."""

import types
from decimal import Decimal

import pytest
from datapaper import grammar
from datapaper.grammar import kk, ru
from datapaper.localize import FormatError, format_value
from datapaper.units import Unit

UNITS = {"count": Unit(name="count", kind="number"), "percent": Unit(name="percent", kind="percent")}


@pytest.fixture(autouse=True)
def fresh_registry():
    grammar.for_language.cache_clear()
    yield
    grammar.for_language.cache_clear()


def test_the_engines_grammars_are_found_by_their_code():
    assert grammar.for_language("kk") is kk
    assert grammar.for_language("ru") is ru
    assert grammar.for_language("en") is None and grammar.for_language("de") is None
    assert grammar.declining() == ["kk", "ru", "uk"]
    assert grammar.module_names(["en", "kk", "ru", "de"]) == ("datapaper.grammar.kk", "datapaper.grammar.ru")


def test_each_grammar_implements_the_interface():
    for module in (kk, ru):
        assert "case" in module.OPTIONS and module.CASES
        assert issubclass(module.GrammarError, ValueError)
        assert callable(module.name) and callable(module.value)


class EntryPoint:
    def __init__(self, name, module):
        self.name, self.module = name, module

    def load(self):
        return self.module


def plugin() -> types.ModuleType:
    """A made-up language whose `case=` wraps a value in brackets, and whose counted nouns
    take the plural category as a suffix: enough to see each hook called."""
    module = types.ModuleType("cs_grammar")

    class GrammarError(ValueError):
        pass

    module.OPTIONS, module.CASES, module.GrammarError = frozenset({"case"}), ("nom", "gen"), GrammarError

    def value(text, number, kind, word, case, lexicon, noun=False):
        if case not in module.CASES:
            raise GrammarError(f"unknown case {case!r}")
        return f"[{case}:{text}]"

    module.value = value
    module.name = lambda word, case, lexicon: f"<{case}:{word}>"
    module.counted = lambda lemma, category, case, lexicon, after_scale=False: f"{lemma}-{category}"
    return module


def test_a_package_adds_a_language_through_an_entry_point(monkeypatch):
    monkeypatch.setattr(grammar, "entry_points", lambda group: [EntryPoint("cs", plugin())])
    lexicon = {"nouns": {"rider": "rider"}, "city": {"a": "Alpha"}}
    entry = {"value": 21, "unit": "count"}
    assert format_value(entry, {"case": "gen"}, "cs", lexicon, UNITS) == "[gen:21]"
    assert format_value(entry, {"noun": "rider"}, "cs", lexicon, UNITS) == "21\u00a0rider-other"
    assert (
        format_value({"value": "a", "unit": "city"}, {"case": "gen"}, "cs", lexicon, UNITS) == "<gen:Alpha>"
    )
    with pytest.raises(FormatError, match="unknown case 'dat'"):
        format_value(entry, {"case": "dat"}, "cs", lexicon, UNITS)
    assert "cs" in grammar.declining()


def test_a_language_without_a_module_writes_a_lemma_as_declared_and_refuses_case():
    lexicon = {"nouns": {"rider": "Fahrgast"}}
    assert (
        format_value({"value": 5, "unit": "count"}, {"noun": "rider"}, "de", lexicon, UNITS)
        == "5\u00a0Fahrgast"
    )
    with pytest.raises(FormatError, match="option case= needs a grammar module for 'de'"):
        format_value({"value": Decimal(5), "unit": "count"}, {"case": "gen"}, "de", lexicon, UNITS)
