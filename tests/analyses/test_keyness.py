"""Keyness statistics against values worked out by hand from the formulas, and keyness of a document
(``compare(doc, reference)``) against small hand-built documents, wordfreq looked up directly, and files and
folders as references; the same numbers for a document and for a corpus of that one file."""

from __future__ import annotations

import math
import re
import shutil

import pytest
from helpers import SMALL_CORPUS, independent_words, write_small_corpus

import partylines as pl
from partylines.analyses.keyness import WORDFREQ_SIZE
from partylines.analyses.statistics import chi2_sf_1, keyness_statistics, log_likelihood, log_ratio, percent_diff
from partylines.core.errors import InputError, UsageError
from partylines.corpus.compare import compare
from partylines.text.terms import TermOptions

#: The one schema of a keyness table (terms; ``p_bonferroni`` after ``p`` with the correction).
COLUMNS = ["term", "count_a", "per_10k_a", "units_a", "words_a", "count_b", "per_10k_b", "units_b", "words_b",
           "g2", "p", "log_ratio", "pct_diff", "leans"]


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


def test_keyness_statistics_signed_and_leaning_by_hand():
    # A: 10 of 1,000 against B: 20 of 10,000 -> G2 13.579463 (above), rate in A higher: positive, leans to A.
    # A: 1 of 1,000 against B: 40 of 2,000 -> G2 25.231838 (above), rate in B higher: negative, leans to B.
    # A: 2 of 1,000 against B: 2 of 1,000 -> G2 0, p 1, leans to neither.
    one = keyness_statistics([10], [20], 1000, 10000)
    assert one["g2"][0] == pytest.approx(13.579463, abs=1e-5) and one["leans"][0] == "a"
    two = keyness_statistics([1, 2], [40, 2], 1000, 2000)
    assert two["g2"][0] == pytest.approx(-25.23184, abs=1e-4) and two["leans"][0] == "b"
    # the second pair: 2 of 1,000 against 2 of 2,000: E1 = 1000 * 4 / 3000 = 1.333333, E2 = 2.666667
    # G2 = 2 * (2 ln(2 / 1.333333) + 2 ln(2 / 2.666667)) = 4 (ln 1.5 + ln 0.75) = 4 ln 1.125 = 0.471132
    assert two["g2"][1] == pytest.approx(4 * math.log(1.125)) and two["leans"][1] == ""
    # Bonferroni over the two items: p times 2
    corrected = keyness_statistics([1, 2], [40, 2], 1000, 2000, bonferroni=True)
    assert corrected["p_bonferroni"] == pytest.approx([min(1.0, 2 * p) for p in two["p"]])


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


def test_keyness_of_a_document_against_a_document_by_hand(target, reference):
    table = compare(target, reference, min_count=2)
    assert list(table.columns) == COLUMNS
    row = table.set_index("term").loc["party"]
    # a = 4 of c = 10; b = 2 of d = 20. E1 = 10 * 6 / 30 = 2 ; E2 = 4
    # G2 = 2 * (4 ln(4/2) + 2 ln(2/4)) = 2 * (4 - 2) ln 2 = 4 ln 2 = 2.772589
    assert row["g2"] == pytest.approx(4 * math.log(2))
    assert row["per_10k_a"] == pytest.approx(4000.0) and row["per_10k_b"] == pytest.approx(1000.0)
    assert row["log_ratio"] == pytest.approx(2.0)  # log2(0.4 / 0.1)
    assert row["pct_diff"] == pytest.approx(300.0)
    assert row["leans"] == ""  # 2.77 < 3.84: not significant
    # omega: a = 0, b = 12, used 12 times on both sides together >= min_count: tested, more in the reference.
    # G2 = 2 * (12 ln(12 / 8)) = 24 ln 1.5 = 9.731103, signed negative ; log ratio = log2((0.5/10) / (12/20)) = log2(1/12)
    omega = table.set_index("term").loc["omega"]
    assert omega["g2"] == pytest.approx(-24 * math.log(1.5))
    assert omega["log_ratio"] == pytest.approx(math.log2(1 / 12))
    assert omega["leans"] == "reference" and omega["count_a"] == 0 and omega["units_b"] == 1
    # words used once on both sides together are not tested
    assert set(table["term"]) == {"party", "omega"}
    assert table.attrs["words_b"] == 20 and table.attrs["words_a"] == 10
    assert (table["words_a"] == 10).all() and (table["words_b"] == 20).all()


def test_keyness_bonferroni_multiplies_by_terms_tested(target, reference):
    plain = compare(target, reference, min_count=2).set_index("term")
    corrected = compare(target, reference, min_count=2, bonferroni=True).set_index("term")
    # two terms tested
    assert corrected.loc["omega", "p_bonferroni"] == pytest.approx(min(1.0, 2 * plain.loc["omega", "p"]))
    assert corrected.loc["party", "p_bonferroni"] == pytest.approx(min(1.0, 2 * plain.loc["party", "p"]))
    assert corrected.attrs["tested"] == 2
    # without the correction there is no adjusted column to mistake for one
    assert "p_bonferroni" not in plain.columns and "p_adj" not in plain.columns and "p_adj" not in corrected.columns


def test_keyness_order_runs_from_a_to_b(target, reference):
    table = compare(target, reference, min_count=1)
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)
    assert table["term"].iloc[0] == "party" and table["term"].iloc[-1] == "omega"


def test_keyness_units_of_a_document_are_its_parts(make_doc, reference):
    # two sections: "party" in both, "alpha" in the second only
    words = ["party", "beta", "party", "alpha", "alpha", "alpha"]
    doc = make_doc(words, pos=["NOUN"] * 6, sections=[(0, 2, "one"), (2, 6, "two")])
    table = compare(doc, reference, min_count=1).set_index("term")
    assert table.loc["party", "units_a"] == 2 and table.loc["alpha", "units_a"] == 1


def test_keyness_wordfreq_reference_counts(make_doc):
    from wordfreq import word_frequency

    words = ["parties", "party", "Party", "met", "parties"]
    doc = make_doc(words, pos=["NOUN", "NOUN", "PROPN", "VERB", "NOUN"],
                   lemmas=["party", "party", "Party", "meet", "party"])
    table = compare(doc, "wordfreq", min_count=1).set_index("term")
    # the lemma's reference frequency is the sum over the forms the document uses
    expected_ref = (word_frequency("parties", "en") + word_frequency("party", "en")) * WORDFREQ_SIZE
    assert table.loc["party", "count_b"] == pytest.approx(expected_ref)
    a, c, d = 4, 5, WORDFREQ_SIZE
    e1 = c * (a + expected_ref) / (c + d)
    e2 = d * (a + expected_ref) / (c + d)
    assert table.loc["party", "g2"] == pytest.approx(2 * (a * math.log(a / e1) + expected_ref * math.log(expected_ref / e2)))
    assert table.attrs["words_b"] == WORDFREQ_SIZE and table.loc["party", "per_10k_b"] == pytest.approx(
        10000 * expected_ref / WORDFREQ_SIZE)
    assert table["units_b"].isna().all()


def test_keyness_wordfreq_tests_terms_used_or_expected_min_count_times(make_doc):
    # "the" x1 in 3 words: E1 = 3 (1 + f * 1e8) / (3 + 1e8) is above 0.1 for English "the" (f ~ 0.05), so with
    # min_count 0.1 ... min_count is a whole number; so: used once and expected < 1 -> not tested at min_count 2,
    # "party" x2 -> tested (used min_count times)
    doc = make_doc(["party", "party", "zyxwv"], pos=["NOUN"] * 3)
    table = compare(doc, "wordfreq", min_count=2)
    assert list(table["term"]) == ["party"]


def test_keyness_article_against_wordfreq_reads_like_an_analyst(article_doc):
    table = compare(article_doc, "wordfreq")
    positive = list(table[table["leans"] == table.attrs["a"]]["term"].head(8))
    assert positive[0] == "party"
    assert {"exchange", "CPC", "diplomacy"} <= set(positive)
    assert (table["p"] <= 1).all()


def test_keyness_reference_file_and_corpus(article_doc, second_path, tmp_path):
    by_file = compare(article_doc, second_path)
    folder = tmp_path / "refs"
    folder.mkdir()
    shutil.copy(second_path, folder / "speech.txt")
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    by_corpus = compare(article_doc, pl.read_corpus(folder))
    by_folder = compare(article_doc, folder)
    assert by_file[["term", "g2"]].equals(by_corpus[["term", "g2"]])
    assert by_file[["term", "g2"]].equals(by_folder[["term", "g2"]])
    assert by_file.attrs["words_b"] == independent_words(pl.parse(second_path))
    assert by_corpus.attrs["b"] == "refs"
    # reference-only terms appear as negative keywords
    assert ((by_file["count_a"] == 0) & (by_file["g2"] < 0)).any()


def test_keyness_reference_corpus_counts_every_document_it_holds(target, tmp_path):
    # the corpus reader's documents (metadata.csv and texts/), not the folder's top-level README
    folder = write_small_corpus(tmp_path / "small")
    words = sum(len(re.findall(r"[A-Za-z]+", text)) for text in SMALL_CORPUS.values())
    for side in (pl.read_corpus(folder), folder):
        table = compare(target, side, min_count=1)
        assert table.attrs["words_b"] == words and table.attrs["documents_b"] == len(SMALL_CORPUS)
    peace = sum(len(re.findall(r"\bpeace\b", text, re.IGNORECASE)) for text in SMALL_CORPUS.values())
    using = sum(1 for text in SMALL_CORPUS.values() if re.search(r"\bpeace\b", text, re.IGNORECASE))
    row = table.set_index("term").loc["peace"]
    assert row["count_b"] == peace and row["units_b"] == using


def test_keywords_of_a_document_against_a_folder_equal_compare_of_a_corpus_of_one(tmp_path):
    # the same numbers two ways: the parsed document against the folder (counted from parsed documents), and
    # the file read as a corpus of one against the folder (counted from the counts store)
    folder = write_small_corpus(tmp_path / "small")
    text = "Peace and cooperation for development.\n\nWe want peace, trade and cooperation with every country.\n"
    path = tmp_path / "speech.txt"
    path.write_text(text, encoding="utf-8")
    keywords = compare(pl.parse(path), folder, min_count=1)
    corpus = compare(pl.read_corpus(path), pl.read_corpus(folder), min_count=1)
    columns = ["term", "count_a", "count_b", "units_b", "words_a", "words_b", "g2", "p", "log_ratio", "pct_diff"]
    assert keywords[columns].equals(corpus[columns])
    # and the counts are the raw text's: "peace" twice in the speech
    assert keywords.set_index("term").loc["peace", "count_a"] == len(re.findall(r"\bpeace\b", text, re.I))


def test_keyness_document_against_document_equals_corpus_against_corpus(tmp_path):
    texts = {"one.txt": "Peace and development are the themes. Peace needs trade and cooperation.\n",
             "two.txt": "Terrorism threatens peace. We must act against terrorism together, and reform.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    documents = compare(pl.parse(one), pl.parse(two), min_count=1)
    corpora = compare(pl.read_corpus(one), pl.read_corpus(two), min_count=1)
    columns = ["term", "count_a", "count_b", "words_a", "words_b", "g2", "p", "log_ratio", "pct_diff"]
    assert documents[columns].equals(corpora[columns])
    # "terrorism" twice in two, never in one: counted from the raw text
    row = documents.set_index("term").loc["terrorism"]
    assert (row["count_a"], row["count_b"]) == (0, len(re.findall(r"\bterrorism\b", texts["two.txt"], re.I)))


def test_keyness_term_options_as_one_object(article_doc):
    # names=False splits "Hu Jintao": each of its words is counted as often as the raw text writes it
    raw = article_doc.text
    joined = compare(article_doc, "wordfreq", min_count=1, options=TermOptions()).set_index("term")
    apart = compare(article_doc, "wordfreq", min_count=1, options=TermOptions(names=False)).set_index("term")
    assert joined.loc["Hu Jintao", "count_a"] == raw.count("Hu Jintao")
    assert "Jintao" not in joined.index and "Hu Jintao" not in apart.index
    assert apart.loc["Jintao", "count_a"] == raw.count("Jintao")


def test_keyness_reference_that_is_the_document_itself(article_doc, article_path, tmp_path):
    folder = tmp_path / "same"
    folder.mkdir()
    shutil.copy(article_path, folder / "copy.txt")
    with pytest.raises(InputError, match="is the document itself"):
        compare(article_doc, pl.read_corpus(folder))


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
        compare(article_doc, str(reference))
    message = str(info.value)
    assert "\n" not in message and "reference" in message


def test_keyness_bad_options(target):
    with pytest.raises(UsageError):
        compare(target, "wordfreq", min_count=0)
    with pytest.raises(UsageError):
        compare(target, "wordfreq", significance=1.5)
    with pytest.raises(UsageError):
        compare(target, "wordfreq", options=TermOptions(pos=("NOUNZ",)))
    with pytest.raises(UsageError):
        compare(target, "wordfreq", kind="phrases")


def test_keyness_article_fragments_of_compounds_are_not_keywords(article_doc):
    import re

    # "inter" is written only as part of hyphenated words in the article ("inter-party"), never alone
    raw = article_doc.text
    assert re.search(r"(?<![\w-])inter-\w", raw, re.IGNORECASE)
    assert not re.search(r"(?<![\w-])inter(?![\w-])", raw, re.IGNORECASE)
    table = compare(article_doc, "wordfreq")
    assert not {"inter", "multi", "trans", "non", "minded"} & set(table["term"].str.lower())
    assert "inter-party" in set(table["term"])
