"""Corpus tables checked by other methods: counts over the raw texts, sums of the documents' own term tables,
DP by its formula, tf-idf by scikit-learn, and the same tables from worker processes."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
from spacy.lang.en.stop_words import STOP_WORDS

import partylines as pl
from helpers import SMALL_CORPUS, write_small_corpus
from partylines.analyses.ranking import head_with_ties
from partylines.core import config
from partylines.corpus import parsing
from partylines.corpus.parsing import parse_corpus
from partylines.corpus.tables import term_table, document_term_matrix, documents_table
from partylines.corpus.reading import read_corpus

WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The small corpus, parsed once in this process, in a cache of its own."""
    folder = write_small_corpus(tmp_path_factory.mktemp("small"))
    cache = tmp_path_factory.mktemp("small-cache")
    with config.configured(cache_dir=cache):
        corpus = read_corpus(folder)
        report = parse_corpus(corpus, processes=1, progress=False)
        yield corpus, report, cache


def raw_counts(texts) -> Counter:
    counts = Counter()
    for text in texts:
        counts.update(w.lower() for w in WORD.findall(text) if w.lower() not in STOP_WORDS)
    return counts


def test_parse_report(small):
    corpus, report, _ = small
    assert len(corpus) == report.documents == report.parsed == report.stored == len(SMALL_CORPUS)
    assert report.bad == [] and report.tokens > 0


def test_lowercased_counts_equal_a_count_over_the_raw_texts(small):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        table = term_table(corpus, by="lower")
    expected = raw_counts(SMALL_CORPUS.values())
    assert dict(zip(table["term"], table["count"])) == dict(expected)
    assert table.attrs["words"] == sum(len(WORD.findall(t)) for t in SMALL_CORPUS.values())


def test_lemma_counts_are_the_sum_of_the_documents_own_tables(small):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        table = term_table(corpus)
        summed = Counter()
        for item in corpus:
            doc = pl.parse(item.read())
            summed.update(dict(zip(pl.term_table(doc)["term"], pl.term_table(doc)["count"])))
    assert dict(zip(table["term"], table["count"])) == dict(summed)
    assert table.loc[table["term"] == "country", "units"].item() == 2  # "countries" in two documents


def test_document_frequency_range_and_dp_by_hand(small):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        table = term_table(corpus, by="lower").set_index("term")
    words = [len(WORD.findall(t)) for t in SMALL_CORPUS.values()]
    for term in ("peace", "trade", "climate"):
        counts = [raw_counts([t])[term] for t in SMALL_CORPUS.values()]
        expected = 0.5 * sum(abs(c / sum(counts) - w / sum(words)) for c, w in zip(counts, words))
        assert table.loc[term, "units"] == sum(1 for c in counts if c)
        assert table.loc[term, "range"] == pytest.approx(sum(1 for c in counts if c) / len(counts))
        assert table.loc[term, "dp"] == pytest.approx(expected)
        assert table.loc[term, "dp_norm"] == pytest.approx(expected / (1 - min(words) / sum(words)))
        assert table.loc[term, "per_10k"] == pytest.approx(10000 * sum(counts) / sum(words))


#: Gries' DP of every (country, lemma) of the bundled corpus, computed entirely by DuckDB: each document's
#: share of its country's words in SQL, the sum of |observed - expected| over the documents holding the term,
#: and the documents without it adding their whole expected share.
DP_IN_SQL = """
    WITH kept AS (SELECT * FROM rows WHERE "by" = 'lemma' AND NOT stop),
    sizes AS (SELECT grp, sum(words) AS group_words FROM docs GROUP BY grp),
    per_doc AS (SELECT grp, key, doc, sum(count) AS c FROM kept GROUP BY grp, key, doc),
    spread AS (SELECT p.grp, p.key, p.c, sum(p.c) OVER (PARTITION BY p.grp, p.key) AS total,
                      d.words / s.group_words AS share
               FROM per_doc p JOIN docs d ON d.doc = p.doc JOIN sizes s ON s.grp = p.grp)
    SELECT grp, first(t.term) AS term, 0.5 * (sum(abs(c / total - share)) + 1 - sum(share)) AS dp
    FROM spread JOIN (SELECT key, first(term ORDER BY c DESC, term) AS term FROM
                      (SELECT key, term, sum(count) AS c FROM kept GROUP BY key, term) GROUP BY key) t USING (key)
    GROUP BY grp, key
"""


@pytest.mark.slow
def test_corpus_dp_equals_dp_computed_in_sql_on_the_bundled_corpus(tmp_path_factory):
    from helpers import bundled_corpus
    from partylines.corpus.tables import connect_counts, stored_counts

    corpus = bundled_corpus(tmp_path_factory)
    table = term_table(corpus, group="country")
    con = connect_counts(stored_counts(corpus, parse=False), "terms", "country")
    expected = con.execute(DP_IN_SQL).df()
    con.close()
    got = table.set_index(["country", "term"])["dp"]
    want = expected.set_index(["grp", "term"])["dp"]
    assert len(got) == len(want) > 10000
    assert np.abs(got.to_numpy() - want.reindex(got.index).to_numpy()).max() < 1e-12


def test_groups_are_computed_within_each_group(small):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        table = term_table(corpus, by="lower", group="country")
        years = term_table(corpus, by="lower", group="decade")
    for country in ("north", "south"):
        texts = [t for (c, _), t in SMALL_CORPUS.items() if c == country]
        rows = table[table["country"] == country]
        assert dict(zip(rows["term"], rows["count"])) == dict(raw_counts(texts))
        assert table.attrs["words"][country] == sum(len(WORD.findall(t)) for t in texts)
    assert set(years["decade"]) == {"2000s"}
    with pytest.raises(pl.UsageError, match="group 'colour' is not a metadata column"):
        term_table(corpus, group="colour")


def test_top_min_count_and_pos(small):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        full = term_table(corpus)
        top = term_table(corpus, top=3, min_count=2)
        nouns = term_table(corpus, pos="NOUN")
    enough = full[full["count"] >= 2]
    kept, note = head_with_ties(enough, 3)  # a tie at the cut is kept whole or left out, never cut by name
    assert list(top["term"]) == list(kept["term"]) and top.attrs["not_shown"] == note
    assert len(kept) == 3 or note or len(kept) > 3
    assert set(nouns["pos"]) == {"NOUN"} and set(nouns["term"]) <= set(full["term"])


def test_documents_table(small):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        table = documents_table(corpus)
    assert list(table["id"]) == [f"texts/{c}-{y}" for y in (2001, 2002, 2003) for c in ("north", "south")]
    for row in table.itertuples():
        country, year = row.country, row.year
        text = SMALL_CORPUS[(country, year)]
        assert row.words == len(WORD.findall(text))
        assert row.paragraphs == text.count("\n\n") + 1
        assert row.sentences == text.count(".")
        assert row.speaker == f"Delegate of {country.title()}"
    assert "README" not in " ".join(table["file"])


def test_tfidf_matches_scikit_learn(small):
    from sklearn.feature_extraction.text import TfidfTransformer

    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        counts = document_term_matrix(corpus, by="lower")
        weights = document_term_matrix(corpus, by="lower", weight="tfidf")
    expected = TfidfTransformer().fit_transform(counts.matrix).toarray()
    assert np.allclose(weights.matrix.toarray(), expected)
    frame = counts.to_frame()
    assert frame.loc["texts/north-2001", "peace"] == 2
    assert list(frame.index) == [item.id for item in corpus]
    assert counts.terms[0] == "peace"  # the most frequent term comes first


@pytest.mark.parametrize("options, message", [
    ({"weight": "bm25"}, "weight must be one of count, tfidf (got 'bm25')"),
    ({"by": "stem"}, "by must be one of lemma, lower, text (got 'stem')"),
    ({"min_documents": 0}, "min_documents must be 1 or more (got 0)"),
])
def test_document_term_matrix_checks_its_choices(small, options, message):
    corpus, _, _ = small
    with pytest.raises(pl.OptionError) as raised:
        document_term_matrix(corpus, **options)
    assert str(raised.value) == message


def test_parse_corpus_names_the_processes_argument(small):
    corpus, _, _ = small
    with pytest.raises(pl.OptionError) as raised:
        parse_corpus(corpus, processes=0, progress=False)
    assert str(raised.value) == "processes must be 1 or more (got 0)"


def test_second_run_parses_nothing_and_pool_gives_the_same_tables(small, tmp_path, monkeypatch):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        again = parse_corpus(corpus, processes=1, progress=False)
        single = term_table(corpus, group="country")
    assert again.parsed == again.stored == 0
    monkeypatch.setattr(parsing, "BATCH_DOCUMENTS", 1)  # one document a batch: work for both workers
    with config.configured(cache_dir=tmp_path / "pool"):
        report = parse_corpus(corpus, processes=2, progress=False)
        pooled = term_table(corpus, group="country")
    assert report.parsed == len(corpus) and report.where == "2 worker processes"
    assert pooled.equals(single)


def test_work_that_fits_in_one_batch_is_parsed_without_starting_workers(small, tmp_path):
    corpus, _, _ = small
    assert sum(len(item.read().text) for item in corpus) < parsing.BATCH_CHARS
    assert len(corpus) < parsing.BATCH_DOCUMENTS
    with config.configured(cache_dir=tmp_path / "one-batch"):
        report = parse_corpus(corpus, processes=2, progress=False)
    assert report.parsed == len(corpus) and report.where == "this process" and report.workers == 1


@pytest.mark.slow
def test_local_dask_cluster_gives_the_same_tables(small, tmp_path):
    corpus, _, cache = small
    with config.configured(cache_dir=cache):
        single = term_table(corpus, group="country")
        documents = documents_table(corpus)
    with config.configured(cache_dir=tmp_path / "dask"):
        report = parse_corpus(corpus, processes=2, scheduler="local", progress=False)
        clustered = term_table(corpus, group="country")
        assert documents_table(corpus).equals(documents)
    assert report.parsed == len(corpus) and report.where == "Dask LocalCluster (2 workers)"
    assert clustered.equals(single)


def test_documents_table_sizes_are_the_documents_own(tmp_path):
    # One home for a document's sizes: a corpus's documents table gives the sentences `partylines info` and the
    # sentence table count (running text with a word: the Roosevelt speech has a sentence without one), and
    # its stored tokens leave whitespace out, as the outline does.
    import pandas as pd

    from partylines.analyses.outline import sentence_table
    from partylines.core.config import PROJ_ROOT
    from partylines.corpus.store import count_file
    from partylines.corpus.tables import SIZE_FACTS, stored_counts, summary

    source = PROJ_ROOT / "data" / "raw" / "roosevelt-1941-four-freedoms.txt"
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "speech.txt").write_bytes(source.read_bytes())
    with config.configured(cache_dir=tmp_path / "cache"):
        corpus = read_corpus(tmp_path)
        parse_corpus(corpus, processes=1, progress=False)
        row = documents_table(corpus).iloc[0]
        facts = pd.read_parquet(count_file(stored_counts(corpus).keys[0], "facts")).iloc[0]
        doc = pl.parse(source)
        of_corpus, of_doc = summary(corpus), summary(pl.Corpus.of(doc))
    assert row["sentences"] == len(sentence_table(doc)) == summary(doc)["sentences"]
    assert facts["tokens"] == summary(doc)["tokens"] == sum(1 for t in doc if not t.is_space)
    # One summary, one set of names: the corpus of this one document (read from its file, or made from its
    # parsed Doc) gives the document's own sizes, those of its documents-table row.
    for size in SIZE_FACTS:
        assert of_corpus[size] == of_doc[size] == summary(doc)[size]
    assert [of_corpus[s] for s in ("words", "sentences", "paragraphs", "sections")] == [
        row[s] for s in ("words", "sentences", "paragraphs", "sections")]
    assert of_corpus["documents"] == 1 and of_corpus["counted"] == "1 of 1 documents"


PARTY_TEXT = ("The party met the parties of the region.\n\nParties from the north spoke first; the party "
              "listened and the Party answered.\n\nPeace matters to every party, and peace needs work.\n")


def test_corpus_of_a_parsed_doc_counts_as_the_corpus_of_its_file(tmp_path):
    # A document is a corpus of one, whether given as its path or as its parsed Doc (counted from the Doc
    # itself): the same term counts, and those of a count over the raw text.
    path = tmp_path / "speech.txt"
    path.write_text(PARTY_TEXT, encoding="utf-8")
    with config.configured(cache_dir=tmp_path / "cache"):
        from_path = pl.Corpus.of(path)
        doc = pl.parse(path)
        from_doc = pl.Corpus.of(doc)
        by_path, by_doc = term_table(from_path), term_table(from_doc)
        lower = term_table(from_doc, by="lower")
    assert len(from_doc) == len(from_path) == 1 and from_doc.name == from_path.name == "speech"
    assert dict(zip(by_doc["term"], by_doc["count"])) == dict(zip(by_path["term"], by_path["count"]))
    counted = dict(zip(by_doc["term"], by_doc["count"]))
    assert counted["party"] == len(re.findall(r"\bpart(?:y|ies)\b", PARTY_TEXT, flags=re.IGNORECASE)) == 6
    assert counted["peace"] == PARTY_TEXT.lower().count("peace") == 2
    assert dict(zip(lower["term"], lower["count"])) == dict(raw_counts([PARTY_TEXT]))
    assert by_doc.attrs["words"] == len(WORD.findall(PARTY_TEXT)) and set(by_doc["units"]) == {1}


def test_corpus_of_a_hand_built_doc_counts_its_tokens(tmp_path):
    # A Doc made by hand (no file behind it): 4 words, "party" twice (party, parties), "meet" once, "The" a
    # stopword and "." not a word.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=["The", "party", "met", "parties", "."], pos=["DET", "NOUN", "VERB", "NOUN", "PUNCT"],
              lemmas=["the", "party", "meet", "party", "."], sent_starts=[True, False, False, False, False])
    with config.configured(cache_dir=tmp_path / "cache"):
        table = term_table(pl.Corpus.of(doc))
        again = term_table(pl.Corpus.of(doc))
    assert dict(zip(table["term"], table["count"])) == {"party": 2, "meet": 1}
    assert table.attrs["words"] == 4 and table.attrs["documents"] == 1 and again.equals(table)
    # Its digest is over the Doc's text (there is no file to read): the same text gives the same digest.
    import hashlib

    other = Doc(Vocab(), words=["The", "party", "met", "parties", "."])
    assert pl.Corpus.of(doc)[0].source_bytes() == b"The party met parties . "
    assert pl.Corpus.of(doc).digest() == pl.Corpus.of(other).digest() != hashlib.sha256(b"").hexdigest()


def test_corpus_of_refuses_what_is_not_one_document(tmp_path):
    with pytest.raises(pl.InputError, match="is not a .txt or .md file"):
        pl.Corpus.of(tmp_path)
    with pytest.raises(pl.UsageError, match="takes a path or a parsed document, not int"):
        pl.Corpus.of(3)
    with pytest.raises(pl.UsageError, match="summary takes a parsed document or a corpus, not str"):
        pl.summary("text")
