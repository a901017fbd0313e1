"""How a command ends when its reader goes away (``| head``) or the user presses Ctrl-C: quietly with exit 0,
and with one line and exit 130."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from helpers import run_cli as run

RUN = "import sys; from partylines.cli import run; sys.argv[0] = 'partylines'; run()"


@pytest.mark.parametrize("args", [["kwic", "party", "--format", "table"], ["kwic", "party", "--format", "csv"],
                                  ["kwic", "party", "--format", "json"], ["terms"], ["outline"], ["info"]])
@pytest.mark.slow
def test_cli_closed_pipe_ends_quietly_with_exit_0(args, article_doc):
    # the reading end is closed before the command writes anything: its first write meets a closed pipe
    proc = subprocess.Popen([sys.executable, "-c", RUN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 0 and err == ""


def test_cli_ctrl_c_is_one_line_and_exit_130(capsys, monkeypatch):
    import partylines.cli.common as common

    def pressed(*args, **kwargs):
        signal.raise_signal(signal.SIGINT)  # what the terminal sends on Ctrl-C

    monkeypatch.setattr(common, "load", pressed)  # the document's parse, as every command reads it
    code, out, err = run(capsys, "terms")
    assert (code, out, err) == (130, "", "partylines: interrupted\n")


def test_cli_ctrl_c_while_starting(tmp_path):
    # Ctrl-C before any command runs (while the libraries load) is worded the same way, with no traceback
    code = ("import signal, sys; import partylines.cli as cli; "
            "cli.main = lambda: signal.raise_signal(signal.SIGINT); cli.run()")
    # started as from a terminal: a test runner's process may ignore SIGINT, and a child inherits that
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert (done.returncode, done.stderr) == (130, "partylines: interrupted\n")
