"""Keyness statistics against values worked out by hand from the formulas, and keyness tables against
small hand-built documents, wordfreq looked up directly, and files and folders as references."""

from __future__ import annotations

import math
import re
import shutil

import pytest
from helpers import SMALL_CORPUS, independent_words, write_small_corpus

import partylines as pl
from partylines.core.errors import InputError, UsageError
from partylines.analyses.keyness import (
    KEYNESS_COLUMNS,
    WORDFREQ_SIZE,
    chi2_sf_1,
    keyness_table,
    log_likelihood,
    log_ratio,
    percent_diff,
    top_keywords,
)
from partylines.text.terms import TermOptions


def test_keyness_g2_worked_by_hand():
    # a = 10 of c = 1,000 words; b = 20 of d = 10,000 words.
    # E1 = 1000 * 30 / 11000 = 2.727273 ; E2 = 10000 * 30 / 11000 = 27.272727
    # G2 = 2 * (10 ln(10 / 2.727273) + 20 ln(20 / 27.272727))
    #    = 2 * (10 * 1.2992830 + 20 * -0.3101549) = 2 * (12.992830 - 6.203099) = 13.579463
    assert log_likelihood([10], [20], 1000, 10000)[0] == pytest.approx(13.579463, abs=1e-5)
    # log ratio = log2((10/1000) / (20/10000)) = log2(0.01 / 0.002) = log2(5) = 2.321928
    assert log_ratio([10], [20], 1000, 10000)[0] == pytest.approx(2.321928, abs=1e-6)
    # %DIFF = 100 * (0.01 - 0.002) / 0.002 = 400
    assert percent_diff([10], [20], 1000, 10000)[0] == pytest.approx(400.0)


def test_keyness_g2_with_a_zero_reference_count():
    # a = 5 of 100; b = 0 of 1,000. E1 = 100 * 5 / 1100 = 0.454545; the b term is 0 ln 0 = 0.
    # G2 = 2 * 5 ln(5 / 0.454545) = 10 ln 11 = 23.978953
    assert log_likelihood([5], [0], 100, 1000)[0] == pytest.approx(10 * math.log(11))
    # b smoothed to 0.5: log2((5/100) / (0.5/1000)) = log2(100) = 6.643856 ; %DIFF = 100 * (0.05 - 0.0005) / 0.0005 = 9900
    assert log_ratio([5], [0], 100, 1000)[0] == pytest.approx(math.log2(100))
    assert percent_diff([5], [0], 100, 1000)[0] == pytest.approx(9900.0)


def test_keyness_g2_negative_direction_by_hand():
    # a = 1 of 1,000; b = 40 of 2,000. E1 = 1000 * 41 / 3000 = 13.666667; E2 = 27.333333
    # G2 = 2 * (1 ln(1 / 13.666667) + 40 ln(40 / 27.333333)) = 2 * (-2.614960 + 40 * 0.380772) = 2 * 12.615919 = 25.231838
    assert log_likelihood([1], [40], 1000, 2000)[0] == pytest.approx(25.23184, abs=1e-4)
    # log ratio = log2(0.001 / 0.02) = log2(0.05) = -4.321928
    assert log_ratio([1], [40], 1000, 2000)[0] == pytest.approx(-4.321928, abs=1e-6)


@pytest.mark.parametrize("g2, p", [(3.841459, 0.05), (6.634897, 0.01), (10.827566, 0.001), (0.0, 1.0)])
def test_keyness_p_value_chi_square_one_df(g2, p):
    assert chi2_sf_1([g2])[0] == pytest.approx(p, rel=1e-5)


def test_keyness_p_value_agrees_with_scipy():
    from scipy import stats  # installed with scikit-learn (test extras)

    values = [0.5, 2.0, 13.579463, 40.0]
    assert chi2_sf_1(values) == pytest.approx(stats.chi2.sf(values, 1))


# ---- tables on hand-built documents ---------------------------------------------------------------------


@pytest.fixture
def target(make_doc):
    # 10 words: party x4 and six other words
    words = ["party", "party", "party", "party", "alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    return make_doc(words, pos=["NOUN"] * 10, slug="target")


@pytest.fixture
def reference(make_doc):
    # 20 words: party x2, omega x12, and six others
    words = ["party"] * 2 + ["omega"] * 12 + ["eta", "theta", "iota", "kappa", "lambda", "mu"]
    return make_doc(words, pos=["NOUN"] * 20, slug="reference")


def test_keyness_table_against_a_document_by_hand(target, reference):
    table = keyness_table(target, reference=reference, min_count=2)
    assert list(table.columns) == KEYNESS_COLUMNS
    row = table.set_index("term").loc["party"]
    # a = 4 of c = 10; b = 2 of d = 20. E1 = 10 * 6 / 30 = 2 ; E2 = 4
    # G2 = 2 * (4 ln(4/2) + 2 ln(2/4)) = 2 * (4 - 2) ln 2 = 4 ln 2 = 2.772589
    assert row["g2"] == pytest.approx(4 * math.log(2))
    assert row["expected"] == pytest.approx(2.0)
    assert row["log_ratio"] == pytest.approx(2.0)  # log2(0.4 / 0.1)
    assert row["pct_diff"] == pytest.approx(300.0)
    assert row["direction"] == "positive"
    assert not row["significant"]  # 2.77 < 3.84
    # omega: a = 0, b = 12. E1 = 10 * 12 / 30 = 4 >= min_count, so it is tested and negative.
    # G2 = 2 * (12 ln(12 / 8)) = 24 ln 1.5 = 9.731103 ; log ratio = log2((0.5/10) / (12/20)) = log2(1/12)
    omega = table.set_index("term").loc["omega"]
    assert omega["g2"] == pytest.approx(24 * math.log(1.5))
    assert omega["log_ratio"] == pytest.approx(math.log2(1 / 12))
    assert omega["direction"] == "negative" and omega["significant"]
    # words used once and expected < 2 are not tested
    assert set(table["term"]) == {"party", "omega"}
    assert table.attrs["reference_words"] == 20 and table.attrs["document_words"] == 10


def test_keyness_bonferroni_multiplies_by_terms_tested(target, reference):
    plain = keyness_table(target, reference=reference, min_count=2).set_index("term")
    corrected = keyness_table(target, reference=reference, min_count=2, bonferroni=True).set_index("term")
    # two terms tested
    assert corrected.loc["omega", "p_bonferroni"] == pytest.approx(min(1.0, 2 * plain.loc["omega", "p"]))
    assert corrected.loc["party", "p_bonferroni"] == pytest.approx(min(1.0, 2 * plain.loc["party", "p"]))
    assert corrected.attrs["tested"] == 2
    # without the correction there is no adjusted column to mistake for one
    assert "p_bonferroni" not in plain.columns and "p_adj" not in plain.columns and "p_adj" not in corrected.columns


def test_keyness_order_and_top_keywords(target, reference):
    table = keyness_table(target, reference=reference, min_count=1)
    directions = list(table["direction"])
    assert directions == sorted(directions, key=lambda d: d != "positive")
    for _, part in table.groupby("direction"):
        assert list(part["g2"]) == sorted(part["g2"], reverse=True)
    top = top_keywords(table, 1, significant_only=False)
    assert list(top["direction"]) == ["positive", "negative"]
    assert top.attrs["reference"] == table.attrs["reference"]


def test_keyness_wordfreq_reference_counts(make_doc):
    from wordfreq import word_frequency

    words = ["parties", "party", "Party", "met", "parties"]
    doc = make_doc(words, pos=["NOUN", "NOUN", "PROPN", "VERB", "NOUN"],
                   lemmas=["party", "party", "Party", "meet", "party"])
    table = keyness_table(doc, min_count=1).set_index("term")
    # the lemma's reference frequency is the sum over the forms the document uses
    expected_ref = (word_frequency("parties", "en") + word_frequency("party", "en")) * WORDFREQ_SIZE
    assert table.loc["party", "ref_count"] == pytest.approx(expected_ref)
    a, c, d = 4, 5, WORDFREQ_SIZE
    e1 = c * (a + expected_ref) / (c + d)
    e2 = d * (a + expected_ref) / (c + d)
    assert table.loc["party", "g2"] == pytest.approx(2 * (a * math.log(a / e1) + expected_ref * math.log(expected_ref / e2)))
    assert table.attrs["reference_words"] == WORDFREQ_SIZE


def test_keyness_article_against_wordfreq_reads_like_an_analyst(article_doc):
    table = keyness_table(article_doc)
    positive = list(top_keywords(table, 8)["term"])
    assert positive[0] == "party"
    assert {"exchange", "CPC", "diplomacy"} <= set(positive)
    assert (table["direction"].isin(["positive", "negative"])).all()
    assert (table["p"] <= 1).all() and (table["g2"] >= 0).all()


def test_keyness_reference_file_and_corpus(article_doc, second_path, tmp_path):
    by_file = keyness_table(article_doc, reference=second_path)
    folder = tmp_path / "refs"
    folder.mkdir()
    shutil.copy(second_path, folder / "speech.txt")
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    by_corpus = keyness_table(article_doc, reference=pl.read_corpus(folder))
    assert by_file[["term", "g2"]].equals(by_corpus[["term", "g2"]])
    assert by_file.attrs["reference_words"] == independent_words(pl.parse(second_path))
    assert by_corpus.attrs["reference"] == "refs, 1 documents"
    # reference-only terms appear as negative keywords
    negative = by_file[by_file["direction"] == "negative"]
    assert (negative["count"] == 0).any()


def test_keyness_reference_corpus_counts_every_document_it_holds(target, tmp_path):
    # the corpus reader's documents (metadata.csv and texts/), not the folder's top-level README
    folder = write_small_corpus(tmp_path / "small")
    table = keyness_table(target, reference=pl.read_corpus(folder), min_count=1)
    words = sum(len(re.findall(r"[A-Za-z]+", text)) for text in SMALL_CORPUS.values())
    assert table.attrs["reference_words"] == words and table.attrs["reference"] == f"small, {len(SMALL_CORPUS)} documents"


def test_keyness_reference_folder_path_asks_for_a_corpus(target, tmp_path):
    folder = write_small_corpus(tmp_path / "small")
    with pytest.raises(InputError) as info:
        keyness_table(target, reference=folder)
    assert "read_corpus" in str(info.value) and "\n" not in str(info.value)


def test_keyness_term_options_as_one_object(article_doc):
    # names=False splits "Hu Jintao": each of its words is counted as often as the raw text writes it
    raw = article_doc.text
    joined = keyness_table(article_doc, min_count=1, options=TermOptions()).set_index("term")
    apart = keyness_table(article_doc, min_count=1, options=TermOptions(names=False)).set_index("term")
    assert joined.loc["Hu Jintao", "count"] == raw.count("Hu Jintao")
    assert "Jintao" not in joined.index and "Hu Jintao" not in apart.index
    assert apart.loc["Jintao", "count"] == raw.count("Jintao")


def test_keyness_reference_that_is_the_document_itself(article_doc, article_path, tmp_path):
    folder = tmp_path / "same"
    folder.mkdir()
    shutil.copy(article_path, folder / "copy.txt")
    with pytest.raises(InputError, match="is the document itself"):
        keyness_table(article_doc, reference=pl.read_corpus(folder))


@pytest.mark.parametrize("kind", ["missing", "empty-folder", "binary", "typo"])
def test_keyness_unreadable_reference_is_one_line(article_doc, tmp_path, kind):
    if kind == "missing":
        reference = tmp_path / "nope.txt"
    elif kind == "empty-folder":
        reference = tmp_path / "empty"
        reference.mkdir()
    elif kind == "binary":
        reference = tmp_path / "bin.txt"
        reference.write_bytes(b"\x00\x01binary\x00")
    else:
        reference = "wordfrq"
    with pytest.raises(InputError) as info:
        keyness_table(article_doc, reference=str(reference))
    message = str(info.value)
    assert "\n" not in message and "reference" in message


def test_keyness_bad_options(target):
    with pytest.raises(UsageError):
        keyness_table(target, min_count=0)
    with pytest.raises(UsageError):
        keyness_table(target, significance=1.5)
    with pytest.raises(UsageError):
        keyness_table(target, pos=["NOUNZ"])


def test_keyness_article_fragments_of_compounds_are_not_keywords(article_doc):
    import re

    # "inter" is written only as part of hyphenated words in the article ("inter-party"), never alone
    raw = article_doc.text
    assert re.search(r"(?<![\w-])inter-\w", raw, re.IGNORECASE)
    assert not re.search(r"(?<![\w-])inter(?![\w-])", raw, re.IGNORECASE)
    table = keyness_table(article_doc)
    assert not {"inter", "multi", "trans", "non", "minded"} & set(table["term"].str.lower())
    assert "inter-party" in set(table["term"])
