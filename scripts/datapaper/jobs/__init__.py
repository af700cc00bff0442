"""The rules' jobs: one thin entry per rule, run by Snakemake's `script:` directive.

Each reads its inputs from the `snakemake` object, calls the engine's pure functions and
writes its outputs whole (datapaper.files). Paths come from the rule, never from here.
"""
