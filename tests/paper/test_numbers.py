"""Every number the published paper states, checked against the numbers the data yields.

Each case names the sentence of the original (../shared/seed/) that states it; the
expected values are the paper's own, as printed. Derived numbers are checked against
the arithmetic, to the precision the paper prints.
"""

import math
from decimal import Decimal

import pytest

# (sentence of the original, number key, value the paper prints)
STATED = [
    ("As of the beginning of 2019 ... the total growth", "ecommerce.growth_adk.as_of", "2019-01-01"),
    ("the total growth for the year amounted to 23.2%", "ecommerce.growth_adk", 23.2),
    ("The share of total trade is only 2.9%", "ecommerce.trade_share_adk", 2.9),
    ("may reach 928 billion tenges in 2022", "ecommerce.forecast_volume", 928),
    ("may reach 928 billion tenges in 2022", "ecommerce.forecast_volume.year", 2022),
    ("the increase will be 6%", "ecommerce.forecast_growth", 6),
    ("76.4% of the population were Internet users in 2017", "internet.kazakhstan.share", 76.4),
    ("76.4% of the population were Internet users in 2017", "internet.year", 2017),
    ("Kazakhstan was in second place after the UK", "internet.kazakhstan.rank", 2),
    ("Kazakhstan was in second place after the UK", "internet.rank1", "united_kingdom"),
    ("over the past five years ... an average of 26%", "ecommerce.avg_growth_long_years", 5),
    ("over the past five years ... an average of 26%", "ecommerce.avg_growth_long", 26),
    (
        "since 2015, the average annual growth has accelerated to 30%",
        "ecommerce.avg_growth_recent.year",
        2015,
    ),
    ("since 2015, the average annual growth has accelerated to 30%", "ecommerce.avg_growth_recent", 30),
    ("the volume of transactions in 2018 reached 259.5 billion tenges", "ecommerce.volume", 259.5),
    ("the volume of transactions in 2018 reached 259.5 billion tenges", "ecommerce.volume.year", 2018),
    (
        "The share of electronic commerce in the total retail trade amounted to 1.4%",
        "ecommerce.retail_share",
        1.4,
    ),
    ("More than 1700 independent online stores", "ecommerce.online_stores", 1700),
    ("about 20 electronic trading platforms", "ecommerce.trading_platforms", 20),
    ("more than 1 million small and medium-sized businesses", "ecommerce.smes", 1_000_000),
    ("The total number of buyers ... is about 2.3 million people", "ecommerce.buyers", 2_300_000),
    ("consists of 68% of the trade-in goods", "structure.goods", 68),
    ("and 32% of services", "structure.services", 32),
    ("38% was the fintech platform", "platforms.fintech", 38),
    ("40% was air and train tickets sale systems", "platforms.tickets", 40),
    ("11% was fashion and beauty retailers", "platforms.fashion_beauty", 11),
    ("8% was electronic devices stores", "platforms.electronics", 8),
    ("3% was bulletin board and food delivery platforms", "platforms.classifieds_food", 3),
    ("as of October 1, 2019, ... payment cards", "payments.cards.as_of", "2019-10-01"),
    ("payment cards amounted to 30.6 million units", "payments.cards", 30_600_000),
    ("exceeds the same indicator in 2018 by 43%", "payments.cards_growth", 43),
    ("exceeds the same indicator in 2018 by 43%", "payments.cards_previous.year", 2018),
    ("Today, they registered about 18 million users", "payments.banking_users", 18_000_000),
    ("Of these, 34% regularly conduct operations", "payments.banking_regular_share", 34),
    ("More than 1.3 million operations", "payments.daily_operations", 1_300_000),
    ("amounting to more than 21 billion tenges are conducted daily", "payments.daily_operations_value", 21),
    ("Vkontakte ... has approximately 1.8 million active users", "audience.vk_profile", 1_800_000),
    ("Mail.ru Group, which in 2019 designated it as a niche project", "my_world.end.year", 2019),
    ("decreased from 2014 to 2019 by 5 times", "my_world.start.year", 2014),
    ("decreased from 2014 to 2019 by 5 times", "my_world.decrease_factor", 5),
    ("from 25 to 5 million users", "my_world.start", 25_000_000),
    ("from 25 to 5 million users", "my_world.end", 5_000_000),
    ("Facebook ... has about 400 thousand active users", "audience.facebook_profile", 400_000),
    ("Youtube is the second most popular website in Kazakhstan", "websites.youtube", 2),
    ("Youtube is the second most popular website in Kazakhstan", "websites.rank2", "youtube"),
    ("70% of the population over 15 years old", "usage.users_share", 70),
    ("70% of the population over 15 years old", "usage.users_min_age", 15),
    ("only 10.6% of Kazakhstanis are not registered", "usage.not_registered", 10.6),
    ("1) 1,9 million active Vkontakte users", "audience.rank1", "vkontakte"),
    ("1) 1,9 million active Vkontakte users", "audience.rank1.users", 1_900_000),
    ("2) 1,3 million active Instagram users", "audience.rank2", "instagram"),
    ("2) 1,3 million active Instagram users", "audience.rank2.users", 1_300_000),
    ("3) 413,026 active Facebook users", "audience.rank3", "facebook"),
    ("3) 413,026 active Facebook users", "audience.rank3.users", 413_026),
    ("4) 27,776 active Twitter users", "audience.rank4", "twitter"),
    ("4) 27,776 active Twitter users", "audience.rank4.users", 27_776),
    ("The second and third line ... Instagram and My World", "popularity.rank2", "instagram"),
    ("The second and third line ... Instagram and My World", "popularity.rank3", "my_world"),
    ("... slightly behind Facebook", "popularity.rank4", "facebook"),
    ("the most common type of activity ... is commenting (24.81%)", "activities.rank1", "commenting"),
    ("the most common type of activity ... is commenting (24.81%)", "activities.rank1.share", 24.81),
    (
        "In second place is the search ... of new acquaintances (21.9%)",
        "activities.rank2",
        "new_acquaintances",
    ),
    ("In second place is the search ... of new acquaintances (21.9%)", "activities.rank2.share", 21.9),
    ("12.44% of respondents participate in various discussions", "activities.discussions", 12.44),
    ("young people aged 15-30 use VKontakte more", "age.young.age_from", 15),
    ("young people aged 15-30 use VKontakte more", "age.young.age_to", 30),
    ("young people aged 15-30 use VKontakte more", "age.young.network", "vkontakte"),
    ("people over 30 use Facebook", "age.older.age_from", 30),
    ("people over 30 use Facebook", "age.older.network", "facebook"),
    ("In 2018, Facebook's share of the Kazakhstan market", "market_share.year", 2018),
    ("Facebook's share of the Kazakhstan market was 26.4%", "market_share.rank1", "facebook"),
    ("Facebook's share of the Kazakhstan market was 26.4%", "market_share.rank1.share", 26.4),
    ("YouTube - 25.4%", "market_share.rank2", "youtube"),
    ("YouTube - 25.4%", "market_share.rank2.share", 25.4),
    ("Twitter - 21%", "market_share.rank3", "twitter"),
    ("Twitter - 21%", "market_share.rank3.share", 21),
    ("VKontakte - 16.4%", "market_share.rank4", "vkontakte"),
    ("VKontakte - 16.4%", "market_share.rank4.share", 16.4),
    ("Pinterest - 5%", "market_share.rank5", "pinterest"),
    ("Pinterest - 5%", "market_share.rank5.share", 5),
    ("Instagram - 4%", "market_share.rank6", "instagram"),
    ("Instagram - 4%", "market_share.rank6.share", 4),
    ("others networks - 1.8%", "market_share.rank7", "other"),
    ("others networks - 1.8%", "market_share.rank7.share", 1.8),
    ("Facebook use is only two cities - Astana and Almaty", "facebook_cities.count", 2),
    ("75% of online retail trade is in Almaty", "ecommerce.almaty_share", 75),
    (
        "in 2018, the total volume of advertising amounted to about 50 billion tenges",
        "advertising.year",
        2018,
    ),
    (
        "in 2018, the total volume of advertising amounted to about 50 billion tenges",
        "advertising.total_volume",
        50,
    ),
    ("TV - 52%", "ad_medium.rank1", "tv"),
    ("TV - 52%", "ad_medium.rank1.share", 52),
    ("outdoor advertising-18%", "ad_medium.rank2", "outdoor"),
    ("outdoor advertising-18%", "ad_medium.rank2.share", 18),
    ("digital-16%", "ad_medium.rank3", "digital"),
    ("digital-16%", "ad_medium.rank3.share", 16),
    ("radio-8%", "ad_medium.rank4", "radio"),
    ("radio-8%", "ad_medium.rank4.share", 8),
    ("and the press-6%", "ad_medium.rank5", "press"),
    ("and the press-6%", "ad_medium.rank5.share", 6),
    ("the share of TV advertising ... is still leading", "ad_medium.rank1", "tv"),
    ("an increase in its share from 7% in 2014", "internet_ads.y2014", 7),
    ("an increase in its share from 7% in 2014", "internet_ads.y2014.year", 2014),
    ("to 16% in 2018", "internet_ads.y2018", 16),
    ("to 16% in 2018", "internet_ads.y2018.year", 2018),
    (
        "YouTube with its incredible growth (... 2.5 times over the past year)",
        "advertising.youtube_growth",
        2.5,
    ),
]


@pytest.mark.parametrize(("sentence", "key", "expected"), STATED, ids=[f"{s} [{k}]" for s, k, _ in STATED])
def test_stated_number(numbers, sentence, key, expected):
    assert key in numbers, f"no number {key!r} for: {sentence}"
    value = numbers[key]["value"]
    if isinstance(expected, str):
        assert value == expected, sentence
    else:
        assert Decimal(str(value)) == Decimal(str(expected)), sentence


def value(numbers, key):
    return float(numbers[key]["value"])


def test_every_share_table_sums_to_100(numbers):
    """Each breakdown the paper gives is complete: its shares add up to 100%."""
    for prefix in ("market_share", "ad_medium", "structure", "platforms"):
        parts = [v for k, v in numbers.items() if k.startswith(f"{prefix}.rank") and k.endswith(".share")]
        assert math.isclose(sum(float(p["value"]) for p in parts), value(numbers, f"{prefix}.sum"))
        assert math.isclose(value(numbers, f"{prefix}.sum"), 100.0), prefix


def test_decrease_by_5_times_is_25_over_5(numbers):
    """'decreased ... by 5 times, from 25 to 5 million users'."""
    ratio = value(numbers, "my_world.start") / value(numbers, "my_world.end")
    assert round(ratio, 1) == value(numbers, "my_world.decrease_factor") == 5


def test_forecast_implies_growth_a_year(numbers):
    """928 billion in 2022 from 259.5 billion in 2018 is 37.5% a year, compounded."""
    years = value(numbers, "ecommerce.forecast_volume.year") - value(numbers, "ecommerce.volume.year")
    rate = (value(numbers, "ecommerce.forecast_volume") / value(numbers, "ecommerce.volume")) ** (
        1 / years
    ) - 1
    assert years == 4
    assert round(rate * 100, 1) == value(numbers, "ecommerce.forecast_implied_growth") == 37.5


def test_cards_a_year_before(numbers):
    """30.6 million cards exceed the 2018 count by 43%: 21.4 million then."""
    previous = value(numbers, "payments.cards") / (1 + value(numbers, "payments.cards_growth") / 100)
    assert round(previous / 1e6, 1) == value(numbers, "payments.cards_previous") / 1e6 == 21.4


def test_regular_online_banking_users(numbers):
    """34% of about 18 million users: 6.12 million regular users."""
    assert value(numbers, "payments.regular_users") == 18e6 * 0.34


def test_internet_advertising_share_rise(numbers):
    """'from 7% in 2014 to 16% in 2018': 9 points, 2.29 times."""
    assert value(numbers, "internet_ads.change") == 16 - 7
    assert value(numbers, "internet_ads.factor") == round(16 / 7, 2)


def test_ranks_follow_values(numbers):
    """Every computed ranking is in descending order of what it ranks."""
    for prefix, column in [
        ("market_share", "share"),
        ("ad_medium", "share"),
        ("audience", "users"),
        ("activities", "share"),
        ("platforms", "share"),
        ("structure", "share"),
    ]:
        ranked = []
        place = 1
        while f"{prefix}.rank{place}" in numbers:
            ranked.append(value(numbers, f"{prefix}.rank{place}.{column}"))
            place += 1
        assert len(ranked) >= 2 and ranked == sorted(ranked, reverse=True), prefix


def test_every_entry_has_provenance(numbers):
    """Each number names its method, the raw rows it came from and their sources."""
    for key, entry in numbers.items():
        assert entry["method"], key
        assert entry["rows"] and all(r["file"].endswith(".csv") and r["line"] >= 2 for r in entry["rows"]), (
            key
        )
        assert entry["sources"], key
