"""Where partylines finds its inputs and puts its outputs, and the few settings a user can change.

This is the one place that knows paths and the one place that reads environment variables. Paths are relative
to the project root (the folder holding ``pyproject.toml``), never to the current working directory, so a
notebook started from ``notebooks/`` and a command run from anywhere agree.

**Settings.** :func:`settings` returns the settings in force, built each time from three layers, the later
winning: the defaults; the user's environment variables (overrides for a shell or a CI job); and what code
set with :func:`configure` (a notebook's ``pl.use_notebook(out_dir=...)``, a test). Package parts never pass
settings to each other through environment variables: they call :func:`settings` or take an argument.

=============================  ===================  ====================================================
environment variable           setting              meaning
=============================  ===================  ====================================================
``PARTYLINES_CACHE_DIR``       ``cache_dir``        parse cache (default ``data/processed/cache``)
``PARTYLINES_REPORTS_DIR``     ``reports_dir``      root of figures, tables and reports (``reports/``)
``PARTYLINES_MODEL``           ``pipeline``         spaCy pipeline to use (default: best installed)
``PARTYLINES_MAX_BYTES``       ``max_bytes``        largest input file read, in bytes (50 MiB)
``PARTYLINES_STATIC``          ``static``           explorers: 1 static, 0 interactive, unset: by context
``PARTYLINES_SCHEDULER``       ``scheduler``        Dask scheduler for corpus parsing (address or local)
(none)                         ``background_saves`` figures saved by worker processes (set by
                                                    ``use_notebook``; off in scripts and the command line)
=============================  ===================  ====================================================
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import UsageError

__all__ = ["configure", "DEFAULT_DOCUMENT", "settings"]

#: partylines' version (also in pyproject.toml; a test keeps the two equal).
VERSION = "0.1.0"

PROJ_ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
PACKAGE_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

DEFAULT_DOCUMENT = RAW_DIR / "wang-jiarui-2007-party-diplomacy.txt"
SECOND_DOCUMENT = RAW_DIR / "roosevelt-1941-four-freedoms.txt"

#: Largest input file partylines reads by default (bytes).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class Settings:
    """The settings in force (see the module docstring for each one and its environment variable)."""

    cache_dir: Path = PROCESSED_DIR / "cache"
    reports_dir: Path = PROJ_ROOT / "reports"
    pipeline: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    static: bool | None = None
    scheduler: str | None = None
    background_saves: bool = False


#: Values set by :func:`configure` in this process (they win over the environment).
_configured: dict[str, object] = {}


def _flag(name: str, value: str) -> bool | None:
    value = value.strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise UsageError(f"{name}={value!r}: use 1 (static explorers) or 0 (interactive), or leave it unset")


def _bytes(name: str, value: str) -> int:
    try:
        number = int(value.strip().replace("_", ""))
    except ValueError:
        raise UsageError(f"{name}={value!r}: give a whole number of bytes, e.g. {DEFAULT_MAX_BYTES}") from None
    if number < 1:
        raise UsageError(f"{name}={value!r}: give a positive number of bytes, e.g. {DEFAULT_MAX_BYTES}")
    return number


def from_environment(environ: dict[str, str] | None = None) -> dict[str, object]:
    """The settings a user's environment variables set (only those that are set and not empty).

    Raises:
        UsageError: for a value that is not valid, naming the variable.
    """
    env = os.environ if environ is None else environ
    found: dict[str, object] = {}
    if env.get("PARTYLINES_CACHE_DIR"):
        found["cache_dir"] = Path(env["PARTYLINES_CACHE_DIR"])
    if env.get("PARTYLINES_REPORTS_DIR"):
        found["reports_dir"] = Path(env["PARTYLINES_REPORTS_DIR"])
    if env.get("PARTYLINES_MODEL"):
        found["pipeline"] = env["PARTYLINES_MODEL"]
    if env.get("PARTYLINES_MAX_BYTES"):
        found["max_bytes"] = _bytes("PARTYLINES_MAX_BYTES", env["PARTYLINES_MAX_BYTES"])
    if env.get("PARTYLINES_STATIC", "").strip():
        found["static"] = _flag("PARTYLINES_STATIC", env["PARTYLINES_STATIC"])
    if env.get("PARTYLINES_SCHEDULER"):
        found["scheduler"] = env["PARTYLINES_SCHEDULER"]
    return found


def settings() -> Settings:
    """The settings in force: defaults, then environment variables, then :func:`configure`."""
    return Settings(**{**from_environment(), **_configured})


def configure(**changes: object) -> Settings:
    """Set settings for the rest of this process (``None`` puts one back to its default or environment value).

    Raises:
        UsageError: for a name that is not a setting.
    """
    names = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(changes) - names)
    if unknown:
        raise UsageError(f"{unknown[0]} is not a setting; settings: {', '.join(sorted(names))}")
    for name, value in changes.items():
        if value is None:
            _configured.pop(name, None)
        else:
            _configured[name] = Path(value) if name in ("cache_dir", "reports_dir") else value
    return settings()


@contextlib.contextmanager
def configured(**changes: object) -> Iterator[Settings]:
    """Settings changed inside a ``with`` block only (tests, one-off runs)."""
    saved = dict(_configured)
    try:
        yield configure(**changes)
    finally:
        _configured.clear()
        _configured.update(saved)


def cache_dir() -> Path:
    """Folder of the parse cache."""
    return settings().cache_dir


def reports_dir() -> Path:
    """Root folder of outputs."""
    return settings().reports_dir


def resolve(path: str | Path) -> Path:
    """A user's path: as given when it exists or is absolute; else taken from the project root, so that
    ``data/raw/x.txt`` works from a notebook in any folder of the project."""
    path = Path(path)
    if not path.is_absolute() and not path.exists() and (PROJ_ROOT / path).exists():
        return PROJ_ROOT / path
    return path


def display_path(path: str | Path) -> str:
    """A path as outputs and manifests record it: relative to the project root when inside it (so that tables
    made in two clones of the project are identical), otherwise absolute (a path relative to the folder a
    command ran in would name nothing once read from elsewhere: ``partylines verify`` finds the document of
    a report by it)."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return str(resolved)
