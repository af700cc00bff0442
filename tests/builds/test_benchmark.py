"""The benchmark's pure helpers (the timed runs themselves are CI's `benchmark.py --quick`)."""

import os
import shutil
import time

import pytest
from benchmark import (
    FIXTURE,
    Result,
    add_scale_table,
    busy_note,
    busy_seconds,
    changed,
    clean_floor,
    cpu_shortfall,
    edit_one_word,
    format_table,
    job_counts,
    move_one_point,
)
from datapaper import tables

DRY_RUN = """Building DAG of jobs...
Job stats:
job                   count
------------------  -------
placeholder_values        1
edition_pdf               2
paper                     1
total                     4

Reasons:
"""


def test_result_median_of_an_even_number_of_runs():
    assert Result("x", [4.0, 1.0, 3.0, 2.0]).median == 2.5


def test_table_shows_units_runs_targets_and_unmet_targets():
    table = format_table(
        [
            Result("clean", [9.0, 7.0, 8.0], target="≤ 8 s", met=True),
            Result("memory", [512.4], unit="MB", target="≤ 400 MB", met=False),
            Result("floor", [3.14159]),
        ]
    ).splitlines()
    assert table[0] == "| scenario | median | runs | target | met? |"
    assert table[2] == "| clean | 8.00 s | 3 | ≤ 8 s | yes |"
    assert table[3] == "| memory | 512 MB | 1 | ≤ 400 MB | **no** |"
    assert table[4] == "| floor | 3.14 s | 1 | — | — |"


def test_busy_seconds_count_every_state_but_idle_and_iowait():
    # user nice system idle iowait irq softirq steal guest guest_nice, in clock ticks
    stat = "cpu  700 10 200 5000 300 7 3 80 40 0\ncpu0 1 2 3 4 5 6 7 8 9 0\n"
    assert busy_seconds(stat) == pytest.approx((700 + 10 + 200 + 7 + 3 + 80) / os.sysconf("SC_CLK_TCK"))


@pytest.mark.skipif(busy_seconds() is None, reason="no /proc/stat (not Linux)")
def test_busy_seconds_grow_with_work():
    before = busy_seconds()
    end = time.process_time() + 0.2
    while time.process_time() < end:
        pass
    assert busy_seconds() - before >= 0.15


@pytest.mark.parametrize(
    ("seconds", "busy", "limit", "short"),
    [
        (3.0, 5.4, 3.0, 0.0),  # on time: nothing to lose
        (2.5, 4.0, 3.0, 0.0),  # early
        (3.2, 5.6, 3.0, 0.35),  # 0.2 s late at 1.75 CPUs
        (8.0, 15.0, 5.0, 5.625),  # 3 s late at 1.875 CPUs
    ],
)
def test_cpu_shortfall_is_the_lateness_at_the_builds_parallelism(seconds, busy, limit, short):
    assert cpu_shortfall(seconds, busy, limit) == pytest.approx(short)


def test_busy_note_says_the_work_a_target_asks_to_lose():
    late = busy_note("clean default", [3.2, 3.0, 3.4], [5.6, 5.0, 6.0], [0.75, 0.7, 0.8], 4.0)
    assert late.startswith("clean default: 5.60 busy core-s in 3.20 s (1.75 of ")
    assert "the target (4× = 3.00 s) asks for about 0.35 core-s less work" in late
    on_time = busy_note("clean all", [5.0], [9.0], [0.75], 7.0)
    assert "within the target (7× = 5.25 s)" in on_time


def test_job_counts_leave_out_the_target_and_total():
    assert job_counts(DRY_RUN) == {"placeholder_values": 1, "edition_pdf": 2}
    assert job_counts("Nothing to be done (all requested files are present and up to date).") == {}


def test_changed_names_new_and_rewritten_files():
    assert changed({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 1}) == ["b", "c"]


def test_edit_one_word_skips_headings_placeholders_and_citations():
    text = "# Title\n\nIt rose {{x.y}}.\nAs said [@key].\nThe market grew.\nLast line.\n"
    assert (
        edit_one_word(text) == "# Title\n\nIt rose {{x.y}}.\nAs said [@key].\nThe MARKET grew.\nLast line.\n"
    )


def test_edit_one_word_in_kazakh():
    assert edit_one_word("Қазіргі экономика.\n") == "ҚАЗІРГІ экономика.\n"


def test_edit_one_word_needs_a_plain_sentence():
    with pytest.raises(ValueError):
        edit_one_word("# Only a heading\n")


def test_move_one_point_keeps_the_sum_and_line_endings():
    csv = "id,share,year\r\ntv,52,2018\r\nradio,8,2018\r\npress,6,2018\r\n"
    assert move_one_point(csv) == "id,share,year\r\ntv,53,2018\r\nradio,8,2018\r\npress,5,2018\r\n"


def test_clean_floor_shares_renders_and_figure_starts_between_cores():
    assert clean_floor(startup=1.0, renders=4.0, python_start=0.5, figures=7, cores=2) == pytest.approx(4.75)


def test_clean_floor_shares_the_drawing_too():
    assert clean_floor(
        startup=1.0, renders=4.0, python_start=0.5, figures=7, cores=2, drawing=6.0
    ) == pytest.approx(7.75)


def test_the_scale_table_is_declared_and_valid(tmp_path, monkeypatch):
    project = shutil.copytree(FIXTURE, tmp_path / "fixture")
    size = add_scale_table(project, 25)
    csv_path = project / "data" / "raw" / "trips.csv"
    assert size == csv_path.stat().st_size and csv_path.read_text().count("\n") == 26
    monkeypatch.setattr(tables, "LARGE_TABLE_BYTES", -1)  # the large tables' reader, as at scale
    schema = tables.load_schema(project / "data" / "schema.yaml", project / "data" / "units.yaml")
    table = tables.read_table(csv_path, schema, tables.reference_ids(project / "paper" / "references.yaml"))
    assert table.large and len(table.rows) == 25 and table.rows[24].id == "t00000024"
