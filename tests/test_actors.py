"""Subject-verb-object triples on sentences of known structure, entity mapping with hand-made mentions,
and the actor table."""

from __future__ import annotations

import pandas as pd
import pytest

from partylines.actors import ACTOR_COLUMNS, TRIPLE_COLUMNS, actor_table, triples_table

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
    actors = actor_table(doc, mentions=mentions)
    assert list(actors.columns) == ACTOR_COLUMNS
    assert actors.iloc[0][["actor", "actor_count"]].tolist() == ["Communist Party of China", 2]
    assert actors["verb"].tolist() == ["host", "maintain", "grow"]
    assert actor_table(doc, mentions=mentions, top=1)["actor"].unique().tolist() == ["Communist Party of China"]


def test_actors_agents_only_by_default(nlp):
    doc = nlp("The plan was approved. The minister resigned.")
    assert actor_table(doc, mentions=NO_MENTIONS)["actor"].tolist() == ["minister"]
    assert sorted(actor_table(doc, mentions=NO_MENTIONS, voice="all")["actor"]) == ["minister", "plan"]
    with pytest.raises(ValueError):
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
    assert leaders[0] == "we" and "I" in leaders
    assert "who" not in set(actors["actor"])  # relative pronouns resolved to their antecedents
