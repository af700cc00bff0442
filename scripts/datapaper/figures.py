"""The figure toolkit: what every figure shares, its strings, style, number formats,
chart primitives, layout and saving.

A paper's figure module (listed in config/figures.yaml) reads one group of computed
numbers (build/numbers/<group>.json), picks the values it plots (`figure_data`), and
draws them once per language (`draw`) with the words of figures/strings/<lang>.yaml and
the numbers formatted by datapaper/localize.py, so a figure prints a number exactly as
the text does. Files are written atomically and
byte for byte the same on every run: no dates or versions in their metadata.
"""

import gc
import io
import pickle
import re
import textwrap
import types
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import TransformNode  # noqa: E402

from datapaper import project  # noqa: E402
from datapaper.errors import InputError, near_miss
from datapaper.files import write_bytes, write_text  # noqa: E402
from datapaper.keys import rank_key  # noqa: E402
from datapaper.localize import FormatError, apostrophes, exact, format_number, format_value  # noqa: E402
from datapaper.numbers import read_numbers  # noqa: E402,F401  (figure modules read numbers through here)
from datapaper.placeholders import parse  # noqa: E402
from datapaper.punctuation import punctuate  # noqa: E402
from datapaper.units import Unit, load_units  # noqa: E402
from datapaper.yamlfiles import read_yaml  # noqa: E402

# What the figures take from the text's lexicon rather than from their own strings.
LEXICON_KEYS = ("format", "units")
# What a figure strings file names that a lexicon table may not: the source line's words.
RESERVED_STRINGS = {
    "source": "source line (source.one, source.many)",
    "sources": "source names (one per reference id)",
}
CM = 1 / 2.54
WIDTH_CM = 16.0
FORMATS = ("svg", "pdf", "png")
# Keys each backend would otherwise fill with a date or its version.
METADATA: dict[str, dict[str, None]] = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}
# A PDF figure embeds a subset of DejaVu. fontTools keeps a subset's layout tables and
# decompiles them to subset them, a third of a PDF figure's time; a PDF never reads them
# (matplotlib places every glyph itself), so the figure jobs drop them (same rendering).
PDF_UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "kern")
# The least resolution of a PNG: Word editions embed the PNG, and print wants 300 dpi.
PRINT_DPI = 300
SOURCE_SIZE = 8  # points: the source line, the smallest text of a figure
LABEL_GAP = 3  # points between a bar and its value label

Entry = dict[str, Any]
# A field of a figure string: {name} or {name|option|option=value} (options as in placeholders).
FIELD = re.compile(r"\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<options>(?:\|[a-z_]+(?:=[a-z0-9_]+)?)*)\}")


class MissingString(InputError, KeyError):
    """A figure asks for a string that a language's strings file does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


class Strings:
    """The words of the figures in one language, looked up by dotted key."""

    def __init__(
        self,
        table: dict[str, Any],
        lang: str,
        where: str,
        units: dict[str, Unit] | None = None,
        lexicon: dict[str, Any] | None = None,
    ) -> None:
        self.table = table
        self.lang = lang
        self.where = where
        self.units = units if units is not None else {}
        # A number is formatted with the text's lexicon (its nouns, tables, trends), as the text.
        self.words = {**table, **(lexicon or {})}

    @classmethod
    def load(
        cls, path: str | Path, lexicon: str | Path | None = None, units: str | Path = project.UNITS
    ) -> "Strings":
        """Read figures/strings/<lang>.yaml (the file's stem is the language), with the number
        formats (`format`, `units`) of the text's lexicon, paper/<lang>/lexicon.yaml, and the
        units table, data/units.yaml, so a figure prints a number exactly as the text does."""
        path = Path(path)
        table = read_yaml(path, dict, "strings")
        lexicon = Path(lexicon) if lexicon else Path(project.lexicon_file(path.stem))
        words = read_yaml(lexicon, dict, "lexicon tables")
        check_names(table, words, display_path(path), display_path(lexicon))
        for key in LEXICON_KEYS:
            if key in table:
                raise InputError(
                    f"{display_path(path)}: `{key}` belongs in {display_path(lexicon)} — move it there"
                )
            table[key] = words.get(key) or {}  # a lexicon without currencies needs no `units`
        return cls(table, path.stem, display_path(path), load_units(units), words)

    def node(self, key: str) -> Any:
        node: Any = self.table
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise MissingString(f"{self.where}: missing string {key!r} — add it to the strings file")
            node = node[part]
        return node

    def __getitem__(self, key: str) -> str:
        node = self.node(key)
        if not isinstance(node, (str, int, float)):
            raise MissingString(
                f"{self.where}: {key!r} is a table, not a string — name one of its entries ({key}.<name>)"
            )
        return apostrophes(str(node))

    def text(self, key: str, **fields: Any) -> str:
        """The string `key` with its {fields} filled in. A field that is a number (an entry
        of build/numbers/) is written as a placeholder writes it, with the options the string
        gives it, as in the text: `{factor|noun=times|case=acc}`, `{growth|sign}`."""
        template = punctuate(self[key], self.lang)  # French «Source : …» (datapaper/punctuation.py)

        def fill(found: re.Match) -> str:
            name, options = found["name"], found["options"]
            if name not in fields:
                raise InputError(
                    f"{self.where}: string {key!r} has placeholder {{{name}}}, but the figure gives "
                    f"only {', '.join(sorted(fields)) or 'none'} — use only those in the string"
                )
            value = fields[name]
            if isinstance(value, dict) and "unit" in value:
                flags = dict(parse(name + options, f"{self.where}: string {key!r}")[1])
                try:
                    return format_value(value, flags, self.lang, self.words, self.units)
                except FormatError as err:
                    raise FormatError(f"{self.where}: string {key!r}: {{{name}{options}}}: {err}") from None
            if options:
                raise InputError(
                    f"{self.where}: string {key!r}: {{{name}{options}}} has options, but the figure gives "
                    f"{name} as text, not a number — remove the options"
                )
            return str(value)

        return FIELD.sub(fill, template)

    def name(self, table: str, value: Any) -> str:
        """The word for a value, e.g. name('city', 'munich') -> 'Мюнхен'."""
        return self[f"{table}.{value}"]


def check_names(strings: dict, lexicon: dict, where: str, lexicon_where: str) -> None:
    """A table of names that both the figures' strings and the text's lexicon have names
    the same ids in both (the words may differ: a figure's label, a sentence's form)."""
    for name in sorted(set(lexicon) & set(RESERVED_STRINGS)):
        raise InputError(
            f"{lexicon_where}: the table name {name!r} is reserved for the figures' "
            f"{RESERVED_STRINGS[name]} ({where}: `{name}`) — rename the lexicon table and the "
            "`names:` of its schema table (e.g. `data_source`)"
        )
    for name in sorted(set(strings) & set(lexicon) - {"nouns", *LEXICON_KEYS}):
        ours, theirs = strings[name], lexicon[name]
        if isinstance(ours, dict) and isinstance(theirs, dict):
            a, b = {str(k) for k in ours}, {str(k) for k in theirs}
            for missing in sorted(b - a):
                raise MissingString(
                    f"{where}: missing string {f'{name}.{missing}'!r} — add it (the lexicon's `{name}` names it)"
                )
            if a - b:
                raise InputError(
                    f"{where}: table {name!r} names {', '.join(sorted(a - b))}, which the same table "
                    f"of {lexicon_where} does not — name the same ids in both"
                )


def display_path(path: str | Path) -> str:
    """A path as the project names it (figures/strings/kk.yaml), else as given."""
    return project.display(path)


class MissingNumber(InputError, KeyError):
    """A figure reads a number its group of tables does not compute."""

    def __str__(self) -> str:
        return str(self.args[0])


def entry(numbers: dict[str, Entry], key: str) -> Entry:
    try:
        return numbers[key]
    except KeyError:
        near = near_miss(key, numbers)
        raise MissingNumber(
            f"the figure needs number {key!r}, which its group does not compute{near} — read a number "
            "the group has (build/numbers/<group>.json), or put the table that computes it in the figure's "
            "group (data/schema.yaml); a ranked table whose rows have different years publishes no "
            "`<prefix>.year`"
        ) from None


def point(name: Any, found: Entry) -> Entry:
    """One plotted value: what it is (a lexicon id or a year) and the number to format."""
    return {"name": name, "value": found["value"], "decimals": found.get("decimals"), "unit": found["unit"]}


def ranked(numbers: dict[str, Entry], prefix: str, column: str) -> list[Entry]:
    """<prefix>.rank1, rank2, ...: the names in ranked order with their values."""
    points = []
    place = 1
    while rank_key(prefix, place) in numbers:
        name = numbers[rank_key(prefix, place)]["value"]
        points.append(point(name, entry(numbers, rank_key(prefix, place, column))))
        place += 1
    if not points:
        raise MissingNumber(
            f"the figure needs the ranking {prefix}.rank1, ..., which its group does not compute — declare "
            f"`rank_by` for the table of prefix {prefix!r} in data/schema.yaml, or read another ranking"
        )
    return points


def sources_of(numbers: dict[str, Entry], keys: Iterable[str]) -> list[str]:
    """The sources of the numbers a figure plots, as reference ids."""
    return sorted({source for key in keys for source in entry(numbers, key)["sources"]})


def format_entry(found: Entry, strings: Strings, **options: bool | str) -> str:
    """A number as the text of that language prints it (options as in placeholders)."""
    flags = {name: "" if value is True else str(value) for name, value in options.items() if value}
    try:
        return format_value(found, flags, strings.lang, strings.table, strings.units)
    except FormatError as err:
        raise FormatError(f"{strings.where}: {err}") from None


def format_plain(found: Entry, strings: Strings) -> str:
    """Just the number, to its stated precision (259,5), for a panel that names the unit."""
    return format_number(exact(found), strings.lang)


def source_line(strings: Strings, sources: Sequence[str], note: str = "") -> str:
    """'Source: <reference>', translated; a note (how a value was derived) follows it."""
    names = "; ".join(strings.name("sources", key) for key in sources)
    line = strings.text("source.one" if len(sources) == 1 else "source.many", sources=names)
    return f"{line}. {note}" if note else line


def wrap(text: str, width: int) -> str:
    """Break a long label into as few lines as `width` characters allow, of even length."""
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    for even in range(-(-len(text) // max(len(lines), 1)), width):
        balanced = textwrap.wrap(text, width=even, break_long_words=False, break_on_hyphens=False)
        if len(balanced) == len(lines):
            return "\n".join(balanced)
    return "\n".join(lines)


@contextmanager
def style(path: str | Path) -> Iterator[None]:
    """Draw and save under the shared style figures/paper.mplstyle."""
    with matplotlib.rc_context(fname=str(path)):
        yield


def palette() -> dict[str, str]:
    """The style's colours by role: main, accent (the value the figure is about), muted."""
    colors = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    return {"main": colors[0], "accent": colors[1], "muted": colors[2], "light": colors[3]}


def new_figure(height_cm: float, source: str, **gridspec: Any) -> tuple[Figure, Any]:
    """A 16 cm wide figure with its panels and, under them, the source line."""
    fig = Figure(figsize=(WIDTH_CM * CM, height_cm * CM), layout="constrained")
    FigureCanvasAgg(fig)
    margin = fig.get_layout_engine().get()["w_pad"] / (WIDTH_CM * CM)  # from the style
    line = fig.text(
        margin, 2 / 72 / (height_cm * CM), source, fontsize=SOURCE_SIZE, color="0.35", ha="left", va="bottom"
    )
    length = line.get_window_extent(fig.canvas.get_renderer()).width / fig.bbox.width
    if length > 1 - 2 * margin:
        line.set_text(wrap(source, int(len(source) * (1 - 2 * margin) / length * 0.97)))
    lines = line.get_text().count("\n") + 1
    bottom = (SOURCE_SIZE * 1.25 * lines + 4) / 72 / (height_cm * CM)
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    axes = fig.subplots(**gridspec)
    return fig, axes


def bars(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    colors: Sequence[str] | str | None = None,
) -> list[Text]:
    """Horizontal bars, first on top, each with its value printed at its end; no x axis."""
    colors = colors or palette()["main"]
    positions = range(len(values))
    ax.barh(positions, values, height=0.66, color=colors)
    ax.set_yticks(list(positions), labels)
    ax.set_ylim(len(values) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0, pad=4)
    ax.tick_params(axis="x", bottom=False, labelbottom=False)
    ax.spines["bottom"].set_visible(False)
    texts = [
        ax.annotate(
            label, (value, y), xytext=(LABEL_GAP, 0), textcoords="offset points", ha="left", va="center"
        )
        for y, value, label in zip(positions, values, value_labels, strict=True)
    ]
    return texts


def columns(
    ax: Axes,
    positions: Sequence[float],
    values: Sequence[float],
    value_labels: Sequence[str],
    ticklabels: Sequence[str],
    width: float,
    colors: Sequence[str] | str | None = None,
    hatches: Sequence[str | None] | None = None,
) -> list[Text]:
    """Vertical columns for a few points in time, each with its value on top; no y axis."""
    colors = colors or palette()["main"]
    drawn = ax.bar(positions, values, width=width, color=colors)
    for patch, hatch in zip(drawn, hatches or [None] * len(values), strict=True):
        if hatch:
            patch.set_hatch(hatch)
            patch.set_edgecolor(palette()["main"])
            patch.set_linewidth(0.6)
    ax.set_xticks(list(positions), ticklabels)
    ax.tick_params(axis="x", length=0, pad=4)
    ax.tick_params(axis="y", left=False, labelleft=False)
    ax.spines["left"].set_visible(False)
    texts = [
        ax.annotate(
            label, (x, value), xytext=(0, LABEL_GAP), textcoords="offset points", ha="center", va="bottom"
        )
        for x, value, label in zip(positions, values, value_labels, strict=True)
    ]
    return texts


def rise(ax: Axes, labels: Sequence[Text], text: str, color: str | None = None) -> None:
    """Between two columns: an arrow from the first value to the second, and how much it grew."""
    first, last = labels[0], labels[-1]
    ax.annotate(
        "",
        xy=(0, 0.5),
        xycoords=last,
        xytext=(1, 0.5),
        textcoords=first,
        arrowprops={"arrowstyle": "->", "color": "0.35", "lw": 0.8, "shrinkA": 3, "shrinkB": 3},
    )
    ax.text(
        (first.xy[0] + last.xy[0]) / 2,
        first.xy[1] / 2,
        text,
        ha="center",
        va="center",
        color=color or palette()["accent"],
    )


def fit_labels(fig: Figure, *panels: Sequence[Text]) -> None:
    """Fit the text of each panel inside it: wrap its axis label, make room for values.

    `panels` are the value labels of each panel, as bars() and columns() return them.
    Lay the figure out first, so a panel's size is known: an axis label longer than its
    panel is broken into lines; a value label at v, w points long, ends inside a panel
    P points long when v * P / limit + w <= P, which sets the limit of the value axis.
    """
    renderer = fig.canvas.get_renderer()
    lay_out(fig, renderer)
    moved = False
    for ax in fig.axes:
        label = ax.xaxis.label
        text = label.get_text()
        length = label.get_window_extent(renderer).width
        if not text or length <= ax.get_window_extent(renderer).width:
            continue
        # Too long to centre under the plot: if category labels stand left of the plot,
        # end it at the plot's right edge so it runs under them; break it into lines if
        # it is longer than the panel still.
        label.set_visible(False)
        plot = ax.get_window_extent(renderer).width
        room = ax.get_tightbbox(renderer).width
        label.set_visible(True)
        if length > room:
            text = " ".join(text.split())
            text = wrap(text, max(10, int(len(text) * room / length * 0.95)))
        ax.set_xlabel(text, loc="right" if room > plot * 1.1 else "center")
        moved = True
    if moved:
        lay_out(fig, renderer)
    for texts in panels:
        ax = texts[0].axes
        box = ax.get_window_extent(renderer)
        horizontal = texts[0].get_ha() == "left"
        room = box.width if horizontal else box.height
        gap = LABEL_GAP * fig.dpi / 72
        limit = 0.0
        for text in texts:
            extent = text.get_window_extent(renderer)
            size = (extent.width if horizontal else extent.height) + gap * 2
            value = text.xy[0] if horizontal else text.xy[1]
            limit = max(limit, value / (1 - size / room))
        if horizontal:
            ax.set_xlim(0, limit)
        else:
            ax.set_ylim(0, limit)


def drop_layout_tables() -> None:
    """Make fontTools drop the tables of PDF_UNUSED_TABLES from every font subset it makes
    (its default list of dropped tables; fonttools is pinned in envs/requirements.txt)."""
    from fontTools import subset

    dropped = subset.Options._drop_tables_default
    subset.Options._drop_tables_default = [*dropped, *(t for t in PDF_UNUSED_TABLES if t not in dropped)]


def render(fig: Figure, fmt: str) -> bytes:
    """The figure as svg, pdf or png bytes, with no date or version in them."""
    if fmt == "pdf":
        drop_layout_tables()
    if fig.get_layout_engine() is not None:
        freeze_layout(fig)
    buffer = io.BytesIO()
    options: dict[str, Any] = {}
    if fmt == "png":
        style_dpi = matplotlib.rcParams["savefig.dpi"]
        options["dpi"] = max(PRINT_DPI, fig.dpi if style_dpi == "figure" else style_dpi)
    fig.savefig(buffer, format=fmt, metadata=METADATA[fmt], **options)
    return buffer.getvalue()


def warm_up() -> None:
    """Import what drawing a figure and saving it as SVG or PNG imports on first use (their
    backends, the style reader, Pillow's image plugins) and load the default font, regular
    and bold, so that a job forked after this (from datapaper.runner's job server) does not.

    Not the PDF backend and fontTools' subsetter (0.1-0.3 s), which only the print jobs of
    the LaTeX engine and package import: a build's first job waits for the server, and
    after a one-sentence edit the DAG is ready before the server (by 0.8 s with them,
    measured; 0.3-0.5 s without)."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.style  # noqa: F401  (a style file read by `style`: 5 ms in each job)
    from matplotlib import font_manager
    from PIL import Image

    Image.preinit()
    for weight in ("normal", "bold"):
        font_manager.get_font(font_manager.findfont(font_manager.FontProperties(weight=weight)))


def ranking_data(numbers: dict, prefix: str, column: str, last: str | None = None) -> dict:
    """What a sorted bar chart of a ranking plots: names and values largest first (`last`,
    a remainder such as "other", at the end whatever its size), the year and the sources."""
    points = ranked(numbers, prefix, column)
    points = [p for p in points if p["name"] != last] + [p for p in points if p["name"] == last]
    keys = [rank_key(prefix, place, column) for place in range(1, len(points) + 1)]
    return {
        "points": points,
        "year": entry(numbers, f"{prefix}.year")["value"],
        "sources": sources_of(numbers, keys),
        "last": last,
    }


def listing(points: Sequence[Entry], strings: "Strings", names: str, **options: bool | str) -> str:
    """Items with their values as a sentence lists them: "Alpha (1.9 million), Beta
    (1.6 million)", each value written as the figure's labels write it."""
    return ", ".join(
        f"{strings.name(names, p['name'])} ({format_entry(p, strings, **options)})" for p in points
    )


def ranking_fields(data: dict, strings: "Strings", names: str) -> dict[str, Any]:
    """The fields of a ranking's alternative text: `first` and `first_value` (the largest),
    `second`, `second_value`, `last` and `last_value` (the smallest; a remainder such as
    "other" is `rest` and `rest_value`), `count`, `year` and `items` (every item with its value)."""
    points = [p for p in data["points"] if p["name"] != data.get("last")]
    rest = [p for p in data["points"] if p["name"] == data.get("last")]
    fields: dict[str, Any] = {
        "year": data["year"],
        "count": len(points),
        "items": listing(points, strings, names),
        "first": strings.name(names, points[0]["name"]),
        "first_value": points[0],
        "second": strings.name(names, points[min(1, len(points) - 1)]["name"]),
        "second_value": points[min(1, len(points) - 1)],
        "last": strings.name(names, points[-1]["name"]),
        "last_value": points[-1],
    }
    if rest:
        fields.update(rest=strings.name(names, rest[0]["name"]), rest_value=rest[0])
    return fields


def ranking_rows(data: dict, strings: "Strings", names: str) -> list[list[str]]:
    """A ranking's numbers as the rows of a table: name, value as the figure writes it."""
    return [[strings.name(names, p["name"]), format_entry(p, strings)] for p in data["points"]]


def ranking_figure(data: dict, strings: "Strings", names: str, xlabel: str, height: float) -> Figure:
    """Horizontal bars of a ranking, labelled directly; the remainder in a muted colour."""
    fig, ax = new_figure(height, source_line(strings, data["sources"]))
    points = data["points"]
    colors = palette()
    labels = bars(
        ax,
        [strings.name(names, p["name"]) for p in points],
        [p["value"] for p in points],
        [format_entry(p, strings) for p in points],
        [colors["muted"] if p["name"] == data["last"] else colors["main"] for p in points],
    )
    ax.set_xlabel(strings.text(xlabel, year=data["year"]))
    fit_labels(fig, labels)
    return fig


def lay_out(fig: Figure, renderer: Any) -> None:
    """Place the figure's axes as a drawing would, without drawing it: its layout engine,
    then each axes shrunk to its aspect (an image's, `set_aspect`, `set_box_aspect`), as
    `Axes.draw` does; a figure without an engine is drawn without rendering. Drawing every
    artist besides took 15% of a figure job, and measured the same."""
    engine = fig.get_layout_engine()
    if engine is None:
        fig.draw_without_rendering()
        return
    engine.execute(fig)
    for ax in fig.axes:
        locator = ax.get_axes_locator()
        ax.apply_aspect(locator(ax, renderer) if locator else None)


def freeze_layout(fig: Figure) -> None:
    """Lay the figure out once, then keep that layout for every format it is saved in.

    Constrained layout would otherwise run again on each savefig (a third of the time).
    The figure is left with no layout engine, so that render does not lay it out again
    and savefig draws it once (with an engine, even set_layout_engine("none")'s
    placeholder, savefig draws it once more first): a print job saves a figure in half
    the time it took. Laid out without drawing (`lay_out`): savefig draws it.
    """
    lay_out(fig, fig.canvas.get_renderer())
    # No engine at all, not the placeholder that set_layout_engine("none") leaves: with an
    # engine, even a placeholder, every savefig first draws the figure once more.
    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)


def save(fig: Figure, paths: Iterable[str | Path]) -> None:
    """Save the figure to each path in the format its extension names."""
    for path in paths:
        fmt = Path(path).suffix.lstrip(".")
        if fmt not in FORMATS:
            raise ValueError(f"{path}: unknown figure format {fmt!r} (known: {', '.join(FORMATS)})")
        write_bytes(path, render(fig, fmt))


def outputs_for(outputs: Iterable[str], lang: str) -> list[str]:
    """The output files of one language: <name>.<lang>.svg, .pdf, .png."""
    paths = [str(p) for p in outputs if Path(p).suffixes[-2:-1] == [f".{lang}"]]
    if not paths:
        raise ValueError(f"the rule has no output for language {lang!r}")
    return paths


ALT = "alt"  # the key of a figure's alternative text in its strings: <name>.alt


def describe(name: str, describe_fields: Callable[[Any, Strings], dict], data: Any, strings: Strings) -> str:
    """A figure's alternative text in one language: its strings' `<name>.alt`, a sentence
    that says what kind of chart it is and what it shows, with the fields the figure module's
    `describe` gives (numbers formatted with a placeholder's options, as in the text)."""
    try:
        strings.node(f"{name}.{ALT}")
    except MissingString:
        raise MissingString(
            f"{strings.where}: missing string '{name}.{ALT}', the figure's alternative text — add a "
            f"sentence that says what kind of chart it is and what it shows, with the fields "
            f"{', '.join('{' + f + '}' for f in sorted(describe_fields(data, strings)))}"
        ) from None
    # One line: a label's line breaks become spaces; no-break spaces stay (values never part).
    return re.sub(r"[ \t\n]+", " ", strings.text(f"{name}.{ALT}", **describe_fields(data, strings))).strip()


def data_of(module_name: str, figure_data: Callable[[dict], Any], numbers: dict) -> Any:
    """What a figure plots, from its group's numbers (its module's `figure_data`); a number
    the group does not compute is named with the figures table."""
    try:
        return figure_data(numbers)
    except MissingNumber as err:
        raise InputError(f"{project.FIGURE_TABLE}: figure {module_name!r}: {err}") from None


def check_describes(module_name: str, module: Any) -> None:
    """A figure module has `describe(data, strings)`, the fields of its alternative text."""
    if not hasattr(module, "describe"):
        raise InputError(
            f"{project.FIGURE_TABLE}: figure module {module_name!r} has no `describe(data, strings)` "
            "— define it: it returns the fields of the figure's alternative text (`<name>.alt` of the "
            "figure strings), e.g. `fc.ranking_fields(data, strings, names)`"
        )


def alternative(name: str, module_name: str, module: Any, data: Any, words: Strings) -> dict[str, Any]:
    """One language's alternative text of a figure, and its numbers as table rows when its
    module gives `rows` (the content of build/figures/<name>.<lang>.alt.json)."""
    check_describes(module_name, module)
    text = {"alt": describe(name, module.describe, data, words)}
    if hasattr(module, "rows"):
        text["rows"] = module.rows(data, words)
    return text


def run_alt(smk: Any, modules: dict[str, Any]) -> None:
    """The alternative-text job: each figure's description in each language and its numbers
    as table rows (build/figures/<name>.<lang>.alt.json), from the numbers it draws (params
    `figures`: each figure's name, module and group; `modules`: the modules by name). Each
    language's strings are read once for every figure. Every figure's and language's
    problem is named, all at once, and nothing is written unless every description is made."""
    import json

    numbers = {Path(path).stem: path for path in smk.input.numbers}
    strings = {Path(path).stem: path for path in smk.input.strings}
    lexicons = {Path(path).parent.name: path for path in smk.input.lexicons}
    outputs = {Path(path).name: str(path) for path in smk.output}
    problems: list[str] = []
    data = {}
    for figure in smk.params.figures:
        module = modules[figure["module"]]
        try:
            check_describes(figure["module"], module)
            data[figure["name"]] = data_of(
                figure["module"], module.figure_data, read_numbers(numbers[figure["group"]])
            )
        except InputError as err:
            problems.append(str(err))
    texts = {}
    for lang in smk.params.languages:
        words = Strings.load(strings[lang], lexicons[lang], smk.input.units)
        for figure in smk.params.figures:
            name, module_name = figure["name"], figure["module"]
            if name not in data:
                continue
            path = outputs.get(f"{name}.{lang}.alt.json")
            if path is None:
                raise ValueError(f"the rule has no alternative-text output {name}.{lang}.alt.json")
            try:
                texts[path] = alternative(name, module_name, modules[module_name], data[name], words)
            except InputError as err:
                problems.append(str(err))
    if problems:
        raise InputError("\n".join(dict.fromkeys(problems)))
    with open(smk.log[0], "w", encoding="utf-8") as log:
        for path, text in texts.items():
            write_text(path, json.dumps(text, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
            log.write(f"wrote {path}\n")


def run(smk: Any, figure_data: Callable[[dict], Any], draw: Callable[[Any, Strings, str], Figure]) -> None:
    """A figure job: read the numbers once, draw and lay out every language, save each as
    SVG (output `svg`: Typst and the web page), and keep the laid-out figures (output
    `layout`) for run_print, which saves the print formats from them without drawing again."""
    data = data_of(smk.params.module, figure_data, read_numbers(smk.input.numbers))
    strings = {Path(path).stem: path for path in smk.input.strings}
    lexicons = {Path(path).parent.name: path for path in smk.input.lexicons}
    laid_out = {}
    with open(smk.log[0], "w", encoding="utf-8") as log, style(smk.input.style):
        for lang in smk.params.languages:
            if lang not in strings:
                raise ValueError(f"no strings file {project.strings_file(lang)} among the rule's inputs")
            fig = draw(data, Strings.load(strings[lang], lexicons[lang], smk.input.units), lang)
            if fig.get_layout_engine() is not None:
                freeze_layout(fig)
            paths = outputs_for(smk.output.svg, lang)
            save(fig, paths)
            log.write("".join(f"wrote {path}\n" for path in paths))
            laid_out[lang] = fig
    write_bytes(smk.output.layout, pickle.dumps(laid_out, protocol=pickle.HIGHEST_PROTOCOL))


def load_layout(path: str | Path) -> dict[str, Figure]:
    """The figure job's laid-out figures (language -> figure), each with its transforms
    linked again (relink_transforms)."""
    with open(path, "rb") as file:
        laid_out = pickle.load(file)
    for fig in laid_out.values():
        relink_transforms(fig)
    return laid_out


# What transforms_of does not look into: code, classes and modules hold no figure's
# transform, and a function's globals would lead it through all of matplotlib.
OPAQUE = (
    type,
    types.ModuleType,
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.CodeType,
)


def forget(table: dict, key: int) -> Callable[[Any], None]:
    """A weak reference's callback that removes its entry from `table` when its object goes."""
    return lambda _: table.pop(key, None)


def transforms_of(fig: Figure) -> list[TransformNode]:
    """Every transform the figure holds, found through what each object refers to."""
    seen: set[int] = set()
    stack: list[Any] = [fig]
    nodes: list[TransformNode] = []
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, OPAQUE) or isinstance(item, (str, bytes, int, float)):
            continue
        seen.add(id(item))
        if isinstance(item, TransformNode):
            nodes.append(item)
        stack.extend(gc.get_referents(item))
    return nodes


def relink_transforms(fig: Figure) -> None:
    """Key each of the figure's transforms' parents by their ids in this process, and drop
    every matrix computed before it was pickled.

    A transform tells its parents (weak references, keyed by the parent's id) when it
    changes: saving a figure sets it to the format's resolution, and each position computed
    from it is computed again. matplotlib (3.11) unpickles these keys as they were in the
    process that pickled the figure; a transform made later at such an address takes the
    key's place, and the parent it pushes out is never told. A job forked from the same
    server as the figure job allocates at the same addresses, so this happened: one PDF
    had its axis label where the 100-dpi layout placed it, not the 72-dpi page (x 338.8,
    not 226.5). Keyed by live ids (ids are unique among live objects, and a dead parent's
    key goes with it), no key can be taken; and with every matrix marked invalid, each is
    computed from the figure as it is saved."""
    nodes = transforms_of(fig)
    for node in nodes:
        parents: dict[int, weakref.ref] = {}
        for reference in node._parents.values():
            parent = reference()
            if parent is not None:
                key = id(parent)
                parents[key] = weakref.ref(parent, forget(parents, key))
        node._parents = parents
    for node in nodes:
        node.invalidate()


def run_print(smk: Any) -> None:
    """A print job: the figure job's laid-out figures (input `layout`, every language)
    saved in one print format (the LaTeX engine's and package's PDF, Word's PNG), in the
    style they were drawn in. The same bytes as drawing them again (measured on every
    figure, language and format), for 5 ms a language instead of 70.

    The layout file is the build's own (the figure job's output, in build/), never a
    paper's input: unpickling runs code, so nothing else is read this way."""
    laid_out = load_layout(smk.input.layout)
    with open(smk.log[0], "w", encoding="utf-8") as log, style(smk.input.style):
        for lang, fig in laid_out.items():
            paths = outputs_for(smk.output, lang)
            save(fig, paths)
            log.write("".join(f"wrote {path}\n" for path in paths))
