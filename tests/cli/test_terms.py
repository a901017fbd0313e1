"""``partylines terms`` and ``partylines keywords``: options, formats, and one-line errors."""

from __future__ import annotations

import json
import re

import pytest

from helpers import SMALL_CORPUS, csv, independent_words, write_small_corpus
from helpers import run_cli as run
from partylines.cli import main
from partylines.analyses.frequencies import TERM_COLUMNS




def test_cli_terms_default_table(capsys, article_doc):
    rc, out, err = run(capsys, "terms", "--top", "5")
    assert rc == 0 and err == ""
    words = independent_words(article_doc)
    assert f"terms in {words:,} words" in out.splitlines()[0]
    assert "of 6 sections" in out.splitlines()[0]  # the article has 6 sections: range is over them
    header = out.splitlines()[2].split()
    assert header[:7] == ["rank", "term", "count", "per_10k", "units", "range", "dp"]
    assert len(out.splitlines()) == 3 + 5 + 1 and out.splitlines()[3].split()[1] == "party"
    terms = int(out.splitlines()[0].split()[0].replace(",", ""))
    assert out.splitlines()[-1] == f"... {terms - 5:,} more rows; --top 0 for all"


def test_cli_terms_csv_columns_and_top(capsys):
    rc, out, _ = run(capsys, "terms", "--format", "csv")  # CSV: every row unless --top is given
    full = csv(out)
    assert rc == 0 and list(full.columns) == TERM_COLUMNS and full["term"].iloc[0] == "party"
    counts = full["count"].tolist()
    assert len(full) == len(set(full["term"])) > 100
    clean = next(n for n in range(5, len(counts)) if counts[n - 1] != counts[n])  # a cut between two counts
    _, out, _ = run(capsys, "terms", "--format", "csv", "--top", str(clean))
    assert csv(out)["term"].tolist() == full["term"].head(clean).tolist()
    tied = next(n for n in range(5, len(counts)) if counts[n - 1] == counts[n] and counts.count(counts[n]) <= 1 + n // 2)
    _, out, _ = run(capsys, "terms", "--format", "csv", "--top", str(tied))  # a tie at the cut is kept whole
    last = max(i for i, c in enumerate(counts) if c == counts[tied - 1])
    assert csv(out)["term"].tolist() == full["term"].head(last + 1).tolist()


def test_cli_terms_json(capsys):
    rc, out, _ = run(capsys, "terms", "-f", "json", "-n", "3")
    rows = json.loads(out)
    assert rc == 0 and [r["term"] for r in rows][0] == "party" and set(TERM_COLUMNS) <= set(rows[0])


@pytest.mark.parametrize(
    "args, check",
    [
        (["--by", "text"], lambda t: "Party" in set(t["term"]) and "parties" in set(t["term"])),
        (["--by", "lower"], lambda t: "parties" in set(t["term"]) and "Party" not in set(t["term"])),
        (["--pos", "noun,propn"], lambda t: set(t["pos"]) <= {"NOUN", "PROPN"} and "important" not in set(t["term"])),
        (["--keep-stopwords"], lambda t: t["term"].iloc[0] == "the"),
        (["--min-count", "10"], lambda t: t["count"].min() >= 10),
        (["--parts", "paragraphs"], lambda t: t["units"].max() > 6),  # more paragraphs than the 6 sections
    ],
)
def test_cli_terms_options(capsys, args, check):
    rc, out, err = run(capsys, "terms", "-f", "csv", "-n", "1000", *args)
    assert rc == 0, err
    assert check(csv(out))


def test_cli_terms_all_tokens_counts_numbers(capsys, article_doc):
    rc, out, _ = run(capsys, "terms", "-f", "csv", "-n", "1000", "--all-tokens")
    table = csv(out)
    base = independent_words(article_doc)  # the base is the words whichever terms are listed
    assert rc == 0
    assert table["per_10k"].iloc[0] == pytest.approx(10000 * table["count"].iloc[0] / base, rel=1e-5)
    numbers = {t.text for t in article_doc if t.like_num and not t.is_alpha}
    assert numbers & set(table["term"])  # e.g. "400", "160"


def test_cli_terms_stopwords_file(capsys, tmp_path):
    stop = tmp_path / "mine.txt"
    stop.write_text("# leave these out\nparty\nNew\n", encoding="utf-8")
    rc, out, _ = run(capsys, "terms", "-f", "csv", "--stopwords", str(stop))
    terms = set(csv(out)["term"])
    assert rc == 0 and "party" not in terms and "new" not in terms and "exchange" in terms


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (["terms", "--pos", "NOUNS"], 2, "valid tags: ADJ"),
        (["terms", "--by", "stem"], 2, "--by"),
        (["terms", "--parts", "pages"], 2, "--parts"),
        (["terms", "--min-count", "0"], 2, "--min-count"),
        (["terms", "--format", "xml"], 2, "--format"),
        (["terms", "--stopwords", "/no/such/file.txt"], 1, "stopwords file"),
        (["terms", "/no/such/document.txt"], 1, "document.txt"),
        (["keywords", "--reference", "/no/such/reference.txt"], 1, "reference"),
        (["keywords", "--reference", "wordfrq"], 1, "wordfreq"),
        (["keywords", "--pos", "VERBZ"], 2, "valid tags"),
    ],
)
def test_cli_terms_errors_are_one_line(capsys, args, code, needle):
    rc, out, err = run(capsys, *args)
    assert rc == code
    assert err.count("\n") == 1 and "Traceback" not in err
    assert needle in err


def test_cli_terms_unreadable_stopwords_folder(capsys, tmp_path):
    rc, _, err = run(capsys, "terms", "--stopwords", str(tmp_path))
    assert rc == 1 and err.count("\n") == 1 and "folder" in err


def test_cli_keywords_default_table(capsys):
    rc, out, err = run(capsys, "keywords", "-n", "5")
    assert rc == 0 and err == ""
    assert "wordfreq" in out.splitlines()[0] and "g2" in out and "party" in out


def test_cli_keywords_csv_both_directions_against_a_document(capsys, second_path):
    rc, out, _ = run(capsys, "keywords", "-r", str(second_path), "-f", "csv", "-n", "4")
    table = csv(out)
    assert rc == 0 and list(table.columns) == [
        "term", "count_a", "per_10k_a", "units_a", "words_a", "count_b", "per_10k_b", "units_b", "words_b", "g2", "p",
        "log_ratio", "pct_diff", "leans"]
    assert list(table["g2"] > 0) == [True] * 4 + [False] * 4
    assert (table["leans"] != "").all()


def test_cli_keywords_bonferroni_and_all(capsys, second_path):
    rc, out, _ = run(capsys, "keywords", "-r", str(second_path), "-f", "json", "--bonferroni", "--all", "-n", "500")
    rows = json.loads(out)
    assert rc == 0
    assert all(r["p_bonferroni"] >= r["p"] for r in rows)
    assert any(r["leans"] == "" for r in rows)  # --all keeps the non-significant ones


def test_cli_terms_parts_default_to_segments_on_a_speech(capsys, second_path, second_doc):
    import partylines as pl

    rc, out, err = run(capsys, "terms", str(second_path), "-n", "3")
    _, labels, _ = pl.part_ids(second_doc)
    assert rc == 0 and f"of {len(labels)} segments of whole paragraphs" in out.splitlines()[0]
    _, out, _ = run(capsys, "terms", str(second_path), "-f", "csv", "-n", "20")
    auto = csv(out)
    _, out, _ = run(capsys, "terms", str(second_path), "-f", "csv", "-n", "20", "--parts", "sections")
    sections = csv(out)
    assert auto["units"].max() > 1 and set(sections["units"]) == {1}
    assert list(auto["term"]) == list(sections["term"])  # parts change the spread, never the counts


def test_cli_terms_help_documents_parts(capsys):
    rc = main(["terms", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert rc == 0 and "One of: auto, sections, paragraphs" in out and "[default: auto]" in out


def test_cli_terms_csv_writes_every_term_unless_top_is_given(capsys, article_doc):
    # every distinct lowercased word of letters, counted from the tokens (stopwords kept, names apart)
    distinct = {t.lower_ for t in article_doc if t.is_alpha}
    rc, out, _ = run(capsys, "terms", "-f", "csv", "--by", "lower", "--keep-stopwords", "--words-only")
    table = csv(out)
    assert rc == 0 and set(table["term"]) >= distinct and len(table) > 20
    rc, out, _ = run(capsys, "terms", "-f", "json", "--by", "lower", "--keep-stopwords", "--words-only")
    assert len(json.loads(out)) == len(table)


def test_cli_keywords_reference_folder_is_read_as_a_corpus(capsys, tmp_path):
    # the corpus's texts (metadata.csv, texts/), not the folder's top-level README
    folder = write_small_corpus(tmp_path / "small")
    rc, out, err = run(capsys, "keywords", "-r", folder, "--all", "--min-count", "1")
    words = sum(len(re.findall(r"[A-Za-z]+", text)) for text in SMALL_CORPUS.values())
    assert rc == 0, err
    assert f"; B: small ({words:,} words);" in out.splitlines()[0]


def test_cli_keywords_reference_that_is_not_a_corpus_is_one_line(capsys, tmp_path):
    rc, out, err = run(capsys, "keywords", "-r", tmp_path / "nothing-here")
    assert rc == 1 and out == "" and err.count("\n") == 1 and "--reference" in err and "nothing-here" in err


def test_cli_keywords_words_only_counts_the_words_of_a_name(capsys, article_doc):
    raw = article_doc.text
    _, out, _ = run(capsys, "keywords", "-f", "csv", "--all", "--min-count", "1")
    joined = csv(out).set_index("term")
    rc, out, err = run(capsys, "keywords", "-f", "csv", "--all", "--min-count", "1", "--words-only")
    apart = csv(out).set_index("term")
    assert rc == 0, err
    assert joined.loc["Hu Jintao", "count_a"] == raw.count("Hu Jintao") and "Jintao" not in joined.index
    assert "Hu Jintao" not in apart.index and apart.loc["Jintao", "count_a"] == raw.count("Jintao")


def test_cli_keywords_lemmas_file(capsys, tmp_path, article_doc):
    lemmas = tmp_path / "lemmas.csv"
    lemmas.write_text("form,lemma\nexchanges,swap\nexchange,swap\n", encoding="utf-8")
    rc, out, err = run(capsys, "keywords", "-f", "csv", "--all", "--min-count", "1", "--lemmas", lemmas)
    table = csv(out).set_index("term")
    assert rc == 0, err
    assert table.loc["swap", "count_a"] == len(re.findall(r"\bexchanges?\b", article_doc.text, re.I))
    rc, _, err = run(capsys, "keywords", "--lemmas", tmp_path / "none.csv")
    assert rc == 1 and "none.csv" in err and err.count("\n") == 1


def test_cli_keywords_top_is_per_direction_and_says_what_it_left_out(capsys, second_path):
    _, out, _ = run(capsys, "keywords", "-r", second_path, "-f", "csv")
    every = csv(out)
    positive, negative = int((every["g2"] > 0).sum()), int((every["g2"] < 0).sum())
    assert positive > 2 and negative > 2
    rc, out, _ = run(capsys, "keywords", "-r", second_path, "-n", "2")
    lines = out.splitlines()
    assert rc == 0 and lines[-1] == f"... {positive + negative - 4} more rows; --top 0 for all"
    shown = [float(line.split()[5]) for line in lines[4:-1]]
    assert [g > 0 for g in shown] == [True, True, False, False]
    assert shown[:2] == sorted(every["g2"].nlargest(2).round(2), reverse=True)
    assert shown[2:] == sorted(every["g2"].nsmallest(2).round(2), reverse=True)


def test_cli_terms_by_group_prints_the_tie_note_of_a_group_whose_tie_was_left_out(capsys, tmp_path):
    """A group whose next rows all share one count has that tie left out whole, and the terminal says so under
    the table, naming the group: here "con" has "order" twice and five content words once each (peace, taxes,
    trade, roads, banks: counted by hand), "lab" two words twice each and three once."""
    table = tmp_path / "speeches.csv"
    table.write_text('id,party,text\n'
                     'a,lab,"Peace and work. Peace for all. Work and bread and homes and schools."\n'
                     'b,con,"Order and peace. Order for all. Taxes and trade and roads and banks."\n', encoding="utf-8")
    rc, out, err = run(capsys, "terms", table, "--group", "party", "--top", "2")
    assert rc == 0, err
    rows = [line.split() for line in out.splitlines()[3:] if line.split()[:1] in (["con"], ["lab"])]
    assert [(group, term, count) for group, term, count, *_ in rows] == [
        ("con", "order", "2"), ("lab", "peace", "2"), ("lab", "work", "2")]
    notes = [line for line in out.splitlines() if line.startswith("(")]
    assert notes == ["(con: 5 more with 1 each, not shown)"]
    assert out.splitlines()[-1] == f"... {5 + 3} more rows; --top 0 for all"
