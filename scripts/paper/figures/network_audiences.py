"""Figure: active users of each social network in Kazakhstan (Brand Analytics), largest first."""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The networks as Brand Analytics ranks them, with their active users."""
    return fc.ranking_data(numbers, "audience", "users")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "network", "network_audiences.xlabel", 6)


def describe(data: dict, strings: fc.Strings) -> dict:
    """The fields of the alternative text (`network_audiences.alt`): largest, smallest, every value."""
    return fc.ranking_fields(data, strings, "network")


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    return fc.ranking_rows(data, strings, "network")
