"""Figure: e-commerce volume and its forecast, and the growth a year they imply against the observed."""

from datapaper import figures as fc
from matplotlib.figure import Figure

# The growth rates side by side, observed first, then the one the forecast implies.
GROWTH = ("growth_adk", "avg_growth_long", "avg_growth_recent", "forecast_implied_growth")
IMPLIED = "forecast_implied_growth"


def figure_data(numbers: dict) -> dict:
    """The volume and the forecast (by year), and the growth rates with what labels them."""
    volume_year = fc.entry(numbers, "ecommerce.volume.year")["value"]
    forecast_year = fc.entry(numbers, "ecommerce.forecast_volume.year")["value"]
    fields = {
        "growth_adk": {"year": fc.entry(numbers, "ecommerce.growth_adk.year")["value"]},
        "avg_growth_long": {"years": fc.entry(numbers, "ecommerce.avg_growth_long_years")},
        "avg_growth_recent": {"year": fc.entry(numbers, "ecommerce.avg_growth_recent.year")["value"]},
        IMPLIED: {"start": volume_year, "end": forecast_year},
    }
    growth = [
        {**fc.point(name, fc.entry(numbers, f"ecommerce.{name}")), "fields": fields[name]} for name in GROWTH
    ]
    used = ["ecommerce.volume", "ecommerce.forecast_volume", "ecommerce.avg_growth_long_years"]
    return {
        "volume": [
            fc.point(volume_year, fc.entry(numbers, "ecommerce.volume")),
            fc.point(forecast_year, fc.entry(numbers, "ecommerce.forecast_volume")),
        ],
        "growth": growth,
        "sources": fc.sources_of(numbers, used + [f"ecommerce.{name}" for name in GROWTH]),
    }


def growth_label(point: dict, strings: fc.Strings) -> str:
    return strings.text(f"ecommerce_growth.{point['name']}", **point["fields"])


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    fig, (left, right) = fc.new_figure(
        7, fc.source_line(strings, data["sources"]), ncols=2, width_ratios=[3, 2]
    )
    colors = fc.palette()
    (actual, forecast), width = data["volume"], 1.3
    years = [actual["name"], forecast["name"]]
    values = [actual["value"], forecast["value"]]
    volume_labels = fc.columns(
        left,
        years,
        values,
        [fc.format_plain(p, strings) for p in data["volume"]],
        [str(actual["name"]), strings.text("ecommerce_growth.forecast_year", year=forecast["name"])],
        width,
        [colors["main"], colors["light"]],
        hatches=[None, "////"],
    )
    left.set_xlim(years[0] - width, years[1] + width)
    left.set_xlabel(strings["ecommerce_growth.volume_xlabel"])
    implied = next(p for p in data["growth"] if p["name"] == IMPLIED)
    fc.rise(left, volume_labels, strings.text("ecommerce_growth.implied_growth", growth=implied))

    growth = data["growth"]
    growth_labels = fc.bars(
        right,
        [fc.wrap(growth_label(p, strings), 30) for p in growth],
        [p["value"] for p in growth],
        [fc.format_entry(p, strings) for p in growth],
        [colors["accent"] if p["name"] == IMPLIED else colors["main"] for p in growth],
    )
    right.set_xlabel(strings["ecommerce_growth.growth_xlabel"])
    fc.fit_labels(fig, volume_labels, growth_labels)
    return fig


def describe(data: dict, strings: fc.Strings) -> dict:
    """The fields of the alternative text (`ecommerce_growth.alt`): the volume and its forecast,
    the growth rates, and the highest and lowest of them."""
    actual, forecast = data["volume"]
    growth = {p["name"]: p for p in data["growth"]}
    ordered = sorted(data["growth"], key=lambda p: p["value"])
    return {
        "start": actual["name"],
        "start_value": actual,
        "end": forecast["name"],
        "end_value": forecast,
        "implied": growth[IMPLIED],
        "items": "; ".join(
            f"{growth_label(p, strings)}: {fc.format_entry(p, strings)}" for p in data["growth"]
        ),
        "highest": growth_label(ordered[-1], strings),
        "highest_value": ordered[-1],
        "lowest": growth_label(ordered[0], strings),
        "lowest_value": ordered[0],
    }


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    volume = [
        [f"{strings['ecommerce_growth.volume_xlabel']}, {p['name']}", fc.format_entry(p, strings)]
        for p in data["volume"]
    ]
    return volume + [[growth_label(p, strings), fc.format_entry(p, strings)] for p in data["growth"]]
