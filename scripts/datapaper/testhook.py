"""A test-only pause in every job's entry, so a test can interrupt a chosen job at a chosen
moment without racing a timer.

Inert unless the environment sets DATAPAPER_TEST_PAUSE. When it names a job's rule (a
figure's rule by the prefix `figure`), that job, before it writes anything, creates the file
DATAPAPER_TEST_PAUSE_MARKER (its process id in it) and then blocks until a signal ends it;
the test waits for the marker, then sends its signal.
"""

import os
import signal
from pathlib import Path


def pause_if_asked(rule: str) -> None:
    wanted = os.environ.get("DATAPAPER_TEST_PAUSE")
    if not wanted or not (rule == wanted or rule.startswith(wanted + "_")):
        return
    marker = Path(os.environ["DATAPAPER_TEST_PAUSE_MARKER"])
    marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
    while True:
        signal.pause()  # until a signal's default action (or Python's, for SIGINT) ends the job
