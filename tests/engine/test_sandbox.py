"""The project is a sandbox: what the engine reads resolves inside the project after
following links, and names that become paths are identifiers. Each defect found is refused
with the file (and line) and the fix; a link that stays inside the project is followed."""

import os
from pathlib import Path

import pytest
from datapaper import sandbox
from datapaper.errors import FIX, InputError
from datapaper.numbers import compute
from datapaper.render.typst import compile_pdf
from datapaper.tables import DataError, load_schema, read_table, reference_ids
from helpers import FIXTURES, copy_project

FIXTURE = FIXTURES / "city_bikes"
RIDES = "data/raw/city_rides.csv"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the fixture paper, the working folder (as a job runs in its project)."""
    folder = copy_project(FIXTURE, tmp_path / "city_bikes")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the project, with a secret in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("root:x:0:0:secret\n", encoding="utf-8")
    return folder


def numbers_of(table: str) -> dict:
    schema = load_schema("data/schema.yaml", "data/units.yaml")
    read = read_table(table, schema, reference_ids("paper/references.yaml"))
    return {key: entry.to_json()["value"] for key, entry in compute(read).items()}


def shaped(message: str, start: str) -> None:
    assert message.startswith(start), message
    assert FIX in message, f"the refusal does not say what to do: {message}"


def test_a_table_linked_from_outside_the_project_is_refused(project, elsewhere):
    outside = elsewhere / "city_rides.csv"
    outside.write_bytes((project / RIDES).read_bytes())
    (project / RIDES).unlink()
    (project / RIDES).symlink_to(outside)
    with pytest.raises(DataError) as err:
        numbers_of(RIDES)
    assert str(err.value) == (
        f"{RIDES} is a link to {outside.resolve()} outside the project — copy the file into data/raw"
    )


def test_a_table_linked_within_the_project_is_read(project):
    before = numbers_of(RIDES)
    shared = project / "data" / "shared"
    shared.mkdir()
    (project / RIDES).rename(shared / "city_rides.csv")
    (project / RIDES).symlink_to(Path("..", "shared", "city_rides.csv"))
    assert numbers_of(RIDES) == before


def test_a_raw_folder_linked_out_of_the_project_is_refused(project, elsewhere):
    raw = project / "data" / "raw"
    raw.rename(elsewhere / "raw")
    raw.symlink_to(elsewhere / "raw")
    with pytest.raises(DataError) as err:
        numbers_of(RIDES)
    shaped(str(err.value), f"{RIDES} is a link to {(elsewhere / 'raw' / 'city_rides.csv').resolve()}")


@pytest.mark.parametrize(
    ("edit", "start"),
    [
        (
            lambda s: s.replace("  city_rides:", "  ../../../outside/secret:"),
            "the table name '../../../outside/secret'",
        ),
        (lambda s: s.replace("  city_rides:", "  City-Rides:"), "the table name 'City-Rides'"),
        (
            lambda s: s.replace("group: rides", "group: ../rides", 1),
            "the group (of table `city_rides`) name '../rides'",
        ),
    ],
)
def test_table_and_group_names_are_identifiers(project, edit, start):
    schema = project / "data/schema.yaml"
    schema.write_text(edit(schema.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_schema("data/schema.yaml", "data/units.yaml")
    shaped(str(err.value), f"data/schema.yaml: {start} is not an identifier")


OUTSIDE_PATHS = {
    "an image up and out": "![x](../../etc/passwd.png)",
    "an absolute image": "![x](/etc/passwd.png){width=50%}",
    "a file: URI": "![x](file:///etc/passwd.png)",
    "a reference definition": "[img]: /etc/passwd.png",
    "raw HTML": '<img src="/etc/passwd.png" alt="x">',
    "a raw HTML stylesheet": '<link rel="stylesheet" href="../../../etc/x.css">',
    "raw Typst": '```{=typst}\n#read("../../../../etc/passwd")\n```',
    "raw LaTeX": "\\input{/etc/passwd}",
    "raw LaTeX graphics": "\\includegraphics[width=3cm]{/etc/passwd.png}",
}


@pytest.mark.parametrize("case", OUTSIDE_PATHS)
def test_a_file_the_text_names_outside_the_project_is_refused(project, case):
    text = "A sentence.\n" + OUTSIDE_PATHS[case] + "\n"
    line = 2 + OUTSIDE_PATHS[case].count("\n") // 2
    problems = sandbox.check_text("paper/en/20.results.md", text)
    assert len(problems) == 1, problems
    shaped(problems[0], f"paper/en/20.results.md:{line}: the ")
    assert "is outside the project" in problems[0]


def test_a_file_the_text_names_through_a_link_out_is_refused(project, elsewhere):
    (project / "figures" / "logo.png").symlink_to(elsewhere / "secret.txt")
    problems = sandbox.check_text("paper/en/20.results.md", "![Logo](figures/logo.png)\n")
    assert problems == [
        f"paper/en/20.results.md:1: the image `figures/logo.png` is outside the project "
        f"({(elsewhere / 'secret.txt').resolve()}) — copy the file into the project (e.g. figures/) "
        "and name it by its path there"
    ]


def test_what_stays_in_the_project_or_is_no_file_is_accepted(project):
    text = "\n".join(
        [
            "![Rides in {{rides.year}} [and more].](build/figures/city_rides.en){#fig:rides width=100%}",
            "[a link](https://example.org/x.png) and ![remote](https://example.org/x.png)",
            "![inline](data:image/png;base64,AAAA) [anchor](#sec:results)",
            '```{=typst}\n#read("/etc/passwd")\n```',  # Typst reads "/…" from the project's root
            '<a href="../../elsewhere.html">a link is not embedded</a>',
            "![in the project](figures/../data/raw/city_rides.csv)",
        ]
    )
    assert sandbox.check_text("paper/en/20.results.md", text) == []
    assert (
        sandbox.check_text("paper/en/20.results.md", (project / "paper/en/20.results.md").read_text()) == []
    )


def test_a_link_of_the_content_that_leads_out_is_named(project, elsewhere):
    (project / "paper" / "en" / "notes.txt").symlink_to(elsewhere / "secret.txt")
    (project / "figures" / "inside.txt").symlink_to(project / "paper" / "references.yaml")
    assert sandbox.check_links() == [
        f"paper/en/notes.txt is a link to {(elsewhere / 'secret.txt').resolve()} outside the project — "
        "copy the file into the project in its place (replace the link with the file)"
    ]


def test_typst_cannot_read_through_a_link_out_of_the_project(project, elsewhere):
    """Typst refuses `..` out of its root, but follows a link inside it: such a link is
    refused before Typst compiles."""
    (project / "paper" / "leak.txt").symlink_to(elsewhere / "secret.txt")
    source = project / "build" / "en" / "paper.typ"
    source.parent.mkdir(parents=True)
    source.write_text('#read("/paper/leak.txt")\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        compile_pdf("build/en/paper.typ", ".", 0)
    shaped(
        str(err.value),
        "build/en/paper.typ:1: Typst would read `/paper/leak.txt`, which is outside the project",
    )
    assert "root:x:0" not in str(err.value)


def test_typst_cannot_read_a_link_out_even_by_a_computed_path(project, elsewhere):
    (project / "figures" / "leak.txt").symlink_to(elsewhere / "secret.txt")
    source = project / "build" / "en" / "paper.typ"
    source.parent.mkdir(parents=True)
    source.write_text('#let p = "/figures/" + "leak.txt"\n#read(p)\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        compile_pdf("build/en/paper.typ", ".", 0)
    shaped(
        str(err.value),
        f"figures/leak.txt is a link to {(elsewhere / 'secret.txt').resolve()} outside the project",
    )


def test_typst_root_is_the_project(project):
    """Typst's own sandbox: the root is the project folder, `..` out of it is refused."""
    source = project / "build" / "en" / "paper.typ"
    source.parent.mkdir(parents=True)
    source.write_text(
        '#set document(title: [A])\n#set text(lang: "en")\n#read("/paper/references.yaml").len()\n',
        encoding="utf-8",
    )
    assert compile_pdf("build/en/paper.typ", ".", 0).startswith(b"%PDF")
    with pytest.raises(InputError):
        source.write_text('#read("../../../outside/secret.txt")\n', encoding="utf-8")
        compile_pdf("build/en/paper.typ", ".", 0)
    assert os.getcwd() == str(project)
