"""Phrases and entities of a document or a corpus, one function each (``pl.phrase_table``, ``pl.entity_table``):
a corpus's counts checked against a count over the raw texts, the corpus of one document against the
document's own table, folding by the one rule, groups counted apart, and the options a source cannot take."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest

import partylines as pl
from helpers import run_cli
from partylines.core import config
from partylines.core.errors import OptionError, UsageError
from partylines.corpus.parsing import parse_corpus

#: Written for these tests: "shared future" stands alone once (north 2002), and in the south only inside
#: "community with a shared future"; "nuclear weapons" twice in one document.
TEXTS = {
    ("north", 2001): "The community with a shared future is our goal.\n\nWe build a community with a shared future "
                     "for all.\n\nNuclear weapons threaten every nation.\n",
    ("south", 2001): "A community with a shared future needs peace.\n\nNuclear weapons must go. The United Nations "
                     "can help.\n",
    ("north", 2002): "We want a shared future, and the United Nations agrees.\n\nNuclear weapons, nuclear weapons "
                     "everywhere.\n",
}
WORD = re.compile(r"[A-Za-z]+")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("items")
    (folder / "texts").mkdir()
    rows = ["file,country,year"]
    for (country, year), text in TEXTS.items():
        (folder / "texts" / f"{country}-{year}.txt").write_text(text, encoding="utf-8")
        rows.append(f"texts/{country}-{year}.txt,{country},{year}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    cache = tmp_path_factory.mktemp("items-cache")
    with config.configured(cache_dir=cache):
        chosen = pl.read_corpus(folder)
        parse_corpus(chosen, processes=1, progress=False)
        yield chosen, cache


def raw_count(phrase: str, texts) -> list[int]:
    """Occurrences of a phrase's words, one space apart, as whole words, in each text (any case)."""
    pattern = re.compile(r"\b" + r" ".join(map(re.escape, phrase.split())) + r"\b", re.IGNORECASE)
    return [len(pattern.findall(text)) for text in texts]


def test_corpus_phrase_counts_are_those_of_the_raw_texts(corpus):
    chosen, cache = corpus
    with config.configured(cache_dir=cache):
        table = pl.phrase_table(chosen, min_count=1, fold_nested=False)
    assert len(table) > 10
    words = sum(len(WORD.findall(t)) for t in TEXTS.values())
    assert table.attrs["words"] == words and table.attrs["documents"] == 3
    for row in table.itertuples():
        per_text = raw_count(row.phrase, TEXTS.values())
        assert row.count == sum(per_text), row.phrase
        assert row.units == sum(1 for c in per_text if c) and row.range == pytest.approx(row.units / 3)
        assert row.per_10k == pytest.approx(10000 * row.count / words)
    found = dict(zip(table["phrase"], table["count"]))
    assert found["nuclear weapons"] == 4 and found["shared future"] == 4 and found["united nations"] == 2
    assert table.loc[table["phrase"] == "united nations", "form"].item() == "United Nations"
    assert list(table["count"]) == sorted(table["count"], reverse=True)


def test_a_phrase_is_folded_only_where_it_never_stands_alone(corpus):
    chosen, cache = corpus
    with config.configured(cache_dir=cache):
        whole = pl.phrase_table(chosen, min_count=1)
        by_country = pl.phrase_table(chosen, min_count=1, group="country")
    # 4 uses, 3 of them inside "community with a shared future": it stands alone once, so it stays
    assert whole.loc[whole["phrase"] == "shared future", "count"].item() == 4
    north = by_country[by_country["country"] == "north"]
    south = by_country[by_country["country"] == "south"]
    assert list(by_country.columns[:2]) == ["country", "phrase"]
    assert north.loc[north["phrase"] == "shared future", "count"].item() == 3
    # in the south its one use is inside longer phrases: folded into the longest, and listed there
    assert "shared future" not in set(south["phrase"])
    holders = south[south["absorbs"].str.split("; ").map(lambda folded: "shared future" in folded)]
    assert holders["phrase"].tolist() == ["community with a shared future needs"]
    # each group counts its own words and documents
    assert by_country.attrs["words"] == {c: sum(len(WORD.findall(t)) for (k, _), t in TEXTS.items() if k == c)
                                         for c in ("north", "south")}
    assert north.loc[north["phrase"] == "nuclear weapons", ["count", "units"]].values.tolist() == [[3, 2]]


def test_the_corpus_of_one_document_gives_the_document_s_phrases_and_entities(tmp_path, article_path, article_doc):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(article_path, folder / article_path.name)
    with config.configured(cache_dir=tmp_path / "cache"):
        one = pl.read_corpus(folder)
        corpus_phrases = pl.phrase_table(one, fold_nested=False)
        corpus_entities = pl.entity_table(one)
    # unfolded, a document's phrases are plain n-grams: the same set with the same counts
    doc_phrases = pl.phrase_table(article_doc, fold_nested=False)
    assert len(corpus_phrases) == len(doc_phrases) > 40
    assert dict(zip(corpus_phrases["phrase"], corpus_phrases["count"])) == dict(
        zip(doc_phrases["phrase"], doc_phrases["count"]))
    doc_entities = pl.entity_table(article_doc)
    assert corpus_entities[["entity", "label", "count"]].values.tolist() == \
        doc_entities[["entity", "label", "count"]].values.tolist()
    assert set(corpus_entities["units"]) == {1}


def test_corpus_entities_are_the_sum_of_the_documents_tables(corpus):
    chosen, cache = corpus
    with config.configured(cache_dir=cache):
        table = pl.entity_table(chosen)
        summed, units = Counter(), Counter()
        for item in chosen:
            own = pl.entity_table(pl.parse(item.read()))
            summed.update(dict(zip(zip(own["entity"], own["label"]), own["count"])))
            units.update(set(zip(own["entity"], own["label"])))
    assert dict(zip(zip(table["entity"], table["label"]), table["count"])) == dict(summed)
    assert dict(zip(zip(table["entity"], table["label"]), table["units"])) == dict(units)
    assert sum(summed.values()) > 0


def test_nothing_above_the_threshold_is_an_empty_table_with_its_columns(corpus):
    chosen, cache = corpus
    with config.configured(cache_dir=cache):
        phrases = pl.phrase_table(chosen, min_count=50)
        grouped = pl.phrase_table(chosen, min_count=50, group="year")
        entities = pl.entity_table(chosen, labels=["LAW"])
    assert phrases.empty and list(phrases.columns) == ["phrase", "form", "n", "count", "per_10k", "units", "range",
                                                       "dp", "absorbs"]
    assert grouped.empty and grouped.columns[0] == "year"
    assert entities.empty and "entity" in entities.columns


def test_options_a_source_cannot_take_are_refused(corpus, article_doc):
    chosen, cache = corpus
    with config.configured(cache_dir=cache):
        for options, name in (({"by": "lemma"}, "by"), ({"min_n": 1}, "min_n"), ({"max_n": 5}, "max_n"),
                              ({"parts": "sections"}, "parts")):
            with pytest.raises(OptionError, match=name):
                pl.phrase_table(chosen, **options)
        for options, name in (({"raw": True}, "raw"), ({"aliases": {"UN": "United Nations"}}, "aliases"),
                              ({"labels": ["DATE"]}, "labels")):
            with pytest.raises(OptionError, match=name):
                pl.entity_table(chosen, **options)
        with pytest.raises(UsageError, match="not a metadata column"):
            pl.phrase_table(chosen, group="party")
    for function in (pl.phrase_table, pl.entity_table):
        with pytest.raises(OptionError, match="group"):
            function(article_doc, group="year")
        with pytest.raises(UsageError, match="parsed document or a corpus"):
            function("some text")


def test_the_commands_take_a_folder_and_write_every_row_to_csv(corpus, capsys):
    import io

    import pandas as pd

    chosen, cache = corpus
    with config.configured(cache_dir=cache):
        code, out, err = run_cli(capsys, "phrases", chosen.root, "--min-count", "1", "-f", "csv", "--no-progress")
        assert code == 0, err
        written = pd.read_csv(io.StringIO(out))
        assert len(written) == len(pl.phrase_table(chosen, min_count=1)) > 5
        code, out, err = run_cli(capsys, "phrases", chosen.root, "--min-count", "1", "-n", "2", "--no-progress")
        assert code == 0 and f"{len(written) - 2} more rows" in out  # the terminal's cut is said
        code, out, err = run_cli(capsys, "entities", chosen.root, "--group", "country", "--no-progress")
        assert code == 0, err
        assert "3 documents" in out and "country" in out
        code, out, err = run_cli(capsys, "phrases", chosen.root, "--by", "lemma", "--no-progress")
        assert code == 2 and out == "" and err.count("\n") == 1 and "--by" in err
