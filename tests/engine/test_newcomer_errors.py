"""The four errors a newcomer met when porting a paper: each is now either not an error or
a refusal that says what to do."""

import pytest
import yaml
from datapaper.checks import prose_digits
from datapaper.errors import InputError
from datapaper.figures import Strings


def test_the_digit_lint_skips_cross_references_citation_keys_paths_and_code():
    text = "As @fig:no2 shows, see @smith2020 and ![x](build/figures/no2.en), or `snakemake --cores 4`.\n"
    assert prose_digits(text) == []
    assert prose_digits("The level rose by 12 points.\n") == [(1, "The level rose by 12 points.")]


def write(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_lexicon_table_named_like_a_reserved_figure_string_is_refused_as_such(tmp_path):
    strings = write(
        tmp_path / "en.yaml", {"source": {"one": "Source: {sources}", "many": "Sources: {sources}"}}
    )
    lexicon = write(tmp_path / "lexicon.yaml", {"source": {"industry": "industry"}})
    units = write(tmp_path / "units.yaml", {"count": {"kind": "number"}})
    with pytest.raises(
        InputError, match=r"the table name 'source' is reserved for the figures' source line .* — rename"
    ):
        Strings.load(strings, lexicon, units)


def test_a_lexicon_without_units_or_format_serves_the_figures(tmp_path):
    strings = write(tmp_path / "en.yaml", {"x": {"label": "Rides in {year}"}})
    lexicon = write(tmp_path / "lexicon.yaml", {"city": {"lyon": "Lyon"}})
    units = write(tmp_path / "units.yaml", {"count": {"kind": "number"}})
    loaded = Strings.load(strings, lexicon, units)
    assert loaded.text("x.label", year=2023) == "Rides in 2023"
    assert (
        loaded.text("x.label", year={"value": 1200000, "unit": "count", "decimals": 0})
        == "Rides in 1,200,000"
    )
