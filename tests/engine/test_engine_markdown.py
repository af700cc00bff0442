"""datapaper.render.engine_markdown: its reading of the sections the engine writes is
pandoc's, over sections written from any data (hypothesis: names, values, labels and
findings of every script and punctuation mark the engine escapes); for a text outside the
subset it gives none (pandoc reads it then), never another document."""

import json
import subprocess
from pathlib import Path

import pypandoc
import pytest
from datapaper import appendix, audit, resource
from datapaper.render import engine_markdown
from datapaper.render import pandoc as render_pandoc
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

PANDOC = pypandoc.get_pandoc_path()
READER = "markdown+smart"
API = render_pandoc.api_version(PANDOC)
CASES = settings(
    derandomize=True, deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)

# Text as data and words hold it: Latin, Cyrillic and Kazakh letters, digits, every ASCII
# punctuation mark, the spaces the engine writes (no-break, narrow, zero-width), quotes
# and dashes; one text in twenty may also be empty, start or end with a space, or hold a
# tab or a line break, which the subset does not have.
LETTERS = "aZ09 .,;:!?()[]{}<>#*_`~^$@%&+-=/\\|'\"ёЖәғқңөұүһі" + "\u00a0\u202f\u2009\u200b\u200d’“”«»—–×−©™"
CHARACTERS = st.sampled_from(LETTERS + "\t\n")
CLEAN = (
    st.text(CHARACTERS.filter(lambda c: c not in "\t\n"), min_size=1, max_size=24).map(str.strip).filter(bool)
)
TEXT = st.sampled_from([False] * 19 + [True]).flatmap(
    lambda dirty: st.text(CHARACTERS, max_size=12) if dirty else CLEAN
)
WORDS = CLEAN
KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,8}(?:[-.:/$#%&+?<>~][a-z0-9_]{1,5})?", fullmatch=True)


def pandoc_reading(text: str) -> dict:
    result = subprocess.run(
        [PANDOC, "--from", f"{READER}-auto_identifiers", "--to", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    return json.loads(result.stdout)


def assert_read_as_pandoc_reads(text: str) -> dict | None:
    fast = engine_markdown.reading(text, READER, API)
    if fast is not None:
        assert fast == pandoc_reading(text), text
    return fast


@st.composite
def ledgers(draw) -> dict:
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        rows.append(
            {
                "key": draw(KEYS),
                "text": draw(TEXT),
                "rows": [
                    {"file": f"data/raw/{draw(WORDS)}.csv", "line": draw(st.integers(1, 99))}
                    for _ in range(draw(st.integers(1, 2)))
                ],
                "sources": draw(st.lists(KEYS, min_size=1, max_size=2)),
            }
        )
    return {"ledger": rows}


LABELS = st.fixed_dictionaries(
    {name: TEXT for name in ("appendix", "appendix_intro", "value", "number", "data", "source")}
)


@pytest.mark.slow  # 101 pandoc runs: 1.45-2.0 s
@CASES
@given(ledgers(), LABELS)
@example(  # a short table: pandoc gives its columns no widths
    {"ledger": [{"key": "a", "text": "1", "rows": [{"file": "t.csv", "line": 2}], "sources": ["s"]}]},
    {"appendix": "A", "appendix_intro": "B", "value": "V", "number": "N", "data": "D", "source": "S"},
)
def test_the_appendix_reads_as_pandoc_reads_it(document, labels):
    assert_read_as_pandoc_reads(appendix.appendix_markdown(document, labels))


def marked(text: str, values: list[str]) -> str:
    """A message with values marked as the audit marks its typed arguments."""
    return text + "".join(f" {appendix.VALUE_START}{value}{appendix.VALUE_END} x" for value in values)


@st.composite
def findings(draw) -> list:
    out = []
    for n in range(draw(st.integers(1, 3))):
        places = draw(
            st.lists(st.tuples(WORDS.map(lambda w: f"paper/en/{w}.md"), st.integers(1, 40)), max_size=2)
        )
        out.append(
            audit.Finding(
                id=f"f{n}",
                kind="share",
                status=draw(st.sampled_from(audit.FOR_READERS)),
                message=marked(draw(TEXT), draw(st.lists(TEXT, max_size=3))),
                arithmetic=marked(draw(TEXT), draw(st.lists(TEXT, max_size=3))),
                keys=("a",),
                places={"en": tuple(places)},
            )
        )
    return out


AUDIT_LABELS = st.fixed_dictionaries(
    {name: TEXT for name in ("audit", "audit_intro", "inconsistent", "tension")}
)


@CASES
@given(findings(), AUDIT_LABELS)
def test_the_audit_findings_read_as_pandoc_reads_them(found, labels):
    assert_read_as_pandoc_reads(audit.appendix_markdown(found, "en", labels))


WORDS_LABELS = {
    "appendix": "Where the numbers come from",
    "appendix_intro": "Each number (file: line) and its source.",
    "value": "Value",
    "number": "Number",
    "data": "Data (file:line)",
    "source": "Reference",
}


def test_the_sections_the_engine_writes_are_read_without_pandoc():
    """The paper's kind of appendix and findings are in the subset: the reading that saves
    pandoc's 0.1 s is the one taken."""
    rows = [
        {
            "key": f"ecommerce.growth_{n}",
            "text": "928\u00a0billion\u00a0tenge" if n % 2 else "23.2%",
            "rows": [{"file": "data/raw/ecommerce_market.csv", "line": n + 2}],
            "sources": ["profit_ecommerce_2025", "vlast_ecommerce"][: 1 + n % 2],
        }
        for n in range(30)
    ]
    assert assert_read_as_pandoc_reads(appendix.appendix_markdown({"ledger": rows}, WORDS_LABELS)) is not None
    finding = audit.Finding(
        id="f",
        kind="share",
        status="inconsistent",
        message=marked("The stated growth of", ["6%", "37.5%"]),
        arithmetic=marked("(928 / 259.5)^(1/4) − 1 =", ["37.5%"]),
        keys=("a",),
        places={"en": (("paper/en/20.ecommerce.md", 4),)},
    )
    labels = {
        "audit": "Where the numbers disagree",
        "audit_intro": "The findings.",
        "inconsistent": "Inconsistent",
    }
    assert assert_read_as_pandoc_reads(audit.appendix_markdown([finding], "en", labels)) is not None


@pytest.mark.parametrize("filler", ["b", "ж", "b\u200b", "\u00a0b", "’", "1\u200d2", "1\u200d"])
@pytest.mark.parametrize("width", [70, 71, 72, 73, 74])
def test_a_tables_column_widths_follow_its_widest_line_as_pandoc_measures_it(width, filler):
    """Pandoc gives a pipe table's columns their separator's widths when a line is wider
    than 72 columns, a zero-width space counting none, and a digit after a zero-width
    joiner none either."""
    row = {"key": "k", "text": "1", "rows": [{"file": "t.csv", "line": 2}], "sources": ["s"]}
    labels = {**WORDS_LABELS, "data": "D"}
    base = len(appendix.appendix_markdown({"ledger": [row]}, labels).splitlines()[-1])
    row["key"] = "k" + (filler * width)[: max(0, width - base)]
    text = appendix.appendix_markdown({"ledger": [row]}, labels)
    fast = assert_read_as_pandoc_reads(text)
    # A character after a zero-width joiner may count as none (an emoji's sequence): at
    # the edge pandoc reads the table; elsewhere, and for every other filler, this does.
    assert fast is not None or ("\u200d" in filler and width in (73, 74))


@pytest.mark.parametrize(
    "text",
    [
        "# A {#a}\n\n1) x\n",  # a list
        "# A {#a}\n\n:smile: x\n",  # an emoji
        "# A {#a}\n\n- item\n",  # a list
        "# A {#a}\n\n    code\n",  # a code block
        "# A {#a}\n\nsee [x](https://example.org)\n",  # a link
        "# A {#a}\n\n[@a](b)\n",
        "# A {#a}\n\none\ntwo\n",  # a paragraph of two lines
        "# A\n\nx\n",  # a heading without its identifier
        "# A {#a key=v}\n\nx\n",
        "| a | b |\n|:--|:--|\n",  # a table without rows
        "x  \ny\n",
        # found by a review: a citation key with `$` (math across the table's rows), a
        # letter or roman list marker, a definition, a table's caption, a byte-order mark
        "| a | b |\n|:--|:--|\n| 1 | [@smith$a] |\n| 2 | [@doe$b] |\n",
        "# A {#a}\n\na) x\n",
        "# A {#a}\n\niv) x\n",
        "# A {#a}\n\nA\n\n: b\n",
        "Table: cap\n\n| a | b |\n|:--|:--|\n| c | d |\n",
        "| a | b |\n|:--|:--|\n| c | d |\n\n: cap\n",
        "\ufeffx\n",
    ],
)
def test_a_text_outside_the_subset_is_left_to_pandoc(text):
    assert engine_markdown.reading(text, READER, API) is None


def test_another_reader_is_left_to_pandoc():
    assert engine_markdown.reading("# A {#a}\n\nx\n", "commonmark_x", API) is None
    assert engine_markdown.reading("# A {#a}\n\nx\n", READER, API) is not None


def test_read_once_keeps_the_subsets_reading_without_running_pandoc(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render_pandoc, "READ_CACHE", tmp_path / "cache")
    section = tmp_path / "appendix.md"
    text = appendix.appendix_markdown(
        {
            "ledger": [
                {"key": "a.b", "text": "2019", "rows": [{"file": "t.csv", "line": 2}], "sources": ["s"]}
            ]
        },
        WORDS_LABELS,
    )
    section.write_text(text, encoding="utf-8")
    render_pandoc.api_version(PANDOC)  # asked once per process, before

    def refuse(*args, **kwargs):
        raise AssertionError("pandoc ran on a section in the subset")

    monkeypatch.setattr(render_pandoc.subprocess, "run", refuse)
    kept = render_pandoc.read_once(PANDOC, [str(resource("defaults", "common.yaml"))], [str(section)])
    monkeypatch.undo()
    assert json.loads(Path(kept[str(section)]).read_text(encoding="utf-8")) == pandoc_reading(text)


def test_a_reading_kept_by_an_older_reader_is_not_used(tmp_path, monkeypatch):
    """The kept readings' key holds this reader's source: after a change to the reader, a
    section is read again, never answered by what the reader before it made."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render_pandoc, "READ_CACHE", tmp_path / "cache")
    section = tmp_path / "appendix.md"
    section.write_text("# A {#a}\n\nx\n", encoding="utf-8")
    defaults = [str(resource("defaults", "common.yaml"))]
    first = render_pandoc.read_once(PANDOC, defaults, [str(section)])[str(section)]
    monkeypatch.setattr(engine_markdown, "SOURCE_DIGEST", "another reader")
    second = render_pandoc.read_once(PANDOC, defaults, [str(section)])[str(section)]
    assert second != first
    assert Path(second).exists() and not Path(first).exists()
