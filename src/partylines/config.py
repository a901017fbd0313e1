"""Where partylines finds its inputs and puts its outputs.

This is the one place that knows paths. Everything is relative to the project root (the folder holding
``pyproject.toml``), never to the current working directory, so a notebook started from ``notebooks/`` and a
command run from anywhere agree. Three environment variables move the writable folders:
``PARTYLINES_CACHE_DIR`` (parse cache), ``PARTYLINES_REPORTS_DIR`` (figures, tables, reports) and
``PARTYLINES_MODEL`` (the spaCy pipeline to use, read by :mod:`partylines.pipeline`).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"

DEFAULT_DOCUMENT = RAW_DIR / "wang-jiarui-2007-party-diplomacy.txt"
SECOND_DOCUMENT = RAW_DIR / "roosevelt-1941-four-freedoms.txt"

#: Largest input file partylines reads (bytes). Larger files are refused with a message saying how to split them.
MAX_INPUT_BYTES = int(os.environ.get("PARTYLINES_MAX_BYTES", 50 * 1024 * 1024))


def cache_dir() -> Path:
    """Folder of the parse cache (``PARTYLINES_CACHE_DIR`` or ``data/processed/cache``)."""
    return Path(os.environ.get("PARTYLINES_CACHE_DIR") or PROCESSED_DIR / "cache")


def reports_dir() -> Path:
    """Root folder of outputs (``PARTYLINES_REPORTS_DIR`` or ``reports/``)."""
    return Path(os.environ.get("PARTYLINES_REPORTS_DIR") or PROJ_ROOT / "reports")


def display_path(path: str | Path) -> str:
    """A path as outputs show it: relative to the project root when inside it (so that tables made in two
    clones of the project are identical), otherwise as given."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return str(path)
