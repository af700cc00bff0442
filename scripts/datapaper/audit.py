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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from datapaper import project
from datapaper.appendix import VALUE_END, VALUE_START, escape, value_spans
from datapaper.errors import InputError, near_miss
from datapaper.keys import rank_place
from datapaper.placeholders import PLACEHOLDER, parse
from datapaper.placeholders import replace as splice
from datapaper.units import Unit
from datapaper.words import REFERENCE, Words, join, phrase, render
from datapaper.words import words as words_of
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
    # The message and the arithmetic as phrases of the engine's words (datapaper/words.py),
    # which an edition writes in its language (`localized`); `message` and `arithmetic`
    # are their English, for the author.
    says: dict[str, Any] = field(default_factory=dict)
    shows: dict[str, Any] | None = None


# --- Claims: what a paper declares in config/audit.yaml ----------------------------

# A paper's own words in a claim (what it describes, a note, a reason, a basis), which the
# findings quote: one text for every language, or a mapping of language codes to texts
# ({en: ..., ru: ...}), which an edition needs in its language.
Text = str | dict[str, str]
TEXTS = ("what", "note", "claim", "reason", "basis")


class SameQuantity(NamedTuple):
    id: str
    first: str
    second: str
    what: Text
    note: Text = ""
    base: str | None = None  # a volume both shares are of: show the bases each share implies


class RankClaim(NamedTuple):
    id: str
    claimed: str  # prefix whose rank<N> entries name the places the prose gives
    claim: Text
    places: int | None = None  # how many places the prose claims; None: all of them
    measured: str | None = None  # prefix of the ranking by data; None: nothing to rank it by
    reason: Text = ""  # why it cannot be checked, when `measured` is None


class TimesClaim(NamedTuple):
    id: str
    factor: str
    numerator: str | None = None
    denominator: str | None = None
    note: Text = ""  # where the factor appears, or why it cannot be checked


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
    what: Text
    part_complement: bool = False  # the text states who are not ("only X% are not"): 100 - X are
    whole_complement: bool = False
    basis: Text = ""  # how the two are measured on different bases: a violation is then a tension
    stated: tuple[str, ...] = ()  # further keys the claim's sentences state


class RankAgreementClaim(NamedTuple):
    id: str
    first: str  # prefix of a ranking (its rank<N> entries)
    second: str  # prefix of a ranking of the same items from another source
    what: Text
    basis: Text = ""  # how the two measure different things: contradicting orders are then a tension
    stated: tuple[str, ...] = ()


class MagnitudeClaim(NamedTuple):
    id: str
    word: str  # a word of `words` (config/audit.yaml), with the ratios it allows
    subject: str  # the key the word describes
    reference: str | None = None  # the key it is compared with...
    among: str | None = None  # ...or the largest other value of this ranking's prefix
    what: Text = ""
    stated: tuple[str, ...] = ()


class CountShareClaim(NamedTuple):
    id: str
    counts: str  # prefix of a ranking by counts
    shares: str  # prefix of a ranking by shares that should be of the same population
    what: Text
    basis: Text = ""
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


def check_text(text: Any, where: str) -> None:
    """A claim's text: a string, or a mapping of language codes to strings."""
    if isinstance(text, str) or (
        isinstance(text, dict)
        and text
        and all(isinstance(k, str) and isinstance(v, str) for k, v in text.items())
    ):
        return
    raise ClaimsError(
        f"{where}: {text!r} is neither a text nor texts by language — write one text, or one per "
        "language code (`en: ...`, `ru: ...`)"
    )


def load_claims(path: str | Path | Sequence[str | Path]) -> Claims:
    """config/audit.yaml as `Claims` (a missing file: no claims, only the share sums' defaults).
    `path` may be a rule's input list: the file, or none when the paper has no claims file."""
    if not isinstance(path, (str, Path)):
        listed = list(path)
        if not listed:
            return Claims()
        path = listed[0]
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
            for name in TEXTS:
                if name in item:
                    check_text(item[name], f"{where}: `{name}`")
            items.append(claim)
        parsed[kind] = tuple(items)
    for word, bounds in words.items():
        if "text" in bounds:
            check_text(bounds["text"], f"{path}: words, {word!r}: `text`")
    shares = {
        str(k): (None if v == "complete" else v if isinstance(v, dict) else str(v))
        for k, v in (doc.get("share_sums") or {}).items()
    }
    for prefix, reason in shares.items():
        if reason is not None:
            check_text(reason, f"{path}: share_sums, {prefix}")
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


# --- The words of a finding -----------------------------------------------------------
# A finding says what it found and shows its arithmetic as phrases (datapaper/words.py):
# texts of the engine's words with typed arguments, which the author's report writes in
# English (`author_writer`) and an edition in its language (`edition_writer`).


def num(x: float, places: int = 2) -> dict[str, str]:
    """A number, rounded as the arithmetic shows it (`fmt`)."""
    return {"num": fmt(x, places).replace(",", "")}


def exact_num(x: float) -> dict[str, str]:
    """A constant of the audit (a tolerance) as Python writes it: 1.0, 0.05."""
    return {"num": str(x)}


def pct(x: float, places: int = 2) -> dict[str, str]:
    """A percentage, rounded as the arithmetic shows it."""
    return {"pct": fmt(x, places).replace(",", "")}


def stated(key: str) -> dict[str, str]:
    """A computed number as stated, with its unit."""
    return {"value": key}


def name_in(numbers: dict, prefix: str, name: str) -> dict[str, str]:
    """A name a ranking of `prefix` places, with the lexicon table that names it."""
    tables = [
        numbers[key]["unit"]
        for key in numbers
        if rank_place(key, prefix) is not None and numbers[key]["value"] == name
    ]
    return {"name": name, "table": tables[0] if tables else ""}


def claim_text(text: Any, kind: str, claim: str, name: str, cap: bool = False) -> dict[str, Any]:
    """A text of the paper's claims (a string, or one per language), and where it is declared."""
    where = f"{project.AUDIT_CLAIMS}: {kind}, claim {claim}: `{name}`"
    return {"text": text, "where": where, **({"cap": True} if cap else {})}


def listed(items: list[Any], separator: str = ", ") -> dict[str, Any]:
    return join(items, separator)


def english_words() -> Words:
    return words_of(REFERENCE)


def author_writer(numbers: dict) -> Callable[[dict[str, Any]], str]:
    """Typed arguments as the author's report writes them: English, Python's number format,
    ids, units by their `suffix` (data/units.yaml)."""

    def typed(arg: dict[str, Any]) -> str:
        if "num" in arg:
            return format(Decimal(arg["num"]), ",")
        if "pct" in arg:
            return format(Decimal(arg["pct"]), ",") + "%"
        if "value" in arg:
            return show(numbers, arg["value"])
        if "name" in arg:
            return str(arg["name"])
        text = arg["text"]
        if isinstance(text, dict):
            text = text.get(REFERENCE, next(iter(text.values())))
        return capitalized(text) if arg.get("cap") else text

    return typed


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


class AuditTextError(InputError):
    """A text of the claims has no version in an edition's language; the message names it."""


def edition_writer(
    numbers: dict, lang: str, lexicon: dict, units: dict[str, Unit], lexicon_file: str = "the lexicon"
) -> Callable[[dict[str, Any]], str]:
    """Typed arguments as an edition writes them: numbers and percentages by the language's
    CLDR format, stated values as its placeholders write them, names by its lexicon, the
    claims' texts in its language."""
    from babel.numbers import format_decimal, format_percent

    from datapaper.localize import MINUS, FormatError, format_value, lookup

    def typed(arg: dict[str, Any]) -> str:
        try:
            # A negative number with a true minus sign (U+2212), as the text's values.
            if "num" in arg:
                written = format_decimal(Decimal(arg["num"]), locale=lang, decimal_quantization=False)
                return written.replace("-", MINUS)
            if "pct" in arg:
                written = format_percent(Decimal(arg["pct"]) / 100, locale=lang, decimal_quantization=False)
                return written.replace("-", MINUS)
            if "value" in arg:
                return format_value(numbers[arg["value"]], {}, lang, lexicon, units)
            if "name" in arg:
                return lookup(lexicon, arg["table"], arg["name"]) if arg["table"] else str(arg["name"])
        except FormatError as err:
            raise AuditTextError(f"{lexicon_file}: {err}") from None
        text = arg["text"]
        if isinstance(text, dict):
            if lang not in text:
                raise AuditTextError(
                    f"{arg['where']} has no text in {lang} — add `{lang}: <text>` to it "
                    f"(it has {', '.join(text)})"
                )
            text = text[lang]
        return capitalized(text) if arg.get("cap") else text

    return typed


def finding(
    numbers: dict,
    fid: str,
    kind: str,
    status: str,
    says: dict[str, Any],
    shows: dict[str, Any] | None,
    keys: tuple[str, ...],
) -> Finding:
    """A finding, its message and arithmetic written for the author (in English)."""
    english, typed = english_words(), author_writer(numbers)
    arithmetic = render(shows, english, typed) if shows else ""
    return Finding(fid, kind, status, render(says, english, typed), arithmetic, keys, says=says, shows=shows)


def localized(
    finding: dict[str, Any], words: Words, typed: Callable[[dict[str, Any]], str]
) -> tuple[str, str]:
    """A finding's message and arithmetic (from its JSON, build/audit.json) in an edition's
    language."""
    shows = finding.get("shows")
    return render(finding["says"], words, typed), render(shows, words, typed) if shows else ""


def then(first: dict[str, Any], *more: dict[str, Any] | None) -> dict[str, Any]:
    """Sentences one after the other, those given."""
    parts = [first, *(m for m in more if m)]
    return parts[0] if len(parts) == 1 else join(parts, " ")


def on_bases(basis: Any, kind: str, claim: str) -> dict[str, Any] | None:
    """ "Measured on different bases: ..." when the claim declares its bases."""
    return phrase("audit_bases", basis=claim_text(basis, kind, claim, "basis")) if basis else None


# --- Checks ---------------------------------------------------------------------------


def check_share_sums(numbers: dict, claims: Claims) -> list[Finding]:
    """Shares of a complete breakdown must sum to 100%; other tables of shares are skipped, saying why."""
    findings = []
    for sum_key in sorted(k for k in numbers if k.endswith(".sum")):
        prefix = sum_key.removesuffix(".sum")
        if any("id" not in row for row in numbers[sum_key]["rows"]):
            continue  # a large table's sum: its rows are a range, not numbers of their own
        parts = [f"{prefix}.{row['id']}" for row in numbers[sum_key]["rows"]]
        total = sum(value(numbers, k) for k in parts)
        arithmetic = phrase(
            "audit_sum", parts=listed([num(value(numbers, k)) for k in parts], " + "), total=num(total)
        )
        keys = (sum_key, *parts)
        if prefix not in claims.share_sums:
            reason: Any = phrase("audit_share_sum_undeclared")
        else:
            reason = claims.share_sums[prefix]
            reason = claim_text(reason, "share_sums", prefix, prefix) if reason else None
        if reason:
            message = phrase("audit_share_sum_skipped", prefix=prefix, reason=reason)
            findings.append(
                finding(numbers, f"share_sum.{prefix}", "share_sum", "skipped", message, arithmetic, keys)
            )
            continue
        gap = total - 100
        ok = abs(gap) <= SHARE_SUM_TOLERANCE
        message = phrase(
            "audit_share_sum_ok" if ok else "audit_share_sum_off",
            count=len(parts),
            prefix=prefix,
            total=pct(total),
            gap=num(gap),
            tolerance=exact_num(SHARE_SUM_TOLERANCE),
        )
        arithmetic = phrase(
            "audit_share_sum_arithmetic",
            sum=arithmetic,
            total=num(total),
            gap=num(abs(gap)),
            tolerance=exact_num(SHARE_SUM_TOLERANCE),
        )
        findings.append(
            finding(numbers, f"share_sum.{prefix}", "share_sum", status_of(ok), message, arithmetic, keys)
        )
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
    stated_rate, implied = value(numbers, spec["stated"]), value(numbers, spec["implied"])
    start, end = value(numbers, spec["start"]), value(numbers, spec["end"])
    first, last = int(value(numbers, spec["start"] + ".year")), int(value(numbers, spec["end"] + ".year"))
    years = last - first
    ok = abs(stated_rate - implied) <= GROWTH_TOLERANCE
    arithmetic = phrase(
        "audit_forecast_arithmetic",
        end=num(end),
        start=num(start),
        years=years,
        implied=pct(implied, 1),
        first=first,
        last=last,
        stated=pct(stated_rate),
        implied_number=num(implied, 1),
        stated_number=num(stated_rate),
        gap=num(abs(implied - stated_rate), 1),
        tolerance=exact_num(GROWTH_TOLERANCE),
        factor=num(1 + stated_rate / 100),
        grown=num(start * (1 + stated_rate / 100) ** years, 1),
    )
    message = phrase(
        "audit_forecast_agrees" if ok else "audit_forecast_differs",
        stated=stated(spec["stated"]),
        implied=pct(implied, 1),
        start=stated(spec["start"]),
        first=first,
        end=stated(spec["end"]),
        last=last,
    )
    keys = tuple(spec[k] for k in ("stated", "implied", "start", "end"))
    keys += (spec["start"] + ".year", spec["end"] + ".year")
    return [finding(numbers, fid, "growth", status_of(ok), message, arithmetic, keys)]


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
    span_years = phrase("audit_years", n=span)
    if rest <= 0:
        message = phrase("audit_average_unverifiable", since=since, span=span_years, last=last)
        return [finding(numbers, fid, "growth", "unverifiable", message, None, keys)]
    implied = (span * long - n * recent) / rest
    compound = ((1 + long / 100) ** span / (1 + recent / 100) ** n) ** (1 / rest) * 100 - 100
    ok = 0 <= implied < recent
    earlier = f"{start}" if rest == 1 else f"{start}-{since - 1}"
    arithmetic = phrase(
        "audit_average_arithmetic",
        span=span_years,
        span_count=span,
        start=start,
        last=last,
        long=pct(long),
        long_number=num(long),
        long_total=num(span * long),
        recent_years=phrase("audit_years", n=n),
        recent_count=n,
        since=since,
        recent=pct(recent),
        recent_number=num(recent),
        recent_total=num(n * recent),
        remaining=phrase("audit_remaining_years", n=rest),
        earlier=earlier,
        rest=rest,
        implied=pct(implied, 1),
        long_factor=num(1 + long / 100),
        recent_factor=num(1 + recent / 100),
        compound=pct(compound, 1),
    )
    verdict = phrase("audit_average_fits") if ok else phrase("audit_average_contradicts", recent=pct(recent))
    message = phrase(
        "audit_average",
        long=pct(long),
        span=span_years,
        recent=pct(recent),
        since=since,
        implied=pct(implied, 1),
        earlier=earlier,
        verdict=verdict,
    )
    return [finding(numbers, fid, "growth", status_of(ok), message, arithmetic, keys)]


def year_in_average(numbers: dict, spec: dict[str, str]) -> list[Finding]:
    """One year's stated growth against the stated average of the period that contains it."""
    fid = f"growth.{spec['id']}"
    growth, recent = value(numbers, spec["year_growth"]), value(numbers, spec["recent"])
    year, since, last = (int(value(numbers, spec[k])) for k in ("year", "since", "last_year"))
    keys = tuple(spec[k] for k in ("year_growth", "year", "recent", "since", "last_year"))
    n = last - since + 1
    if not since <= year <= last or n < 2:
        message = phrase("audit_year_unverifiable", year=year, since=since, last=last)
        return [finding(numbers, fid, "growth", "unverifiable", message, None, keys)]
    others = (n * recent - growth) / (n - 1)
    gap = growth - recent
    status = (
        "consistent" if abs(gap) <= YEAR_IN_AVERAGE_TOLERANCE else "inconsistent" if others < 0 else "tension"
    )
    arithmetic = phrase(
        "audit_year_arithmetic",
        growth_number=num(growth),
        recent_number=num(recent),
        gap=num(abs(gap), 1),
        tolerance=exact_num(YEAR_IN_AVERAGE_TOLERANCE),
        recent=pct(recent),
        since=since,
        last=last,
        years=phrase("audit_years", n=n),
        growth=pct(growth),
        year=year,
        other_years=phrase("audit_years", n=n - 1),
        count=n,
        others_count=n - 1,
        others=pct(others, 1),
    )
    message = phrase(
        {
            "consistent": "audit_year_fits",
            "tension": "audit_year_tension",
            "inconsistent": "audit_year_inconsistent",
        }[status],
        growth=stated(spec["year_growth"]),
        year=year,
        source=sources(numbers, spec["year_growth"]),
        gap=num(abs(gap), 1),
        direction=phrase("audit_below" if gap < 0 else "audit_above"),
        recent=pct(recent),
        since=since,
        recent_source=sources(numbers, spec["recent"]),
        others=pct(others, 1),
        change=phrase("audit_slowdown" if gap < 0 else "audit_spurt"),
    )
    return [finding(numbers, fid, "growth", status, message, arithmetic, keys)]


def check_same_quantities(numbers: dict, claims: Claims) -> list[Finding]:
    """One quantity stated twice must agree within the relative tolerance."""
    findings = []
    for spec in claims.same_quantity:
        a, b = value(numbers, spec.first), value(numbers, spec.second)
        diff = relative_difference(a, b)
        ok = diff <= SAME_QUANTITY_TOLERANCE
        arithmetic = phrase(
            "audit_same_arithmetic",
            first=num(a),
            second=num(b),
            larger=num(max(a, b)),
            difference=pct(100 * diff, 1),
            tolerance=pct(100 * SAME_QUANTITY_TOLERANCE),
        )
        keys: tuple[str, ...] = (spec.first, spec.second)
        if spec.base:
            volume = value(numbers, spec.base)
            bases = [
                phrase("audit_same_base", volume=num(volume), share=pct(v), base=num(volume / v * 100, 1))
                for v in (a, b)
            ]
            arithmetic = phrase(
                "audit_same_bases", arithmetic=arithmetic, base=stated(spec.base), bases=listed(bases)
            )
            keys += (spec.base,)
        message = phrase(
            "audit_same_agree" if ok else "audit_same_differ",
            what=claim_text(spec.what, "same_quantity", spec.id, "what", cap=True),
            first=stated(spec.first),
            first_source=sources(numbers, spec.first),
            second=stated(spec.second),
            second_source=sources(numbers, spec.second),
            difference=pct(100 * diff, 1),
        )
        note = claim_text(spec.note, "same_quantity", spec.id, "note") if spec.note else None
        findings.append(
            finding(
                numbers,
                f"same_quantity.{spec.id}",
                "same_quantity",
                status_of(ok),
                then(message, note),
                arithmetic,
                keys,
            )
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
        claim = claim_text(spec.claim, "rankings", spec.id, "claim")

        def named(name: str, prefix: str = spec.claimed) -> dict[str, str]:
            return name_in(numbers, prefix, name)

        if spec.measured is None:
            arithmetic = phrase(
                "audit_rank_stated",
                places=listed(
                    [phrase("audit_rank_stated_place", place=p, name=named(name)) for p, name in claimed]
                ),
            )
            message = phrase(
                "audit_rank_unchecked",
                claim=claim,
                reason=claim_text(spec.reason, "rankings", spec.id, "reason"),
            )
            findings.append(finding(numbers, fid, "ranking", "unverifiable", message, arithmetic, keys))
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
                phrase(
                    "audit_rank_line",
                    name=named(name),
                    place=place,
                    data_place=order.index(name) + 1,
                    amount=num(amount[name]),
                )
            )
            if ahead:
                problems.append(
                    phrase(
                        "audit_rank_problem",
                        name=named(name),
                        place=place,
                        ahead=listed([name_in(numbers, spec.measured, other) for other in ahead]),
                    )
                )
        data = phrase(
            "audit_rank_data",
            places=listed(
                [
                    phrase(
                        "audit_rank_data_place",
                        place=p,
                        name=name_in(numbers, spec.measured, name),
                        amount=num(v),
                    )
                    for p, name, v in measured
                ]
            ),
        )
        ok = not problems
        message = (
            phrase("audit_rank_agrees", claim=claim)
            if ok
            else phrase("audit_rank_problems", claim=claim, problems=listed(problems, "; "))
        )
        arithmetic = listed([*lines, data], "; ")
        findings.append(finding(numbers, fid, "ranking", status_of(ok), message, arithmetic, keys))
        findings += unmeasured(numbers, spec, claimed, amount, keys)
    return findings


def unmeasured(
    numbers: dict, spec: RankClaim, claimed: list[tuple[int, str]], amount: dict, keys: tuple[str, ...]
) -> list[Finding]:
    """Names the prose ranks that the data has no figure for: what figure their place would need."""
    findings = []
    for place, name in claimed:
        if name in amount:
            continue
        above = [amount[n] for p, n in claimed if p < place and n in amount]
        below = [amount[n] for p, n in claimed if p > place and n in amount]
        low = num(max(below)) if below else num(0)
        high = num(min(above)) if above else phrase("audit_rank_any")
        named = name_in(numbers, spec.claimed, name)
        arithmetic = phrase("audit_rank_needs", place=place, name=named, low=low, high=high)
        message = phrase(
            "audit_rank_no_figure",
            claim=claim_text(spec.claim, "rankings", spec.id, "claim"),
            name=named,
            place=place,
            measured=spec.measured,
        )
        findings.append(
            finding(
                numbers, f"ranking.{spec.id}.{name}", "ranking", "unverifiable", message, arithmetic, keys
            )
        )
    return findings


def check_times(numbers: dict, claims: Claims) -> list[Finding]:
    """An "N times" statement must equal the ratio of its two values, to its printed precision."""
    findings = []
    for spec in claims.times:
        factor = value(numbers, spec.factor)
        note = claim_text(spec.note, "times", spec.id, "note") if spec.note else None
        if spec.numerator is None or spec.denominator is None:
            message = then(phrase("audit_times_unchecked", factor=stated(spec.factor)), note)
            arithmetic = phrase("audit_times_nothing", factor=num(factor))
            findings.append(
                finding(
                    numbers, f"times.{spec.id}", "times", "unverifiable", message, arithmetic, (spec.factor,)
                )
            )
            continue
        top, bottom = value(numbers, spec.numerator), value(numbers, spec.denominator)
        ratio = top / bottom
        places = numbers[spec.factor].get("decimals") or 0
        tolerance = TIMES_ROUNDING * 10**-places
        ok = abs(ratio - factor) <= tolerance + 1e-9
        arithmetic = phrase(
            "audit_times_arithmetic",
            numerator=num(top),
            denominator=num(bottom),
            ratio=num(ratio, places + 2),
            factor=num(factor, places),
            gap=num(abs(ratio - factor), places + 2),
            tolerance=num(tolerance, places + 1),
        )
        message = phrase(
            "audit_times_is" if ok else "audit_times_is_not",
            factor=num(factor, places),
            numerator=stated(spec.numerator),
            denominator=stated(spec.denominator),
        )
        keys = (spec.factor, spec.numerator, spec.denominator)
        findings.append(
            finding(
                numbers, f"times.{spec.id}", "times", status_of(ok), then(message, note), arithmetic, keys
            )
        )
    return findings


def breaches(basis: Any) -> str:
    """A claim that breaks its rule is inconsistent, unless measured on declared different bases."""
    return "tension" if basis else "inconsistent"


def bound(numbers: dict, spec: dict[str, Any]) -> list[Finding]:
    """A share of a population using or registered on something cannot exceed the share that
    can use it at all; "only X% are not" states that 100 - X% are."""
    fid = f"bound.{spec['id']}"

    def share(key: str, complement: bool) -> tuple[float, dict[str, Any]]:
        x = value(numbers, key)
        if complement:
            return 100 - x, phrase("audit_bound_complement", share=num(x), complement=pct(100 - x))
        return x, pct(x)

    part, part_text = share(spec["part"], spec["part_complement"])
    whole, whole_text = share(spec["whole"], spec["whole_complement"])
    ok = part <= whole + SHARE_SUM_TOLERANCE
    status = "consistent" if ok else breaches(spec["basis"])
    arithmetic = (
        phrase("audit_bound_holds", part=part_text, whole=whole_text)
        if ok
        else phrase("audit_bound_exceeds", part=part_text, whole=whole_text, gap=num(part - whole, 2))
    )
    message = phrase(
        "audit_bound_within" if ok else "audit_bound_over",
        what=claim_text(spec["what"], "bounds", spec["id"], "what", cap=True),
        part=pct(part),
        whole=pct(whole),
    )
    basis = None if ok else on_bases(spec["basis"], "bounds", spec["id"])
    keys = (spec["part"], spec["whole"], *spec["stated"])
    return [finding(numbers, fid, "bound", status, then(message, basis), arithmetic, keys)]


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
    what = claim_text(spec["what"], "rank_agreement", spec["id"], "what")

    def named(name: str) -> dict[str, str]:
        return name_in(numbers, spec["first"], name)

    def places(prefix: str, ranked: list) -> dict[str, Any]:
        return listed(
            [phrase("audit_listing_place", place=p, name=name_in(numbers, prefix, n)) for p, n, _ in ranked]
        )

    listing = phrase(
        "audit_listing",
        first=spec["first"],
        first_places=places(spec["first"], first),
        second=spec["second"],
        second_places=places(spec["second"], second),
    )
    if len(common) < 2:
        message = phrase("audit_agreement_unverifiable", what=what)
        return [finding(numbers, fid, "rank_agreement", "unverifiable", message, listing, keys)]
    tau, discordant = kendall(order, common)
    n = len(common)
    pairs = n * (n - 1) // 2
    if tau >= limits["consistent_at_least"]:
        status = "consistent"
    elif tau <= limits["inconsistent_at_most"]:
        status = breaches(spec["basis"])
    else:
        status = "tension"
    arithmetic = phrase(
        "audit_agreement_arithmetic",
        listing=listing,
        order=listed([named(name) for name in order]),
        pairs=pairs,
        concordant=pairs - len(discordant),
        discordant=len(discordant),
        tau=num(tau, 2),
        consistent_at=num(limits["consistent_at_least"]),
        inconsistent_at=num(limits["inconsistent_at_most"]),
    )
    flipped = [
        phrase("audit_agreement_flipped", first=spec["first"], a=named(a), b=named(b), second=spec["second"])
        for a, b in discordant
    ]
    message = (
        phrase("audit_agreement_all", what=what, pairs=pairs)
        if not discordant
        else phrase("audit_agreement_flips", what=what, flipped=listed(flipped, "; "))
    )
    basis = on_bases(spec["basis"], "rank_agreement", spec["id"]) if discordant else None
    return [finding(numbers, fid, "rank_agreement", status, then(message, basis), arithmetic, keys)]


def check_rank_agreement(numbers: dict, claims: Claims) -> list[Finding]:
    limits = rank_agreement_thresholds(claims)
    return [f for spec in claims.rank_agreement for f in rank_agreement(numbers, spec._asdict(), limits)]


def check_magnitude(numbers: dict, claims: Claims) -> list[Finding]:
    """A word of size ("slightly behind", "most popular") against the ratio it describes, in
    the bounds the paper declares for the word (`words`: the ratio reference / subject)."""
    findings = []
    for spec in claims.magnitude:
        fid = f"magnitude.{spec.id}"
        what = claim_text(spec.what, "magnitude", spec.id, "what")
        subject = value(numbers, spec.subject)
        keys: tuple[str, ...] = (spec.subject,)
        named: dict[str, Any]
        if spec.reference is not None:
            reference, named = value(numbers, spec.reference), stated(spec.reference)
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
                message = phrase("audit_magnitude_nothing", what=what, among=spec.among)
                findings.append(finding(numbers, fid, "magnitude", "unverifiable", message, None, keys))
                continue
            reference, top = max(others)
            named = phrase(
                "audit_magnitude_largest",
                reference=num(reference),
                name=name_in(numbers, spec.among, numbers[top]["value"]),
                among=spec.among,
            )
            keys += (top,)
        bounds = claims.words[spec.word]
        low, high = bounds.get("min"), bounds.get("max")
        ratio = reference / subject if subject else float("inf")
        ok = (low is None or ratio >= low - 1e-9) and (high is None or ratio <= high + 1e-9)
        if low is not None and high is not None:
            allowed = phrase("audit_allows_between", low=num(low), high=num(high))
        elif low is not None:
            allowed = phrase("audit_allows_at_least", low=num(low))
        else:
            allowed = phrase("audit_allows_at_most", high=num(high))
        word = claim_text(bounds.get("text", spec.word), "words", spec.word, "text")
        arithmetic = phrase(
            "audit_magnitude_arithmetic",
            reference=num(reference),
            subject=num(subject),
            ratio=num(ratio, 2),
            word=word,
            allowed=allowed,
        )
        message = phrase(
            "audit_magnitude_fits" if ok else "audit_magnitude_outside",
            what=what,
            word=word,
            subject=stated(spec.subject),
            named=named,
            ratio=num(ratio, 2),
            allowed=allowed,
        )
        keys += tuple(spec.stated)
        findings.append(finding(numbers, fid, "magnitude", status_of(ok), message, arithmetic, keys))
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
    what = claim_text(spec["what"], "count_share", spec["id"], "what")
    if len(common) < 2:
        message = phrase("audit_count_share_unverifiable", what=what)
        return [finding(numbers, fid, "count_share", "unverifiable", message, None, keys)]

    def named(name: str) -> dict[str, str]:
        return name_in(numbers, spec["counts"], name)

    totals = listed(
        [
            phrase(
                "audit_count_share_total",
                name=named(name),
                count=num(counts[name]),
                share=pct(shares[name]),
                total=num(counts[name] / shares[name] * 100, 0),
            )
            for name in common
        ]
    )
    flipped = [
        (a, b)
        for i, a in enumerate(common)
        for b in common[i + 1 :]
        if (counts[a] - counts[b]) * (shares[a] - shares[b]) < 0
    ]
    status = "consistent" if not flipped else breaches(spec["basis"])
    arithmetic = phrase("audit_count_share_arithmetic", totals=totals)

    def flip(more: str, other: str) -> dict[str, Any]:
        return phrase(
            "audit_count_share_flip",
            more=named(more),
            count=num(counts[more]),
            other_count=num(counts[other]),
            share=pct(shares[more]),
            other_share=pct(shares[other]),
            other=named(other),
        )

    message = (
        phrase("audit_count_share_alike", what=what)
        if not flipped
        else phrase(
            "audit_count_share_flips",
            what=what,
            flips=listed([flip(a, b) if counts[a] > counts[b] else flip(b, a) for a, b in flipped], "; "),
        )
    )
    basis = on_bases(spec["basis"], "count_share", spec["id"]) if flipped else None
    return [finding(numbers, fid, "count_share", status, then(message, basis), arithmetic, keys)]


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


@cache
def used_keys(line: str, where: str) -> tuple[str, ...]:
    """The keys a line's placeholders name (read once a line: every claim asks every line)."""
    return tuple(parse(m["body"].strip(), where)[0] for m in PLACEHOLDER.finditer(line))


class _Unequal(Exception):
    """A value equal to nothing, itself included (NaN): its number is only its own key's."""


def frozen(value: Any) -> Any:
    """A JSON value as a hashable one that compares as it does: lists and objects as tagged
    tuples (so that [] and {} stay unequal); a NaN, equal to nothing, raises _Unequal."""
    if isinstance(value, dict):
        return ("object", tuple(sorted((k, frozen(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", tuple(frozen(v) for v in value))
    if isinstance(value, float) and value != value:
        raise _Unequal
    return value


def identity(numbers: dict, key: str) -> tuple:
    """What `same_number` compares, as one hashable value: two keys name one number exactly
    when their identities are equal (a key without a number, or whose value, unit or rows
    hold a NaN, is only itself)."""
    x = numbers.get(key)
    if not x:
        return ("key", key)
    try:
        return ("number", *(frozen(x[f]) for f in ("value", "unit", "rows")))
    except _Unequal:
        return ("key", key)


class StatedNumbers:
    """Which sentences state which numbers: each line's placeholders as the identities of
    the numbers they name (`identity`), read once for all of an audit's findings, so that
    finding a number's sentences is one set intersection a line."""

    def __init__(self, numbers: dict) -> None:
        self.numbers = numbers
        self.identities: dict[str, tuple] = {}
        self.texts: dict[int, tuple[dict, list]] = {}

    def of(self, key: str) -> tuple:
        if key not in self.identities:
            self.identities[key] = identity(self.numbers, key)
        return self.identities[key]

    def lines(self, texts: dict[str, list[str]]) -> list[tuple[str, int, str, frozenset]]:
        if id(texts) not in self.texts:  # the texts are kept with their lines: ids stay theirs
            lines = [
                (file, number, line, frozenset(self.of(u) for u in used_keys(line, f"{file}:{number}")))
                for file, content in texts.items()
                for number, line in enumerate(content, start=1)
                # a figure's caption restates what the sentences claim
                if not line.lstrip().startswith("![")
            ]
            self.texts[id(texts)] = (texts, lines)
        return self.texts[id(texts)][1]

    def stating(self, keys: tuple[str, ...], texts: dict[str, list[str]]) -> list[tuple[str, int, str]]:
        wanted = {self.of(k) for k in keys}
        return [(file, n, line) for file, n, line, ids in self.lines(texts) if not ids.isdisjoint(wanted)]


def stating(
    keys: tuple[str, ...], numbers: dict, texts: dict[str, list[str]], index: StatedNumbers | None = None
) -> list[tuple[str, int, str]]:
    """(file, line, line's text) of each sentence (one a line) whose placeholders name any of
    the keys (`index`: run_audit's, for all its findings, made with the same `numbers`)."""
    return (index or StatedNumbers(numbers)).stating(keys, texts)


def sentences_for(
    keys: tuple[str, ...],
    numbers: dict,
    values: dict,
    texts: dict[str, list[str]],
    index: StatedNumbers | None = None,
) -> tuple:
    """The sentences that state any of the keys, placeholders replaced by their values."""
    return tuple(
        Sentence(file, n, splice(line, values).strip())
        for file, n, line in stating(keys, numbers, texts, index)
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
    global UNITS
    if units is not None:
        # Replaced whole, not cleared and filled: jobs run side by side in the preview's
        # process, and one of them never sees another's table half made.
        UNITS = dict(units)
    findings = [finding for check in CHECKS for finding in check(numbers, claims)]
    index = StatedNumbers(numbers)
    return [
        replace(
            f,
            sentences=sentences_for(f.keys, numbers, values, texts, index),
            places={
                lang: tuple((file, n) for file, n, _ in stating(f.keys, numbers, lang_texts, index))
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


def marked(typed: Callable[[dict[str, Any]], str]) -> Callable[[dict[str, Any]], str]:
    """A writer of typed arguments whose numbers, values and names are marked as values (the
    appendix never hyphenates them: datapaper/appendix.py `value_spans`); texts are not."""

    def write(arg: dict[str, Any]) -> str:
        text = typed(arg)
        return f"{VALUE_START}{text}{VALUE_END}" if "text" not in arg and text else text

    return write


def appendix_markdown(
    findings: list[Finding],
    lang: str,
    labels: Mapping[str, Any],
    typed: Callable[[dict[str, Any]], str] | None = None,
) -> str:
    """A section for an edition's appendix: each inconsistent or tension finding, its verdict,
    arithmetic and the sentences of this language it concerns (file:line), all as text.
    With the language's words (`labels`, a `Words`) and its writer of typed arguments
    (`edition_writer`), the findings are in the language; without, in English."""
    lines = [
        f"# {escape(labels['audit'])} {{#sec:audit .unnumbered}}",
        "",
        escape(labels["audit_intro"]),
    ]
    for status in FOR_READERS:
        for f in (f for f in findings if f.status == status):
            places = "; ".join(f"{Path(file).name}:{line}" for file, line in f.places.get(lang, ()))
            if typed is not None and isinstance(labels, Words):
                message, arithmetic = localized(asdict(f), labels, marked(typed))
            else:
                message, arithmetic = f.message, f.arithmetic
            lines += ["", f"**{escape(labels[status])}**: {value_spans(escape(message))}", ""]
            lines += [f"{value_spans(escape(arithmetic))}" + (f" ({escape(places)})" if places else "")]
    return "\n".join(lines) + "\n"


def to_html(markdown: str, pandoc: str, kept: bool = False) -> str:
    """The audit as a web page (build/audit.html, the page the build's summary points to).
    Its Markdown quotes the paper's sentences and values, text from data: the filter
    text-only.lua makes raw HTML in it text and drops script links, so a name such as
    `<img onerror=...>` shows and never runs. `kept`: converted once per content and kept
    in the build's cache (the audit job's; datapaper.render.pandoc.convert_once)."""
    from datapaper import resource
    from datapaper.render.pandoc import convert_once, convert_text

    options = ["--lua-filter", str(resource("filters", "text-only.lua"))]
    options += ["--standalone", "--metadata", "title=Consistency audit"]
    if kept:
        return convert_once(pandoc, "audit", markdown, "gfm", "html", *options)
    return convert_text(pandoc, markdown, "gfm", "html", *options)
