"""The concordance explorer: a query box, a context-width slider, a sort order and a match mode over
:func:`partylines.analyses.concordance.document_kwic_table`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..core.choices import Match, Sort, values
from .base import CELL, MAX_ROWS, TABLE, Explorer, esc, note

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["concordance_explorer"]


# --------------------------------------------------------------------------------------------------------
# Concordance


class ConcordanceExplorer(Explorer):
    """Keyword in context: a query box, a context-width slider and a sort order, over :func:`kwic_table`.

    Args:
        doc: A parsed document.
        query: Word or phrase to look up (what ``kwic_table`` accepts).
        window: Words of context on each side.
        sort: Order of the lines (a ``sort`` value of ``kwic_table``).
        match: How the query is read (a ``match`` value of ``kwic_table``: phrase, lemma, pattern, formulation).
        kwic: The concordance function, ``kwic(doc, query, *, window, sort, match) -> DataFrame`` with
            columns ``left, match, right``; default :func:`partylines.analyses.concordance.document_kwic_table`.
        sorts: The sort orders offered in the drop-down (default: those ``kwic_table`` accepts).
        matches: The match modes offered (default: those ``kwic_table`` accepts).
    """

    css_class = "partylines-concordance"

    def __init__(self, doc: Doc, *, query: str = "", window: int = 5, sort: str = "position", match: str = "phrase",
                 kwic: Callable | None = None, sorts: tuple[str, ...] | None = None,
                 matches: tuple[str, ...] | None = None):
        if kwic is None:
            from ..analyses.concordance import document_kwic_table as kwic
        self._kwic = kwic
        self._sorts = _with(sort, tuple(sorts) if sorts else values(Sort))
        self._matches = _with(match, tuple(matches) if matches else values(Match))
        super().__init__(doc, {"query": query, "window": int(window), "sort": sort, "match": match})

    def _compute(self) -> None:
        query = " ".join(str(self.settings["query"]).split())
        if not query:
            self.table = None
            return
        s = self.settings
        self.table = self._kwic(self.doc, query, window=int(s["window"]), sort=s["sort"], match=s["match"])

    def _results_html(self) -> str:
        query = " ".join(str(self.settings["query"]).split())
        if not query:
            return note("Type a word or a phrase to see every place it occurs.")
        table = self.table
        total = len(table)
        if total == 0:
            return note(f"No match for <b>{esc(query)}</b>.", css_class="partylines-count")
        shown = table.head(MAX_ROWS)
        more = f" (first {MAX_ROWS} shown)" if total > MAX_ROWS else ""
        rows = "".join(
            f'<tr><td style="{CELL}text-align:right;color:#333;">{esc(left)}</td>'
            f'<td style="{CELL}text-align:center;font-weight:bold;color:#0072B2;white-space:nowrap;">{esc(match)}</td>'
            f'<td style="{CELL}text-align:left;color:#333;">{esc(right)}</td></tr>'
            for left, match, right in zip(shown["left"], shown["match"], shown["right"])
        )
        head = "".join(f'<th style="{CELL}text-align:{a};">{h}</th>' for h, a in
                       (("left context", "right"), ("match", "center"), ("right context", "left")))
        count = note(f"{total} line{'s' if total != 1 else ''} for <b>{esc(query)}</b>{more}",
                      css_class="partylines-count")
        return (f'{count}<table class="partylines-table partylines-kwic" style="{TABLE}width:100%;">'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")

    def _controls(self) -> dict[str, Any]:
        import ipywidgets as w

        return {
            "query": w.Text(value=self.settings["query"], description="Query", placeholder="a word or phrase",
                            continuous_update=True, layout=w.Layout(width="320px")),
            "window": w.IntSlider(value=self.settings["window"], min=0, max=max(20, self.settings["window"]),
                                  description="Context",
                                  continuous_update=False, readout_format="d"),
            "sort": w.Dropdown(value=self.settings["sort"], options=list(self._sorts), description="Sort by",
                               layout=w.Layout(width="200px")),
            "match": w.Dropdown(value=self.settings["match"], options=list(self._matches), description="Match",
                                layout=w.Layout(width="200px")),
        }


def _with(value: str, options: tuple[str, ...]) -> tuple[str, ...]:
    """``options`` with ``value`` first if it is not among them (so a control can always show the setting)."""
    return options if value in options else (value, *options)


def concordance_explorer(doc: Doc, *, query: str | None = None, window: int = 5, sort: str = "position",
                         match: str = "phrase") -> ConcordanceExplorer:
    """An interactive concordance (keyword in context) of ``doc``.

    In JupyterLab: a query box (results update as you type), a context-width slider and a sort order. In
    headless runs and the report (static explorers): the concordance of ``query`` as a table.

    Args:
        doc: A parsed document.
        query: The word or phrase shown first; ``None`` for the document's own most frequent phrase
            (:func:`partylines.analyses.phrases.top_phrase`).
        window: Tokens of context on each side (0-20 on the slider).
        sort: Line order, a ``sort`` value of :func:`partylines.analyses.concordance.document_kwic_table`.
        match: ``"phrase"`` (words as written, any case), ``"lemma"`` (any inflection) or ``"pattern"`` (a
            spaCy token pattern in JSON).

    Returns:
        The explorer; display it (last line of a cell), or read ``.table`` / call ``.update(query=...)``.
    """
    if query is None:
        from ..analyses.phrases import top_phrase

        query = top_phrase(doc)
    return ConcordanceExplorer(doc, query=query, window=window, sort=sort, match=match)
