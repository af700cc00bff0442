"""Imported last by the job server (datapaper.runner) before it forks any job.

multiprocessing prepares each forked child as if it were a fresh interpreter: it runs the
parent's main program again (here Snakemake's command line, 0.7 s of imports) unless the
server imported it first, which Python 3.11's forkserver never does (it asks for a key
that the preparation data does not have). A job runs one engine function and needs nothing
of Snakemake's main program, so the server, and every job forked from it, skips that step.
The objects imported so far are also moved out of the garbage collector's sight
(`gc.freeze`), so that a job's collections do not touch, and copy, the server's memory.
"""

import gc
import multiprocessing.spawn

multiprocessing.spawn._fixup_main_from_path = lambda main_path: None
gc.collect()
gc.freeze()
