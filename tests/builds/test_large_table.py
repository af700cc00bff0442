"""A large table in a real build (the fixture paper with a generated table over 1 MB): the
text's placeholder of one of its rows is published and written, no other row is, a number
over all its rows names them as a range, and the group's job reruns when the text asks for
another row, not on an edit that asks for nothing new."""

import json
import sys

from helpers import ROOT, copy_project, snakemake

sys.path.insert(0, str(ROOT / "scripts"))
from benchmark import add_scale_table  # noqa: E402

ROWS = 30_000  # 1.4 MB: over tables.LARGE_TABLE_BYTES
SENTENCE = "\nOne trip took {{{{trips.{row}}}}} minutes.\n"


def ask(project, row: str) -> None:
    for lang in ("en", "de", "uk"):
        path = project / "paper" / lang / "20.results.md"
        text = path.read_text(encoding="utf-8").split("\nOne trip took")[0]
        path.write_text(text + SENTENCE.format(row=row), encoding="utf-8")


def reruns(project) -> str:
    return snakemake("-n", "build/en/values.json", cwd=project).stdout


def test_a_large_table_publishes_the_rows_the_text_asks_for(tmp_path):
    project = copy_project(ROOT / "tests" / "fixtures" / "city_bikes", tmp_path / "fixture")
    assert add_scale_table(project, ROWS) > 1_000_000
    ask(project, "t00012345")
    snakemake("build/en/values.json", cwd=project, check=True)
    numbers = json.loads((project / "build" / "numbers.json").read_text(encoding="utf-8"))
    trips = sorted(k for k in numbers if k.startswith("trips."))
    assert trips == ["trips.t00012345", "trips.year"]
    line = (project / "data" / "raw" / "trips.csv").read_text().splitlines()[12346]
    assert numbers["trips.t00012345"]["value"] == int(line.split(",")[1])
    assert numbers["trips.t00012345"]["rows"][0]["line"] == 12347
    assert numbers["trips.year"]["rows"] == [
        {"file": "data/raw/trips.csv", "line": f"2-{ROWS + 1}", "count": ROWS}
    ]
    values = json.loads((project / "build" / "en" / "values.json").read_text(encoding="utf-8"))
    assert "trips.t00012345" in json.dumps(values)

    path = project / "paper" / "en" / "10.introduction.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA sentence that asks for nothing.\n", encoding="utf-8"
    )
    assert "group_numbers" not in reruns(project)
    ask(project, "t00000007")
    assert "group_numbers" in reruns(project)
