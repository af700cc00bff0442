"""datapaper.figures.lay_out places a figure's axes and texts where a drawing without
rendering places them (what fit_labels measures and freeze_layout keeps), for every kind
of panel an author may draw: fixed aspects, images, colorbars, twin and inset axes, a
legend outside, a figure without a layout engine."""

import numpy as np
import pytest
from datapaper import figures
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

LONG = "A rather long axis label that describes the measured quantity in some detail, units included"


def bars_panel():
    fig, ax = figures.new_figure(6, "Source: x")
    figures.bars(ax, ["alpha", "beta", "gamma"], [3, 2, 1], ["3 units", "2 units", "1 unit"])
    ax.set_xlabel(LONG)
    return fig


def fixed_aspect():
    fig, ax = figures.new_figure(8, "Source: x")
    ax.plot([0, 1], [0, 3])
    ax.set_aspect("equal")
    ax.set_xlabel(LONG)
    return fig


def box_aspect():
    fig = bars_panel()
    fig.axes[0].set_box_aspect(0.5)
    return fig


def image_with_colorbar():
    fig, ax = figures.new_figure(7, "Source: x")
    image = ax.imshow(np.arange(12).reshape(3, 4))
    fig.colorbar(image, ax=ax, orientation="horizontal", extend="both")
    ax.set_xlabel(LONG)
    return fig


def twin_axes():
    fig, ax = figures.new_figure(7, "Source: x")
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.twinx().plot([1, 2, 3], [10, 30, 20])
    ax.set_xlabel(LONG)
    return fig


def inset_and_legend():
    fig, ax = figures.new_figure(7, "Source: x")
    ax.plot([1, 2, 3], [3, 1, 2], label="a line")
    inset = ax.inset_axes([0.6, 0.6, 0.3, 0.3])
    inset.imshow(np.eye(3))
    fig.legend(loc="outside right upper")
    return fig


def no_engine():
    fig = Figure(figsize=(6, 3))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_aspect("equal")
    ax.set_xlabel(LONG)
    return fig


KINDS = [bars_panel, fixed_aspect, box_aspect, image_with_colorbar, twin_axes, inset_and_legend, no_engine]


def placed(fig: Figure) -> list:
    """What fit_labels measures: each axes' place and size, each axis label's size (a
    drawing then places it beside the tick labels), each text's place in its axes."""
    renderer = fig.canvas.get_renderer()
    axes = [tuple(round(v, 9) for v in ax.get_window_extent(renderer).bounds) for ax in fig.axes]
    labels = [
        tuple(round(v, 6) for v in label.get_window_extent(renderer).size)
        for ax in fig.axes
        for label in (ax.xaxis.label, ax.yaxis.label)
    ]
    texts = [
        tuple(round(v, 6) for v in text.get_window_extent(renderer).bounds)
        for ax in fig.axes
        for text in ax.texts
    ]
    return [axes, labels, texts]


@pytest.mark.parametrize("kind", KINDS, ids=[kind.__name__ for kind in KINDS])
def test_a_figure_is_laid_out_as_a_drawing_lays_it_out(kind):
    drawn, laid = kind(), kind()
    drawn.draw_without_rendering()
    figures.lay_out(laid, laid.canvas.get_renderer())
    assert placed(laid) == placed(drawn)


@pytest.mark.parametrize("kind", KINDS, ids=[kind.__name__ for kind in KINDS])
def test_fit_labels_measures_what_a_drawing_measures(kind, monkeypatch):
    """fit_labels' wrapped labels and value limits, with the figure laid out or drawn."""
    results = []
    for layout in (figures.lay_out, lambda fig, renderer: fig.draw_without_rendering()):
        monkeypatch.setattr(figures, "lay_out", layout)
        fig = kind()
        figures.fit_labels(fig, *([fig.axes[0].texts] if fig.axes[0].texts else []))
        results.append(
            [
                (ax.xaxis.label.get_text(), ax.xaxis.label.get_ha(), ax.get_xlim(), ax.get_ylim())
                for ax in fig.axes
            ]
        )
    assert results[0] == results[1]
