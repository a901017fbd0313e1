"""Every command on the smallest documents there are: one word, one sentence, one paragraph. Each exits 0
with its table (possibly empty) in every format, or a sentence saying there is nothing to show."""

from __future__ import annotations

import json

import pytest

from helpers import run_cli as run
from partylines.core import config

TINY = {
    "one-word": "Peace\n",
    "one-sentence": "The Party will deepen exchanges with political parties of all countries.\n",
    "one-paragraph": "Mr. President, we meet again. The world changes fast, and peace and development remain the "
                     "themes of the times. We will work together.\n",
}
COMMANDS = ["outline", "terms", "keywords", "entities", "phrases", "collocations", "kwic", "quotes", "series",
            "claims", "points", "actors", "stats"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    for name, text in TINY.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with config.configured(cache_dir=folder / "cache"):
        yield folder


@pytest.mark.parametrize("name", sorted(TINY))
@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_on_tiny_documents(capsys, tiny, name, command):
    path = tiny / f"{name}.txt"
    for fmt in ("table", "csv", "json"):
        code, out, err = run(capsys, command, path, "--format", fmt)
        assert code == 0, f"{command} {fmt}: {err}"
        assert out.strip(), f"{command} {fmt} printed nothing"
        if fmt == "json":
            json.loads(out)
    code, out, err = run(capsys, "info", path)
    assert code == 0 and str(path.name) in out
