"""``partylines phrases``, ``collocations`` and ``kwic``: formats, columns, agreement between commands, and
one-line errors with the right exit codes."""

from __future__ import annotations

import json

import pytest

from helpers import run_cli as run, csv
from partylines.analyses.collocations import COLLOCATION_COLUMNS
from partylines.analyses.phrases import PHRASE_COLUMNS




def test_cli_phrases_csv_columns_and_top(capsys):
    rc, out, err = run(capsys, "phrases", "--format", "csv", "--top", "8")
    table = csv(out)
    assert rc == 0 and err == ""
    # --top as every table cuts: the 8th phrase ties with the 6th and 7th (5 uses) and with more below,
    # so the tie is left out rather than cut alphabetically
    assert list(table.columns) == PHRASE_COLUMNS and len(table) == 7 and table["count"].iloc[-1] == 5
    assert table["phrase"].iloc[0] == "political parties"
    assert table["count"].is_monotonic_decreasing


def test_cli_phrases_table_and_json(capsys):
    rc, out, _ = run(capsys, "phrases", "-n", "5")
    lines = out.splitlines()
    assert rc == 0 and "of 6 sections" in lines[0] and lines[1] == ""
    assert lines[2].split()[:3] == ["phrase", "n", "count"] and len(lines) == 3 + 7 + 1  # the 5th's tie kept whole
    assert lines[-1].startswith("... ") and lines[-1].endswith(" more rows; --top 0 for all")
    rc, out, _ = run(capsys, "phrases", "--format", "json", "--top", "3", "--max-n", "6", "--by", "lemma")
    records = json.loads(out)
    assert rc == 0 and len(records) == 3 and records[0]["phrase"] == "political party"


def test_cli_phrases_second_document(capsys, second_path):
    rc, out, _ = run(capsys, "phrases", str(second_path), "-f", "csv", "-n", "3")
    assert rc == 0 and csv(out)["phrase"].iloc[0] == "united states"


def test_cli_kwic_csv_columns_and_count_equals_phrase_count(capsys):
    _, out, _ = run(capsys, "phrases", "-f", "csv", "-n", "4")
    phrases = csv(out)
    assert len(phrases) == 4
    for phrase, count in zip(phrases["phrase"], phrases["count"]):
        rc, out, err = run(capsys, "kwic", phrase, "--format", "csv")
        lines = csv(out)
        assert rc == 0 and err == ""
        assert list(lines.columns) == ["left", "match", "right", "sentence", "section"]
        assert len(lines) == count, phrase


def test_cli_kwic_table_is_aligned(capsys):
    rc, out, _ = run(capsys, "kwic", "new era", "--window", "4", "--sort", "left", "--width", "80")
    lines = out.splitlines()
    assert rc == 0 and lines[-1].startswith("(5 lines")
    hits = lines[:-1]
    assert len(hits) == 5 and len({line.lower().index("new era") for line in hits}) == 1
    assert max(len(line) for line in hits) <= 80


def test_cli_kwic_lemma_and_pattern(capsys):
    _, plain, _ = run(capsys, "kwic", "parties", "-f", "json")
    _, lemma, _ = run(capsys, "kwic", "parties", "--lemma", "-f", "json")
    assert len(json.loads(lemma)) > len(json.loads(plain))
    rc, out, _ = run(capsys, "kwic", '[{"LOWER": "party"}, {"LOWER": "diplomacy"}]', "--pattern", "-f", "csv")
    assert rc == 0 and len(csv(out)) == 10


def test_cli_collocations_node_and_measure(capsys):
    rc, out, _ = run(capsys, "collocations", "--node", "party", "--measure", "logdice", "-f", "csv", "-n", "10")
    table = csv(out)
    assert rc == 0 and list(table.columns) == COLLOCATION_COLUMNS and len(table) == 10
    assert set(table["node"]) == {"party"} and table["logdice"].is_monotonic_decreasing


def test_cli_collocations_bigrams_table(capsys):
    rc, out, _ = run(capsys, "collocations", "-n", "3")
    lines = out.splitlines()
    assert rc == 0 and lines[0].split()[:3] == ["node", "collocate", "observed"]
    assert lines[1].split()[:2] == ["political", "party"]  # by lemma by default, as terms are counted


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["phrases", "--max-n", "9"], "--max-n"),
        (["phrases", "--min-n", "0"], "--min-n"),
        (["phrases", "--by", "stem"], "--by"),
        (["phrases", "--parts", "pages"], "--parts"),
        (["collocations", "--measure", "dice"], "--measure"),
        (["collocations", "--window", "0"], "--window"),
        (["kwic", "party", "--sort", "middle"], "--sort"),
        (["kwic", "party", "--lemma", "--pattern"], "--lemma"),
        (["kwic", "[{\"LOWR\": 1}]", "--pattern"], "QUERY"),
        (["kwic", "not json", "--pattern"], "QUERY"),
        (["kwic", "party", "--window", "-2"], "--window"),
        (["kwic", "party", "--window", "5000"], "--window must be from 0 to 1000 (got 5000)"),
    ],
)
def test_cli_phrases_bad_usage_is_one_line_exit_2(capsys, args, needle):
    rc, out, err = run(capsys, *args)
    assert rc == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err and "Traceback" not in err


@pytest.mark.parametrize("command", [["phrases"], ["collocations"], ["kwic", "party"]])
def test_cli_phrases_missing_file_exit_1(capsys, tmp_path, command):
    args = [*command, str(tmp_path / "missing.txt")]
    rc, out, err = run(capsys, *args)
    assert rc == 1 and len(err.strip().splitlines()) == 1 and "missing.txt" in err


def test_cli_phrases_noun_phrases(capsys):
    rc, out, _ = run(capsys, "phrases", "--noun-phrases", "-f", "csv")
    table = csv(out).set_index("phrase")
    assert rc == 0 and "variants" in table.columns
    assert table.loc["external work of party", "n_variants"] >= 2


def test_cli_phrases_parts_default_to_segments_on_a_speech(capsys, second_path):
    rc, out, _ = run(capsys, "phrases", str(second_path), "-n", "3")
    assert rc == 0 and "segments of whole paragraphs" in out.splitlines()[0]
    _, out, _ = run(capsys, "phrases", str(second_path), "-f", "csv")
    auto = csv(out)
    _, out, _ = run(capsys, "phrases", str(second_path), "-f", "csv", "--parts", "sections")
    sections = csv(out)
    assert auto["units"].max() > 1 and set(sections["units"]) == {1} and set(sections["dp"]) == {0.0}
    assert sorted(auto["phrase"]) == sorted(sections["phrase"])
    _, out, _ = run(capsys, "phrases", str(second_path), "-f", "csv", "--parts", "paragraphs")
    assert csv(out)["units"].max() >= auto["units"].max()


# --------------------------------------------------------------------------------------------------------
# Over a corpus


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """The two documents as a corpus folder, and the same with a listed file missing, in a cache of their own."""
    from helpers import write_two_documents
    from partylines.core import config

    root = tmp_path_factory.mktemp("cli-two")
    with config.configured(cache_dir=root / "cache"):
        yield write_two_documents(root / "corpus"), write_two_documents(root / "bad", missing=True)


def test_cli_kwic_over_a_folder_gives_every_file(capsys, two):
    import re

    from helpers import TWO_DOCUMENTS

    folder, _ = two
    rc, out, err = run(capsys, "kwic", "trade", folder, "-f", "csv", "--sort", "right", "--window", "2",
                       "--no-progress")
    lines = csv(out)
    assert rc == 0 and err == ""
    assert list(lines.columns) == ["id", "year", "left", "match", "right", "sentence", "section"]
    counted = {name[:-4]: len(re.findall(r"\btrade\b", text, re.IGNORECASE)) for name, (_, text) in TWO_DOCUMENTS.items()}
    assert lines["id"].value_counts().to_dict() == counted == {"texts/a": 2, "texts/b": 1}
    assert list(lines["right"]) == ["allows growth", "and trade", "brings peace"]  # sorted over the corpus
    assert list(lines["year"]) == ["", "2001", "2001"]  # b.txt has no year
    rc, out, _ = run(capsys, "kwic", "trade", folder, "--where", "year=2001", "--no-progress")
    assert rc == 0 and out.splitlines()[0].lstrip().startswith("texts/a:0 ")
    assert out.splitlines()[-1] == "(2 lines; first column: document id and sentence number)"


def test_cli_collocations_over_a_folder_sums_the_documents(capsys, two):
    folder, _ = two
    rc, out, err = run(capsys, "collocations", folder, "--node", "trade", "--window", "1", "--by", "lower",
                       "--min-count", "1", "-f", "csv", "--no-progress")
    table = csv(out).set_index("collocate")
    assert rc == 0 and err == ""
    assert list(table.reset_index().columns) == ["collocate", *[c for c in COLLOCATION_COLUMNS if c != "collocate"]]
    assert dict(table["observed"]) == {"brings": 2, "allows": 1}  # counted by hand: see tests/analyses
    rc, out, _ = run(capsys, "collocations", folder, "--by", "lower", "--min-count", "1", "--no-progress")
    assert rc == 0 and out.splitlines()[0] == "corpus: 2 documents, 10 words"


@pytest.mark.parametrize("command", [("kwic", "trade"), ("collocations", "--min-count", "1")])
def test_cli_kwic_and_collocations_name_unreadable_documents(capsys, two, command):
    _, bad = two
    rc, out, err = run(capsys, *command, bad, "--no-progress", "-f", "csv")
    assert rc == 1 and "gone.txt" in err and "--skip-bad" in err and "Traceback" not in err
    assert len(csv(out)) > 0  # the readable documents are still there
    rc, _, err = run(capsys, *command, bad, "--no-progress", "--skip-bad")
    assert rc == 0 and "gone.txt" in err


@pytest.mark.parametrize("flag", [("--where", "year=2001"), ("--skip-bad",), ("--progress",)])
def test_cli_kwic_refuses_corpus_options_with_one_document(capsys, flag):
    rc, out, err = run(capsys, "kwic", "party", *flag)
    assert rc == 2 and out == "" and f"{flag[0]}: has no effect with one document" in err
