"""Parsing a corpus: interrupted with kill -9 and run again it resumes, a bad file among good ones is named and
the others are parsed, and the command line says so with its exit code."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from helpers import SMALL_CORPUS, run_cli, write_small_corpus
from partylines.core import config
from partylines.corpus.parsing import parse_corpus
from partylines.corpus.store import KINDS, counts_dir
from partylines.corpus.tables import term_table, stored_counts
from partylines.corpus.reading import read_corpus

RESUME_WHERE = ("year>=2015", "year<=2020")


@pytest.mark.slow
def test_killed_run_resumes_without_parsing_again(tmp_path):
    cache = tmp_path / "cache"
    script = textwrap.dedent(f"""
        from partylines.core import config
        from partylines.corpus.parsing import parse_corpus
        from partylines.corpus.reading import read_corpus
        with config.configured(cache_dir={str(cache)!r}):
            parse_corpus(read_corpus().where(*{RESUME_WHERE!r}), processes=1, progress=False)
    """)
    child = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(cache.glob("counts/*/*/facts.parquet"))) < 2:
        time.sleep(0.05)
        assert child.poll() is None, "the run ended before it could be interrupted"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    done_before = len(list(cache.glob("counts/*/*/facts.parquet")))
    corpus = read_corpus().where(*RESUME_WHERE)
    assert 2 <= done_before < len(corpus)
    with config.configured(cache_dir=cache):
        report = parse_corpus(corpus, processes=2, progress=False)
        stored = stored_counts(corpus, parse=False)
    assert report.stored == len(corpus) - done_before
    assert report.parsed <= len(corpus) - done_before + 1  # at most the document being written was lost
    assert len(stored.keys) == len(corpus)
    for folder in (cache / "counts").glob("*/*"):
        assert all((folder / f"{kind}.parquet").is_file() for kind in KINDS), folder


@pytest.fixture
def with_bad_files(tmp_path):
    folder = write_small_corpus(tmp_path / "corpus")
    (folder / "texts" / "empty.txt").write_text("", encoding="utf-8")
    (folder / "texts" / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    with open(folder / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("texts/empty.txt,east,2004,Nobody\ntexts/binary.txt,east,2005,Nobody\n"
                     "texts/gone.txt,east,2006,Nobody\n")
    with config.configured(cache_dir=tmp_path / "cache"):
        yield folder


def test_bad_files_are_named_and_the_rest_is_parsed(with_bad_files):
    corpus = read_corpus(with_bad_files)
    report = parse_corpus(corpus, processes=1, progress=False)
    reasons = dict(report.bad)
    assert set(reasons) == {"texts/empty", "texts/binary", "texts/gone"}
    assert "empty.txt: is empty" in reasons["texts/empty"]
    assert "binary.txt: looks like a binary file" in reasons["texts/binary"]
    assert "gone.txt: no such file" in reasons["texts/gone"]
    assert report.parsed == len(SMALL_CORPUS)
    table = term_table(corpus)
    assert table.attrs["documents"] == len(SMALL_CORPUS)
    assert not list(counts_dir().glob("**/.partylines-tmp-*"))


def test_cli_exits_1_for_bad_files_unless_skipped(capsys, with_bad_files):
    code, out, err = run_cli(capsys, "corpus", "parse", with_bad_files, "--processes", "1", "--no-progress")
    assert code == 1
    assert "6 of 9 documents ready; parsed 6, counted 6" in out
    lines = err.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("partylines: ") for line in lines)
    assert "3 document(s) could not be read and were left out (--skip-bad to exit 0)" in lines[-1]
    code, out, err = run_cli(capsys, "corpus", "terms", with_bad_files, "--skip-bad", "-f", "csv", "--no-progress")
    assert code == 0 and out.startswith("term,count,per_10k,units,range,dp,dp_norm,pos\n")
    assert "could not be read" in err


@pytest.mark.parametrize("static", [False, True])
def test_progress_bar_only_outside_static_mode(tmp_path, capsys, static):
    # a report's notebook (static mode) keeps no progress widget: it would stay at "0/N" in the rendering
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(f"Peace and development, said speaker {name}.\n", encoding="utf-8")
    with config.configured(cache_dir=tmp_path / "cache", static=static):
        report = parse_corpus(read_corpus(folder), processes=1, progress=True)
    assert report.parsed == 2
    assert ("parsing" in capsys.readouterr().err) is not static
