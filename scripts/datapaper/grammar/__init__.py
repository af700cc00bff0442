"""Case and agreement of spliced values, one module per language that declines them.

A placeholder's `case=` option asks for a grammatical case. The ending of a value in
Kazakh depends on how the value is *said* (vowel harmony and the final sound of the spoken
form), so `kk` spells numbers out (CLDR rule-based number format) and reads names'
pronunciations from the lexicon. Russian counted nouns agree with the number by case and
CLDR plural category, inflected by pymorphy3 (`ru`). Nothing here knows a paper's words:
those live in each paper's lexicon.
"""

CASES = ("nom", "gen", "dat", "acc", "loc", "abl", "ins", "attr")
