"""Entities: span cleaning, the political ruler, canonicalisation and aliases on hand-built Docs, co-occurrence
counts worked by hand, and what the two bundled documents must (and must not) yield."""

from __future__ import annotations

import re

import pytest
import spacy

from partylines.analyses import entities as E
from partylines.io.html import displacy_html
from partylines.text.pipeline import keep_hyphenated_words
from partylines.core.errors import InputError, UsageError


@pytest.fixture
def ents_doc(make_doc):
    """``ents_doc("w1 w2 ...", [(start, end, LABEL), ...])``: a hand-built Doc with entity spans (words split on
    single spaces; a word ``\\n\\n`` is a paragraph break)."""

    def build(text, ents=(), **kwargs):
        words = text.split(" ")
        tags = ["O"] * len(words)
        for start, end, label in ents:
            tags[start] = f"B-{label}"
            for i in range(start + 1, end):
                tags[i] = f"I-{label}"
        return make_doc(words, ents=tags, **kwargs)

    return build


def _mentions(doc, **kwargs):
    table = E.entity_mentions(doc, **kwargs)
    return [(row.surface, row.start, row.end) for row in table.itertuples()]


# ------------------------------------------------------------------------------------------- cleaning

def test_entities_cleaning_trims_determiners_possessives_and_titles(ents_doc):
    #        0      1    2        3          4   5       6   7  8    9       10 11     12
    text = "Since the Central Committee ’s meeting , ※ met Comrade Hu Jintao ."
    doc = ents_doc(text, [(1, 5, "ORG"), (7, 8, "ORG"), (9, 12, "PERSON")])
    assert _mentions(doc) == [("Central Committee", 2, 4), ("Hu Jintao", 10, 12)]


def test_entities_cleaning_splits_at_paragraph_breaks(ents_doc):
    #         0     1     2      3     4          5    6
    doc = ents_doc("Talks with Beijing \n\n Washington went well", [(2, 5, "GPE")])
    mentions = _mentions(doc)
    assert mentions == [("Beijing", 2, 3), ("Washington", 4, 5)]
    assert all("\n" not in surface for surface, _, _ in mentions)


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("The communist parties met", (1, 2, "NORP"), []),  # a name without a capital is an adjective
        ("Mr. Speaker , we meet", (1, 2, "PERSON"), []),  # a title alone is nobody
        ("Franklin D. Roosevelt—32nd President", (0, 3, "PERSON"), ["Franklin D. Roosevelt"]),
        ("We saw no British Navy there", (2, 5, "ORG"), ["British Navy"]),
        ("The National Congress of the CPC", (1, 5, "ORG"), ["National Congress"]),
        ("1 2 3 and ※ ※", (4, 6, "ORG"), []),
    ],
)
def test_entities_cleaning_rules(ents_doc, text, span, expected):
    doc = ents_doc(text, [span])
    assert [surface for surface, _, _ in _mentions(doc)] == expected


def test_entities_does_not_mutate_the_doc(article_doc):
    before = [(e.start, e.end, e.label_) for e in article_doc.ents]
    E.document_entity_table(article_doc)
    displacy_html(article_doc)
    assert [(e.start, e.end, e.label_) for e in article_doc.ents] == before


# ---------------------------------------------------------------------------------------------- ruler

@pytest.mark.parametrize(
    "text, expected",
    [
        ("He studied Deng Xiaoping Theory and Marxism-Leninism.",
         [("Deng Xiaoping Theory", "IDEOLOGY"), ("Marxism-Leninism", "IDEOLOGY")]),
        ("We build socialism with Chinese characteristics and a harmonious world.",
         [("socialism with Chinese characteristics", "IDEOLOGY"), ("harmonious world", "IDEOLOGY")]),
        ("They hold the important thought of Three Represents.", [("Three Represents", "IDEOLOGY")]),
        ("Liberalism and the Monroe Doctrine were debated.", [("Liberalism", "IDEOLOGY"), ("Monroe Doctrine", "IDEOLOGY")]),
        ("Since the 16th National Congress and before the 17th Congress.",
         [("16th National Congress", "EVENT"), ("17th Congress", "EVENT")]),
        ("the Third Plenary Session of the 11th Central Committee met",
         [("Third Plenary Session of the 11th Central Committee", "EVENT")]),
        ("the Seventy-seventh Congress sat", [("Seventy-seventh Congress", "EVENT")]),
        ("The CPC Central Committee and its Political Bureau", [("CPC Central Committee", "ORG"), ("Political Bureau", "ORG")]),
        ("Three men made a new deal for the first congress.", []),
    ],
)
def test_entities_ruler_patterns(text, expected):
    doc = keep_hyphenated_words(spacy.blank("en"))(text)  # tokenised as partylines parses documents
    assert [(doc[s:e].text, label) for s, e, label in E.ruler_spans(doc)] == expected


RULER_TEXT = ("He studied Deng Xiaoping Theory, Marxism-Leninism and the Monroe Doctrine. Since the 16th National "
              "Congress, the Third Plenary Session of the 11th Central Committee and the Seventy-seventh Congress, "
              "the CPC Central Committee and its Political Bureau built socialism with Chinese characteristics "
              "and a harmonious world. Three men made a new deal for the first congress. The Politburo Standing "
              "Committee and the People’s Liberation Army met. The Truman Doctrine and the New Deal.")


def test_entities_ruler_matches_as_spacys_entity_ruler():
    """On a Doc of its own vocabulary (as a cached parse is read back), the ruler finds what spaCy's
    ``EntityRuler`` finds with the same patterns in the pipeline that made the Doc."""
    import json

    from spacy.util import filter_spans

    from partylines.analyses.entities.ruler import PATTERNS_FILE, _with_apostrophes

    nlp = keep_hyphenated_words(spacy.blank("en"))
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    lines = PATTERNS_FILE.read_text(encoding="utf-8").splitlines()
    ruler.add_patterns(_with_apostrophes([json.loads(line) for line in lines if line.strip()]))
    reference = nlp.make_doc(RULER_TEXT)
    spans = filter_spans([spacy.tokens.Span(reference, s, e, label=m) for m, s, e in ruler.match(reference)])
    expected = [(span.start, span.end, span.label_) for span in spans]

    doc = keep_hyphenated_words(spacy.blank("en"))(RULER_TEXT)
    strings = len(doc.vocab.strings)
    found = E.ruler_spans(doc)
    assert found == expected and len(expected) >= 10
    assert len(doc.vocab.strings) == strings  # the document's vocabulary is not added to


def test_entities_ruler_fixes_wrong_model_spans(ents_doc):
    #               0     1    2       3         4      5        6   7  8    9
    text = "Guided by Deng Xiaoping Theory since 16th National Congress of"
    doc = ents_doc(text, [(2, 5, "ORG"), (6, 7, "ORDINAL"), (7, 10, "ORG")])
    table = E.entity_mentions(doc)
    assert list(zip(table["surface"], table["label"])) == [("Deng Xiaoping Theory", "IDEOLOGY"), ("16th National Congress", "EVENT")]


def test_entities_ruler_keeps_a_longer_correct_model_span(ents_doc):
    #      0       1         2        3  4   5    6     7        8
    text = "the International Department of the CPC Central Committee met"
    doc = ents_doc(text, [(1, 8, "ORG")])
    assert _mentions(doc) == [("International Department of the CPC Central Committee", 1, 8)]


# ----------------------------------------------------------------------------------- canonicalisation

PARTY_TEXT = ("The Communist Party of China leads . The CPC met the Party Central Committee . Our Party works . "
              "The Central Committee decided . Our party grows . Party building goes on .")
#             0   1         2     3  4     5     6 7   8   9   10  11    12      13       14 15  16    17  18
#             19  20      21        22      23 24  25    26    27 28    29       30   31 32


@pytest.fixture
def party_doc(ents_doc):
    return ents_doc(PARTY_TEXT, [(1, 5, "ORG"), (8, 9, "ORG"), (11, 14, "ORG"), (16, 17, "ORG"), (20, 22, "ORG")])


def test_entities_acronym_expansion_and_party_references(party_doc):
    table = E.entity_mentions(party_doc)
    party = table[table["entity"] == "Communist Party of China"]
    # The full name, the acronym, "Our Party" (16) and "Our party" (25) -- not "Party building" (28).
    assert party["start"].tolist() == [1, 8, 16, 25]
    committee = table[table["entity"] == "CPC Central Committee"]
    assert committee["surface"].tolist() == ["Party Central Committee", "Central Committee"]


def test_entities_no_main_party_leaves_bare_party_alone(ents_doc):
    doc = ents_doc("The Party met . The Party spoke .", [(1, 2, "ORG"), (5, 6, "ORG")])
    assert E.document_entity_table(doc)[["entity", "count"]].values.tolist() == [["Party", 2]]


@pytest.mark.parametrize(
    "text, ents, entity, surfaces",
    [
        # Acronym introduced in parentheses, model tagged neither form.
        ("The ICAPP ( International Conference of Asian Political Parties ) met . ICAPP grew .", [],
         "International Conference of Asian Political Parties",
         ["ICAPP", "International Conference of Asian Political Parties", "ICAPP"]),
        # Acronym whose letters are not initials (Schwartz & Hearst match).
        ("The Kuomintang ( KMT ) lost . The KMT fled .", [(1, 2, "ORG")], "Kuomintang", ["Kuomintang", "KMT", "KMT"]),
        # Initials of content words, no parentheses.
        ("The United Nations met . The UN agreed .", [(1, 3, "ORG"), (6, 7, "ORG")], "United Nations",
         ["United Nations", "UN"]),
        # A shorter form keeping first and last word; a surname alone.
        ("The 16th National Congress and the 16th Congress . Franklin D. Roosevelt spoke ; Roosevelt left .",
         [(1, 4, "EVENT"), (6, 8, "EVENT")], "16th National Congress", ["16th National Congress", "16th Congress"]),
        ("Franklin D. Roosevelt spoke ; Roosevelt left .", [(0, 3, "PERSON"), (5, 6, "PERSON")],
         "Franklin D. Roosevelt", ["Franklin D. Roosevelt", "Roosevelt"]),
        # Case variants and possessives.
        ("The EUROPEAN UNION and the European Union ’s budget", [(1, 3, "ORG"), (5, 8, "ORG")], "European Union",
         ["EUROPEAN UNION", "European Union"]),
    ],
)
def test_entities_canonical_merges(ents_doc, text, ents, entity, surfaces):
    table = E.entity_mentions(ents_doc(text, ents))
    assert table.loc[table["entity"] == entity, "surface"].tolist() == surfaces


def test_entities_ambiguous_short_form_is_not_merged(ents_doc):
    # "Navy" could be either navy: it stays its own entity.
    doc = ents_doc("The British Navy and the French Navy met the Navy .", [(1, 3, "ORG"), (5, 7, "ORG"), (9, 10, "ORG")])
    assert sorted(E.document_entity_table(doc)["entity"]) == ["British Navy", "French Navy", "Navy"]


# ------------------------------------------------------------------------------------------- aliases

ALIAS_TEXT = "America and the United States and the USA ."


@pytest.fixture
def alias_doc(ents_doc):
    return ents_doc(ALIAS_TEXT, [(0, 1, "GPE"), (3, 5, "GPE"), (7, 8, "GPE")])


@pytest.mark.parametrize("suffix, content", [
    (".csv", "alias,entity\nAmerica,United States\n"),
    (".csv", "america,United States,GPE\n"),
    (".yaml", "America: United States\n"),
    (".yml", "America:\n  entity: United States\n  label: GPE\n"),
])
def test_entities_alias_files_add_merges(alias_doc, tmp_path, suffix, content):
    path = tmp_path / f"aliases{suffix}"
    path.write_text(content, encoding="utf-8")
    table = E.document_entity_table(alias_doc, aliases=path)
    row = table[table["entity"] == "United States"].iloc[0]
    # "USA" joins through the shipped alias table, "America" through the user's file
    assert row["count"] == 3 and row["mentions"] == "America; United States; USA"


def test_entities_shipped_aliases_alone(alias_doc):
    table = E.document_entity_table(alias_doc).set_index("entity")
    # "USA" is not the initials of "United States" (U, S): the shipped table merges it; "America" is ambiguous
    # (the Americas) and is merged only by a user's alias file
    assert table.loc["United States", "count"] == 2 and table.loc["America", "count"] == 1


def test_entities_alias_overrides_an_automatic_merge(ents_doc):
    doc = ents_doc("The United Nations met . The UN agreed .", [(1, 3, "ORG"), (6, 7, "ORG")])
    assert E.document_entity_table(doc)["entity"].tolist() == ["United Nations"]
    table = E.document_entity_table(doc, aliases={"UN": {"entity": "UN (acronym)", "label": "ORG"}})
    assert sorted(table["entity"]) == ["UN (acronym)", "United Nations"]


def test_entities_alias_label_override(alias_doc):
    table = E.document_entity_table(alias_doc, aliases={"USA": {"entity": "USA", "label": "ORG"}})
    assert table.set_index("entity").loc["USA", "label"] == "ORG"


@pytest.mark.parametrize("name, content", [
    ("missing.csv", None),
    ("bad.yaml", "a: [unclosed\n"),
    ("list.yaml", "- a\n- b\n"),
    ("short.csv", "America\n"),
    ("label.yaml", "America: {entity: United States, label: '<b>'}\n"),
    ("binary.csv", b"\xff\xfe\x00bad"),
])
def test_entities_bad_alias_file_is_one_line_input_error(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        E.read_aliases(path)
    message = str(info.value)
    assert "\n" not in message and name in message


# ------------------------------------------------------------------------------------ tables, labels

def test_entities_table_columns_order_and_labels(party_doc):
    table = E.document_entity_table(party_doc)
    assert list(table.columns)[:9] == ["entity", "label", "count", "per_10k", "units", "range", "mentions",
                                       "first_sentence", "first_section"]
    keys = list(zip(-table["count"], table["entity"]))
    assert keys == sorted(keys)
    assert E.document_entity_table(party_doc, labels=["PERSON"]).empty
    with pytest.raises(UsageError, match="known labels: PERSON"):
        E.document_entity_table(party_doc, labels=["ORGANISATION"])


def test_entities_table_rate_units_and_range_by_hand(ents_doc):
    #         0     1   2     3 4     5     6 7     8    9
    text = "China met India . China spoke . India left ."
    sections = [(0, 4, "A"), (4, 7, "B"), (7, 10, "C")]
    doc = ents_doc(text, [(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE"), (7, 8, "GPE")], sections=sections)
    table = E.document_entity_table(doc, parts="sections").set_index("entity")
    # 7 words in 3 sections; China in sections A and B, India in A and C
    assert table.loc["China", "count"] == 2 and table.loc["China", "units"] == 2
    assert table.loc["India", "units"] == 2 and table.loc["India", "range"] == pytest.approx(2 / 3)
    assert table.loc["China", "per_10k"] == pytest.approx(2 * 10000 / 7)


def test_entities_raw_table_shows_pipeline_spans(ents_doc):
    doc = ents_doc("the Party ’s work and ※ \n\n", [(0, 3, "ORG"), (5, 6, "ORG")])
    raw = E.document_entity_table(doc, raw=True)
    assert sorted(raw["entity"]) == ["the Party ’s", "※"]
    assert E.document_entity_table(doc)["entity"].tolist() == ["Party"]


# ------------------------------------------------------------------------------------- co-occurrence

def test_entities_cooccurrence_sentence_and_paragraph_counts(ents_doc):
    #       0     1   2     3   4  5     6   7      8   9     10  11 12    13    14   15   16    17
    text = "China and Japan met . China and Russia and Japan met . \n\n Russia spoke to China ."
    starts = [True] + [False] * 4 + [True] + [False] * 6 + [True, True] + [False] * 4
    ents = [(0, 1, "GPE"), (2, 3, "GPE"), (5, 6, "GPE"), (7, 8, "GPE"), (9, 10, "GPE"), (13, 14, "GPE"), (16, 17, "GPE")]
    doc = ents_doc(text, ents, sent_starts=starts)
    sentence = E.cooccurrence_table(doc, unit="sentence")
    # sentence 0: China, Japan; sentence 1: China, Russia, Japan; sentence 3: Russia, China
    assert sentence.values.tolist() == [["China", "Japan", 2], ["China", "Russia", 2], ["Japan", "Russia", 1]]
    paragraph = E.cooccurrence_table(doc, unit="paragraph")
    # paragraph 0: China, Japan, Russia (each pair once); paragraph 1: Russia, China
    assert paragraph.values.tolist() == [["China", "Russia", 2], ["China", "Japan", 1], ["Japan", "Russia", 1]]
    assert E.cooccurrence_table(doc, min_count=2)["count"].tolist() == [2, 2]
    with pytest.raises(UsageError):
        E.cooccurrence_table(doc, unit="page")


def test_entities_cooccurrence_paragraph_uses_blocks(article_doc):
    table = E.cooccurrence_table(article_doc, unit="paragraph")
    assert (table["source"] < table["target"]).all()
    blocks = [b for b in article_doc.spans["blocks"] if b.label_ in ("paragraph", "point")]
    assert table["count"].max() <= len(blocks)


# ------------------------------------------------------------------------------------------- displaCy

def test_entities_displacy_escapes_document_text(ents_doc):
    doc = ents_doc("<script>alert(1)</script> said Obama .", [(2, 3, "PERSON")])
    page = displacy_html(doc, title="<b>x</b>")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>x</b>" not in page and "Obama" in page
    assert page.lstrip().startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


# ------------------------------------------------------------------------------------ the two documents

def test_entities_article_party_gathers_acronym_full_name_and_party(article_doc):
    mentions = E.entity_mentions(article_doc)
    counts = mentions["entity"].value_counts()
    party = counts.index[0]
    forms = set(mentions.loc[mentions["entity"] == party, "surface"])
    assert party == "Communist Party of China" and {"CPC", "Communist Party of China", "Party"} <= forms
    # Every "our Party" / "the Party" (capital P, as a noun) in the text is a mention of it.
    starts = set(mentions.loc[mentions["entity"] == party, "start"])
    ours = [t.i for t in article_doc[1:] if t.text == "Party" and article_doc[t.i - 1].lower_ in ("our", "the")
            and article_doc[t.i + 1].text != "Central"]
    assert ours and set(ours) <= starts


def test_entities_article_entity_texts_are_clean(article_doc):
    table = E.document_entity_table(article_doc)
    for column in ("entity", "mentions"):
        assert not table[column].str.contains("\n").any()
        assert table[column].map(lambda s: bool(re.search(r"[^\W\d_]", s))).all()
    assert not table["entity"].str.match(r"(?i)the\s").any()
    assert "※" in set(E.document_entity_table(article_doc, raw=True)["entity"])


def test_entities_article_reads_like_a_hand_list(article_doc):
    table = E.document_entity_table(article_doc).set_index("entity")
    text = article_doc.text
    assert table.loc["Hu Jintao", "count"] == text.count("Hu Jintao")
    ideologies = set(table.index[table["label"] == "IDEOLOGY"])
    assert {"Deng Xiaoping Theory", "Three Represents", "scientific outlook on development",
            "socialism with Chinese characteristics", "harmonious world"} <= ideologies
    assert table.loc["16th National Congress", "label"] == "EVENT"
    assert table.loc["CPC Central Committee", "label"] == "ORG"


def test_entities_second_document_is_sensible(second_doc):
    table = E.document_entity_table(second_doc).set_index("entity")
    assert table.loc["Congress", "label"] == "ORG" and table.loc["Congress", "count"] >= 5
    assert {"United States", "America"} <= set(table.index)
    assert table.loc["Franklin D. Roosevelt", "label"] == "PERSON"
    assert "Speaker" not in table.index
    assert not any(name.lower().startswith(("the ", "no ")) for name in table.index)
