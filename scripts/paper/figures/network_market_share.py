"""Figure: shares of the social networks in Kazakhstan (StatCounter), largest first."""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The networks by share, largest first, the remainder (other networks) last."""
    return fc.ranking_data(numbers, "market_share", "share", last="other")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "network", "network_market_share.xlabel", 7.5)


def describe(data: dict, strings: fc.Strings) -> dict:
    """The fields of the alternative text (`network_market_share.alt`): largest, smallest, every value."""
    return fc.ranking_fields(data, strings, "network")


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    return fc.ranking_rows(data, strings, "network")
