"""The engine's command line: `datapaper <command>` (or `python3 -m datapaper <command>`).

    datapaper new DIR --languages en,fr [--title T]   start a paper that builds at once
    datapaper check                                   check every input as the build would, build nothing
    datapaper diff REV [edition ...] [--cores N]      what changed since a git revision (build/diff/)
    datapaper preview [edition ...] [--cores N]       build the PDFs, then rebuild on every save
    datapaper translations check [--strict]           list translated sections that need a review
    datapaper translations review <lang> <file ...>   mark sections reviewed against the source text
    datapaper translations review <lang> --all

Every command but `new` runs in a paper's folder; `datapaper <command> --help` says more.
"""

import argparse
import sys

CHECK = """Check the paper in this folder as the build would, without building: the settings
(config/config.yaml against the engine's schema), config/figures.yaml, data/units.yaml,
data/schema.yaml, every table of data/raw/ and its numbers (with the paper's derivations),
each language's texts, metadata, lexicon and figure strings (placeholders, citations,
digits typed into the prose, scale words, agreement, files outside the project), the
translations' placeholders and citations, and config/audit.yaml. It reports every problem,
each with its file and line and what to do, and exits 1; on a paper without problems it
says what it checked and exits 0. It writes nothing (build/ is not touched). The figures
are not drawn, and stale translations are `datapaper translations check`'s."""


def parser() -> argparse.ArgumentParser:
    from datapaper import diffcommand, scaffold

    main_parser = argparse.ArgumentParser(
        prog="datapaper",
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = main_parser.add_subparsers(dest="command", metavar="{new,check,diff,preview,translations}")
    new = commands.add_parser(
        "new",
        help="start a paper: a minimal project that builds at once",
        description=scaffold.parser().description,
        epilog=scaffold.parser().epilog,
    )
    scaffold.add_arguments(new)
    commands.add_parser(
        "check",
        help="check every input as the build would, without building: all problems, each with file:line",
        description=CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff = commands.add_parser(
        "diff",
        help="what changed since a git revision: build/diff/<edition>.html and .pdf",
        description=diffcommand.DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diffcommand.add_arguments(diff)
    # preview and translations parse their own arguments (their modules' main), --help included.
    for name, text in (
        ("preview", "build the PDFs, then rebuild what each save affects (Ctrl-C stops)"),
        ("translations", "check or review the translations against the source language (check|review)"),
    ):
        command = commands.add_parser(name, help=text, add_help=False, prefix_chars="\0")
        command.add_argument("rest", nargs=argparse.REMAINDER)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    main_parser = parser()
    args = main_parser.parse_args(argv)
    if args.command == "new":
        from datapaper import scaffold

        return scaffold.run(args)
    if args.command == "check":
        from datapaper import check

        return check.main()
    if args.command == "diff":
        from datapaper import diffcommand

        return diffcommand.run(args)
    if args.command == "translations":
        from datapaper.translations import main as translations

        return translations(args.rest)
    if args.command == "preview":
        from datapaper.preview import main as preview

        return preview(args.rest)
    main_parser.print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
