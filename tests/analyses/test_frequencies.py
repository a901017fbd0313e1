"""Term tables against counts made by hand on small Docs, and the article's top terms against an independent
count over the parsed tokens."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

import partylines as pl
from partylines.core.errors import InputError, UsageError
from partylines.analyses.frequencies import (
    POS_TAGS,
    TERM_COLUMNS,
    pos_table,
    pos_terms_table,
    read_lemmas,
    read_stopwords,
    term_parts_table,
    term_positions_table,
    document_term_table,
)
from partylines.analyses.outline import part_table

# Two sections, two sentences:
#   A: "The Party leads the parties ."        words: The Party leads the parties          (5)
#   B: "China and the CPC lead 2 parties ."   words: China and the CPC lead 2 parties     (7; "2" is a word,
#                                             but not a term unless alpha_only=False)
WORDS = ["The", "Party", "leads", "the", "parties", ".", "China", "and", "the", "CPC", "lead", "2", "parties", "."]
POS = ["DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "CCONJ", "DET", "PROPN", "VERB", "NUM", "NOUN", "PUNCT"]
LEMMAS = ["the", "Party", "lead", "the", "party", ".", "China", "and", "the", "CPC", "lead", "2", "party", "."]
STARTS = [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
SECTIONS = [(0, 6, "A"), (6, 14, "B")]


@pytest.fixture
def hand_doc(make_doc):
    return make_doc(WORDS, pos=POS, lemmas=LEMMAS, sent_starts=STARTS, sections=SECTIONS)


def as_dict(table, column="count"):
    return dict(zip(table["term"], table[column]))


def test_frequencies_hand_counts_by_lemma(hand_doc):
    table = document_term_table(hand_doc)
    assert list(table.columns) == TERM_COLUMNS
    # "the" and "and" are spaCy stopwords; Party + parties + parties = 3; leads + lead = 2.
    assert as_dict(table) == {"party": 3, "lead": 2, "CPC": 1, "China": 1}
    # count desc, then term asc (code-point order: "CPC" < "China")
    assert list(table["term"]) == ["party", "lead", "CPC", "China"]
    assert list(table["rank"]) == [1, 2, 3, 3]


def test_frequencies_per_10k_is_relative_to_all_words(hand_doc):
    table = document_term_table(hand_doc)
    # 12 words, stopwords and the number included in the base: party 3/12, lead 2/12
    assert as_dict(table, "per_10k")["party"] == pytest.approx(30000 / 12)
    assert as_dict(table, "per_10k")["lead"] == pytest.approx(20000 / 12)
    assert table.attrs["words"] == 12


def test_frequencies_range_and_dp_by_hand(hand_doc):
    table = document_term_table(hand_doc)
    # Section sizes 5 and 7 words: s = (5/12, 7/12).
    # party: 2 in A, 1 in B -> v = (2/3, 1/3); DP = 0.5 * (|2/3 - 5/12| + |1/3 - 7/12|) = 1/4
    # lead: 1 and 1 -> v = (1/2, 1/2); DP = 0.5 * (|1/2 - 5/12| + |1/2 - 7/12|) = 1/12
    # CPC: only in B -> v = (0, 1); DP = 0.5 * (5/12 + 5/12) = 5/12; DPnorm = (5/12) / (1 - 5/12) = 5/7
    assert as_dict(table, "units") == {"party": 2, "lead": 2, "CPC": 1, "China": 1}
    # range is the share of the two sections, as a corpus table's range is a share of its documents
    assert as_dict(table, "range") == {"party": 1.0, "lead": 1.0, "CPC": 0.5, "China": 0.5}
    assert as_dict(table, "dp")["party"] == pytest.approx(1 / 4)
    assert as_dict(table, "dp")["lead"] == pytest.approx(1 / 12)
    assert as_dict(table, "dp")["CPC"] == pytest.approx(5 / 12)
    assert as_dict(table, "dp_norm")["CPC"] == pytest.approx(5 / 7)


@pytest.mark.parametrize(
    "options, expected",
    [
        ({"by": "lower"}, {"parties": 2, "party": 1, "leads": 1, "lead": 1, "china": 1, "cpc": 1}),
        ({"by": "text"}, {"parties": 2, "Party": 1, "leads": 1, "lead": 1, "China": 1, "CPC": 1}),
        ({"keep_stopwords": True}, {"party": 3, "the": 3, "lead": 2, "and": 1, "CPC": 1, "China": 1}),
        ({"pos": ["NOUN"]}, {"party": 2}),
        ({"pos": ["noun", "PROPN"]}, {"party": 3, "CPC": 1, "China": 1}),
        ({"stopwords": ["LEAD", "china"]}, {"party": 3, "CPC": 1}),
        ({"min_count": 2}, {"party": 3, "lead": 2}),
        ({"alpha_only": False}, {"party": 3, "lead": 2, "2": 1, "CPC": 1, "China": 1}),
    ],
)
def test_frequencies_options(hand_doc, options, expected):
    assert as_dict(document_term_table(hand_doc, **options)) == expected


def test_frequencies_range_and_dp_over_paragraphs_by_hand(hand_doc):
    from spacy.tokens import Span

    # three blocks: "The Party leads" | "the parties ." | "China ... parties ." -> 3, 2 and 7 words
    hand_doc.spans["blocks"] = [Span(hand_doc, 0, 3, label="title"), Span(hand_doc, 3, 6, label="paragraph"),
                                Span(hand_doc, 6, 14, label="paragraph")]
    table = document_term_table(hand_doc, parts="paragraphs")
    assert table.attrs["n_parts"] == 3
    # party: 1, 1, 1 -> v = (1/3, 1/3, 1/3); s = (3/12, 2/12, 7/12)
    # DP = 0.5 * (|1/3 - 3/12| + |1/3 - 2/12| + |1/3 - 7/12|) = 0.5 * (1/12 + 2/12 + 3/12) = 1/4
    assert as_dict(table, "dp")["party"] == pytest.approx(1 / 4)
    assert as_dict(table, "units") == {"party": 3, "lead": 2, "CPC": 1, "China": 1}
    with pytest.raises(UsageError, match="^parts must be one of"):
        document_term_table(hand_doc, parts="pages")


def test_frequencies_base_is_the_same_whatever_the_filters(hand_doc):
    # the words of the document (12, "2" among them) are the base of every rate, whichever terms are listed
    for options in ({}, {"alpha_only": False}, {"pos": ["NOUN"]}, {"keep_stopwords": True}, {"names": False}):
        assert document_term_table(hand_doc, **options).attrs["words"] == 12, options
    assert as_dict(document_term_table(hand_doc, alpha_only=False), "per_10k")["2"] == pytest.approx(10000 / 12)


def test_frequencies_proper_noun_plural_takes_the_documents_lemma(make_doc):
    # spaCy leaves PROPN unlemmatised ("Parties"); the document lemmatises "parties" -> "party" elsewhere.
    # "States" has no lowercase use in this document, so it stays its own term.
    words = ["Political", "Parties", "met", "parties", "of", "the", "United", "States"]
    pos = ["PROPN", "PROPN", "VERB", "NOUN", "ADP", "DET", "PROPN", "PROPN"]
    lemmas = ["Political", "Parties", "meet", "party", "of", "the", "United", "States"]
    doc = make_doc(words, pos=pos, lemmas=lemmas, sent_starts=[1, 0, 0, 0, 0, 0, 0, 0])
    counts = as_dict(document_term_table(doc))
    assert counts["party"] == 2
    assert counts["States"] == 1 and "state" not in counts


def test_frequencies_acronyms_keep_capitals_and_shouting_does_not(make_doc):
    words = ["He", "told", "us", "the", "US", "leads", ".", "WE", "WANT", "PEACE", "NOW", ".", "peace", "reigns", "."]
    pos = ["PRON", "VERB", "PRON", "DET", "PROPN", "VERB", "PUNCT", "PRON", "VERB", "NOUN", "ADV", "PUNCT", "NOUN",
           "VERB", "PUNCT"]
    lemmas = ["he", "tell", "we", "the", "US", "lead", ".", "we", "want", "peace", "now", ".", "peace", "reign", "."]
    starts = [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]
    doc = make_doc(words, pos=pos, lemmas=lemmas, sent_starts=starts)
    counts = as_dict(document_term_table(doc))
    assert counts["US"] == 1  # an acronym, not the stopword "us"
    assert counts["peace"] == 2  # "PEACE" in a shouted sentence is the word peace
    assert "PEACE" not in counts and "WANT" not in counts


def test_frequencies_display_case_rule(make_doc):
    # "Chinese" (ADJ, lemma "chinese") is only ever written with a capital mid-sentence -> shown "Chinese".
    # "Enthusiastic" occurs only sentence-initially -> shown in lowercase.
    # "new" is written lowercase mid-sentence once -> "New" and "new" are one term shown "new".
    words = ["Enthusiastic", "Chinese", "style", ".", "A", "New", "Chinese", "era", "and", "new", "style", "."]
    pos = ["ADJ", "ADJ", "NOUN", "PUNCT", "DET", "PROPN", "ADJ", "NOUN", "CCONJ", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["enthusiastic", "chinese", "style", ".", "a", "New", "chinese", "era", "and", "new", "style", "."]
    starts = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    counts = as_dict(document_term_table(make_doc(words, pos=pos, lemmas=lemmas, sent_starts=starts)))
    assert counts == {"style": 2, "Chinese": 2, "new": 2, "enthusiastic": 1, "era": 1}


def test_frequencies_bad_options_raise_usage_errors(hand_doc):
    with pytest.raises(UsageError, match="NOUNS.*valid tags: ADJ"):
        document_term_table(hand_doc, pos=["NOUNS"])
    with pytest.raises(UsageError, match="^by must be one of lemma, lower, text"):
        document_term_table(hand_doc, by="stem")
    with pytest.raises(UsageError, match="^min_count must be 1 or more"):
        document_term_table(hand_doc, min_count=0)


def test_frequencies_empty_result_keeps_columns(hand_doc):
    table = document_term_table(hand_doc, min_count=100)
    assert table.empty and list(table.columns) == TERM_COLUMNS


def test_frequencies_positions_by_hand(hand_doc):
    positions = term_positions_table(hand_doc, ["PARTY", "cpc", "absent"])
    party = positions[positions["term"] == "party"]
    assert party["start"].tolist() == [1, 4, 12] and party["end"].tolist() == [2, 5, 13]
    # words: The0 Party1 leads2 the3 parties4 | China5 and6 the7 CPC8 lead9 2_10 parties11
    assert party["word"].tolist() == [1, 4, 11]
    assert party["sentence"].tolist() == [0, 0, 1]
    assert party["section"].tolist() == [0, 0, 1]
    assert party["form"].tolist() == ["Party", "parties", "parties"]
    assert positions[positions["term"] == "CPC"]["start"].tolist() == [9]
    assert "absent" not in set(positions["term"])


def test_frequencies_part_table_by_hand(hand_doc):
    parts = part_table(hand_doc)
    assert parts[["part", "part_label", "words", "tokens", "start", "end"]].values.tolist() == [
        [0, "A", 5, 6, 0, 5], [1, "B", 7, 8, 5, 12]]


def test_frequencies_term_parts_table_by_hand(hand_doc):
    table = term_parts_table(hand_doc, top=2)
    rows = table[["term", "part", "part_label", "count", "words"]].values.tolist()
    assert rows == [["party", 0, "A", 2, 5], ["party", 1, "B", 1, 7], ["lead", 0, "A", 1, 5], ["lead", 1, "B", 1, 7]]
    assert table["per_10k"].tolist() == pytest.approx([4000.0, 10000 / 7, 2000.0, 10000 / 7])
    chosen = term_parts_table(hand_doc, ["China"])
    assert chosen["count"].tolist() == [0, 1]


def test_frequencies_pos_table_by_hand(hand_doc):
    table = pos_table(hand_doc)
    tokens = dict(zip(table["pos"], table["tokens"]))
    # words only (12), each under its term's most frequent tag: the term "party" is Party (PROPN) + parties +
    # parties (NOUN), so a noun of 3; DET 3 (The the the), NOUN 3, PROPN 2 (China CPC), VERB 2, CCONJ 1, NUM 1
    assert tokens == {"DET": 3, "NOUN": 3, "PROPN": 2, "VERB": 2, "CCONJ": 1, "NUM": 1}
    assert sum(tokens.values()) == 12
    assert list(table["pos"]) == ["DET", "NOUN", "PROPN", "VERB", "CCONJ", "NUM"]
    assert dict(zip(table["pos"], table["share"]))["DET"] == pytest.approx(300 / 12)
    top = dict(zip(table["pos"], table["top_terms"]))
    assert top["NOUN"] == "party 3"  # one row, its whole count: never "party 2" here and "party 1" there
    assert top["PROPN"] == "CPC 1, China 1"
    assert top["DET"] == ""  # all stopwords


def test_frequencies_pos_table_agrees_with_the_panels_on_the_article(article_doc):
    table = pos_table(article_doc, top=1000)
    listed = {}
    for tag, top_terms in zip(table["pos"], table["top_terms"]):
        for item in filter(None, top_terms.split(", ")):
            term, count = item.rsplit(" ", 1)
            assert term not in listed, f"{term} listed under {listed.get(term)} and {tag}"
            listed[term] = (tag, int(count))
    terms = document_term_table(article_doc)
    assert listed == {t: (p, c) for t, p, c in zip(terms["term"], terms["pos"], terms["count"])}
    # "party" is one noun: every word written party/parties, any case, counted by a regex over the text
    raw = article_doc.text
    assert listed["party"] == ("NOUN", len(re.findall(r"(?<![\w-])part(?:y|ies)(?![\w-])", raw, re.IGNORECASE)))
    assert sum(table["tokens"]) == terms.attrs["words"]


def test_frequencies_pos_terms_table_by_hand(hand_doc):
    table = pos_terms_table(hand_doc, pos=["NOUN", "PROPN", "VERB"], top=5)
    # "party" is tagged NOUN twice and PROPN once: one noun of 3, never split across two panels
    assert table[["pos", "term", "count"]].values.tolist() == [
        ["NOUN", "party", 3], ["PROPN", "CPC", 1], ["PROPN", "China", 1], ["VERB", "lead", 2]]
    with pytest.raises(UsageError):
        pos_terms_table(hand_doc, pos=["VERBS"])


def test_frequencies_read_stopwords(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_text("# my list\nParty\n\n  exchange  # a trailing comment\nnew\n", encoding="utf-8")
    assert read_stopwords(path) == {"party", "exchange", "new"}


@pytest.mark.parametrize("make", ["missing", "folder", "binary"])
def test_frequencies_read_stopwords_unreadable(tmp_path, make):
    path = tmp_path / "stop.txt"
    if make == "folder":
        path.mkdir()
    elif make == "binary":
        path.write_bytes(b"\x00\x01\x02party")
    with pytest.raises(InputError) as info:
        read_stopwords(path)
    assert "stop.txt" in str(info.value) and "\n" not in str(info.value)


def test_frequencies_pos_tags_are_spacys_universal_tags():
    from spacy.glossary import GLOSSARY

    assert all(tag in GLOSSARY for tag in POS_TAGS)


# ---- the article ---------------------------------------------------------------------------------------


def test_frequencies_article_counts_match_surface_forms(article_doc):
    """Each lemma's count equals an independent count of its word forms over the alphabetic tokens."""
    forms = {
        "party": {"party", "parties"},
        "exchange": {"exchange", "exchanges", "exchanging", "exchanged"},
        "country": {"country", "countries"},
        "diplomacy": {"diplomacy"},
    }
    counts = as_dict(document_term_table(article_doc))
    for term, words in forms.items():
        expected = sum(1 for t in article_doc if t.is_alpha and t.lower_ in words)
        assert counts[term] == expected, term
    assert counts["CPC"] == sum(1 for t in article_doc if t.text == "CPC")
    assert counts["China"] == sum(1 for t in article_doc if t.text == "China")


def _shipped_lemma_overrides() -> dict[str, str]:
    """The override table read straight from the data file (not through the code under test)."""
    import csv

    from partylines.core.config import PACKAGE_DATA_DIR

    rows = (line for line in (PACKAGE_DATA_DIR / "lemmas.csv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {row[0]: row[1] for row in csv.reader(rows) if row[0] != "form"}


def test_frequencies_article_top_terms_match_an_independent_counter(article_doc):
    """The rules re-stated as a plain Counter over the tokens: words of letters (a hyphenated word whole), not a
    stopword (by word or lemma, acronyms exempt), keyed by lowercased lemma, one lemma per lowercased form (the
    shipped override, else the lemma the form gets most often as a common word), an all-capitals word of 2+
    letters (the article shouts nowhere) its own term. Names counted as words (``names=False``)."""
    import re

    letters = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|(?:[A-Z]\.){2,}")
    overrides = _shipped_lemma_overrides()
    votes: dict[str, Counter] = {}
    proper: dict[str, Counter] = {}
    for t in article_doc:
        if letters.fullmatch(t.text):
            (proper if t.pos_ == "PROPN" else votes).setdefault(t.lower_, Counter())[t.lemma_.lower()] += 1

    def key(t):
        if len(t.text) > 1 and t.text.replace(".", "").isupper():
            return t.text
        if t.lower_ in overrides:
            return overrides[t.lower_]
        counter = votes.get(t.lower_) or proper[t.lower_]
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def stop(t):
        acronym = len(t.text) > 1 and t.text.isupper()
        return not acronym and (t.lower_ in STOP_WORDS or t.lemma_.lower() in STOP_WORDS or key(t) in STOP_WORDS)

    independent = Counter(key(t) for t in article_doc if letters.fullmatch(t.text) and not stop(t))
    table = document_term_table(article_doc, names=False)
    expected = sorted(independent.items(), key=lambda kv: (-kv[1], kv[0].lower()))[:11]
    got = [(term.lower() if term.lower() in independent else term, count)
           for term, count in zip(table["term"][:11], table["count"][:11])]
    assert sorted(got) == sorted(expected)
    assert list(table["term"][:5]) == ["party", "new", "exchange", "political", "country"]
    assert table["count"].sum() == sum(independent.values())


def test_frequencies_article_has_no_fragments_of_hyphenated_words(article_doc):
    terms = set(document_term_table(article_doc)["term"])
    assert {"inter-party", "party-to-party", "deep-going", "open-minded", "multi-channeled", "non-ruling"} <= terms
    assert not {"inter", "multi", "trans", "non", "minded", "lateral", "going"} & terms


def test_frequencies_article_lemmas_a_reader_expects(article_doc):
    table = document_term_table(article_doc).set_index("term")
    ruling = sum(1 for t in article_doc if t.lower_ == "ruling")  # independent: the form itself
    assert table.loc["ruling", "count"] == ruling == 9 and table.loc["ruling", "pos"] == "ADJ"
    assert "rule" not in table.index or table.loc["rule", "forms"].count("ruling") == 0
    assert table.loc["building", "count"] == sum(1 for t in article_doc if t.lower_ == "building")
    assert "build" not in table.index and "misgive" not in table.index and "politic" not in table.index
    assert "misgiving" in table.index and "politics" in table.index
    spellings = sum(1 for t in article_doc if t.lower_ in ("center", "centre", "centres", "centers"))
    assert "centre" not in table.index and table.loc["center", "count"] == spellings
    # "Centered on ..." is a verb: not merged into the noun center, whose override rows are nouns
    assert table.loc["centered", "count"] == len(re.findall(r"\bcentered\b", article_doc.text, re.IGNORECASE)) == 1
    assert table.loc["center", "forms"] == "centre" and table.loc["centered", "pos"] == "VERB"


def test_frequencies_overrides_of_nouns_do_not_take_in_verbs(make_doc):
    # centre (NOUN) + center (NOUN) are the noun "center", 2; "centered" (VERB, tagger lemma "center") is
    # not a noun: its own term, 1
    words = ["The", "centre", "is", "centered", "on", "the", "center", "."]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    lemmas = ["the", "centre", "be", "center", "on", "the", "center", "."]
    doc = make_doc(words, pos=pos, lemmas=lemmas, sent_starts=[True] + [False] * 7)
    counts = as_dict(document_term_table(doc, keep_stopwords=True))
    assert counts["center"] == 2 and counts["centered"] == 1 and "centre" not in counts
    # a row without a part of speech folds its forms whatever their class: the verb "favour" and the noun
    # "favours" are both favor
    words = ["They", "favour", "the", "favours", "."]
    doc = make_doc(words, pos=["PRON", "VERB", "DET", "NOUN", "PUNCT"], lemmas=["they", "favour", "the", "favour", "."],
                   sent_starts=[True] + [False] * 4)
    assert as_dict(document_term_table(doc))["favor"] == 2


def test_frequencies_names_are_one_term(article_doc):
    names = document_term_table(article_doc).set_index("term")
    written = article_doc.text.count("Hu Jintao")
    assert names.loc["Hu Jintao", "count"] == written == 3 and "Hu" not in names.index and "Jintao" not in names.index
    assert names.loc["Hu Jintao", "pos"] == "PROPN"
    words = document_term_table(article_doc, names=False).set_index("term")
    assert words.loc["Hu", "count"] == words.loc["Jintao", "count"] == 3 and "Hu Jintao" not in words.index
    # the base of the rates is the same words either way
    assert document_term_table(article_doc).attrs["words"] == document_term_table(article_doc, names=False).attrs["words"]
    positions = term_positions_table(article_doc, ["Hu Jintao"])
    assert positions["form"].tolist() == ["Hu Jintao"] * 3 and (positions["end"] - positions["start"] == 2).all()


def test_frequencies_lemma_overrides_from_a_file_or_a_mapping(hand_doc, tmp_path):
    path = tmp_path / "lemmas.csv"
    path.write_text("# mine\nform,lemma,pos\nleads,guide,VERB\nlead,guide\n", encoding="utf-8")
    assert read_lemmas(path)["leads"] == ("guide", "VERB")
    assert as_dict(document_term_table(hand_doc, lemmas=path))["guide"] == 2
    assert as_dict(document_term_table(hand_doc, lemmas={"parties": "faction", "party": "faction"}))["faction"] == 3
    assert read_lemmas(None)["centre"][0] == "center"  # the shipped table is on by default
    (tmp_path / "bad.csv").write_text("a,b,c,d\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.csv: line 1"):
        read_lemmas(tmp_path / "bad.csv")


def test_frequencies_one_lemma_per_form_whatever_the_tag(make_doc):
    # "building" tagged VERB once (lemma "build") and NOUN twice (lemma "building"): one term, by the majority
    words = ["building", "grows", ".", "party", "building", "and", "building", "."]
    pos = ["VERB", "VERB", "PUNCT", "NOUN", "NOUN", "CCONJ", "NOUN", "PUNCT"]
    lemmas = ["build", "grow", ".", "party", "building", "and", "building", "."]
    doc = make_doc(words, pos=pos, lemmas=lemmas, sent_starts=[1, 0, 0, 1, 0, 0, 0, 0])
    counts = as_dict(document_term_table(doc, lemmas={}))  # the user's empty table still sits on the shipped one
    assert counts["building"] == 3 and "build" not in counts


def test_frequencies_article_sections_and_rates(article_doc):
    table = document_term_table(article_doc)
    sections = pl.outline_table(article_doc)
    assert table.attrs["sections"] == len(sections)
    assert table["units"].between(1, len(sections)).all()
    assert table["dp"].between(0, 1).all()
    # words, independently: a letter or digit, not punctuation or whitespace, not a clitic
    clitics = {"'s", "’s", "'", "’", "n't", "n’t"}
    words = sum(1 for t in article_doc if not t.is_space and not t.is_punct and t.lower_ not in clitics
                and any(ch.isalnum() for ch in t.text))
    assert table.attrs["words"] == words
    assert table["per_10k"].iloc[0] == pytest.approx(10000 * table["count"].iloc[0] / words)
    # stable order: count desc then term asc
    assert table.equals(table.sort_values(["count", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True))




def hand_dp(counts, sizes):
    """Gries' DP written out: half the summed gaps between each part's share of the term and of the words."""
    return 0.5 * sum(abs(c / sum(counts) - s / sum(sizes)) for c, s in zip(counts, sizes))


def test_frequencies_auto_parts_are_paragraph_segments_without_headings(farm_doc):
    table = document_term_table(farm_doc)
    assert table.attrs["parts"] == "auto" and table.attrs["unit"] == "segment" and table.attrs["n_parts"] == 10
    assert table.attrs["part_labels"] == [f"¶{2 * k + 1}–{2 * k + 2}" for k in range(10)]
    ranges, dps = as_dict(table, "units"), as_dict(table, "dp")
    # tractor: 2 in segment 0, 1 in segment 3; wagon: 0 in segment 0, 1 in segment 3, 2 in the others
    assert ranges["tractor"] == 2 and ranges["wagon"] == 9 and ranges["farmer"] == 10
    tractor = [2, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    wagon = [0, 2, 2, 1, 2, 2, 2, 2, 2, 2]
    assert dps["tractor"] == pytest.approx(hand_dp(tractor, [10] * 10)) == pytest.approx(0.8)
    assert dps["wagon"] == pytest.approx(hand_dp(wagon, [10] * 10))
    assert dps["farmer"] == pytest.approx(0.0)
    # the same document measured over its one section, and over its 20 paragraphs
    sections = document_term_table(farm_doc, parts="sections")
    assert sections.attrs["unit"] == "section" and set(sections["units"]) == {1} and set(sections["dp"]) == {0.0}
    paragraphs = document_term_table(farm_doc, parts="paragraphs")
    assert paragraphs.attrs["unit"] == "paragraph" and paragraphs.attrs["n_parts"] == 20
    assert as_dict(paragraphs, "units")["tractor"] == 3


def test_frequencies_by_part_tables_follow_the_segments(farm_doc):
    words = part_table(farm_doc)
    assert words.attrs["unit"] == "segment"
    assert words["words"].tolist() == [10] * 10 and words["start"].tolist() == list(range(0, 100, 10))
    assert words["part_label"].tolist()[:3] == ["¶1–2", "¶3–4", "¶5–6"]
    grid = term_parts_table(farm_doc, ["tractor"])
    assert grid.attrs["unit"] == "segment"
    assert grid["count"].tolist() == [2, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert grid["part_label"].tolist() == words["part_label"].tolist()
    assert grid["per_10k"].tolist()[0] == pytest.approx(2000.0)
    assert len(part_table(farm_doc, parts="sections")) == 1


def test_frequencies_speech_is_measured_over_segments(second_doc):
    table = document_term_table(second_doc)
    ids, labels, unit = pl.part_ids(second_doc)
    assert unit == "segment" and table.attrs["unit"] == "segment" and table.attrs["n_parts"] == len(labels) > 2
    # independent count: the parts holding a token of "nation" (lemma, any case)
    holding = {ids[t.i] for t in second_doc if t.is_alpha and t.lemma_.lower() == "nation"}
    assert as_dict(table, "units")["nation"] == len(holding) > 1
    frequent = table[table["count"] >= 10]
    assert (frequent["units"] > 1).all() and (frequent["dp"] > 0).all()
    assert set(document_term_table(second_doc, parts="sections")["units"]) == {1}


def test_frequencies_article_auto_parts_are_its_sections(article_doc):
    auto, sections = document_term_table(article_doc), document_term_table(article_doc, parts="sections")
    assert auto.attrs["unit"] == "section" and auto.attrs["n_parts"] == len(article_doc.spans["sections"])
    assert auto[["term", "units", "dp"]].equals(sections[["term", "units", "dp"]])


def test_frequencies_words_the_lemmatiser_misreads(nlp):
    # spaCy's English lemmatiser makes the nouns "uses" "us" (a stopword, so the term vanished), "doses"
    # "dos", "taxes" "taxis", "auspices" "auspex", "species" "specie", and "installed" the variant "instal";
    # the shipped overrides count them as the reader does
    doc = nlp("Peaceful uses of outer space matter. Two doses of vaccine save lives. He uses it. New taxes "
              "were set under the auspices of the council. Many species live here. They installed a system.")
    spacy_says = {t.lower_: t.lemma_ for t in doc}
    assert spacy_says["taxes"] == "taxis" and spacy_says["auspices"] == "auspex"  # what the overrides are for
    table = document_term_table(doc).set_index("term")
    assert table.loc["use", "count"] == 2 and table.loc["dose", "count"] == 1
    assert [table.loc[t, "count"] for t in ("tax", "auspices", "species", "install")] == [1, 1, 1, 1]
    assert not {"us", "dos", "taxis", "auspex", "specie", "instal"} & set(table.index)


def test_frequencies_stopwords_are_those_of_the_term_as_counted(nlp):
    # by lemma "makes" is the stopword "make"; by lowercased form it is "makes", which no stop list holds
    from spacy.lang.en.stop_words import STOP_WORDS

    assert "make" in STOP_WORDS and "makes" not in STOP_WORDS
    doc = nlp("She makes peace and he makes trade.")
    assert "make" not in set(document_term_table(doc)["term"])
    lower = document_term_table(doc, by="lower").set_index("term")
    assert lower.loc["makes", "count"] == 2
