"""Figure: the most common activities on social networks, share of respondents."""

import figure_common as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The activities by share of respondents, most common first."""
    return fc.ranking_data(numbers, "activities", "share")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "activity", "social_media_activities.xlabel", 6)


if "snakemake" in globals():
    fc.run(snakemake, figure_data, draw)  # noqa: F821
