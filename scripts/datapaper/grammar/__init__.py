"""Case and agreement of spliced values: one module a language, found by its code.

A language that declines numbers or nouns has a grammar module, `datapaper.grammar.<code>`
(this package's `kk` and `ru`), or one that another package registers under the entry-point
group `datapaper.grammar` (`uk = my_package.grammar_uk`). A language without one gets
CLDR's formatting alone (datapaper/localize.py), and a placeholder that asks it for a case
is refused. Nothing here knows a paper's words: those live in each paper's lexicon. A
language's typographic conventions (quotation marks, spaces before punctuation) are not
grammar: resources/typography/<code>.yaml declares them (datapaper/punctuation.py).

A grammar module implements one small interface; the generic formatter calls it with a
value it has already written as CLDR says:

    OPTIONS                 the placeholder options it understands beyond the generic
                            ones, e.g. frozenset({"case"})
    CASES                   the values `case=` takes
    GrammarError            what it raises (a ValueError); the caller adds file and line
    name(word, case, lexicon) -> str
                            a name (a lexicon word) in a case
    value(text, number, kind, word, case, lexicon, noun) -> str
                            a written value in a case: `text` as CLDR wrote it, `number`
                            its Decimal, `kind` its unit's kind (percent, number, currency,
                            year), `word` the currency word or counted noun it ends with
                            (None if none), `noun` whether that word is a counted noun
    counted(lemma, category, case, lexicon, after_scale) -> str      (optional)
                            a counted noun, declared by its lemma, in the form a number of
                            CLDR plural `category` needs in `case`; without it, a lemma is
                            written as declared
    year(value, case) -> str, date(day, month, case) -> str            (optional)
                            a year or a date (`month` CLDR's name of the day's month) in a
                            case; without them, a date or year is written as CLDR says
    warm_up() -> None                                                   (optional)
                            load now what the module loads on first use (a dictionary):
                            the job server calls it before it forks the jobs
"""

import importlib
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

GROUP = "datapaper.grammar"
PACKAGE = Path(__file__).resolve().parent
CASES = ("nom", "gen", "dat", "acc", "loc", "abl", "ins", "attr")


@cache
def for_language(lang: str) -> ModuleType | None:
    """The grammar module of a language code, or None if the language has none."""
    for point in entry_points(group=GROUP):
        if point.name == lang:
            return point.load()
    name = f"{__name__}.{lang}"
    if not (PACKAGE / f"{lang}.py").is_file():
        return None
    return importlib.import_module(name)


def warm_up(languages: list[str]) -> None:
    """Load what each language's grammar module loads on first use (its dictionary: an
    optional `warm_up()` of the module), in the job server before it forks
    (datapaper.forkserver_setup): each job that writes Russian loaded pymorphy3's
    dictionary again (0.04 s), and the figures and their descriptions are such jobs."""
    for lang in languages:
        module = for_language(lang)
        if module is not None and hasattr(module, "warm_up"):
            module.warm_up()


def module_names(languages: list[str]) -> tuple[str, ...]:
    """The grammar modules of these languages that live in this package, by name (a job
    that formats values runs them: the DAG counts them among its code)."""
    return tuple(f"{__name__}.{lang}" for lang in languages if (PACKAGE / f"{lang}.py").is_file())


def declining() -> list[str]:
    """The language codes this package and the entry points give a grammar module."""
    codes = {p.stem for p in PACKAGE.glob("*.py") if len(p.stem) in (2, 3) and p.stem.isalpha()}
    codes |= {point.name for point in entry_points(group=GROUP)}
    return sorted(codes)
