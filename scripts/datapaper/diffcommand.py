"""`datapaper diff REV [edition ...]`: what changed since a revision, made by the build's own
target (workflow/diff.smk): `snakemake --cores N diff --config diff_base=REV`, or each
named edition's build/diff/<edition>.html and .pdf. Then it says where the files are."""

import argparse
import subprocess
import sys

from datapaper import project

DESCRIPTION = """What changed since a git revision (a tag, a branch, a commit, HEAD~3), per
edition and in its language: every number whose value changed with its reason, the
figures whose data changed, and the text with its words added and removed. It runs
`snakemake --cores N diff --config diff_base=REV` (or the named editions' files) and
writes build/diff/<edition>.html and build/diff/<edition>.pdf. The base revision is built
once, in a temporary git worktree, and kept by commit in build/diff-cache/<sha>/."""
FORMATS = ("html", "pdf")


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("revision", metavar="REV", help="the git revision to compare against")
    command.add_argument("editions", nargs="*", help="editions to compare (default: every edition)")
    command.add_argument("--cores", type=int, default=2, help="cores for the jobs (default 2)")


def files(editions: list[str]) -> list[str]:
    """The diff's files of these editions."""
    return [f"{project.BUILD.as_posix()}/diff/{edition}.{ext}" for edition in editions for ext in FORMATS]


def command(revision: str, editions: list[str], cores: int) -> list[str]:
    """The Snakemake command that makes the diff: the `diff` target, or the editions' files."""
    targets = files(editions) if editions else ["diff"]
    return [
        sys.executable,
        "-m",
        "snakemake",
        "--cores",
        str(cores),
        *targets,
        "--config",
        f"diff_base={revision}",
    ]


def run(args: argparse.Namespace) -> int:
    from datapaper import settings

    config, problems = settings.read(project.CONFIG)
    if config is None:
        print("\n".join(problems), file=sys.stderr)
        return 2
    editions = project.editions(config)
    unknown = [e for e in args.editions if e not in editions]
    if unknown:
        print(
            f"datapaper diff: unknown edition(s) {', '.join(unknown)} — name editions of this paper: "
            f"{', '.join(editions)}",
            file=sys.stderr,
        )
        return 2
    if args.cores < 1:
        print(f"datapaper diff: --cores {args.cores} — give 1 or more", file=sys.stderr)
        return 2
    done = subprocess.run(command(args.revision, args.editions, args.cores), check=False)
    if done.returncode == 0:
        print(f"The diff against {args.revision}:")
        print("\n".join(f"  {path}" for path in files(args.editions or editions)))
    return done.returncode
