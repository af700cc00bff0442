"""The engine's own words (resources/words/<code>.yaml): every language has English's keys
with the same arguments, a paper's labels override them, forms follow CLDR's plural rules,
and a word that neither gives stops the build naming the file and the key."""

import pytest
from datapaper import resource
from datapaper import words as vocabulary
from datapaper.words import REFERENCE, WordsError, engine_words, fields, phrase, render, words

LANGUAGES = sorted(path.stem for path in resource("words").glob("*.yaml"))


def test_the_engine_has_words_for_every_language_of_both_papers():
    assert {"en", "kk", "ru", "de", "uk"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_the_keys_and_arguments_of_english(lang):
    english, own = engine_words(REFERENCE), engine_words(lang)
    assert list(own) == list(english), "the same keys, in the same order"
    changed = {
        key: (fields(english[key]), fields(own[key]))
        for key in english
        if fields(english[key]) != fields(own[key])
    }
    assert changed == {}, "each text names the arguments its English names"


def test_a_paper_label_overrides_the_engine_and_adds_its_own():
    own = words("ru", {"audit": "Расхождения", "udc": "УДК"}, "paper/ru/metadata.yaml")
    assert own["audit"] == "Расхождения" and own["udc"] == "УДК"
    assert own["tension"] == engine_words("ru")["tension"]


def test_forms_follow_the_number_by_cldr():
    russian, english = words("ru-RU"), words("en-GB")
    assert [russian.text("audit_years", n) for n in (1, 2, 5, 21)] == [
        "{n} год",
        "{n} года",
        "{n} лет",
        "{n} год",
    ]
    ordinals = [render(phrase("ordinal", n=n), english, str) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    assert ordinals == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
    assert render(
        phrase("method_ranked", place=phrase("ordinal", n=2), file="t.csv", column="c", condition=""),
        russian,
        str,
    ) == ("2-е место в t.csv при сортировке по столбцу c по убыванию")


def test_a_language_without_words_is_refused_naming_the_file_and_the_key():
    with pytest.raises(WordsError) as raised:
        words("fr-FR", {"abstract": "Résumé"}, "paper/fr/metadata.yaml")
    message = str(raised.value)
    assert (
        "scripts/datapaper/resources/words/fr.yaml (no such file): no text for 'keywords' in fr-FR" in message
    )
    assert message.endswith(
        "— add `keywords: <text>` to scripts/datapaper/resources/words/fr.yaml, or under `labels` in "
        "paper/fr/metadata.yaml (the English is scripts/datapaper/resources/words/en.yaml's `keywords`)"
    )


def test_a_words_file_without_a_key_is_refused_naming_it(monkeypatch):
    russian = dict(engine_words("ru"))
    del russian["audit_rank_any"]
    real = vocabulary.engine_words
    monkeypatch.setattr(vocabulary, "engine_words", lambda lang: russian if lang == "ru" else real(lang))
    with pytest.raises(
        WordsError, match=r"words/ru\.yaml: no text for 'audit_rank_any' in ru — add `audit_rank_any: <text>`"
    ):
        words("ru")


def test_a_malformed_word_is_refused():
    with pytest.raises(
        WordsError, match=r"labels: `tension` is neither a text nor a mapping of forms — write"
    ):
        words("en", {"tension": ["a", "list"]}, "paper/en/metadata.yaml")


def test_the_engine_words_are_read_once_for_a_code_and_its_tags(yaml_reads):
    """The job server reads them by code (words.warm_up); the jobs ask by the tag of a
    paper's metadata (ru-RU), and find them read."""
    read = yaml_reads(vocabulary, vocabulary._engine_words)
    assert engine_words("ru") is engine_words("ru-RU") is engine_words("ru-KZ")
    assert len(read) == 1
