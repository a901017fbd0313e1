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
