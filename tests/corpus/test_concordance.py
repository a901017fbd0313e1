"""The one concordance over a corpus: lines in corpus order with id and year, sorted across documents, a corpus
of one equal to its document; match="formulation" giving the timeline's count, by hand on a corpus written
here and against a count over the raw files of the bundled corpus; only the documents with a match read."""

from __future__ import annotations

import pytest

import partylines as pl
from partylines.analyses.concordance import KWIC_COLUMNS, document_kwic_table
from partylines.core.errors import UsageError
from partylines.corpus.concordance import kwic_table


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """The two documents as a corpus (with a listed file that is missing), parsed in a cache of its own."""
    from helpers import two_documents_with_own_cache

    yield from two_documents_with_own_cache(tmp_path_factory, "kwic-two")


def test_kwic_corpus_lines_in_corpus_order_with_id_and_year(two):
    table = kwic_table(two, "trade", window=2)
    # "trade" twice in a.txt (tokens 2 and 4), "Trade" once in b.txt (token 0); b.txt has no year
    assert list(table.columns) == ["id", "year", *KWIC_COLUMNS]
    assert list(table["id"]) == ["texts/a", "texts/a", "texts/b"]
    assert list(table["year"].astype(object).where(table["year"].notna(), None)) == [2001, 2001, None]
    assert list(table["start"]) == [2, 4, 0] and list(table["match"]) == ["trade", "trade", "Trade"]
    assert list(table["left"]) == ["Peace brings", "trade and", ""]
    assert list(table["right"]) == ["and trade", "brings peace", "allows growth"]
    assert table.attrs["bad"][0][0] == "texts/gone" and "gone.txt" in table.attrs["bad"][0][1]


@pytest.mark.parametrize("sort, expected", [
    ("right", [("texts/b", 0), ("texts/a", 2), ("texts/a", 4)]),  # allows < and < brings
    ("left", [("texts/b", 0), ("texts/a", 4), ("texts/a", 2)]),  # nearest first: (nothing) < and < brings
])
def test_kwic_corpus_sorts_across_documents(two, sort, expected):
    table = kwic_table(two, "trade", window=2, sort=sort)
    assert list(zip(table["id"], table["start"])) == expected


@pytest.mark.parametrize("match", ["phrase", "formulation"])
def test_kwic_corpus_of_one_document_is_the_document_table(two, match):
    from partylines.corpus.reading import read_corpus
    from partylines.text.pipeline import parse

    path = two.root / "texts" / "a.txt"
    table = kwic_table(read_corpus(path), "trade", window=3, match=match)
    document = kwic_table(parse(path), "trade", window=3, match=match)
    assert len(document) == 2  # counted in the text
    assert list(table["id"]) == ["a", "a"] and table.attrs["bad"] == []
    assert table.drop(columns=["id", "year"]).equals(document)


def test_kwic_corpus_refuses_a_bad_query_before_reading(two):
    with pytest.raises(UsageError, match="query"):
        kwic_table(iter(()), "  ")
    with pytest.raises(UsageError, match="query"):
        kwic_table(two, "[{", match="pattern")
    with pytest.raises(UsageError, match="neither a parsed Doc nor a Corpus"):
        kwic_table([], "trade")


# --------------------------------------------------------------------------------------------------------
# match="formulation" on a corpus written here, counted by hand

THREE = {
    "texts/a.txt": ("2001", "The superpowers met. A superpower acts.\n\nPeace-loving nations want peace.\n"),
    "texts/b.txt": ("2002", "Win-win cooperation is our aim, and win win cooperation works.\n"),
    "texts/c.txt": ("2003", "Trade allows growth and peace.\n"),
}


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    from partylines.core import config

    root = tmp_path_factory.mktemp("kwic-three")
    folder = root / "corpus"
    (folder / "texts").mkdir(parents=True)
    for name, (_, text) in THREE.items():
        (folder / name).write_text(text, encoding="utf-8")
    rows = ["file,year", *(f"{name},{year}" for name, (year, _) in THREE.items())]
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with config.configured(cache_dir=root / "cache"):
        corpus = pl.read_corpus(folder)
        pl.parse_corpus(corpus, processes=1, progress=False)
        yield corpus


@pytest.mark.parametrize("query, kind, expected", [
    # by hand: superpowers + superpower in a; the "peace" of a and c, not "Peace-loving"; b writes the entry
    # twice (hyphen = space); "win" alone is two words of "win win", never inside "win-win"
    ("superpower", "phrases", [("texts/a", "superpowers"), ("texts/a", "superpower")]),
    ("peace", "phrases", [("texts/a", "peace"), ("texts/c", "peace")]),
    ("win", "phrases", [("texts/b", "win"), ("texts/b", "win")]),
    ("win-win cooperation", "formulations", [("texts/b", "Win-win cooperation"), ("texts/b", "win win cooperation")]),
])
def test_kwic_formulation_lines_are_the_timelines_uses(three, query, kind, expected):
    lines = kwic_table(three, query, match="formulation", window=2)
    assert list(zip(lines["id"], lines["match"])) == expected
    timeline = pl.trend_table(three, [query], kind=kind, over=None)
    assert timeline["count"].tolist() == [sum(i == d.id for i, _ in expected) for d in three]


def test_kwic_formulation_context_is_token_context(three):
    lines = kwic_table(three, "win-win cooperation", match="formulation", window=3)
    assert list(lines["left"]) == ["", "aim, and"] and list(lines["right"]) == ["is our aim", "works."]
    assert list(lines["sentence"]) == [0, 0] and list(lines["start"]) == [0, 7]


def test_kwic_reads_only_the_documents_with_a_match(three, monkeypatch):
    from partylines.corpus import concordance
    from partylines.text.pipeline import parse_each

    read = []

    def recording(documents, **options):
        documents = list(documents)
        read.extend(d.id for d in documents)
        return parse_each(documents, **options)

    monkeypatch.setattr(concordance, "parse_each", recording)
    for query, match, ids in [("superpower", "formulation", ["texts/a"]), ("peace", "formulation", ["texts/a", "texts/c"]),
                              ("win win", "phrase", ["texts/b"]), ("nation", "lemma", ["texts/a"]),
                              ("nowhere", "phrase", []), ("trade", "formulation", ["texts/c"])]:
        read.clear()
        table = kwic_table(three, query, match=match)
        assert read == ids, query
        assert sorted(set(table["id"])) == ids


@pytest.mark.parametrize("query, match", [("peace", "phrase"), ("superpower", "phrase"), ("win win", "phrase"),
                                          ("nations", "lemma"), ("peace-loving", "phrase"), ("'s", "phrase"),
                                          ('[{"LOWER": "peace"}]', "pattern")])
def test_kwic_corpus_lines_are_every_documents_lines(three, query, match):
    # a second method: every document parsed and concordanced on its own, none left out
    expected = [(d.id, start) for d in three
                for start in document_kwic_table(pl.parse(d.read()), query, match=match)["start"]]
    table = kwic_table(three, query, match=match)
    assert list(zip(table["id"], table["start"])) == expected


def test_first_uses_are_the_first_lines_of_the_concordance(three):
    lines = pl.first_uses(three, ["peace", "superpower", "nowhere", "...", "win win cooperation"], window=2)
    assert lines == {"peace": "nations want [peace] .", "superpower": "The [superpowers] met.",
                     "win win cooperation": " [Win-win cooperation] is our"}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    from helpers import bundled_corpus

    return bundled_corpus(tmp_path_factory)


@pytest.mark.slow
@pytest.mark.parametrize("query, match", [("human rights", "phrase"), ("peace-loving", "phrase"), ("nation", "lemma")])
def test_kwic_reads_fewer_documents_and_finds_every_line_on_the_bundled_corpus(bundled, query, match):
    from partylines.text.pipeline import parse_each

    expected = [(item.id, start) for item, doc, _ in parse_each(bundled)
                for start in document_kwic_table(doc, query, match=match)["start"]]
    table = kwic_table(bundled, query, match=match)
    assert list(zip(table["id"], table["start"])) == expected
    assert table.attrs["read"] < len(bundled)
