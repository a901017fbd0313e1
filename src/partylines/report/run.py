"""The report: run every notebook on a document, keep what they made, and prove it can be made again.

:func:`run_report` executes each notebook of ``notebooks/`` (in name order) headless with papermill, once per
document, injecting ``DOCUMENT`` (an absolute path), ``OUT_DIR``, ``STATIC = True`` and, when given,
``PIPELINE``; a notebook hands the last three to ``pl.use_notebook`` and ``pl.parse``. For each
document it writes ``<out>/<slug>/``:

- ``figures/*.{png,svg,pdf}``, ``tables/*.csv`` (and any ``html/`` pages) saved by the notebooks;
- ``notebooks/<name>.ipynb`` (executed) and ``notebooks/<name>.html`` (rendered with nbconvert);
- ``README.md``, an index a reader can browse (GitHub shows it when the folder is opened);
- ``manifest.json``: the input (path relative to the project when inside it, SHA-256), the spaCy pipeline
  (name and version, from :func:`partylines.doc_meta`), the versions of the software that draws the outputs
  (with a digest of partylines' own source, which changes when the version number does not), each notebook
  with its SHA-256, status and the files it made, and the SHA-256 of every file.

The manifest separates ``outputs`` (figures, tables, pages: byte-identical from run to run, compared by
:func:`verify_report`) from ``renderings`` (executed notebooks, their HTML and the README: hashed so that a
reader can check the files, but not compared, because they record the absolute path of the document and of
the report folder, which differ between machines and between a report and its verification). Timings are
stripped from the executed notebooks and never written to the manifest, so re-running the report in the same
place leaves every file, the renderings included, unchanged.

Interrupted runs. Everything for one document is written first into a hidden staging folder
``<out>/.partylines-tmp-run-<pid>-*/``; only when the document is complete does the staging folder replace
``<out>/<slug>/`` (two renames). A run killed half-way leaves the previous report intact (or none) and a
hidden staging folder that the next run removes. The swap replaces only a folder that is a partylines report
(its manifest says so): a folder of the user's that happens to bear the document's name stops the run before
any work, with a one-line error. Two reports finishing at once swap one after the other (a lock, see
:mod:`.staging`). No output ever goes inside ``data/raw/``. Each notebook gets its own staging ``OUT_DIR``, so notebooks
can run in parallel, the manifest knows which notebook made which file, and two notebooks writing the same
file name is reported instead of one silently overwriting the other.

Safety. The HTML is rendered with nbconvert's ``sanitize_html`` (bleach): HTML and Markdown outputs are
cleaned and JavaScript outputs dropped, so a document containing ``<script>`` cannot run anything when its
report is opened; plain-text outputs are escaped by nbconvert's templates in any case. The page also carries a
Content-Security-Policy that allows no script at all and no network access (see :func:`render_html`).

Kernels get the settings through their parameters only, never through environment variables, and nothing
fixes their hash seed: every figure and table is the same whatever the seed. The kernel is the interpreter
running the report, so the versions in the manifest are the versions that drew the figures.

The report is a face (like the command line): it sits on top of everything and nothing imports it. It never
prints; progress is reported through the ``on_event`` callback, which :mod:`partylines.cli.report` draws.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal, Sequence

from ..core import config
from ..core.choices import check_at_least
from ..core.errors import OPTION, InputError, OptionError, UsageError
from ..core.files import TMP_PREFIX, atomic_write
from ..text.documents import Document, read_document
from .kernel import (
    KeptKernel,
    KernelWorkers,
    failure_message,
    find_notebooks,
    kernel_name,
    nbformat_module,
    notebook_parameters,
    one_line,
    quiet_papermill,
)
from .manifest import build_manifest, is_report, write_manifest
from .render import render_html
from .scrub import scrub
from .staging import RUN_PREFIX, clean_stale, swap_in

#: Parameters every notebook gets besides its document and output folder: explorers draw static tables and
#: charts (a report has no live kernel behind its widgets).
REPORT_PARAMETERS = {"STATIC": True}
#: Parameters the report sets itself, which ``parameters=`` may not: the subject, the output and the pipeline.
RESERVED = {"DOCUMENT": "give the document as an argument", "CORPUS": "give the corpus as an argument",
            "OUT_DIR": "give the output folder option", "STATIC": "a report is always static",
            "PIPELINE": "give the pipeline option"}


def check_parameters(parameters: dict, notebooks: Sequence[Path]) -> dict:
    """A user's notebook parameters, checked: each is declared by a notebook to run, none is set by the
    report itself.

    Raises:
        UsageError: naming the parameter, with the notebooks' parameters or the option to use instead.
    """
    declared = {name for notebook in notebooks for name in notebook_parameters(notebook)}
    for name in parameters:
        if name in RESERVED:
            raise UsageError(f"notebook parameter {name}: is set by the report; {RESERVED[name]}", option="parameters")
        if name not in declared:
            known = ", ".join(sorted(declared - set(RESERVED))) or "none"
            raise UsageError(f"notebook parameter {name}: no notebook to run has it; theirs are: {known}",
                             option="parameters")
    return dict(parameters)

EventKind = Literal["document", "start", "done", "finished"]


@dataclass(frozen=True)
class ReportEvent:
    """One step of a report, for a progress display.

    ``kind``: ``document`` (a document starts), ``start`` / ``done`` (a notebook starts / ends), ``finished``
    (a document's folder is in place). ``elapsed`` is seconds since the notebook (``done``) or the document
    (``finished``) started; ``error`` is the one-line failure of a notebook, else ``None``.
    """

    kind: EventKind
    slug: str
    document_index: int
    documents: int
    notebook: str | None = None
    notebooks: int = 0
    elapsed: float = 0.0
    error: str | None = None
    folder: Path | None = None


@dataclass(frozen=True)
class NotebookRun:
    """What one notebook did for one document."""

    name: str
    ok: bool
    elapsed: float
    outputs: tuple[str, ...] = ()
    error: str | None = None


@dataclass
class DocumentReport:
    """The report of one document: its folder, manifest and notebook runs."""

    slug: str
    folder: Path
    manifest: dict
    runs: list[NotebookRun] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def failures(self) -> list[NotebookRun]:
        return [run for run in self.runs if not run.ok]


@dataclass(frozen=True)
class Subject:
    """What one report folder is about: a document, or a corpus (whose notebooks run once on all of it).

    ``parameters`` are the notebook parameters naming it (``DOCUMENT`` or ``CORPUS``: an absolute path);
    ``describe`` parses it (filling the cache the notebooks read) and returns the manifest's ``document``
    entry and the pipeline's name and version.
    """

    kind: Literal["document", "corpus"]
    slug: str
    path: Path
    parameters: dict
    describe: Callable[[str | None], tuple[dict, dict]]


def document_subject(document: Document) -> Subject:
    """A document's report: the document notebooks, run on it."""

    def describe(pipeline: str | None) -> tuple[dict, dict]:
        from ..text.pipeline import parse
        from ..text.structure import doc_meta

        meta = doc_meta(parse(document, pipeline=pipeline))
        return {"path": config.display_path(document.path), "sha256": document.sha256, "slug": document.slug,
                "title": meta.get("title")}, meta

    return Subject("document", document.slug, Path(document.path),
                   {"DOCUMENT": str(Path(document.path).resolve())}, describe)


def corpus_subject(path: str | Path) -> Subject:
    """A corpus's report: the corpus notebooks, run once on the whole corpus."""
    from ..corpus.reading import read_corpus
    from ..core.files import slugify

    corpus = read_corpus(path)

    def describe(pipeline: str | None) -> tuple[dict, dict]:
        from ..corpus.parsing import parse_corpus
        from ..text.pipeline import resolve_pipeline

        parse_corpus(corpus.using(pipeline), progress=False)
        info = resolve_pipeline(pipeline)
        subject = {"path": config.display_path(corpus.root), "sha256": corpus.digest(), "slug": slugify(corpus.name),
                   "title": corpus.name, "kind": "corpus", "documents": len(corpus)}
        return subject, {"pipeline": info.name, "pipeline_version": info.version}

    return Subject("corpus", slugify(corpus.name), corpus.root, {"CORPUS": str(corpus.root)}, describe)


def is_corpus_path(path: str | Path | None) -> bool:
    """A folder or a table file (``.csv``, ``.jsonl``, ``.parquet``) is a corpus; anything else a document."""
    from ..corpus.reading import TABLE_SUFFIXES

    if path is None:
        return False
    resolved = config.resolve(path)
    return resolved.is_dir() or resolved.suffix.lower() in TABLE_SUFFIXES



#: The tag of the cell a report adds at the end of each notebook: it waits until every figure the notebook
#: saved in the background is written (the cell is removed from the executed notebook).
WAIT_TAG = "partylines-wait-for-saves"


def _with_wait_cell(notebook: Path, target: Path) -> Path:
    """A copy of the notebook with a last cell that waits for the figures saved in the background."""
    nbformat = nbformat_module()
    nb = nbformat.read(notebook, as_version=4)
    cell = nbformat.v4.new_code_cell("import partylines\npartylines.wait_for_saves()")
    cell.id = WAIT_TAG
    cell.metadata["tags"] = [WAIT_TAG]
    nb.cells.append(cell)
    nbformat.write(nb, target)
    return target


def _run_notebook(
    notebook: Path,
    *,
    subject: Subject,
    slug: str,
    stage: Path,
    pipeline: str | None,
    kernel: KeptKernel,
    timeout: float | None,
    out_root: Path,
    extra: dict | None = None,
) -> tuple[NotebookRun, dict[str, Path]]:
    """Execute one notebook into its own staging ``OUT_DIR`` in a kept kernel; write the scrubbed notebook and
    its HTML. A kernel that failed a notebook is not kept (it may still be busy, or broken).

    Returns the run and the files the notebook saved (relative name -> path in its staging folder).
    """
    nbformat = nbformat_module()
    import papermill

    name = notebook.stem
    nb_out = stage / f"nb-{name}"
    nb_out.mkdir(parents=True, exist_ok=True)
    executed = stage / f"{name}.executed.ipynb"
    source = _with_wait_cell(notebook, stage / f"{name}.input.ipynb")
    own = set(notebook_parameters(notebook))  # a user's parameter goes to the notebooks that declare it
    parameters = {**{k: v for k, v in (extra or {}).items() if k in own}, **subject.parameters,
                  "OUT_DIR": str(nb_out), **REPORT_PARAMETERS}
    if pipeline:
        parameters["PIPELINE"] = pipeline
    started = time.monotonic()
    error_text = None
    try:
        papermill.execute_notebook(
            str(source),
            str(executed),
            parameters=parameters,
            kernel_name=kernel.kernel,
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            km=kernel.fresh(notebook.parent),
        )
    except (KeyboardInterrupt, SystemExit):
        kernel.close()
        raise
    except BaseException as error:  # noqa: BLE001 - any failure of a notebook is reported, never fatal
        error_text = failure_message(error, kernel.log_path, notebook)
        kernel.close()
    folder = stage / slug / "notebooks"
    if executed.exists():
        nb = nbformat.read(executed, as_version=4)
        nb.cells = [c for c in nb.cells if WAIT_TAG not in c.get("metadata", {}).get("tags", [])]
        scrub(nb, stage_root=nb_out, out_root=out_root, input_path=notebook, output_name=f"{name}.ipynb")
        atomic_write(folder / f"{name}.ipynb", nbformat.writes(nb) + "\n")
        try:
            atomic_write(folder / f"{name}.html", render_html(nb, title=f"{slug} · {name}"))
        except Exception as error:  # noqa: BLE001 - a rendering failure is a failure of this notebook
            error_text = error_text or f"rendering HTML failed: {type(error).__name__}: {one_line(error)}"
    elapsed = time.monotonic() - started  # execution and rendering, as the progress display counts it
    made = {}
    own = nb_out / slug
    if own.is_dir():
        for path in sorted(p for p in own.rglob("*") if p.is_file() and not p.name.startswith(TMP_PREFIX)):
            made[path.relative_to(own).as_posix()] = path
    run = NotebookRun(name=notebook.name, ok=error_text is None, elapsed=elapsed, outputs=tuple(made), error=error_text)
    return run, made



def _gather(results: list[tuple[NotebookRun, dict[str, Path]]], final: Path) -> tuple[list[NotebookRun], dict[str, str]]:
    """Move every notebook's files into the report folder; a name two notebooks saved fails the second."""
    runs, owner = [], {}
    for run, made in results:
        for rel, path in made.items():
            if rel in owner:  # two notebooks saved the same name: keep the first, fail the second
                run = NotebookRun(run.name, False, run.elapsed, run.outputs,
                                  run.error or f"wrote {rel}, which {owner[rel]} wrote too; give it another name")
                continue
            owner[rel] = run.name
            (final / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, final / rel)
        runs.append(run)
    return runs, owner


def _report_subject(
    subject: Subject,
    *,
    index: int,
    count: int,
    notebooks: Sequence[Path],
    out: Path,
    pipeline: str | None,
    workers: KernelWorkers,
    timeout: float | None,
    emit: Callable[[ReportEvent], None],
    extra: dict,
) -> DocumentReport:
    slug = subject.slug
    started = time.monotonic()
    emit(ReportEvent("document", slug, index, count, notebooks=len(notebooks)))
    described, meta = subject.describe(pipeline)  # also fills the parse cache the notebooks read
    stage = Path(tempfile.mkdtemp(prefix=f"{RUN_PREFIX}{os.getpid()}-", dir=out))
    try:
        final = stage / slug
        (final / "notebooks").mkdir(parents=True)

        def one(notebook: Path, kept: KeptKernel) -> tuple[NotebookRun, dict[str, Path]]:
            emit(ReportEvent("start", slug, index, count, notebook=notebook.stem, notebooks=len(notebooks)))
            run, made = _run_notebook(
                notebook, subject=subject, slug=slug, stage=stage, pipeline=pipeline, kernel=kept,
                timeout=timeout, out_root=out, extra=extra,
            )
            emit(ReportEvent("done", slug, index, count, notebook=notebook.stem, notebooks=len(notebooks),
                             elapsed=run.elapsed, error=run.error))
            return run, made

        results = workers.map(one, notebooks)
        runs, owner = _gather(results, final)
        manifest = build_manifest(described, meta, runs, notebooks, owner, final,
                                  parameters={**REPORT_PARAMETERS, **extra})
        write_manifest(final, manifest)
        target = out / slug
        swap_in(final, target, check=check_replaceable)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    elapsed = time.monotonic() - started
    emit(ReportEvent("finished", slug, index, count, notebooks=len(notebooks), elapsed=elapsed, folder=target))
    return DocumentReport(slug=slug, folder=target, manifest=manifest, runs=runs, elapsed=elapsed)


def output_root(out: str | Path | None) -> Path:
    """The root folder of the reports: ``out``, or the configured one when ``None``.

    Raises:
        OptionError: for an empty ``out`` (it would mean the working directory) or a folder inside
            ``data/raw/``, which partylines never writes.
    """
    if out is not None and not str(out).strip():
        raise OptionError("out", "is empty; give a folder for the reports (default: reports/)")
    root = Path(out) if out is not None else config.reports_dir()
    raw = config.RAW_DIR.resolve()
    if root.resolve() == raw or root.resolve().is_relative_to(raw):
        raise OptionError("out", f"{root} is inside data/raw/, which partylines never writes; give another folder "
                                 "(default: reports/)")
    return root


def check_replaceable(target: Path) -> None:
    """Refuse to replace ``target`` unless nothing is there or it is a partylines report.

    Raises:
        UsageError: naming the folder (or file) and what to do.
    """
    if os.path.lexists(target) and not is_report(target):
        raise UsageError(f"{target}: exists and is not a partylines report (no report manifest.json in it); "
                         f"move it away, or give another folder as {OPTION}", option="out")


def _subjects(paths: Sequence[str | Path | None]) -> list[Subject]:
    """Every document and corpus to report on, each checked before any work; no two may share a folder."""
    subjects = [corpus_subject(p) if is_corpus_path(p) else document_subject(read_document(p))
                for p in (list(paths) or [None])]
    seen: dict[str, Path] = {}
    for subject in subjects:
        if subject.slug in seen:
            raise UsageError(
                f"{subject.path} and {seen[subject.slug]} would share the report folder '{subject.slug}'; "
                "rename one of them"
            )
        seen[subject.slug] = subject.path
    return subjects


def run_report(
    paths: Sequence[str | Path | None] = (),
    *,
    out: str | Path | None = None,
    notebooks: str | Path | None = None,
    pipeline: str | None = None,
    jobs: int = 1,
    timeout: float | None = None,
    on_event: Callable[[ReportEvent], None] | None = None,
    parameters: dict | None = None,
) -> list[DocumentReport]:
    """Run the notebooks on every document (or corpus) and write one report folder for each.

    A document gets the document notebooks; a corpus (a folder, or a ``.csv``/``.jsonl``/``.parquet`` table)
    gets the corpus notebooks (those whose parameters set ``CORPUS``), run once on the whole corpus.

    A failing notebook does not stop the others or the other documents: its failure is recorded in the
    manifest and in the returned :class:`DocumentReport` (the caller decides the exit code).

    Args:
        paths: Documents (``.txt``/``.md``) and corpora; empty for the bundled article.
        out: Root folder; ``None`` for ``reports/`` (or ``PARTYLINES_REPORTS_DIR``).
        notebooks: Folder of notebooks; ``None`` for the project's ``notebooks/``.
        pipeline: spaCy pipeline, passed to every notebook as ``PIPELINE``.
        jobs: Notebooks run at the same time, each in a kernel kept for the next (:class:`~.kernel.KernelWorkers`).
        timeout: Seconds a single cell may run; ``None`` for no limit.
        on_event: Called with a :class:`ReportEvent` at each step (from worker threads when ``jobs > 1``).
        parameters: Notebook parameters (``{"GROUP": "region"}``), as papermill's ``-p`` sets them: each goes to
            the notebooks that declare it and is recorded in the manifest, so that ``verify`` uses it again.

    Returns:
        One :class:`DocumentReport` per document, in the order given.

    Raises:
        InputError: a document cannot be read, or there are no notebooks.
        UsageError: two documents would share a report folder, ``jobs`` < 1 (an :class:`OptionError`), ``out``
            is empty or inside ``data/raw/``, or a document's folder exists and is not a partylines report.
    """
    check_at_least("jobs", jobs)
    subjects = _subjects(paths)
    out = output_root(out)
    for subject in subjects:
        check_replaceable(out / subject.slug)
    folder = Path(notebooks) if notebooks is not None else config.NOTEBOOKS_DIR
    found = {kind: find_notebooks(notebooks, kind=kind) for kind in {s.kind for s in subjects}}
    for kind, listed in found.items():
        if not listed:
            raise InputError(f"{folder}: no notebooks (.ipynb) for a {kind} found; give a folder of notebooks "
                             f"as {OPTION}", option="notebooks")
    extra = check_parameters(parameters or {}, [p for listed in found.values() for p in listed])
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    clean_stale(out)
    lock = threading.Lock()

    def emit(event: ReportEvent) -> None:
        if on_event is not None:
            with lock:
                on_event(event)

    reports = []
    most = max(len(listed) for listed in found.values())
    with quiet_papermill(), KernelWorkers(min(jobs, most), kernel_name(), dict(os.environ)) as workers:
        for index, subject in enumerate(subjects, start=1):
            reports.append(
                _report_subject(
                    subject, index=index, count=len(subjects), notebooks=found[subject.kind], out=out,
                    pipeline=pipeline, workers=workers, timeout=timeout, emit=emit, extra=extra,
                )
            )
    # Again at the end: a kernel orphaned by a killed run lives on for up to a second (until it notices its
    # parent is gone) and may recreate part of the staging folder that the first cleaning removed.
    clean_stale(out)
    return reports
