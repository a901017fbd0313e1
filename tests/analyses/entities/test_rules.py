"""Entity rules end to end with the real pipeline: every string pattern of the ruler reaches the tables, the
byline's author is a PERSON, compass words stay with places, and a held-out speech that says "CCP" merges into
the same entity as the article's "CPC"."""

from __future__ import annotations

import json

import pytest

import partylines as pl
from partylines.core import config

PATTERNS = config.PACKAGE_DATA_DIR / "political_patterns.jsonl"


def _parse(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    with config.configured(cache_dir=folder / "cache"):
        return pl.parse(path)


def test_every_string_pattern_reaches_the_entity_mentions(tmp_path):
    patterns = [json.loads(line) for line in PATTERNS.read_text(encoding="utf-8").splitlines() if line.strip()]
    phrases = [p for p in patterns if isinstance(p["pattern"], str)]
    assert len(phrases) > 50
    doc = _parse(tmp_path, "patterns.txt", "\n\n".join(f"We spoke about {p['pattern']} at length." for p in phrases))
    mentions = pl.entity_mentions(doc)
    for number, pattern in enumerate(phrases):
        found = mentions[mentions["sentence"] == number]
        assert list(found["surface"]) == [pattern["pattern"]], pattern
        assert found["label"].iloc[0] == pattern["label"], pattern


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    text = ("Address to the Assembly\n\nBy Li Ming\n\nExcellencies, ladies and gentlemen,\n\n"
            "The Chinese Communist Party (CCP) has worked with the CCP Central Committee on the Belt and Road "
            "Initiative, and the Belt and Road grew. The CCP fought COVID-19 with the countries of the south Pacific and of South America.\n\n"
            "The Communist Party of China welcomes friends from northern Europe. Li Ming thanked the CCP.\n")
    return _parse(tmp_path_factory.mktemp("speech"), "speech.txt", text)


def test_held_out_speech_merges_ccp_into_the_party(speech, article_doc):
    table = pl.document_entity_table(speech).set_index("entity")
    assert table.loc["Communist Party of China", "count"] == 5  # Chinese Communist Party, CCP ×3, full name
    assert set(table.loc["Communist Party of China", "mentions"].split("; ")) == {
        "CCP", "Chinese Communist Party", "Communist Party of China"}
    assert table.loc["CPC Central Committee", "mentions"] == "CCP Central Committee"
    article = pl.document_entity_table(article_doc)["entity"]
    assert "Communist Party of China" in set(article)


def test_held_out_speech_named_things(speech):
    table = pl.document_entity_table(speech).set_index("entity")
    assert table.loc["Li Ming", "label"] == "PERSON" and table.loc["Li Ming", "count"] == 2  # byline + body
    assert table.loc["Belt and Road Initiative", "count"] == 1
    assert table.loc["Belt and Road", "label"] == "IDEOLOGY"  # an initiative, not a PERSON
    assert table.loc["COVID-19", "count"] == 1
    assert table.loc["south Pacific", "label"] == "LOC"
    assert table.loc["northern Europe", "label"] == "LOC"
    assert not any("Excellenc" in e or "Gentlemen" in e for e in table.index)


def test_article_byline_author_is_a_person(article_doc):
    table = pl.document_entity_table(article_doc).set_index("entity")
    assert table.loc["Wang Jiarui", "label"] == "PERSON"
    assert table.loc["south Pacific", "label"] == "LOC"
    raw = config.DEFAULT_DOCUMENT.read_text(encoding="utf-8")
    assert table.loc["Hu Jintao", "count"] == raw.count("Hu Jintao")


def test_shipped_alias_table_is_read_again_when_it_changes(tmp_path, monkeypatch):
    from partylines.analyses.entities import aliases

    table = tmp_path / "shipped.yaml"
    table.write_text("CCP: Communist Party of China\n", encoding="utf-8")
    monkeypatch.setattr(aliases, "DEFAULT_ALIASES", table)
    assert aliases.alias_table() == {"ccp": ("Communist Party of China", None)}
    assert aliases.alias_table() is not aliases.alias_table()  # callers get their own copy to change
    table.write_text("UN: United Nations\nCCP: Communist Party of China\n", encoding="utf-8")
    assert aliases.alias_table() == {"un": ("United Nations", None), "ccp": ("Communist Party of China", None)}
