"""Every file a command reads (the document, a reference, stopword, lemma, alias and dictionary files, a
corpus's metadata.csv and its texts) is checked to be a regular file before it is opened: a pipe or a device
gives one line and exit 1 at once, instead of a hang or a read without end."""

from __future__ import annotations

import os
import signal

import pytest

from helpers import run_cli as run
from helpers import write_small_corpus


@pytest.fixture
def within_30_seconds():
    """Fail a test that hangs (reading a pipe nobody writes blocks for ever) instead of hanging the suite."""
    def too_long(signum, frame):
        raise AssertionError("the command hung")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(params=["fifo", "/dev/zero", "/dev/urandom"])
def special(request, tmp_path):
    if request.param == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
        return str(path)
    return request.param


@pytest.mark.parametrize("args", [
    ["info", "{}"],
    ["terms", "--stopwords", "{}"],
    ["terms", "--lemmas", "{}"],
    ["keywords", "--reference", "{}"],
    ["entities", "--aliases", "{}"],
])
def test_cli_special_file_refused_at_once(capsys, within_30_seconds, special, args, article_doc):
    code, out, err = run(capsys, *[a.replace("{}", special) for a in args])
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"{special}: is not a regular file" in err and "save the text to a file" in err


def test_cli_special_file_in_a_corpus_refused_at_once(capsys, within_30_seconds, tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus")
    code, _, err = run(capsys, "formulations", str(corpus), "--dictionary", "/dev/zero")
    assert code == 1 and "formulation dictionary /dev/zero: is not a regular file" in err
    (corpus / "metadata.csv").unlink()
    os.mkfifo(corpus / "metadata.csv")
    code, _, err = run(capsys, "corpus", "info", str(corpus))
    assert code == 1 and err.count("\n") == 1 and "metadata.csv: is not a regular file" in err
