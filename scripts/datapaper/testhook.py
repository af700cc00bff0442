"""A test-only pause in every job's entry, so a test can interrupt a chosen job at a chosen
moment without racing a timer; a hold at a named point of a job, so a test can change
a file while the job runs and then let it go on; and a note of what a build did that
leaves no other trace (which job servers it started).

Inert unless the environment sets DATAPAPER_TEST_PAUSE. When it names a job's rule (a
figure's rule by the prefix `figure`), that job, before it writes anything, creates the file
DATAPAPER_TEST_PAUSE_MARKER (its process id in it) and then blocks until a signal ends it;
the test waits for the marker, then sends its signal.
"""

import os
import time
from pathlib import Path


def pause_if_asked(rule: str) -> None:
    wanted = os.environ.get("DATAPAPER_TEST_PAUSE")
    if not wanted or not (rule == wanted or rule.startswith(wanted + "_")):
        return
    marker = Path(os.environ["DATAPAPER_TEST_PAUSE_MARKER"])
    marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
    # Until a signal's default action (or Python's, for SIGINT) ends the job. Not
    # signal.pause(): a SIGINT that arrives after the test sees the marker but before the
    # pause begins has its Python handler run only when a later signal ends the pause,
    # which never comes (the build waited for the job forever). A sleep ends, and the loop
    # runs the pending handler, within 50 ms.
    while True:
        time.sleep(0.05)


def hold_if_asked(point: str) -> None:
    """Inert unless DATAPAPER_TEST_HOLD names `point` (e.g. `read`: a job has read its
    tables). Then create DATAPAPER_TEST_HOLD_MARKER and wait until the test deletes it."""
    if os.environ.get("DATAPAPER_TEST_HOLD") != point:
        return
    marker = Path(os.environ["DATAPAPER_TEST_HOLD_MARKER"])
    marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
    while marker.exists():
        time.sleep(0.01)  # the test's event: it deletes the marker when it has done its change


def note_if_asked(event: str) -> None:
    """Inert unless DATAPAPER_TEST_NOTES names a file: then append `event` to it, a line."""
    notes = os.environ.get("DATAPAPER_TEST_NOTES")
    if notes:
        with open(notes, "a", encoding="utf-8") as file:
            file.write(event + "\n")
