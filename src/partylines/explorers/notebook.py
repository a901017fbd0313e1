"""Notebooks: one explicit call sets up the session (figures shown as images, explorers static or interactive,
the output folder), instead of anything happening when the package is imported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.config import Settings, configure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["use_notebook"]


def _figure_png_base64(fig: Figure) -> str | None:
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches="tight", base64=True)


def register_figure_display(shell=None) -> bool:
    """Show matplotlib ``Figure`` objects as PNG images in a notebook (returns whether it could).

    The package draws on ``matplotlib.figure.Figure`` without ``pyplot`` (see :mod:`partylines.plots.style`),
    and IPython only learns to render figures as images when pyplot's inline backend starts; without this,
    a cell ending in ``fig`` shows ``<Figure size 700x660 with 1 Axes>``. This registers IPython's own
    ``print_figure`` for ``Figure`` (by name, so matplotlib is not imported until a figure is shown), the
    same formatter ``%matplotlib inline`` would install. :func:`use_notebook` calls it.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover
            return False
        shell = get_ipython()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters or "image/png" not in formatters:
        return False
    formatters["image/png"].for_type_by_name("matplotlib.figure", "Figure", _figure_png_base64)
    return True




def use_notebook(*, out_dir: str | Path | None = None, static: bool | None = None, background: bool = True,
                 shell=None) -> Settings:
    """Set up a notebook session: show figures as images, and say where outputs go and how explorers draw.

    Every notebook of the project calls it once, after ``import partylines as pl``, with its parameters.

    Args:
        out_dir: Root folder of figures and tables (``None``: ``reports/`` or ``PARTYLINES_REPORTS_DIR``).
        static: Explorers draw static tables and charts (``True``), interactive widgets (``False``), or decide
            by where they run (``None``). ``partylines report`` passes ``True``.
        background: Save figures in the background (:mod:`partylines.io.background`): a cell that shows and
            saves a figure returns as soon as the figure is drawn.
        shell: The IPython shell (``None``: the running one, if any).

    Returns:
        The settings now in force.
    """
    register_figure_display(shell)
    return configure(reports_dir=out_dir, static=static, background_saves=background)
