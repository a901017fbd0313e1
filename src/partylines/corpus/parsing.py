"""Parse a corpus once: on this machine's cores or on a Dask cluster, resumable, with progress.

:func:`parse_corpus` reads every document (decoding, repairs, structure: cheap, in this process), and sends
the ones whose counts are not stored yet to *workers* in batches. A worker loads the pipeline once, parses
the batch with ``nlp.pipe`` (all the batch's paragraph pieces in one stream), and returns for each document
the parsed ``Doc`` as packed bytes (:mod:`~partylines.text.packing`) and its counts as Parquet bytes (:mod:`partylines.corpus.counts`);
this process writes both, atomically, into the parse cache and the counts store. So:

* a second run parses nothing, and an interrupted run (Ctrl-C, ``kill -9``) resumes where it stopped: what
  was written is complete, what was not is parsed again;
* a document that cannot be read (missing, empty, binary, undecodable, too large) is named with its reason
  in :attr:`ParseReport.bad` and the others are parsed (the command line exits 1 at the end unless told to
  skip bad files);
* memory does not grow with the corpus: at most a few batches are in flight, and no ``Doc`` is kept.

**Where the work runs.** ``processes=1`` parses in this process; ``processes=N`` (default: the machine's
cores) in N worker processes, unless the work left fits in one batch (then in this process: starting
workers would cost more than they save); ``scheduler="local"`` on a Dask ``LocalCluster`` of N worker processes;
``scheduler="tcp://host:8786"`` (or ``PARTYLINES_SCHEDULER``) on a running Dask cluster, whose workers need
partylines and the pipeline installed (see the README). Every route runs the same worker function, so their
tables are identical.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core import config
from ..core.choices import check_at_least
from ..core.errors import InputError, OptionError
from ..core.files import atomic_write
from ..text.packing import pack, unpack
from ..text.pipeline import (
    PipelineInfo,
    cache_key,
    cache_path,
    doc_metadata,
    file_facts,
    fresh_vocab,
    load_pipeline,
    iter_parsed,
    resolve_pipeline,
)
from ..text.structure import META_KEY
from .counts import counts_as_parquet
from .store import counts_key, has_counts, write_counts

if TYPE_CHECKING:
    from .reading import Corpus
    from ..text.documents import Document

__all__ = ["parse_corpus", "ParseReport"]

#: Characters of text per batch sent to a worker (about 10,000 words: a worker's memory peaks with its batch),
#: and most documents per batch.
BATCH_CHARS = 60_000
BATCH_DOCUMENTS = 32


@dataclass
class ParseReport:
    """What :func:`parse_corpus` did."""

    documents: int = 0
    parsed: int = 0
    stored: int = 0
    tokens: int = 0
    seconds: float = 0.0
    workers: int = 1
    where: str = "this process"
    bad: list[tuple[str, str]] = field(default_factory=list)

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """One line: ``"108 of 108 documents ready; parsed 3 now (41.2 s, 2 processes)"``. The time is given
        only when something was parsed, so that the line of a corpus parsed already is the same on every run."""
        line = f"{self.documents - len(self.bad)} of {self.documents} documents ready; parsed {self.parsed} now"
        return f"{line} ({self.seconds:.1f} s, {self.where})" if self.parsed else line


@dataclass(frozen=True)
class _Job:
    """One document for a worker: its keys, its structured text, and its parsed ``Doc`` as packed bytes
    when the parse cache has it already (then only its counts are made)."""

    id: str
    doc_key: str
    counts_key: str
    document: Document
    cached: bytes | None = None


def _jobs(corpus: Corpus, info: PipelineInfo, report: ParseReport, *, counts: bool, skip) -> Iterator[_Job]:
    """The documents with work left (unreadable ones go to :attr:`ParseReport.bad`; ``skip`` is called for each
    done)."""
    for item in corpus:
        try:
            data = item.source_bytes()
            key = counts_key(item, data, info)
            if counts and has_counts(key):
                skip()
                continue
            document = item.read(data)
        except InputError as error:
            report.bad.append((item.id, str(error)))
            skip()
            continue
        doc_key = cache_key(document, info)
        cached = cache_path(doc_key)
        if cached.is_file():
            if not counts:
                skip()
                continue
            yield _Job(item.id, doc_key, key, document, cached.read_bytes())
        else:
            yield _Job(item.id, doc_key, key, document)


def _batches(jobs: Iterable[_Job]) -> Iterator[list[_Job]]:
    batch: list[_Job] = []
    size = 0
    for job in jobs:
        weight = len(job.document.text) // (10 if job.cached else 1)  # counting is cheaper than parsing
        if batch and (size + weight > BATCH_CHARS or len(batch) >= BATCH_DOCUMENTS):
            yield batch
            batch, size = [], 0
        batch.append(job)
        size += weight
    if batch:
        yield batch


def parse_batch(info: PipelineInfo, jobs: list[_Job], counts: bool = True) -> list[tuple]:
    """The worker's task: parse the batch's new documents (one ``nlp.pipe`` stream) and, with ``counts``,
    count every document of the batch. Each parsed ``Doc`` is turned into bytes and dropped at once, inside
    a spaCy memory zone, so that a worker's memory does not grow with the documents it has seen.

    Returns:
        Per document: ``(doc_key, packed bytes or None if it was cached, counts_key, {kind: Parquet bytes}
        or None, tokens parsed)``.
    """
    fresh = [job for job in jobs if job.cached is None]
    out = []
    if fresh:
        nlp = load_pipeline(info.load_name)
        with nlp.memory_zone():
            for job, doc in zip(fresh, iter_parsed([job.document for job in fresh], nlp=nlp)):
                doc.user_data[META_KEY] = {**doc_metadata(job.document, info), "cache_key": job.doc_key}
                binary = pack(doc)
                out.append((job.doc_key, binary, job.counts_key, counts_as_parquet(doc) if counts else None, len(doc)))
                del doc
    for job in jobs:
        if job.cached is not None and counts:
            doc = unpack(job.cached, fresh_vocab(info.lang))
            doc.user_data[META_KEY].update(file_facts(job.document))
            out.append((job.doc_key, None, job.counts_key, counts_as_parquet(doc), 0))
    return out


def _store(results, report: ParseReport) -> None:
    for doc_key, binary, key, files, tokens in results:
        if binary is not None:
            try:
                atomic_write(cache_path(doc_key), binary)
            except OSError:
                pass  # a read-only parse cache only costs speed; the counts are what corpus tables need
            report.parsed += 1
            report.tokens += tokens
        if files is not None:
            write_counts(key, files)
            report.stored += 1


def _in_process(info: PipelineInfo, batches: Iterator[list[_Job]], done, counts: bool) -> None:
    for batch in batches:
        done(parse_batch(info, batch, counts))


def _in_pool(info: PipelineInfo, batches: Iterator[list[_Job]], done, workers: int, counts: bool) -> None:
    """Worker processes, at most two batches each in flight. They are forked where the system can (as
    spaCy's own ``n_process`` does): a forked worker needs no ``if __name__ == "__main__"`` guard in the
    user's script and starts at once; elsewhere they are spawned."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
        pending = set()
        for batch in batches:
            pending.add(pool.submit(parse_batch, info, batch, counts))
            if len(pending) >= 2 * workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done(future.result())
        for future in pending:
            done(future.result())


def _on_dask(info: PipelineInfo, batches: Iterator[list[_Job]], done, scheduler: str, workers: int,
             counts: bool, option: str = "scheduler") -> str:
    """A Dask cluster: a ``LocalCluster`` of ``workers`` processes, or the scheduler at an address (given as
    ``option``, which errors name)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:  # pragma: no cover - a dependency of partylines
        raise OptionError(option, "needs dask.distributed; pip install 'dask[distributed]'") from None
    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise OptionError(option, f"{scheduler!r}: cannot reach a Dask scheduler there ({error}); start one with "
                                  "'dask scheduler', or give 'local' for a cluster on this machine") from None
    try:
        where = f"Dask {'LocalCluster' if cluster else scheduler} ({len(client.scheduler_info()['workers'])} workers)"
        flow = as_completed()
        in_flight = 0
        limit = 2 * max(1, len(client.scheduler_info()["workers"]))
        for batch in batches:
            flow.add(client.submit(parse_batch, info, batch, counts, pure=False))
            in_flight += 1
            if in_flight >= limit:
                done(next(flow).result())
                in_flight -= 1
        for future in flow:
            done(future.result())
        return where
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def parse_corpus(
    corpus: Corpus,
    *,
    processes: int | None = None,
    scheduler: str | None = None,
    counts: bool = True,
    progress: bool = True,
) -> ParseReport:
    """Parse (and count) every document of a corpus that is not done yet (see the module docstring).

    Args:
        corpus: The corpus (:func:`partylines.corpus.reading.read_corpus`), parsed with the pipeline it carries
            (:attr:`~partylines.corpus.reading.Corpus.pipeline`; ``None``: the best installed).
        processes: Worker processes (default: the machine's cores; 1 parses in this process, and so does
            work that fits in one batch). With a scheduler, the workers of a ``LocalCluster``.
        scheduler: ``"local"`` for a Dask ``LocalCluster``, or a Dask scheduler's address; ``None`` for the
            ``PARTYLINES_SCHEDULER`` setting, else no Dask.
        counts: Also make and store each document's counts (what corpus tables read); ``False`` only fills
            the parse cache.
        progress: Show a progress bar (documents, tokens per second, time left); never in static mode
            (``partylines report``, see :func:`partylines.use_notebook`).

    Returns:
        A :class:`ParseReport`.

    Raises:
        OptionError: for ``processes`` below 1 or a scheduler that cannot be reached (naming
            ``PARTYLINES_SCHEDULER`` when the scheduler came from there).
    """
    workers = check_at_least("processes", (os.cpu_count() or 1) if processes is None else processes)
    scheduler, option = (scheduler, "scheduler") if scheduler else (config.settings().scheduler, "PARTYLINES_SCHEDULER")
    info = resolve_pipeline(corpus.pipeline)
    report = ParseReport(documents=len(corpus), workers=workers)
    started = time.perf_counter()
    bar = _progress(len(corpus), progress)

    def skip() -> None:
        if bar is not None:
            bar.update(1)

    def done(results) -> None:
        _store(results, report)
        if bar is not None:
            bar.update(len(results))
            elapsed = time.perf_counter() - started
            bar.set_postfix_str(f"{report.tokens / elapsed:,.0f} tokens/s" if elapsed and report.tokens else "")

    try:
        batches = _batches(_jobs(corpus, info, report, counts=counts, skip=skip))
        if scheduler:
            report.where = _on_dask(info, batches, done, scheduler, workers, counts, option)
        else:
            ahead = list(itertools.islice(batches, workers))  # read ahead only as many batches as workers
            batches = itertools.chain(ahead, batches)
            if len(ahead) <= 1:  # nothing to share out: starting workers would cost more than they save
                report.workers = 1
                _in_process(info, batches, done, counts)
            else:
                report.where = f"{workers} worker processes"
                _in_pool(info, batches, done, workers, counts)
    finally:
        if bar is not None:
            bar.close()
    report.seconds = time.perf_counter() - started
    return report


def _progress(total: int, show: bool):
    """The progress bar, or ``None``: nothing to show, or static mode (a report's notebook, where a widget
    would stay frozen at "0/N" in the rendering, with random ids that differ from run to run)."""
    if not show or total == 0 or config.settings().static:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="doc", desc="parsing", leave=False, dynamic_ncols=True)
