"""The term explorer: the most frequent terms as a table and a bar chart that change together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..analyses.ranking import head_with_ties
from .base import Explorer, Html, figure_png, note, table_html

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["term_explorer"]

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
        lemmas: Lemma overrides adding to the shipped ones (a ``form,lemma`` CSV file or a mapping), as
            :func:`partylines.analyses.frequencies.document_term_table` takes them.
        terms: ``terms(doc, *, by, pos, keep_stopwords[, stopwords, lemmas]) -> DataFrame`` with at least
            ``term, count``; default :func:`partylines.analyses.frequencies.document_term_table`.
        plot: ``plot(table, *, top) -> Figure`` drawing the first ``top`` rows; default
            :func:`partylines.plots.terms.plot_top_terms`.
    """

    css_class = "partylines-terms"
    nullable = ("pos",)
    columns = ("rank", "term", "count", "per_10k", "units", "range", "dp", "pos")

    def __init__(self, doc: Doc, *, pos: tuple[str, ...] | None = None, keep_stopwords: bool = False, top: int = 20,
                 by: str = "lemma", stopwords: tuple[str, ...] | frozenset[str] = (), lemmas=None,
                 terms: Callable | None = None, plot: Callable | None = None):
        self.stopwords = frozenset(stopwords or ())
        self.lemmas = lemmas
        if terms is None:
            from ..analyses.frequencies import document_term_table as terms
        if plot is None:
            from ..plots.terms import plot_top_terms as plot
        self._terms = terms
        self._plot = plot
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
            if self.lemmas is not None:
                options["lemmas"] = self.lemmas
            self._cache[key] = self._terms(self.doc, by=s["by"], pos=list(s["pos"]) if s["pos"] else None,
                                           keep_stopwords=s["keep_stopwords"], **options)
        self.full_table = self._cache[key]
        top = max(1, int(s["top"]))
        self.table = head_with_ties(self.full_table, top)[0].reset_index(drop=True)  # the rows the chart draws
        self.figure = self._plot(self.full_table, top=top)

    def _results_html(self) -> str:
        table = self.table
        if table is None or table.empty:
            return note("No terms with these settings.", css_class="partylines-count")
        columns = [c for c in self.columns if c in table.columns] or list(table.columns)
        shown = table[columns]
        formats = {c: ".2f" for c in ("per_10k", "range", "dp") if c in columns}
        align = {c: "right" for c in columns if c not in ("term", "pos")}
        words = {"lemma": "lemmas", "lower": "words", "text": "word forms"}.get(self.settings["by"], "terms")
        count = note(f"Top {len(table)} of {len(self.full_table)} {words}", css_class="partylines-count")
        return count + table_html(shown, align=align, formats=formats)

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

        outputs = [Html(self.results_html(), text=self.table.to_string() if self.table is not None else "")]
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
                  top: int = 20, by: str = "lemma", stopwords: tuple[str, ...] | frozenset[str] = (),
                  lemmas=None) -> TermExplorer:
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
        lemmas: Lemma overrides adding to the shipped ones (a ``form,lemma`` CSV file or a mapping).

    Returns:
        The explorer; display it, or read ``.table`` / ``.figure`` and call ``.update(top=30)``.
    """
    return TermExplorer(doc, pos=tuple(pos) if pos else None, keep_stopwords=keep_stopwords, top=top, by=by,
                        stopwords=stopwords, lemmas=lemmas)
