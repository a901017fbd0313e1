"""Figures saved in the background: the same bytes as a save in the foreground, the figure as it was when saved,
and a wait that returns only when every file is written."""

from __future__ import annotations

from matplotlib.figure import Figure

from partylines.core import config
from partylines.io import background
from partylines.io.export import save_figure
from partylines.io.figures import FORMATS, figure_bytes


def _figure(title: str) -> Figure:
    fig = Figure(figsize=(4, 3), layout="constrained")
    ax = fig.add_subplot()
    ax.bar(["war", "peace", "trade"], [3, 5, 2])
    ax.set_title(title)
    ax.set_xlabel("term")
    ax.set_ylabel("count")
    return fig


def test_background_saves_write_the_foreground_bytes_of_the_figure_as_it_was(tmp_path):
    fig = _figure("before")
    expected = {fmt: figure_bytes(fig, fmt) for fmt in FORMATS}
    with config.configured(background_saves=True):
        paths = save_figure(fig, "bars", doc="speech", root=tmp_path)
        fig.axes[0].set_title("changed after saving")  # the files keep the figure as it was
        assert background.wait_for_saves() == 1
    assert [p.suffix[1:] for p in paths] == list(FORMATS)
    for fmt, path in zip(FORMATS, paths):
        assert path.read_bytes() == expected[fmt], fmt
    assert background.pending() == 0 and background.wait_for_saves() == 0


def test_without_a_notebook_figures_are_saved_before_the_call_returns(tmp_path):
    paths = save_figure(_figure("now"), "bars", doc="speech", root=tmp_path)
    assert all(p.is_file() for p in paths) and background.pending() == 0


def test_a_figure_that_cannot_be_pickled_is_saved_in_the_foreground(tmp_path):
    fig = _figure("kept here")
    fig.callback_of_a_user = lambda: None  # a lambda cannot be pickled
    with config.configured(background_saves=True):
        paths = save_figure(fig, "bars", doc="speech", root=tmp_path)
        assert background.pending() == 0 and all(p.is_file() for p in paths)
    assert paths[0].read_bytes() == figure_bytes(fig, "png")


def test_savers_give_way_to_the_notebook(tmp_path):
    import os

    with config.configured(background_saves=True):
        save_figure(_figure("first"), "bars", doc="speech", root=tmp_path)  # starts the workers
        background.wait_for_saves()
    own = os.nice(0)
    worker = background._pool.submit(os.nice, 0).result()  # the niceness a worker runs at
    assert worker == min(19, own + background.SAVER_NICENESS)
