"""Charts: each ``plot_*(table, *, ax=None)`` takes a table made by an analysis and returns a matplotlib
``Figure``. Plots never parse text and never save: :func:`partylines.io.export.save_figure` does that.

Modules by kind of picture draw the pictures from the roles of a table's columns (``label=``, ``value=``,
``group=``, ...): :mod:`.bars`, :mod:`.diverging` (two sides), :mod:`.heatmap`, :mod:`.strip` (dispersion),
:mod:`.lines`, :mod:`.panels` (small multiples), :mod:`.scatter`, :mod:`.timeline` (dots on a time axis),
:mod:`.ranges` (values and ranges on a log scale), :mod:`.network` (layouts and label placement),
:mod:`.cloud`; :mod:`.style` holds the shared look. One module per subject (terms, phrases, entities, ...) maps its tables' columns to
those roles and says what the chart shows.
"""

from . import claims, compare, corpus, entities, formulations, outline, phrases, terms
from .claims import *  # noqa: F403 - each chart module's ``__all__`` is its public charts
from .compare import *  # noqa: F403
from .corpus import *  # noqa: F403
from .entities import *  # noqa: F403
from .formulations import *  # noqa: F403
from .outline import *  # noqa: F403
from .phrases import *  # noqa: F403
from .terms import *  # noqa: F403

__all__ = [name for module in (claims, compare, corpus, entities, formulations, outline, phrases, terms)
           for name in module.__all__]
