"""Interactive explorers for the notebooks: a concordance, a term list with its chart, and an entity browser.

A face, like the command line: an explorer holds a few settings (a query, a context width, a part-of-speech
filter, ...), recomputes its table with the package's own analyses when a setting changes, and shows the
result. Each one is a small object that works in three places:

* **Code and tests**: ``explorer.update(query="reform")`` recomputes and returns ``explorer.table``, with no
  browser and no widgets involved (the analyses are passed in as callables, so tests inject small fakes).
* **JupyterLab with a live kernel**: displaying the explorer shows ipywidgets controls (text box, sliders,
  drop-downs, a list) wired to :meth:`Explorer.update`; the results redraw as the reader types or drags.
  The widget output also carries a static HTML copy of the results for front ends that cannot draw widgets.
* **Headless runs and the report**: when the settings say so (``pl.use_notebook(static=True)``, which the
  report's notebooks call; or ``PARTYLINES_STATIC=1``), outside an IPython kernel, or when ipywidgets is missing, displaying the explorer shows plain outputs instead: the
  results table as HTML and, for the term explorer, the chart as a PNG image. Nothing fails, nothing waits.

``static=False`` (or ``PARTYLINES_STATIC=0``) forces the interactive version wherever a kernel runs.

Why not ``ipywidgets.interact``: it rebuilds its output area on every change and cannot be driven from code
or tested without a kernel; explicit controls wired to ``update`` can, and keep the object inspectable
(``explorer.table`` is always the table on screen, ready for :func:`partylines.save_table`).
"""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING, Any, Callable

from ..core.config import settings
from ..core.errors import PartylinesError, UsageError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from spacy.tokens import Doc

#: Most rows an explorer draws at once; the table itself (``explorer.table``) is never cut.
MAX_ROWS = 200

CELL = "padding:2px 6px;border-bottom:1px solid #e5e5e5;vertical-align:top;"
TABLE = "border-collapse:collapse;font-size:12px;line-height:1.35;"


def static_mode() -> bool:
    """Whether explorers show their static version here.

    The ``static`` setting decides when it is set (``pl.use_notebook(static=...)`` or ``PARTYLINES_STATIC``);
    otherwise explorers are interactive only inside an IPython kernel (a notebook or console with a front
    end) and where ipywidgets can be imported.
    """
    chosen = settings().static
    if chosen is True:
        return True
    try:
        import ipywidgets  # noqa: F401
    except ImportError:  # pragma: no cover - ipywidgets is a dependency; this is for trimmed environments
        return True
    if chosen is False:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return True
    shell = get_ipython()
    return shell is None or getattr(shell, "kernel", None) is None


# --------------------------------------------------------------------------------------------------------
# HTML pieces (escaped; the same markup serves the widgets and the static outputs)


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def note(text: str, *, css_class: str = "partylines-note") -> str:
    return f'<p class="{css_class}" style="margin:4px 0;color:#444;">{text}</p>'


def table_html(frame: pd.DataFrame, *, align: dict[str, str] | None = None, formats: dict[str, str] | None = None,
                css_class: str = "partylines-table") -> str:
    """A plain HTML table of ``frame`` (no index), every cell escaped."""
    align = align or {}
    formats = formats or {}
    head = "".join(
        f'<th style="{CELL}text-align:{align.get(c, "left")};font-weight:bold;">{esc(c)}</th>' for c in frame.columns
    )
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, values):
            text = format(value, formats[column]) if column in formats else value
            cells.append(f'<td style="{CELL}text-align:{align.get(column, "left")};">{esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{css_class}" style="{TABLE}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def clip(text: Any, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    text = "" if text is None else str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def mark(text: str, surfaces: list[str]) -> str:
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
        out.append(esc(text[last:a]) + "<mark>" + esc(text[a:b]) + "</mark>")
        last = b
    return "".join(out) + esc(text[last:])



def figure_png(fig: Figure, *, dpi: int = 100) -> bytes:
    """A figure as PNG bytes for the screen (the files on disk are written by :func:`partylines.save_figure`)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1)
    return buffer.getvalue()



# --------------------------------------------------------------------------------------------------------
# The common machinery


class Explorer:
    """Settings -> table (-> figure), shown as widgets or as static outputs.

    Subclasses set :attr:`settings` (name -> value), implement :meth:`_compute` (fills ``table``, and
    ``figure`` where there is one), :meth:`_results_html` and :meth:`_controls`.
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
        """Change settings, recompute and redraw; returns the new ``table``.

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
        """Recompute; a user error (a bad query, an unknown tag) becomes ``message``, not an exception."""
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
            return note(f"<b>{esc(self.message)}</b>", css_class="partylines-message")
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
        return [Html(self.results_html())]

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


class Html:
    """A bit of HTML with a plain-text fallback, for ``display``."""

    def __init__(self, markup: str, text: str = ""):
        self.markup = markup
        self.text = text

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.text or "(see the HTML output)"
