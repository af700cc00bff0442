"""Imported last by each job server (datapaper.runner) before it forks any job.

multiprocessing prepares each forked child as if it were a fresh interpreter: it runs the
parent's main program again (here Snakemake's command line, 0.7 s of imports) unless the
server imported it first, which Python 3.11's forkserver never does (it asks for a key
that the preparation data does not have). A job runs one engine function and needs nothing
of Snakemake's main program, so the server, and every job forked from it, skips that step.
The drawing jobs' server also imports what a figure job imports on first use and loads the
default font (datapaper.figures.warm_up); each loads the data of the paper's languages
(CLDR's, the grammar modules' dictionaries, the engine's words, its typographic
conventions) and parses the YAML files that many jobs read (datapaper.yamlfiles.preparse).
The objects made so far are then moved out of the garbage collector's sight
(`gc.freeze`), so that a job's collections do not touch, and copy, the server's memory.
"""

import gc
import multiprocessing.spawn
import os
import sys

multiprocessing.spawn._fixup_main_from_path = lambda main_path: None
from datapaper import RESOURCES, grammar, localize, project, punctuation, runner, words, yamlfiles  # noqa: E402


def setup() -> None:
    """Load what the jobs load on first use, then freeze the objects made so far. Run once
    when a server is imported, and again by a server forked from another one
    (datapaper.runner.chained_server), which imported the figures after it."""
    # The drawing jobs' server (it imported their entries, and with them datapaper.figures):
    # what a figure job imports and loads on first use, so that each one forked later finds
    # it done (measured over 21 figure jobs forked one after another from one process: the
    # CPU a figure drawn in every format saved, in 0.07 s of the server's time instead of
    # 0.18 s).
    if "datapaper.figures" in sys.modules:
        from datapaper.figures import warm_up

        warm_up()
    # The paper's languages (datapaper.runner.start): CLDR's data and each grammar module's
    # dictionary, which every job writing the language loaded again (pymorphy3's Russian
    # dictionary 0.04 s, in each figure, description and values job that writes Russian).
    languages = [code for code in os.environ.get(runner.LANGUAGES, "").split(",") if code]
    localize.warm_up(languages)
    grammar.warm_up(languages)
    words.warm_up(languages)
    punctuation.warm_up(languages)
    # The YAML files many jobs read, the project's and the engine's schemas, parsed once
    # here: each job forked after takes them (datapaper.yamlfiles.preparse; after the
    # warm-ups, which would take them first).
    yamlfiles.preparse([*project.yaml_inputs(), *sorted(RESOURCES.glob("*.yaml"))])
    gc.collect()
    gc.freeze()


setup()
