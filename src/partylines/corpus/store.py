"""Where the per-document counts of a corpus are kept: Parquet files beside the parse cache.

Each document's counts live in a folder named by its *counts key* (:func:`counts_key`: the document's bytes
and metadata that shape its structure, the pipeline, and the code of every reader and analysis that made the
counts), one Parquet file per kind (:data:`KINDS`). ``facts.parquet`` is written last, so a folder that has
it is complete; every file is written atomically. A corpus of 10,000 documents is then queried by reading
these files (:mod:`partylines.corpus.tables` hands the list to DuckDB) without parsing again or holding a
single ``Doc`` in memory; on a cluster, ``dask.dataframe.read_parquet`` reads the same files.
"""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import config
from ..core.config import VERSION
from ..core.files import atomic_write

if TYPE_CHECKING:
    import pandas as pd

    from .reading import CorpusDocument
    from ..text.pipeline import PipelineInfo

#: The kinds of counts kept per document (``facts`` last: its file marks the folder complete).
KINDS = ("terms", "phrases", "entities", "quotes", "series", "words", "facts")
#: Bump when the counts change shape for the same document and code.
COUNTS_FORMAT = 1


#: Where counting starts: every module these import (at the top or inside a function) shapes the counts.
_COUNTING_ROOTS = ("corpus/counts.py", "corpus/reading.py", "corpus/store.py")


def _imported(path: Path, package: Path) -> set[Path]:
    """The package's module files ``path`` imports (relative or ``partylines.`` imports, anywhere in it)."""
    import ast

    here = path.relative_to(package).with_suffix("").parts
    found: set[Path] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level])  # ("text", "words") or ("text", "__init__"): "text"
            elif (node.module or "").split(".")[0] == package.name:
                base = []
            else:
                continue
            base += [p for p in (node.module or "").split(".") if p][0 if node.level else 1:]
            targets = [[*base, alias.name] for alias in node.names] + [base]
        elif isinstance(node, ast.Import):
            targets = [n.name.split(".")[1:] for n in node.names if n.name.split(".")[0] == package.name]
        else:
            continue
        for parts in targets:
            for candidate in (package.joinpath(*parts).with_suffix(".py"), package.joinpath(*parts, "__init__.py")):
                if parts and candidate.is_file():
                    found.add(candidate)
    return found


def counting_modules(package: Path | None = None) -> list[Path]:
    """The module files that reading, parsing and counting a document can run: the import closure of
    :data:`_COUNTING_ROOTS`, with the ``__init__.py`` of every folder on the way (importing a module runs
    them). Code that only sums or shows counts (``corpus/tables.py``, ``plots/``, a concordance) is not in it,
    so that changing it keeps the stored counts."""
    package = package or Path(__file__).resolve().parents[1]
    todo = [package / root for root in _COUNTING_ROOTS]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for folder in path.relative_to(package).parents:
            init = package / folder / "__init__.py"
            if init.is_file() and init not in seen:
                todo.append(init)
        todo.extend(_imported(path, package) - seen)
    return sorted(seen)


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """SHA-256 of everything that shapes the counts: the code that reads, parses and counts
    (:func:`counting_modules`, not the code that only sums counts) and the data files (lemma overrides, entity
    patterns and aliases). Any change to them makes new counts; old ones are ignored."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*counting_modules(package), *package.glob("data/*")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def counts_key(document: CorpusDocument, data: bytes, info: PipelineInfo) -> str:
    """The key of one document's counts: its bytes, what of its metadata shapes the parse (title, speaker,
    Markdown or not), the pipeline, partylines' version and the code fingerprint."""
    digest = hashlib.sha256(data)
    digest.update(f"\0{document.title}\0{document.speaker}\0{document.source.suffix.lower()}".encode())
    digest.update(counts_key_prefix(info).encode())
    return digest.hexdigest()


def counts_key_prefix(info: PipelineInfo) -> str:
    """What every counts key holds besides the document: the pipeline, partylines' version and the code."""
    return f"\0{info.name}\0{info.version}\0{VERSION}\0{COUNTS_FORMAT}\0{_code_fingerprint()}"


def counts_dir() -> Path:
    """The folder of all per-document counts."""
    return config.cache_dir() / "counts"


def counts_folder(key: str) -> Path:
    return counts_dir() / key[:2] / key


def has_counts(key: str) -> bool:
    """Whether a document's counts are all there."""
    return (counts_folder(key) / "facts.parquet").is_file()


def count_file(key: str, kind: str) -> Path:
    return counts_folder(key) / f"{kind}.parquet"


def to_parquet_bytes(table: pd.DataFrame) -> bytes:
    """A table as Parquet bytes (made in a worker, written by the main process)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), sink, compression="zstd")
    return sink.getvalue()


def write_counts(key: str, files: dict[str, bytes]) -> None:
    """Write one document's counts (``kind -> Parquet bytes``), ``facts`` last."""
    for kind in KINDS:
        atomic_write(count_file(key, kind), files[kind])
