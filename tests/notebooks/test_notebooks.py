"""Every notebook executes headless, on the default article and on a second real document of another kind.

The notebooks are collected when the tests are collected, so a notebook added to ``notebooks/`` is tested
without touching this file. They run the way ``partylines report`` runs them (papermill, a fresh kernel each,
``DOCUMENT`` and ``OUT_DIR`` injected, ``OUT_DIR`` in a temporary folder), once per document for the whole
session (:func:`helpers.shared_reports`, one run for every pytest-xdist worker), and ``tests/report/`` reuses
these runs for its safety and reproducibility checks instead of running every notebook again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from partylines.core import config
from helpers import CELL_TIMEOUT, TINY, bundled_corpus, edge_reports, real_reports
from partylines.report import find_notebooks, read_manifest
from partylines.report.kernel import nbformat_module

NOTEBOOKS = find_notebooks(kind="document")
CORPUS_NOTEBOOKS = find_notebooks(kind="corpus")
DOCUMENTS = {"article": config.DEFAULT_DOCUMENT, "second": config.SECOND_DOCUMENT}


@pytest.fixture(scope="session")
def notebook_reports(tmp_path_factory) -> dict[str, Path]:
    return real_reports(tmp_path_factory)


def test_notebooks_found_and_numbered():
    assert NOTEBOOKS, "no notebooks found in notebooks/"
    assert all(p.stem[:2].isdigit() and p.stem[2] == "-" for p in NOTEBOOKS), "name notebooks NN-what-they-show"


ALL = NOTEBOOKS + CORPUS_NOTEBOOKS


def _reads(notebook) -> str:
    return "CORPUS" if notebook in CORPUS_NOTEBOOKS else "DOCUMENT"


@pytest.mark.parametrize("notebook", ALL, ids=[p.stem for p in ALL])
def test_notebooks_committed_without_outputs_with_parameters_cell(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))  # the file as committed (nbformat 4 is JSON)
    assert nb["nbformat"] == 4
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    assert all(not cell["outputs"] and cell["execution_count"] is None for cell in code), "commit notebooks without outputs"
    tagged = [cell for cell in code if "parameters" in cell["metadata"].get("tags", [])]
    assert len(tagged) == 1, "one cell tagged 'parameters' (papermill)"
    names = {line.split("=", 1)[0].strip() for line in "".join(tagged[0]["source"]).splitlines() if "=" in line}
    assert {_reads(notebook), "PIPELINE", "OUT_DIR", "STATIC"} <= names


@pytest.mark.parametrize("notebook", ALL, ids=[p.stem for p in ALL])
def test_notebooks_parameters_visible_to_papermill(notebook):
    """papermill must see the parameters (``papermill --help-notebook``; no "unknown parameter" warning).

    Its parser gives up on a line whose comment contains ``=``: write "None: the bundled article", not
    "None = the bundled article".
    """
    nbformat_module()  # nbformat as the report imports it (without rfc3987_syntax's 2-3 s)
    import papermill

    found = set(papermill.inspect_notebook(str(notebook)))
    assert {_reads(notebook), "PIPELINE", "OUT_DIR"} <= found


@pytest.mark.slow
@pytest.mark.parametrize("document", sorted(DOCUMENTS))
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_execute_headless(notebook_reports, notebook, document):
    folder = notebook_reports[document]
    manifest = read_manifest(folder / "manifest.json")
    entry = next(e for e in manifest["notebooks"] if e["name"] == notebook.name)
    assert entry["status"] == "ok", f"{notebook.name} on {document}: {entry.get('error')}"
    executed = json.loads((folder / "notebooks" / notebook.name).read_text(encoding="utf-8"))
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors
    made = [p for p in entry["outputs"] if p.startswith(("figures/", "tables/"))]
    assert made, f"{notebook.name} saved no figure or table with pl.save_figure / pl.save_table"
    assert all((folder / p).is_file() and (folder / p).stat().st_size > 0 for p in made)


@pytest.fixture(scope="session")
def tiny_reports(tmp_path_factory) -> dict[str, Path]:
    return edge_reports(tmp_path_factory)


@pytest.mark.slow
@pytest.mark.parametrize("document", sorted(TINY))
def test_notebooks_run_on_tiny_documents(tiny_reports, document):
    manifest = read_manifest(tiny_reports[document] / "manifest.json")
    failed = {e["name"]: e.get("error") for e in manifest["notebooks"] if e["status"] != "ok"}
    assert not failed, failed
    assert [e["name"] for e in manifest["notebooks"]] == [p.name for p in NOTEBOOKS]


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
