"""partylines: read a political document closely and reproducibly.

One import gives a notebook everything: ``import partylines as pl``; ``pl.use_notebook()``;
``doc = pl.parse(path)``; then the ``*_table(doc)`` analyses, the ``plot_*`` charts and ``pl.save_figure`` /
``pl.save_table``.

The package is built in layers, and imports point down only (a test enforces it)::

    core        settings and paths, errors, choices, atomic files
    text        documents, pipeline (parse cache), structure, words, parts, matching, lemmas
    analyses    Doc -> table: frequencies, keyness, phrases, entities, claims, ...
    corpus      many documents (reading) -> per-document counts (Parquet) -> corpus tables
    plots, io   table -> Figure; Figure/table -> files and pages
    faces       cli, report, explorers (nothing imports them)

The public names are those in the ``__all__`` of the modules listed in :data:`MODULES`, each name defined
once (no aliases). They are imported on first use (PEP 562): the ``__all__`` lists are read from the modules'
source, not by importing them, so that ``import partylines`` stays cheap for the command line (``partylines
info`` on a cached document must not pay for pandas or matplotlib) and has no side effects.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

from .core.config import VERSION

__version__ = VERSION

#: The modules whose ``__all__`` make the public API, layer by layer.
MODULES = (
    "core.config", "core.errors",
    "text.documents", "text.lemmas", "text.matching", "text.numbers", "text.parts", "text.pipeline",
    "text.structure", "text.terms",
    "analyses.actors", "analyses.claims", "analyses.collocations", "analyses.concordance",
    "analyses.entities.aliases", "analyses.entities.ruler", "analyses.entities.tables", "analyses.formulations",
    "analyses.frequencies", "analyses.keyness", "analyses.outline", "analyses.phrases", "analyses.points",
    "analyses.quotes", "analyses.ranking", "analyses.textstats",
    "corpus.compare", "corpus.concordance", "corpus.defaults", "corpus.formulations", "corpus.items", "corpus.parsing",
    "corpus.reading", "corpus.tables", "corpus.trends",
    "plots.claims", "plots.compare", "plots.corpus", "plots.entities", "plots.formulations", "plots.interactive",
    "plots.outline", "plots.phrases", "plots.terms",
    "io.background", "io.export", "io.html",
    "cli.formatting",
    "explorers.concordance", "explorers.entities", "explorers.notebook", "explorers.terms",
)

#: ``__all__ = [...]`` (or a tuple) at the start of a line of a module's source.
_ALL = re.compile(r"^__all__\s*=\s*(\[[^\]]*\]|\([^)]*\))", re.MULTILINE)
_exports: dict[str, str] = {}


def declared_names(module: str) -> list[str]:
    """The names in a module's ``__all__``, read from its source (the module is not imported).

    Raises:
        ImportError: The module declares no literal ``__all__``.
    """
    path = Path(__file__).parent.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found = _ALL.search(path.read_text(encoding="utf-8"))
    if found is None:
        raise ImportError(f"partylines.{module} declares no __all__ list: every module of MODULES needs one")
    return list(ast.literal_eval(found.group(1)))


def _public() -> dict[str, str]:
    """Public name -> the module of :data:`MODULES` that defines it (read once)."""
    if not _exports:
        for module in MODULES:
            for name in declared_names(module):
                if _exports.setdefault(name, module) != module:
                    raise ImportError(f"{name} is in the __all__ of both partylines.{_exports[name]} and "
                                      f"partylines.{module}: a public name has one home")
    return _exports


def __getattr__(name: str):
    if name == "__all__":
        return sorted(_public())
    if name in _public():
        value = getattr(importlib.import_module(f".{_public()[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'partylines' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_public()))
