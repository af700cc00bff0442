"""Each language's punctuation conventions (datapaper/punctuation.py, declared in
resources/typography/<code>.yaml), as the engine applies them to its own words and the
typography check holds a PDF's lines to them."""

import pytest
from datapaper import punctuation
from datapaper.punctuation import TypographyError, colon, punctuate
from datapaper.typography import missing_spaces, problems
from datapaper.words import Words

NNBSP = "\u202f"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Résumé:", f"Résumé{NNBSP}:"),
        ("Résumé : le texte", f"Résumé{NNBSP}: le texte"),  # a typed space becomes the narrow one
        ("Et toi? Pourquoi?!", f"Et toi{NNBSP}? Pourquoi{NNBSP}?!"),
        ("la suite; fin!", f"la suite{NNBSP}; fin{NNBSP}!"),
        ("dit «bonjour» et « toi »", f"dit «{NNBSP}bonjour{NNBSP}» et «{NNBSP}toi{NNBSP}»"),
        ("{prefix}: non vérifié", f"{{prefix}}{NNBSP}: non vérifié"),
        # Not punctuation: a time, an address, a file and line, a mark at the start.
        ("à 10:30, https://exemple.fr, fichier:ligne", "à 10:30, https://exemple.fr, fichier:ligne"),
        (": rien", ": rien"),
    ],
)
def test_french_sets_a_narrow_no_break_space_before_high_punctuation_and_inside_quotes(text, expected):
    assert punctuate(text, "fr-FR") == expected
    assert punctuate(expected, "fr") == expected  # once is enough: applying it again changes nothing


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "uk", "es"])
def test_languages_without_the_rule_keep_their_punctuation(lang):
    assert punctuate("Abstract: «x» why?", lang) == "Abstract: «x» why?"
    assert colon(lang) == ":"


def test_the_languages_declare_their_quotes():
    assert punctuation.rules("kk").quotes == {"double": ("«", "»"), "single": ("„", "“")}
    assert punctuation.rules("fr").quotes["double"] == ("«", "»")
    assert punctuation.rules("en").quotes["double"] == ("“", "”")
    assert punctuation.rules("es") == punctuation.Rules()  # no file: the typesetter's own
    assert colon("fr-FR") == f"{NNBSP}:"
    meta = punctuation.pandoc_metadata("fr")
    assert meta["inside"] == "202F" and {"mark": "?", "space": "202F"} in meta["before"]


def test_the_engines_words_take_the_languages_punctuation():
    words = Words(
        "fr-FR", {"source": "Source: {sources}", "years": {"plural": {"one": "an:", "other": "ans:"}}}
    )
    assert words.text("source") == f"Source{NNBSP}: {{sources}}"
    assert words.text("years", 2) == f"ans{NNBSP}:"
    assert Words("ru", {"source": "Источник: {x}"}).text("source") == "Источник: {x}"


def test_a_malformed_typography_file_is_named_with_its_fix(tmp_path, monkeypatch):
    (tmp_path / "xx.yaml").write_text('space_before: {":": "x"}\n', encoding="utf-8")
    (tmp_path / "yy.yaml").write_text('quotes: {double: "«"}\n', encoding="utf-8")
    (tmp_path / "zz.yaml").write_text("spaces: {}\n", encoding="utf-8")
    monkeypatch.setattr(punctuation, "typography_file", lambda lang: tmp_path / f"{lang}.yaml")
    punctuation._rules.cache_clear()
    try:
        for lang, said in (("xx", "space_before maps a mark"), ("yy", "two marks"), ("zz", "unknown key")):
            with pytest.raises(TypographyError, match=said) as raised:
                punctuation.rules(lang)
            assert f"{lang}.yaml" in str(raised.value)
    finally:
        punctuation._rules.cache_clear()


def test_the_check_finds_punctuation_without_its_space():
    assert missing_spaces(f"Résumé{NNBSP}: le texte{NNBSP}; «{NNBSP}x{NNBSP}» 10:30 https://a.fr", "fr") == []
    assert missing_spaces("Résumé: le texte", "fr") == [f"':' without the {NNBSP!r} before it"]
    assert missing_spaces("Et toi ?", "fr") == [f"'?' after a breaking space, not {NNBSP!r}"]
    assert "starts the line" in missing_spaces("? la suite", "fr")[0]
    assert "inside «…»" in missing_spaces("dit «bonjour» et", "fr")[0]
    assert missing_spaces("Abstract: text", "en") == []
    found = problems([(2, "Mots-clés: vélos")], set(), "build/paper.fr.pdf", "fr-FR")
    assert found == [
        f"build/paper.fr.pdf: page 2: 'Mots-clés: vélos': ':' without the {NNBSP!r} before it "
        "(resources/typography/fr.yaml)"
    ]
    assert problems([(2, "Mots-clés: vélos")], set(), "build/paper.fr.pdf") == []  # without a language


def test_the_conventions_are_read_once_for_a_code_and_its_tags(yaml_reads):
    """The job server reads them by code (through the engine's words); the jobs ask by the
    tag of a paper's metadata (ru-RU), and find them read."""
    read = yaml_reads(punctuation, punctuation._rules)
    assert punctuation.rules("fr") is punctuation.rules("fr-FR") is punctuation.rules("fr-CA")
    assert len(read) == 1
