"""Every document notebook still runs on documents at the edge: one word, one sentence, one paragraph, and a
document that tries to get markup into the pages (made once per session by :func:`helpers.edge_reports`, shared
with ``tests/report/``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import TINY, edge_reports
from partylines.report import find_notebooks, read_manifest

NOTEBOOKS = find_notebooks(kind="document")


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
