"""partylines: read a political document closely and reproducibly.

One import gives a notebook everything: ``import partylines as pl``; ``doc = pl.parse(path)``; then the
``*_table(doc)`` analyses, the ``plot_*`` charts and ``pl.save_figure`` / ``pl.save_table``.

Names are imported on first use (PEP 562), so that ``import partylines`` stays cheap for the command line:
``partylines info`` on a cached document must not pay for pandas or matplotlib.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> module that defines it. Each analysis module adds its own names here.
_EXPORTS = {
    "Document": "documents",
    "read_document": "documents",
    "InputError": "errors",
    "PartylinesError": "errors",
    "UsageError": "errors",
    "doc_meta": "pipeline",
    "load_pipeline": "pipeline",
    "parse": "pipeline",
    "resolve_pipeline": "pipeline",
    "outline": "structure",
    "parts": "structure",
    "part_sizes": "structure",
    "outline_table": "structure",
    "section_ids": "structure",
    "section_labels": "structure",
    "sentence_section_ids": "structure",
    "sentence_table": "structure",
    "summary": "structure",
    "summary_table": "structure",
    "figure_path": "export",
    "output_dir": "export",
    "save_figure": "export",
    "save_table": "export",
    "plot_section_sizes": "plots",
    "plot_sentence_lengths": "plots",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'partylines' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
