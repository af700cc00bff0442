"""Text from data stays text where a person opens it: the CSV outputs in a spreadsheet
(no formula runs) and the audit's web page (no markup runs)."""

import csv
import io
from html.parser import HTMLParser

import pypandoc
import pytest
from datapaper import ledger, numbers, spreadsheet
from datapaper.audit import to_html

FORMULAS = ['=HYPERLINK("http://x","y")', "-1+cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("payload", FORMULAS)
def test_a_cell_a_spreadsheet_would_evaluate_is_written_as_text(payload):
    assert spreadsheet.cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["-9.4", "+3", "-0.5e3", "12", "VKontakte", "", 5, None])
def test_numbers_and_plain_text_are_left_as_they_are(value):
    assert spreadsheet.cell(value) == value


def test_the_ledger_and_numbers_tables_neutralise_formulas():
    row = {
        "language": "en", "file": "paper/en/x.md", "line": 3, "key": "a.b", "value": "=1+1",
        "text": '=HYPERLINK("http://x","y")', "unit": "count", "method": "@cmd",
        "rows": [{"file": "data/raw/a.csv", "line": 2}], "sources": ["-x"],
    }  # fmt: skip
    cells = next(csv.DictReader(io.StringIO(ledger.to_csv([row]))))
    assert cells["text"] == '\'=HYPERLINK("http://x","y")' and cells["value"] == "'=1+1"
    assert cells["method"] == "'@cmd" and cells["sources"] == "'-x" and cells["line"] == "3"
    entry = {"value": -9.4, "unit": "percent", "method": "=2*3", "rows": [], "sources": []}
    cells = next(csv.DictReader(io.StringIO(numbers.to_csv({"a.b": entry}))))
    assert cells["value"] == "-9.4" and cells["method"] == "'=2*3"


class Live(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.handlers += [
            name for name, value in attrs if name.startswith("on") or "javascript:" in (value or "")
        ]


def test_the_audit_page_shows_markup_from_data_as_text():
    payload = "<img src=x onerror=alert(1)> <script>alert(2)</script> <svg onload=alert(3)>"
    page = Live()
    markdown = (
        f"# Consistency audit\n\nFacebook, {payload}, leads [here](javascript:alert(4)).\n\n<div onclick=x>\n"
    )
    page.feed(to_html(markdown, pypandoc.get_pandoc_path()))
    assert not {"img", "script", "svg"} & set(page.tags) and not page.handlers, (page.tags, page.handlers)


def test_the_audit_page_is_converted_once_per_content_and_kept_whole(tmp_path, monkeypatch):
    """convert_once (the audit job's page): the same text, options and option files give
    the kept page without running pandoc, also from a copy of the project in another
    folder; a new text, or a changed file an option names, runs it again; a page keeps one
    file in the cache; the page is pandoc's own."""
    from datapaper.render.pandoc import PAGE_CACHE, convert_once

    monkeypatch.chdir(tmp_path)
    runs = tmp_path / "runs.txt"
    fake = tmp_path / "pandoc"
    fake.write_text(f'#!/bin/sh\necho run >> "{runs}"\necho "<p>$(cat)</p>"\n', encoding="utf-8")
    fake.chmod(0o755)
    lua = tmp_path / "filter.lua"
    lua.write_text("-- one\n", encoding="utf-8")

    def page(text: str) -> str:
        return convert_once(str(fake), "audit", text, "gfm", "html", "--lua-filter", str(lua))

    def count() -> int:
        return len(runs.read_text(encoding="utf-8").splitlines())

    assert page("a") == page("a") == "<p>a</p>\n" and count() == 1
    assert page("b") == "<p>b</p>\n" and count() == 2
    lua.write_text("-- two\n", encoding="utf-8")
    assert page("b") == "<p>b</p>\n" and count() == 3
    assert len(list(PAGE_CACHE.glob("audit.*.html"))) == 1
    elsewhere = tmp_path / "another folder" / "filter.lua"  # a copy of the project: the same page
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(lua.read_bytes())
    assert convert_once(str(fake), "audit", "b", "gfm", "html", "--lua-filter", str(elsewhere)) == page("b")
    assert count() == 3
    assert convert_once(str(fake), "other", "b", "gfm", "html") == "<p>b</p>\n" and count() == 4
    real = pypandoc.get_pandoc_path()
    markdown = "# Audit\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert to_html(markdown, real, kept=True) == to_html(markdown, real) == to_html(markdown, real, kept=True)
