"""Interactive explorers for the notebooks: a concordance, a term list with its chart, and an entity browser.

A face, like the command line: an explorer holds a few settings (a query, a context width, a part-of-speech
filter, ...), recomputes its table with the package's own analyses when a setting changes, and shows the
result. Each one is a small object that works in three places:

* **Code and tests**: ``explorer.update(query="reform")`` recomputes and returns ``explorer.table``, with no
  browser and no widgets involved (the analyses are passed in as callables, so tests inject small fakes).
* **JupyterLab with a live kernel**: displaying the explorer shows ipywidgets controls (text box, sliders,
  drop-downs, a list) wired to :meth:`Explorer.update`; the results redraw as the reader types or drags.
  The widget output also carries a static HTML copy of the results for front ends that cannot draw widgets.
* **Headless runs and the report**: with ``PARTYLINES_STATIC=1`` (set by ``partylines report``), outside an
  IPython kernel, or when ipywidgets is missing, displaying the explorer shows plain outputs instead: the
  results table as HTML and, for the term explorer, the chart as a PNG image. Nothing fails, nothing waits.

``PARTYLINES_STATIC=0`` forces the interactive version wherever a kernel runs.

Why not ``ipywidgets.interact``: it rebuilds its output area on every change and cannot be driven from code
or tested without a kernel; explicit controls wired to ``update`` can, and keep the object inspectable
(``explorer.table`` is always the table on screen, ready for :func:`partylines.save_table`).
"""

from __future__ import annotations

import html
import io
import os
from typing import TYPE_CHECKING, Any, Callable

from .errors import PartylinesError, UsageError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from spacy.tokens import Doc

#: Values of ``PARTYLINES_STATIC`` that switch explorers to their static version (and off again).
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})

#: Most rows an explorer draws at once; the table itself (``explorer.table``) is never cut.
MAX_ROWS = 200

#: Part-of-speech choices of the term explorer: a few groups, then single tags (added per document).
POS_GROUPS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("all parts of speech", None),
    ("nouns and proper nouns", ("NOUN", "PROPN")),
    ("content words (noun, proper noun, verb, adjective, adverb)", ("NOUN", "PROPN", "VERB", "ADJ", "ADV")),
)
_POS_NAMES = {
    "ADJ": "adjectives", "ADP": "adpositions", "ADV": "adverbs", "AUX": "auxiliaries",
    "CCONJ": "coordinating conjunctions", "DET": "determiners", "INTJ": "interjections", "NOUN": "nouns",
    "NUM": "numerals", "PART": "particles", "PRON": "pronouns", "PROPN": "proper nouns",
    "SCONJ": "subordinating conjunctions", "SYM": "symbols", "VERB": "verbs", "X": "other",
}

_CELL = "padding:2px 6px;border-bottom:1px solid #e5e5e5;vertical-align:top;"
_TABLE = "border-collapse:collapse;font-size:12px;line-height:1.35;"


def static_mode() -> bool:
    """Whether explorers show their static version here.

    ``PARTYLINES_STATIC`` decides when it is set (``1``/``true`` static, ``0``/``false`` interactive);
    otherwise explorers are interactive only inside an IPython kernel (a notebook or console with a front
    end) and where ipywidgets can be imported.
    """
    flag = os.environ.get("PARTYLINES_STATIC", "").strip().lower()
    if flag in _TRUE:
        return True
    try:
        import ipywidgets  # noqa: F401
    except ImportError:  # pragma: no cover - ipywidgets is a dependency; this is for trimmed environments
        return True
    if flag in _FALSE:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return True
    shell = get_ipython()
    return shell is None or getattr(shell, "kernel", None) is None


# --------------------------------------------------------------------------------------------------------
# HTML pieces (escaped; the same markup serves the widgets and the static outputs)


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _note(text: str, *, css_class: str = "partylines-note") -> str:
    return f'<p class="{css_class}" style="margin:4px 0;color:#444;">{text}</p>'


def _table_html(frame: pd.DataFrame, *, align: dict[str, str] | None = None, formats: dict[str, str] | None = None,
                css_class: str = "partylines-table") -> str:
    """A plain HTML table of ``frame`` (no index), every cell escaped."""
    align = align or {}
    formats = formats or {}
    head = "".join(
        f'<th style="{_CELL}text-align:{align.get(c, "left")};font-weight:bold;">{_esc(c)}</th>' for c in frame.columns
    )
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, values):
            text = format(value, formats[column]) if column in formats else value
            cells.append(f'<td style="{_CELL}text-align:{align.get(column, "left")};">{_esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{css_class}" style="{_TABLE}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _clip(text: Any, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    text = "" if text is None else str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _mark(text: str, surfaces: list[str]) -> str:
    """``text`` escaped, with every occurrence of each surface string wrapped in ``<mark>``."""
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    for surface in sorted({s for s in surfaces if s}, key=len, reverse=True):
        start = lowered.find(surface.lower())
        while start != -1:
            end = start + len(surface)
            if all(end <= a or start >= b for a, b in spans):
                spans.append((start, end))
            start = lowered.find(surface.lower(), end)
    out, last = [], 0
    for a, b in sorted(spans):
        out.append(_esc(text[last:a]) + "<mark>" + _esc(text[a:b]) + "</mark>")
        last = b
    return "".join(out) + _esc(text[last:])


def figure_png(fig: Figure, *, dpi: int = 100) -> bytes:
    """A figure as PNG bytes for the screen (the files on disk are written by :func:`partylines.save_figure`)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1)
    return buffer.getvalue()


def _figure_png_base64(fig: Figure) -> str | None:
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches="tight", base64=True)


def register_figure_display(shell=None) -> bool:
    """Show matplotlib ``Figure`` objects as PNG images in a notebook (returns whether it could).

    The package draws on ``matplotlib.figure.Figure`` without ``pyplot`` (see :mod:`partylines.plots.style`),
    and IPython only learns to render figures as images when pyplot's inline backend starts; without this,
    a cell ending in ``fig`` shows ``<Figure size 700x660 with 1 Axes>``. This registers IPython's own
    ``print_figure`` for ``Figure`` (by name, so matplotlib is not imported until a figure is shown), the
    same formatter ``%matplotlib inline`` would install. ``import partylines`` calls it inside IPython.
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


# --------------------------------------------------------------------------------------------------------
# The common machinery


class Explorer:
    """Settings -> table (-> figure), shown as widgets or as static outputs.

    Subclasses set :attr:`settings` (name -> value), implement :meth:`_compute` (fills :attr:`table`, and
    :attr:`figure` where there is one), :meth:`_results_html` and :meth:`_controls`.
    """

    #: Class added to the outer widget box, so a browser test (or a stylesheet) can find each explorer.
    css_class = "partylines-explorer"
    #: Settings whose ``None`` ("all") a drop-down holds as ``""``: ipywidgets takes ``None`` for "no selection".
    nullable: tuple[str, ...] = ()

    def __init__(self, doc: Doc, settings: dict[str, Any]):
        self.doc = doc
        self.settings = dict(settings)
        self.table: pd.DataFrame | None = None
        self.figure: Figure | None = None
        self.message: str | None = None
        self._widget = None
        self._controls_by_name: dict[str, Any] = {}
        self._syncing = False
        self._refresh()

    # -- logic ------------------------------------------------------------------------------------------
    def update(self, **changes: Any) -> pd.DataFrame:
        """Change settings, recompute and redraw; returns the new :attr:`table`.

        Raises:
            UsageError: for a setting this explorer does not have.
        """
        unknown = sorted(set(changes) - set(self.settings))
        if unknown:
            raise UsageError(f"{type(self).__name__} has no setting '{unknown[0]}'; settings: {', '.join(self.settings)}")
        self.settings.update(changes)
        self._refresh()
        if self._widget is not None:
            self._sync_controls()
            self._redraw()
        return self.table

    def _refresh(self) -> None:
        """Recompute; a user error (a bad query, an unknown tag) becomes :attr:`message`, not an exception."""
        self.message = None
        try:
            self._compute()
        except PartylinesError as error:
            self.message = str(error)
            self._clear()

    def _compute(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _clear(self) -> None:
        self.table = self.table.iloc[0:0] if self.table is not None else None
        self.figure = None

    def _results_html(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _controls(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def results_html(self) -> str:
        """What the results area shows now, as HTML (an error message in place of the table if there is one)."""
        if self.message:
            return _note(f"<b>{_esc(self.message)}</b>", css_class="partylines-message")
        return self._results_html()

    # -- widgets ----------------------------------------------------------------------------------------
    @property
    def widget(self):
        """The ipywidgets view (built on first use): controls on top, results below."""
        if self._widget is None:
            self._widget = self._build()
        return self._widget

    @property
    def controls(self) -> dict[str, Any]:
        """Setting name -> its control widget (builds the widgets if needed)."""
        self.widget  # noqa: B018 - builds on first use
        return self._controls_by_name

    def _build(self):
        import ipywidgets as w

        self._controls_by_name = self._controls()
        for name, control in self._controls_by_name.items():
            control.observe(self._on_change(name), names="value")
        self._results = w.HTML(value=self.results_html(), layout=w.Layout(max_height="520px", overflow="auto"))
        self._results.add_class("partylines-results")
        parts = [w.HBox(list(self._top_row()), layout=w.Layout(flex_flow="row wrap", align_items="center"))]
        parts.extend(self._extra_rows())
        parts.append(self._output_area())
        box = w.VBox(parts)
        box.add_class(self.css_class)
        box.add_class("partylines-explorer")
        return box

    def _top_row(self):
        return self._controls_by_name.values()

    def _extra_rows(self) -> list:
        return []

    def _output_area(self):
        return self._results

    def _on_change(self, name: str) -> Callable[[dict], None]:
        def handler(change: dict) -> None:
            if not self._syncing:
                value = change["new"]
                self.update(**{name: None if name in self.nullable and value == "" else value})

        return handler

    def _widget_value(self, name: str) -> Any:
        value = self.settings[name]
        return "" if name in self.nullable and value is None else value

    def _sync_controls(self) -> None:
        """Show settings changed from code on the controls (a value a control cannot take is left alone)."""
        from traitlets import TraitError

        self._syncing = True
        try:
            for name, control in self._controls_by_name.items():
                if control.value != self._widget_value(name):
                    try:
                        control.value = self._widget_value(name)
                    except TraitError:
                        pass
        finally:
            self._syncing = False

    def _redraw(self) -> None:
        self._results.value = self.results_html()

    # -- display ----------------------------------------------------------------------------------------
    def _static_outputs(self) -> list:
        """Objects displayed one after another in static mode (default: the results HTML)."""
        return [_Html(self.results_html())]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if static_mode():
            for item in self._static_outputs():
                display(item)
            return
        bundle = dict(self.widget._repr_mimebundle_())
        # Front ends without a widget manager (nbconvert without widget state, GitHub) show this instead.
        bundle["text/html"] = self.results_html()
        display(bundle, raw=True)

    def __repr__(self) -> str:
        rows = 0 if self.table is None else len(self.table)
        settings = ", ".join(f"{k}={v!r}" for k, v in self.settings.items())
        return f"<{type(self).__name__} {settings}: {rows} rows>"


class _Html:
    """A bit of HTML with a plain-text fallback, for ``display``."""

    def __init__(self, markup: str, text: str = ""):
        self.markup = markup
        self.text = text

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.text or "(see the HTML output)"


def _default(module: str, name: str) -> Callable:
    """An analysis or plot function of this package, imported when first needed."""
    import importlib

    return getattr(importlib.import_module(f".{module}", __package__), name)


# --------------------------------------------------------------------------------------------------------
# Concordance


class ConcordanceExplorer(Explorer):
    """Keyword in context: a query box, a context-width slider and a sort order, over :func:`kwic_table`.

    Args:
        doc: A parsed document.
        query: Word or phrase to look up (what ``kwic_table`` accepts).
        window: Words of context on each side.
        sort: Order of the lines (a ``sort`` value of ``kwic_table``).
        match: How the query is read (a ``match`` value of ``kwic_table``: phrase, lemma, pattern).
        kwic: The concordance function, ``kwic(doc, query, *, window, sort, match) -> DataFrame`` with
            columns ``left, match, right``; default :func:`partylines.concordance.kwic_table`.
        sorts: The sort orders offered in the drop-down (default: those ``kwic_table`` accepts).
        matches: The match modes offered (default: those ``kwic_table`` accepts).
    """

    css_class = "partylines-concordance"

    def __init__(self, doc: Doc, *, query: str = "", window: int = 5, sort: str = "position", match: str = "phrase",
                 kwic: Callable | None = None, sorts: tuple[str, ...] | None = None,
                 matches: tuple[str, ...] | None = None):
        self._kwic = kwic or _default("concordance", "kwic_table")
        self._sorts = _with(sort, tuple(sorts) if sorts else _literal_values("concordance", "Sort", ("position",)))
        self._matches = _with(match, tuple(matches) if matches else _literal_values("concordance", "Match", ("phrase",)))
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
            return _note("Type a word or a phrase to see every place it occurs.")
        table = self.table
        total = len(table)
        if total == 0:
            return _note(f"No match for <b>{_esc(query)}</b>.", css_class="partylines-count")
        shown = table.head(MAX_ROWS)
        more = f" (first {MAX_ROWS} shown)" if total > MAX_ROWS else ""
        rows = "".join(
            f'<tr><td style="{_CELL}text-align:right;color:#333;">{_esc(left)}</td>'
            f'<td style="{_CELL}text-align:center;font-weight:bold;color:#0072B2;white-space:nowrap;">{_esc(match)}</td>'
            f'<td style="{_CELL}text-align:left;color:#333;">{_esc(right)}</td></tr>'
            for left, match, right in zip(shown["left"], shown["match"], shown["right"])
        )
        head = "".join(f'<th style="{_CELL}text-align:{a};">{h}</th>' for h, a in
                       (("left context", "right"), ("match", "center"), ("right context", "left")))
        count = _note(f"{total} line{'s' if total != 1 else ''} for <b>{_esc(query)}</b>{more}",
                      css_class="partylines-count")
        return (f'{count}<table class="partylines-table partylines-kwic" style="{_TABLE}width:100%;">'
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


def _literal_values(module: str, name: str, fallback: tuple[str, ...]) -> tuple[str, ...]:
    """The values of a ``Literal`` type alias in a module of this package (fallback when it has none)."""
    import importlib
    import typing

    try:
        alias = getattr(importlib.import_module(f".{module}", __package__), name)
    except (ImportError, AttributeError):
        return fallback
    values = tuple(str(v) for v in typing.get_args(alias))
    return values or fallback


def concordance_explorer(doc: Doc, *, query: str = "party diplomacy", window: int = 5, sort: str = "position",
                         match: str = "phrase") -> ConcordanceExplorer:
    """An interactive concordance (keyword in context) of ``doc``.

    In JupyterLab: a query box (results update as you type), a context-width slider and a sort order. In
    headless runs and the report (``PARTYLINES_STATIC=1``): the concordance of ``query`` as a table.

    Args:
        doc: A parsed document.
        query: The word or phrase shown first.
        window: Tokens of context on each side (0-20 on the slider).
        sort: Line order, a ``sort`` value of :func:`partylines.concordance.kwic_table`.
        match: ``"phrase"`` (words as written, any case), ``"lemma"`` (any inflection) or ``"pattern"`` (a
            spaCy token pattern in JSON).

    Returns:
        The explorer; display it (last line of a cell), or read ``.table`` / call ``.update(query=...)``.
    """
    return ConcordanceExplorer(doc, query=query, window=window, sort=sort, match=match)


# --------------------------------------------------------------------------------------------------------
# Terms


class TermExplorer(Explorer):
    """The most frequent terms, as a table and a bar chart that change together.

    Args:
        doc: A parsed document.
        pos: Part-of-speech filter: ``None`` (all) or a tuple of universal tags.
        keep_stopwords: Keep function words such as *the*, *of*, *and*.
        top: Terms shown (table rows and chart bars).
        by: Count lemmas, lowercased words or words as written (``"lemma"`` / ``"lower"`` / ``"text"``).
        stopwords: More words to leave out, always (a notebook's stopword file).
        terms: ``terms(doc, *, by, pos, keep_stopwords[, stopwords]) -> DataFrame`` with at least
            ``term, count``; default :func:`partylines.frequencies.term_table`.
        plot: ``plot(table, *, top) -> Figure`` drawing the first ``top`` rows; default
            :func:`partylines.plots.terms.plot_top_terms`.
    """

    css_class = "partylines-terms"
    nullable = ("pos",)
    columns = ("rank", "term", "count", "per_1k", "range", "dp", "pos")

    def __init__(self, doc: Doc, *, pos: tuple[str, ...] | None = None, keep_stopwords: bool = False, top: int = 20,
                 by: str = "lemma", stopwords: tuple[str, ...] | frozenset[str] = (), terms: Callable | None = None,
                 plot: Callable | None = None):
        self.stopwords = frozenset(stopwords or ())
        self._terms = terms or _default("frequencies", "term_table")
        self._plot = plot or _default("plots.terms", "plot_top_terms")
        self._cache: dict[tuple, pd.DataFrame] = {}
        self._pos_options = pos_choices(doc)
        pos = tuple(pos) if pos else None
        if pos not in [value for _, value in self._pos_options]:
            self._pos_options.append((", ".join(pos), pos))
        self.full_table: pd.DataFrame | None = None
        super().__init__(doc, {"pos": pos, "keep_stopwords": bool(keep_stopwords), "top": int(top), "by": by})

    def _compute(self) -> None:
        s = self.settings
        key = (s["by"], s["pos"], s["keep_stopwords"])
        if key not in self._cache:  # the slider only cuts the table: no recount when only ``top`` moves
            options = {"stopwords": self.stopwords} if self.stopwords else {}
            self._cache[key] = self._terms(self.doc, by=s["by"], pos=list(s["pos"]) if s["pos"] else None,
                                           keep_stopwords=s["keep_stopwords"], **options)
        self.full_table = self._cache[key]
        top = max(1, int(s["top"]))
        self.table = self.full_table.head(top).reset_index(drop=True)
        self.figure = self._plot(self.full_table, top=top)

    def _results_html(self) -> str:
        table = self.table
        if table is None or table.empty:
            return _note("No terms with these settings.", css_class="partylines-count")
        columns = [c for c in self.columns if c in table.columns] or list(table.columns)
        shown = table[columns]
        formats = {c: ".2f" for c in ("per_1k", "dp") if c in columns}
        align = {c: "right" for c in columns if c not in ("term", "pos")}
        words = {"lemma": "lemmas", "lower": "words", "text": "word forms"}.get(self.settings["by"], "terms")
        count = _note(f"Top {len(table)} of {len(self.full_table)} {words}", css_class="partylines-count")
        return count + _table_html(shown, align=align, formats=formats)

    def _controls(self) -> dict[str, Any]:
        import ipywidgets as w

        return {
            "pos": w.Dropdown(options=[(label, "" if value is None else value) for label, value in self._pos_options],
                              value=self._widget_value("pos"), description="Part of speech",
                              style={"description_width": "initial"}, layout=w.Layout(width="380px")),
            "keep_stopwords": w.Checkbox(value=self.settings["keep_stopwords"], description="keep stopwords",
                                         indent=False, layout=w.Layout(width="140px")),
            "top": w.IntSlider(value=self.settings["top"], min=1, max=max(100, self.settings["top"]),
                               description="Top", continuous_update=False),
            "by": w.ToggleButtons(options=[("lemmas", "lemma"), ("words", "lower"), ("as written", "text")],
                                  value=self.settings["by"], tooltips=["dictionary forms (parties -> party)",
                                                                       "lowercased words", "words as written"],
                                  style={"button_width": "90px"}),
        }

    def _output_area(self):
        import ipywidgets as w

        self._image = w.Image(value=figure_png(self.figure) if self.figure is not None else b"", format="png",
                              layout=w.Layout(flex="1 1 360px", min_width="0", max_width="700px", height="auto",
                                              object_fit="contain"))
        self._image.add_class("partylines-chart")
        self._results.layout = w.Layout(flex="0 0 auto", max_height="720px", overflow="auto")
        return w.HBox([self._results, self._image], layout=w.Layout(align_items="flex-start"))

    def _redraw(self) -> None:
        super()._redraw()
        self._image.value = figure_png(self.figure) if self.figure is not None else b""

    def _static_outputs(self) -> list:
        from IPython.display import Image

        outputs = [_Html(self.results_html(), text=self.table.to_string() if self.table is not None else "")]
        if self.figure is not None:
            outputs.append(Image(data=figure_png(self.figure), format="png"))
        return outputs


def pos_choices(doc: Doc) -> list[tuple[str, tuple[str, ...] | None]]:
    """The term explorer's part-of-speech options: the groups, then each content tag the document uses.

    Single tags are listed by how many words carry them (most first), named in words with the count:
    ``("nouns · NOUN (1,234)", ("NOUN",))``. Punctuation, spaces and symbols are not offered.
    """
    from collections import Counter

    counts = Counter(t.pos_ for t in doc if t.is_alpha and t.pos_)
    tags = sorted((tag for tag in counts if tag in _POS_NAMES), key=lambda tag: (-counts[tag], tag))
    return list(POS_GROUPS) + [(f"{_POS_NAMES[tag]} · {tag} ({counts[tag]:,})", (tag,)) for tag in tags]


def term_explorer(doc: Doc, *, pos: tuple[str, ...] | None = None, keep_stopwords: bool = False,
                  top: int = 20, by: str = "lemma", stopwords: tuple[str, ...] | frozenset[str] = ()) -> TermExplorer:
    """An interactive list of the most frequent terms with its bar chart.

    In JupyterLab: a part-of-speech filter, a stopword toggle, a top-N slider and a lemmas/words switch;
    the table and the chart redraw together. In headless runs and the report: the table and the chart.

    Args:
        doc: A parsed document.
        pos: Universal POS tags to keep first (``("NOUN", "PROPN")``); ``None`` keeps all.
        keep_stopwords: Start with stopwords kept.
        top: Terms shown (1-100 on the slider).
        by: ``"lemma"``, ``"lower"`` or ``"text"`` (a switch in the explorer).
        stopwords: More words to leave out throughout (e.g. ``pl.read_stopwords(path)``).

    Returns:
        The explorer; display it, or read ``.table`` / ``.figure`` and call ``.update(top=30)``.
    """
    return TermExplorer(doc, pos=tuple(pos) if pos else None, keep_stopwords=keep_stopwords, top=top, by=by,
                        stopwords=stopwords)


# --------------------------------------------------------------------------------------------------------
# Entities


class EntityExplorer(Explorer):
    """Named entities by label; select one to read every sentence that mentions it.

    Args:
        doc: A parsed document.
        label: Entity label shown first (``None``: all labels).
        entity: Entity selected first, a name or an ``(entity, label)`` pair (``None``: the most frequent of
            the shown ones); after each update ``settings["entity"]`` is the selected pair.
        labels: Entity labels to list at all (``entity_table``'s ``labels``; ``None``: the name labels).
        aliases: An alias file or mapping, as for ``entity_table``.
        entities: ``entities(doc, *, labels, aliases) -> DataFrame`` with at least ``entity, label, count``;
            default :func:`partylines.entities.entity_table`.
        mentions: ``mentions(doc, *, labels, aliases) -> DataFrame`` with ``entity, label, surface, sentence`` (``sentence`` a
            ``doc.sents`` index or the sentence text); default :func:`partylines.entities.entity_mentions`.
        sentences: ``sentences(doc) -> DataFrame`` with ``sentence, label, text``; default
            :func:`partylines.structure.sentence_table`.
    """

    css_class = "partylines-entities"
    nullable = ("label",)
    columns = ("entity", "label", "count", "range")

    def __init__(self, doc: Doc, *, label: str | None = None, entity: str | None = None,
                 labels: list[str] | None = None, aliases: Any = None, entities: Callable | None = None,
                 mentions: Callable | None = None, sentences: Callable | None = None):
        options = {"labels": labels, "aliases": aliases}
        self.all_entities: pd.DataFrame = (entities or _default("entities", "entity_table"))(doc, **options)
        self.all_mentions: pd.DataFrame = (mentions or _default("entities", "entity_mentions"))(doc, **options)
        self._sentences = (sentences or _default("structure", "sentence_table"))(doc)
        self.sentences: pd.DataFrame | None = None
        super().__init__(doc, {"label": label, "entity": entity})

    def labels(self) -> list[tuple[str, str | None]]:
        """Label filter options: ``("all labels (n)", None)`` then ``("ORG (n)", "ORG")`` by count."""
        counts = self.all_entities.groupby("label")["entity"].count()
        order = sorted(counts.index, key=lambda label: (-counts[label], label))
        return [(f"all labels ({len(self.all_entities)})", None)] + [(f"{lab} ({counts[lab]})", lab) for lab in order]

    def _compute(self) -> None:
        import pandas as pd

        label = self.settings["label"]
        table = self.all_entities
        if label is not None:
            if label not in set(table["label"]):
                raise UsageError(f"no entity labelled '{label}' in this document; labels: "
                                 f"{', '.join(sorted(set(table['label']))) or 'none'}")
            table = table[table["label"] == label]
        self.table = table.reset_index(drop=True)
        keys = list(zip(self.table["entity"], self.table["label"]))
        chosen = self.settings["entity"]
        if isinstance(chosen, str):  # a bare name: its first (most frequent) label
            chosen = next((key for key in keys if key[0] == chosen), None)
        elif chosen is not None:
            chosen = tuple(chosen)
        if chosen not in keys:
            chosen = keys[0] if keys else None
        self.settings["entity"] = chosen
        if chosen is None:
            self.sentences = pd.DataFrame(columns=["sentence", "section", "text", "surfaces"])
            return
        mentions = self.all_mentions
        found = mentions[(mentions["entity"] == chosen[0]) & (mentions["label"] == chosen[1])]
        rows = [{"sentence": sentence, "surfaces": sorted(set(group["surface"]))}
                for sentence, group in found.groupby("sentence", sort=False)]
        self.sentences = self._with_text(pd.DataFrame(rows, columns=["sentence", "surfaces"]))

    def _with_text(self, found: pd.DataFrame) -> pd.DataFrame:
        """Add the sentence text and section label to each mentioned sentence, in reading order."""
        import pandas as pd

        columns = ["sentence", "section", "text", "surfaces"]
        if found.empty:
            return pd.DataFrame(columns=columns)
        if not pd.api.types.is_integer_dtype(found["sentence"]):  # mentions that carry the sentence text
            return found.assign(text=found["sentence"].astype(str), section="")[columns]
        lookup = self._sentences.set_index("sentence")
        found = found.sort_values("sentence", kind="mergesort").reset_index(drop=True)
        found["text"] = [lookup["text"].get(s, "") for s in found["sentence"]]
        found["section"] = [lookup["label"].get(s, "") for s in found["sentence"]]
        return found[columns]

    def entity_options(self) -> list[tuple[str, tuple[str, str]]]:
        """Select-list options for the shown entities: ``("Hu Jintao · PERSON (12)", ("Hu Jintao", "PERSON"))``."""
        return [(f"{e} · {lab} ({c})", (e, lab))
                for e, lab, c in zip(self.table["entity"], self.table["label"], self.table["count"])]

    def _results_html(self) -> str:
        chosen = self.settings["entity"]
        if chosen is None:
            return _note("No named entities with these settings.", css_class="partylines-count")
        found = self.sentences
        count = _note(f"<b>{_esc(chosen[0])}</b> ({_esc(chosen[1])}): {len(found)} sentence{'s' if len(found) != 1 else ''}",
                      css_class="partylines-count")
        rows = "".join(
            f'<tr><td style="{_CELL}text-align:right;color:#666;white-space:nowrap;">{_esc(s)}</td>'
            f'<td style="{_CELL}color:#666;max-width:160px;">{_esc(_clip(section, 60))}</td>'
            f'<td style="{_CELL}">{_mark(text, surfaces)}</td></tr>'
            for s, section, text, surfaces in zip(found["sentence"], found["section"], found["text"], found["surfaces"])
        )
        head = "".join(f'<th style="{_CELL}text-align:left;">{h}</th>' for h in ("sentence", "section", "text"))
        return (f'{count}<table class="partylines-table partylines-sentences" style="{_TABLE}">'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")

    def _controls(self) -> dict[str, Any]:
        import ipywidgets as w

        return {
            "label": w.Dropdown(options=[(text, "" if value is None else value) for text, value in self.labels()],
                                value=self._widget_value("label"), description="Label",
                                layout=w.Layout(width="260px")),
            "entity": w.Select(options=self.entity_options(), value=self.settings["entity"], rows=14,
                               layout=w.Layout(width="340px", flex="0 0 auto")),
        }

    def _top_row(self):
        return [self._controls_by_name["label"]]

    def _output_area(self):
        import ipywidgets as w

        self._results.layout = w.Layout(max_height="420px", overflow="auto", flex="1 1 420px")
        self._controls_by_name["entity"].add_class("partylines-entity-list")
        return w.HBox([self._controls_by_name["entity"], self._results], layout=w.Layout(align_items="flex-start"))

    def _sync_controls(self) -> None:
        from traitlets import TraitError

        self._syncing = True
        try:  # the list follows the label filter before its value is set
            label, entity = self._controls_by_name["label"], self._controls_by_name["entity"]
            if label.value != self._widget_value("label"):
                try:
                    label.value = self._widget_value("label")
                except TraitError:  # an unknown label from code: the message says so
                    pass
            entity.options = self.entity_options() if not self.message else []
            entity.value = self.settings["entity"] if not self.message else None
        finally:
            self._syncing = False

    def _static_outputs(self) -> list:
        columns = [c for c in self.columns if c in self.table.columns]
        overview = _table_html(self.table.head(MAX_ROWS)[columns], align={"count": "right", "range": "right"})
        return [_Html(overview, text=self.table.to_string()), _Html(self.results_html())]


def entity_explorer(doc: Doc, *, label: str | None = None, entity: str | None = None,
                    labels: list[str] | None = None, aliases: Any = None) -> EntityExplorer:
    """An interactive list of the document's named entities and the sentences that mention them.

    In JupyterLab: a label filter and a list of entities; selecting one shows its sentences with the
    mention highlighted. In headless runs and the report: the entity table and the sentences of the first
    (most frequent) entity.

    Args:
        doc: A parsed document.
        label: Show only this label first (``"ORG"``, ``"GPE"``, ...); ``None`` shows all.
        entity: Entity selected first; ``None`` selects the most frequent.
        labels: Entity labels to list at all (``None``: the name labels), as for ``entity_table``.
        aliases: An alias file (CSV or YAML) or mapping, as for ``entity_table``.

    Returns:
        The explorer; display it, or read ``.table`` / ``.sentences`` and call ``.update(entity=...)``.
    """
    return EntityExplorer(doc, label=label, entity=entity, labels=labels, aliases=aliases)
