"""``partylines quotes`` and ``series``, names as one term or apart, lemma overrides and collocations by lemma,
each checked against the raw text or the Python function it prints."""

from __future__ import annotations

import re


import partylines as pl
from helpers import run_cli as run, csv
from partylines.analyses.quotes import QUOTE_COLUMNS, SERIES_COLUMNS
from partylines.core import config


def test_cli_quotes_lists_every_quoted_expression(capsys):
    rc, out, err = run(capsys, "quotes", "--format", "csv")
    table = csv(out)
    raw = config.DEFAULT_DOCUMENT.read_text(encoding="utf-8")
    quoted = {m.strip().lower() for m in re.findall(r"“([^”\n]{1,80})”", raw)}
    assert rc == 0 and err == ""
    assert list(table.columns) == QUOTE_COLUMNS
    assert {e.lower() for e in table["expression"]} == quoted


def test_cli_series_csv_and_table(capsys, second_path):
    rc, out, _ = run(capsys, "series", "--format", "csv")
    table = csv(out)
    assert rc == 0 and list(table.columns) == SERIES_COLUMNS
    assert table["series"].iloc[0] == "democratic, progressive, open-minded, innovative"
    assert table["count"].iloc[0] == 2
    rc, out, _ = run(capsys, "series", str(second_path))
    assert rc == 0 and "Europe, Asia, Africa, Australasia" in out


def test_cli_names_as_one_term_or_apart(capsys, article_doc):
    raw = config.DEFAULT_DOCUMENT.read_text(encoding="utf-8")
    _, out, _ = run(capsys, "terms", "-f", "csv", "-n", "2000")
    joined = csv(out).set_index("term")
    _, out, _ = run(capsys, "terms", "-f", "csv", "-n", "2000", "--words-only")
    apart = csv(out).set_index("term")
    assert joined.loc["Hu Jintao", "count"] == raw.count("Hu Jintao")
    assert "Hu" not in joined.index and "Hu Jintao" not in apart.index
    assert apart.loc["Jintao", "count"] == apart.loc["Hu", "count"] == raw.count("Jintao")


def test_cli_lemma_overrides_file(capsys, tmp_path):
    lemmas = tmp_path / "lemmas.csv"
    lemmas.write_text("form,lemma\nexchanges,swap\nexchange,swap\n", encoding="utf-8")
    _, out, _ = run(capsys, "terms", "-f", "csv", "-n", "2000")
    before = csv(out).set_index("term")
    rc, out, err = run(capsys, "terms", "-f", "csv", "-n", "2000", "--lemmas", lemmas)
    after = csv(out).set_index("term")
    assert rc == 0, err
    exchanging = len(re.findall(r"\bexchanging\b", raw := config.DEFAULT_DOCUMENT.read_text(encoding="utf-8"), re.I))
    plain = len(re.findall(r"\bexchanges?\b", raw, re.I))
    assert after.loc["exchange", "count"] == exchanging  # a form the file does not name keeps its lemma
    assert after.loc["swap", "count"] == plain == before.loc["exchange", "count"] - exchanging
    rc, _, err = run(capsys, "terms", "--lemmas", tmp_path / "none.csv")
    assert rc == 1 and "none.csv" in err and len(err.strip().splitlines()) == 1


def test_cli_collocations_count_lemmas_by_default(capsys, article_doc):
    rc, out, _ = run(capsys, "collocations", "--node", "party", "-f", "csv", "-n", "500")
    default = csv(out)
    by_lemma = pl.collocation_table(article_doc, node="party", by="lemma").head(500)
    assert rc == 0
    assert list(default["collocate"]) == list(by_lemma["collocate"])
    _, out, _ = run(capsys, "collocations", "--node", "party", "-f", "csv", "-n", "500", "--by", "lower")
    assert set(csv(out)["collocate"]) != set(default["collocate"])
