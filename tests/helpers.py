"""Helpers the tests import: running the command line in-process, a small headingless text, and the report of
every notebook on real and edge documents (made once per session and shared by the notebook and report tests,
across pytest-xdist workers)."""

from __future__ import annotations

from pathlib import Path

from partylines.report import run_report

#: Seconds one notebook cell may run before a test fails instead of hanging.
CELL_TIMEOUT = 600

# A parsed text without headings: 20 paragraphs of 5 words (6 tokens with the full stop), so the default parts
# are 10 segments of two paragraphs (10 words). "red tractors" stands in paragraphs 1, 2 and 7 (segments 0, 0, 3).
TRACTOR_PARAGRAPHS = (0, 1, 6)
FARM_TEXT = "\n\n".join(
    f"Farmers drive {'red tractors' if i in TRACTOR_PARAGRAPHS else 'old wagons'} daily." for i in range(20)
) + "\n"


#: Clitics are part of the word before them, never words (written out here, apart from the code under test).
CLITICS = {"'s", "’s", "'", "’", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"}


def independent_words(tokens) -> int:
    """Words counted from the definition (a letter or digit; not punctuation, whitespace or a clitic)."""
    return sum(1 for t in tokens if not t.is_space and not t.is_punct and t.lower_ not in CLITICS
               and any(ch.isalnum() for ch in t.text))


def run_cli(capsys, *args):
    """Run the command line in-process: ``code, out, err = run_cli(capsys, "terms", "--top", "3")``."""
    from partylines.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def shared_reports(tmp_path_factory, key: str, documents: dict[str, Path | str]) -> dict[str, Path]:
    """The report folders of every notebook on ``documents`` (name -> a path, or a text to write), made by one
    ``run_report`` per test session and shared by every test and every pytest-xdist worker that asks for the
    same ``key``: the first to ask runs it under a lock, the others wait for it and read the folders."""
    import fcntl
    import json
    import os

    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / f"shared-report-{key}"
    root.mkdir(parents=True, exist_ok=True)
    done = root / ".complete.json"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            paths = []
            for name, document in documents.items():
                if isinstance(document, str):
                    (root / "documents").mkdir(exist_ok=True)
                    path = root / "documents" / f"{name}.txt"
                    path.write_text(document, encoding="utf-8")
                    document = path
                paths.append(document)
            reports = run_report(paths, out=root / "reports", jobs=2, timeout=CELL_TIMEOUT)
            done.write_text(json.dumps({n: str(r.folder) for n, r in zip(documents, reports)}), encoding="utf-8")
    return {name: Path(folder) for name, folder in json.loads(done.read_text(encoding="utf-8")).items()}


def bundled_corpus(tmp_path_factory):
    """The bundled corpus, parsed and counted in the project's cache once per test session: the first test
    (on any pytest-xdist worker) to ask parses it on every core under a lock, the others wait for it and
    then find every document stored. Tests, corpus notebooks and the browser's JupyterLab read that cache,
    so the corpus is parsed once instead of once by each of them at the same time."""
    import fcntl
    import os

    from partylines.corpus.parsing import parse_corpus
    from partylines.corpus.reading import read_corpus

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    with open(root / "bundled-corpus.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        corpus = read_corpus()
        parse_corpus(corpus, progress=False)  # nothing left to do after the first time
    return corpus


def real_reports(tmp_path_factory) -> dict[str, Path]:
    """Every notebook on the two bundled documents (``article``, ``second``)."""
    from partylines.core import config

    return shared_reports(tmp_path_factory, "real", {"article": config.DEFAULT_DOCUMENT,
                                                     "second": config.SECOND_DOCUMENT})


#: Documents at the edge: what every notebook must still run on (a chart may say there is too little text).
TINY = {
    "one-word": "Peace\n",
    "one-sentence": "The Party will deepen exchanges with political parties of all countries.\n",
    "one-paragraph": "Mr. President, we meet again. The world changes fast, and peace and development remain the "
                     "themes of the times. We will work together.\n",
}


def edge_reports(tmp_path_factory) -> dict[str, Path]:
    """Every notebook on the tiny documents and on the document that tries to get markup into the pages."""
    return shared_reports(tmp_path_factory, "edge", {**TINY, "injected-speech": INJECTION_TEXT})


# A document that tries every way of getting markup into a page: a script, an event handler, a javascript:
# link, in the title, the byline and the body. Long enough, and political enough, for every notebook.
INJECTION_TEXT = """\
<script>alert(1)</script> A Speech on Cooperation

By <img src=x onerror=alert(2)> the Minister of Foreign Affairs, 12 March 2024

We will defend <script>alert(3)</script> the freedom of the press and the peace and development of all \
nations. The Party will work with the United Nations in New York and with our partners in Beijing, Brussels \
and Nairobi for peace and development.

Our friends in <b onmouseover=alert(4)>Europe</b> and Africa know that peace and development matter. We must \
build a community with a shared future together with China, India and the United States, on the basis of \
mutual respect and mutual benefit.

The Government has signed 42 agreements since 2019. <a href="javascript:alert(5)">Read them</a>. President \
Smith said that cooperation brings mutual benefit, and the Minister said that exchanges between parties \
strengthen mutual trust.

First, we shall deepen exchanges with political parties of all countries on the basis of mutual respect. \
Second, we shall serve economic development at home. Third, we shall tell the story of our Party well.

The international situation is undergoing profound changes. Peace and development remain the themes of the \
times, and the Party must seize the opportunities of peace and development while meeting every challenge.
"""


def every_figure(doc) -> dict:
    """Every chart of the document notebooks, drawn from one parsed document (name -> Figure)."""
    import partylines as pl

    terms, phrases, entities = pl.term_table(doc), pl.document_phrase_table(doc), pl.document_entity_table(doc)
    parts = pl.part_table(doc)
    node = pl.top_term(doc, pos=("NOUN", "PROPN"))
    top = list(phrases["phrase"].head(15))
    return {
        "section-sizes": pl.plot_section_sizes(pl.outline_table(doc)),
        "sentence-lengths": pl.plot_sentence_lengths(pl.sentence_table(doc)),
        "top-terms": pl.plot_top_terms(terms),
        "pos-terms": pl.plot_pos_terms(pl.pos_terms_table(doc)),
        "keywords": pl.plot_keyness(pl.compare(doc, "wordfreq")),
        "term-dispersion": pl.plot_term_dispersion(pl.term_positions_table(doc, list(terms["term"].head(8))), parts),
        "term-heatmap": pl.plot_term_heatmap(pl.term_parts_table(doc, top=15)),
        "wordcloud": pl.plot_wordcloud(terms),
        "entity-labels": pl.plot_entity_labels(entities),
        "top-entities": pl.plot_top_entities(entities),
        "entity-dispersion": pl.plot_entity_dispersion(pl.entity_mentions(doc), parts),
        "entity-heatmap": pl.plot_entity_heatmap(pl.entity_parts_table(doc)),
        "entity-network": pl.plot_cooccurrence_network(pl.cooccurrence_table(doc), entities=entities),
        "top-phrases": pl.plot_top_phrases(phrases),
        "phrase-heatmap": pl.plot_phrase_heatmap(pl.phrase_parts_table(doc, top)),
        "phrase-dispersion": pl.plot_phrase_dispersion(pl.phrase_positions_table(doc, top), parts),
        "quotes": pl.plot_quotes(pl.quotes_table(doc)),
        "word-pair-network": pl.plot_collocation_network(pl.collocation_table(doc)),
        "collocates": pl.plot_collocates(pl.collocation_table(doc, node=node)),
        "collocate-network": pl.plot_collocation_network(pl.collocation_table(doc, node=node)),
        "claims": pl.plot_claims(pl.claims_table(doc)),
        "actors": pl.plot_actors(pl.actor_table(doc)),
        "readability": pl.plot_readability(pl.stats_table(doc, by_section=True)),
    }


#: A small corpus written for the tests: two countries, three years, plain words (no names, numbers or
#: apostrophes), so that counts over the raw text are easy to make by another method.
SMALL_CORPUS = {
    ("north", 2001): "Peace and development remain the main themes of our time.\n\nWe support peace in every "
                     "region and we oppose war.\n\nCooperation brings development to poor countries.\n",
    ("south", 2001): "Our delegation welcomes the new members.\n\nTrade and cooperation must grow, and old "
                     "barriers to trade must fall.\n\nWe seek peace through dialogue and cooperation.\n",
    ("north", 2002): "Terrorism threatens the peace that we have built together.\n\nThe world must act together against terrorism and for "
                     "development.\n\nWe call for reform of the council and for fair trade.\n",
    ("south", 2002): "Development is the key to peace.\n\nRich countries must open their markets and share "
                     "technology with developing countries.\n\nClimate change threatens small islands.\n",
    ("north", 2003): "The war has divided the world.\n\nWe hope that peace returns and that the council finds "
                     "unity.\n\nHuman rights and development go together.\n",
    ("south", 2003): "Climate change and poverty are the great challenges.\n\nWe ask for debt relief, for fair "
                     "trade and for real cooperation.\n\nPeace, development and justice belong together.\n",
}


def write_small_corpus(folder: Path) -> Path:
    """Write :data:`SMALL_CORPUS` as a folder of files with a ``metadata.csv``; return the folder."""
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows = ["file,country,year,speaker"]
    for (country, year), text in SMALL_CORPUS.items():
        name = f"texts/{country}-{year}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{country},{year},Delegate of {country.title()}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "README.md").write_text("A corpus written for the tests.\n", encoding="utf-8")
    return folder


#: A document using formulations of the starter dictionary, added to :data:`SMALL_CORPUS` by
#: :func:`write_chart_corpus` so that the formulation charts have something to draw.
FORMULATION_TEXT = "We oppose hegemonism and the superpowers.\n\nWin-win cooperation and a harmonious world.\n"


def write_chart_corpus(folder: Path) -> Path:
    """:data:`SMALL_CORPUS` and :data:`FORMULATION_TEXT` (north, 2004) as a corpus folder; return the folder."""
    write_small_corpus(folder)
    (folder / "texts" / "extra-2004.txt").write_text(FORMULATION_TEXT, encoding="utf-8")
    with open(folder / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("texts/extra-2004.txt,north,2004,Delegate of North\n")
    return folder


#: The charts :func:`every_corpus_figure` draws.
CORPUS_CHARTS = {"documents", "periods", "trend", "compare-scatter", "compare-keywords", "similarity", "distance",
                 "heatmap", "timelines", "lifelines", "first"}


def every_corpus_figure(corpus) -> dict:
    """Every kind of chart of the corpus notebooks (corpus, compare and formulation charts), drawn from one
    corpus with ``country`` and ``year`` columns (name -> Figure)."""
    import partylines as pl

    rates = pl.trend_table(corpus, kind="formulations")
    sides = pl.distinctive(corpus, "texts/north-2002", min_count=1)  # "terrorism" leans significantly
    similarity = pl.similarity_matrix(corpus)
    labels = {d.id: f"{d.meta['country']} {d.year}" for d in corpus}
    return {
        "documents": pl.plot_documents_over_time(pl.documents_table(corpus), group="country"),
        "periods": pl.plot_period_terms(pl.term_table(corpus, group="year", top=5), group="year"),
        "trend": pl.plot_term_trend(pl.trend_table(corpus, ["peace", "trade"], group="country")),
        "compare-scatter": pl.plot_compare_scatter(sides, top=5),
        "compare-keywords": pl.plot_keyness(sides, top=5),
        "similarity": pl.plot_similarity_heatmap(similarity, labels=labels),
        "distance": pl.plot_distance_from_previous(pl.distance_from_previous(similarity, corpus, group="country")),
        "heatmap": pl.plot_formulation_heatmap(rates),
        "timelines": pl.plot_formulation_timelines(pl.trend_table(corpus, kind="formulations", group="country")),
        "lifelines": pl.plot_lifelines(rates),
        "first": pl.plot_first_appearances(pl.formulation_table(corpus)),
    }


def csv(out: str):
    """A command's CSV output as a table, empty strings kept as they are (not read as missing)."""
    import io

    import pandas as pd

    return pd.read_csv(io.StringIO(out), keep_default_na=False)


def small_corpus_with_own_cache(tmp_path_factory, name: str):
    """The small test corpus in a folder of its own, with a parse cache of its own while in use (a generator
    for a module fixture: ``yield from small_corpus_with_own_cache(tmp_path_factory, "cli-compare")``)."""
    from partylines.core import config

    root = tmp_path_factory.mktemp(name)
    folder = write_small_corpus(root / "corpus")
    with config.configured(cache_dir=root / "cache"):
        yield folder


#: Two documents written for the corpus concordance and collocation tests (no final stop: a pair or a window
#: running on from one document into the next would join A's last "peace" to B's first "Trade"). B has no year.
TWO_DOCUMENTS = {"texts/a.txt": ("2001", "Peace brings trade and trade brings peace\n"),
                 "texts/b.txt": ("", "Trade allows growth\n")}


def write_two_documents(folder: Path, *, missing: bool = False) -> Path:
    """:data:`TWO_DOCUMENTS` as a corpus folder (``missing``: its metadata also lists a file that is not there)."""
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows = ["file,year"]
    for name, (year, text) in TWO_DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{year}")
    if missing:
        rows.append("texts/gone.txt,2002")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def two_documents_with_own_cache(tmp_path_factory, name: str):
    """:data:`TWO_DOCUMENTS` read as a corpus (with a listed file that is missing), parsed in a cache of its own
    while in use (a generator for a module fixture, as :func:`small_corpus_with_own_cache`)."""
    from partylines.core import config
    from partylines.corpus.reading import read_corpus

    root = tmp_path_factory.mktemp(name)
    with config.configured(cache_dir=root / "cache"):
        yield read_corpus(write_two_documents(root / "corpus", missing=True))
