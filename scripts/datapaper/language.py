"""One language's texts checked and its placeholders resolved: what the rule
placeholder_values runs before it writes the values (jobs/values.py), and what
`datapaper check` reports without building (datapaper/check.py). One owner of the list of
checks: the placeholders resolved with the lexicon and units, every citation a reference,
no file the text names outside the project and no link of the content leading out, no
number typed into the prose, no scale word typed after a placeholder, the agreement of
hand-typed words with spliced values, and the metadata's prose.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from datapaper.checks import TextError, check_citations, check_metadata_prose, check_prose, check_scale_words
from datapaper.errors import InputError
from datapaper.grammar.check import check_agreement
from datapaper.placeholders import read_lexicon, resolve, scan_files
from datapaper.render.frontmatter import read_metadata
from datapaper.sandbox import check_links, check_text
from datapaper.tables import reference_ids
from datapaper.textfiles import read_text
from datapaper.units import Unit

T = TypeVar("T")


def check_language(
    lang: str,
    text: list[str],
    numbers: dict[str, dict],
    lexicon_file: str,
    metadata_file: str,
    units: dict[str, Unit],
    references_file: str,
    allowed: list[str],
    collected: list[str] | None = None,
    skip: Callable[[str], bool] | None = None,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Resolve and check one language's text files (its sections and metadata file); return
    the resolved placeholders (values and ledger) and the metadata.

    Without `collected`, the first placeholder that cannot be resolved stops it, then the
    other checks' problems together, as one TextError (the build). With a `collected` list,
    every problem is added there and the checks go on (`datapaper check`); what could not be
    read is returned as None. A key `skip` is true of (of a table that could not be read)
    is not resolved."""
    collect = collected is not None

    def attempt(read: Callable[[], T]) -> T | None:
        try:
            return read()
        except InputError as err:
            if not collect:
                raise
            collected.append(str(err))
            return None

    lexicon = attempt(lambda: read_lexicon(lexicon_file))
    occurrences = [occ for occ in scan_files(text, collected) if not (skip and skip(occ.key))]
    result = None
    if lexicon is not None:
        result = resolve(occurrences, numbers, lang, lexicon, units, collected)
    known = attempt(lambda: reference_ids(references_file))
    metadata = attempt(lambda: read_metadata(metadata_file))
    # The project is a sandbox: no link of its content and no file the text names leads out.
    problems = check_links()
    if metadata is not None:
        problems += check_metadata_prose(metadata_file, metadata, allowed)
    for path in text:
        content = attempt(lambda path=path: read_text(path))
        if content is None:
            continue
        problems += check_citations(path, content, known)
        if path.endswith(".md"):
            problems += check_text(path, content)
            problems += check_prose(path, content, allowed)
            problems += check_scale_words(path, content, lang)
            agreement = attempt(
                lambda path=path, content=content: check_agreement(path, content, lang, numbers, units)
            )
            problems += agreement or []
    if collect:
        collected.extend(problems)
    elif problems:
        raise TextError("\n".join(problems))
    return result, metadata
