"""Explorers without a browser: settings -> table, widget values -> table, and the static version.

The analyses are injected as small fakes where the point is the wiring (which options reach the analysis,
what is recomputed, what the results area shows); the real analyses are used on hand-built Docs and on the
article where the point is that the pieces fit.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.figure import Figure

import partylines as pl
from partylines.explorers import base, concordance, entities, notebook, terms
from partylines.explorers.terms import pos_choices
from partylines.corpus.concordance import kwic_table
from partylines.analyses.entities import document_entity_table
from partylines.explorers.concordance import ConcordanceExplorer
from partylines.explorers.entities import EntityExplorer
from partylines.explorers.terms import TermExplorer
from partylines.analyses.frequencies import document_term_table


# ---------------------------------------------------------------------------------------------- helpers


class FakeKwic:
    """Returns one line per word of the query that occurs in a fixed sentence, and records its calls."""

    WORDS = "we build party ties and party schools".split()

    def __init__(self):
        self.calls = []

    def __call__(self, doc, query, *, window, sort, match):
        self.calls.append({"query": query, "window": window, "sort": sort, "match": match})
        if query == "bad[":
            raise pl.UsageError("--query: 'bad[' is not a valid pattern")
        rows = [
            {"left": " ".join(self.WORDS[max(0, i - window):i]), "match": w,
             "right": " ".join(self.WORDS[i + 1:i + 1 + window])}
            for i, w in enumerate(self.WORDS) if w == query
        ]
        return pd.DataFrame(rows, columns=["left", "match", "right"])


class FakeTerms:
    """A term table of four terms; with ``keep_stopwords`` a fifth (``the``) on top. Records calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, doc, *, by, pos, keep_stopwords, **options):
        self.calls.append({"by": by, "pos": pos, "keep_stopwords": keep_stopwords, **options})
        rows = [("party", 9), ("ties", 5), ("school", 3), ("build", 1)]
        if keep_stopwords:
            rows = [("the", 12)] + rows
        return pd.DataFrame(rows, columns=["term", "count"])


def fake_plot(table, *, top):
    fig = Figure()
    ax = fig.add_subplot()
    rows = table.head(top)
    ax.barh(range(len(rows)), rows["count"])
    ax.set_title(f"{len(rows)} bars")
    return fig


ENTITIES = pd.DataFrame(
    [("China", "GPE", 3), ("Hu Jintao", "PERSON", 2), ("CPC", "ORG", 2), ("Mexico", "GPE", 1)],
    columns=["entity", "label", "count"],
)
MENTIONS = pd.DataFrame(
    [("China", "GPE", "China", 0), ("CPC", "ORG", "Communist Party of China", 0), ("Hu Jintao", "PERSON", "Hu", 1),
     ("China", "GPE", "China", 2), ("China", "GPE", "PRC", 3), ("Hu Jintao", "PERSON", "Hu Jintao", 3),
     ("CPC", "ORG", "CPC", 3), ("Mexico", "GPE", "Mexico", 4)],
    columns=["entity", "label", "surface", "sentence"],
)
SENTENCES = pd.DataFrame(
    [(0, "(opening)", "China and the Communist Party of China."), (1, "(opening)", "Hu spoke."),
     (2, "Part two", "China grew."), (3, "Part two", "The PRC, Hu Jintao and the CPC met."),
     (4, "Part two", "Mexico <too>.")],
    columns=["sentence", "label", "text"],
)


def entity_explorer(**settings):
    return EntityExplorer(None, entities=lambda doc, **options: ENTITIES, mentions=lambda doc, **options: MENTIONS,
                          sentences=lambda doc: SENTENCES, **settings)


def visible_text(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


@pytest.fixture
def displayed(monkeypatch):
    """Collect what an explorer hands to IPython's ``display`` (as (object, kwargs) pairs)."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append((obj, kw)))
    return shown


# ---------------------------------------------------------------------------------------------- mode


@pytest.mark.parametrize(
    "value, expected",
    [("1", True), ("true", True), ("yes", True), ("0", False), ("false", False), ("", True), (None, True)],
)
def test_explorers_static_mode_follows_environment(monkeypatch, value, expected):
    # pytest runs outside an IPython kernel: unset (or empty) means static there.
    if value is None:
        monkeypatch.delenv("PARTYLINES_STATIC", raising=False)
    else:
        monkeypatch.setenv("PARTYLINES_STATIC", value)
    assert base.static_mode() is expected


@pytest.mark.parametrize("name", ["concordance_explorer", "term_explorer", "entity_explorer"])
def test_explorers_exported(name):
    assert name in pl.__all__
    module = {"concordance_explorer": concordance, "term_explorer": terms, "entity_explorer": entities}[name]
    assert getattr(pl, name) is getattr(module, name)


# ---------------------------------------------------------------------------------------------- concordance


def test_explorers_concordance_update_recomputes_with_settings():
    kwic = FakeKwic()
    explorer = ConcordanceExplorer(None, query="party", window=2, kwic=kwic)
    assert kwic.calls == [{"query": "party", "window": 2, "sort": "position", "match": "phrase"}]
    assert list(explorer.table["left"]) == ["we build", "ties and"]

    table = explorer.update(query="schools", window=3, sort="left")
    assert kwic.calls[-1] == {"query": "schools", "window": 3, "sort": "left", "match": "phrase"}
    assert table is explorer.table
    assert list(table["left"]) == ["ties and party"]


def test_explorers_concordance_widget_values_drive_the_table():
    kwic = FakeKwic()
    explorer = ConcordanceExplorer(None, query="party", window=1, kwic=kwic)
    results = explorer.widget.children[-1]
    assert "2 lines for" in results.value

    explorer.controls["query"].value = "ties"  # as if typed
    assert kwic.calls[-1]["query"] == "ties"
    assert list(explorer.table["match"]) == ["ties"]
    assert "1 line for" in results.value and ">ties<" in results.value

    explorer.controls["window"].value = 4
    assert kwic.calls[-1]["window"] == 4
    assert explorer.table["right"].iloc[0] == "and party schools"

    explorer.update(query="party")  # from code: the controls follow
    assert explorer.controls["query"].value == "party"


def test_explorers_concordance_controls_offer_kwic_options():
    explorer = ConcordanceExplorer(None, query="party", kwic=FakeKwic())
    # The options come from concordance.Sort / concordance.Match; compare with kwic_table's docstring.
    doc = kwic_table.__doc__
    for option in explorer.controls["sort"].options:
        assert f'"{option}"' in doc
    assert set(explorer.controls["match"].options) == {"phrase", "lemma", "pattern", "formulation"}


@pytest.mark.parametrize("query", ["", "   "])
def test_explorers_concordance_empty_query_asks_for_one(query):
    kwic = FakeKwic()
    explorer = ConcordanceExplorer(None, query=query, kwic=kwic)
    assert kwic.calls == []
    assert explorer.table is None
    assert "Type a word" in explorer.results_html()


def test_explorers_concordance_user_error_becomes_message():
    explorer = ConcordanceExplorer(None, query="party", kwic=FakeKwic())
    explorer.widget  # noqa: B018
    explorer.controls["query"].value = "bad["
    assert explorer.message == "--query: 'bad[' is not a valid pattern"
    assert "not a valid pattern" in explorer.widget.children[-1].value
    explorer.controls["query"].value = "party"
    assert explorer.message is None and len(explorer.table) == 2


def test_explorers_concordance_escapes_html():
    def kwic(doc, query, **options):
        return pd.DataFrame([{"left": "<script>", "match": query, "right": "a & b"}])

    markup = ConcordanceExplorer(None, query="<b>x</b>", kwic=kwic).results_html()
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "&lt;b&gt;x&lt;/b&gt;" in markup
    assert "a &amp; b" in markup


def test_explorers_concordance_rejects_unknown_setting():
    explorer = ConcordanceExplorer(None, query="party", kwic=FakeKwic())
    with pytest.raises(pl.UsageError, match="no setting 'colour'"):
        explorer.update(colour="red")


def test_explorers_concordance_on_hand_doc(make_doc):
    words = "Party diplomacy serves the party . Party diplomacy grows .".split()
    doc = make_doc(words, sent_starts=[True, False, False, False, False, False, True, False, False, False])
    explorer = pl.concordance_explorer(doc, query="party diplomacy", window=2)
    # By hand: "Party diplomacy" at tokens 0-1 and 6-7.
    assert list(explorer.table["start"]) == [0, 6]
    assert list(explorer.table["right"]) == ["serves the", "grows ."]
    explorer.update(query="party")
    assert list(explorer.table["start"]) == [0, 4, 6]


def test_explorers_concordance_on_article_counts_phrase(article_doc):
    explorer = pl.concordance_explorer(article_doc)
    # the default query is the document's own most frequent phrase, not one fitted to this article
    phrases = pl.document_phrase_table(article_doc)
    assert explorer.settings["query"] == phrases["phrase"].iloc[0] == "political parties"
    expected = len(re.findall(r"\bpolitical\s+parties\b", article_doc.text, flags=re.IGNORECASE))
    assert len(explorer.table) == expected == phrases["count"].iloc[0]
    assert f"{expected} lines for" in explorer.results_html()


# ---------------------------------------------------------------------------------------------- terms


def test_explorers_terms_top_cuts_without_recounting(make_doc):
    terms = FakeTerms()
    explorer = TermExplorer(make_doc(["party"]), top=2, terms=terms, plot=fake_plot)
    assert list(explorer.table["term"]) == ["party", "ties"]
    assert explorer.figure.axes[0].get_title() == "2 bars"
    explorer.update(top=3)
    assert list(explorer.table["term"]) == ["party", "ties", "school"]
    assert explorer.figure.axes[0].get_title() == "3 bars"
    assert len(terms.calls) == 1  # the slider only cut the counted table


def test_explorers_terms_widget_values_reach_term_table(make_doc):
    terms = FakeTerms()
    explorer = TermExplorer(make_doc(["party"]), top=2, terms=terms, plot=fake_plot)
    image = explorer.widget.children[-1].children[1]
    first_png = image.value
    assert first_png[:8] == b"\x89PNG\r\n\x1a\n"

    explorer.controls["keep_stopwords"].value = True
    assert terms.calls[-1] == {"by": "lemma", "pos": None, "keep_stopwords": True}
    assert list(explorer.table["term"]) == ["the", "party"]
    assert ">the<" in explorer.widget.children[-1].children[0].value

    explorer.controls["pos"].value = ("NOUN", "PROPN")
    assert terms.calls[-1]["pos"] == ["NOUN", "PROPN"]
    explorer.controls["top"].value = 5
    assert len(explorer.table) == 5 and explorer.figure.axes[0].get_title() == "5 bars"
    assert image.value != first_png  # the chart redrew with the table
    explorer.controls["by"].value = "lower"
    assert terms.calls[-1]["by"] == "lower"
    explorer.controls["pos"].value = ""  # "all parts of speech"
    assert explorer.settings["pos"] is None and terms.calls[-1]["pos"] is None
    assert explorer.controls["pos"].label == "all parts of speech"


def test_explorers_pos_choices_count_alphabetic_tokens(make_doc):
    words = ["Parties", "meet", "parties", "and", "talk", "2007", "."]
    pos = ["PROPN", "VERB", "NOUN", "CCONJ", "VERB", "NUM", "PUNCT"]
    choices = pos_choices(make_doc(words, pos=pos))
    singles = [label for label, value in choices if value and len(value) == 1]
    # By hand: VERB 2; CCONJ, NOUN, PROPN 1 each (ties by tag); "2007" and "." are not alphabetic.
    assert singles == ["verbs · VERB (2)", "coordinating conjunctions · CCONJ (1)", "nouns · NOUN (1)",
                       "proper nouns · PROPN (1)"]
    assert choices[0] == ("all parts of speech", None)


def test_explorers_terms_on_article_match_term_table(article_doc):
    explorer = pl.term_explorer(article_doc, top=15)
    table = document_term_table(article_doc)
    expected = table[table["count"] >= table["count"].iloc[14]]  # the tie at the cut is kept whole
    assert list(explorer.table["term"]) == list(expected["term"])
    axes = explorer.figure.axes[0]
    assert axes.get_title(loc="left") and axes.get_xlabel() and axes.get_ylabel()
    assert len(axes.patches) == len(explorer.table) == 17
    explorer.update(pos=("VERB",), keep_stopwords=True)
    verbs = document_term_table(article_doc, pos=["VERB"], keep_stopwords=True)
    shown = len(explorer.table)
    assert list(explorer.table["term"]) == list(verbs.head(shown)["term"])
    assert verbs["count"].iloc[shown - 1] != verbs["count"].iloc[shown]  # no tie is cut alphabetically


# ---------------------------------------------------------------------------------------------- entities


def test_explorers_entities_select_shows_sentences():
    explorer = entity_explorer()
    assert explorer.settings["entity"] == ("China", "GPE")  # the most frequent first
    assert list(explorer.sentences["sentence"]) == [0, 2, 3]
    markup = explorer.results_html()
    assert "<mark>PRC</mark>" in markup and "<mark>China</mark>" in markup
    # "China" inside "Communist Party of China" is marked too: the surface occurs there.
    assert "Communist Party of <mark>China</mark>" in markup

    explorer.update(entity="Hu Jintao")
    assert explorer.settings["entity"] == ("Hu Jintao", "PERSON")
    assert list(explorer.sentences["text"]) == ["Hu spoke.", "The PRC, Hu Jintao and the CPC met."]
    assert list(explorer.sentences["section"]) == ["(opening)", "Part two"]
    assert "<mark>Hu Jintao</mark>" in explorer.results_html()


def test_explorers_entities_label_filter_drives_list():
    explorer = entity_explorer()
    assert explorer.labels() == [("all labels (4)", None), ("GPE (2)", "GPE"), ("ORG (1)", "ORG"),
                                 ("PERSON (1)", "PERSON")]
    entity_list = explorer.controls["entity"]
    assert len(entity_list.options) == 4

    explorer.controls["label"].value = "GPE"
    assert list(explorer.table["entity"]) == ["China", "Mexico"]
    assert [value for _, value in entity_list.options] == [("China", "GPE"), ("Mexico", "GPE")]

    entity_list.value = ("Mexico", "GPE")  # as if clicked
    assert list(explorer.sentences["sentence"]) == [4]
    assert "Mexico &lt;too&gt;." in visible_text(explorer.widget.children[-1].children[1].value).replace(
        "<mark>", "")

    explorer.controls["label"].value = "ORG"
    assert explorer.settings["entity"] == ("CPC", "ORG")
    assert entity_list.value == ("CPC", "ORG")

    explorer.controls["label"].value = ""  # "all labels": a drop-down cannot hold None
    assert explorer.settings["label"] is None and len(explorer.table) == 4
    explorer.update(label="PERSON")
    explorer.update(label=None)
    assert explorer.controls["label"].value == ""
    assert explorer.controls["label"].label == "all labels (4)"


def test_explorers_entities_unknown_label_is_a_message():
    explorer = entity_explorer()
    explorer.widget  # noqa: B018
    explorer.update(label="NOPE")
    assert explorer.message.startswith("no entity labelled 'NOPE'")
    assert "GPE, ORG, PERSON" in explorer.results_html()
    assert explorer.controls["entity"].options == ()


def test_explorers_entities_on_article(article_doc):
    explorer = pl.entity_explorer(article_doc)
    top = document_entity_table(article_doc).iloc[0]
    assert explorer.settings["entity"] == (top["entity"], top["label"])
    assert len(explorer.sentences) >= 1
    assert explorer.sentences["sentence"].is_monotonic_increasing
    for text, surfaces in zip(explorer.sentences["text"], explorer.sentences["surfaces"]):
        assert any(s.lower() in text.lower() for s in surfaces)


# ---------------------------------------------------------------------------------------------- display


def test_explorers_static_display_shows_table_and_chart(monkeypatch, displayed, make_doc):
    monkeypatch.setenv("PARTYLINES_STATIC", "1")
    from IPython.display import Image

    TermExplorer(make_doc(["party"]), top=3, terms=FakeTerms(), plot=fake_plot)._ipython_display_()
    assert len(displayed) == 2
    table, chart = displayed[0][0], displayed[1][0]
    assert "<table" in table._repr_html_() and ">school<" in table._repr_html_()
    assert isinstance(chart, Image) and chart.data[:4] == b"\x89PNG"


def test_explorers_static_display_of_concordance_and_entities(monkeypatch, displayed):
    monkeypatch.setenv("PARTYLINES_STATIC", "1")
    ConcordanceExplorer(None, query="party", kwic=FakeKwic())._ipython_display_()
    entity_explorer()._ipython_display_()
    markups = [obj._repr_html_() for obj, _ in displayed]
    assert "2 lines for" in markups[0]
    assert "<table" in markups[1] and ">Hu Jintao<" in markups[1]  # the entity table
    assert "<mark>China</mark>" in markups[2]  # the sentences of the first entity
    assert all("widget-view" not in str(obj) for obj, _ in displayed)


def test_explorers_interactive_display_carries_widget_and_fallback(monkeypatch, displayed):
    monkeypatch.setenv("PARTYLINES_STATIC", "0")
    explorer = ConcordanceExplorer(None, query="party", kwic=FakeKwic())
    explorer._ipython_display_()
    (bundle, options), = displayed
    assert options == {"raw": True}
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id
    assert "2 lines for" in bundle["text/html"]


def test_explorers_figures_display_as_png():
    import base64
    from types import SimpleNamespace

    from IPython.core.formatters import DisplayFormatter

    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    fig = fake_plot(pd.DataFrame({"count": [3, 1]}), top=2)
    assert "image/png" not in shell.display_formatter.format(fig)[0]  # what a notebook showed before
    assert notebook.register_figure_display(shell)
    data, _ = shell.display_formatter.format(fig)
    assert base64.b64decode(data["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert notebook.register_figure_display(SimpleNamespace()) is False


def test_explorers_terms_pass_extra_stopwords(make_doc):
    terms = FakeTerms()
    TermExplorer(make_doc(["party"]), terms=terms, plot=fake_plot, stopwords=("party", "ties"))
    assert terms.calls == [{"by": "lemma", "pos": None, "keep_stopwords": False,
                            "stopwords": frozenset({"party", "ties"})}]


def test_explorers_entities_pass_labels_and_aliases():
    seen = []

    def entities(doc, **options):
        seen.append(options)
        return ENTITIES

    EntityExplorer(None, labels=["GPE"], aliases={"PRC": "China"}, entities=entities,
                   mentions=lambda doc, **options: seen.append(options) or MENTIONS, sentences=lambda doc: SENTENCES)
    assert seen == [{"labels": ["GPE"], "aliases": {"PRC": "China"}}] * 2


def test_explorers_entities_on_article_with_labels(article_doc):
    explorer = pl.entity_explorer(article_doc, labels=["PERSON"])
    assert set(explorer.table["label"]) == {"PERSON"}
    assert explorer.labels()[1:] == [(f"PERSON ({len(explorer.table)})", "PERSON")]


def test_use_notebook_sets_output_folder_and_mode(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from IPython.core.formatters import DisplayFormatter

    from partylines.core import config

    monkeypatch.delenv("PARTYLINES_STATIC", raising=False)
    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    with config.configured():
        current = pl.use_notebook(out_dir=tmp_path / "out", static=False, shell=shell)
        assert current.reports_dir == tmp_path / "out" and config.settings().reports_dir == tmp_path / "out"
        assert base.static_mode() is False
        fig = fake_plot(pd.DataFrame({"count": [3, 1]}), top=2)
        assert "image/png" in shell.display_formatter.format(fig)[0]
        pl.use_notebook(shell=shell)  # None puts each setting back
        assert config.settings().reports_dir == config.PROJ_ROOT / "reports"
        assert base.static_mode() is True  # outside a kernel, unset means static


def test_explorers_terms_take_the_notebooks_lemma_overrides(make_doc):
    # notebook 02's LEMMAS reaches the explorer: "parties" and "party" counted as one lemma, by hand 3
    words = ["Parties", "meet", "parties", "and", "the", "party", "talks", "."]
    doc = make_doc(words, pos=["NOUN", "VERB", "NOUN", "CCONJ", "DET", "NOUN", "NOUN", "PUNCT"],
                   lemmas=["party", "meet", "party", "and", "the", "party", "talk", "."])
    explorer = pl.term_explorer(doc, lemmas={"parties": "faction", "party": "faction"})
    counts = dict(zip(explorer.full_table["term"], explorer.full_table["count"]))
    assert counts["faction"] == sum(w.lower() in ("parties", "party") for w in words) and "party" not in counts
    assert "faction" not in set(pl.term_explorer(doc).full_table["term"])
