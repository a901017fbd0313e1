"""Every chart is byte-identical whatever Python's hash seed: set and dict order in a layout, a graph or a
tie can never reach a figure. Proved by drawing every chart of the notebooks in two processes with different
``PYTHONHASHSEED`` (nothing fixes the seed for the report's kernels, nor for ``make lab``): the document charts
on the two bundled documents, and the corpus, compare and formulation charts on a small corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import partylines as pl
from helpers import CORPUS_CHARTS, write_chart_corpus
from partylines.core import config

SCRIPT = """
import hashlib, json, sys
sys.path.insert(0, {tests!r})
import partylines as pl
from helpers import every_figure
from partylines.io.figures import figure_bytes
out = {{}}
for path in {paths!r}:
    for name, fig in every_figure(pl.parse(path)).items():
        out[f"{{path}}:{{name}}"] = hashlib.sha256(figure_bytes(fig, "svg")).hexdigest()
print(json.dumps(out))
"""

CORPUS_SCRIPT = """
import hashlib, json, sys
sys.path.insert(0, {tests!r})
import partylines as pl
from helpers import every_corpus_figure
from partylines.io.figures import figure_bytes
figures = every_corpus_figure(pl.read_corpus({folder!r}))
print(json.dumps({{name: hashlib.sha256(figure_bytes(fig, "svg")).hexdigest() for name, fig in figures.items()}}))
"""


def digests_under_two_seeds(script: str, **env: str) -> list[dict]:
    """What ``script`` prints last (JSON), run in two processes side by side under PYTHONHASHSEED 1 and 2."""
    runs = [subprocess.Popen([sys.executable, "-c", script], env={**os.environ, **env, "PYTHONHASHSEED": seed},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for seed in ("1", "2")]
    digests = []
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err[-2000:]
        digests.append(json.loads(out.strip().splitlines()[-1]))
    return digests


@pytest.mark.slow
def test_every_figure_is_the_same_whatever_the_hash_seed(tmp_path):
    paths = [str(config.DEFAULT_DOCUMENT), str(config.SECOND_DOCUMENT)]
    script = SCRIPT.format(tests=str(config.PROJ_ROOT / "tests"), paths=paths)
    digests = digests_under_two_seeds(script)
    assert len(digests[0]) == 2 * 23
    assert digests[0] == digests[1]


@pytest.mark.slow
def test_every_corpus_figure_is_the_same_whatever_the_hash_seed(tmp_path):
    folder = write_chart_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    with config.configured(cache_dir=cache):  # parsed once here: the two processes read the same counts
        report = pl.parse_corpus(pl.read_corpus(folder), processes=1, progress=False)
    assert report.documents == 7 and not report.bad
    script = CORPUS_SCRIPT.format(tests=str(config.PROJ_ROOT / "tests"), folder=str(folder))
    digests = digests_under_two_seeds(script, PARTYLINES_CACHE_DIR=str(cache))
    assert set(digests[0]) == CORPUS_CHARTS
    assert digests[0] == digests[1]
