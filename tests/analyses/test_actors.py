"""Subject-verb-object triples on sentences of known structure, entity mapping with hand-made mentions,
and the actor table."""

from __future__ import annotations

import pandas as pd
import pytest

from partylines.core.errors import UsageError

from partylines.analyses.actors import ACTOR_COLUMNS, TRIPLE_COLUMNS, actor_table, triples_table

NO_MENTIONS = pd.DataFrame(columns=["entity", "label", "surface", "start", "end", "sentence", "section"])


def triples(nlp, text, mentions=NO_MENTIONS):
    table = triples_table(nlp(text), mentions=mentions)
    return list(table[["subject", "verb", "object", "voice"]].itertuples(index=False, name=None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The committee approved the plan.", [("committee", "approve", "plan", "active")]),
        ("China and Russia signed the treaty.",
         [("China", "sign", "treaty", "active"), ("Russia", "sign", "treaty", "active")]),
        ("The treaty was signed by the ministers.", [("ministers", "sign", "treaty", "agent")]),
        ("The plan was approved.", [("plan", "approve", "", "passive")]),
        ("The army carried out the operation.", [("army", "carry out", "operation", "active")]),
        ("The delegates who visited China praised the reforms.",
         [("delegates", "visit", "China", "active"), ("delegates", "praise", "reforms", "active")]),
        ("The Party continues to adhere to the principles.",
         [("Party", "continue", "", "active"), ("Party", "adhere", "to principles", "active")]),
    ],
)
def test_actors_triples_known_structure(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_actors_conjoined_verbs_share_subject(nlp):
    got = triples(nlp, "The congress elected a new leader and adopted a resolution.")
    assert got == [("congress", "elect", "new leader", "active"), ("congress", "adopt", "resolution", "active")]


def test_actors_negation(nlp):
    table = triples_table(nlp("The government did not raise taxes."), mentions=NO_MENTIONS)
    assert table["negated"].tolist() == [True]


def test_actors_enumerator_is_not_a_subject(nlp):
    table = triples_table(nlp("Two, inter-party relations expanded continuously."), mentions=NO_MENTIONS)
    assert table["subject"].tolist() == ["inter-party relations"]


def test_actors_subject_mapped_to_entity(nlp):
    doc = nlp("Our Party maintains contacts with many parties. The CPC hosted the conference. It grew.")
    # hand-made mentions: "Party" (token 1) and "CPC" (token 9) are the same canonical party
    assert doc[1].text == "Party" and doc[9].text == "CPC"
    mentions = pd.DataFrame(
        [{"entity": "Communist Party of China", "label": "ORG", "surface": "Party", "start": 1, "end": 2,
          "sentence": 0, "section": 0},
         {"entity": "Communist Party of China", "label": "ORG", "surface": "CPC", "start": 9, "end": 10,
          "sentence": 1, "section": 0}])
    table = triples_table(doc, mentions=mentions)
    assert table["entity"].tolist() == ["Communist Party of China", "Communist Party of China", ""]
    # "It" is resolved to the nearest preceding singular subject of the paragraph, "The CPC"
    assert table["actor"].tolist() == ["Communist Party of China"] * 3 and table["pronoun"].tolist() == ["", "", "It"]
    actors = actor_table(doc, mentions=mentions)
    assert list(actors.columns) == ACTOR_COLUMNS
    assert actors.iloc[0][["actor", "actor_count"]].tolist() == ["Communist Party of China", 3]
    assert actors["verb"].tolist() == ["grow", "host", "maintain"]
    assert actor_table(doc, mentions=mentions, top=1)["actor"].unique().tolist() == ["Communist Party of China"]


def test_actors_agents_only_by_default(nlp):
    doc = nlp("The plan was approved. The minister resigned.")
    assert actor_table(doc, mentions=NO_MENTIONS)["actor"].tolist() == ["minister"]
    assert sorted(actor_table(doc, mentions=NO_MENTIONS, voice="all")["actor"]) == ["minister", "plan"]
    with pytest.raises(UsageError, match="^voice must be one of agents, all"):
        actor_table(doc, mentions=NO_MENTIONS, voice="some")


def test_actors_article_main_party_leads(article_doc):
    table = triples_table(article_doc)
    assert list(table.columns) == TRIPLE_COLUMNS
    actors = actor_table(article_doc, top=3)
    assert actors.iloc[0]["actor"] == "Communist Party of China"
    assert actors.iloc[0]["actor_count"] >= 10
    assert {"maintain", "conduct", "contact"} <= set(actors.loc[actors["actor"] == "Communist Party of China", "verb"])


def test_actors_speech_reads_sensibly(second_doc):
    actors = actor_table(second_doc)
    leaders = list(dict.fromkeys(actors["actor"]))[:4]
    # "I" is the byline's author; "we" of a speech that is not a party's own stays unresolved, shown apart
    assert leaders[0] == "Franklin D. Roosevelt"
    assert "we" not in set(actors["actor"]) and actors.attrs["unresolved"] > 10
    assert "who" not in set(actors["actor"])  # relative pronouns resolved to their antecedents


@pytest.fixture(scope="module")
def speech_doc(tmp_path_factory):
    import partylines as pl
    from partylines.core import config

    folder = tmp_path_factory.mktemp("actors")
    path = folder / "speech.txt"
    path.write_text(
        "A Speech on Cooperation\n\nBy Li Ming\n\n"
        "The Communist Party of China (CPC) held talks with many parties. Our Party has always valued friendship. "
        "We will deepen exchanges with other parties.\n\n"
        "The committee approved the plan and it praised the delegates. It is believed that the plan will work.\n\n"
        "I thank the hosts. They welcomed us warmly.\n", encoding="utf-8")
    with config.configured(cache_dir=folder / "cache"):
        return pl.parse(path)


def test_actors_pronouns_resolved_only_when_clear(speech_doc):
    table = triples_table(speech_doc)
    by_pronoun = {(r.pronoun, r.verb): r.actor for r in table.itertuples() if r.pronoun}
    assert by_pronoun[("We", "deepen")] == "Communist Party of China"  # a party's own document: "our Party"
    assert by_pronoun[("I", "thank")] == "Li Ming"  # the byline's author
    assert by_pronoun[("it", "praise")] == "committee"  # nearest singular subject of the paragraph
    assert by_pronoun[("They", "welcome")] == ""  # no plural subject before it in its paragraph
    assert not any(r.pronoun.lower() == "it" and r.verb == "believe" for r in table.itertuples())  # dummy "it"


def test_actors_unresolved_pronouns_are_counted_apart(speech_doc):
    table = actor_table(speech_doc)
    assert "" not in set(table["actor"])
    triples = triples_table(speech_doc)
    unresolved = int(((triples["pronoun"] != "") & (triples["actor"] == "") & (triples["voice"] != "passive")).sum())
    assert table.attrs["unresolved"] == unresolved == 1


def test_actors_a_subject_that_is_not_a_nominal_head_is_left_out(make_doc):
    # A parse as spaCy gets it wrong, built by hand: "Hoping helps nobody ." with the gerund "Hoping" (a
    # verb) as the subject of "helps", next to a right one, "The party helps China ."
    words = ["Hoping", "helps", "nobody", ".", "The", "party", "helps", "China", "."]
    doc = make_doc(words, pos=["VERB", "VERB", "PRON", "PUNCT", "DET", "NOUN", "VERB", "PROPN", "PUNCT"],
                   lemmas=["hope", "help", "nobody", ".", "the", "party", "help", "China", "."],
                   heads=[1, 1, 1, 1, 5, 6, 6, 6, 6],
                   deps=["nsubj", "ROOT", "dobj", "punct", "det", "nsubj", "ROOT", "dobj", "punct"])
    table = triples_table(doc, mentions=NO_MENTIONS)
    assert table[["subject", "verb", "object", "sentence"]].values.tolist() == [["party", "help", "China", 1]]


def test_actors_a_noun_the_tagger_takes_for_a_verb_has_no_subject(make_doc):
    # "Many personages misgivings about China ." parsed with "misgivings" as a verb (lemma "misgive") whose
    # subject is "personages": the shipped lemma table makes "misgivings" the noun misgiving, so there is no
    # verb and no triple; the same parse with a word the table does not list ("doubt") gives one.
    def parse(word, lemma):
        return make_doc(["Many", "personages", word, "about", "China", "."],
                        pos=["ADJ", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                        lemmas=["many", "personage", lemma, "about", "China", "."],
                        heads=[1, 2, 2, 2, 3, 2], deps=["amod", "nsubj", "ROOT", "prep", "pobj", "punct"])

    assert triples_table(parse("misgivings", "misgive"), mentions=NO_MENTIONS).empty
    assert triples_table(parse("doubt", "doubt"), mentions=NO_MENTIONS)["verb"].tolist() == ["doubt"]


def test_actors_a_noun_read_as_a_verb_with_a_subject_is_not_a_subject(make_doc):
    # "Personages who had misgiving about China have changed their opinion ." as spaCy parses it: the noun
    # "misgiving" read as a verb (subject "personages", auxiliary "had") and made the subject of "changed".
    # The lemma table makes it a noun, but a noun heading a clause is a parse error, not an actor.
    rows = [("Personages", "NOUN", 3, "nsubj"), ("who", "PRON", 2, "nsubj"), ("had", "AUX", 3, "aux"),
            ("misgiving", "VERB", 8, "nsubj"), ("about", "ADP", 3, "prep"), ("China", "PROPN", 4, "pobj"),
            ("have", "AUX", 8, "aux"), ("now", "ADV", 8, "advmod"), ("changed", "VERB", 8, "ROOT"),
            ("their", "PRON", 10, "poss"), ("opinion", "NOUN", 8, "dobj"), (".", "PUNCT", 8, "punct")]
    words, pos, heads, deps = (list(column) for column in zip(*rows))
    doc = make_doc(words, pos=pos, heads=heads, deps=deps,
                   lemmas=[w.lower() for w in words[:3]] + ["misgive"] + [w.lower() for w in words[4:]])
    table = triples_table(doc, mentions=NO_MENTIONS)
    assert "misgiving" not in set(table["subject"]) and "misgive" not in set(table["verb"])
    assert table.empty


def test_actors_article_verbs_are_the_term_tables_lemmas(article_doc):
    table = triples_table(article_doc)
    assert not table["verb"].str.contains("misgiv").any() and not table["subject"].str.contains("misgiv").any()


def test_actors_sentences_list_where_the_actor_is_subject(nlp):
    text = ("The party met the delegation. Trade grew quickly. The party signed an agreement. "
            "China welcomed the party. The party met the press.")
    # by hand: "the party" is the subject of sentences 0 (met), 2 (signed) and 4 (met); in 3 it is the object
    table = actor_table(nlp(text), mentions=NO_MENTIONS).set_index(["actor", "verb"])
    assert table.loc[("party", "meet"), "sentences"] == "0,4" and table.loc[("party", "meet"), "count"] == 2
    assert table.loc[("party", "sign"), "sentences"] == "2"
    assert table.loc[("party", "meet"), "actor_count"] == 3
    assert table.loc[("China", "welcome"), "sentences"] == "3"
    assert table.loc[("trade", "grow"), "sentences"] == "1"
