"""Figure: e-commerce split into goods and services, and the largest online platforms by category."""

from datapaper import figures as fc
from matplotlib.figure import Figure


def figure_data(numbers: dict) -> dict:
    """The segments (goods, services) and the platform categories, each by share, largest first."""
    segments = fc.ranked(numbers, "structure", "share")
    platforms = fc.ranked(numbers, "platforms", "share")
    used = [f"structure.rank{place}.share" for place in range(1, len(segments) + 1)]
    used += [f"platforms.rank{place}.share" for place in range(1, len(platforms) + 1)]
    return {
        "segments": segments,
        "segments_total": fc.entry(numbers, "structure.sum")["value"],
        "segments_year": fc.entry(numbers, "structure.year")["value"],
        "platforms": platforms,
        "platforms_year": fc.entry(numbers, "platforms.year")["value"],
        "sources": fc.sources_of(numbers, used),
    }


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    fig, (top, bottom) = fc.new_figure(
        8, fc.source_line(strings, data["sources"]), nrows=2, height_ratios=[1, 4.2]
    )
    colors = fc.palette()
    # One bar cut into its parts, each named inside its piece.
    start = 0.0
    fills = [colors["main"], colors["light"]]
    inks = ["white", "0.13"]
    for index, part in enumerate(data["segments"]):
        top.barh(0, part["value"], left=start, height=0.7, color=fills[index % 2])
        top.text(
            start + part["value"] / 2,
            0,
            f"{strings.name('segment', part['name'])} {fc.format_entry(part, strings)}",
            ha="center",
            va="center",
            color=inks[index % 2],
        )
        start += part["value"]
    top.set_xlim(0, data["segments_total"])
    top.set_ylim(-0.5, 0.5)
    top.set_yticks([0], [strings.text("ecommerce_structure.segments_label", year=data["segments_year"])])
    top.tick_params(axis="y", length=0, pad=4)
    top.tick_params(axis="x", bottom=False, labelbottom=False)
    for side in ("left", "bottom"):
        top.spines[side].set_visible(False)

    platforms = data["platforms"]
    labels = fc.bars(
        bottom,
        [fc.wrap(strings.name("platform_category", p["name"]), 28) for p in platforms],
        [p["value"] for p in platforms],
        [fc.format_entry(p, strings) for p in platforms],
    )
    bottom.set_xlabel(strings.text("ecommerce_structure.platforms_xlabel", year=data["platforms_year"]))
    fc.fit_labels(fig, labels)
    return fig


def describe(data: dict, strings: fc.Strings) -> dict:
    """The fields of the alternative text (`ecommerce_structure.alt`): the segments' shares, the
    platform categories' shares, the largest and the smallest."""
    platforms = data["platforms"]
    return {
        "segments_year": data["segments_year"],
        "segments": fc.listing(data["segments"], strings, "segment"),
        "year": data["platforms_year"],
        "items": fc.listing(platforms, strings, "platform_category"),
        "first": strings.name("platform_category", platforms[0]["name"]),
        "first_value": platforms[0],
        "last": strings.name("platform_category", platforms[-1]["name"]),
        "last_value": platforms[-1],
    }


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    segments = [[strings.name("segment", p["name"]), fc.format_entry(p, strings)] for p in data["segments"]]
    platforms = [
        [strings.name("platform_category", p["name"]), fc.format_entry(p, strings)] for p in data["platforms"]
    ]
    return segments + platforms
