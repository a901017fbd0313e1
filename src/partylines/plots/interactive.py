"""The interactive scatter of a comparison, drawn by Plotly (a well-kept charting library: zoom, pan and hover
come with it, and no JavaScript is written here).

The page is self-contained (Plotly's JavaScript is embedded, so it opens offline) and byte-identical from run
to run (the chart's element id is fixed, and nothing else in it varies).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np

from .compare import NEUTRAL, SIDE_COLOURS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["compare_scatter_html"]

#: The id of the chart's element in the page.
CHART_ID = "partylines-compare"


def _hover(row, item: str, label_a: str, label_b: str, lines_a: dict, lines_b: dict) -> str:
    name = str(getattr(row, item))
    text = [f"<b>{html.escape(name)}</b>",
            f"{html.escape(label_a)}: {row.count_a} ({row.per_10k_a:.2f} per 10k) in {row.units_a} documents",
            f"{html.escape(label_b)}: {row.count_b} ({row.per_10k_b:.2f} per 10k) in {row.units_b} documents",
            f"G2 {row.g2:+.1f}, log ratio {row.log_ratio:+.2f}"]
    for label, found in ((label_a, lines_a), (label_b, lines_b)):
        line = found.get(name)
        if line:
            text.append(f"<i>{html.escape(label)}</i>: {html.escape(line)}")
    return "<br>".join(text)


def compare_scatter_html(table: pd.DataFrame, *, lines_a: dict | None = None, lines_b: dict | None = None,
                         title: str | None = None) -> str:
    """The scatter of :func:`partylines.plots.compare.plot_compare_scatter` as an HTML page: hover an item for
    its counts on both sides and one concordance line from each (``lines_a`` / ``lines_b``: item -> line, from
    :func:`partylines.corpus.concordance.first_uses`).

    Args:
        table: :func:`partylines.corpus.compare.compare`.
    """
    import plotly.graph_objects as go

    label_a, label_b = str(table.attrs.get("a", "A")), str(table.attrs.get("b", "B"))
    item = table.columns[0]
    rates = table[["per_10k_a", "per_10k_b"]].to_numpy(dtype=float)
    floor = float(np.nanmin(rates[rates > 0]) / 2) if (rates > 0).any() else 0.1
    figure = go.Figure()
    groups = ((f"more in {label_a}", table["leans"] == label_a, SIDE_COLOURS[0]),
              (f"more in {label_b}", table["leans"] == label_b, SIDE_COLOURS[1]),
              ("neither (not significant)", ~table["leans"].isin([label_a, label_b]), NEUTRAL))
    for name, chosen, colour in groups:
        rows = table[chosen]
        figure.add_trace(go.Scatter(
            x=np.maximum(rows["per_10k_a"].to_numpy(dtype=float), floor).tolist(),
            y=np.maximum(rows["per_10k_b"].to_numpy(dtype=float), floor).tolist(),
            mode="markers", name=name, marker={"color": colour, "size": 6, "opacity": 0.7},
            text=[_hover(r, item, label_a, label_b, lines_a or {}, lines_b or {}) for r in rows.itertuples(index=False)],
            hoverinfo="text"))
    high = float(max(rates.max(), floor)) * 1.6 if len(rates) else 1.0
    figure.add_trace(go.Scatter(x=[floor * 0.8, high], y=[floor * 0.8, high], mode="lines", name="same rate",
                                line={"color": "#666666", "dash": "dash", "width": 1}, hoverinfo="skip"))
    figure.update_layout(
        title=title or f"{table.attrs.get('kind', 'terms').capitalize()}: {label_a} against {label_b}",
        xaxis={"type": "log", "title": f"per 10,000 words in {label_a}"},
        yaxis={"type": "log", "title": f"per 10,000 words in {label_b}", "scaleanchor": "x"},
        template="simple_white", width=900, height=820, hoverlabel={"align": "left"},
        legend={"orientation": "h", "y": -0.12})
    return figure.to_html(include_plotlyjs=True, full_html=True, div_id=CHART_ID,
                          config={"displaylogo": False, "responsive": True})
