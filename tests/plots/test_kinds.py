"""The kinds of picture take a table's columns by role: on small hand-built tables, the bars, panels and
points drawn are read back from the figure and compared with the table written here; and the one keyword
chart (a document against its reference, two sides of a corpus: one schema) draws through the diverging chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from partylines.plots.bars import ranked_bars, sequence_bars
from partylines.plots.cloud import cloud_chart
from partylines.plots.compare import plot_keyness
from partylines.plots.diverging import diverging_bars
from partylines.plots.heatmap import grids
from partylines.plots.lines import label_peaks
from partylines.plots.network import network_chart
from partylines.plots.panels import bar_panels, line_panels, small_multiples
from partylines.plots.ranges import range_dots
from partylines.plots.scatter import corner_notes, rate_scatter
from partylines.plots.strip import strip_chart
from partylines.plots.style import PALETTE
from partylines.plots.timeline import dot_timeline

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


# Two parts of twelve words; "war" at words 1, 5 and 9, "aid" at word 3 only.
PARTS = pd.DataFrame({"part": [0, 1], "part_label": ["Opening", "Close"], "start": [0, 6], "end": [6, 12]})
POSITIONS = pd.DataFrame({"word_name": ["war", "aid", "war", "war"], "word": [1, 3, 5, 9]})


def strip(positions: pd.DataFrame, parts: pd.DataFrame, **options) -> Figure:
    return strip_chart(positions, parts, item="word_name", rows=["war", "aid"], ax=None, title="t", ylabel="y",
                       empty_message="nothing", **options)


def test_kinds_strip_chart_draws_one_tick_per_occurrence_of_each_row():
    fig = strip(POSITIONS, PARTS, names={"war": "WAR"}, colours=[RIGHT, LEFT], legend={"hawk": RIGHT})
    ax = fig.axes[0]
    ticks = [sorted(float(segment[0][0]) for segment in lines.get_segments()) for lines in ax.collections]
    assert ticks == [[1.5, 5.5, 9.5], [3.5]]  # mid-word, top row first
    assert [to_hex(lines.get_colors()[0]) for lines in ax.collections] == [RIGHT, LEFT]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["WAR (3)", "aid (1)"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["hawk"]
    assert [line.get_xdata()[0] for line in ax.lines] == [6]  # the one inner boundary


@pytest.mark.parametrize("parts", [PARTS.iloc[0:0], PARTS.assign(start=0, end=0)])
def test_kinds_strip_chart_without_parts_or_words_says_so(parts):
    fig = strip(POSITIONS, parts)
    assert "nothing" in [t.get_text() for t in fig.axes[0].texts] and not fig.axes[0].collections


def network(edges, look: str, **options) -> Figure:
    import networkx as nx

    graph = nx.Graph()
    for a, b, weight in edges:
        graph.add_edge(a, b, weight=weight)
    layout = {"a": np.array([0.0, 0.0]), "b": np.array([1.0, 0.0]), "c": np.array([0.0, 1.0])}
    return network_chart(graph, layout, look=look, sizes={"a": 300.0, "b": 100.0, "c": 50.0},
                         colours={"a": RIGHT, "b": LEFT, "c": LEFT}, ax=None, size=(6, 5), title="t",
                         subtitle="s", xlabel="x", ylabel="y", empty_message="nothing", empty_labels=("ex", "ey"),
                         **options)


@pytest.mark.parametrize("look", ["circles", "dots"])
def test_kinds_network_chart_sizes_and_colours_nodes_by_role_and_names_every_node(look):
    fig = network([("a", "b", 2.0), ("a", "c", 1.0)], look, legend={"hawk": RIGHT})
    ax = fig.axes[0]
    nodes = [c for c in ax.collections if len(c.get_offsets()) == 3][0]
    assert nodes.get_sizes().tolist() == [300.0, 100.0, 50.0]  # nodes in sorted order: a, b, c
    assert [to_hex(c) for c in nodes.get_facecolors()] == [RIGHT, LEFT, LEFT]
    assert sorted(t.get_text() for t in ax.texts if t.get_text() in "abc") == ["a", "b", "c"]
    assert (ax.get_legend() is not None) == (look == "dots")  # only the dots look has room for a legend


def test_kinds_network_chart_without_edges_says_so_with_its_own_labels():
    fig = network([], "dots")
    ax = fig.axes[0]
    assert "nothing" in [t.get_text() for t in ax.texts]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("ex", "ey")


def test_kinds_ranked_bars_mark_a_reference_value_and_give_a_legend_of_colours():
    table = pd.DataFrame({"name": ["one", "two"], "n": [15.0, 8.0], "paint": [RIGHT, LEFT]})
    fig = ranked_bars(table, top=2, label="name", value="n", colour="paint", reference=12, legend={"hawk": RIGHT},
                      ax=None, title="t", xlabel="x", ylabel="y", empty_message="nothing")
    ax = fig.axes[0]
    assert [(line.get_xdata()[0], line.get_linestyle()) for line in ax.lines] == [(12, ":")]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["hawk"]


def test_kinds_bar_panels_draw_the_top_rows_of_each_value_in_its_own_panel():
    table = pd.DataFrame({"pos": ["NOUN", "NOUN", "NOUN", "VERB"], "term": ["a", "b", "c", "d"], "n": [5, 3, 1, 2]})
    fig = bar_panels(table, panel="pos", label="term", value="n", titles={"NOUN": "nouns"}, top=2, columns=2,
                     title="t", subtitle="s", xlabel="x", ylabel="y", empty_message="nothing")
    shown = [(ax.get_title(loc="left"), [t.get_text() for t in ax.get_yticklabels()], [p.get_width() for p in ax.patches])
             for ax in fig.axes if ax.get_visible()]
    assert shown == [("nouns", ["a", "b"], [5.0, 3.0]), ("VERB", ["d"], [2.0])]


def test_kinds_cloud_chart_of_no_rows_says_so():
    rows = pd.DataFrame({"term": [], "count": []})
    fig = cloud_chart(rows, word="term", size="count", random_state=1, width=200, height=100, ax=None, title="t",
                      xlabel="x", ylabel="y", empty_message="nothing")
    assert [t.get_text() for t in fig.axes[0].texts] == ["nothing"] and not fig.axes[0].images


# Three items on a time axis: "a" used in 2001 (2 uses) and 2004 (4 uses), "b" in 2003 only (1 use).
YEARS = pd.DataFrame({"item": ["a", "a", "b"], "year": [2001, 2004, 2003], "n": [2, 4, 1]})


def test_kinds_dot_timeline_spans_each_row_from_first_to_last_time_with_sized_dots():
    fig = Figure()
    ax = fig.add_subplot()
    dot_timeline(ax, YEARS, row="item", x="year", names=["a", "b"], size="n")
    # "a" is the top row (y 1): a line from 2001 to 2004; "b" (y 0) a line of one point, 2003 to 2003.
    assert [(list(line.get_xdata()), list(line.get_ydata())) for line in ax.lines] == [
        ([2001, 2004], [1, 1]), ([2003, 2003], [0, 0])]
    dots = [(c.get_offsets().tolist(), c.get_sizes().tolist()) for c in ax.collections]
    # Size 8 + 60 * uses / 4 (the most uses of any dot): 38 and 68 for "a", 23 for "b".
    assert dots == [([[2001, 1], [2004, 1]], [38.0, 68.0]), ([[2003, 0]], [23.0])]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "a"]


def test_kinds_dot_timeline_without_spans_names_one_dot_per_row_beside_it():
    fig = Figure()
    ax = fig.add_subplot()
    firsts = pd.DataFrame({"item": ["a", "b"], "year": [2001, 2003], "note": [" (6)", " (1)"]})
    dot_timeline(ax, firsts, row="item", x="year", note="note", span=False)
    assert ax.collections[0].get_offsets().tolist() == [[2001, 1], [2003, 0]]
    assert [(t.get_text(), t.xy) for t in ax.texts] == [("a (6)", (2001, 1)), ("b (1)", (2003, 0))]
    assert ax.get_yticks().tolist() == [] and not ax.spines["left"].get_visible()
    # Room on the right for the names: 45% of the two years' span past the last dot, and one year more.
    assert ax.get_xlim() == pytest.approx((2001 - 0.04 - 0.5, 2003 + 0.9 + 1))


def test_kinds_range_dots_draw_a_line_for_ranges_and_colour_and_mark_by_group():
    table = pd.DataFrame({"v": [30.0, 5000.0], "lo": [20.0, np.nan], "hi": [40.0, np.nan], "q": ["about", "over"],
                          "name": ["troops", "dollars"], "said": ["about 20-40", "over 5,000"]})
    fig = Figure()
    ax = fig.add_subplot()
    range_dots(ax, table, value="v", low="lo", high="hi", group="q", groups=["over", "about"], label="name",
               note="said", legend_title="qualifier", ticks=lambda v: f"{v:g}")
    assert [list(line.get_xdata()) for line in ax.lines] == [[20.0, 40.0]]  # the one range, on the top row
    assert [c.get_offsets().tolist() for c in ax.collections] == [[[30.0, 1]], [[5000.0, 0]]]
    # "over" is the first group: the first colour of the palette; "about" the second.
    assert [to_hex(c.get_facecolor()[0]) for c in ax.collections] == [PALETTE[1].lower(), PALETTE[0].lower()]
    assert {t.get_position()[1]: t.get_text() for t in ax.get_yticklabels()} == {1: "troops", 0: "dollars"}
    # From half of 10 (the power of ten under 30) to 10 ** (4 + 0.6) (past 5000).
    assert ax.get_xscale() == "log" and ax.get_xlim() == pytest.approx((5.0, 10 ** 4.6))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["over", "about"]


def test_kinds_sequence_bars_draw_rows_in_order_with_part_starts_and_the_median():
    table = pd.DataFrame({"length": [4, 10, 6, 2], "part": [0, 0, 1, 1]})
    fig = sequence_bars(table, value="length", part="part", unit="words", ax=None, title="t", subtitle="s",
                        xlabel="x", ylabel="y", empty_message="nothing")
    ax = fig.axes[0]
    assert [(p.get_x() + p.get_width() / 2, p.get_height()) for p in ax.patches] == [(0, 4), (1, 10), (2, 6), (3, 2)]
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == [PALETTE[0].lower()] * 2 + [PALETTE[1].lower()] * 2
    starts = sorted(line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "-")
    assert starts == [-0.5, 1.5]  # part 0 starts at bar 0, part 1 at bar 2
    assert "median 5 words" in [t.get_text() for t in ax.texts]  # the median of 2, 4, 6, 10


def test_kinds_line_panels_draw_each_name_in_its_panel_with_one_shared_legend():
    table = pd.DataFrame({"f": ["x", "x", "y", "y"], "year": [1, 2, 1, 2], "rate": [1.0, 3.0, 2.0, 0.5],
                          "side": ["n", "n", "n", "n"]})
    fig = line_panels(table, panel="f", names=["y", "x"], x="year", y="rate", group=None, columns=2, title="t",
                      xlabel="x", ylabel="y", empty_message="nothing")
    drawn = [(ax.get_title(loc="left"), [list(line.get_ydata()) for line in ax.lines]) for ax in fig.axes]
    assert drawn == [("y", [[2.0, 0.5]]), ("x", [[1.0, 3.0]])]
    two = pd.concat([table, table.assign(side="s", rate=table["rate"] * 2)])
    fig = line_panels(two, panel="f", names=["x"], x="year", y="rate", group="side", columns=1, title="t",
                      xlabel="x", ylabel="y", empty_message="nothing")
    assert fig.axes[0].get_legend() is None and [t.get_text() for t in fig.legends[0].get_texts()] == ["n", "s"]


def test_kinds_grids_put_each_row_of_a_long_table_in_its_cell():
    table = pd.DataFrame({"t": ["a", "b", "a", "z"], "p": ["2", "1", "1", "1"], "v": [0.5, 2.0, 1.5, 9.0],
                          "count": [1, 4, 3, 7]})
    grid, counts = grids(table, row="t", column="p", value="v", names=["b", "a"], columns=["1", "2"])
    assert grid.tolist() == [[2.0, 0.0], [1.5, 0.5]]  # "z" is not among the names; b in 2 is absent: 0
    assert counts.tolist() == [[4, 0], [3, 1]]


def test_kinds_label_peaks_name_the_largest_values_of_each_series_and_end_the_axis():
    table = pd.DataFrame({"year": [1, 2, 3, 1, 2], "d": [0.1, 0.5, 0.3, 0.4, 0.2], "s": ["a", "a", "a", "b", "b"]})
    fig = Figure(layout="constrained")
    ax = fig.add_subplot()
    ax.plot(table["year"], table["d"])
    label_peaks(fig, ax, table, x="year", y="d", by="s", mark=2, top=0.9)
    assert [(t.get_text(), t.xy) for t in ax.texts] == [("2", (2, 0.5)), ("3", (3, 0.3)), ("1", (1, 0.4)),
                                                         ("2", (2, 0.2))]
    assert ax.get_ylim() == (0, 0.9)


def test_kinds_corner_notes_sit_in_opposite_corners_in_their_colours():
    ax = Figure().add_subplot()
    notes = corner_notes(ax, upper_left=("more in B", RIGHT), lower_right=("more in A", LEFT))
    assert [(n.get_text(), n.get_position(), to_hex(n.get_color())) for n in notes] == [
        ("more in B", (0.03, 0.97), RIGHT), ("more in A", (0.97, 0.03), LEFT)]
