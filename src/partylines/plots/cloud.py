"""Word clouds, the kind of picture of words sized by a number (``word=`` and ``size=`` roles):
:func:`cloud_chart` draws a table's rows as a cloud, :func:`word_cloud` the cloud itself on given axes.

Made with ``WordCloud.generate_from_frequencies`` from the table's own numbers; the wordcloud package's
tokenizer, stopword list and "collocations" are not used, so the cloud shows exactly the words of the table.
The font is matplotlib's DejaVu Sans, so the picture does not depend on the system's fonts.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .style import PALETTE, empty, finish, new_axes, style


def cloud_chart(rows: pd.DataFrame, *, word: str, size: str, random_state: int, width: int, height: int,
                ax: Axes | None, title: str, xlabel: str, ylabel: str, empty_message: str,
                subtitle: str | None = None) -> Figure:
    """Every row of ``rows`` as a word of a cloud (:func:`word_cloud`), in a figure 8 inches wide shaped like
    the ``width`` by ``height`` image; a chart that says ``empty_message`` when there are no rows."""
    with style():
        fig, ax = new_axes(ax, width=8, height=8 * height / width + 0.9)
        if rows.empty:
            empty(fig, ax, empty_message)
        else:
            word_cloud(ax, rows, word=word, size=size, random_state=random_state, width=width, height=height)
        return finish(fig, ax, title=title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)


def word_cloud(ax: Axes, table: pd.DataFrame, *, word: str, size: str, random_state: int, width: int,
               height: int) -> None:
    """Every row's ``word`` sized by its ``size`` (wordcloud's default ``relative_scaling``); placement and
    colour random from ``random_state`` (the same table gives the same picture) and meaningless; no ticks, no
    frame. ``width`` and ``height`` are the image's pixels."""
    from matplotlib import font_manager
    from wordcloud import WordCloud

    colours = PALETTE[:6]

    def colour(word, font_size, position, orientation, random_state=None, **kwargs):
        return colours[random_state.randint(0, len(colours) - 1)]

    cloud = WordCloud(
        width=width, height=height, background_color="white", random_state=random_state,
        max_words=len(table), prefer_horizontal=0.9, color_func=colour, margin=4,
        font_path=font_manager.findfont("DejaVu Sans"),
    ).generate_from_frequencies({str(t): float(c) for t, c in zip(table[word], table[size])})
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
