"""Figure: the advertising market by medium, and the internet's share growing over the years."""

from datapaper import figures as fc
from matplotlib.figure import Figure

INTERNET = "digital"  # the medium the right panel follows, marked in the accent colour


def figure_data(numbers: dict) -> dict:
    """Media by share of the market, largest first; the internet's share by year; its growth."""
    media = fc.ranked(numbers, "ad_medium", "share")
    years = sorted(
        key.removesuffix(".year")
        for key in numbers
        if key.startswith("internet_ads.") and key.endswith(".year")
    )
    internet = sorted(
        (fc.point(fc.entry(numbers, f"{key}.year")["value"], fc.entry(numbers, key)) for key in years),
        key=lambda p: p["name"],
    )
    factor = fc.entry(numbers, "internet_ads.factor")
    used = (
        [f"ad_medium.rank{place}.share" for place in range(1, len(media) + 1)]
        + years
        + ["internet_ads.factor"]
    )
    return {
        "media": media,
        "media_year": fc.entry(numbers, "ad_medium.year")["value"],
        "internet": internet,
        "factor": fc.point("factor", factor),
        "sources": fc.sources_of(numbers, used),
    }


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    fig, (left, right) = fc.new_figure(
        7, fc.source_line(strings, data["sources"]), ncols=2, width_ratios=[3, 2]
    )
    colors = fc.palette()
    media = data["media"]
    media_labels = fc.bars(
        left,
        [strings.name("medium", p["name"]) for p in media],
        [p["value"] for p in media],
        [fc.format_entry(p, strings) for p in media],
        [colors["accent"] if p["name"] == INTERNET else colors["main"] for p in media],
    )
    left.set_xlabel(strings.text("advertising_market.media_xlabel", year=data["media_year"]))

    internet = data["internet"]
    values = [p["value"] for p in internet]
    width, positions = 0.5, [2 * index for index in range(len(values))]
    year_labels = fc.columns(
        right,
        positions,
        values,
        [fc.format_entry(p, strings) for p in internet],
        [str(p["name"]) for p in internet],
        width,
        colors["accent"],
    )
    right.set_xlim(positions[0] - width, positions[-1] + width)
    right.set_xlabel(strings.text("advertising_market.internet_xlabel"))
    factor = data["factor"]
    fc.rise(
        right,
        year_labels,
        strings.text(
            "advertising_market.factor",
            factor=factor,
        ),
        "0.13",
    )
    fc.fit_labels(fig, media_labels, year_labels)
    return fig


def describe(data: dict, strings: fc.Strings) -> dict:
    """The fields of the alternative text (`advertising_market.alt`): the media's shares, the
    largest and smallest, and the internet's share at the first and the last year."""
    media = data["media"]
    first, last = data["internet"][0], data["internet"][-1]
    return {
        "year": data["media_year"],
        "items": fc.listing(media, strings, "medium"),
        "first": strings.name("medium", media[0]["name"]),
        "first_value": media[0],
        "last": strings.name("medium", media[-1]["name"]),
        "last_value": media[-1],
        "start": first["name"],
        "start_value": first,
        "end": last["name"],
        "end_value": last,
        "factor": data["factor"],
    }


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    media = [[strings.name("medium", p["name"]), fc.format_entry(p, strings)] for p in data["media"]]
    internet = [
        [f"{strings['advertising_market.internet_xlabel']}, {p['name']}", fc.format_entry(p, strings)]
        for p in data["internet"]
    ]
    return media + internet
