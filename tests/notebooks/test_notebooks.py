"""Every notebook executes headless, on the default article and on a second real document of another kind.

The notebooks are collected when the tests are collected, so a notebook added to ``notebooks/`` is tested
without touching this file. They run the way ``partylines report`` runs them (papermill, a fresh kernel each,
``DOCUMENT`` and ``OUT_DIR`` injected, ``OUT_DIR`` in a temporary folder), once per document for the whole
session (:func:`helpers.shared_reports`, one run for every pytest-xdist worker), and ``tests/report/`` reuses
these runs for its safety and reproducibility checks instead of running every notebook again. The runs on tiny
documents (``test_tiny_notebooks.py``) and the corpus notebooks (``test_corpus_notebooks.py``) are files of
their own, so that pytest-xdist, which gives whole files to a worker, runs them beside these.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partylines.core import config
from helpers import real_reports
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
