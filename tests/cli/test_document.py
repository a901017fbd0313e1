"""`partylines info` / `outline` and the command line's error handling: one line, no traceback, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import run_cli as run




def test_cli_info_on_article(capsys, article_doc):
    code, out, err = run(capsys, "info")
    assert code == 0, err
    facts = dict(line.split(None, 1) if "  " not in line else [p.strip() for p in line.split("  ", 1)] for line in out.splitlines())
    assert facts["encoding"] == "utf-8"
    assert facts["sections"] == "6" and facts["paragraphs"] == "20"
    assert facts["cache"] in ("hit", "miss")
    assert facts["pipeline"].startswith("en_core_web_sm")


def test_cli_outline_json_shape(capsys):
    code, out, _ = run(capsys, "outline", "--format", "json")
    data = json.loads(out)
    assert set(data) == {"title", "byline", "sections"}
    assert data["sections"][0]["heading"] is None
    assert [s["paragraphs"] for s in data["sections"]] == [1, 6, 4, 4, 4, 1]
    assert all(set(s) == {"heading", "paragraphs", "sentences", "tokens"} for s in data["sections"])


def test_cli_outline_markdown_file(capsys, tmp_path):
    path = tmp_path / "brief.md"
    path.write_text("# Brief\n\n## Background\n\nSome background text for readers.\n\n## Policy\n\nWhat to do next and why.\n")
    code, out, _ = run(capsys, "outline", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["title"] == "Brief"
    assert [s["heading"] for s in data["sections"]] == ["Background", "Policy"]


def test_cli_outline_csv(capsys):
    code, out, _ = run(capsys, "outline", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "section,label,kind,paragraphs,sentences,tokens"


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["info", "/no/such/file.txt"], 1, "/no/such/file.txt: no such file"),
        (["outline", "--format", "yaml"], 2, "yaml"),
        (["info", "--bogus"], 2, "No such option"),
        (["nonsense"], 2, "No such command"),
        (["info", "--pipeline", "no_such_pipeline"], 2, "not installed"),
    ],
)
def test_cli_errors_are_one_line(capsys, args, code, needle):
    got, out, err = run(capsys, *args)
    assert got == code
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"\x81\x8d\x90 bad bytes"])
def test_cli_bad_files_exit_1(capsys, tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = run(capsys, "info", str(path))
    assert code == 1 and str(path) in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_console_script_exit_codes(tmp_path):
    exe = [sys.executable, "-m", "partylines"]
    ok = subprocess.run([*exe, "outline", "--format", "csv"], capture_output=True, text=True)
    bad = subprocess.run([*exe, "info", str(tmp_path / "missing.txt")], capture_output=True, text=True)
    usage = subprocess.run([*exe, "terms-nope"], capture_output=True, text=True)
    assert (ok.returncode, bad.returncode, usage.returncode) == (0, 1, 2)
    assert "Traceback" not in bad.stderr + usage.stderr
