"""Comparisons: keyness both ways by the textbook formulas on documents written for the test, similarity
against scikit-learn on the same matrix, and terms a reader knows lean one way on the bundled corpus."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import partylines as pl
from helpers import bundled_corpus, write_small_corpus
from partylines.core import config
from partylines.core.errors import UsageError

# Two documents whose counts can be read off the text: every word a term (no stopword, no inflection).
TEXT_A = "Peace peace peace peace. Trade trade. Harmony.\n"
TEXT_B = "Peace. Trade trade trade trade trade trade. Justice justice justice.\n"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    root = tmp_path_factory.mktemp("pair")
    (root / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (root / "b.txt").write_text(TEXT_B, encoding="utf-8")
    with config.configured(cache_dir=root / "cache"):
        yield root, pl.compare(root / "a.txt", root / "b.txt", min_count=1, bonferroni=True)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    folder = write_small_corpus(root / "corpus")
    with config.configured(cache_dir=root / "cache"):
        corpus = pl.read_corpus(folder)
        pl.parse_corpus(corpus, progress=False)
        yield corpus


def textbook(a: int, b: int, c: int, d: int) -> dict:
    """G2, p, log ratio and %DIFF written out as Rayson & Garside (2000) and Hardie (2014) give them."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    g2 = 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))
    sa, sb = (a or 0.5), (b or 0.5)
    return {"g2": g2 if a / c >= b / d else -g2, "p": math.erfc(math.sqrt(g2 / 2)),
            "log_ratio": math.log2((sa / c) / (sb / d)), "pct_diff": 100 * (sa / c - sb / d) / (sb / d)}


def test_keyness_both_ways_by_the_textbook_formulas(pair):
    _, table = pair
    words_a, words_b = len(TEXT_A.split()), len(TEXT_B.split())
    assert (table["words_a"] == words_a).all() and (table["words_b"] == words_b).all()
    expected_counts = {"peace": (4, 1), "trade": (2, 6), "harmony": (1, 0), "justice": (0, 3)}
    assert {t.lower(): (a, b) for t, a, b in zip(table["term"], table["count_a"], table["count_b"])} == expected_counts
    for row in table.itertuples(index=False):
        expected = textbook(row.count_a, row.count_b, words_a, words_b)
        for column, value in expected.items():
            assert getattr(row, column) == pytest.approx(value, rel=1e-9, abs=1e-12), (row.term, column)
        assert row.p_bonferroni == pytest.approx(min(1.0, expected["p"] * len(table)))
        assert row.per_10k_a == pytest.approx(10000 * row.count_a / words_a)
        assert row.units_a == (1 if row.count_a else 0)
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)  # A's keywords first, B's last
    assert table["term"].iloc[0].lower() == "peace" and table["term"].iloc[-1].lower() in ("justice", "trade")


def test_csv_columns_and_sides_named(pair, capsys):
    root, table = pair
    assert list(table.columns) == ["term", "count_a", "per_10k_a", "units_a", "words_a", "count_b", "per_10k_b",
                                   "units_b", "words_b", "g2", "p", "p_bonferroni", "log_ratio", "pct_diff", "leans"]
    assert table.attrs["a"] == "a" and table.attrs["b"] == "b"
    assert set(table["leans"]) <= {"a", "b", ""}


def test_groups_of_one_corpus_and_one_document_against_the_rest(small):
    north, south = small.where("country=north"), small.where("country=south")
    table = pl.compare_groups(small, "country=north", "country=south", min_count=1)
    assert (table.attrs["a"], table.attrs["b"]) == ("north", "south")
    peace = table[table["term"].str.lower() == "peace"].iloc[0]
    raw = {side: sum(len(re.findall(r"\bpeace\b", d.source.read_text(), flags=re.I)) for d in part)
           for side, part in (("a", north), ("b", south))}
    assert (peace["count_a"], peace["count_b"]) == (raw["a"], raw["b"])
    assert peace["units_a"] == sum(1 for d in north if re.search(r"\bpeace\b", d.source.read_text(), flags=re.I))
    one = pl.distinctive(small, "texts/north-2002", min_count=1)
    terrorism = one[one["term"].str.lower() == "terrorism"].iloc[0]
    assert (terrorism["count_a"], terrorism["count_b"], terrorism["units_b"]) == (2, 0, 0)
    assert one.attrs["documents_b"] == len(small) - 1
    with pytest.raises(UsageError, match="no documents"):
        pl.compare(small.where("country=east"), south)


@pytest.mark.parametrize("a, b, message", [
    ("colour=red", "country=south", "a 'colour=red': the corpus has no column 'colour'"),
    ("country=north", "country=east", "b 'country=east': no document of corpus matches; check the condition"),
    ("country=north", "year", "b 'year': write column=value"),
])
def test_compare_groups_errors_name_the_argument(small, a, b, message):
    with pytest.raises(pl.OptionError) as raised:
        pl.compare_groups(small, a, b)
    assert str(raised.value).startswith(message)


def test_formulations_and_entities_compare(small):
    table = pl.compare(small.where("country=north"), small.where("country=south"), kind="formulations", min_count=1,
                       dictionary={"development": ["development"], "climate change": ["climate change"]})
    rows = table.set_index("formulation")
    assert (rows.loc["climate change", "count_a"], rows.loc["climate change", "count_b"]) == (0, 2)
    raw = sum(len(re.findall(r"\bdevelopment\b", d.source.read_text(), flags=re.I)) for d in small.where("country=north"))
    assert rows.loc["development", "count_a"] == raw == 4
    entities = pl.compare(small.where("country=north"), small.where("country=south"), kind="entities", min_count=1)
    assert list(entities.columns[:2]) == ["entity", "label"]


def test_similarity_equals_scikit_learn_on_the_same_matrix(small):
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity

    counts = pl.document_term_matrix(small, weight="count")
    expected = cosine_similarity(TfidfTransformer().fit_transform(counts.matrix))
    similarity = pl.similarity_matrix(small)
    assert list(similarity.index) == list(counts.documents)
    np.testing.assert_allclose(similarity.to_numpy(), expected, atol=1e-12)
    neighbours = pl.nearest_documents(similarity, small, n=2)
    for name, rows in neighbours.groupby("id", sort=False):
        others = similarity.loc[name].drop(name).sort_values(ascending=False, kind="stable")
        assert list(rows["similarity"]) == pytest.approx(list(others.iloc[:2]))
    shifts = pl.distance_from_previous(similarity, small, group="country")
    north = [d.id for d in small if d.meta["country"] == "north"]
    first = shifts[shifts["id"] == north[1]].iloc[0]
    assert first["previous"] == north[0]
    assert list(shifts.columns) == ["id", "year", "date", "country", "previous", "distance"]
    assert set(shifts["country"]) == {d.meta["country"] for d in small}
    assert first["distance"] == pytest.approx(1 - expected[counts.documents.index(north[1]), counts.documents.index(north[0])])
    assert len(shifts) == len(small) - 2  # the first document of each series has no previous one


def test_side_labels_say_what_sets_the_sides_apart(small):
    from partylines.corpus.compare import side_labels

    early, late = small.where("country=north", "year>=2001", "year<=2002"), small.where("country=north", "year>=2003")
    assert side_labels(early, late) == ("2001-2002", "2003 on")


@pytest.mark.slow
def test_terms_a_reader_knows_lean_the_way_they_should_on_the_bundled_corpus(tmp_path_factory):
    corpus = bundled_corpus(tmp_path_factory)
    china = corpus.where("country=CHN")
    periods = pl.compare(china.where("year>=1972", "year<=1989"), china.where("year>=2013", "year<=2024"))
    rows = periods.set_index(periods["term"].str.lower())
    assert rows.loc["hegemonism", "leans"] == periods.attrs["a"] and rows.loc["hegemonism", "g2"] > 0
    assert rows.loc["superpower", "g2"] > 0 if "superpower" in rows.index else rows.loc["super-power", "g2"] > 0
    assert rows.loc["win-win", "leans"] == periods.attrs["b"]
    # counted as the raw files count it: "hegemonism" standing alone, whatever its case
    pattern = re.compile(r"(?<![\w\-¬])hegemonism(?![\w\-¬])", flags=re.I)
    for side, part in (("a", china.where("year>=1972", "year<=1989")), ("b", china.where("year>=2013", "year<=2024"))):
        raw = sum(len(pattern.findall(d.source.read_bytes().decode("utf-8-sig"))) for d in part)
        assert rows.loc["hegemonism", f"count_{side}"] == raw
    countries = pl.compare_groups(corpus, "country=CHN", "country=USA")
    rows = countries.set_index(countries["term"].str.lower())
    assert rows.loc["freedom", "leans"] == "USA" and rows.loc["hegemonism", "leans"] == "CHN"


def test_a_phrase_only_inside_a_longer_one_is_left_out(tmp_path):
    (tmp_path / "a.txt").write_text("The Universal Declaration of Human Rights matters. " * 3 + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Human rights matter to every nation. Human rights matter.\n", encoding="utf-8")
    with config.configured(cache_dir=tmp_path / "cache"):
        table = pl.compare(tmp_path / "a.txt", tmp_path / "b.txt", kind="phrases", min_count=1)
    phrases = set(table["phrase"].str.lower())
    assert "universal declaration of human rights" in phrases
    assert "universal declaration of human" not in phrases  # always inside "... human rights", same counts
    assert "human rights" in phrases  # also stands alone on side B: kept


# A set phrase said three times, and a piece of it said twice more on its own: the piece stays, every other
# piece of the long phrase never occurs outside it. No one-word-shorter piece of "honour the friendship of the
# peoples" is a phrase (each would start or end with "the"), so folding must look deeper than first or last words.
FRIENDSHIP = ("We honour the friendship of the peoples. " * 3 + "The friendship of the peoples grows. " * 2
              + "\n")
OTHER = "Trade routes open markets. Trade routes open markets. Trade routes open markets.\n"


@pytest.fixture(scope="module")
def friendship(tmp_path_factory):
    root = tmp_path_factory.mktemp("friendship")
    (root / "a.txt").write_text(FRIENDSHIP, encoding="utf-8")
    (root / "b.txt").write_text(OTHER, encoding="utf-8")
    with config.configured(cache_dir=root / "cache"):
        table = pl.compare(root / "a.txt", root / "b.txt", kind="phrases", min_count=2)
        yield table, pl.document_phrase_table(pl.parse(root / "a.txt"))


def test_a_phrase_held_deep_inside_a_longer_one_is_folded(friendship):
    table, _ = friendship
    phrases = dict(zip(table["phrase"].str.lower(), table["count_a"]))
    # counted by hand in FRIENDSHIP: the long phrase 3 times; "friendship of the peoples" 3 + 2 times
    assert phrases["honour the friendship of the peoples"] == 3
    assert phrases["friendship of the peoples"] == 5  # also stands alone: kept
    assert "honour the friendship" not in phrases  # only ever inside the long phrase
    assert "peoples grows" not in phrases  # only ever inside "friendship of the peoples grows"
    assert phrases["friendship of the peoples grows"] == 2


def test_a_corpus_of_one_document_folds_as_the_documents_phrase_table(friendship):
    table, own = friendship
    side_a = table[table["count_a"] > 0]
    assert dict(zip(side_a["phrase"].str.lower(), side_a["count_a"])) == dict(zip(own["phrase"], own["count"]))
    assert set(own["phrase"]) == {"honour the friendship of the peoples", "friendship of the peoples",
                                  "friendship of the peoples grows"}



def test_sides_that_repeat_no_phrase_enough_give_an_empty_phrase_table_not_an_error(tmp_path):
    # no phrase of these two texts occurs 1,000 times: nothing is tested, and the table keeps its columns
    (tmp_path / "a.txt").write_text(FRIENDSHIP, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    with config.configured(cache_dir=tmp_path / "cache"):
        table = pl.compare(tmp_path / "a.txt", tmp_path / "b.txt", kind="phrases", min_count=1000)
    assert table.empty
    assert {"phrase", "count_a", "count_b", "g2", "leans"} <= set(table.columns)


NAMED = "The United Nations met in New York.\n\nThe United Nations spoke for peace.\n"
COMMON = "Developing nations need peace.\n\nThe United Nations must help the developing nations.\n"
TABLE_COLUMNS = ["term", "count_a", "per_10k_a", "words_a", "count_b", "per_10k_b", "units_b", "words_b", "g2",
                 "log_ratio", "leans"]


def document_and_corpus_of_it(a, b, **options):
    """compare() of a parsed document against ``b``, and of the corpus of that one document against ``b`` (the
    sides named alike: a document is named by its slug, a corpus by its file)."""
    options = {"labels": ("A", "B"), **options}
    return pl.compare(pl.parse(a), b, **options), pl.compare(pl.read_corpus(a), pl.read_corpus(b), **options)


def test_a_document_side_takes_the_lemma_both_sides_give_a_proper_noun(tmp_path):
    # the first text only writes "Nations" in "United Nations" (a proper noun, which its own term table keeps
    # as written); the second writes "nations" as a common noun: together they count every one as "nation"
    (tmp_path / "named.txt").write_text(NAMED, encoding="utf-8")
    (tmp_path / "common.txt").write_text(COMMON, encoding="utf-8")
    with config.configured(cache_dir=tmp_path / "cache"):
        own = pl.term_table(pl.parse(tmp_path / "named.txt"))
        document, corpus = document_and_corpus_of_it(tmp_path / "named.txt", tmp_path / "common.txt", min_count=1)
    assert "Nations" in set(own["term"])  # on its own the document keeps the name
    nation = re.compile(r"\bnations?\b", re.IGNORECASE)
    for table in (document, corpus):
        row = table.set_index("term").loc["nation"]
        assert (row["count_a"], row["count_b"]) == (len(nation.findall(NAMED)), len(nation.findall(COMMON))) == (2, 3)
        assert "Nations" not in set(table["term"])
    assert document[TABLE_COLUMNS].equals(corpus[TABLE_COLUMNS])


def test_a_bundled_document_and_the_corpus_of_it_give_the_same_table(tmp_path):
    four_freedoms = config.RAW_DIR / "roosevelt-1941-four-freedoms.txt"
    party_diplomacy = config.RAW_DIR / "wang-jiarui-2007-party-diplomacy.txt"
    document, corpus = document_and_corpus_of_it(four_freedoms, party_diplomacy, min_count=1)
    assert document[TABLE_COLUMNS].equals(corpus[TABLE_COLUMNS])
    # "Members of the Congress" is a proper noun in the speech; the other document writes "members"
    member = re.compile(r"\bmembers?\b", re.IGNORECASE)
    row = document.set_index("term").loc["member"]
    texts = [path.read_text(encoding="utf-8") for path in (four_freedoms, party_diplomacy)]
    assert (row["count_a"], row["count_b"]) == tuple(len(member.findall(text)) for text in texts)
    assert "Members" not in set(document["term"])


def test_a_document_side_is_named_as_the_corpus_of_its_file_is(tmp_path):
    """A parsed document and a path are named by their file name without its suffix, as the corpus of that one
    file is (they were named by slug and by file name: "lab-2019" against "con-2019.txt"); two sides of one
    name are told apart."""
    import partylines as pl
    from partylines.core import config

    a, b = tmp_path / "Lab 2019.txt", tmp_path / "con-2019.txt"
    a.write_text("We work for peace and work and bread and schools for all.\n", encoding="utf-8")
    b.write_text("We want order and order and taxes and trade and roads for all.\n", encoding="utf-8")
    twin = tmp_path / "twin" / "con-2019.txt"
    twin.parent.mkdir()
    twin.write_text("We want order and trade and roads for all.\n", encoding="utf-8")
    with config.configured(cache_dir=tmp_path / "cache"):
        of_doc = pl.compare(pl.parse(a), b, min_count=1)
        of_corpora = pl.compare(pl.Corpus.of(a), pl.Corpus.of(b), min_count=1)
        same_name = pl.compare(pl.parse(b), twin, min_count=1)
    assert (of_doc.attrs["a"], of_doc.attrs["b"]) == ("Lab 2019", "con-2019")
    assert (of_corpora.attrs["a"], of_corpora.attrs["b"]) == ("Lab 2019", "con-2019")
    assert (same_name.attrs["a"], same_name.attrs["b"]) == ("A: con-2019", "B: con-2019")
