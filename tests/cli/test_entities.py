"""``partylines entities``: formats, columns, labels, raw spans, aliases and one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from partylines.cli import main

COLUMNS = ["entity", "label", "count", "per_10k", "units", "mentions", "first_sentence"]


def _run(capsys, *args):
    rc = main(["entities", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_entities_csv_columns_and_rows(capsys):
    rc, out, err = _run(capsys, "--format", "csv", "--top", "5")
    assert rc == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0].keys()) == COLUMNS
    # --top cuts as every table does: a tie at the cut kept whole (here the 5th and 6th have 3 mentions each)
    counts = [int(row["count"]) for row in rows]
    assert len(rows) == 6 and counts[4] == counts[5] == 3 and counts == sorted(counts, reverse=True)
    rc, out, _ = _run(capsys, "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 27  # every entity: CSV is not cut without --top
    assert rows[0]["entity"] == "Communist Party of China"
    assert "CPC" in rows[0]["mentions"].split("; ")


def test_cli_entities_table_and_json(capsys, second_path):
    rc, out, _ = _run(capsys, str(second_path), "--label", "org,gpe")
    assert rc == 0 and out.split("\n")[0].split() == COLUMNS
    rc, out, _ = _run(capsys, str(second_path), "--label", "ORG,GPE", "--format", "json", "--top", "50")
    data = json.loads(out)
    assert {row["label"] for row in data} <= {"ORG", "GPE"} and "Congress" in {row["entity"] for row in data}


def test_cli_entities_raw_shows_pipeline_spans(capsys):
    rc, out, _ = _run(capsys, "--raw", "--label", "ORG", "--format", "csv", "--top", "200")
    entities = {row["entity"] for row in csv.DictReader(io.StringIO(out))}
    assert rc == 0 and "※" in entities and "Party" in entities
    rc, out, _ = _run(capsys, "--label", "ORG", "--format", "csv", "--top", "200")
    assert "※" not in {row["entity"] for row in csv.DictReader(io.StringIO(out))}


def test_cli_entities_aliases_merge(capsys, tmp_path):
    rc, out, _ = _run(capsys, "--format", "csv", "--top", "200")
    before = {row["entity"]: int(row["count"]) for row in csv.DictReader(io.StringIO(out))}
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,entity,label\nChinese,China,GPE\n", encoding="utf-8")
    rc, out, _ = _run(capsys, "--aliases", str(aliases), "--format", "csv", "--top", "200")
    after = {row["entity"]: int(row["count"]) for row in csv.DictReader(io.StringIO(out))}
    assert rc == 0 and "Chinese" not in after
    assert after["China"] == before["China"] + before["Chinese"]


@pytest.mark.parametrize("args, code, fragment", [
    (["--label", "ORG,NOPE"], 2, "known labels"),
    (["--aliases", "/no/such/aliases.csv"], 1, "aliases.csv"),
    (["/no/such/document.txt"], 1, "document.txt"),
    (["--top", "-1"], 2, "--top"),
])
def test_cli_entities_errors_are_one_line(capsys, args, code, fragment):
    rc, out, err = _run(capsys, *args)
    assert rc == code and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_cli_entities_csv_and_json_write_every_row_unless_top_is_given(capsys, article_doc):
    # every entity of the article, counted from the library's own table with no cut
    from partylines.analyses.entities import document_entity_table

    every = len(document_entity_table(article_doc))
    assert every > 20  # more than the terminal table shows by default
    rc, out, _ = _run(capsys, "--format", "csv")
    assert rc == 0 and len(list(csv.DictReader(io.StringIO(out)))) == every
    rc, out, _ = _run(capsys, "--format", "json")
    assert rc == 0 and len(json.loads(out)) == every
    rc, out, _ = _run(capsys, "--format", "csv", "--top", "4")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 4


def test_cli_entities_terminal_table_says_what_top_left_out(capsys, second_path):
    from partylines.analyses.entities import document_entity_table
    from partylines.text.pipeline import parse

    counts = document_entity_table(parse(second_path))["count"].tolist()
    every = len(counts)
    # the 20-row cut falls inside the entities named once, which begin in the upper half: all are left out
    kept = counts.index(1)
    assert 10 <= kept < 20 < every
    rc, out, _ = _run(capsys, str(second_path))
    lines = out.splitlines()
    assert rc == 0 and len(lines) == 1 + kept + 2
    assert lines[-2] == f"({every - kept} more with 1 each, not shown)"
    assert lines[-1] == f"... {every - kept} more rows; --top 0 for all"
    rc, out, _ = _run(capsys, str(second_path), "--top", "0")
    assert len(out.splitlines()) == 1 + every and "more row" not in out
