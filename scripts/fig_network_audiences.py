"""Figure: active users of each social network in Kazakhstan (Brand Analytics), largest first."""

import figure_common as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The networks as Brand Analytics ranks them, with their active users."""
    points = fc.ranked(numbers, "audience", "users")
    keys = [f"audience.rank{place}.users" for place in range(1, len(points) + 1)]
    return {
        "points": points,
        "year": fc.entry(numbers, "audience.year")["value"],
        "sources": fc.sources_of(numbers, keys),
    }


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    fig, ax = fc.new_figure(6, fc.source_line(strings, data["sources"]))
    points = data["points"]
    labels = fc.bars(
        ax,
        [strings.name("network", p["name"]) for p in points],
        [p["value"] for p in points],
        [fc.format_entry(p, strings) for p in points],
    )
    ax.set_xlabel(strings.text("network_audiences.xlabel", year=data["year"]))
    fc.fit_labels(fig, labels)
    return fig


if "snakemake" in globals():
    fc.run(snakemake, figure_data, draw)  # noqa: F821
