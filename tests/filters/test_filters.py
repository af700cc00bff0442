"""The pandoc filters (scripts/datapaper/resources/filters), on small inputs against stored
expected outputs: Markdown in, pandoc native, Typst or LaTeX out (the pandoc-ext habit).

After a deliberate change of a filter, rewrite the expected files and review the diff:

    python3 tests/filters/test_filters.py --regenerate
"""

import subprocess
import sys
from pathlib import Path

import pypandoc
import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))

from datapaper import resource  # noqa: E402

# case -> (input file, filters in order, output format)
CASES = {
    "placeholders": ("placeholders.md", ["placeholders"], "native"),
    "placeholders-typst": ("placeholders.md", ["placeholders"], "typst"),
    "placeholders-latex": ("placeholders.md", ["placeholders"], "latex"),
    "figures-typst": ("figures.md", ["figures"], "typst"),
    "figures-latex": ("figures.md", ["figures"], "latex"),
    "figures-order": ("figures-order.md", ["figures"], "typst"),
    "figures-alt": ("figures-alt.md", ["figures"], "typst"),
    "dashes": ("dashes.md", ["dashes"], "native"),
    "latex-literal": ("latex-literal.md", ["latex-literal"], "latex"),
    "text-only": ("text-only.md", ["text-only"], "native"),
    "punctuation": ("punctuation.md", ["punctuation"], "native"),
    "punctuation-typst": ("punctuation.md", ["punctuation"], "typst"),
}
EXTENSION = {"native": "native", "typst": "typ", "latex": "tex"}


def render(case: str) -> str:
    """The filters' output for one case (run from the project folder, as the build runs them)."""
    source, filters, fmt = CASES[case]
    command = [
        pypandoc.get_pandoc_path(),
        str(HERE / "cases" / source),
        "--from",
        "markdown+smart",
        "--to",
        fmt,
    ]
    for name in filters:
        command += ["--lua-filter", str(resource("filters", f"{name}.lua"))]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError(f"pandoc failed on {case}:\n{result.stderr}")
    return result.stdout


def expected_file(case: str) -> Path:
    return HERE / "expected" / f"{case}.{EXTENSION[CASES[case][2]]}"


@pytest.mark.parametrize("case", CASES)
def test_filter_output_is_the_expected_one(case):
    expected = expected_file(case)
    assert expected.exists(), (
        f"no {expected.relative_to(ROOT)}: run python3 tests/filters/test_filters.py --regenerate"
    )
    assert render(case) == expected.read_text(encoding="utf-8"), (
        f"{case}: the output differs from {expected.relative_to(ROOT)}; if the change is intended, "
        "run python3 tests/filters/test_filters.py --regenerate and review the diff"
    )


def test_an_unknown_placeholder_stops_pandoc(tmp_path):
    text = tmp_path / "x.md"
    text.write_text(
        "---\nplaceholder-values: tests/filters/cases/placeholders.values.json\n---\n\nSee {{a.nothing}}.\n",
        encoding="utf-8",
    )
    command = [pypandoc.get_pandoc_path(), str(text), "--to", "native"]
    command += ["--lua-filter", str(resource("filters", "placeholders.lua"))]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "unknown placeholder {{a.nothing}}" in result.stderr


def test_a_reference_to_an_unknown_figure_stops_pandoc(tmp_path):
    text = tmp_path / "x.md"
    text.write_text("---\nlabels: {figure_caption: 'F {n}', figure_ref: 'F {n}'}\n---\n\nSee @fig:none.\n")
    command = [pypandoc.get_pandoc_path(), str(text), "--to", "native"]
    command += ["--lua-filter", str(resource("filters", "figures.lua"))]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "unknown figure @fig:none" in result.stderr


def texts(node) -> str:
    """The text of a pandoc JSON element: its Str, spaces as " "."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return node["c"]
        if node.get("t") in ("Space", "SoftBreak"):
            return " "
        return "".join(texts(value) for value in node.values())
    if isinstance(node, list):
        return "".join(texts(value) for value in node)
    return ""


def test_the_metadata_takes_each_title_blocks_own_language():
    """The journal edition's title blocks are in other languages than its body: each takes
    its own entry's conventions (`front[i].typography`), the rest the body's."""
    import json

    command = [pypandoc.get_pandoc_path(), str(HERE / "cases" / "punctuation.md"), "-s", "--to", "json"]
    command += ["--from", "markdown+smart", "--lua-filter", str(resource("filters", "punctuation.lua"))]
    meta = json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout)[
        "meta"
    ]
    assert texts(meta["abstract"]) == "Le résumé\u00a0: «\u202fcourt\u202f»."
    front = meta["front"]["c"][0]["c"]
    assert texts(front["abstract"]) == "Аннотация: «цитата „внутри“» здесь."
    assert texts(front["title"]) == "Un «titre» en russe"
    assert "typography" not in meta and "typography" not in front


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit(__doc__)
    for name in CASES:
        path = expected_file(name)
        path.write_text(render(name), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


@pytest.mark.parametrize("fmt", ["html5", "docx"])
def test_figures_get_their_alternative_text_not_their_caption(fmt, tmp_path):
    """A figure's image takes the alternative text the figure job wrote beside it (or its
    `alt` attribute): the web page's `alt`, Word's `descr`; the web page adds its numbers
    as a table in a <details> under the figure, text escaped."""
    out = tmp_path / f"out.{fmt}"
    command = [
        pypandoc.get_pandoc_path(),
        str(HERE / "cases" / "figures-alt.md"),
        "--from",
        "markdown+smart",
        "--to",
        fmt,
        "--lua-filter",
        str(resource("filters", "figures.lua")),
        "-o",
        str(out),
    ]
    subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    if fmt == "docx":
        import zipfile

        text = zipfile.ZipFile(out).read("word/document.xml").decode()
    else:
        text = out.read_text(encoding="utf-8")
    assert "Horizontal bar chart: Alpha has the most, 1.9 million, and Beta the fewest, 27,776." in text
    assert "What the figure is about." in text  # the caption stays the caption
    assert 'alt="What the figure is about.' not in text and 'descr="What the figure is about.' not in text
    assert "A photo of a" in text
    if fmt == "html5":
        assert '<details class="figure-data">' in text and "<summary>The figure’s numbers</summary>" in text
        assert '<th scope="row">Beta &lt;b&gt;</th><td>27,776</td>' in text
        assert "data-alt" not in text
