"""Figure: shares of the social networks in Kazakhstan (StatCounter), largest first."""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The networks by share, largest first, the remainder (other networks) last."""
    return fc.ranking_data(numbers, "market_share", "share", last="other")


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    return fc.ranking_figure(data, strings, "network", "network_market_share.xlabel", 7.5)
