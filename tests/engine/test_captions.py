"""The Snakemake report's captions carry the numbers the filter figures.lua prints: figures
numbered by first mention (tests/filters/cases/figures-order.md is the filter's case)."""

from datapaper.captions import captions

TEXT = """# Results

The text refers to @fig:late before any figure is placed.

![Early in {{r.year}}.](build/figures/early.en){#fig:early width=100%}

As @fig:early and [@fig:late] show.

![Never referenced.](build/figures/unreferenced.en){#fig:unreferenced}

![Late; its caption first mentions @fig:from-caption.](build/figures/late.en){#fig:late}

![From a caption.](build/figures/from_caption.en){#fig:from-caption}
"""


def test_figures_are_numbered_by_first_mention():
    found = captions([TEXT], {"{{r.year}}": "2019"}, "Figure {n}.")
    assert found == {
        "late": "Figure 1. Late; its caption first mentions @fig:from-caption.",
        "early": "Figure 2. Early in 2019.",
        "unreferenced": "Figure 3. Never referenced.",
        "from_caption": "Figure 4. From a caption.",
    }


def test_a_reference_in_a_later_section_counts_where_it_stands():
    first = "![One.](build/figures/one.en){#fig:one}\n\n![Two.](build/figures/two.en){#fig:two}\n"
    second = "See @fig:two and @fig:nothing.\n"
    found = captions([first, second], {}, "F{n}")
    assert found == {"one": "F1 One.", "two": "F2 Two."}
