"""The engine's command line, run from a project folder: `python3 -m datapaper <command>`.

translations check [--strict]          list translated sections that need a review
translations review <lang> <file ...>  mark sections reviewed against the source text
translations review <lang> --all
preview [edition ...] [--cores N]      build the PDFs, then rebuild on every save (Ctrl-C stops)
"""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "translations":
        from datapaper.translations import main as translations

        return translations(rest)
    if command == "preview":
        from datapaper.preview import main as preview

        return preview(rest)
    print(f"datapaper: unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
