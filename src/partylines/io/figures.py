"""A figure's bytes, the same from run to run: the one renderer behind :func:`partylines.io.export.save_figure`
and the background savers (:mod:`partylines.io.background`), so that a figure saved in either place has the
same bytes.

matplotlib stamps dates and versions into files and salts SVG ids with randomness, so :func:`figure_bytes`
removes the stamps (``metadata``), fixes ``svg.hashsalt`` and writes text as paths (SVG) or TrueType (PDF);
PNGs are written at :data:`DPI` dots per inch.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DPI", "FORMATS", "FigureFormat", "figure_bytes"]

FigureFormat = Literal["png", "svg", "pdf"]
FORMATS: tuple[FigureFormat, ...] = ("png", "svg", "pdf")
DPI = 300
_METADATA = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}


#: Figure attribute holding where its axes stood when it was first saved (it travels with a pickled figure).
_LAYOUT_START = "_partylines_layout_start"


def _fresh_layout(fig: Figure) -> None:
    """Put every axes back where it stood when the figure was first saved, so that each save lays the figure
    out from the same start.

    Constrained layout measures what sticks out of an axes (a subtitle longer than the axes are wide) at the
    axes' current size, and overwrites their positions. Laid out again from its last result, a figure
    drifts: the overflow narrows the axes, which makes the overflow larger at the next layout, until the
    axes collapse. A figure is laid out once per format, so without this the PDF (saved third) of a chart
    with a long subtitle could show collapsed axes, and every format depended on the ones saved before it.
    """
    if fig.get_layout_engine() is None:  # nothing moves the axes: positions set by hand stay as they are
        return
    start = getattr(fig, _LAYOUT_START, None)
    if start is None:
        setattr(fig, _LAYOUT_START, [(ax, ax.get_position().frozen(), ax.get_in_layout()) for ax in fig.axes])
        return
    for ax, position, in_layout in start:
        if ax in fig.axes:
            ax.set_position(position)
            ax.set_in_layout(in_layout)  # set_position takes an axes out of the layout; it stays as it was


def figure_bytes(fig: Figure, fmt: FigureFormat) -> bytes:
    """A figure rendered to bytes, without dates, versions or random ids, laid out afresh (the same bytes
    however often and in whatever order it is saved)."""
    import matplotlib

    _fresh_layout(fig)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "partylines", "svg.fonttype": "path", "pdf.fonttype": 42}):
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=_METADATA[fmt], bbox_inches="tight", pad_inches=0.15)
    return buffer.getvalue()
