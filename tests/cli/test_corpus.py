"""``partylines corpus``: info, documents and terms on the bundled corpus (a few recent years), checked against
the metadata and a count over the raw files; filters and one-line errors with their exit codes."""

from __future__ import annotations

import pytest

import csv
import io
import json
import re

import pandas as pd

from helpers import run_cli as run
from partylines.corpus.reading import DEFAULT_CORPUS

RECENT = ["--where", "year>=2023", "--no-progress"]


def frame(out: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(out), keep_default_na=False)


def raw_text(file: str) -> str:
    return (DEFAULT_CORPUS / file).read_text(encoding="utf-8-sig")


def test_cli_corpus_info(capsys):
    code, out, err = run(capsys, "corpus", "info")
    assert code == 0 and err == ""
    lines = dict(line.split(None, 1) for line in out.strip().splitlines())
    assert lines["documents"] == "108" and lines["years"] == "1971-2024"
    assert lines["columns"].startswith("country: CHN, USA;")
    code, out, _ = run(capsys, "corpus", "info", "--where", "country=USA", "-f", "json")
    summary = json.loads(out)
    assert summary["documents"] == 54 and summary["filters"] == "country=USA"


@pytest.mark.slow
def test_cli_corpus_documents_and_terms_match_the_files(capsys):
    code, out, err = run(capsys, "corpus", "documents", *RECENT, "-f", "csv")
    documents = frame(out)
    with open(DEFAULT_CORPUS / "metadata.csv", encoding="utf-8", newline="") as handle:
        recent = [r for r in csv.DictReader(handle) if int(r["year"]) >= 2023]
    assert code == 0, err
    assert sorted(documents["id"]) == sorted(r["file"][:-4] for r in recent)
    assert set(documents["speaker"]) == {r["speaker"] for r in recent}
    code, out, err = run(capsys, "corpus", "terms", *RECENT, "--by", "lower", "--top", "400", "-f", "csv")
    terms = frame(out).set_index("term")
    assert code == 0, err
    texts = [raw_text(r["file"]) for r in recent]
    for word in ("peace", "climate", "development", "war"):
        counts = [len(re.findall(rf"(?<![\w-]){word}(?![\w-])", t, re.IGNORECASE)) for t in texts]
        assert terms.loc[word, "count"] == sum(counts), word
        assert terms.loc[word, "units"] == sum(1 for c in counts if c), word


@pytest.mark.slow
def test_cli_corpus_terms_by_group_and_formats(capsys):
    code, out, _ = run(capsys, "corpus", "terms", *RECENT, "--group", "country", "--top", "3", "-f", "json")
    records = json.loads(out)
    assert code == 0 and len(records) == 6
    assert [r["country"] for r in records] == ["CHN"] * 3 + ["USA"] * 3
    code, out, _ = run(capsys, "corpus", "terms", *RECENT, "--top", "5")
    lines = out.splitlines()
    assert code == 0 and re.match(r"ungd-china-usa: 4 documents, [\d,]+ words; counted by lemma", lines[0])
    assert lines[2].split() == ["term", "count", "per_10k", "units", "range", "dp", "dp_norm", "pos"]
    assert len(lines) == 9
    code, out, _ = run(capsys, "corpus", "terms", *RECENT, "-f", "csv")  # every term: no --top, no cut
    assert lines[-1] == f"... {len(pd.read_csv(io.StringIO(out))) - 5:,} more rows; --top 0 for all"


def test_cli_corpus_errors_are_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "corpus", "terms", "--where", "colour=red")
    assert code == 2 and "no column 'colour'" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "corpus", "info", tmp_path / "nothing")
    assert code == 1 and "nothing: no such folder or file" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "corpus", "terms", *RECENT, "--group", "colour")
    assert code == 2 and "group 'colour' is not a metadata column" in err
    code, _, err = run(capsys, "corpus", "parse", "--processes", "0")
    assert code == 2 and "--processes" in err


def test_cli_corpus_errors_name_the_flags(capsys, tmp_path):
    code, _, err = run(capsys, "corpus", "terms", "--where", "colour=red")
    assert code == 2 and err.startswith("partylines: error: --where 'colour=red': the corpus has no column 'colour'")
    code, _, err = run(capsys, "corpus", "parse", "--processes", "0")
    assert code == 2 and err == "partylines: error: --processes must be 1 or more (got 0)\n"
    table = tmp_path / "notes.csv"
    table.write_text("id,words\n1,peace\n", encoding="utf-8")
    code, _, err = run(capsys, "corpus", "info", table)
    assert code == 1 and err.rstrip().endswith("has no text column (text, content, body); name it with --text-column")
    code, _, err = run(capsys, "corpus", "info", table, "--text-column", "body")
    assert code == 2 and err.startswith("partylines: error: --text-column 'body': ")


def test_cli_info_of_a_folder_is_corpus_info_with_the_documents_sizes(capsys, tmp_path):
    # One `info` for a file and a folder: on a folder it is `corpus info`, and once the corpus is parsed its
    # words are those of a count over the raw texts (the same name and rule as a document's).
    from helpers import SMALL_CORPUS, write_small_corpus
    from partylines.core import config
    from partylines.corpus.parsing import parse_corpus
    from partylines.corpus.reading import read_corpus

    folder = write_small_corpus(tmp_path / "small")
    with config.configured(cache_dir=tmp_path / "cache"):
        _, before, _ = run(capsys, "info", folder, "-f", "json")
        parse_corpus(read_corpus(folder), processes=1, progress=False)
        code, out, err = run(capsys, "info", folder, "-f", "json")
        _, same, _ = run(capsys, "corpus", "info", folder, "-f", "json")
        _, lines, _ = run(capsys, "info", folder)
    assert code == 0 and err == "" and out == same
    facts, unparsed = json.loads(out), json.loads(before)
    assert facts["documents"] == len(SMALL_CORPUS) and facts["counted"] == f"{len(SMALL_CORPUS)} of {len(SMALL_CORPUS)} documents"
    assert facts["words"] == sum(len(re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", t)) for t in SMALL_CORPUS.values())
    assert unparsed["words"] is None and unparsed["counted"] == f"0 of {len(SMALL_CORPUS)} documents"
    assert re.search(r"^words +[\d,]+$", lines, flags=re.MULTILINE)
