"""``partylines compare``: two files, two parts of a corpus, a document against the rest; columns, counts against
the raw texts, the interactive page, and errors in one line."""

from __future__ import annotations

import re

import pytest

from helpers import SMALL_CORPUS, run_cli as run, csv, small_corpus_with_own_cache

COLUMNS = ["count_a", "per_10k_a", "units_a", "words_a", "count_b", "per_10k_b", "units_b", "words_b", "g2",
           "p", "log_ratio", "pct_diff", "leans"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    yield from small_corpus_with_own_cache(tmp_path_factory, "cli-compare")


def raw_count(word: str, country: str) -> int:
    return sum(len(re.findall(rf"\b{word}\b", t, re.I)) for (c, _), t in SMALL_CORPUS.items() if c == country)


@pytest.mark.slow
def test_cli_compare_groups_of_a_corpus(capsys, corpus):
    code, out, err = run(capsys, "compare", corpus, "--a", "country=north", "--b", "country=south", "--min-count",
                         "1", "-f", "csv", "--no-progress")
    assert code == 0, err
    table = csv(out)
    assert list(table.columns) == ["term", *COLUMNS]
    rows = table.set_index(table["term"].str.lower())
    for word in ("peace", "trade", "terrorism"):
        assert (rows.loc[word, "count_a"], rows.loc[word, "count_b"]) == (raw_count(word, "north"), raw_count(word, "south"))
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)
    code, out, _ = run(capsys, "compare", corpus, "--a", "country=north", "--b", "country=south", "--bonferroni",
                       "-n", "2", "-f", "csv", "--no-progress")
    shown = csv(out)
    assert "p_bonferroni" in shown.columns and len(shown) <= 4  # two each way


@pytest.mark.slow
def test_cli_compare_two_files_and_one_document_against_the_rest(capsys, corpus, tmp_path):
    code, out, err = run(capsys, "compare", corpus / "texts" / "north-2002.txt", corpus / "texts" / "south-2002.txt",
                         "--kind", "phrases", "--min-count", "1", "-f", "csv", "--no-progress")
    assert code == 0, err
    assert csv(out).columns[0] == "phrase"
    page = tmp_path / "scatter.html"
    code, out, err = run(capsys, "compare", corpus, "--document", "texts/north-2002", "--min-count", "1", "--html", page,
                         "--no-progress")
    assert code == 0, err
    assert "A: texts/north-2002" in out and "B: the rest" in out
    assert page.read_text(encoding="utf-8").count("partylines-compare") >= 1


@pytest.mark.parametrize("args, message", [
    (["--a", "country=north"], "give both --a and --b"),
    (["--a", "country=east", "--b", "country=south"], "no document"),
    (["--kind", "words", "--a", "country=north", "--b", "country=south"],
     "--kind must be one of terms, phrases, formulations, entities (got 'words')"),
    (["--a", "colour=red", "--b", "country=south"], "--a 'colour=red': the corpus has no column 'colour'"),
    (["--a", "country=north", "--b", "country=east"], "--b 'country=east': no document"),
    (["--document", "texts/nowhere"], "no document 'texts/nowhere'"),
    (["--html", "out.png", "--a", "country=north", "--b", "country=south"], "ending in .html"),
])
def test_cli_compare_errors_are_one_line(capsys, corpus, args, message):
    code, out, err = run(capsys, "compare", corpus, *args, "--no-progress")
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.slow
def test_cli_compare_names_an_unreadable_document_and_exits_1_unless_skip_bad(capsys, corpus, tmp_path):
    import shutil

    bad = shutil.copytree(corpus, tmp_path / "bad")
    with open(bad / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("texts/gone.txt,north,2009,Nobody\n")
    args = ("compare", bad, "--a", "country=north", "--b", "country=south", "--min-count", "1", "-f", "csv",
            "--no-progress")
    code, out, err = run(capsys, *args)
    assert code == 1 and "gone.txt" in err and "--skip-bad" in err
    code, skipped, err = run(capsys, *args, "--skip-bad")
    assert code == 0 and "gone.txt" in err  # still named, but the exit is 0
    rows = csv(skipped).set_index(csv(skipped)["term"].str.lower())
    assert rows.loc["peace", "count_a"] == raw_count("peace", "north")  # the readable documents are all counted
