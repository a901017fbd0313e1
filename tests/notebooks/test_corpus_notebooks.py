"""Every corpus notebook executes headless, on the small test corpus and on recent years of the bundled one.

Apart from the document notebooks (``test_notebooks.py``) so that pytest-xdist, which gives whole files to a
worker, runs the two sets side by side."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import CELL_TIMEOUT, bundled_corpus
from partylines.report import find_notebooks

CORPUS_NOTEBOOKS = find_notebooks(kind="corpus")


@pytest.fixture(scope="session")
def corpus_runs(tmp_path_factory) -> dict[str, Path]:
    """Every corpus notebook executed headless on the small test corpus and on recent years of the bundled
    one (parsed once for the session: :func:`helpers.bundled_corpus`), as ``partylines report`` runs notebooks."""
    import papermill

    from helpers import write_small_corpus
    from partylines.report.kernel import KeptKernel, kernel_name

    bundled_corpus(tmp_path_factory)  # the recent years' runs then read the session's parse of the corpus
    root = tmp_path_factory.mktemp("corpus-notebooks")
    small = write_small_corpus(root / "small")
    runs = {}
    kept = KeptKernel(root / "kernel.log", dict(os.environ), kernel_name())
    sides = {"SIDE_A": ["country=north"], "SIDE_B": ["country=south"], "FIRST": ["year<=2001"],
             "SECOND": ["year>=2003"], "ALONGSIDE": ["country=south"], "DISTINCTIVE": "texts/north-2002",
             "FIRST_PERIOD": [2001, 2001], "SECOND_PERIOD": [2003, 2003]}
    recent = {"FIRST": ["country=CHN", "year<=2020"], "SECOND": ["country=CHN", "year>=2022"],
              "ALONGSIDE": ["country=CHN"], "DISTINCTIVE": "texts/CHN_74_2019",
              "FIRST_PERIOD": [2019, 2020], "SECOND_PERIOD": [2022, 2024]}
    for name, parameters in {"small": {"CORPUS": str(small), "GROUP": "country", "TERM": "peace", **sides},
                             "bundled": {"WHERE": ["year>=2019"], "PROCESSES": 2, **recent}}.items():
        out = root / f"run-{name}"
        out.mkdir()
        for notebook in CORPUS_NOTEBOOKS:  # one kernel runs them all, as a report does (KeptKernel)
            papermill.execute_notebook(str(notebook), str(out / notebook.name), kernel_name=kept.kernel,
                                       parameters={**parameters, "OUT_DIR": str(out / "reports"), "STATIC": True},
                                       progress_bar=False, execution_timeout=CELL_TIMEOUT, km=kept.fresh(out))
        runs[name] = out
    kept.close()
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("run", ["small", "bundled"])
@pytest.mark.parametrize("notebook", CORPUS_NOTEBOOKS, ids=[p.stem for p in CORPUS_NOTEBOOKS])
def test_corpus_notebooks_execute_headless(corpus_runs, run, notebook):
    folder = corpus_runs[run]
    executed = json.loads((folder / notebook.name).read_text(encoding="utf-8"))
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors
    made = [p for p in (folder / "reports").rglob("*") if p.is_file()]
    assert any(p.suffix == ".png" for p in made) and any(p.suffix == ".csv" for p in made)
    assert all(p.stat().st_size > 0 for p in made)
