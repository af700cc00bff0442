"""Figure: the most common activities on social networks, share of respondents."""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The activities by share of respondents, most common first."""
    return fc.ranking_data(numbers, "activities", "share")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "activity", "social_media_activities.xlabel", 6)


def describe(data: dict, strings: fc.Strings) -> dict:
    """The fields of the alternative text (`social_media_activities.alt`): largest, smallest, every value."""
    return fc.ranking_fields(data, strings, "activity")


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    return fc.ranking_rows(data, strings, "activity")
