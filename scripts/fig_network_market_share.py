"""Figure: shares of the social networks in Kazakhstan (StatCounter), largest first."""

import figure_common as fc
from matplotlib.figure import Figure

OTHER = "other"  # the remainder goes last, whatever its size, and in a muted colour


def figure_data(numbers: dict) -> dict:
    """The networks by share, largest first, the remainder last."""
    ranked = fc.ranked(numbers, "market_share", "share")
    points = [p for p in ranked if p["name"] != OTHER] + [p for p in ranked if p["name"] == OTHER]
    keys = [f"market_share.rank{place}.share" for place in range(1, len(points) + 1)]
    return {
        "points": points,
        "year": fc.entry(numbers, "market_share.year")["value"],
        "sources": fc.sources_of(numbers, keys),
    }


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    fig, ax = fc.new_figure(7.5, fc.source_line(strings, data["sources"]))
    points = data["points"]
    colors = fc.palette()
    labels = fc.bars(
        ax,
        [strings.name("network", p["name"]) for p in points],
        [p["value"] for p in points],
        [fc.format_entry(p, strings) for p in points],
        [colors["muted"] if p["name"] == OTHER else colors["main"] for p in points],
    )
    ax.set_xlabel(strings.text("network_market_share.xlabel", year=data["year"]))
    fc.fit_labels(fig, labels)
    return fig


if "snakemake" in globals():
    fc.run(snakemake, figure_data, draw)  # noqa: F821
