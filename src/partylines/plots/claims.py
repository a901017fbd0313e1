"""Charts of what the document asserts: its quantified claims, its actors and their verbs, and how hard
each section is to read."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .bars import ranked_bars
from .ranges import range_dots
from .style import PALETTE, empty, finish, new_axes, shorten, style

__all__ = ["plot_actors", "plot_claims", "plot_readability"]

NO_QUALIFIER = "(none)"


def _value_text(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:g} billion"
    if value >= 1e6:
        return f"{value / 1e6:g} million"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def _said(qualifier: str, number: str) -> str:
    """The claim as written beside its point: the number with its qualifier."""
    if qualifier == NO_QUALIFIER:
        return number
    if number.lower() in qualifier:  # "thousands of": the qualifier already says the number
        return qualifier
    return f"{qualifier} {number}"


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
        ranges = claims["kind"] == "range"
        rows = pd.DataFrame({
            "value": claims["value"].to_numpy(), "qualifier": qualifiers,
            "low": claims["low"].where(ranges).to_numpy(), "high": claims["high"].where(ranges).to_numpy(),
            "said": [_said(q, number) for q, number in zip(qualifiers, claims["number_text"])],
            "label": [shorten(f"{unit or '(no noun counted)'}", 44, 1) + f"  · s{sentence}"
                      for unit, sentence in zip(claims["unit"], claims["sentence"])],
        })
        range_dots(ax, rows, value="value", low="low", high="high", group="qualifier", label="label", note="said",
                   groups=sorted(set(qualifiers), key=lambda q: (q == NO_QUALIFIER, q)), legend_title="qualifier",
                   ticks=lambda v: _value_text(v) if v >= 1 else f"{v:g}")
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
