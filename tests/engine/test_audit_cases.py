"""The audit's precision and recall on planted claims (tests/fixtures/audit_cases): every
planted contradiction is found, no consistent claim is called inconsistent, and every kind
of check has both."""

from pathlib import Path

import pytest
import yaml
from datapaper.audit import (
    KINDS,
    ClaimsError,
    Finding,
    StatedNumbers,
    identity,
    load_claims,
    run_audit,
    same_number,
    stating,
    used_keys,
)
from helpers import FIXTURES
from hypothesis import example, given, settings
from hypothesis import strategies as st

CASES = FIXTURES / "audit_cases"


def entry(key: str, value, line: int) -> dict:
    """One number as build/numbers.json holds it (its own raw row, so no two keys share one)."""
    unit = "name" if isinstance(value, str) else "number"
    decimals = 0 if isinstance(value, str) or float(value).is_integer() else 1
    rows = [{"file": f"data/raw/{key.split('.')[0]}.csv", "line": line}]
    return {"value": value, "unit": unit, "decimals": decimals, "rows": rows, "sources": ["planted"]}


def planted_numbers() -> dict:
    doc = yaml.safe_load((CASES / "numbers.yaml").read_text(encoding="utf-8"))
    numbers: dict = {}
    for line, (key, value) in enumerate(doc["values"].items(), start=2):
        numbers[key] = entry(key, value, line)
    for prefix, parts in doc["sums"].items():
        for line, (name, share) in enumerate(parts.items(), start=2):
            numbers[f"{prefix}.{name}"] = entry(prefix, share, line)
        numbers[f"{prefix}.sum"] = {
            **entry(prefix, sum(parts.values()), 0),
            "rows": [{"id": n} for n in parts],
        }
    for prefix, items in doc["rankings"].items():
        names = items if isinstance(items, list) else sorted(items, key=items.get, reverse=True)
        for place, name in enumerate(names, start=1):
            numbers[f"{prefix}.rank{place}"] = entry(prefix, name, place + 1)
            if isinstance(items, dict):
                numbers[f"{prefix}.{name}"] = numbers[f"{prefix}.rank{place}.value"] = entry(
                    prefix, items[name], place + 1
                )
    return numbers


def planted() -> dict[str, str]:
    return yaml.safe_load((CASES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def found() -> dict[str, Finding]:
    findings = run_audit(planted_numbers(), {}, {}, load_claims(CASES / "audit.yaml"))
    return {f.id: f for f in findings}


def precision_recall(found: dict[str, Finding], expected: dict[str, str]) -> tuple[float, float]:
    """Of the findings called inconsistent, the share planted so; of the planted, the share found."""
    called = {i for i, f in found.items() if f.status == "inconsistent"}
    truth = {i for i, verdict in expected.items() if verdict == "inconsistent"}
    hits = len(called & truth)
    return hits / len(called), hits / len(truth)


def test_every_planted_contradiction_found_and_no_false_alarm(found):
    precision, recall = precision_recall(found, planted())
    print(f"audit on planted cases: precision {precision:.2f}, recall {recall:.2f}")
    assert (precision, recall) == (1.0, 1.0)


def test_every_finding_has_its_planted_verdict(found):
    assert {i: f.status for i, f in found.items()} == planted()


# The prefix of the findings of each kind of claim (a new kind must be planted here too).
FINDINGS_OF = {
    "forecast_growth": "growth",
    "average_growth": "growth",
    "year_in_average": "growth",
    "same_quantity": "same_quantity",
    "rankings": "ranking",
    "times": "times",
    "bounds": "bound",
    "rank_agreement": "rank_agreement",
    "magnitude": "magnitude",
    "count_share": "count_share",
}


def test_every_kind_has_planted_contradictions_and_consistent_claims():
    assert set(FINDINGS_OF) == set(KINDS)
    claims, expected = load_claims(CASES / "audit.yaml"), planted()
    for kind, prefix in FINDINGS_OF.items():
        verdicts = {expected[f"{prefix}.{claim.id}"] for claim in getattr(claims, kind)}
        assert {"inconsistent", "consistent"} <= verdicts, kind
    sums = {expected[f"share_sum.{name}"] for name in claims.share_sums}
    assert {"inconsistent", "consistent"} <= sums


def test_precision_counts_a_false_alarm_and_recall_a_miss(found):
    """The measure itself can fail: one consistent claim called inconsistent, one contradiction missed."""
    expected = planted()
    wrong = dict(found)
    wrong["times.ok"] = Finding("times.ok", "times", "inconsistent", "", "", ())
    wrong["times.bad"] = Finding("times.bad", "times", "consistent", "", "", ())
    precision, recall = precision_recall(wrong, expected)
    assert precision < 1 and recall < 1


def test_every_finding_explains_its_verdict_with_arithmetic(found):
    explained = {i for i, f in found.items() if f.arithmetic and any(c.isdigit() for c in f.arithmetic)}
    assert set(found) - explained <= {"count_share.none", "magnitude.none"}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("magnitude: [{id: x, word: huge, subject: a.b, reference: a.c}]", "the word 'huge' is not declared"),
        (
            "words: {big: {min: 2}}\nmagnitude: [{id: x, word: big, subject: a.b}]",
            "both or neither of `reference` and `among` — give one: `reference` (a key) or `among` (a ranking)",
        ),
        ("bounds: [{id: x, part: a.b}]", "bounds, claim 1 (x)"),
        ("bound: []", "unknown kind(s) bound"),
    ],
)
def test_a_malformed_claim_is_named(tmp_path: Path, text, error):
    path = tmp_path / "audit.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClaimsError, match=None) as info:
        load_claims(path)
    assert error in str(info.value) and str(path) in str(info.value)


# Which sentences state a finding's numbers: `stating` looks each placeholder up in a set of
# the keys' identities; the pairwise comparison (`same_number`) is what it must agree with.
_values = st.one_of(
    st.integers(-3, 3),
    st.sampled_from([1.0, 2.5, -0.0, 0.0, float("nan"), True]),  # NaN: equal to nothing
    st.sampled_from(["a", "b"]),
    st.sampled_from([[], {}, [["a", 1]], {"a": 1}]),  # containers: [] and {} are not one number
)
_rows = st.lists(
    st.fixed_dictionaries({"file": st.sampled_from(["t.csv", "u.csv"]), "line": st.integers(1, 3)}),
    max_size=2,
)
_numbers = st.dictionaries(
    st.sampled_from([f"k{i}" for i in range(8)]),
    st.fixed_dictionaries({"value": _values, "unit": st.sampled_from(["number", "percent"]), "rows": _rows}),
    max_size=8,
)
_keys = st.sampled_from([f"k{i}" for i in range(10)])  # k8, k9: placeholders of no number


def _twins(first, second) -> dict:
    """Two numbers alike but for their values."""
    return {
        "k0": {"value": first, "unit": "number", "rows": []},
        "k1": {"value": second, "unit": "number", "rows": []},
    }


_NAN = float("nan")  # one object, as json.loads gives every NaN: `is` would call them equal


@settings(max_examples=300, deadline=None)
@given(numbers=_numbers, a=_keys, b=_keys)
@example(numbers=_twins(_NAN, _NAN), a="k0", b="k1")
@example(numbers=_twins(_NAN, _NAN), a="k0", b="k0")
@example(numbers=_twins([], {}), a="k0", b="k1")
@example(numbers=_twins([["a", 1]], {"a": 1}), a="k0", b="k1")
@example(numbers=_twins(1, 1.0), a="k0", b="k1")
def test_two_keys_have_one_identity_exactly_when_they_name_one_number(numbers, a, b):
    assert (identity(numbers, a) == identity(numbers, b)) == same_number(numbers, a, b)


@settings(max_examples=150, deadline=None)
@given(
    numbers=_numbers,
    keys=st.lists(_keys, min_size=1, max_size=3),
    used=st.lists(st.lists(_keys, max_size=3), max_size=5),
)
def test_the_sentences_stating_a_number_are_those_the_pairwise_comparison_finds(numbers, keys, used):
    lines = ["![A figure]({{" + (used[0][0] if used and used[0] else "k0") + "}})"]
    lines += [" and ".join("{{" + key + "}}" for key in keys_of_line) for keys_of_line in used]
    texts = {"paper/en/10.md": lines}
    expected = [
        ("paper/en/10.md", n, line)
        for n, line in enumerate(lines, start=1)
        if not line.startswith("![")
        and any(same_number(numbers, u, k) for u in used_keys(line, f"x:{n}") for k in keys)
    ]
    assert stating(tuple(keys), numbers, texts) == expected
    index = StatedNumbers(numbers)
    assert stating(tuple(keys), numbers, texts, index) == expected
    read = index.lines(texts)
    assert stating(tuple(keys), numbers, texts, index) == expected
    assert index.lines(texts) is read  # the text's lines read once for every finding
