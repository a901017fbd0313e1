"""Where a report may go: only a partylines report is ever replaced, nothing goes inside data/raw/, and swaps
finishing at the same moment do not trip over each other. No kernel is started: the checks come before any
notebook runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from partylines.cli import main
from partylines.core import config
from partylines.report.staging import swap_in

SPEECH = "We will work for peace and development with every party.\n\nThe Party will keep its promises.\n"


def cli(args: list, capsys) -> tuple[int, str, str]:
    rc = main([str(a) for a in args])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def fake_report(folder: Path, marker: str = "old") -> Path:
    """A folder shaped as a partylines report (a manifest saying so), with one output."""
    (folder / "tables").mkdir(parents=True)
    (folder / "tables" / "terms.csv").write_text(marker, encoding="utf-8")
    manifest = {"manifest_version": 2, "document": {"slug": folder.name}, "outputs": {"tables/terms.csv": "x"},
                "versions": {"partylines": config.VERSION}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def notes(tmp_path) -> Path:
    document = tmp_path / "notes.txt"
    document.write_text(SPEECH, encoding="utf-8")
    return document


def test_report_does_not_replace_a_folder_of_the_users(tmp_path, notes, capsys):
    out = tmp_path / "out"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "diary.txt").write_text("mine", encoding="utf-8")
    rc, _, err = cli(["report", notes, "--out", out], capsys)
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert f"{out / 'notes'}: exists and is not a partylines report" in err
    assert (out / "notes" / "diary.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["notes"]


def test_report_does_not_replace_a_file_or_a_link(tmp_path, notes, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes").write_text("a file", encoding="utf-8")
    rc, _, err = cli(["report", notes, "--out", out], capsys)
    assert rc == 2 and "is not a partylines report" in err
    (out / "notes").unlink()
    report = fake_report(tmp_path / "elsewhere" / "notes")
    (out / "notes").symlink_to(report)
    rc, _, err = cli(["report", notes, "--out", out], capsys)
    assert rc == 2 and "is not a partylines report" in err
    assert (report / "tables" / "terms.csv").read_text(encoding="utf-8") == "old"


def test_report_out_dot_guards_the_working_folder(tmp_path, notes, capsys, monkeypatch):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.md").write_text("keep", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc, _, err = cli(["report", "notes.txt", "--out", "."], capsys)
    assert rc == 2 and "notes: exists and is not a partylines report" in err
    assert (tmp_path / "notes" / "todo.md").read_text(encoding="utf-8") == "keep"


def test_report_out_empty_is_refused(tmp_path, notes, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, _, err = cli(["report", notes, "--out", ""], capsys)
    assert rc == 2 and err == "partylines: error: --out is empty; give a folder for the reports (default: reports/)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("inside", ["", "reports", "a/b"])
def test_report_out_inside_raw_is_refused(notes, capsys, inside):
    out = config.RAW_DIR / inside if inside else config.RAW_DIR
    before = sorted(p.name for p in config.RAW_DIR.iterdir())
    rc, _, err = cli(["report", notes, "--out", out], capsys)
    assert rc == 2 and err.count("\n") == 1 and "inside data/raw/" in err
    assert sorted(p.name for p in config.RAW_DIR.iterdir()) == before


def test_swap_replaces_a_report(tmp_path):
    from partylines.report.run import check_replaceable

    target = fake_report(tmp_path / "speech", "old")
    new = fake_report(tmp_path / ".staging" / "speech", "new")
    swap_in(new, target, check=check_replaceable)
    assert (target / "tables" / "terms.csv").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".partylines")) == [".staging", "speech"]


SWAPPER = """
import sys, time
from pathlib import Path
from partylines.report.staging import swap_in
root, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
stages = []
for i in range(count):
    stages.append(root / f"stage-{tag}-{i}")
    (stages[-1] / "tables").mkdir(parents=True)
    (stages[-1] / "tables" / "terms.csv").write_text(f"{tag}-{i}")
(root / f"ready-{tag}").touch()
while not (root / "go").exists():
    time.sleep(0.001)
for new in stages:
    swap_in(new, root / "speech")
"""


def test_swap_concurrent_processes_and_threads(tmp_path):
    """200 swaps into one folder at once (4 processes and 4 threads, 25 each, all starting together): none
    fails, a whole report stands at the end, nothing is left aside."""
    procs = [subprocess.Popen([sys.executable, "-c", SWAPPER, str(tmp_path), f"p{k}", "25"],
                              stderr=subprocess.PIPE, text=True) for k in range(4)]
    stages = {}
    for k in range(4):
        stages[k] = []
        for i in range(25):
            stages[k].append(tmp_path / f"stage-t{k}-{i}")
            (stages[k][-1] / "tables").mkdir(parents=True)
            (stages[k][-1] / "tables" / "terms.csv").write_text(f"t{k}-{i}")
    errors = []
    go = threading.Event()

    def threaded(k: int) -> None:
        go.wait()
        try:
            for new in stages[k]:
                swap_in(new, tmp_path / "speech")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=threaded, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    while len(list(tmp_path.glob("ready-*"))) < 4 and all(proc.poll() is None for proc in procs):
        time.sleep(0.01)
    (tmp_path / "go").touch()
    go.set()
    for thread in threads:
        thread.join()
    failures = [proc.communicate()[1] for proc in procs if proc.wait() != 0]
    assert not errors and not failures, (errors[:1], failures[:1])
    assert (tmp_path / "speech" / "tables" / "terms.csv").read_text().endswith("-24")
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(("ready-", "go", ".partylines-lock")))
    assert left == ["speech"]
    assert os.listdir(tmp_path / "speech") == ["tables"]
