"""The consistency audit reports each of the paper's own contradictions, with its arithmetic."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from datapaper.appendix import escape
from datapaper.audit import STATUSES, Finding, appendix_markdown, load_claims, run_audit, to_json, to_markdown
from datapaper.placeholders import resolve, scan
from helpers import LANGUAGES, SOURCE, text_files, units

CLAIMS = load_claims("config/audit.yaml")

SECTIONS = text_files("en", Path("."))


def english(numbers: dict) -> tuple[dict, dict[str, list[str]]]:
    """The English placeholder values and section lines, as the audit rule reads them."""
    texts = {str(p): p.read_text(encoding="utf-8").splitlines() for p in SECTIONS}
    occurrences = [occ for file, lines in texts.items() for occ in scan("\n".join(lines), file)]
    lexicon = yaml.safe_load(Path("paper/en/lexicon.yaml").read_text(encoding="utf-8"))
    return resolve(occurrences, numbers, "en", lexicon, units())["values"], texts


def audit(numbers: dict) -> dict[str, Finding]:
    return {f.id: f for f in run_audit(numbers, *english(numbers), CLAIMS, units())}


@pytest.fixture(scope="module")
def findings(numbers) -> dict[str, Finding]:
    return audit(numbers)


@pytest.mark.parametrize("table", ["market_share", "ad_medium", "structure", "platforms"])
def test_complete_breakdowns_sum_to_100(findings, table):
    finding = findings[f"share_sum.{table}"]
    assert finding.status == "consistent"
    assert finding.arithmetic.split(";")[0].endswith("= 100")


def test_multi_answer_activities_are_skipped_saying_why(findings):
    finding = findings["share_sum.activities"]
    assert finding.status == "skipped"
    assert "multi-answer" in finding.message
    assert "= 59.15" in finding.arithmetic


def test_forecast_growth_of_6_percent_contradicts_the_volumes(findings):
    finding = findings["growth.forecast"]
    assert finding.status == "inconsistent"
    assert "(928 / 259.5)^(1/4) − 1 = 37.5%" in finding.arithmetic
    assert "|37.5 − 6| = 31.5" in finding.arithmetic
    assert {s.line for s in finding.sentences} == {5, 6, 13}
    assert any("the increase will be 6%." in s.text for s in finding.sentences)


def test_two_averages_imply_10_percent_before_2015(findings):
    finding = findings["growth.averages"]
    assert finding.status == "consistent"
    assert "5 × 26 = 130" in finding.arithmetic
    assert "4 × 30 = 120" in finding.arithmetic
    assert "(130 − 120) / 1 = 10% a year" in finding.arithmetic


def test_adk_growth_of_23_2_is_a_slowdown_left_unsaid_not_a_contradiction(findings):
    finding = findings["growth.year_in_average"]
    assert finding.status == "tension"
    assert "slowdown in 2018 the text leaves unsaid" in finding.message
    assert "|23.2 − 30| = 6.8 points" in finding.arithmetic
    assert "(4 × 30 − 23.2) / 3 = 32.3%" in finding.arithmetic


@pytest.mark.parametrize(
    ("check", "status", "arithmetic"),
    [
        ("vk_users", "inconsistent", "|1,800,000 − 1,900,000| / 1,900,000 = 5.3%"),
        ("facebook_users", "consistent", "|400,000 − 413,026| / 413,026 = 3.2%"),
        ("ecommerce_share", "inconsistent", "|2.9 − 1.4| / 2.9 = 51.7%"),
        ("internet_ads_2018", "consistent", "|16 − 16| / 16 = 0%"),
    ],
)
def test_a_quantity_stated_twice(findings, check, status, arithmetic):
    finding = findings[f"same_quantity.{check}"]
    assert finding.status == status
    assert finding.arithmetic.startswith(arithmetic)
    assert len({(s.file, s.line) for s in finding.sentences}) >= 2


def test_vk_sentences_show_both_values(findings):
    texts = [s.text for s in findings["same_quantity.vk_users"].sentences]
    assert any("approximately 1.8\u00a0million active users" in t for t in texts)
    assert any("1.9\u00a0million active VKontakte users" in t for t in texts)


def test_ecommerce_shares_imply_retail_trade_larger_than_total_trade(findings):
    arithmetic = findings["same_quantity.ecommerce_share"].arithmetic
    assert "259.5 / 2.9% = 8,948.3" in arithmetic
    assert "259.5 / 1.4% = 18,535.7" in arithmetic


def test_popularity_ranking_agrees_with_active_users(findings):
    finding = findings["ranking.popularity_vs_audience"]
    assert finding.status == "consistent"
    assert "facebook: place 4 in the text, 3 in the data (413,026)" in finding.arithmetic


def test_my_world_is_ranked_without_an_audience_figure(findings):
    finding = findings["ranking.popularity_vs_audience.my_world"]
    assert finding.status == "unverifiable"
    assert "between 413,026 and 1,300,000" in finding.arithmetic


def test_vkontakte_most_popular_contradicts_market_share(findings):
    finding = findings["ranking.most_popular_vs_market_share"]
    assert finding.status == "inconsistent"
    assert "facebook, youtube, twitter ahead" in finding.message
    assert "place 1 in the text, 4 in the data (16.4)" in finding.arithmetic
    assert any("remains the most popular" in s.text for s in finding.sentences)


def test_youtube_website_rank_is_unverifiable(findings):
    finding = findings["ranking.youtube_website"]
    assert finding.status == "unverifiable"
    assert [s.line for s in finding.sentences] == [35]


@pytest.mark.parametrize(
    ("check", "status", "arithmetic"),
    [
        ("my_world", "consistent", "25,000,000 / 5,000,000 = 5;"),
        ("internet_ads", "consistent", "16 / 7 = 2.2857; stated 2.29"),
        ("youtube_growth", "unverifiable", "stated 2.5 times; nothing to divide"),
    ],
)
def test_times_statements(findings, check, status, arithmetic):
    finding = findings[f"times.{check}"]
    assert finding.status == status
    assert finding.arithmetic.startswith(arithmetic)


def test_the_real_paper_has_exactly_these_contradictions(findings):
    assert sorted(f for f, x in findings.items() if x.status == "inconsistent") == [
        "bound.registered_vs_internet",
        "count_share.users_vs_market_share",
        "growth.forecast",
        "magnitude.facebook_slightly_behind",
        "rank_agreement.popularity_vs_market_share",
        "ranking.most_popular_vs_market_share",
        "same_quantity.ecommerce_share",
        "same_quantity.vk_users",
    ]
    assert sorted(f for f, x in findings.items() if x.status == "tension") == ["growth.year_in_average"]


def test_only_10_6_percent_not_registered_means_more_registered_than_online(findings):
    finding = findings["bound.registered_vs_internet"]
    assert finding.status == "inconsistent"
    assert finding.arithmetic == "part 100 − 10.6 = 89.4% <= whole 76.4%: exceeds it by 13 points"
    assert {(Path(s.file).name, s.line) for s in finding.sentences} == {
        ("20.ecommerce.md", 8),
        ("40.daily-life.md", 4),
    }


@pytest.mark.parametrize("bound", ["users_vs_registered", "users_vs_internet"])
def test_social_network_users_within_the_registered_and_the_online(findings, bound):
    assert findings[f"bound.{bound}"].status == "consistent"


def test_popularity_and_market_share_order_the_networks_oppositely(findings):
    finding = findings["rank_agreement.popularity_vs_market_share"]
    assert finding.status == "inconsistent"
    assert "Kendall's tau = (1 − 2) / 3 = -0.33" in finding.arithmetic
    assert "popularity puts vkontakte ahead of facebook, market_share facebook ahead of vkontakte" in (
        finding.message
    )
    assert findings["rank_agreement.audience_vs_popularity"].status == "consistent"


def test_slightly_behind_is_a_threefold_gap(findings):
    finding = findings["magnitude.facebook_slightly_behind"]
    assert finding.status == "inconsistent"
    assert finding.arithmetic.startswith("1,300,000 / 413,026 = 3.15")
    assert any("slightly behind" in s.text for s in finding.sentences)
    assert findings["magnitude.vkontakte_most_popular"].status == "consistent"


def test_active_users_and_shares_of_all_users_imply_incompatible_orders(findings):
    finding = findings["count_share.users_vs_market_share"]
    assert finding.status == "inconsistent"
    assert "vkontakte 1,900,000 / 16.4% = 11,585,366" in finding.arithmetic
    assert "facebook 413,026 / 26.4% = 1,564,492" in finding.arithmetic
    assert "vkontakte has more (1,900,000 against 413,026) but a smaller share" in finding.message


def set_value(numbers: dict, key: str, value, decimals: int = 0) -> None:
    numbers[key] = {**numbers[key], "value": value, "decimals": decimals}


def test_a_consistent_paper_has_no_inconsistent_finding(numbers):
    agreeing = copy.deepcopy(numbers)
    set_value(
        agreeing, "ecommerce.forecast_growth", agreeing["ecommerce.forecast_implied_growth"]["value"], 1
    )
    set_value(agreeing, "ecommerce.growth_adk", agreeing["ecommerce.avg_growth_recent"]["value"])
    set_value(agreeing, "audience.vk_profile", agreeing["audience.vk"]["value"])
    set_value(agreeing, "ecommerce.retail_share", agreeing["ecommerce.trade_share_adk"]["value"], 1)
    set_value(agreeing, "usage.not_registered", Decimal("30"))  # 70% registered, within 76.4% online
    # Instagram close behind VKontakte, Facebook slightly behind Instagram.
    for key in ("audience.instagram", "audience.rank2.users"):
        set_value(agreeing, key, 450000)
    # The market shares in the order of the active users.
    shares = {"vkontakte": 30, "instagram": 25, "facebook": 20, "twitter": 15, "youtube": 5, "pinterest": 3}
    for place, (network, share) in enumerate([*shares.items(), ("other", 2)], start=1):
        agreeing[f"market_share.rank{place}"] = {**agreeing[f"market_share.rank{place}"], "value": network}
        set_value(agreeing, f"market_share.rank{place}.share", Decimal(share))
        set_value(agreeing, f"market_share.{network}", Decimal(share))
    found = audit(agreeing)
    assert [f.id for f in found.values() if f.status == "inconsistent"] == []
    assert found["growth.forecast"].status == "consistent"
    assert found["ranking.most_popular_vs_market_share"].status == "consistent"
    assert found["growth.year_in_average"].status == "consistent"
    new_kinds = {"bound", "rank_agreement", "magnitude", "count_share"}
    assert {f.status for f in found.values() if f.kind in new_kinds} == {"consistent"}


def test_reports_carry_every_finding(findings):
    result = list(findings.values())
    document = json.loads(to_json(result))
    assert document["summary"] == {s: sum(f.status == s for f in result) for s in STATUSES}
    assert {f["id"] for f in document["findings"]} == set(findings)
    assert document["findings"][0].keys() >= {
        "id",
        "kind",
        "status",
        "message",
        "arithmetic",
        "keys",
        "sentences",
    }
    markdown = to_markdown(result)
    assert all(f"`{f}`" in markdown for f in findings)
    assert markdown.index("## Inconsistent") < markdown.index("## Consistent")
    assert "{{" not in markdown


def test_each_finding_names_its_sentences_in_every_language(numbers):
    values, texts = english(numbers)
    languages = {
        lang: {str(p): p.read_text(encoding="utf-8").splitlines() for p in text_files(lang, Path("."))}
        for lang in LANGUAGES
    }
    found = {f.id: f for f in run_audit(numbers, values, texts, CLAIMS, units(), languages)}
    places = found["bound.registered_vs_internet"].places
    assert set(places) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert places[lang] == ((f"paper/{lang}/20.ecommerce.md", 8), (f"paper/{lang}/40.daily-life.md", 4))
    # Every finding with English sentences has them in every language (the texts align line by line).
    for finding in found.values():
        english_lines = {(Path(f).name, n) for f, n in finding.places[SOURCE]}
        for lang in LANGUAGES:
            assert {(Path(f).name, n) for f, n in finding.places[lang]} == english_lines, (finding.id, lang)
    document = json.loads(to_json(list(found.values())))
    entry = next(f for f in document["findings"] if f["id"] == "magnitude.facebook_slightly_behind")
    assert entry["sentences"]["ru"][-1] == {"file": "paper/ru/40.daily-life.md", "line": 14}
    assert "slightly behind" in entry["sentences"][SOURCE][-1]["text"]


def test_readers_see_contradictions_and_tensions_in_the_appendix(findings):
    labels = {k: k.upper() for k in ("audit", "audit_intro", "inconsistent", "tension")}
    markdown = appendix_markdown(list(findings.values()), "en", labels)
    assert markdown.startswith("# AUDIT {#sec:audit .unnumbered}")
    assert markdown.count("**INCONSISTENT**") == 8
    assert markdown.count("**TENSION**") == 1
    assert "23\\.2\\%" in markdown and "{{" not in markdown
    assert escape(findings["growth.averages"].message) not in markdown  # consistent: for the author only
    assert escape(findings["growth.year_in_average"].message) in markdown


def test_the_english_pdf_carries_the_audit_appendix(built):
    from helpers import pdf_text

    text = pdf_text(built / "paper.en.pdf")  # without white space
    assert "Wherethenumbersdisagree" in text
    assert "Tension:Thegrowthof23.2%in2018" in text
    assert "1,300,000/413,026=3.15;“slightlybehind”allowsaratio>=1and<=1.25" in text
    assert "ecommerce.md:8;" in text  # a sentence's file and line
    assert "Wherethenumbersdisagree" not in pdf_text(built / "paper.journal.pdf")
