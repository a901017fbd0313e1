"""Write figures and tables where they belong, byte-identical from run to run.

This is the one place that knows where outputs go: ``<root>/<document-slug>/figures/<name>.{png,svg,pdf}``
and ``<root>/<document-slug>/tables/<name>.csv``, with ``root`` defaulting to ``reports/`` (see
:func:`partylines.core.config.reports_dir`). Names are reduced to lowercase letters, digits and hyphens, so no
name can escape its folder. Files are written atomically (:func:`partylines.core.files.atomic_write`).

Byte-identity: a figure's bytes are made by :func:`partylines.io.figures.figure_bytes` (no dates, versions
or random ids; PNGs at 300 dpi), in this process or in a background saver (:mod:`partylines.io.background`).
CSVs are UTF-8 with ``\\n`` line endings, no index, and floats written with 6 significant digits, so that
the last bit of a float does not make two runs differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..core import config
from ..core.files import atomic_write
from ..core.files import slugify
from ..text.structure import doc_meta
from . import background
from .figures import FORMATS, FigureFormat, figure_bytes

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from spacy.tokens import Doc

__all__ = ["figure_path", "output_dir", "save_figure", "save_html", "save_table"]

def _slug(doc: Doc | str) -> str:
    if isinstance(doc, str):
        return slugify(doc)
    return doc_meta(doc).get("slug") or "document"


def output_dir(doc: Doc | str, kind: Literal["figures", "tables", "html", ""] = "", *, root: str | Path | None = None) -> Path:
    """The folder for one document's outputs of one kind (not created here).

    Args:
        doc: A parsed ``Doc`` (its slug is used) or a slug.
        kind: ``figures``, ``tables``, ``html`` or ``""`` for the document folder itself.
        root: Root folder; ``None`` for ``reports/`` (or ``PARTYLINES_REPORTS_DIR``). A relative root is
            taken from the project root, not from wherever a notebook happens to run.
    """
    base = Path(root) if root is not None else config.reports_dir()
    if not base.is_absolute():
        base = config.PROJ_ROOT / base
    folder = base / _slug(doc)
    return folder / kind if kind else folder


def figure_path(doc: Doc | str, name: str, fmt: FigureFormat = "png", *, root: str | Path | None = None) -> Path:
    """Where :func:`save_figure` puts one format of a figure."""
    return output_dir(doc, "figures", root=root) / f"{slugify(name)}.{fmt}"


def save_figure(
    fig: Figure,
    name: str,
    *,
    doc: Doc | str,
    root: str | Path | None = None,
    formats: tuple[FigureFormat, ...] = FORMATS,
) -> list[Path]:
    """Write a figure as PNG (300 dpi), SVG and PDF.

    Args:
        fig: The matplotlib figure.
        name: File name without extension (sanitised).
        doc: The parsed document the figure describes (or its slug); it names the folder.
        root: Root output folder; ``None`` for ``reports/``.
        formats: Which formats to write.

    Returns:
        The paths written, in ``formats`` order. In a notebook (:func:`partylines.use_notebook`) they are
        written in the background (:mod:`partylines.io.background`): the call returns at once, and
        :func:`partylines.wait_for_saves` waits until they are.
    """
    paths = [figure_path(doc, name, fmt, root=root) for fmt in formats]
    if config.settings().background_saves and background.submit(fig, list(zip(formats, paths))):
        return paths  # written by a worker; partylines.wait_for_saves() waits for them
    for fmt, path in zip(formats, paths):
        atomic_write(path, figure_bytes(fig, fmt))
    return paths


def table_csv(df: pd.DataFrame) -> str:
    """A table as CSV text: no index, ``\\n`` line endings, floats to 6 significant digits."""
    return df.to_csv(index=False, lineterminator="\n", float_format="%.6g")


def save_table(df: pd.DataFrame, name: str, *, doc: Doc | str, root: str | Path | None = None) -> Path:
    """Write a table as UTF-8 CSV under ``<root>/<slug>/tables/<name>.csv`` and return the path."""
    path = output_dir(doc, "tables", root=root) / f"{slugify(name)}.csv"
    return atomic_write(path, table_csv(df))


def save_html(html: str, name: str, *, doc: Doc | str, root: str | Path | None = None) -> Path:
    """Write an HTML page (already escaped by its maker) under ``<root>/<slug>/html/<name>.html``."""
    path = output_dir(doc, "html", root=root) / f"{slugify(name)}.html"
    return atomic_write(path, html)
