"""The build's agreement check: no hand-typed word whose form depends on a spliced value.

A word typed next to a placeholder is right only for today's value: «более 1 700
независимых магазинов» breaks when the count becomes 1 701. So, naming file and line:

- Russian: a noun typed right after a count (without `noun=`) is flagged: the count
  must carry it (`noun=`, and `case=` where the sentence needs one); a placeholder with
  `noun=` after a preposition that governs the genitive («около», «более», «свыше», «до»,
  «из») must say `case=gen`. (After a scale word, «1,9 млн пользователей», the noun does
  not depend on the digits and is not flagged.)
- Any language: a sentence that gives one value `in=` a scale and another `compact`
  («from {{a|in=million}} to {{b|compact}}») says "from 25 to 5 thousand" once the second
  falls below the scale: give both the same format.
- Russian and Kazakh typography: quotation marks are «ёлочки» and a dash is a dash
  («—»), not a straight quote or a hyphen between spaces.
- Kazakh: an ending typed onto a placeholder («{{...}}-ден», «{{...}} млн-нан») is
  flagged: `case=` writes it from how the value is said.
"""

import re

from datapaper.grammar import ru
from datapaper.placeholders import PLACEHOLDER, parse
from datapaper.units import Unit

GUILLEMET_LANGUAGES = ("kk", "ru")
NOT_PROSE = re.compile(r"\{\{[^{}]*\}\}|\[@[^\]]*\]|\{[#.][^}]*\}|\]\([^)]*\)|`[^`]*`")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
KK_TYPED_ENDING = re.compile(r"^(?:\u00a0| )?(?:[^\W\d_]{1,4}\.?)?[-\u2011][а-яәғқңөұүһі]", re.IGNORECASE)


def _is_count(entry: dict | None, options: dict[str, str], units: dict[str, Unit]) -> bool:
    """A number whose digits decide the form of a noun after it."""
    if entry is None or {"as", "compact", "in", "year"} & set(options):
        return False
    unit = units.get(entry["unit"])
    return unit is not None and unit.kind == "number"


def _is_noun(word: str) -> bool:
    parses = ru.RUSSIAN.analyzer.parse(word.lower())
    return bool(parses) and parses[0].tag.POS in ("NOUN", "ADJF") and parses[0].score >= 0.5


def check_agreement(path: str, text: str, lang: str, numbers: dict, units: dict[str, Unit]) -> list[str]:
    """Hand-typed forms that depend on a placeholder's value, each with file and line."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{path}:{number}"
        if lang in GUILLEMET_LANGUAGES:
            prose = NOT_PROSE.sub(" ", line)
            if '"' in prose or "„" in prose or "“" in prose:
                problems.append(f"{where}: straight or English quotation marks — {lang} writes «…»")
            if re.search(r"\s-\s", prose):
                problems.append(f"{where}: a hyphen between spaces — {lang} writes a dash, «—»")
        formats = {name for m in PLACEHOLDER.finditer(line) for name, _ in parse(m["body"], where)[1]}
        if {"in", "compact"} <= formats:
            problems.append(
                f"{where}: one sentence mixes in= and compact values; a value that changes scale "
                "would read wrongly (25 ... 5 thousand) — give them the same format"
            )
        for match in PLACEHOLDER.finditer(line):
            key, options = parse(match["body"], where)
            opts = dict(options)
            before = WORD.findall(line[: match.start()])
            after = line[match.end() :]
            if lang == "ru":
                previous = before[-1].lower() if before else ""
                if "noun" in opts and previous in ru.GOVERN_GENITIVE and opts.get("case") != "gen":
                    problems.append(
                        f"{where}: «{previous}» governs the genitive — write {match.group(0)[:-2]}|case=gen}}}}"
                    )
                following = WORD.match(after.lstrip(" \u00a0")) if after[:1] in (" ", "\u00a0") else None
                if following and "noun" not in opts and _is_count(numbers.get(key), opts, units):
                    if _is_noun(following.group(0)):
                        problems.append(
                            f"{where}: the noun «{following.group(0)}» is typed after {match.group(0)}; "
                            "its form depends on the value — give it as noun= (and case=) in the placeholder"
                        )
            elif lang == "kk" and KK_TYPED_ENDING.match(after):
                problems.append(
                    f"{where}: an ending is typed onto {match.group(0)} ({after[:12].strip()!r}); "
                    "it depends on how the value is said — use case= in the placeholder"
                )
    return problems
