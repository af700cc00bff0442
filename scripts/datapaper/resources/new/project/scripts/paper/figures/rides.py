"""Figure: rides of each city's bicycle-sharing scheme, most first.

A figure module gives `figure_data(numbers)`, what the figure plots (from the paper's
numbers), and `draw(data, strings, lang)`, the figure in one language (its words from
figures/strings/<lang>.yaml); datapaper.figures has the helpers.
"""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    return fc.ranking_data(numbers, "rides", "rides")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "city", "rides.xlabel", 5)
