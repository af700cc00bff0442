"""This paper's derived numbers: what its text computes from the stated ones.

Each function takes one validated table and returns entries; `@derivation("<table>")`
registers it with the engine, which calls it after the table's stated values, rankings
and sums. The module is named under `derivations:` in config/config.yaml.
"""

from decimal import ROUND_HALF_UP, Decimal

from datapaper.numbers import Entry, derivation, number, row
from datapaper.tables import Table


@derivation("ecommerce_market")
def ecommerce(table: Table) -> dict[str, Entry]:
    """The growth per year that the 2018 volume and the 2022 forecast imply."""
    volume, forecast = row(table, "volume"), row(table, "forecast_volume")
    years = forecast.cells["year"] - volume.cells["year"]
    ratio = forecast.cells["value"] / volume.cells["value"]
    rate = (Decimal(float(ratio) ** (1 / years)) - 1) * 100
    return {
        "ecommerce.forecast_implied_growth": number(
            rate,
            "percent",
            f"(forecast_volume / volume) ^ (1 / {years}) - 1: compound growth a year "
            f"from {volume.cells['year']} to {forecast.cells['year']}",
            [volume, forecast],
            1,
        ),
    }


@derivation("digital_payments")
def payments(table: Table) -> dict[str, Entry]:
    """Cards a year before, regular online-banking users, the average daily operation."""
    cards, growth = row(table, "cards"), row(table, "cards_growth")
    users, regular = row(table, "banking_users"), row(table, "banking_regular_share")
    ops, ops_value = row(table, "daily_operations"), row(table, "daily_operations_value")
    previous = cards.cells["value"] / (1 + growth.cells["value"] / 100)
    return {
        "payments.cards_previous": number(
            (previous / 100000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 100000,
            "cards",
            "cards / (1 + cards_growth / 100), to 0.1 million",
            [cards, growth],
            0,
        ),
        "payments.cards_previous.year": number(
            cards.cells["year"] - 1,
            "year",
            "year of cards - 1 (the same indicator a year before)",
            [cards],
        ),
        "payments.regular_users": number(
            users.cells["value"] * regular.cells["value"] / 100,
            "people",
            "banking_users * banking_regular_share / 100",
            [users, regular],
            0,
        ),
        "payments.average_operation": number(
            ops_value.cells["value"] * Decimal(10) ** 9 / ops.cells["value"],
            "tenge",
            "daily_operations_value (billion tenge) / daily_operations",
            [ops, ops_value],
            0,
        ),
    }


@derivation("my_world_audience")
def my_world(table: Table) -> dict[str, Entry]:
    """How many times the audience shrank."""
    start, end = row(table, "start"), row(table, "end")
    factor = Decimal(start.cells["users"]) / Decimal(end.cells["users"])
    return {"my_world.decrease_factor": number(factor, "times", "start users / end users", [start, end], 1)}


@derivation("internet_advertising_share")
def internet_ads(table: Table) -> dict[str, Entry]:
    """How the internet's share of advertising changed between the first and last year."""
    rows = sorted(table.rows, key=lambda r: r.cells["year"])
    first, last = rows[0], rows[-1]
    change = last.cells["share"] - first.cells["share"]
    factor = last.cells["share"] / first.cells["share"]
    return {
        "internet_ads.change": number(change, "points", "last share - first share", [first, last]),
        "internet_ads.factor": number(factor, "times", "last share / first share", [first, last], 2),
    }
