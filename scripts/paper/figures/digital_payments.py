"""Figure: payment cards a year apart, and online-banking users against those who use it regularly."""

from datapaper import figures as fc
from matplotlib.figure import Figure


def year_of(numbers: dict, key: str) -> int:
    """A row's year, or the table's when every row has the same one."""
    return (numbers.get(f"{key}.year") or fc.entry(numbers, "payments.year"))["value"]


def figure_data(numbers: dict) -> dict:
    """Cards the year before and now, their growth; registered and regular online-banking users."""
    cards_year = year_of(numbers, "payments.cards")
    used = [
        "payments.cards_previous",
        "payments.cards",
        "payments.cards_growth",
        "payments.banking_users",
        "payments.regular_users",
        "payments.banking_regular_share",
    ]
    return {
        "cards": [
            fc.point(
                fc.entry(numbers, "payments.cards_previous.year")["value"],
                fc.entry(numbers, "payments.cards_previous"),
            ),
            fc.point(cards_year, fc.entry(numbers, "payments.cards")),
        ],
        "cards_growth": fc.point("cards_growth", fc.entry(numbers, "payments.cards_growth")),
        "banking": [
            fc.point("banking_users", fc.entry(numbers, "payments.banking_users")),
            fc.point("regular_users", fc.entry(numbers, "payments.regular_users")),
        ],
        "regular_share": fc.point("regular_share", fc.entry(numbers, "payments.banking_regular_share")),
        "banking_year": year_of(numbers, "payments.banking_users"),
        "sources": fc.sources_of(numbers, used),
    }


def draw(data: dict, strings: fc.Strings, lang: str) -> Figure:
    previous, current = data["cards"]
    note = strings.text("digital_payments.cards_note", year=previous["name"])
    fig, (left, right) = fc.new_figure(
        7, fc.source_line(strings, data["sources"], note), ncols=2, width_ratios=[1, 1]
    )
    colors = fc.palette()
    width, positions = 0.7, [0, 1.7]
    values = [previous["value"], current["value"]]
    card_labels = fc.columns(
        left,
        positions,
        values,
        [fc.format_entry(p, strings, compact=True) for p in data["cards"]],
        [str(previous["name"]), str(current["name"])],
        width,
        [colors["light"], colors["main"]],
        hatches=["////", None],
    )
    left.set_xlim(positions[0] - width, positions[1] + width)
    left.set_xlabel(strings["digital_payments.cards_xlabel"])
    fc.rise(left, card_labels, strings.text("digital_payments.cards_growth", growth=data["cards_growth"]))

    banking = data["banking"]
    banking_labels = fc.bars(
        right,
        [
            strings["digital_payments.banking_users"],
            strings.text("digital_payments.regular_users", share=data["regular_share"]),
        ],
        [p["value"] for p in banking],
        # The regular users are an estimate (users × share): labelled to 0.1 million, as declared.
        [fc.format_entry(p, strings, compact=True, round=1) for p in banking],
    )
    right.set_xlabel(strings.text("digital_payments.banking_xlabel", year=data["banking_year"]))
    fc.fit_labels(fig, card_labels, banking_labels)
    return fig


def describe(data: dict, strings: fc.Strings) -> dict:
    """The fields of the alternative text (`digital_payments.alt`): the cards a year apart and
    their growth, the registered and the regular online-banking users."""
    previous, current = data["cards"]
    registered, regular = data["banking"]
    return {
        "start": previous["name"],
        "start_value": previous,
        "end": current["name"],
        "end_value": current,
        "growth": data["cards_growth"],
        "year": data["banking_year"],
        "registered": registered,
        "regular": regular,
        "share": data["regular_share"],
    }


def rows(data: dict, strings: fc.Strings) -> list[list[str]]:
    cards = [
        [f"{strings['digital_payments.cards_xlabel']}, {p['name']}", fc.format_entry(p, strings)]
        for p in data["cards"]
    ]
    registered, regular = data["banking"]
    return cards + [
        [strings["digital_payments.banking_users"], fc.format_entry(registered, strings)],
        [
            strings.text("digital_payments.regular_users", share=data["regular_share"]),
            fc.format_entry(regular, strings),
        ],
    ]
