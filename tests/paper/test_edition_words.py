"""Every word the engine itself writes into an edition is the edition's language: the web
page's number provenance, its audit section (heading, verdicts, findings) and its language
switcher, and the appendix "Where the numbers come from", whose value column holds each
value in its plain (nominative) form, not declined as its sentence needs it.

The web page is built from small inputs: one short section of this paper's placeholders,
the audit's findings on this paper's claims, run through the web filters by pandoc. It is
checked against the English of the engine's words (resources/words/en.yaml); the English
edition, built the same way, shows that the check finds English where it is."""

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pypandoc
import pytest
import yaml
from datapaper import resource
from datapaper.appendix import appendix_markdown, appendix_rows, plain_writer
from datapaper.audit import edition_writer, load_claims, run_audit, to_json
from datapaper.numbers import dumps
from datapaper.placeholders import resolve, scan
from datapaper.render.frontmatter import pandoc_labels, read_metadata
from datapaper.render.html import edition_findings, provenance, web_data, write_json
from datapaper.words import FIELD, engine_words, words
from helpers import LANGUAGES, SOURCE, lexicon, text_files, units

# One sentence per kind of number the engine describes: a stated value, a ranking, a
# share of a table that sums, a year, a date, a value with a counted noun; a name in a case.
SECTION = {
    "en": "# Test\n\nGrowth {{ecommerce.growth_adk}} as of {{ecommerce.growth_adk.as_of}}, "
    "{{audience.rank1}} with {{audience.rank1.users|compact}}, {{market_share.rank1.share}}, "
    "{{ecommerce.volume}} in {{ecommerce.volume.year}}.\n",
    "kk": "# Сынақ\n\nӨсім {{ecommerce.growth_adk}}, {{ecommerce.growth_adk.as_of}}, {{audience.rank1}} — "
    "{{audience.rank1.users|compact}}, {{market_share.rank1.share}}, {{internet.rank1|case=abl}} кейін, "
    "{{ecommerce.volume}} ({{ecommerce.volume.year}}).\n",
    "ru": "# Проверка\n\nРост {{ecommerce.growth_adk}} на {{ecommerce.growth_adk.as_of}}, {{audience.rank1}} — "
    "{{audience.rank1.users|compact|noun=active_user}}, {{market_share.rank1.share}}, после "
    "{{internet.rank1|case=gen}}, {{ecommerce.volume}} в {{ecommerce.volume.year}} году.\n",
}
# A token of an identifier, a path or a data cell (ad_medium, data/raw/x.csv:2, id=growth_adk,
# share_sum.activities, Mail.ru), which the engine quotes as the data names it.
IDENTIFIER = re.compile(r"[\w-]*(?:[_/=@]|\w\.\w)[\w./=@:-]*")
WORD = re.compile(r"[A-Za-z]{3,}")
# The data's own names, which a number's method quotes as the tables name them ("столбец
# value"): the columns of the raw tables.
COLUMNS = {
    name.strip().lower()
    for path in Path("data/raw").glob("*.csv")
    for name in path.read_text(encoding="utf-8").splitlines()[0].split(",")
}


def tokens(texts: dict) -> set[str]:
    """The Latin words of a words file's texts, without arguments and identifiers."""
    found = set()
    for key, text in texts.items():
        if key == "language_name":
            continue
        forms = [text] if isinstance(text, str) else list(next(iter(text.values())).values())
        for form in forms:
            found |= {w.lower() for w in WORD.findall(IDENTIFIER.sub(" ", FIELD.sub(" ", form)))}
    return found


def english_words(lang: str) -> set[str]:
    """The words of the engine's English that the language's own words do not use (those it
    does are identifiers: data/raw, share_sums, config/audit.yaml) and that do not name a
    column of the data, without the language names, which every page writes in their own
    language."""
    own = tokens(engine_words(lang)) if lang != "en" else set()
    return tokens(engine_words("en")) - own - COLUMNS


class Text(HTMLParser):
    """The text a reader sees, without style sheets and inline figures."""

    def __init__(self):
        super().__init__()
        self.skip, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script", "svg")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script", "svg")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_words(html: str) -> list[str]:
    parser = Text()
    parser.feed(html)
    return [w.lower() for w in WORD.findall(IDENTIFIER.sub(" ", " ".join(parser.parts)))]


@pytest.fixture(scope="module")
def built_numbers(numbers) -> dict:
    """The numbers as build/numbers.json holds them (JSON, no Decimal)."""
    return json.loads(dumps(numbers))


@pytest.fixture(scope="module")
def findings(built_numbers) -> list[dict]:
    """The audit's findings on this paper's claims, with their sentences in every language
    (build/audit.json, computed in-process)."""
    numbers = built_numbers
    texts = {str(p): p.read_text(encoding="utf-8").splitlines() for p in text_files(SOURCE)}
    occurrences = [occ for file, lines in texts.items() for occ in scan("\n".join(lines), file)]
    values = resolve(occurrences, numbers, SOURCE, lexicon(SOURCE), units())["values"]
    languages = {
        lang: {str(p): p.read_text(encoding="utf-8").splitlines() for p in text_files(lang)}
        for lang in LANGUAGES
    }
    found = run_audit(numbers, values, texts, load_claims("config/audit.yaml"), units(), languages)
    return json.loads(to_json(found))["findings"]


def web_page(lang: str, numbers: dict, findings: list[dict], folder: Path) -> str:
    """The web page of a small section in `lang`, made as the html rule makes it (its data
    as JSON, the filters placeholders.lua and web.lua)."""
    folder.mkdir()
    section = folder / "10.test.md"
    section.write_text(SECTION[lang], encoding="utf-8")
    metadata = read_metadata(f"paper/{lang}/metadata.yaml")
    own = metadata["labels"]
    result = resolve(scan(SECTION[lang], str(section)), numbers, lang, lexicon(lang), units())
    values = folder / "values.json"
    values.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    # Sources without English titles: what is checked is the engine's words.
    references = {key: {"title": key} for key in {s for row in result["ledger"] for s in row["sources"]}}
    write_json(
        folder / "provenance.json",
        provenance(result["ledger"], references, numbers, own, lexicon(lang).get("methods")),
    )
    typed = edition_writer(numbers, lang, lexicon(lang), units())
    files = [str(p) for p in text_files(lang)]
    editions = {
        name: {
            "lang": read_metadata(f"paper/{name}/metadata.yaml")["lang"],
            "name": read_metadata(f"paper/{name}/metadata.yaml")["labels"]["language_name"],
            "sections": ["sec:test"],
        }
        for name in LANGUAGES
    }
    editions["journal"] = {"lang": "en-GB", "name": None, "sections": ["sec:test"]}
    web = web_data(
        lang, [str(section)], editions, own, metadata["lang"], edition_findings(findings, files, own, typed)
    )
    assert web["findings"], "the audit has findings on this language's sentences"
    write_json(folder / "web.json", web)
    meta = {
        "lang": metadata["lang"],
        "title": "T",
        "labels": pandoc_labels(metadata),
        "placeholder-values": str(values),
        "placeholder-provenance": str(folder / "provenance.json"),
        "web-data": str(folder / "web.json"),
    }
    (folder / "metadata.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    filters = [
        arg
        for name in ("web", "placeholders")
        for arg in ("--lua-filter", str(resource("filters", f"{name}.lua")))
    ]
    command = [
        pypandoc.get_pandoc_path(),
        str(section),
        "--metadata-file",
        str(folder / "metadata.yaml"),
        *filters,
    ]
    return subprocess.run([*command, "-t", "html5"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["kk", "ru", "uk"])
def test_a_cyrillic_languages_words_have_no_latin_word(lang):
    """Its words file holds no English (nor any Latin word but identifiers), so the list of
    English words the page is checked against is English's whole."""
    assert tokens(engine_words(lang)) == set()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_web_page_has_no_english_word_of_the_engine(lang, built_numbers, findings, tmp_path):
    html = web_page(lang, built_numbers, findings, tmp_path / lang)
    english = english_words(lang)
    assert {"stated", "column", "inconsistent", "tension", "tolerance", "ahead", "journal"} <= english
    found = sorted({w for w in visible_words(html) if w in english})
    assert found == [], f"English words of the engine in the {lang} web page"
    own = words(lang)
    flowed = " ".join(html.split())  # pandoc wraps long lines
    assert own["audit"] in flowed and own["inconsistent"] in flowed and own["journal_edition"] in flowed
    assert engine_words("en")["language_name"] in html  # the English edition by its own name


def test_the_check_finds_the_engines_english_in_the_english_page(built_numbers, findings, tmp_path):
    html = web_page("en", built_numbers, findings, tmp_path / "en")
    english = english_words("kk")
    found = {w for w in visible_words(html) if w in english}
    assert {"stated", "column", "tolerance", "inconsistent", "journal", "edition"} <= found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_appendix_value_column_holds_each_value_in_its_plain_form(lang, numbers):
    """A value the text declines («Ұлыбританиядан», «Великобритании», «23,2%-ды») is listed as
    it is named: the placeholder's options without case=."""
    occurrences = [occ for p in text_files(lang) for occ in scan(p.read_text(encoding="utf-8"), str(p))]
    result = resolve(occurrences, numbers, lang, lexicon(lang), units())
    plain = plain_writer(numbers, lang, lexicon(lang), units())
    rows = appendix_rows(result["ledger"], plain)
    column = [text for text, _ in rows]
    assert len(set(zip([row["key"] for _, row in rows], column, strict=True))) == len(rows), "no row twice"
    declined = {
        row["text"]
        for row in result["ledger"]
        if "|case=" in row["placeholder"] and plain(row) != row["text"]
    }
    if lang == "en":
        assert declined == set()
        return
    assert declined, "the text declines some values"
    assert declined.isdisjoint(column)
    country = {"kk": "Ұлыбритания", "ru": "Великобритания"}[lang]
    assert country in column
    assert {"kk": "Ұлыбританиядан", "ru": "Великобритании"}[lang] in declined
    markdown = appendix_markdown(result, read_metadata(f"paper/{lang}/metadata.yaml")["labels"], plain)
    assert f"| [{country}]{{.value}} |" in markdown  # a value, never hyphenated


def test_the_appendix_lists_a_value_once_whatever_cases_the_text_gives_it(numbers):
    ledger = [
        {
            "key": "internet.rank1",
            "placeholder": "{{internet.rank1|case=gen}}",
            "text": "Великобритании",
            "file": "a.md",
            "line": 1,
            "rows": [],
            "sources": [],
        },
        {
            "key": "internet.rank1",
            "placeholder": "{{internet.rank1|case=dat}}",
            "text": "Великобритании",
            "file": "a.md",
            "line": 2,
            "rows": [],
            "sources": [],
        },
        {
            "key": "internet.rank1",
            "placeholder": "{{internet.rank1}}",
            "text": "Великобритания",
            "file": "a.md",
            "line": 3,
            "rows": [],
            "sources": [],
        },
    ]
    rows = appendix_rows(ledger, plain_writer(numbers, "ru", lexicon("ru"), units()))
    assert [text for text, _ in rows] == ["Великобритания"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_built_web_pages_write_the_engines_words_in_their_language(built, lang):
    """The whole web page as the build makes it: what the engine writes there (each
    number's provenance, but for the titles of its references, which are the sources' own;
    the audit's section; the language switcher) has no English word of the engine."""
    html = (built / f"paper.{lang}.html").read_text(encoding="utf-8")
    source = words(lang)["source"]
    tips = re.findall(r'role="tooltip">(.*?)</span>', html, flags=re.S)
    assert len(tips) > 100
    lines = [line for tip in tips for line in tip.split("<br />") if not line.strip().startswith(source)]
    audit = html[html.rindex("<", 0, html.rindex('id="sec:audit"')) :]
    switchers = re.findall(r'<div class="switcher">(.*?)</div>', html, flags=re.S)
    english = english_words(lang)
    for part in ("\n".join(lines), audit, "\n".join(switchers)):
        assert sorted({w for w in visible_words(part) if w in english}) == []
    flowed = " ".join(audit.split())  # pandoc wraps long lines
    assert words(lang)["audit"] in flowed and words(lang)["tension"] in flowed
