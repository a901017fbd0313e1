"""`partylines claims`, `points`, `actors` and `stats`: formats, columns, options and one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers import run_cli as run




def test_cli_claims_csv_columns_exactly(capsys, article_doc):
    code, out, err = run(capsys, "claims", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["value", "qualifier", "unit", "time_frame", "sentence", "section", "text"]
    assert rows[0]["value"] == "400" and rows[0]["qualifier"] == "more than"
    assert rows[0]["unit"] == "political parties and organizations"
    assert len(rows) == 8


def test_cli_claims_table_and_json(capsys, second_path):
    code, out, _ = run(capsys, "claims", str(second_path), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data[0]["value"] == 130_000_000 and data[0]["unit"] == "Americans"
    code, out, _ = run(capsys, "claims")
    assert code == 0 and "as many as over" in out and "10,000" in out


def test_cli_points(capsys):
    code, out, _ = run(capsys, "points", "--format", "json")
    data = json.loads(out)
    assert code == 0 and [p["marker"] for p in data] == ["One,", "Two,", "Three,", "Four,", "Five,"]


def test_cli_actors_top(capsys):
    code, out, _ = run(capsys, "actors", "--top", "1", "--format", "json")
    data = json.loads(out)
    assert code == 0 and {row["actor"] for row in data} == {"Communist Party of China"}
    code, out, _ = run(capsys, "actors", "--triples", "--top", "3", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("subject,verb,object,sentence,section,entity")
    assert len(out.splitlines()) == 4


def test_cli_stats(capsys):
    code, out, _ = run(capsys, "stats", "--by-section", "--format", "json")
    data = json.loads(out)
    assert code == 0 and [row["section"] for row in data] == [0, 1, 2, 3, 4, 5]
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "flesch_kincaid_grade" in out and "(whole document)" in out


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["actors", "--top", "0"], 2),
        (["claims", "--format", "xml"], 2),
        (["stats", "--by-sections"], 2),
        (["claims", "/no/such/file.txt"], 1),
    ],
)
def test_cli_claims_errors_are_one_line(capsys, args, exit_code):
    code, out, err = run(capsys, *args)
    assert code == exit_code
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("partylines: error:")


def test_cli_actors_top_is_checked_by_the_shared_validator(capsys):
    code, _, err = run(capsys, "actors", "--top", "0")
    assert code == 2 and err == "partylines: error: --top must be 1 or more (got 0)\n"
