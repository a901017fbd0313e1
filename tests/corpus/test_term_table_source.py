"""One term table for a document and a corpus: ``partylines.term_table`` takes either, and a document is a
corpus of one (the same counts, its units its parts where a corpus's are its documents)."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

import partylines as pl
from partylines.core.errors import OptionError, UsageError
from partylines.text.words import is_word


@pytest.fixture(scope="module")
def one_file_corpus(tmp_path_factory, article_path):
    folder = tmp_path_factory.mktemp("one-file")
    shutil.copy(article_path, folder / article_path.name)
    return pl.read_corpus(folder)


def test_a_document_and_the_corpus_of_it_count_the_same_terms(article_doc, one_file_corpus):
    of_doc = pl.term_table(article_doc)
    of_corpus = pl.term_table(one_file_corpus)
    assert len(of_corpus) == len(of_doc) > 300
    assert dict(zip(of_corpus["term"], of_corpus["count"])) == dict(zip(of_doc["term"], of_doc["count"]))
    assert of_corpus.attrs["words"] == of_doc.attrs["words"]
    # the units: every term is in the corpus's one document; in the document, in 1..6 of its 6 sections
    assert set(of_corpus["units"]) == {1} and set(of_corpus["range"]) == {1.0}
    assert of_doc["units"].between(1, 6).all() and of_doc.attrs["n_parts"] == 6


def test_the_counts_are_those_of_the_raw_words(article_doc):
    # an independent count: lowercased word tokens of letters (a hyphen may join them), stopwords kept
    lower = pl.term_table(article_doc, by="lower", keep_stopwords=True, names=False)
    words = Counter(t.lower_ for t in article_doc if t.lower_.replace("-", "").isalpha() and is_word(t))
    assert dict(zip(lower["term"], lower["count"])) == dict(words)


def test_top_cuts_a_document_and_a_corpus_alike_and_says_what_it_left_out(article_doc, one_file_corpus):
    full = pl.term_table(article_doc)
    for source in (article_doc, one_file_corpus):
        cut = pl.term_table(source, top=10)
        counts = full["count"].tolist()
        kept = len(cut)
        assert 10 <= kept <= 15 or cut.attrs["not_shown"]
        assert cut["term"].tolist() == full["term"].head(kept).tolist()
        assert kept == len(counts) or counts[kept - 1] != counts[kept]  # never a tie cut alphabetically
        assert cut.attrs["rows"] == len(full)


def test_an_option_the_source_cannot_take_is_refused(article_doc, one_file_corpus):
    with pytest.raises(OptionError, match="group"):
        pl.term_table(article_doc, group="year")
    with pytest.raises(OptionError, match="parts"):
        pl.term_table(one_file_corpus, parts="sections")
    with pytest.raises(OptionError, match="alpha_only"):
        pl.term_table(one_file_corpus, alpha_only=False)
    with pytest.raises(UsageError, match="parsed document or a corpus"):
        pl.term_table("some text")


def test_a_where_that_matches_nothing_is_an_error_naming_it(tmp_path, capsys):
    from helpers import run_cli, write_small_corpus

    folder = write_small_corpus(tmp_path / "small")
    code, out, err = run_cli(capsys, "terms", str(folder), "--where", "year>=3000", "--no-progress")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--where year>=3000" in err and "no document" in err and folder.name in err
    code, _, err = run_cli(capsys, "corpus", "terms", str(folder), "--where", "year>=1900", "--no-progress")
    assert code == 0, err
