"""The figures: values from the computed numbers, text in each language, same bytes, clear errors."""

import csv
import importlib
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from datapaper import figures as fc
from datapaper import project
from helpers import LANGUAGES, ROOT

STYLE = ROOT / "figures" / "paper.mplstyle"
STRINGS = ROOT / "figures" / "strings"
TABLE = yaml.safe_load((ROOT / project.FIGURE_TABLE).read_text(encoding="utf-8"))
# The figures as the build draws them (config/figures.yaml): name -> group of numbers.
FIGURES = {figure["name"]: figure["group"] for figure in TABLE}
MODULES = {figure["name"]: figure["module"] for figure in TABLE}
PAPER_FIGURES = {  # this paper's seven figures and the group of numbers each reads
    "network_audiences": "audiences",
    "network_market_share": "market_share",
    "advertising_market": "advertising",
    "ecommerce_growth": "ecommerce",
    "ecommerce_structure": "structure",
    "digital_payments": "payments",
    "social_media_activities": "activities",
}
# Proper names that kk and ru write in Latin letters, as the text does.
LATIN_NAMES = [
    "Facebook",
    "Instagram",
    "YouTube",
    "Twitter",
    "Pinterest",
    "StatCounter",
    "Forbes.kz",
    "Brand Analytics",
    "vc.ru",
    "BRIF Research Group",
    "Vlast.kz",
    "Profit.kz",
    "Zakon.kz",
]
LATIN_WORD = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)*")
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# A number each figure prints, and how Babel writes it: the figure must print it so.
SAMPLES = {
    "network_audiences": [("audience.rank3.users", "decimal")],
    "network_market_share": [("market_share.rank1.share", "percent")],
    "advertising_market": [("ad_medium.rank1.share", "percent"), ("internet_ads.factor", "decimal")],
    "ecommerce_growth": [("ecommerce.volume", "decimal"), ("ecommerce.growth_adk", "percent")],
    "ecommerce_structure": [("structure.rank1.share", "percent"), ("platforms.rank1.share", "percent")],
    "digital_payments": [("payments.cards", "compact"), ("payments.cards_growth", "percent")],
    "social_media_activities": [("activities.rank1.share", "percent")],
}


def module(name: str):
    return importlib.import_module(MODULES[name])


def raw(table: str) -> list[dict[str, str]]:
    with (ROOT / project.RAW / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ranked(numbers: dict, prefix: str, column: str) -> list[tuple]:
    places = sorted(
        int(m.group(1)) for key in numbers if (m := re.fullmatch(rf"{re.escape(prefix)}\.rank(\d+)", key))
    )
    return [
        (numbers[f"{prefix}.rank{p}"]["value"], numbers[f"{prefix}.rank{p}.{column}"]["value"])
        for p in places
    ]


def pairs(points: list[dict]) -> list[tuple]:
    return [(p["name"], p["value"]) for p in points]


def babel_text(value: Decimal, kind: str, lang: str, compact: str) -> str:
    """How Babel writes a number, independently of scripts/localize.py."""
    if kind == "percent":
        return format_percent(value / 100, locale=lang, decimal_quantization=False)
    if kind == "compact":
        # joined by a no-break space, as the engine joins a number and its scale word
        return format_compact_decimal(value, format_type=compact, locale=lang, fraction_digits=1).replace(
            " ", "\u00a0"
        )
    return format_decimal(value, locale=lang, decimal_quantization=False)


def svg_text(svg: bytes) -> str:
    """All the text an SVG shows, one line per text element."""
    root = ET.fromstring(svg)
    return "\n".join("".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text"))


# (a) figure_data takes exactly the computed numbers -----------------------------------


def test_network_audiences_data(group_numbers):
    numbers = group_numbers["audiences"]
    data = module("network_audiences").figure_data(numbers)
    assert pairs(data["points"]) == ranked(numbers, "audience", "users")
    rows = sorted(
        (r for r in raw("network_audiences") if r["survey"] == "brand_analytics"),
        key=lambda r: -int(r["users"]),
    )
    assert pairs(data["points"]) == [(r["network"], int(r["users"])) for r in rows]
    assert data["year"] == numbers["audience.year"]["value"]
    assert data["sources"] == ["vc_social_rating_2019"]


def test_network_market_share_data(group_numbers):
    numbers = group_numbers["market_share"]
    data = module("network_market_share").figure_data(numbers)
    expected = ranked(numbers, "market_share", "share")
    assert pairs(data["points"]) == [p for p in expected if p[0] != "other"] + [
        p for p in expected if p[0] == "other"
    ]
    assert sorted(pairs(data["points"])) == sorted(
        (r["id"], float(r["share"])) for r in raw("social_media_market_share")
    )
    assert data["year"] == numbers["market_share.year"]["value"]
    assert data["sources"] == ["statcounter_kz"]


def test_advertising_market_data(group_numbers):
    numbers = group_numbers["advertising"]
    data = module("advertising_market").figure_data(numbers)
    assert pairs(data["media"]) == ranked(numbers, "ad_medium", "share")
    assert data["media_year"] == numbers["ad_medium.year"]["value"]
    assert pairs(data["internet"]) == [
        (numbers[f"internet_ads.{r['id']}.year"]["value"], numbers[f"internet_ads.{r['id']}"]["value"])
        for r in sorted(raw("internet_advertising_share"), key=lambda r: int(r["year"]))
    ]
    assert data["factor"]["value"] == numbers["internet_ads.factor"]["value"]
    assert data["sources"] == ["brif_1491"]


def test_ecommerce_growth_data(group_numbers):
    numbers = group_numbers["ecommerce"]
    data = module("ecommerce_growth").figure_data(numbers)
    assert pairs(data["volume"]) == [
        (numbers["ecommerce.volume.year"]["value"], numbers["ecommerce.volume"]["value"]),
        (numbers["ecommerce.forecast_volume.year"]["value"], numbers["ecommerce.forecast_volume"]["value"]),
    ]
    names = ["growth_adk", "avg_growth_long", "avg_growth_recent", "forecast_implied_growth"]
    assert pairs(data["growth"]) == [(name, numbers[f"ecommerce.{name}"]["value"]) for name in names]
    # The implied growth is the compound rate between the two volumes of the raw table.
    cells = {r["id"]: r for r in raw("ecommerce_market")}
    start, end = cells["volume"], cells["forecast_volume"]
    rate = (float(end["value"]) / float(start["value"])) ** (1 / (int(end["year"]) - int(start["year"]))) - 1
    assert data["growth"][-1]["value"] == round(rate * 100, 1)
    assert data["growth"][-1]["fields"] == {"start": int(start["year"]), "end": int(end["year"])}
    assert data["sources"] == ["profit_ecommerce_2025", "vlast_ecommerce"]


def test_ecommerce_structure_data(group_numbers):
    numbers = group_numbers["structure"]
    data = module("ecommerce_structure").figure_data(numbers)
    assert pairs(data["segments"]) == ranked(numbers, "structure", "share")
    assert pairs(data["platforms"]) == ranked(numbers, "platforms", "share")
    assert [p["value"] for p in data["platforms"]] == sorted(
        (p["value"] for p in data["platforms"]), reverse=True
    )
    assert data["segments_total"] == numbers["structure.sum"]["value"]
    assert (data["segments_year"], data["platforms_year"]) == (
        numbers["structure.year"]["value"],
        numbers["platforms.year"]["value"],
    )
    assert data["sources"] == ["forbes_platforms_2019", "vlast_ecommerce"]


def test_digital_payments_data(group_numbers):
    numbers = group_numbers["payments"]
    data = module("digital_payments").figure_data(numbers)
    assert pairs(data["cards"]) == [
        (numbers["payments.cards_previous.year"]["value"], numbers["payments.cards_previous"]["value"]),
        (numbers["payments.year"]["value"], numbers["payments.cards"]["value"]),
    ]
    assert data["cards_growth"]["value"] == numbers["payments.cards_growth"]["value"]
    assert pairs(data["banking"]) == [
        ("banking_users", numbers["payments.banking_users"]["value"]),
        ("regular_users", numbers["payments.regular_users"]["value"]),
    ]
    assert data["regular_share"]["value"] == numbers["payments.banking_regular_share"]["value"]
    assert data["sources"] == ["profit_cashless_2019"]


def test_social_media_activities_data(group_numbers):
    numbers = group_numbers["activities"]
    data = module("social_media_activities").figure_data(numbers)
    assert pairs(data["points"]) == ranked(numbers, "activities", "share")
    assert data["year"] == numbers["activities.year"]["value"]
    assert data["sources"] == ["zakon_social_time"]


# (b) every figure in every language ---------------------------------------------------


@pytest.fixture(scope="session")
def drawings(group_numbers) -> dict[tuple[str, str], Any]:
    """Every figure drawn in every language (matplotlib figures, not yet saved)."""
    figures = {}
    with fc.style(STYLE):
        for name, group in FIGURES.items():
            fig_module = module(name)
            data = fig_module.figure_data(group_numbers[group])
            for lang in LANGUAGES:
                figures[name, lang] = fig_module.draw(data, fc.Strings.load(STRINGS / f"{lang}.yaml"), lang)
    return figures


@pytest.fixture(scope="session")
def drawn(drawings) -> dict[tuple[str, str], dict[str, bytes]]:
    """Every figure in every language, as SVG; the last language's also in every format, saved
    from the same drawing after its SVG (`printed`, a fixture of its own: each fixture's
    setup stays under the fast tier's 2 s)."""
    with fc.style(STYLE):
        return {key: {"svg": fc.render(fig, "svg")} for key, fig in drawings.items()}


@pytest.fixture(scope="session")
def printed(drawn, drawings) -> dict[tuple[str, str], dict[str, bytes]]:
    """`drawn`, with the last language's figures in every format."""
    last = LANGUAGES[-1]
    with fc.style(STYLE):
        for name in FIGURES:
            drawn[name, last].update(
                {fmt: fc.render(drawings[name, last], fmt) for fmt in fc.FORMATS if fmt != "svg"}
            )
    return drawn


def test_the_figure_table_lists_the_papers_figures():
    assert FIGURES == PAPER_FIGURES
    for name in FIGURES:
        assert MODULES[name] == f"paper.figures.{name}"
        assert callable(module(name).figure_data) and callable(module(name).draw)


def test_strings_files_have_the_same_keys():
    def keys(table, prefix=""):
        for key, value in table.items():
            if isinstance(value, dict) and not set(value) <= {"zero", "one", "two", "few", "many", "other"}:
                yield from keys(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}"

    tables = {
        lang: yaml.safe_load((STRINGS / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in LANGUAGES
    }
    english = set(keys(tables["en"]))
    for lang, table in tables.items():
        assert set(keys(table)) == english, f"figures/strings/{lang}.yaml differs from en.yaml"


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_figure_text_is_in_its_language(drawn, name, lang):
    text = svg_text(drawn[name, lang]["svg"])
    assert text.strip()
    if lang == "en":
        assert not re.search("[А-яЁё]", text), f"{name}.en has Cyrillic text:\n{text}"
        return
    allowed = {word for proper in LATIN_NAMES for word in LATIN_WORD.findall(proper)}
    latin = set(LATIN_WORD.findall(text)) - allowed
    assert not latin, f"{name}.{lang} has Latin words {sorted(latin)} that are not proper names"
    assert re.search("[А-яЁё]", text)
    if lang == "kk":
        assert KAZAKH_LETTERS.search(text), f"{name}.kk has no Kazakh letter:\n{text}"
    if lang == "ru":
        assert not KAZAKH_LETTERS.search(text), f"{name}.ru has Kazakh letters:\n{text}"


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_figure_numbers_are_formatted_for_its_language(drawn, group_numbers, name, lang):
    text = svg_text(drawn[name, lang]["svg"])
    numbers = group_numbers[FIGURES[name]]
    lexicon = ROOT / project.PAPER / lang / "lexicon.yaml"  # the text's number formats, which figures share
    compact = yaml.safe_load(lexicon.read_text(encoding="utf-8"))["format"]["compact"]
    for key, kind in SAMPLES[name]:
        expected = babel_text(Decimal(str(numbers[key]["value"])), kind, lang, compact)
        assert expected in text, f"{name}.{lang} does not print {key} as {expected!r}:\n{text}"
    english = svg_text(drawn[name, "en"]["svg"])
    if lang != "en":
        assert not re.search(r"\d\.\d", text), f"{name}.{lang} has a decimal point:\n{text}"
        if re.search(r"\d\.\d", english):
            assert re.search(r"\d,\d", text), f"{name}.{lang} has no decimal comma where en has a point"


# (c) the same figure twice is the same bytes ------------------------------------------


@pytest.mark.parametrize("name", FIGURES)
def test_figure_bytes_are_reproducible(printed, group_numbers, name, tmp_path):
    lang = LANGUAGES[-1]
    fig_module = module(name)
    with fc.style(STYLE):
        fig = fig_module.draw(
            fig_module.figure_data(group_numbers[FIGURES[name]]),
            fc.Strings.load(STRINGS / f"{lang}.yaml"),
            lang,
        )
        paths = [tmp_path / f"{name}.{lang}.{fmt}" for fmt in fc.FORMATS]
        fc.save(fig, paths)
    for path in paths:
        fmt = path.suffix.lstrip(".")
        assert path.read_bytes() == printed[name, lang][fmt], f"{path.name} differs between two drawings"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)  # no .partial left
    assert b"Matplotlib" not in printed[name, lang]["pdf"]
    assert b"Matplotlib" not in printed[name, lang]["png"]
    assert b"<dc:date>" not in printed[name, lang]["svg"]


def embedded_fonts(pdf: bytes) -> list:
    """The TrueType fonts a PDF embeds, read by fontTools."""
    import io

    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    fonts = []
    for obj in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values():
        font = obj.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        data = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        fonts.append(TTFont(io.BytesIO(data)))
    return fonts


@pytest.mark.parametrize("name", FIGURES)
def test_pdf_figures_embed_lean_font_subsets_and_keep_their_text(printed, name):
    """The layout tables fontTools would subset (slowly) are dropped; the glyphs and the
    text a reader copies from the PDF stay."""
    import io

    from pypdf import PdfReader

    lang = LANGUAGES[-1]
    pdf = printed[name, lang]["pdf"]
    fonts = embedded_fonts(pdf)
    assert fonts, f"{name}.{lang}.pdf embeds no TrueType font"
    for font in fonts:
        assert not set(fc.PDF_UNUSED_TABLES) & set(font.keys()), sorted(font.keys())
        assert {"glyf", "cmap", "hmtx"} <= set(font.keys())
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert re.search("[а-яё]{3}", text.lower()), f"no Cyrillic word in the text of {name}.{lang}.pdf"


# (d) a missing string is an error that names the file and the key ---------------------


@pytest.mark.parametrize(
    ("name", "missing"),
    [("network_audiences", "network_audiences.xlabel"), ("network_market_share", "network.vkontakte")],
)
def test_missing_string_names_file_and_key(group_numbers, tmp_path, name, missing):
    table = yaml.safe_load((STRINGS / "kk.yaml").read_text(encoding="utf-8"))
    section, key = missing.split(".")
    del table[section][key]
    path = tmp_path / "figures" / "strings" / "kk.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    fig_module = module(name)
    data = fig_module.figure_data(group_numbers[FIGURES[name]])
    with fc.style(STYLE), pytest.raises(KeyError) as error:
        fig_module.draw(data, fc.Strings.load(path), "kk")
    assert isinstance(error.value, fc.MissingString)
    assert f"figures/strings/kk.yaml: missing string {missing!r} — add it" in str(error.value)


def test_strings_in_the_project_are_named_by_their_project_path():
    strings = fc.Strings.load(STRINGS / "kk.yaml")
    with pytest.raises(
        fc.MissingString,
        match=r"^figures/strings/kk\.yaml: missing string 'audiences\.xlabel' — add it to the strings file$",
    ):
        strings["audiences.xlabel"]


def test_number_formats_come_from_the_texts_lexicon(tmp_path):
    """A figure takes `format` and `units` from paper/<lang>/lexicon.yaml, never its own."""
    strings = fc.Strings.load(STRINGS / "ru.yaml")
    lexicon = yaml.safe_load((ROOT / project.PAPER / "ru" / "lexicon.yaml").read_text(encoding="utf-8"))
    assert strings.table["format"] == lexicon["format"] and strings.table["units"] == lexicon["units"]
    own = tmp_path / "ru.yaml"
    own.write_text(
        (STRINGS / "ru.yaml").read_text(encoding="utf-8") + "format: {compact: long}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="`format` belongs in"):
        fc.Strings.load(own, ROOT / project.PAPER / "ru" / "lexicon.yaml")


def test_figure_names_and_lexicon_names_must_name_the_same_ids(tmp_path):
    lexicon = ROOT / "paper" / "en" / "lexicon.yaml"
    strings = yaml.safe_load((STRINGS / "en.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "en.yaml"
    del strings["network"]["pinterest"]
    path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    with pytest.raises(fc.MissingString, match=r"missing string 'network.pinterest'"):
        fc.Strings.load(path, lexicon)
    strings["network"].update(pinterest="Pinterest", bluesky="Bluesky")
    path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"table 'network' names bluesky, which the same table of .*lexicon.yaml"
    ):
        fc.Strings.load(path, lexicon)


# (f) each figure described from its data, in each language ----------------------------

FIXTURE_STRINGS = ROOT / "tests" / "fixtures" / "city_bikes" / "figures" / "strings"


def alternative_text(name: str, numbers: dict, lang: str) -> str:
    fig_module = module(name)
    strings = fc.Strings.load(STRINGS / f"{lang}.yaml")
    return fc.describe(name, fig_module.describe, fig_module.figure_data(numbers), strings)


def test_every_language_describes_every_figure_of_both_papers():
    """Each figure's strings have `<name>.alt` in every language (this paper's and the fixture's)."""
    for folder, names in ((STRINGS, FIGURES), (FIXTURE_STRINGS, ["city_rides"])):
        for path in sorted(folder.glob("*.yaml")):
            table = yaml.safe_load(path.read_text(encoding="utf-8"))
            for name in names:
                assert isinstance(table[name].get("alt"), str), f"{path}: no {name}.alt"
                assert "{" in table[name]["alt"], f"{path}: {name}.alt names no number"


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_alternative_text_holds_the_figures_numbers_as_its_language_writes_them(group_numbers, name, lang):
    numbers = group_numbers[FIGURES[name]]
    text = alternative_text(name, numbers, lang)
    assert "\n" not in text and "{" not in text and "  " not in text
    lexicon = ROOT / project.PAPER / lang / "lexicon.yaml"
    compact = yaml.safe_load(lexicon.read_text(encoding="utf-8"))["format"]["compact"]
    for key, kind in SAMPLES[name]:
        expected = babel_text(Decimal(str(numbers[key]["value"])), kind, lang, compact)
        assert expected in text, (
            f"{name}.{lang}'s alternative text does not write {key} as {expected!r}:\n{text}"
        )
    if lang == "en":
        assert not re.search("[А-яЁё]", text)
    else:
        assert not re.search(r"\d\.\d", text), f"{name}.{lang} has a decimal point:\n{text}"
        assert re.search("[А-яЁё]", text)
        assert bool(KAZAKH_LETTERS.search(text)) == (lang == "kk"), text


def test_a_data_change_that_moves_the_largest_bar_changes_the_alternative_text(group_numbers):
    """The description follows the data: a network that overtakes the leader is named as the largest."""
    numbers = json.loads(json.dumps(group_numbers["audiences"]))
    before = {lang: alternative_text("network_audiences", numbers, lang) for lang in LANGUAGES}
    first, second = numbers["audience.rank1"]["value"], numbers["audience.rank2"]["value"]
    numbers["audience.rank1"]["value"], numbers["audience.rank2"]["value"] = second, first
    numbers["audience.rank1.users"]["value"] = 2_500_000
    after = {lang: alternative_text("network_audiences", numbers, lang) for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert after[lang] != before[lang]
    assert "Instagram has the most users, 2.5\u00a0million" in after["en"]
    assert "у сети Instagram (2,5\u00a0млн)" in after["ru"]
    assert "Ең көбі — Instagram (2,5\u00a0млн)" in after["kk"]


def test_a_figure_string_without_its_alternative_text_is_named_with_its_fields(group_numbers, tmp_path):
    table = yaml.safe_load((STRINGS / "en.yaml").read_text(encoding="utf-8"))
    del table["network_audiences"]["alt"]
    path = tmp_path / "en.yaml"
    path.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    strings = fc.Strings.load(path, ROOT / project.PAPER / "en" / "lexicon.yaml")
    fig_module = module("network_audiences")
    with pytest.raises(fc.MissingString, match=r"missing string 'network_audiences.alt'.*\{first_value\}"):
        fc.describe(
            "network_audiences",
            fig_module.describe,
            fig_module.figure_data(group_numbers["audiences"]),
            strings,
        )


def alt_job(
    tmp_path: Path, group_numbers: dict, names: list[str], strings: Path = STRINGS
) -> SimpleNamespace:
    """What Snakemake hands the descriptions' job (rule figure_alt) for the figures `names`,
    their groups' numbers written where the job reads them."""
    folder = tmp_path / "numbers"
    folder.mkdir(exist_ok=True)
    for group in {FIGURES[name] for name in names}:
        (folder / f"{group}.json").write_text(json.dumps(group_numbers[group]), encoding="utf-8")
    return SimpleNamespace(
        input=SimpleNamespace(
            numbers=sorted(str(p) for p in folder.glob("*.json")),
            strings=[str(strings / f"{lang}.yaml") for lang in LANGUAGES],
            lexicons=[str(ROOT / project.lexicon_file(lang)) for lang in LANGUAGES],
            units=str(ROOT / project.UNITS),
        ),
        output=[str(tmp_path / "out" / f"{name}.{lang}.alt.json") for name in names for lang in LANGUAGES],
        log=[str(tmp_path / "alt.log")],
        params=SimpleNamespace(
            languages=LANGUAGES,
            figures=[{"name": name, "module": MODULES[name], "group": FIGURES[name]} for name in names],
        ),
    )


def test_the_descriptions_job_writes_each_figures_own_in_each_language(group_numbers, tmp_path):
    """One job writes every figure's description: each file is its own figure's, from its own
    group of numbers (two figures of two groups here), in its own language."""
    names = ["network_audiences", "advertising_market"]
    assert FIGURES[names[0]] != FIGURES[names[1]]
    smk = alt_job(tmp_path, group_numbers, names)
    (tmp_path / "out").mkdir()
    fc.run_alt(smk, {MODULES[name]: module(name) for name in names})
    for name in names:
        for lang in LANGUAGES:
            written = json.loads((tmp_path / "out" / f"{name}.{lang}.alt.json").read_text(encoding="utf-8"))
            assert written["alt"] == alternative_text(name, group_numbers[FIGURES[name]], lang)


def test_the_descriptions_job_names_every_missing_description_at_once_and_writes_none(
    group_numbers, tmp_path
):
    """Every figure's and language's problem in one message (an author fixes them in one go),
    and no file written: the build makes them all again once they are fixed."""
    strings = tmp_path / "strings"
    strings.mkdir()
    for lang in LANGUAGES:
        table = yaml.safe_load((STRINGS / f"{lang}.yaml").read_text(encoding="utf-8"))
        if lang != "en":
            del table["network_audiences"]["alt"]
        if lang == "ru":
            del table["advertising_market"]["alt"]
        (strings / f"{lang}.yaml").write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    names = ["network_audiences", "advertising_market"]
    smk = alt_job(tmp_path, group_numbers, names, strings)
    (tmp_path / "out").mkdir()
    with pytest.raises(fc.InputError) as err:
        fc.run_alt(smk, {MODULES[name]: module(name) for name in names})
    message = str(err.value)
    for lang, name in (
        ("kk", "network_audiences"),
        ("ru", "network_audiences"),
        ("ru", "advertising_market"),
    ):
        assert re.search(rf"{lang}\.yaml.*missing string '{name}\.alt'", message), message
    assert message.count("missing string") == 3
    assert not list((tmp_path / "out").iterdir())


# (d) the print formats, saved from the figure job's layout, are a drawing's bytes ------


@pytest.mark.parametrize("name", FIGURES)
def test_the_print_formats_saved_from_the_layout_are_a_drawings_bytes(printed, group_numbers, name, tmp_path):
    """The figure job (figures.run) draws each of its languages once, writes SVG and keeps the
    laid-out figures; the print job (figures.run_print) saves PDF and PNG from them without
    drawing. Each file is the bytes of the figure drawn and saved in that format on its own.
    (Two languages, the first and the last: a job of several, in a third less time.)"""
    numbers = tmp_path / "numbers.json"
    numbers.write_text(json.dumps(group_numbers[FIGURES[name]]), encoding="utf-8")
    languages = [LANGUAGES[0], LANGUAGES[-1]]
    strings = [str(STRINGS / f"{lang}.yaml") for lang in languages]
    lexicons = [str(ROOT / project.PAPER / lang / "lexicon.yaml") for lang in languages]
    layout = str(tmp_path / f"{name}.layout.pickle")
    figure_job = SimpleNamespace(
        params=SimpleNamespace(module=MODULES[name], languages=languages),
        input=SimpleNamespace(
            numbers=str(numbers),
            strings=strings,
            lexicons=lexicons,
            units=str(ROOT / project.UNITS),
            style=str(STYLE),
        ),
        output=SimpleNamespace(
            svg=[str(tmp_path / f"{name}.{lang}.svg") for lang in languages], layout=layout
        ),
        log=[str(tmp_path / "figure.log")],
    )
    fig_module = module(name)
    fc.run(figure_job, fig_module.figure_data, fig_module.draw)
    for lang in languages:
        assert (tmp_path / f"{name}.{lang}.svg").read_bytes() == printed[name, lang]["svg"]
    for fmt in ("pdf", "png"):
        outputs = [str(tmp_path / f"{name}.{lang}.{fmt}") for lang in languages]
        print_job = SimpleNamespace(
            input=SimpleNamespace(layout=layout, style=str(STYLE)),
            output=outputs,
            log=[str(tmp_path / f"{fmt}.log")],
        )
        fc.run_print(print_job)
        last = LANGUAGES[-1]
        assert (tmp_path / f"{name}.{last}.{fmt}").read_bytes() == printed[name, last][fmt], (
            f"{name}.{last}.{fmt}"
        )
        assert all(Path(path).stat().st_size > 1000 for path in outputs)


def laid_out_first_figure(group_numbers: dict):
    """The paper's first figure drawn in English and laid out (in the caller's style)."""
    name = next(iter(FIGURES))
    fig_module = module(name)
    fig = fig_module.draw(
        fig_module.figure_data(group_numbers[FIGURES[name]]), fc.Strings.load(STRINGS / "en.yaml"), "en"
    )
    fc.freeze_layout(fig)
    return fig


def test_a_loaded_layout_links_its_transforms_by_their_live_ids(drawn, group_numbers, tmp_path):
    """matplotlib unpickles each transform's parents keyed by the ids they had where they were
    pickled; a transform made later at such an address would push a parent out, and that
    parent would miss its invalidation (an axis label placed at 100 dpi on a 72-dpi PDF page,
    seen once in a build). figures.load_layout keys every parent by its live id."""
    import pickle

    with fc.style(STYLE):
        fig = laid_out_first_figure(group_numbers)
        fc.render(fig, "svg")
    path = tmp_path / "layout.pickle"
    path.write_bytes(pickle.dumps({"en": fig}))

    def links(loaded) -> list[tuple[int, int]]:
        return [
            (key, id(ref()))
            for node in fc.transforms_of(loaded)
            for key, ref in node._parents.items()
            if ref() is not None
        ]

    plain = links(pickle.loads(path.read_bytes())["en"])
    assert any(key != live for key, live in plain), "matplotlib now keys unpickled parents by live ids"
    relinked = links(fc.load_layout(path)["en"])
    assert relinked and all(key == live for key, live in relinked)
    assert len(relinked) >= len(plain)


@pytest.mark.parametrize("fmt", fc.FORMATS)
def test_a_laid_out_figure_is_drawn_once_per_format_it_is_saved_in(group_numbers, fmt, monkeypatch):
    """freeze_layout leaves the figure with no layout engine (not the placeholder that
    set_layout_engine("none") leaves, with which savefig draws the figure once more before
    it draws it to save), and render does not lay out a frozen figure again: saving it
    draws it once."""
    from matplotlib.figure import Figure

    with fc.style(STYLE):
        fig = laid_out_first_figure(group_numbers)
        assert fig.get_layout_engine() is None
        draws = []
        original = Figure.draw
        monkeypatch.setattr(
            Figure, "draw", lambda self, renderer: draws.append(fmt) or original(self, renderer)
        )
        assert fc.render(fig, fmt)
    assert draws == [fmt]
