"""Every chart is byte-identical whatever Python's hash seed: set and dict order in a layout, a graph or a
tie can never reach a figure. Proved by drawing every chart of the notebooks in two processes with different
``PYTHONHASHSEED`` (nothing fixes the seed for the report's kernels, nor for ``make lab``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from partylines.core import config

SCRIPT = """
import hashlib, json, sys
sys.path.insert(0, {tests!r})
import partylines as pl
from helpers import every_figure
from partylines.io.export import figure_bytes
out = {{}}
for path in {paths!r}:
    for name, fig in every_figure(pl.parse(path)).items():
        out[f"{{path}}:{{name}}"] = hashlib.sha256(figure_bytes(fig, "svg")).hexdigest()
print(json.dumps(out))
"""


@pytest.mark.slow
def test_every_figure_is_the_same_whatever_the_hash_seed(tmp_path):
    paths = [str(config.DEFAULT_DOCUMENT), str(config.SECOND_DOCUMENT)]
    script = SCRIPT.format(tests=str(config.PROJ_ROOT / "tests"), paths=paths)
    runs = [subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for seed in ("1", "2")]
    digests = []
    for run in runs:  # the two processes draw side by side
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err[-2000:]
        digests.append(json.loads(out.strip().splitlines()[-1]))
    assert len(digests[0]) == 2 * 23
    assert digests[0] == digests[1]
