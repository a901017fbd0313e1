"""Fixtures shared by every test: the parsed default article (once per session), the loaded pipeline, and a
factory for small hand-built ``Doc`` objects whose expected values can be read off the test itself.

Helpers that tests import (not fixtures) live in ``tests/helpers.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

import partylines as pl
from helpers import FARM_TEXT
from partylines.core import config

ROOT = config.PROJ_ROOT

#: The files that take minutes (they run the real notebooks, a browser or parse the bundled corpus), longest
#: first as measured with ``pytest --durations=0``; they start before every other file.
LONGEST_FIRST = (
    "tests/notebooks/test_notebooks.py",
    "tests/notebooks/test_corpus_notebooks.py",
    "tests/test_browser.py",
    "tests/report/test_report.py",
    "tests/notebooks/test_tiny_notebooks.py",
    "tests/report/test_corpus_defaults.py",
)
#: The marks of the tests that start kernels or many parses: seconds, where most tests take milliseconds.
HEAVY_MARKS = ("slow", "kernel")


def pytest_collection_modifyitems(session, config, items):
    """Run the longest files first, then the others by their number of slow and kernel tests (each file keeps
    its own order).

    ``make test`` gives whole files to its pytest-xdist workers (``--dist loadfile --no-loadscope-reorder``)
    in this order: the long files start at once, side by side, and the many quick ones fill the gaps after
    them, instead of a long file starting last while the other workers have nothing left to do."""

    def file_of(item) -> str:
        return item.nodeid.split("::")[0]

    heavy: dict[str, int] = {}
    for item in items:
        marked = any(item.get_closest_marker(mark) for mark in HEAVY_MARKS)
        heavy[file_of(item)] = heavy.get(file_of(item), 0) + marked
    first = {file: place for place, file in enumerate(LONGEST_FIRST)}
    order = sorted(heavy, key=lambda file: (first.get(file, len(first)), -heavy[file]))
    rank = {file: place for place, file in enumerate(order)}
    items.sort(key=lambda item: rank[file_of(item)])


@pytest.fixture(scope="session")
def article_path() -> Path:
    return config.DEFAULT_DOCUMENT


@pytest.fixture(scope="session")
def article_doc(article_path) -> Doc:
    """The default article, parsed once for the whole session."""
    return pl.parse(article_path)


@pytest.fixture(scope="session")
def second_path() -> Path:
    return config.SECOND_DOCUMENT


@pytest.fixture(scope="session")
def second_doc(second_path) -> Doc:
    """The second bundled document (a speech of another country), parsed once."""
    return pl.parse(second_path)


@pytest.fixture(scope="session")
def farm_doc(tmp_path_factory):
    """:data:`FARM_TEXT` parsed with the real pipeline (its own cache folder)."""
    folder = tmp_path_factory.mktemp("farm")
    path = folder / "farm.txt"
    path.write_text(FARM_TEXT)
    with config.configured(cache_dir=folder / "cache"):
        return pl.parse(path)


@pytest.fixture(scope="session")
def nlp():
    return pl.load_pipeline()


@pytest.fixture(scope="session")
def blank_vocab():
    return spacy.blank("en").vocab


@pytest.fixture
def make_doc(blank_vocab):
    """Build a ``Doc`` by hand.

    ``make_doc(words, pos=..., lemmas=..., tags=..., ents=["B-ORG", "I-ORG", "O", ...], sent_starts=[...],
    heads=..., deps=..., sections=[(start, end, label), ...], slug="hand")``. Words are separated by a space
    unless ``spaces`` says otherwise. ``sections`` become ``doc.spans["sections"]`` and the metadata labels,
    just as :func:`partylines.parse` leaves them.
    """

    def build(words, *, spaces=None, pos=None, lemmas=None, tags=None, ents=None, sent_starts=None,
              heads=None, deps=None, sections=None, slug="hand"):
        if lemmas is None:
            lemmas = [w.lower() for w in words]
        doc = Doc(blank_vocab, words=list(words), spaces=spaces, pos=pos, lemmas=lemmas, tags=tags, ents=ents,
                  sent_starts=sent_starts, heads=heads, deps=deps)
        spans = sections or [(0, len(doc), "(document)")]
        doc.spans["sections"] = [Span(doc, s, e, label="SECTION") for s, e, _ in spans]
        doc.user_data["partylines"] = {
            "slug": slug,
            "path": f"{slug}.txt",
            "title": None,
            "byline": None,
            "pipeline": "hand",
            "pipeline_version": "0",
            "sections": [
                {"index": i, "heading": label, "kind": "heading", "label": label} for i, (_, _, label) in enumerate(spans)
            ],
        }
        return doc

    return build
