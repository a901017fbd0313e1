"""Charts of what the document asserts: its quantified claims, its actors and their verbs, and how hard
each section is to read."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from .bars import ranked_bars
from .style import PALETTE, empty, finish, new_axes, shorten, style

__all__ = ["plot_actors", "plot_claims", "plot_readability"]

_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "<", ">", "h")
NO_QUALIFIER = "(none)"


def _value_text(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:g} billion"
    if value >= 1e6:
        return f"{value / 1e6:g} million"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def plot_claims(claims: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Each claim as a point on a log scale, in reading order from the top, labelled with the thing
    counted; the qualifier is shown by colour and marker (legend), ranges as a line from low to high.

    Args:
        claims: A table from :func:`partylines.analyses.claims.claims_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    with style():
        n = len(claims)
        fig, ax = new_axes(ax, width=8.5, height=max(2.8, 0.42 * n + 1.8))
        if claims.empty:
            empty(fig, ax, "no quantified claims found")
            return finish(fig, ax, title=title or "Quantified claims", xlabel="value (log scale)", ylabel="claim")
        qualifiers = [q if q else NO_QUALIFIER for q in claims["qualifier"]]
        order = sorted(set(qualifiers), key=lambda q: (q == NO_QUALIFIER, q))
        look = {q: (PALETTE[i % len(PALETTE)], _MARKERS[i % len(_MARKERS)]) for i, q in enumerate(order)}
        positions = list(range(n))[::-1]
        values = claims["value"].astype(float).tolist()
        low = min(v for v in values if v > 0) if any(v > 0 for v in values) else 1
        high = max(values + [h for h in claims["high"].dropna().astype(float)] or [10])
        xmin, xmax = 10 ** math.floor(math.log10(low)) / 2, 10 ** (math.ceil(math.log10(high)) + 0.6)
        span = math.log10(xmax) - math.log10(xmin)
        for y, value, qualifier, row in zip(positions, values, qualifiers, claims.itertuples(index=False)):
            colour, marker = look[qualifier]
            if row.kind == "range" and not (pd.isna(row.low) or pd.isna(row.high)):
                ax.plot([row.low, row.high], [y, y], color=colour, linewidth=2.5, solid_capstyle="round")
            ax.scatter([value], [y], color=colour, marker=marker, s=46, zorder=3, edgecolor="white", linewidth=0.6)
            number = row.number_text
            if qualifier == NO_QUALIFIER:
                said = number
            elif number.lower() in qualifier:  # "thousands of": the qualifier already says the number
                said = qualifier
            else:
                said = f"{qualifier} {number}"
            right_side = (math.log10(max(value, xmin)) - math.log10(xmin)) / span < 0.6
            ax.annotate(shorten(said, 34, 1), xy=(value, y), xytext=(7 if right_side else -7, 0),
                        textcoords="offset points", va="center", ha="left" if right_side else "right",
                        fontsize=7.5, color="#333333")
        labels = []
        for row in claims.itertuples(index=False):
            unit = row.unit or "(no noun counted)"
            labels.append(shorten(f"{unit}", 44, 1) + f"  · s{row.sentence}")
        ax.set_yticks(positions, labels)
        ax.set_xscale("log")
        ax.set_xlim(xmin, xmax)
        ax.set_ylim(-0.7, n - 0.3)
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [Line2D([], [], linestyle="", marker=look[q][1], color=look[q][0], markersize=6, label=q) for q in order]
        ax.legend(handles=handles, title="qualifier", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5,
                  title_fontsize=8, frameon=False)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _value_text(v) if v >= 1 else f"{v:g}"))
        subtitle = "label: the thing counted · s = sentence number; text beside each point: the claim as written"
        return finish(fig, ax, title=title or "Quantified claims, in reading order", subtitle=subtitle,
                      xlabel="value (log scale)", ylabel="thing counted")


def plot_actors(actors: pd.DataFrame, *, ax: Axes | None = None, top: int = 10, verbs: int = 4,
                title: str | None = None) -> Figure:
    """The actors that do most, one bar each (number of actions), with their most frequent verbs.

    Args:
        actors: A table from :func:`partylines.analyses.actors.actor_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        top: Actors to show.
        verbs: Verbs listed beside each bar.
        title: Chart title.
    """
    names = list(dict.fromkeys(actors["actor"]))[:top] if not actors.empty else []
    totals, notes = [], []
    for name in names:
        rows = actors[actors["actor"] == name].sort_values(["count", "verb"], ascending=[False, True])
        totals.append(int(rows["count"].sum()))
        shown = [f"{v} ×{c}" if c > 1 else v for v, c in zip(rows["verb"], rows["count"])][:verbs]
        more = len(rows) - len(shown)
        notes.append(shorten(", ".join(shown) + (f" … +{more}" if more > 0 else ""), 70, 1))
    summary = pd.DataFrame({"actor": names, "actions": totals, "verbs": notes})
    return ranked_bars(summary, top=len(summary), value="actions", label="actor", annotation="verbs", ax=ax,
                       label_width=32, room=1.0, height=0.6, size=(9, 0.5, 1.5), min_height=2.6,
                       title=title or ("Who does what: the most active actors" if names else "Who does what"),
                       subtitle="beside each bar: its most frequent verbs (lemmas), ×count" if names else "",
                       xlabel="actions (subject-verb triples)", ylabel="actor", empty_message="no actors found")


def plot_readability(stats: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Flesch-Kincaid grade per section (bars), with mean sentence length and passive share beside each.

    Args:
        stats: A table from :func:`partylines.analyses.textstats.stats_table` (``by_section=True`` for one bar per
            section; the whole-document row works too).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    labels = ["" if pd.isna(row.section) else f"{int(row.section) + 1}. " for row in stats.itertuples(index=False)]
    grades = [max(g, 0.0) for g in stats["flesch_kincaid_grade"].astype(float).fillna(0.0)]
    bars = pd.DataFrame({
        "section": [prefix + shorten(label, 40, 1) for prefix, label in zip(labels, stats["label"])],
        "grade": grades,
        "colour": [PALETTE[0] if pd.isna(s) else PALETTE[int(s) % len(PALETTE)] for s in stats["section"]],
        "note": [f"grade {g:.1f} · {row.mean_sentence_length:.0f} words/sentence · {row.passive_share:.0%} passive"
                 for g, row in zip(grades, stats.itertuples(index=False))],
    })
    subtitle = "US school grade needed to read the text (dotted line: grade 12, end of secondary school)"
    return ranked_bars(bars, top=len(bars), value="grade", label="section", colour="colour", annotation="note", ax=ax,
                       label_width=44, room=1.1, height=0.6, reference=12, size=(8.5, 0.55, 1.5),
                       title=title or ("How hard each section is to read" if len(bars) else "Readability"),
                       subtitle=subtitle if len(bars) else "", xlabel="Flesch-Kincaid grade", ylabel="section",
                       empty_message="no sentences")
