"""``partylines report`` and ``partylines verify``: every chart and table, for any document, reproducibly.

Progress goes to stderr: on a terminal a live line (document, running notebook, elapsed seconds) above which
each finished notebook leaves one line; elsewhere (a log, a pipe, CI) only those plain lines. The summary goes
to stdout. A failing notebook is named with the cell that failed, the other notebooks and documents still run,
and the command exits 1 at the end.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import List, Optional, TextIO

import typer

from .common import PipelineOpt, app

NotebooksOpt = typer.Option(None, "--notebooks", help="Folder of notebooks to run (default: the project's notebooks/).")
JobsOpt = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, help="Notebooks to run at the same time, each in "
                       "its own kernel (default: the cores).", show_default=False)
TimeoutOpt = typer.Option(None, "--timeout", min=1, help="Seconds one notebook cell may run (default: no limit).")


def notebook_parameters(given: list[str], dictionary: Optional[Path], starter: bool) -> dict:
    """``-p NAME=VALUE`` (and ``--dictionary``, ``--no-starter``) as notebook parameters: VALUE is read as a
    Python literal (``3``, ``None``, ``["year>=1990"]``, ``True``) or else taken as text, as papermill's ``-p``
    does."""
    import ast

    from ..core.errors import UsageError

    parameters: dict = {}
    for item in given:
        name, equals, value = item.partition("=")
        name = name.strip()
        if not equals or not name.isidentifier():
            raise UsageError(f"-p {item!r}: write NAME=VALUE, e.g. -p GROUP=region or -p 'WHERE=[\"year>=1990\"]'")
        try:
            parameters[name] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            parameters[name] = value
    if dictionary is not None:
        if not dictionary.is_file():
            raise UsageError(f"--dictionary {dictionary}: no such file; give a YAML formulation dictionary")
        parameters["DICTIONARY"] = str(dictionary.resolve())
    if not starter:
        parameters["STARTER"] = False
    return parameters


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _shown(path: Path) -> str:
    """A folder as the user would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except ValueError:
        return str(path)


class Progress:
    """Draws :class:`partylines.report.ReportEvent` s on a stream.

    Args:
        stream: Where to write (stderr).
        live: Redraw a status line with elapsed time; ``None`` to decide by ``stream.isatty()``.
        interval: Seconds between redraws of the live line.
    """

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None, interval: float = 0.5) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if live is None:
            isatty = getattr(self.stream, "isatty", None)
            live = bool(isatty and isatty())
        self.live = live
        self.interval = interval
        self._lock = threading.RLock()
        self._running: dict[str, float] = {}
        self._done = 0
        self._doc = ""
        self._total = 0
        self._drawn = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if self.live:
            self._thread = threading.Thread(target=self._tick, name="partylines-progress", daemon=True)
            self._thread.start()

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self._draw()

    def _status(self) -> str:
        now = time.monotonic()
        running = " · ".join(f"{name} {now - start:.0f} s" for name, start in self._running.items())
        return f"{self._doc} · {running} · {self._done}/{self._total} notebooks done"

    def _draw(self) -> None:
        with self._lock:
            if not self.live or not self._running:
                return
            width = shutil.get_terminal_size((100, 20)).columns - 1
            line = self._status()
            line = line if len(line) <= width else line[: max(width - 1, 10)] + "…"
            self.stream.write("\r\x1b[K" + line)
            self.stream.flush()
            self._drawn = True

    def _line(self, text: str) -> None:
        with self._lock:
            if self._drawn:
                self.stream.write("\r\x1b[K")
                self._drawn = False
            self.stream.write(text + "\n")
            self.stream.flush()

    def __call__(self, event) -> None:
        with self._lock:
            label = f"[{event.document_index}/{event.documents}] {event.slug}"
            if event.kind == "document":
                self._doc, self._total, self._done = label, event.notebooks, 0
                self._line(f"report {label}: {_count(event.notebooks, 'notebook')}")
            elif event.kind == "start":
                self._running[event.notebook] = time.monotonic()
                self._draw()
            elif event.kind == "done":
                self._running.pop(event.notebook, None)
                self._done += 1
                if event.error is None:
                    self._line(f"  ok      {event.notebook}  {event.elapsed:.1f} s")
                else:
                    self._line(f"  FAILED  {event.notebook}  {event.elapsed:.1f} s: {event.error}")
                self._draw()
            elif event.kind == "finished":
                self._line(f"report {label}: done in {event.elapsed:.1f} s -> {_shown(event.folder)}")

    def close(self) -> None:
        """Stop redrawing and clear the live line."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self._drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._drawn = False


@app.command()
def report(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="Documents (.txt or .md; default: the bundled article), or corpora (a folder of documents, or "
        "a .csv/.jsonl/.parquet table): a corpus gets the corpus notebooks, run once on all of it.",
        show_default=False, metavar="path"
    ),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Root folder of the reports (default: reports/); a folder in it is replaced only when it is a partylines report."),
    pipeline: Optional[str] = PipelineOpt,
    notebooks: Optional[Path] = NotebooksOpt,
    jobs: int = JobsOpt,
    timeout: Optional[float] = TimeoutOpt,
    parameter: Optional[List[str]] = typer.Option(None, "--parameter", "-p", help="A notebook parameter, NAME=VALUE "
                                                  "(e.g. -p GROUP=region -p TOP=20), for the notebooks that have it; "
                                                  "may be given several times.", show_default=False),
    dictionary: Optional[Path] = typer.Option(None, "--dictionary", "-d", help="A YAML formulation dictionary for "
                                              "the corpus notebooks, adding to the starter one.", show_default=False),
    starter: bool = typer.Option(True, "--starter/--no-starter", help="With --dictionary: keep the starter "
                                 "dictionary (--no-starter: the given dictionary alone)."),
) -> int:
    """Run the notebooks on each document or corpus; write <out>/<name>/ with figures, tables, HTML and manifest.

    Each document's folder is replaced as a whole once all its notebooks have run, so an interrupted run leaves
    the previous report as it was. Exit 1 if any notebook failed (the others still run).
    """
    from ..core.errors import UsageError
    from ..report import run_report

    if not starter and dictionary is None:
        raise UsageError("--no-starter: give the dictionary that replaces the starter one as --dictionary FILE")
    parameters = notebook_parameters(parameter or [], dictionary, starter)
    progress = Progress(sys.stderr)
    try:
        reports = run_report(
            paths or [], out=out, notebooks=notebooks, pipeline=pipeline, jobs=jobs, timeout=timeout, on_event=progress,
            parameters=parameters,
        )
    finally:
        progress.close()
    failed = 0
    for item in reports:
        outputs = item.manifest["outputs"]
        figures = len({p.rsplit(".", 1)[0] for p in outputs if p.startswith("figures/")})
        tables = sum(p.startswith("tables/") for p in outputs)
        ok = len(item.runs) - len(item.failures)
        sys.stdout.write(
            f"{_shown(item.folder)}/: {ok}/{len(item.runs)} notebooks ran, {_count(figures, 'figure')} "
            f"(PNG, SVG, PDF), {_count(tables, 'table')}, manifest.json\n"
        )
    for item in reports:
        for run in item.failures:
            failed += 1
            sys.stderr.write(f"partylines: error: {item.slug}: {run.name} failed at {run.error}\n"
                             if run.error.startswith("cell ") else
                             f"partylines: error: {item.slug}: {run.name} failed: {run.error}\n")
    if failed:
        sys.stderr.write(
            f"partylines: error: {failed} notebook run(s) failed (listed above); the executed notebooks in "
            "<report>/notebooks/ show the tracebacks\n"
        )
        return 1
    return 0


@app.command()
def verify(
    folder: Optional[Path] = typer.Argument(None, help="Report folder to check (default: reports/).", show_default=False),
    notebooks: Optional[Path] = NotebooksOpt,
    jobs: int = JobsOpt,
    timeout: Optional[float] = TimeoutOpt,
) -> int:
    """Regenerate the report in a temporary folder and compare every figure and table with the manifest.

    Lists each file that differs, is missing or is extra, and each version (Python, packages, pipeline) that
    differs from the manifest's. Exit 0 when every file is identical, 1 otherwise.
    """
    from ..core.config import reports_dir
    from ..report import verify_report

    progress = Progress(sys.stderr)
    try:
        result = verify_report(folder, notebooks=notebooks, jobs=jobs, timeout=timeout, on_event=progress)
    finally:
        progress.close()
    shown = _shown(folder if folder is not None else reports_dir())
    for difference in result.differences:
        sys.stdout.write(f"{difference}\n")
    versions = sum(d.kind == "version" for d in result.differences)
    if result.ok:
        note = f" ({versions} version(s) differ from the manifest, listed above)" if versions else ""
        sys.stdout.write(
            f"verify: {shown}: identical: all {result.compared} files (figures, tables) of {result.documents} "
            f"document(s) regenerated byte for byte{note}\n"
        )
        return 0
    count = sum(not d.is_note for d in result.differences)
    sys.stderr.write(f"partylines: error: {shown}: {count} difference(s) from the manifest, listed above\n")
    return 1
