"""The shared look of every chart, and the small helpers every plot uses.

Figures are made with ``matplotlib.figure.Figure`` rather than ``pyplot``: no global state, nothing shown
twice in a notebook, nothing left open in a long report run. Every plot draws inside :func:`style` (one
``rc_context``), labels long text with :func:`shorten`, and finishes with :func:`finish`, which refuses a
chart without a title or axis labels. The shared colours and the names of a document's parts on an axis
live here too.
"""

from __future__ import annotations

import textwrap
from contextlib import contextmanager
from typing import TYPE_CHECKING

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

if TYPE_CHECKING:
    import pandas as pd

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": "partylines",
}
#: Categorical colours (colour-blind safe, Okabe-Ito), in a fixed order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999")
MAIN = PALETTE[0]
NEGATIVE = PALETTE[3]
#: Line colours: the house palette without its yellow, which is too pale for thin marks on white.
LINE_COLOURS = tuple(c for c in PALETTE if c != "#F0E442")
GRID = "#e6e6e6"
#: The x-axis label of by-part charts, by the unit of the parts (``attrs["unit"]`` of the table).
PART_AXIS = {
    "section": "section (in reading order)",
    "segment": "part of the document (segments of whole paragraphs, in reading order)",
    "paragraph": "paragraph (in reading order)",
}



@contextmanager
def style():
    """The rc settings every plot draws under."""
    with matplotlib.rc_context(RC):
        yield


def new_axes(ax: Axes | None, *, width: float = 7.0, height: float = 4.0) -> tuple[Figure, Axes]:
    """The given axes and its figure, or a new figure of the given size (inches) with one axes."""
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def shorten(text: str, width: int = 40, lines: int = 2) -> str:
    """Wrap a label to ``width`` characters on at most ``lines`` lines, ending with an ellipsis if cut."""
    wrapped = textwrap.wrap(" ".join(str(text).split()), width=width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def finish(fig: Figure, ax: Axes, *, title: str, xlabel: str, ylabel: str, subtitle: str | None = None) -> Figure:
    """Set title and axis labels (all required), and an optional subtitle line under the title."""
    if not (title and xlabel and ylabel):
        raise ValueError("every chart needs a title and both axis labels")
    ax.set_title(title, loc="left", pad=16 if subtitle else 6)
    if subtitle:
        ax.text(0, 1.0, subtitle, transform=ax.transAxes, ha="left", va="bottom", fontsize=8, color="#444444",
                fontweight="normal")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def empty(fig: Figure, ax: Axes, message: str) -> None:
    """Say on the chart that there is nothing to draw (instead of an empty frame)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def part_unit(table: pd.DataFrame | None) -> str:
    """The unit of a by-part table: ``"section"`` (also for a table without ``attrs``), ``"segment"`` or
    ``"paragraph"``."""
    unit = table.attrs.get("unit", "section") if table is not None else "section"
    return unit if unit in PART_AXIS else "section"


def part_tick(number: int, label: str, unit: str, width: int, lines: int) -> str:
    """A part's name on an axis: ``"3. Heading…"`` for a section; a segment or paragraph label (``"¶8–14"``)
    already says which part it is."""
    if unit == "section":
        return f"{number + 1}. " + shorten(label, width, lines)
    return shorten(label, width, lines)


def label_legend(ax: Axes, colours: dict, **placement) -> None:
    """A legend of coloured patches titled "label" (entity labels), one per name of ``colours``, in its order."""
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=colour, label=name) for name, colour in colours.items()], fontsize=8,
              frameon=False, title="label", title_fontsize=8, **placement)
