"""Figure: active users of each social network in Kazakhstan (Brand Analytics), largest first."""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The networks as Brand Analytics ranks them, with their active users."""
    return fc.ranking_data(numbers, "audience", "users")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "network", "network_audiences.xlabel", 6)
