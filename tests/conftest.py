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
