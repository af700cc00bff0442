"""Cross-check a paper's own claims against each other and tell the author.

The kinds of check are the engine's; the claims they check are the paper's, declared in
config/audit.yaml (`load_claims`). Each check is a pure function of the computed numbers
(build/numbers.json) and its claims that returns findings: sums of shares, stated growth rates against the volumes they relate, one
quantity stated twice, rankings in the prose against the numbers they rank, "N times"
against its two values. The audit then attaches the sentences that state the numbers
involved, in every language. It reports; it never changes the text.

Verdicts are on a scale: *inconsistent* (the numbers cannot all be true as worded),
*tension* (true only under a reading the text does not give, or measured on different
bases), *consistent*, *unverifiable* (nothing to check against); *skipped* claims say why.
"""

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from datapaper.appendix import escape
from datapaper.errors import InputError, near_miss
from datapaper.keys import rank_place
from datapaper.placeholders import PLACEHOLDER, parse
from datapaper.placeholders import replace as splice
from datapaper.units import Unit
from datapaper.yamlfiles import YamlError, read_yaml

STATUSES = ("inconsistent", "tension", "unverifiable", "consistent", "skipped")

# Shares are stated to at most 0.1 point, so a complete breakdown sums to 100 within half that.
SHARE_SUM_TOLERANCE = 0.05
# Growth rates are stated in whole percent: rounding moves them 0.5 point; allow twice that.
GROWTH_TOLERANCE = 1.0
# A year's growth may depart from its period's average; beyond 5 points the text should say why
# (a tension: the other years must make up the difference), unless they cannot.
YEAR_IN_AVERAGE_TOLERANCE = 5.0
# Values stated twice are rounded to 2 significant digits ("about 1.8 million"): up to ~3%; allow 5%.
SAME_QUANTITY_TOLERANCE = 0.05
# A factor is consistent when the ratio of its two values rounds to it: half its last printed digit.
TIMES_ROUNDING = 0.5


@dataclass(frozen=True)
class Sentence:
    file: str
    line: int
    text: str


@dataclass(frozen=True)
class Finding:
    id: str
    kind: str
    status: str
    message: str
    arithmetic: str
    keys: tuple[str, ...]
    sentences: tuple[Sentence, ...] = ()  # in the source language, with their text
    # language -> (file, line) of each sentence that states one of the keys, in every language
    places: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


# --- Claims: what a paper declares in config/audit.yaml ----------------------------


class SameQuantity(NamedTuple):
    id: str
    first: str
    second: str
    what: str
    note: str = ""
    base: str | None = None  # a volume both shares are of: show the bases each share implies


class RankClaim(NamedTuple):
    id: str
    claimed: str  # prefix whose rank<N> entries name the places the prose gives
    claim: str
    places: int | None = None  # how many places the prose claims; None: all of them
    measured: str | None = None  # prefix of the ranking by data; None: nothing to rank it by
    reason: str = ""  # why it cannot be checked, when `measured` is None


class TimesClaim(NamedTuple):
    id: str
    factor: str
    numerator: str | None = None
    denominator: str | None = None
    note: str = ""  # where the factor appears, or why it cannot be checked


class ForecastClaim(NamedTuple):
    id: str
    stated: str
    implied: str
    start: str
    end: str


class AverageClaim(NamedTuple):
    id: str
    long: str
    long_years: str
    recent: str
    since: str
    last_year: str  # the last year the averages cover


class YearClaim(NamedTuple):
    id: str
    year_growth: str
    year: str
    recent: str
    since: str
    last_year: str


class BoundClaim(NamedTuple):
    id: str
    part: str  # a share of a population that cannot exceed...
    whole: str  # ...this share of the same population (those who can at all)
    what: str
    part_complement: bool = False  # the text states who are not ("only X% are not"): 100 - X are
    whole_complement: bool = False
    basis: str = ""  # how the two are measured on different bases: a violation is then a tension
    stated: tuple[str, ...] = ()  # further keys the claim's sentences state


class RankAgreementClaim(NamedTuple):
    id: str
    first: str  # prefix of a ranking (its rank<N> entries)
    second: str  # prefix of a ranking of the same items from another source
    what: str
    basis: str = ""  # how the two measure different things: contradicting orders are then a tension
    stated: tuple[str, ...] = ()


class MagnitudeClaim(NamedTuple):
    id: str
    word: str  # a word of `words` (config/audit.yaml), with the ratios it allows
    subject: str  # the key the word describes
    reference: str | None = None  # the key it is compared with...
    among: str | None = None  # ...or the largest other value of this ranking's prefix
    what: str = ""
    stated: tuple[str, ...] = ()


class CountShareClaim(NamedTuple):
    id: str
    counts: str  # prefix of a ranking by counts
    shares: str  # prefix of a ranking by shares that should be of the same population
    what: str
    basis: str = ""
    stated: tuple[str, ...] = ()


# How far two rankings may disagree (Kendall's tau over their common items) before the
# audit calls them in tension or inconsistent; a paper may override these in `thresholds`.
RANK_AGREEMENT = {"consistent_at_least": 1.0, "inconsistent_at_most": 0.0}


@dataclass(frozen=True)
class Claims:
    """A paper's claims by kind of check; each kind is empty unless declared."""

    share_sums: dict[str, str | None] = field(
        default_factory=dict
    )  # prefix -> None if complete, else why not
    forecast_growth: tuple[ForecastClaim, ...] = ()
    average_growth: tuple[AverageClaim, ...] = ()
    year_in_average: tuple[YearClaim, ...] = ()
    same_quantity: tuple[SameQuantity, ...] = ()
    rankings: tuple[RankClaim, ...] = ()
    times: tuple[TimesClaim, ...] = ()
    bounds: tuple[BoundClaim, ...] = ()
    rank_agreement: tuple[RankAgreementClaim, ...] = ()
    magnitude: tuple[MagnitudeClaim, ...] = ()
    count_share: tuple[CountShareClaim, ...] = ()
    # word -> {min, max}: the ratio (reference / subject) a magnitude word allows
    words: dict[str, dict[str, float]] = field(default_factory=dict)
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)


KINDS = {
    "forecast_growth": ForecastClaim,
    "average_growth": AverageClaim,
    "year_in_average": YearClaim,
    "same_quantity": SameQuantity,
    "rankings": RankClaim,
    "times": TimesClaim,
    "bounds": BoundClaim,
    "rank_agreement": RankAgreementClaim,
    "magnitude": MagnitudeClaim,
    "count_share": CountShareClaim,
}
SETTINGS = ("share_sums", "words", "thresholds")


class ClaimsError(InputError):
    """The claims file is malformed; the message names it and the claim."""


def load_claims(path: str | Path) -> Claims:
    """config/audit.yaml as `Claims` (a missing file: no claims, only the share sums' defaults)."""
    if not Path(path).exists():
        return Claims()
    try:
        doc = read_yaml(path) or {}
    except YamlError as err:
        raise ClaimsError(str(err)) from None
    if not isinstance(doc, dict):
        raise ClaimsError(
            f"{path}: expected a mapping of kinds of check — write each kind as a key (rankings:, times:, ...)"
        )
    unknown = set(doc) - set(KINDS) - set(SETTINGS)
    if unknown:
        known = ", ".join([*SETTINGS, *KINDS])
        raise ClaimsError(
            f"{path}: unknown kind(s) {', '.join(sorted(unknown))}{near_miss(sorted(unknown)[0], [*SETTINGS, *KINDS])} — "
            f"use one of: {known}"
        )
    words = {str(w): dict(v or {}) for w, v in (doc.get("words") or {}).items()}
    parsed: dict[str, Any] = {}
    for kind, cls in KINDS.items():
        items = []
        for number, item in enumerate(doc.get(kind) or [], start=1):
            where = f"{path}: {kind}, claim {number} ({item.get('id', '?')})"
            try:
                claim = cls(**item)
            except TypeError as err:
                raise ClaimsError(
                    f"{where}: {err} — give the keys its kind takes (README: The consistency audit)"
                ) from None
            if isinstance(claim, MagnitudeClaim) and claim.word not in words:
                raise ClaimsError(
                    f"{where}: the word {claim.word!r} is not declared in `words` — declare it there with its bounds"
                )
            if isinstance(claim, MagnitudeClaim) and (claim.reference is None) == (claim.among is None):
                raise ClaimsError(
                    f"{where}: both or neither of `reference` and `among` — give one: `reference` (a key) or `among` (a ranking)"
                )
            items.append(claim)
        parsed[kind] = tuple(items)
    shares = {str(k): (None if v == "complete" else str(v)) for k, v in (doc.get("share_sums") or {}).items()}
    thresholds = {str(k): dict(v) for k, v in (doc.get("thresholds") or {}).items()}
    return Claims(share_sums=shares, words=words, thresholds=thresholds, **parsed)


# --- Helpers --------------------------------------------------------------------------


def value(numbers: dict, key: str) -> float:
    return float(numbers[key]["value"])


def fmt(x: float, places: int = 2) -> str:
    """A number as the arithmetic shows it: thousands separated, trailing zeros dropped."""
    text = f"{x:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# The units table (data/units.yaml), whose `suffix` writes a unit after a number.
UNITS: dict[str, Unit] = {}


def show(numbers: dict, key: str) -> str:
    """A number with its unit, as stated (e.g. 2.9%, 259.5 billion euros)."""
    entry = numbers[key]
    unit = UNITS.get(entry["unit"])
    return fmt(float(entry["value"]), entry.get("decimals") or 0) + (unit.suffix if unit else "")


def sources(numbers: dict, key: str) -> str:
    return ", ".join(numbers[key]["sources"])


def status_of(ok: bool) -> str:
    return "consistent" if ok else "inconsistent"


def relative_difference(a: float, b: float) -> float:
    """|a - b| relative to the larger, so the order of the pair does not matter."""
    return abs(a - b) / max(abs(a), abs(b)) if a or b else 0.0


def ranking(numbers: dict, prefix: str) -> list[tuple[int, str, float | None]]:
    """(place, name, ranked value) in place order, from <prefix>.rank<N> and <prefix>.rank<N>.<column>."""
    places = []
    for key in numbers:
        place = rank_place(key, prefix)
        if place is not None:
            measured = [k for k in numbers if k.startswith(key + ".")]
            amount = value(numbers, measured[0]) if measured else None
            places.append((place, numbers[key]["value"], amount))
    return sorted(places)


# --- Checks ---------------------------------------------------------------------------


def check_share_sums(numbers: dict, claims: Claims) -> list[Finding]:
    """Shares of a complete breakdown must sum to 100%; other tables of shares are skipped, saying why."""
    findings = []
    for sum_key in sorted(k for k in numbers if k.endswith(".sum")):
        prefix = sum_key.removesuffix(".sum")
        parts = [f"{prefix}.{row['id']}" for row in numbers[sum_key]["rows"]]
        total = sum(value(numbers, k) for k in parts)
        arithmetic = " + ".join(fmt(value(numbers, k)) for k in parts) + f" = {fmt(total)}"
        keys = (sum_key, *parts)
        reason = claims.share_sums.get(prefix, "not declared in share_sums (config/audit.yaml) as complete")
        if reason:
            message = f"{prefix}: not checked: {reason}."
            findings.append(Finding(f"share_sum.{prefix}", "share_sum", "skipped", message, arithmetic, keys))
            continue
        gap = total - 100
        ok = abs(gap) <= SHARE_SUM_TOLERANCE
        message = f"The {len(parts)} shares of {prefix} sum to {fmt(total)}%" + (
            "." if ok else f", {fmt(gap)} points from 100% (tolerance {SHARE_SUM_TOLERANCE})."
        )
        arithmetic += f"; |{fmt(total)} - 100| = {fmt(abs(gap))} vs tolerance {SHARE_SUM_TOLERANCE}"
        findings.append(Finding(f"share_sum.{prefix}", "share_sum", status_of(ok), message, arithmetic, keys))
    return findings


def each_claim(kind: str, check: Callable[[dict, dict[str, str]], list[Finding]]):
    """A check run on every claim of one kind of config/audit.yaml (each as a dict)."""

    def run(numbers: dict, claims: Claims) -> list[Finding]:
        return [finding for spec in getattr(claims, kind) for finding in check(numbers, spec._asdict())]

    run.__doc__ = check.__doc__
    return run


def forecast_growth(numbers: dict, spec: dict[str, str]) -> list[Finding]:
    """A stated growth rate must match the compound growth its two stated volumes imply."""
    fid = f"growth.{spec['id']}"
    stated, implied = value(numbers, spec["stated"]), value(numbers, spec["implied"])
    start, end = value(numbers, spec["start"]), value(numbers, spec["end"])
    first, last = int(value(numbers, spec["start"] + ".year")), int(value(numbers, spec["end"] + ".year"))
    years = last - first
    ok = abs(stated - implied) <= GROWTH_TOLERANCE
    arithmetic = (
        f"({fmt(end)} / {fmt(start)})^(1/{years}) - 1 = {fmt(implied, 1)}% a year ({first} to {last}); "
        f"stated {fmt(stated)}%: |{fmt(implied, 1)} - {fmt(stated)}| = {fmt(abs(implied - stated), 1)} points "
        f"vs tolerance {GROWTH_TOLERANCE}. At {fmt(stated)}% a year, {fmt(start)} would grow to "
        f"{fmt(start)} x {fmt(1 + stated / 100)}^{years} = {fmt(start * (1 + stated / 100) ** years, 1)} by {last}."
    )
    message = (
        f"The stated growth of {show(numbers, spec['stated'])} "
        + ("agrees with" if ok else "does not match")
        + f" the {fmt(implied, 1)}% a year that {show(numbers, spec['start'])} in {first} "
        f"growing to {show(numbers, spec['end'])} in {last} implies."
    )
    keys = tuple(spec[k] for k in ("stated", "implied", "start", "end"))
    keys += (spec["start"] + ".year", spec["end"] + ".year")
    return [Finding(fid, "growth", status_of(ok), message, arithmetic, keys)]


def average_growth(numbers: dict, spec: dict[str, str]) -> list[Finding]:
    """Two averages over nested periods imply the average of the years only the longer covers.

    Averages are taken as arithmetic means of yearly rates; the compound reading is shown too.
    The text says growth "accelerated", so the earlier years must average below the recent
    rate, and it describes growth throughout, so not below zero.
    """
    fid = f"growth.{spec['id']}"
    long, recent = value(numbers, spec["long"]), value(numbers, spec["recent"])
    span, since, last = (int(value(numbers, spec[k])) for k in ("long_years", "since", "last_year"))
    start = last - span + 1
    n = last - since + 1
    rest = span - n
    keys = tuple(spec[k] for k in ("long", "long_years", "recent", "since", "last_year"))
    if rest <= 0:
        message = f"The period since {since} is not inside the {span} years to {last}: nothing to compare."
        return [Finding(fid, "growth", "unverifiable", message, "", keys)]
    implied = (span * long - n * recent) / rest
    compound = ((1 + long / 100) ** span / (1 + recent / 100) ** n) ** (1 / rest) * 100 - 100
    ok = 0 <= implied < recent
    earlier = f"{start}" if rest == 1 else f"{start}-{since - 1}"
    arithmetic = (
        f"{span} years {start}-{last} at {fmt(long)}%: {span} x {fmt(long)} = {fmt(span * long)}; "
        f"{n} years {since}-{last} at {fmt(recent)}%: {n} x {fmt(recent)} = {fmt(n * recent)}; "
        f"the remaining {rest} year(s) {earlier}: ({fmt(span * long)} - {fmt(n * recent)}) / {rest} = "
        f"{fmt(implied, 1)}% a year (compounded: ({fmt(1 + long / 100)}^{span} / "
        f"{fmt(1 + recent / 100)}^{n})^(1/{rest}) - 1 = {fmt(compound, 1)}%)"
    )
    verdict = (
        "which fits growth that accelerated to the recent rate"
        if ok
        else f"which contradicts growth that accelerated to {fmt(recent)}% (it must lie in 0 to {fmt(recent)}%)"
    )
    message = (
        f"An average of {fmt(long)}% over {span} years and {fmt(recent)}% since {since} imply "
        f"{fmt(implied, 1)}% a year in {earlier}, {verdict}."
    )
    return [Finding(fid, "growth", status_of(ok), message, arithmetic, keys)]


def year_in_average(numbers: dict, spec: dict[str, str]) -> list[Finding]:
    """One year's stated growth against the stated average of the period that contains it."""
    fid = f"growth.{spec['id']}"
    growth, recent = value(numbers, spec["year_growth"]), value(numbers, spec["recent"])
    year, since, last = (int(value(numbers, spec[k])) for k in ("year", "since", "last_year"))
    keys = tuple(spec[k] for k in ("year_growth", "year", "recent", "since", "last_year"))
    n = last - since + 1
    if not since <= year <= last or n < 2:
        message = f"{year} is not one of several years of the period {since}-{last}: nothing to compare."
        return [Finding(fid, "growth", "unverifiable", message, "", keys)]
    others = (n * recent - growth) / (n - 1)
    gap = growth - recent
    status = (
        "consistent" if abs(gap) <= YEAR_IN_AVERAGE_TOLERANCE else "inconsistent" if others < 0 else "tension"
    )
    arithmetic = (
        f"|{fmt(growth)} - {fmt(recent)}| = {fmt(abs(gap), 1)} points vs tolerance {YEAR_IN_AVERAGE_TOLERANCE}; "
        f"for a {fmt(recent)}% average over {since}-{last} ({n} years) with {fmt(growth)}% in {year}, "
        f"the other {n - 1} years average ({n} x {fmt(recent)} - {fmt(growth)}) / {n - 1} = {fmt(others, 1)}%"
    )
    explain = {
        "consistent": ".",
        "tension": f"; possible only if the other years averaged {fmt(others, 1)}%: "
        f"a {'slowdown' if gap < 0 else 'spurt'} in {year} the text leaves unsaid.",
        "inconsistent": f"; the other years would have to average {fmt(others, 1)}%, "
        "shrinking where the text states growth.",
    }[status]
    message = (
        f"The growth of {show(numbers, spec['year_growth'])} in {year} ({sources(numbers, spec['year_growth'])}) "
        + (
            "fits"
            if status == "consistent"
            else f"is {fmt(abs(gap), 1)} points {'below' if gap < 0 else 'above'}"
        )
        + f" the {fmt(recent)}% average since {since} ({sources(numbers, spec['recent'])})"
        + explain
    )
    return [Finding(fid, "growth", status, message, arithmetic, keys)]


def check_same_quantities(numbers: dict, claims: Claims) -> list[Finding]:
    """One quantity stated twice must agree within the relative tolerance."""
    findings = []
    for spec in claims.same_quantity:
        a, b = value(numbers, spec.first), value(numbers, spec.second)
        diff = relative_difference(a, b)
        ok = diff <= SAME_QUANTITY_TOLERANCE
        arithmetic = (
            f"|{fmt(a)} - {fmt(b)}| / {fmt(max(a, b))} = {fmt(100 * diff, 1)}% "
            f"vs tolerance {fmt(100 * SAME_QUANTITY_TOLERANCE)}%"
        )
        keys: tuple[str, ...] = (spec.first, spec.second)
        if spec.base:
            volume = value(numbers, spec.base)
            arithmetic += (
                "; bases implied by "
                + show(numbers, spec.base)
                + ": "
                + ", ".join(f"{fmt(volume)} / {fmt(v)}% = {fmt(volume / v * 100, 1)}" for v in (a, b))
            )
            keys += (spec.base,)
        message = (
            f"{spec.what[0].upper()}{spec.what[1:]}: {show(numbers, spec.first)} ({sources(numbers, spec.first)}) "
            f"and {show(numbers, spec.second)} ({sources(numbers, spec.second)}) "
            + ("agree." if ok else f"differ by {fmt(100 * diff, 1)}%.")
            + (f" {spec.note}" if spec.note else "")
        )
        findings.append(
            Finding(f"same_quantity.{spec.id}", "same_quantity", status_of(ok), message, arithmetic, keys)
        )
    return findings


def check_rankings(numbers: dict, claims: Claims) -> list[Finding]:
    """A name the prose ranks at place p contradicts the data if the data ranks ahead of it a
    name the prose does not rank ahead of it. Names the data does not measure are unverifiable."""
    findings = []
    for spec in claims.rankings:
        claimed = [
            (p, name) for p, name, _ in ranking(numbers, spec.claimed) if not spec.places or p <= spec.places
        ]
        keys = tuple(f"{spec.claimed}.rank{p}" for p, _ in claimed)
        keys += tuple(k for _, name in claimed if (k := f"{spec.claimed}.{name}") in numbers)  # stated ranks
        fid = f"ranking.{spec.id}"
        if spec.measured is None:
            arithmetic = "stated: " + ", ".join(f"place {p}: {name}" for p, name in claimed)
            message = f"{spec.claim}: cannot be checked: {spec.reason}."
            findings.append(Finding(fid, "ranking", "unverifiable", message, arithmetic, keys))
            continue
        measured = ranking(numbers, spec.measured)
        order = [name for _, name, _ in measured]
        amount = {name: v for _, name, v in measured}
        keys += tuple(f"{spec.measured}.rank{p}" for p, _, _ in measured)
        problems, lines = [], []
        for place, name in claimed:
            if name not in amount:
                continue
            before = {other for p, other in claimed if p < place}
            ahead = [other for other in order[: order.index(name)] if other not in before]
            lines.append(
                f"{name}: place {place} in the text, {order.index(name) + 1} in the data ({fmt(amount[name])})"
            )
            if ahead:
                problems.append(
                    f"{name} is in place {place}, but the data ranks {', '.join(ahead)} ahead of it"
                )
        data = "data: " + ", ".join(f"{p}. {name} {fmt(v)}" for p, name, v in measured)
        ok = not problems
        message = f"{spec.claim}: " + ("the order agrees." if ok else "; ".join(problems) + ".")
        findings.append(Finding(fid, "ranking", status_of(ok), message, "; ".join(lines) + f"; {data}", keys))
        findings += unmeasured(spec, claimed, amount, keys)
    return findings


def unmeasured(
    spec: RankClaim, claimed: list[tuple[int, str]], amount: dict, keys: tuple[str, ...]
) -> list[Finding]:
    """Names the prose ranks that the data has no figure for: what figure their place would need."""
    findings = []
    for place, name in claimed:
        if name in amount:
            continue
        above = [amount[n] for p, n in claimed if p < place and n in amount]
        below = [amount[n] for p, n in claimed if p > place and n in amount]
        low, high = fmt(max(below)) if below else "0", fmt(min(above)) if above else "any"
        arithmetic = f"for place {place} to hold, {name} needs between {low} and {high}"
        message = (
            f"{spec.claim}: {name} is in place {place}, but the data ({spec.measured}) has no figure for it."
        )
        findings.append(
            Finding(f"ranking.{spec.id}.{name}", "ranking", "unverifiable", message, arithmetic, keys)
        )
    return findings


def check_times(numbers: dict, claims: Claims) -> list[Finding]:
    """An "N times" statement must equal the ratio of its two values, to its printed precision."""
    findings = []
    for spec in claims.times:
        factor = value(numbers, spec.factor)
        if spec.numerator is None or spec.denominator is None:
            message = f"{show(numbers, spec.factor)}: cannot be checked: no two values. {spec.note}".strip()
            arithmetic = f"stated {fmt(factor)} times; nothing to divide"
            findings.append(
                Finding(f"times.{spec.id}", "times", "unverifiable", message, arithmetic, (spec.factor,))
            )
            continue
        top, bottom = value(numbers, spec.numerator), value(numbers, spec.denominator)
        ratio = top / bottom
        places = numbers[spec.factor].get("decimals") or 0
        tolerance = TIMES_ROUNDING * 10**-places
        ok = abs(ratio - factor) <= tolerance + 1e-9
        arithmetic = (
            f"{fmt(top)} / {fmt(bottom)} = {fmt(ratio, places + 2)}; stated {fmt(factor, places)}: "
            f"|{fmt(ratio, places + 2)} - {fmt(factor, places)}| = {fmt(abs(ratio - factor), places + 2)} "
            f"vs tolerance {fmt(tolerance, places + 1)}"
        )
        message = (
            f"{fmt(factor, places)} times "
            + ("is" if ok else "is not")
            + f" {show(numbers, spec.numerator)} / {show(numbers, spec.denominator)}."
            + (f" {spec.note}" if spec.note else "")
        )
        keys = (spec.factor, spec.numerator, spec.denominator)
        findings.append(Finding(f"times.{spec.id}", "times", status_of(ok), message, arithmetic, keys))
    return findings


def breaches(basis: str) -> str:
    """A claim that breaks its rule is inconsistent, unless measured on declared different bases."""
    return "tension" if basis else "inconsistent"


def bound(numbers: dict, spec: dict[str, Any]) -> list[Finding]:
    """A share of a population using or registered on something cannot exceed the share that
    can use it at all; "only X% are not" states that 100 - X% are."""
    fid = f"bound.{spec['id']}"

    def share(key: str, complement: bool) -> tuple[float, str]:
        x = value(numbers, key)
        return (100 - x, f"100 - {fmt(x)} = {fmt(100 - x)}%") if complement else (x, f"{fmt(x)}%")

    part, part_text = share(spec["part"], spec["part_complement"])
    whole, whole_text = share(spec["whole"], spec["whole_complement"])
    ok = part <= whole + SHARE_SUM_TOLERANCE
    status = "consistent" if ok else breaches(spec["basis"])
    arithmetic = f"part {part_text} <= whole {whole_text}: " + (
        "holds" if ok else f"exceeds it by {fmt(part - whole, 2)} points"
    )
    message = f"{spec['what'][0].upper()}{spec['what'][1:]}: {fmt(part)}% " + (
        f"is within {fmt(whole)}%." if ok else f"exceeds {fmt(whole)}%, which bounds it."
    )
    if spec["basis"] and not ok:
        message += f" Measured on different bases: {spec['basis']}."
    keys = (spec["part"], spec["whole"], *spec["stated"])
    return [Finding(fid, "bound", status, message, arithmetic, keys)]


def kendall(first: list[str], second: list[str]) -> tuple[float, list[tuple[str, str]]]:
    """Kendall's tau between two orders of the same items (no ties), and the discordant pairs:
    (a, b) where the first order puts a before b and the second b before a."""
    place = {name: i for i, name in enumerate(second)}
    pairs = [(a, b) for i, a in enumerate(first) for b in first[i + 1 :]]
    discordant = [(a, b) for a, b in pairs if place[a] > place[b]]
    return (len(pairs) - 2 * len(discordant)) / len(pairs), discordant


def rank_agreement_thresholds(claims: Claims) -> dict[str, float]:
    return {**RANK_AGREEMENT, **claims.thresholds.get("rank_agreement", {})}


def rank_agreement(numbers: dict, spec: dict[str, Any], limits: dict[str, float]) -> list[Finding]:
    """Two rankings of the same items from different sources should order them alike."""
    fid = f"rank_agreement.{spec['id']}"
    first, second = ranking(numbers, spec["first"]), ranking(numbers, spec["second"])
    keys = tuple(
        f"{prefix}.rank{p}"
        for prefix, order in ((spec["first"], first), (spec["second"], second))
        for p, _, _ in order
    ) + tuple(spec["stated"])
    common = [name for _, name, _ in second if name in {n for _, n, _ in first}]
    order = [name for _, name, _ in first if name in common]
    listing = (
        f"{spec['first']}: "
        + ", ".join(f"{p}. {n}" for p, n, _ in first)
        + f"; {spec['second']}: "
        + ", ".join(f"{p}. {n}" for p, n, _ in second)
    )
    if len(common) < 2:
        message = f"{spec['what']}: fewer than two items in both rankings; nothing to compare."
        return [Finding(fid, "rank_agreement", "unverifiable", message, listing, keys)]
    tau, discordant = kendall(order, common)
    n = len(common)
    pairs = n * (n - 1) // 2
    if tau >= limits["consistent_at_least"]:
        status = "consistent"
    elif tau <= limits["inconsistent_at_most"]:
        status = breaches(spec["basis"])
    else:
        status = "tension"
    arithmetic = (
        f"{listing}; common items in the first order: {', '.join(order)}; {pairs} pairs, "
        f"{pairs - len(discordant)} concordant, {len(discordant)} discordant: Kendall's tau = "
        f"({pairs - len(discordant)} - {len(discordant)}) / {pairs} = {fmt(tau, 2)} "
        f"(consistent at >= {fmt(limits['consistent_at_least'])}, inconsistent at <= "
        f"{fmt(limits['inconsistent_at_most'])})"
    )
    flipped = "; ".join(
        f"{spec['first']} puts {a} ahead of {b}, {spec['second']} {b} ahead of {a}" for a, b in discordant
    )
    message = f"{spec['what']}: " + (
        f"the two orders agree on all {pairs} pairs." if not discordant else f"{flipped}."
    )
    if spec["basis"] and discordant:
        message += f" Measured on different bases: {spec['basis']}."
    return [Finding(fid, "rank_agreement", status, message, arithmetic, keys)]


def check_rank_agreement(numbers: dict, claims: Claims) -> list[Finding]:
    limits = rank_agreement_thresholds(claims)
    return [f for spec in claims.rank_agreement for f in rank_agreement(numbers, spec._asdict(), limits)]


def check_magnitude(numbers: dict, claims: Claims) -> list[Finding]:
    """A word of size ("slightly behind", "most popular") against the ratio it describes, in
    the bounds the paper declares for the word (`words`: the ratio reference / subject)."""
    findings = []
    for spec in claims.magnitude:
        fid = f"magnitude.{spec.id}"
        subject = value(numbers, spec.subject)
        keys: tuple[str, ...] = (spec.subject,)
        if spec.reference is not None:
            reference, named = value(numbers, spec.reference), show(numbers, spec.reference)
            keys += (spec.reference,)
        else:
            others = [
                (amount, f"{spec.among}.rank{p}")
                for p, name, amount in ranking(numbers, spec.among)
                if amount is not None
                and not any(
                    same_number(numbers, spec.subject, k)
                    for k in numbers
                    if k.startswith(f"{spec.among}.rank{p}.")
                )
            ]
            if not others:
                message = f"{spec.what}: {spec.among} ranks nothing else to compare with."
                findings.append(Finding(fid, "magnitude", "unverifiable", message, "", keys))
                continue
            reference, top = max(others)
            named = f"{fmt(reference)} ({numbers[top]['value']}, the largest other in {spec.among})"
            keys += (top,)
        bounds = claims.words[spec.word]
        low, high = bounds.get("min"), bounds.get("max")
        ratio = reference / subject if subject else float("inf")
        ok = (low is None or ratio >= low - 1e-9) and (high is None or ratio <= high + 1e-9)
        limits = [f">= {fmt(low)}"] if low is not None else []
        allowed = " and ".join(limits + ([f"<= {fmt(high)}"] if high is not None else []))
        arithmetic = (
            f'{fmt(reference)} / {fmt(subject)} = {fmt(ratio, 2)}; "{spec.word}" allows a ratio {allowed}'
        )
        message = f'{spec.what}: "{spec.word}" describes {show(numbers, spec.subject)} against {named}, ' + (
            f"a ratio of {fmt(ratio, 2)}, which the word allows."
            if ok
            else f"a ratio of {fmt(ratio, 2)}, outside what the word allows ({allowed})."
        )
        keys += tuple(spec.stated)
        findings.append(Finding(fid, "magnitude", status_of(ok), message, arithmetic, keys))
    return findings


def count_share(numbers: dict, spec: dict[str, Any]) -> list[Finding]:
    """Counts and shares of one population must order the items alike: a share is its count
    over one total, so each implies the same total."""
    fid = f"count_share.{spec['id']}"
    counts = {name: v for _, name, v in ranking(numbers, spec["counts"]) if v is not None}
    shares = {name: v for _, name, v in ranking(numbers, spec["shares"]) if v is not None}
    common = [name for name in counts if name in shares]
    keys = tuple(
        f"{prefix}.rank{p}"
        for prefix in (spec["counts"], spec["shares"])
        for p, _, _ in ranking(numbers, prefix)
    ) + tuple(spec["stated"])
    if len(common) < 2:
        message = f"{spec['what']}: fewer than two items have both a count and a share."
        return [Finding(fid, "count_share", "unverifiable", message, "", keys)]
    totals = ", ".join(
        f"{name} {fmt(counts[name])} / {fmt(shares[name])}% = {fmt(counts[name] / shares[name] * 100, 0)}"
        for name in common
    )
    flipped = [
        (a, b)
        for i, a in enumerate(common)
        for b in common[i + 1 :]
        if (counts[a] - counts[b]) * (shares[a] - shares[b]) < 0
    ]
    status = "consistent" if not flipped else breaches(spec["basis"])
    arithmetic = f"totals each count and share imply: {totals}"
    message = f"{spec['what']}: " + (
        "counts and shares order the items alike."
        if not flipped
        else "; ".join(
            f"{a} has more ({fmt(counts[a])} against {fmt(counts[b])}) but a smaller share "
            f"({fmt(shares[a])}% against {fmt(shares[b])}%) than {b}"
            if counts[a] > counts[b]
            else f"{b} has more ({fmt(counts[b])} against {fmt(counts[a])}) but a smaller share "
            f"({fmt(shares[b])}% against {fmt(shares[a])}%) than {a}"
            for a, b in flipped
        )
        + "; one population cannot give both orders."
    )
    if spec["basis"] and flipped:
        message += f" Measured on different bases: {spec['basis']}."
    return [Finding(fid, "count_share", status, message, arithmetic, keys)]


CHECKS = (
    check_share_sums,
    each_claim("forecast_growth", forecast_growth),
    each_claim("average_growth", average_growth),
    each_claim("year_in_average", year_in_average),
    check_same_quantities,
    check_rankings,
    check_times,
    each_claim("bounds", bound),
    check_rank_agreement,
    check_magnitude,
    each_claim("count_share", count_share),
)


# --- Sentences ------------------------------------------------------------------------


def same_number(numbers: dict, a: str, b: str) -> bool:
    """Two keys name one number: the same value of the same raw rows (sales.acme, sales.rank1.units)."""
    if a == b:
        return True
    x, y = numbers.get(a), numbers.get(b)
    return bool(x and y) and all(x[f] == y[f] for f in ("value", "unit", "rows"))


def stating(keys: tuple[str, ...], numbers: dict, texts: dict[str, list[str]]) -> list[tuple[str, int, str]]:
    """(file, line, line's text) of each sentence (one a line) whose placeholders name any of the keys."""
    found = []
    for file, lines in texts.items():
        for number, line in enumerate(lines, start=1):
            if line.lstrip().startswith("!["):
                continue  # a figure's caption restates what the sentences claim
            used = [parse(m["body"].strip(), f"{file}:{number}")[0] for m in PLACEHOLDER.finditer(line)]
            if any(same_number(numbers, u, k) for u in used for k in keys):
                found.append((file, number, line))
    return found


def sentences_for(keys: tuple[str, ...], numbers: dict, values: dict, texts: dict[str, list[str]]) -> tuple:
    """The sentences that state any of the keys, placeholders replaced by their values."""
    return tuple(
        Sentence(file, n, splice(line, values).strip()) for file, n, line in stating(keys, numbers, texts)
    )


def run_audit(
    numbers: dict,
    values: dict,
    texts: dict[str, list[str]],
    claims: Claims,
    units: dict[str, Unit] | None = None,
    languages: dict[str, dict[str, list[str]]] | None = None,
) -> list[Finding]:
    """Every check's findings, each with the sentences that state its numbers: their text in
    the source language (`texts`, `values`), their file and line in every one of `languages`."""
    if units is not None:
        UNITS.clear()
        UNITS.update(units)
    findings = [finding for check in CHECKS for finding in check(numbers, claims)]
    return [
        replace(
            f,
            sentences=sentences_for(f.keys, numbers, values, texts),
            places={
                lang: tuple((file, n) for file, n, _ in stating(f.keys, numbers, lang_texts))
                for lang, lang_texts in (languages or {}).items()
            },
        )
        for f in findings
    ]


# --- Reports --------------------------------------------------------------------------


def summary(findings: list[Finding]) -> dict[str, int]:
    return {status: sum(f.status == status for f in findings) for status in STATUSES}


def to_markdown(findings: list[Finding]) -> str:
    """The findings for the author, inconsistent first, each with its sentences and arithmetic."""
    counts = summary(findings)
    lines = [
        "# Consistency audit",
        "",
        "The paper's claims checked against each other. The audit reports; it never changes the text.",
        "",
        "| Status | Findings |",
        "|---|---:|",
        *(f"| {status} | {count} |" for status, count in counts.items()),
    ]
    for status in STATUSES:
        group = [f for f in findings if f.status == status]
        if not group:
            continue
        lines += ["", f"## {status.capitalize()} ({len(group)})"]
        for f in group:
            lines += ["", f"### `{f.id}` ({f.kind})", "", f.message]
            if f.arithmetic:
                lines += ["", "```text", f.arithmetic, "```"]
            lines += ["", "Numbers: " + ", ".join(f"`{k}`" for k in f.keys)]
            if f.sentences:
                lines += [""] + [f"- {s.file}:{s.line}: {s.text}" for s in f.sentences]
            elsewhere = [
                f"{lang}: " + ", ".join(f"{file}:{line}" for file, line in places)
                for lang, places in f.places.items()
                if places and places != tuple((s.file, s.line) for s in f.sentences)
            ]
            if elsewhere:
                lines += ["", "In every language: " + "; ".join(elsewhere)]
    return "\n".join(lines) + "\n"


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding for readers and a web edition: `sentences` maps each language to the
    {file, line} of its sentences (with their text where the source language has it)."""
    document = asdict(f)
    del document["places"]
    text = {(s.file, s.line): s.text for s in f.sentences}
    document["sentences"] = {
        lang: [
            {"file": file, "line": line, **({"text": text[file, line]} if (file, line) in text else {})}
            for file, line in places
        ]
        for lang, places in f.places.items()
    }
    return document


def to_json(findings: list[Finding]) -> str:
    document: dict[str, Any] = {"summary": summary(findings), "findings": [finding_json(f) for f in findings]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# The verdicts a reader of the paper sees in its appendix (the others concern the author).
FOR_READERS = ("inconsistent", "tension")


def appendix_markdown(findings: list[Finding], lang: str, labels: dict[str, str]) -> str:
    """A section for an edition's appendix: each inconsistent or tension finding, its verdict,
    arithmetic and the sentences of this language it concerns (file:line), all as text."""
    lines = [
        f"# {escape(labels['audit'])} {{#sec:audit .unnumbered}}",
        "",
        escape(labels["audit_intro"]),
    ]
    for status in FOR_READERS:
        for f in (f for f in findings if f.status == status):
            places = "; ".join(f"{Path(file).name}:{line}" for file, line in f.places.get(lang, ()))
            lines += ["", f"**{escape(labels[status])}**: {escape(f.message)}", ""]
            lines += [f"{escape(f.arithmetic)}" + (f" ({escape(places)})" if places else "")]
    return "\n".join(lines) + "\n"


def to_html(markdown: str, pandoc: str) -> str:
    """The audit as a web page (build/audit.html, the page the build's summary points to).
    Its Markdown quotes the paper's sentences and values, text from data: the filter
    text-only.lua makes raw HTML in it text and drops script links, so a name such as
    `<img onerror=...>` shows and never runs."""
    from datapaper import resource
    from datapaper.render.pandoc import convert_text

    filters = ["--lua-filter", str(resource("filters", "text-only.lua"))]
    return convert_text(
        pandoc, markdown, "gfm", "html", *filters, "--standalone", "--metadata", "title=Consistency audit"
    )
