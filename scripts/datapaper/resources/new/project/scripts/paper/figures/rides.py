"""Figure: rides of each city's bicycle-sharing scheme, most first.

A figure module gives `figure_data(numbers)`, what the figure plots (from the paper's
numbers), `draw(data, strings, lang)`, the figure in one language (its words from
figures/strings/<lang>.yaml), and `describe(data, strings)`, the fields of its alternative
text (`rides.alt` of the strings: what kind of chart it is and what it shows, for screen
readers, in every format); `rows(data, strings)`, if given, are its numbers as the web
page's table; datapaper.figures has the helpers.
"""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    return fc.ranking_data(numbers, "rides", "rides")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "city", "rides.xlabel", 5)


def describe(data: dict, strings: fc.Strings) -> dict:
    return fc.ranking_fields(data, strings, "city")


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    return fc.ranking_rows(data, strings, "city")
