"""The engine's own words, in each language an edition is written in.

Every word the engine itself writes into an edition lives in one file per language,
resources/words/<code>.yaml (en, kk, ru, de, uk; <code> is the ISO 639 code of the
metadata's `lang`): the headings and labels of what it adds (the front matter's labels, the
appendix, the audit's section), the provenance each number shows on the web page (how it
was obtained), the audit's findings, the web page's language switcher, the diff's words.
A paper's metadata `labels` override any of them for its language (and may add its own,
such as the labels of classification codes): the engine's file gives the default, the
paper's `labels` the exception. English is the reference: every other language's file has
its keys (a test holds them to it), and a key that neither the language's file nor the
paper's labels give stops the build naming the file and the key.

A text may name arguments in braces (`{file}`), which a `phrase` fills: a phrase is
`{"say": key, "args": {name: argument}}`, JSON, so that a job can write one and another
render it in any language. An argument is text or an integer (written as is: a year, a
line), another phrase, or a typed value that the reader of the phrase formats for its
language (`render`'s `typed`): a number, a percentage, a stated value, a name, a paper's
own text. A text may also be a mapping `{plural: {category: text}}` or
`{ordinal: {category: text}}`: the form that the argument `n` needs, by CLDR's cardinal or
ordinal plural rules (one, few, many, other; `other` is required).
"""

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from datapaper import resource
from datapaper.errors import InputError
from datapaper.punctuation import punctuate
from datapaper.yamlfiles import YamlError, read_yaml

REFERENCE = "en"  # the language whose file names every key
FIELD = re.compile(r"\{([a-z_]+)\}")
FORMS = ("plural", "ordinal")


class WordsError(InputError):
    """A word the engine writes is missing or malformed; the message names the file and key."""


def code_of(lang: str) -> str:
    """The ISO 639 code of a BCP 47 tag (ru-RU -> ru), which names the language's file."""
    return str(lang).split("-")[0]


def words_file(lang: str) -> Path:
    return resource("words", f"{code_of(lang)}.yaml")


def shown(path: Path) -> str:
    """The words file as a person finds it: scripts/datapaper/resources/words/ru.yaml."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def check_text(key: str, text: Any, where: str) -> None:
    """A text, or a mapping of forms by CLDR plural category (with `other`)."""
    if isinstance(text, str):
        return
    if isinstance(text, dict) and len(text) == 1 and next(iter(text)) in FORMS:
        forms = next(iter(text.values()))
        if isinstance(forms, dict) and "other" in forms and all(isinstance(v, str) for v in forms.values()):
            return
    raise WordsError(
        f"{where}: `{key}` is neither a text nor a mapping of forms — write `{key}: <text>`, or "
        f"`{key}: {{plural: {{one: <text>, other: <text>}}}}` (or `ordinal:`), with `other` among the forms"
    )


def engine_words(lang: str) -> dict[str, Any] | None:
    """The engine's words of one language (a code, or a tag: en-US reads en.yaml), or None
    if the engine has none for it; read once per code, so that the job server's warm_up
    (by code) serves the jobs, which ask by the tag of a paper's metadata."""
    return _engine_words(code_of(lang))


@cache
def _engine_words(code: str) -> dict[str, Any] | None:
    path = words_file(code)
    if not path.exists():
        return None
    try:
        words = read_yaml(path, dict, "words")
    except YamlError as err:
        raise WordsError(str(err)) from None
    where = shown(path)  # once, not once a key (two path resolutions each: 0.03 s a job)
    for key, text in words.items():
        check_text(str(key), text, where)
    return words


def warm_up(languages: list[str]) -> None:
    """Read the engine's words of these languages and of the reference language, in a job
    server before it forks (datapaper.forkserver_setup): each job that writes or checks a
    language read them again. A file that does not read is left to the job, which says why."""
    for lang in dict.fromkeys([REFERENCE, *languages]):
        try:
            engine_words(lang)
        except InputError:
            pass  # not kept (a cache keeps no failure): the job reads it again, and says why


def keys() -> list[str]:
    """Every key the engine writes (the reference language's)."""
    reference = engine_words(REFERENCE)
    assert reference is not None, f"the engine ships {words_file(REFERENCE)}"
    return list(reference)


class Words(Mapping):
    """One language's words: the engine's, with a paper's labels over them, punctuated as the
    language sets them (datapaper/punctuation.py: French "Résumé :"), so that no file types
    the language's spaces."""

    def __init__(self, lang: str, texts: dict[str, Any]):
        self.lang = lang
        self._texts = {key: punctuated(text, lang) for key, text in texts.items()}

    def __getitem__(self, key: str) -> Any:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def text(self, key: str, n: int | None = None) -> str:
        """The text of a key; for one with forms, the form the number `n` needs."""
        text = self._texts[key]
        if isinstance(text, str):
            return text
        ((kind, forms),) = text.items()
        if n is None:
            return forms["other"]
        locale = Locale.parse(self.lang.replace("-", "_"))
        category = locale.ordinal_form(n) if kind == "ordinal" else locale.plural_form(n)
        return forms.get(category, forms["other"])

    def say(self, key: str, **args: Any) -> str:
        """A text with its {arguments} filled in as given (text, numbers as they are)."""
        return fill(self.text(key, args.get("n")), {name: str(value) for name, value in args.items()}, key)


def punctuated(text: Any, lang: str) -> Any:
    """A text (or each of its forms) with its language's punctuation spaces."""
    if isinstance(text, str):
        return punctuate(text, lang)
    if isinstance(text, dict):
        return {key: punctuated(form, lang) for key, form in text.items()}
    return text


def fill(text: str, args: dict[str, str], key: str) -> str:
    """A text with each {name} replaced by its argument; only plain names are fields."""

    def field(match: re.Match) -> str:
        name = match.group(1)
        if name not in args:
            raise KeyError(f"the text of {key!r} names {{{name}}}, which its phrase does not give")
        return args[name]

    return FIELD.sub(field, text)


def fields(text: Any) -> set[str]:
    """The argument names a text (every form of it) uses."""
    if isinstance(text, str):
        return set(FIELD.findall(text))
    return {name for form in next(iter(text.values())).values() for name in FIELD.findall(form)}


def words(lang: str, labels: Mapping[str, Any] | None = None, metadata: str = "") -> Words:
    """A language's words: the paper's `labels` (from the metadata file `metadata`) over the
    engine's file; every key the engine writes must be in one of them."""
    own = engine_words(lang) or {}
    labels = dict(labels or {})
    texts: dict[str, Any] = {}
    for key in keys():
        if key in labels:
            check_text(key, labels[key], f"{metadata or 'metadata'}: labels")
            texts[key] = labels[key]
        elif key in own:
            texts[key] = own[key]
        else:
            path = shown(words_file(lang))
            where = f"{path}" if engine_words(lang) is not None else f"{path} (no such file)"
            also = f", or under `labels` in {metadata}" if metadata else ""
            raise WordsError(
                f"{where}: no text for {key!r} in {lang} — add `{key}: <text>` to {path}{also} "
                f"(the English is {shown(words_file(REFERENCE))}'s `{key}`)"
            )
    # A paper's own labels (classification codes) come along.
    texts.update({key: text for key, text in labels.items() if key not in texts})
    return Words(lang, texts)


# --- Phrases --------------------------------------------------------------------------


def phrase(key: str, **args: Any) -> dict[str, Any]:
    """A text of the words and its arguments, to render in any language."""
    return {"say": key, "args": args}


def join(items: list[Any], separator: str) -> dict[str, Any]:
    """Arguments written one after the other with a separator (punctuation: ", ", "; ")."""
    return {"join": list(items), "sep": separator}


def render(item: Any, words: Words, typed: Callable[[dict[str, Any]], str]) -> str:
    """A phrase (or any argument of one) as text in the words' language; `typed` writes the
    typed arguments (numbers, values, names, texts), which only its caller can format."""
    if isinstance(item, str):
        return item
    if isinstance(item, bool) or not isinstance(item, (int, dict)):
        raise TypeError(f"not an argument of a phrase: {item!r}")
    if isinstance(item, int):
        return str(item)
    if "say" in item:
        args = item.get("args", {})
        texts = {name: render(value, words, typed) for name, value in args.items()}
        n = args.get("n")
        return fill(words.text(item["say"], n if isinstance(n, int) else None), texts, item["say"])
    if "join" in item:
        return item["sep"].join(render(part, words, typed) for part in item["join"])
    return typed(item)
