"""Text statistics against hand calculations (TTR, MATTR, MTLD on tiny word lists; fog and SMOG on texts
whose syllables are known) and against textstat's own formulas on plain sentences."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from partylines.analyses.textstats import COLUMNS, mattr, mtld, stats_table, syllables, ttr


def test_textstats_ttr_by_hand():
    assert ttr(["a", "b", "a", "c"]) == pytest.approx(3 / 4)
    assert math.isnan(ttr([]))


def test_textstats_mattr_by_hand():
    # windows of 3 over a b a c: {a,b,a} -> 2/3, {b,a,c} -> 3/3; mean 5/6
    assert mattr(["a", "b", "a", "c"], window=3) == pytest.approx(5 / 6)
    # fewer words than the window: plain TTR
    assert mattr(["a", "b", "a"], window=50) == pytest.approx(2 / 3)


def test_textstats_mtld_by_hand():
    # forward: a b a -> TTR 2/3 <= .72, factor 1; b c c... see below. Both passes: 6 words / 2 factors = 3.
    # forward  a b a | b c c : factors at "a"(2/3) and "c"(2/3) -> 2 ; backward c c | b a b | a : 2 (+0 partial)
    assert mtld(["a", "b", "a", "b", "c", "c"]) == pytest.approx(3.0)
    # forward  a b a | c d : 1 factor + partial (1 - 1) / .28 = 0 -> 5 / 1 = 5
    # backward d c a b a : TTR 4/5 = .8 at the end -> partial (1 - .8) / .28 = 0.714285... -> 5 / 0.7142857 = 7
    assert mtld(["a", "b", "a", "c", "d"]) == pytest.approx(6.0)
    assert math.isnan(mtld(["a", "b", "c"]))  # no factor: every word different


def test_textstats_matches_textstat_formulas(nlp, monkeypatch):
    import textstat
    import textstat.backend.counts._count_syllables as counts

    # textstat would download NLTK's cmudict here; without it it counts syllables with pyphen, as we do
    monkeypatch.setattr(counts, "get_cmudict", lambda lang: {})
    text = ("The committee approved the new regulation yesterday. Many members of the public attended the "
            "meeting. Everybody wanted to understand the consequences of the decision.")
    row = stats_table(nlp(text)).iloc[0]
    assert row["sentences"] == 3 and row["words"] == textstat.lexicon_count(text) == 24
    assert row["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text), abs=0.01)
    assert row["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.01)
    assert row["smog"] == pytest.approx(textstat.smog_index(text), abs=0.01)


def test_textstats_fog_and_smog_by_hand(nlp):
    # no word of three syllables: fog = 0.4 * words per sentence, SMOG = its constant
    row = stats_table(nlp("The cat sat on the mat. The dog ran to the park.")).iloc[0]
    assert (row["sentences"], row["words"], row["types"]) == (2, 12, 9)
    assert row["gunning_fog"] == pytest.approx(0.4 * 6)
    assert row["smog"] == pytest.approx(3.1291)
    assert row["mean_sentence_length"] == 6 and row["median_sentence_length"] == 6
    # a three-syllable proper noun counts for SMOG but is not one of Gunning's complex words
    assert syllables("Washington") == 3
    row = stats_table(nlp("Washington met Roosevelt today.")).iloc[0]
    assert row["gunning_fog"] == pytest.approx(0.4 * 4)
    assert row["smog"] > 3.1291


def test_textstats_words_join_hyphens_and_drop_clitics(nlp):
    row = stats_table(nlp("Inter-party relations don't fail. The Party's work grows.")).iloc[0]
    # words: Inter-party relations do fail | The Party work grows
    assert row["words"] == 8
    # Inter-party relations do n't fail . (6) The Party 's work grows . (6): the tokenizer keeps "Inter-party" whole
    assert row["tokens"] == 12


def test_textstats_passive_share(nlp):
    row = stats_table(nlp("The bill was passed by the Senate. The Senate passed the bill.")).iloc[0]
    assert row["passive_share"] == pytest.approx(0.5)


def test_textstats_by_section_and_headings(article_doc):
    whole = stats_table(article_doc)
    parts = stats_table(article_doc, by_section=True)
    assert list(whole.columns) == COLUMNS == list(parts.columns)
    assert len(whole) == 1 and pd.isna(whole.loc[0, "section"])
    assert parts["section"].tolist() == [0, 1, 2, 3, 4, 5]
    assert parts["sentences"].sum() == whole.loc[0, "sentences"]
    assert parts["words"].sum() == whole.loc[0, "words"]
    with_headings = stats_table(article_doc, include_headings=True)
    # title, byline and four headings are sentences of their own only when asked for
    assert with_headings.loc[0, "sentences"] > whole.loc[0, "sentences"]
    assert 0 < whole.loc[0, "passive_share"] < 1
    assert whole.loc[0, "flesch_kincaid_grade"] > stats_table(article_doc, by_section=True)["flesch_kincaid_grade"].min()
