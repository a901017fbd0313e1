"""The kinds of picture take a table's columns by role: on small hand-built tables, the bars, panels and
points drawn are read back from the figure and compared with the table written here; and the one keyword
chart (a document against its reference, two sides of a corpus: one schema) draws through the diverging chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from partylines.plots.bars import ranked_bars
from partylines.plots.compare import plot_keyness
from partylines.plots.diverging import diverging_bars
from partylines.plots.panels import small_multiples
from partylines.plots.scatter import rate_scatter

# Two sides, written strongest first within each; "calm" is on neither side.
SIDES = pd.DataFrame({
    "word": ["war", "army", "fleet", "calm", "peace", "trade", "aid"],
    "score": [9.0, 5.0, 2.0, 0.5, -8.0, -4.0, -1.0],
    "camp": ["hawk", "hawk", "hawk", "none", "dove", "dove", "dove"],
})
RIGHT, LEFT = "#111111", "#eeeeee"


def bars_of(fig: Figure) -> list[tuple[str, float, str]]:
    """(name, length, colour) of each bar, top to bottom."""
    ax = fig.axes[0]
    names = {round(t.get_position()[1]): t.get_text() for t in ax.get_yticklabels()}
    bars = sorted(ax.patches, key=lambda p: -(p.get_y() + p.get_height() / 2))
    return [(names[round(p.get_y() + p.get_height() / 2)], p.get_width(), to_hex(p.get_facecolor())) for p in bars]


def diverging(table: pd.DataFrame, top: int, **options) -> Figure:
    return diverging_bars(table, label="word", value="score", side="camp", sides=("hawk", "dove"),
                          colours=(RIGHT, LEFT), top=top, ax=None, title="t", xlabel="x", ylabel="y", subtitle=None,
                          empty_message="nothing", **options)


@pytest.mark.parametrize("fit", [True, False])
def test_kinds_diverging_bars_draws_the_first_rows_of_each_side(fit):
    fig = diverging(SIDES, 2, fit=fit)
    # The right side's two strongest from the top, then the left side's two, the strongest at the bottom.
    assert bars_of(fig) == [("war", 9.0, RIGHT), ("army", 5.0, RIGHT), ("trade", -4.0, LEFT), ("peace", -8.0, LEFT)]


def test_kinds_diverging_bars_annotates_and_divides_the_sides():
    fig = diverging(SIDES, 1, annotation=lambda rows: [f"<{w}>" for w in rows["word"]], divider=True)
    ax = fig.axes[0]
    assert [a.get_text() for a in ax.texts] == ["<war>", "<peace>"]
    dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert len(dotted) == 1 and dotted[0].get_ydata()[0] == 0.5  # between the bar at y 1 and the bar at y 0


def test_kinds_diverging_bars_one_side_only_has_no_divider_and_an_empty_table_says_so():
    hawks = diverging(SIDES[SIDES["camp"] == "hawk"], 5, divider=True)
    assert [name for name, _, _ in bars_of(hawks)] == ["war", "army", "fleet"]
    assert not [line for line in hawks.axes[0].lines if line.get_linestyle() == ":"]
    nothing = diverging(SIDES.iloc[0:0], 5)
    assert not nothing.axes[0].patches and [t.get_text() for t in nothing.axes[0].texts] == ["nothing"]


def test_kinds_the_keyword_chart_is_the_diverging_chart(monkeypatch):
    """plot_keyness maps the comparison schema's columns onto the diverging chart's roles."""
    import partylines.plots.compare as compare

    calls = []

    def spy(table, **roles):
        calls.append({k: roles[k] for k in ("label", "value", "side", "sides")} | {"rows": list(table.iloc[:, 0])})
        return Figure()

    monkeypatch.setattr(compare, "diverging_bars", spy)
    sides = pd.DataFrame({"lemma": ["x", "y", "z", "w"], "g2": [4.0, -6.0, 9.0, 0.1], "leans": ["A", "B", "A", ""]})
    sides.attrs.update(a="A", b="B")
    plot_keyness(sides)
    assert calls == [  # the rows leaning to a side only, strongest first
        {"label": "lemma", "value": "g2", "side": "leans", "sides": ("A", "B"), "rows": ["z", "x", "y"]},
    ]


def test_kinds_ranked_bars_take_label_colour_and_annotation_by_role():
    table = pd.DataFrame({"name": ["one", "two", "three"], "n": [7, 4, 4], "paint": [RIGHT, LEFT, RIGHT]})
    fig = ranked_bars(table, top=2, label="name", value="n", colour="paint",
                      annotation=lambda rows: [f"{n} times" for n in rows["n"]], ax=None, title="t", xlabel="x",
                      ylabel="y", empty_message="nothing")
    # "two" and "three" tie at the cut of 2: both are kept, and the subtitle says so.
    assert bars_of(fig) == [("one", 7.0, RIGHT), ("two", 4.0, LEFT), ("three", 4.0, RIGHT)]
    assert [t.get_text() for t in fig.axes[0].texts][:3] == ["7 times", "4 times", "4 times"]


def test_kinds_small_multiples_give_each_panel_the_rows_of_its_value():
    table = pd.DataFrame({"pos": ["NOUN", "VERB", "NOUN", "ADJ"], "term": ["a", "b", "c", "d"]})
    seen = []
    fig = Figure()
    axes = small_multiples(fig, table, panel="pos", names=["NOUN", "ADJ", "VERB"], columns=2,
                           draw=lambda ax, number, name, rows: seen.append((number, name, list(rows["term"]))))
    assert seen == [(0, "NOUN", ["a", "c"]), (1, "ADJ", ["d"]), (2, "VERB", ["b"])]
    assert len(axes) == 4 and [ax.get_visible() for ax in axes] == [True, True, True, False]


def test_kinds_rate_scatter_puts_unused_items_on_the_floor_and_the_background_first():
    table = pd.DataFrame({"a": [4.0, 0.0, 10.0], "b": [1.0, 2.0, 0.0], "paint": [RIGHT, LEFT, LEFT]})
    fig = Figure()
    ax = fig.add_subplot()
    points = rate_scatter(ax, table, x="a", y="b", colour="paint", background=LEFT)
    # The smallest rate above 0 is 1.0, so the floor is 0.5.
    assert points.tolist() == [[4.0, 1.0], [0.5, 2.0], [10.0, 0.5]]
    drawn = ax.collections[0]
    assert np.allclose(drawn.get_offsets(), [[0.5, 2.0], [10.0, 0.5], [4.0, 1.0]])  # background, then the rest
    assert ax.get_xscale() == ax.get_yscale() == "log"
