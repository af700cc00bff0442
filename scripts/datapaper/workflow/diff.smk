# What changed since another revision, per edition: `snakemake --cores 4 diff --config
# diff_base=REV` writes build/diff/<edition>.html and .pdf (datapaper/diff.py). The base
# revision is built once in a temporary git worktree and kept by commit in
# build/diff-cache/<sha>/. Not part of the default build.
from datapaper.diff import DiffError, cache_folder, resolve_revision

DIFF_BASE = (
    str(config["diff_base"]) if config.get("diff_base") not in (None, "") else None
)
try:
    DIFF_SHA = resolve_revision(DIFF_BASE) if DIFF_BASE else None
except DiffError as err:
    raise WorkflowError(str(err))


rule diff_base:
    output:
        directory("build/diff-cache/{sha}"),
    log:
        "build/logs/diff/{sha}.log",
    wildcard_constraints:
        sha="[0-9a-f]{40}",
    conda:
        CONDA_ENV
    threads: 2
    script:
        job("diff_base")


rule diff_edition:
    input:
        base=lambda w: cache_folder(DIFF_SHA),
        numbers="build/numbers.json",
        groups=expand("build/numbers/{group}.json", group=GROUPS),
        ledger="build/ledger.json",
        values=lambda w: f"build/{edition_language(w.edition)}/values.json",
        text=lambda w: section_files(edition_language(w.edition)),
        metadata=lambda w: project.metadata_file(edition_language(w.edition)),
        tables=[project.table_file(name) for name in sorted(TABLE_GROUPS)],
        figures=str(project.FIGURE_TABLE),
        style=resource("diff", "style.html"),
        lua_filter=resource("filters", "diff.lua"),
        code=code("diff"),
    output:
        md="build/diff/{edition}.md",
        html="build/diff/{edition}.html",
        source="build/diff/{edition}.typ",
        pdf="build/diff/{edition}.pdf",
    log:
        "build/logs/diff/{edition}.log",
    conda:
        CONDA_ENV
    params:
        lang=lambda w: edition_language(w.edition),
        base=lambda w: f"{DIFF_BASE} ({DIFF_SHA[:12]})",
        pandoc=PANDOC,
        fonts=FONT_DIR,
        epoch=EPOCH,
    script:
        job("diff")


rule diff:
    input:
        expand("build/diff/{edition}.{ext}", edition=EDITIONS, ext=("html", "pdf")),
