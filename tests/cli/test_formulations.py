"""``partylines timeline`` and ``partylines formulations`` on a small corpus written for the test: columns,
counts against the raw texts, the other views (--kwic, --compare, --candidates, --group) and errors."""

from __future__ import annotations

import json
import re

import pytest

from helpers import SMALL_CORPUS, run_cli as run, csv, small_corpus_with_own_cache


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    yield from small_corpus_with_own_cache(tmp_path_factory, "cli-formulations")


@pytest.mark.slow
def test_cli_timeline_per_document_and_per_group(capsys, corpus):
    code, out, err = run(capsys, "timeline", "peace", corpus, "-f", "csv", "--no-progress")
    table = csv(out)
    assert code == 0, err
    assert {"file", "year", "count", "words", "per_10k"} <= set(table.columns)
    texts = {f"texts/{c}-{y}": t for (c, y), t in SMALL_CORPUS.items()}
    assert dict(zip(table["id"], table["count"])) == {k: len(re.findall(r"\bpeace\b", t, re.I)) for k, t in texts.items()}
    code, out, _ = run(capsys, "timeline", "peace", corpus, "--over", "country", "-f", "json", "--no-progress")
    records = json.loads(out)
    assert [r["country"] for r in records] == ["north", "south"]
    assert sum(r["count"] for r in records) == table["count"].sum()
    by_country = table.assign(country=table["id"].str.split("/").str[1].str.split("-").str[0])
    code, out, _ = run(capsys, "timeline", "peace", corpus, "--over", "year", "--group", "country", "-f", "csv",
                       "--no-progress")
    apart = csv(out)
    assert code == 0 and list(apart.columns[:3]) == ["phrase", "year", "country"]
    assert dict(zip(zip(apart["year"], apart["country"]), apart["count"])) == dict(
        zip(zip(table["year"], by_country["country"]), table["count"]))
    code, _, err = run(capsys, "timeline", "peace", corpus, "--group", "country", "--no-progress")
    assert code == 2 and "give --over too" in err
    code, out, _ = run(capsys, "timeline", "fair trade", corpus, "--no-progress")
    assert code == 0 and out.startswith("“fair trade” in corpus: 2 uses in 2 documents of 6")


@pytest.mark.slow
def test_cli_formulations_views(capsys, corpus):
    code, out, err = run(capsys, "formulations", corpus, "-f", "csv", "--no-progress")
    table = csv(out).set_index("formulation")
    assert code == 0, err
    assert table.loc["peace and development", "count"] == 1
    assert table.loc["peace and development", "first_file"].endswith("texts/north-2001.txt")
    code, out, _ = run(capsys, "formulations", corpus, "--kwic", "developing countries", "-f", "csv", "--no-progress")
    assert csv(out)["match"].tolist() == ["developing countries"]
    code, out, _ = run(capsys, "formulations", corpus, "--compare", "2001-2002:2003-2003", "-f", "csv", "--no-progress")
    assert code == 0 and "change" in csv(out).columns
    code, out, _ = run(capsys, "formulations", corpus, "--candidates", "-f", "csv", "--no-progress")
    assert code == 0 and list(csv(out).columns)[:2] == ["phrase", "source"]
    code, out, _ = run(capsys, "formulations", corpus, "--group", "country", "-f", "csv", "--no-progress")
    grouped = csv(out)
    assert code == 0 and grouped.columns[0] == "country" and set(grouped["country"]) == {"north", "south"}


def test_cli_formulations_with_a_dictionary(capsys, corpus, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("climate: {variants: [climate change], category: issue}\n", encoding="utf-8")
    code, out, _ = run(capsys, "formulations", corpus, "--dictionary", mine, "-f", "csv", "--no-progress")
    assert code == 0 and csv(out).set_index("formulation").loc["climate", "count"] == 2


@pytest.mark.parametrize("args, code, needle", [
    (["formulations", "CORPUS", "--compare", "1990"], 2, "give two year ranges"),
    (["formulations", "CORPUS", "--kwic", "x", "--candidates"], 2, "give one of"),
    (["timeline", "   ", "CORPUS"], 2, "give a word or phrase"),
    (["timeline", " - ", "CORPUS"], 2, "error: PHRASE has no word"),
    (["formulations", "CORPUS", "--dictionary", "nowhere.yaml"], 1, "nowhere.yaml: no such file"),
])
def test_cli_formulations_errors(capsys, corpus, args, code, needle):
    rc, _, err = run(capsys, *[corpus if a == "CORPUS" else a for a in args], "--no-progress")
    assert rc == code and needle in err and len(err.strip().splitlines()) == 1


def test_cli_timeline_says_which_thing_it_counts(capsys, corpus, tmp_path):
    # an entry named like the phrase counts its variants too; timeline counts the phrase unless --entry
    mine = tmp_path / "mine.yaml"
    mine.write_text("trade: {variants: [trade, markets], category: issue}\n", encoding="utf-8")
    texts = SMALL_CORPUS.values()
    words = sum(len(re.findall(r"\btrade\b", t, re.I)) for t in texts)
    both = words + sum(len(re.findall(r"\bmarkets\b", t, re.I)) for t in texts)
    assert both > words
    code, out, err = run(capsys, "timeline", "trade", corpus, "-d", mine, "--no-progress")
    lines = out.splitlines()
    assert code == 0, err
    assert lines[0].startswith(f"“trade” in corpus: {words} uses")
    assert "the dictionary entry “trade” also counts its variants (trade, markets): add --entry" in lines[1]
    code, out, err = run(capsys, "timeline", "trade", corpus, "-d", mine, "--entry", "--no-progress")
    assert code == 0 and out.splitlines()[0].startswith(f"“trade” in corpus: {both} uses")
    assert "the dictionary entry “trade” with all its variants (trade, markets)" in out.splitlines()[1]
    code, out, err = run(capsys, "timeline", "trade", corpus, "-d", mine, "-f", "csv", "--no-progress")
    assert csv(out)["count"].sum() == words and err.startswith("partylines: note: ") and "--entry" in err
    code, out, _ = run(capsys, "timeline", "fair trade", corpus, "--no-progress")
    assert "no dictionary entry has this name" in out.splitlines()[1]
    code, out, err = run(capsys, "timeline", "fair trade", corpus, "--entry", "--no-progress")
    assert code == 2 and out == "" and "--entry" in err and err.count("\n") == 1


def test_cli_formulations_kwic_says_which_thing_it_counts(capsys, corpus, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("trade: {variants: [trade, markets], category: issue}\n", encoding="utf-8")
    both = sum(len(re.findall(r"\b(trade|markets)\b", t, re.I)) for t in SMALL_CORPUS.values())
    code, out, err = run(capsys, "formulations", corpus, "-d", mine, "--kwic", "trade", "--no-progress")
    assert code == 0, err
    assert out.splitlines()[:2] == [f"“trade” in corpus: {both} uses",
                                    "counted: the dictionary entry “trade” with all its variants (trade, markets)"]
