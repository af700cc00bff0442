# A paper built by the datapaper engine (scripts/datapaper). This file is the table of
# contents: it puts the project's code on the path, includes the engine's workflow (which
# reads everything else from config/, data/, paper/ and figures/) and names the default
# target.
import sys
from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")

# The engine and this paper's own code (scripts/paper) live in scripts/; jobs run in
# their own Python processes, which find them through PYTHONPATH.
SCRIPTS = str(Path(workflow.basedir) / "scripts")
sys.path.insert(0, SCRIPTS)

from datapaper import rule_file, use_code_in

use_code_in(SCRIPTS)


include: rule_file("main.smk")


# The default target: what an author reads while writing, the PDFs (config `formats`
# may name more). `snakemake --cores 4 docx`, `html`, `submission` or `all` builds more.
localrules:
    paper,


rule paper:
    default_target: True
    input:
        DEFAULT_OUTPUTS,
