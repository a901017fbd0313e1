"""The report: run every notebook on a document, keep what they made, and prove it can be made again.

:func:`run_report` executes each notebook of ``notebooks/`` (in name order) headless with papermill, once per
document, injecting ``DOCUMENT`` (an absolute path), ``OUT_DIR`` and, when given, ``PIPELINE``. For each
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
hidden staging folder that the next run removes. Each notebook gets its own staging ``OUT_DIR``, so notebooks
can run in parallel, the manifest knows which notebook made which file, and two notebooks writing the same
file name is reported instead of one silently overwriting the other.

Safety. The HTML is rendered with nbconvert's ``sanitize_html`` (bleach): HTML and Markdown outputs are
cleaned and JavaScript outputs dropped, so a document containing ``<script>`` cannot run anything when its
report is opened; plain-text outputs are escaped by nbconvert's templates in any case. The page also carries a
Content-Security-Policy that allows no script at all and no network access (see :func:`render_html`).

Environment of the kernels: ``PARTYLINES_STATIC=1`` (interactive explorers draw their static version),
``PYTHONHASHSEED=0`` (set iteration order cannot differ between runs) and ``PARTYLINES_REPORTS_DIR`` pointing
at the notebook's staging folder (so even a save without ``root=OUT_DIR`` lands in the report). They are given
to each kernel; the environment of the calling process is not changed. The kernel is the interpreter running
the report, so the versions in the manifest are the versions that drew the figures.

This module is a face (like the command line): it sits on top of everything and nothing imports it. It never
prints; progress is reported through the ``on_event`` callback, which :mod:`partylines.cli.report` draws.
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterator, Literal, Sequence

from . import __version__, config
from .documents import Document, read_document
from .errors import InputError, UsageError
from .files import TMP_PREFIX, atomic_write, sha256_file

#: Bump when the manifest changes shape.
MANIFEST_VERSION = 1
MANIFEST = "manifest.json"
#: Packages whose versions are recorded (they decide what the figures and tables look like).
VERSIONED_PACKAGES = ("spacy", "pandas", "numpy", "matplotlib", "wordcloud")
#: Environment of the notebook kernels during a report.
KERNEL_ENV = {"PARTYLINES_STATIC": "1", "PYTHONHASHSEED": "0"}
_RUN_PREFIX = f"{TMP_PREFIX}run-"
_OLD_PREFIX = f"{TMP_PREFIX}old-"

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
class Difference:
    """One way a regenerated report differs from a committed one.

    ``kind`` is ``differs`` (same file, other bytes), ``missing`` (listed in the manifest, not there),
    ``extra`` (there, not in the manifest), ``failed`` (a notebook failed while regenerating), ``version``
    (software differs from the manifest's) or ``input`` / ``notebook`` (the document or a notebook changed
    since the report). Only the first four make a verification fail.
    """

    kind: Literal["differs", "missing", "extra", "failed", "version", "input", "notebook"]
    path: str
    detail: str

    @property
    def is_note(self) -> bool:
        return self.kind in ("version", "input", "notebook")

    def __str__(self) -> str:
        return f"{self.kind}: {self.path}: {self.detail}"


@dataclass
class Verification:
    """The result of :func:`verify_report`: the folder checked, how many files matched, and the differences."""

    folder: Path
    documents: int
    compared: int
    differences: list[Difference]

    @property
    def ok(self) -> bool:
        return not any(not d.is_note for d in self.differences)


# --- notebooks and kernels ---------------------------------------------------------------------------------


def find_notebooks(folder: str | Path | None = None) -> list[Path]:
    """The notebooks to run, in name order (hidden files and checkpoints left out).

    Args:
        folder: A folder of ``.ipynb`` files; ``None`` for the project's ``notebooks/``.
    """
    folder = Path(folder) if folder is not None else config.NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith(".") and p.is_file())


def kernel_name() -> str:
    """The kernelspec to run notebooks with: one that starts this very interpreter.

    The project's ``partylines`` kernelspec (installed by ``make setup``) names the venv's Python by absolute
    path; the generic ``python3`` spec names ``python``, which jupyter_client replaces by ``sys.executable``.
    A ``partylines`` spec left over from another checkout would run another interpreter, so it is used only
    when it points here.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    manager = KernelSpecManager()
    here = os.path.abspath(sys.executable)
    for name in ("partylines", "python3"):
        try:
            argv = manager.get_kernel_spec(name).argv
        except NoSuchKernel:
            continue
        if argv and (argv[0] in ("python", "python3") or os.path.abspath(argv[0]) == here):
            return name
    return "python3"


def _kernel_manager_class(log_path: Path, cwd: Path, env: dict[str, str]) -> type:
    """A kernel manager that starts the kernel in ``cwd``, with ``env`` and its stdout/stderr in ``log_path``.

    The kernel's process-level messages (startup warnings, crashes) would otherwise land in the middle of the
    progress display; they are kept in a log file instead and quoted when a kernel dies. ``cwd`` and ``env``
    are given to the kernel alone rather than set on this process (papermill's ``cwd`` changes the working
    directory of the whole process, which is not safe with notebooks running in parallel threads).
    """
    from jupyter_client import AsyncKernelManager
    from jupyter_client.manager import KernelManager

    class LoggedKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):  # type: ignore[override]
            with open(log_path, "ab") as handle:  # the child keeps its own copy of the descriptor
                kw.setdefault("stdout", handle)
                kw.setdefault("stderr", handle)
                kw.setdefault("cwd", str(cwd))
                kw.setdefault("env", env)
                return await KernelManager._async_start_kernel(self, **kw)

    return LoggedKernelManager


@contextlib.contextmanager
def _quiet_papermill() -> Iterator[None]:
    """Silence papermill's logger ("Executing notebook with kernel", "Passed unknown parameter") in the block."""
    log = logging.getLogger("papermill")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _first_line(source: str) -> str:
    line = next((ln.strip() for ln in source.splitlines() if ln.strip() and not ln.strip().startswith("#")), "")
    return line if len(line) <= 60 else line[:59] + "…"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _cell_number(notebook: Path, source: str) -> int | None:
    """The 1-based position, in the notebook as written, of the first code cell with this source."""
    import nbformat

    try:
        cells = nbformat.read(notebook, as_version=4).cells
    except Exception:  # noqa: BLE001 - only a nicety for the message
        return None
    return next((i for i, c in enumerate(cells, 1) if c.cell_type == "code" and c.source == source), None)


def _failure_message(error: BaseException, log_path: Path, notebook: Path) -> str:
    """A one-line description of why a notebook failed, naming the cell for an error inside one.

    The cell is given as Jupyter shows it, ``In [n]``, and by its position in the notebook as written
    (papermill's own index counts the cell it injects and the banner cells it adds).
    """
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        number = _cell_number(notebook, error.source or "")
        where = f"cell {number}" if number else "a cell"
        where += f" (In [{error.exec_count}])" if error.exec_count else ""
        first = _first_line(error.source or "")
        code = f" `{first}`" if first else ""
        return f"{where}{code} raised {error.ename}: {_one_line(error.evalue)}"
    message = f"{type(error).__name__}: {_one_line(error) or 'no message'}"
    if type(error).__name__ == "DeadKernelError":
        try:
            tail = [ln for ln in log_path.read_text(errors="replace").splitlines() if ln.strip()][-1:]
        except OSError:
            tail = []
        message += f" (kernel log: {_one_line(tail[0])})" if tail else ""
    if type(error).__name__ == "NoSuchKernel":
        message += " (run make setup to install the kernel)"
    return message


# --- executed notebooks: scrub, render ----------------------------------------------------------------------


def _replace_strings(node, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in every string of a notebook output (dicts and lists, in place).

    Images are base64, whose alphabet has no ``.`` or ``-``, so a path cannot occur in them by accident.
    """
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if isinstance(value, str):
            if old in value:
                node[key] = value.replace(old, new)
        elif isinstance(value, (dict, list)):
            _replace_strings(value, old, new)


def _scrub(nb, *, stage_root: Path, out_root: Path, input_path: Path, output_name: str) -> None:
    """Remove what makes an executed notebook differ between two identical runs.

    Timings (papermill's ``start_time``/``end_time``/``duration``, nbclient's ``execution``) are dropped, the
    injected cell gets a fixed id instead of a random one, and the staging ``OUT_DIR`` is replaced by the
    report folder the files ended up in (in the parameters and in the outputs), so that the notebook shows
    (and, run again, writes to) the real place.
    """
    stage, final = str(stage_root), str(out_root)
    meta = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration"):
        meta.pop(key, None)
    meta["input_path"] = config.display_path(input_path)
    meta["output_path"] = f"notebooks/{output_name}"
    # Paths inside the project are shown relative to its root (documents and export resolve them there), so
    # that the executed notebooks of two clones are the same files.
    project = str(config.PROJ_ROOT) + "/"
    if "parameters" in meta:
        meta["parameters"] = {
            k: (final if v == stage else v).replace(project, "") if isinstance(v, str) else v
            for k, v in meta["parameters"].items()
        }
    for cell in nb.cells:
        for output in cell.get("outputs", []):  # e.g. the paths save_figure returns, shown as a result
            _replace_strings(output, stage, final)
        cell.metadata.pop("execution", None)
        cell_meta = cell.metadata.get("papermill")
        if cell_meta is not None:
            for key in ("start_time", "end_time", "duration"):
                cell_meta.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(stage, final).replace(project, "")
            cell["id"] = "injected-parameters"  # papermill gives the cell a random id


#: Content-Security-Policy of the rendered notebooks: no script, no fetch; inline styles and data: images only.
HTML_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
# JupyterLab's page without its script tags (require.js, MathJax, mermaid and the widget manager, all loaded
# from a CDN) and with the policy above as the first thing in <head> after the title.
_HTML_TEMPLATE = (
    "{%- extends 'index.html.j2' -%}\n"
    "{%- block html_head_js -%}\n"
    f'<meta http-equiv="Content-Security-Policy" content="{HTML_POLICY}">\n'
    "{%- endblock html_head_js -%}\n"
    "{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}\n"
    "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
    "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
)


_SAFE_TAGS = frozenset(
    "a abbr acronym b blockquote br caption code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre s samp small span strong style sub summary sup "
    "table tbody td tfoot th thead tr u ul".split()
)
_SAFE_ATTRIBUTES = ("class", "id", "title", "lang", "dir", "style")
_CELL_ATTRIBUTES = ("colspan", "rowspan", "align", "valign", "halign")
# Box properties that entity renderings (spaCy's displaCy) use, on top of bleach's list. A url() in them
# could only fetch, and the page's policy forbids fetching.
_BOX_CSS = frozenset(
    "background border border-radius border-bottom border-top border-left border-right margin margin-left "
    "margin-right margin-top margin-bottom padding padding-left padding-right padding-top padding-bottom "
    "max-width min-width text-transform".split()
)


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Attributes kept by :func:`clean_html`: layout and style, links that are not ``data:``, inline images."""
    if name in _SAFE_ATTRIBUTES:
        return True
    if tag == "a":
        return name == "name" or (name == "href" and not value.strip().lower().startswith("data:"))
    if tag == "img":
        return name in ("alt", "width", "height") or (name == "src" and value.strip().lower().startswith("data:image/"))
    if tag in ("td", "th"):
        return name in _CELL_ATTRIBUTES
    return tag == "table" and name == "border"


def clean_html(element) -> str:
    """Sanitise HTML for the report pages (replaces nbconvert's ``clean_html`` filter).

    nbconvert's own filter keeps only a dozen tags, so that with ``sanitize_html`` a notebook's headings and
    paragraphs and pandas' tables come out as literal markup. This one keeps the tags of Markdown, tables,
    inline images (``data:image/...`` only) and ``style`` attributes (through bleach's CSS sanitiser), and
    removes everything else that can act: ``script``, ``iframe``, ``object``, event handlers (``onerror``,
    ``onclick``, ...), ``javascript:`` and ``data:`` links, forms.
    """
    import bleach
    from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer

    text = element.decode() if isinstance(element, bytes) else str(element)
    return bleach.clean(
        text,
        tags=_SAFE_TAGS,
        attributes=_allowed_attribute,
        protocols={"http", "https", "mailto", "data"},
        css_sanitizer=CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES | _BOX_CSS),
        strip=True,
        strip_comments=True,
    )


_QUIET_LOG = logging.getLogger("partylines.report.nbconvert")
_QUIET_LOG.setLevel(logging.ERROR)
_SCRIPT_MIMETYPES = ("application/javascript", "text/javascript", "application/vnd.jupyter.widget")


def render_html(nb, *, title: str) -> str:
    """An executed notebook as a standalone, sanitised HTML page that runs no script and fetches nothing.

    Two layers: nbconvert's ``sanitize_html`` cleans Markdown cells and HTML and Markdown outputs (with
    :func:`clean_html`) and drops JavaScript outputs; and the page carries :data:`HTML_POLICY`, so a browser refuses any script that
    might still get through (and the page opens offline without calling a CDN). Mathematics is therefore
    shown as TeX source, which these notebooks do not use. JavaScript and widget outputs are left out
    before rendering (nbconvert would still write an empty placeholder with a random id for them).
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    for cell in nb.cells:  # outputs that can only run script; the page could not run them anyway
        for output in cell.get("outputs", []):
            for key in [k for k in output.get("data", {}) if k.startswith(_SCRIPT_MIMETYPES)]:
                del output["data"][key]
    exporter = HTMLExporter(
        sanitize_html=True,
        template_name="lab",
        extra_loaders=[DictLoader({"partylines.html.j2": _HTML_TEMPLATE})],
        template_file="partylines.html.j2",
        filters={"clean_html": clean_html},
        log=_QUIET_LOG,  # "Alternative text is missing": charts get nbconvert's generic alt text
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


# --- one document -------------------------------------------------------------------------------------------


def source_digest() -> str:
    """SHA-256 (first 16 hex digits) over partylines' own files: names and bytes of every ``.py`` and data file.

    The version number stays the same while the code changes between releases; this changes with any edit,
    so :func:`verify_report` can say that the code is not the code that made the report.
    """
    import hashlib

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def software_versions() -> dict[str, str]:
    """Versions of partylines (and a digest of its source), Python, the packages that shape the outputs and
    the FreeType that draws their text."""
    versions = {"partylines": __version__, "partylines source": source_digest(), "python": platform.python_version()}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    try:
        from matplotlib import ft2font

        versions["freetype"] = ft2font.__freetype_version__
    except Exception:  # pragma: no cover - a matplotlib without ft2font cannot draw anyway
        versions["freetype"] = "unknown"
    versions["platform"] = f"{platform.system()}-{platform.machine()}"
    return versions


def _run_notebook(
    notebook: Path,
    *,
    document: Document,
    slug: str,
    stage: Path,
    pipeline: str | None,
    kernel: str,
    timeout: float | None,
    out_root: Path,
) -> tuple[NotebookRun, dict[str, Path]]:
    """Execute one notebook into its own staging ``OUT_DIR``; write the scrubbed notebook and its HTML.

    Returns the run and the files the notebook saved (relative name -> path in its staging folder).
    """
    import nbformat
    import papermill

    name = notebook.stem
    nb_out = stage / f"nb-{name}"
    nb_out.mkdir(parents=True, exist_ok=True)
    executed = stage / f"{name}.executed.ipynb"
    log_path = stage / f"{name}.kernel.log"
    parameters = {"DOCUMENT": str(Path(document.path).resolve()), "OUT_DIR": str(nb_out)}
    if pipeline:
        parameters["PIPELINE"] = pipeline
    # PARTYLINES_REPORTS_DIR too: a notebook that forgets root=OUT_DIR still writes into its staging folder.
    env = {**os.environ, **KERNEL_ENV, "PARTYLINES_REPORTS_DIR": str(nb_out)}
    started = time.monotonic()
    error_text = None
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            kernel_name=kernel,
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            kernel_manager_class=_kernel_manager_class(log_path, notebook.parent, env),
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - any failure of a notebook is reported, never fatal
        error_text = _failure_message(error, log_path, notebook)
    folder = stage / slug / "notebooks"
    if executed.exists():
        nb = nbformat.read(executed, as_version=4)
        _scrub(nb, stage_root=nb_out, out_root=out_root, input_path=notebook, output_name=f"{name}.ipynb")
        atomic_write(folder / f"{name}.ipynb", nbformat.writes(nb) + "\n")
        try:
            atomic_write(folder / f"{name}.html", render_html(nb, title=f"{slug} · {name}"))
        except Exception as error:  # noqa: BLE001 - a rendering failure is a failure of this notebook
            error_text = error_text or f"rendering HTML failed: {type(error).__name__}: {_one_line(error)}"
    elapsed = time.monotonic() - started  # execution and rendering, as the progress display counts it
    made = {}
    own = nb_out / slug
    if own.is_dir():
        for path in sorted(p for p in own.rglob("*") if p.is_file() and not p.name.startswith(TMP_PREFIX)):
            made[path.relative_to(own).as_posix()] = path
    run = NotebookRun(name=notebook.name, ok=error_text is None, elapsed=elapsed, outputs=tuple(made), error=error_text)
    return run, made


def _readme(manifest: dict) -> str:
    """A Markdown index of one report folder (document text is escaped: it may contain markup)."""

    def esc(text: str) -> str:
        return _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    doc = manifest["document"]
    lines = [
        f"# Report: {esc(doc['title'] or doc['slug'])}",
        "",
        f"Document `{esc(doc['path'])}` (SHA-256 `{doc['sha256'][:16]}…`), parsed with "
        f"{esc(manifest['pipeline']['name'])} {esc(manifest['pipeline']['version'])}. "
        "Made by `partylines report`; `partylines verify` regenerates it and compares every figure and table "
        "with `manifest.json`.",
        "",
        "## Notebooks",
        "",
    ]
    for entry in manifest["notebooks"]:
        stem = entry["name"].removesuffix(".ipynb")
        status = "" if entry["status"] == "ok" else f" — **failed**: {esc(entry['error'])}"
        lines.append(f"- [{stem}](#{stem}): [notebook](notebooks/{stem}.ipynb), [HTML](notebooks/{stem}.html){status}")
    for entry in manifest["notebooks"]:
        made = entry.get("outputs", [])
        lines += ["", f"## {entry['name'].removesuffix('.ipynb')}", ""]
        for stem in dict.fromkeys(p.rsplit(".", 1)[0] for p in made if p.startswith("figures/")):
            name = stem.removeprefix("figures/")
            formats = [f"[{ext.upper()}]({stem}.{ext})" for ext in ("png", "svg", "pdf") if f"{stem}.{ext}" in made]
            if f"{stem}.png" in made:
                lines += [f"![{name}]({stem}.png)", ""]
            lines += [f"**{name}**: " + " · ".join(formats), ""]
        others = [p for p in made if not p.startswith("figures/")]
        if others:
            lines += [f"- [{p}]({p})" for p in others]
        elif not made:
            lines.append("(no files)")
    return "\n".join(lines).rstrip("\n") + "\n"


def _swap_in(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` at ``target``, replacing what was there (two renames, then a delete)."""
    old = None
    if target.exists():
        old = target.parent / f"{_OLD_PREFIX}{os.getpid()}-{target.name}"
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out: Path) -> list[Path]:
    """Remove staging folders and temporary files left in ``out`` by runs that are no longer running.

    A folder ``.partylines-tmp-run-<pid>-…`` or ``.partylines-tmp-old-<pid>-<slug>`` is kept while process
    ``<pid>`` lives (another report may be writing it); other ``.partylines-tmp-*`` entries are removed,
    except that a previous report set aside by a swap that never finished (``old-``, with no ``<slug>``
    folder beside it) is put back in place.

    Returns:
        The paths removed.
    """
    removed = []
    if not out.is_dir():
        return removed
    for entry in sorted(out.glob(f"{TMP_PREFIX}*")):
        rest = entry.name[len(TMP_PREFIX):]
        if rest.startswith(("run-", "old-")):
            pid_text, _, slug = rest[4:].partition("-")
            if pid_text.isdigit() and _pid_alive(int(pid_text)):
                continue
            if rest.startswith("old-") and slug and entry.is_dir() and not (out / slug).exists():
                os.replace(entry, out / slug)  # killed between the two renames of a swap: put it back
                continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _report_document(
    document: Document,
    *,
    index: int,
    count: int,
    notebooks: Sequence[Path],
    out: Path,
    pipeline: str | None,
    kernel: str,
    jobs: int,
    timeout: float | None,
    emit: Callable[[ReportEvent], None],
) -> DocumentReport:
    from .pipeline import doc_meta, parse

    slug = document.slug
    started = time.monotonic()
    emit(ReportEvent("document", slug, index, count, notebooks=len(notebooks)))
    meta = doc_meta(parse(document, pipeline=pipeline))  # also fills the parse cache the notebooks read
    stage = Path(tempfile.mkdtemp(prefix=f"{_RUN_PREFIX}{os.getpid()}-", dir=out))
    try:
        final = stage / slug
        (final / "notebooks").mkdir(parents=True)

        def one(notebook: Path) -> tuple[NotebookRun, dict[str, Path]]:
            emit(ReportEvent("start", slug, index, count, notebook=notebook.stem, notebooks=len(notebooks)))
            run, made = _run_notebook(
                notebook, document=document, slug=slug, stage=stage, pipeline=pipeline, kernel=kernel,
                timeout=timeout, out_root=out,
            )
            emit(ReportEvent("done", slug, index, count, notebook=notebook.stem, notebooks=len(notebooks),
                             elapsed=run.elapsed, error=run.error))
            return run, made

        if jobs > 1 and len(notebooks) > 1:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(one, notebooks))
        else:
            results = [one(notebook) for notebook in notebooks]

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

        outputs = {rel: sha256_file(final / rel) for rel in sorted(owner)}
        manifest = {
            "manifest_version": MANIFEST_VERSION,
            "document": {
                "path": config.display_path(document.path),
                "sha256": document.sha256,
                "slug": slug,
                "title": meta.get("title"),
            },
            "pipeline": {"name": meta.get("pipeline"), "version": meta.get("pipeline_version")},
            "versions": software_versions(),
            "kernel_environment": dict(KERNEL_ENV),
            "notebooks": [
                {
                    "name": run.name,
                    "sha256": sha256_file(notebook),
                    "status": "ok" if run.ok else "failed",
                    **({"error": run.error} if run.error else {}),
                    "outputs": sorted(rel for rel, who in owner.items() if who == run.name),
                }
                for run, notebook in zip(runs, notebooks)
            ],
            "outputs": outputs,
        }
        atomic_write(final / "README.md", _readme(manifest))
        manifest["renderings"] = {
            rel: sha256_file(final / rel)
            for rel in sorted(p.relative_to(final).as_posix() for p in final.rglob("*") if p.is_file())
            if rel not in outputs
        }
        atomic_write(final / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        target = out / slug
        _swap_in(final, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    elapsed = time.monotonic() - started
    emit(ReportEvent("finished", slug, index, count, notebooks=len(notebooks), elapsed=elapsed, folder=target))
    return DocumentReport(slug=slug, folder=target, manifest=manifest, runs=runs, elapsed=elapsed)


def run_report(
    paths: Sequence[str | Path | None] = (),
    *,
    out: str | Path | None = None,
    notebooks: str | Path | None = None,
    pipeline: str | None = None,
    jobs: int = 1,
    timeout: float | None = None,
    on_event: Callable[[ReportEvent], None] | None = None,
) -> list[DocumentReport]:
    """Run every notebook on every document and write one report folder per document.

    A failing notebook does not stop the others or the other documents: its failure is recorded in the
    manifest and in the returned :class:`DocumentReport` (the caller decides the exit code).

    Args:
        paths: Documents (``.txt``/``.md``); empty for the bundled article.
        out: Root folder; ``None`` for ``reports/`` (or ``PARTYLINES_REPORTS_DIR``).
        notebooks: Folder of notebooks; ``None`` for the project's ``notebooks/``.
        pipeline: spaCy pipeline, passed to every notebook as ``PIPELINE``.
        jobs: Notebooks run at the same time for one document (each in its own kernel).
        timeout: Seconds a single cell may run; ``None`` for no limit.
        on_event: Called with a :class:`ReportEvent` at each step (from worker threads when ``jobs > 1``).

    Returns:
        One :class:`DocumentReport` per document, in the order given.

    Raises:
        InputError: a document cannot be read, or there are no notebooks.
        UsageError: two documents would share a report folder, or ``jobs`` < 1.
    """
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: give 1 or more notebooks to run at once")
    documents = [read_document(p) for p in (list(paths) or [None])]  # every input checked before any work
    seen: dict[str, Path] = {}
    for document in documents:
        if document.slug in seen:
            raise UsageError(
                f"{document.path} and {seen[document.slug]} would share the report folder '{document.slug}'; "
                "rename one of them"
            )
        seen[document.slug] = document.path
    found = find_notebooks(notebooks)
    folder = Path(notebooks) if notebooks is not None else config.NOTEBOOKS_DIR
    if not found:
        raise InputError(f"{folder}: no notebooks (.ipynb) found; give a folder of notebooks with --notebooks")
    out = Path(out) if out is not None else config.reports_dir()
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    clean_stale(out)
    lock = threading.Lock()

    def emit(event: ReportEvent) -> None:
        if on_event is not None:
            with lock:
                on_event(event)

    kernel = kernel_name()
    reports = []
    with _quiet_papermill():
        for index, document in enumerate(documents, start=1):
            reports.append(
                _report_document(
                    document, index=index, count=len(documents), notebooks=found, out=out, pipeline=pipeline,
                    kernel=kernel, jobs=jobs, timeout=timeout, emit=emit,
                )
            )
    # Again at the end: a kernel orphaned by a killed run lives on for up to a second (until it notices its
    # parent is gone) and may recreate part of the staging folder that the first cleaning removed.
    clean_stale(out)
    return reports


# --- verification -------------------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    """A report's ``manifest.json``, or an :class:`InputError` saying what is wrong."""
    try:
        manifest = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; run partylines report first") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: is not a readable manifest ({error}); run partylines report again") from None
    if not isinstance(manifest, dict) or not {"document", "outputs"} <= set(manifest):
        raise InputError(f"{path}: is not a partylines report manifest; run partylines report again")
    return manifest


def find_manifests(folder: str | Path) -> list[Path]:
    """The manifests of a report root (``<folder>/*/manifest.json``) or of one document folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder; give a report folder (default: reports/)")
    if (folder / MANIFEST).is_file():
        return [folder / MANIFEST]
    manifests = sorted(p for p in folder.glob(f"*/{MANIFEST}") if not p.parent.name.startswith("."))
    if not manifests:
        raise InputError(f"{folder}: holds no report (no */manifest.json); run partylines report first")
    return manifests


def _hash(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def compare_reports(committed: Path, regenerated: Path) -> tuple[int, list[Difference]]:
    """Compare one committed report folder with a regenerated one.

    Every committed file (outputs and renderings) is checked against the committed manifest, so that an edited
    figure is caught even though the manifest still lists the original; then the regenerated outputs are
    compared with the same manifest (renderings are not: they hold paths that differ between the two runs).

    Returns:
        The number of outputs compared and the differences, paths given as ``<slug>/<file>``.
    """
    manifest = read_manifest(committed / MANIFEST)
    fresh = read_manifest(regenerated / MANIFEST)
    slug = committed.name
    expected: dict[str, str] = manifest["outputs"]
    listed = set(expected) | set(manifest.get("renderings", {})) | {MANIFEST}
    diffs: list[Difference] = []
    committed_files = {**expected, **manifest.get("renderings", {})}  # the committed folder is checked whole
    for rel, digest in sorted(committed_files.items()):
        on_disk = _hash(committed / rel)
        if on_disk is None:
            diffs.append(Difference("missing", f"{slug}/{rel}", "listed in the manifest but not in the committed folder"))
        elif on_disk != digest:
            diffs.append(Difference("differs", f"{slug}/{rel}", "the committed file does not match its manifest entry"))
    for path in sorted(p for p in committed.rglob("*") if p.is_file()):
        rel = path.relative_to(committed).as_posix()
        if rel not in listed:
            diffs.append(Difference("extra", f"{slug}/{rel}", "in the committed folder but not in the manifest"))
    for rel, digest in sorted(expected.items()):
        new = fresh["outputs"].get(rel)
        if new is None:
            diffs.append(Difference("missing", f"{slug}/{rel}", "not made by the regenerated report"))
        elif new != digest:
            diffs.append(Difference("differs", f"{slug}/{rel}", "the regenerated file differs from the manifest"))
    for rel in sorted(set(fresh["outputs"]) - set(expected)):
        diffs.append(Difference("extra", f"{slug}/{rel}", "made by the regenerated report but not in the manifest"))
    for entry in fresh.get("notebooks", []):
        if entry.get("status") != "ok":
            diffs.append(Difference("failed", f"{slug}/notebooks/{entry['name']}", entry.get("error") or "failed"))
    old_nb = {e["name"]: e.get("sha256") for e in manifest.get("notebooks", [])}
    for entry in fresh.get("notebooks", []):
        if entry["name"] in old_nb and old_nb[entry["name"]] != entry.get("sha256"):
            diffs.append(Difference("notebook", f"{slug}/notebooks/{entry['name']}", "the notebook changed since the report"))
    if manifest["document"].get("sha256") != fresh["document"].get("sha256"):
        diffs.append(Difference("input", manifest["document"].get("path", "?"), "the document changed since the report"))
    before = {**manifest.get("versions", {}), **{f"pipeline {k}": v for k, v in manifest.get("pipeline", {}).items()}}
    now = {**fresh.get("versions", {}), **{f"pipeline {k}": v for k, v in fresh.get("pipeline", {}).items()}}
    for key in sorted(set(before) | set(now)):
        if before.get(key) != now.get(key):
            diffs.append(Difference("version", key, f"{now.get(key, 'absent')} here, {before.get(key, 'absent')} in the manifest"))
    return len(expected), diffs


def verify_report(
    folder: str | Path | None = None,
    *,
    notebooks: str | Path | None = None,
    jobs: int = 1,
    timeout: float | None = None,
    on_event: Callable[[ReportEvent], None] | None = None,
) -> Verification:
    """Regenerate a committed report in a temporary folder and compare it with the committed manifests.

    Args:
        folder: A report root (``reports/`` by default) or one document's report folder.
        notebooks, jobs, timeout, on_event: As for :func:`run_report`.

    Returns:
        A :class:`Verification`; ``ok`` is true when every figure, table and page is byte-identical.

    Raises:
        InputError: no report in ``folder``, or a document named by a manifest is gone.
    """
    folder = Path(folder) if folder is not None else config.reports_dir()
    manifests = find_manifests(folder)
    committed = {m.parent: read_manifest(m) for m in manifests}
    paths = []
    for path, manifest in committed.items():
        source = Path(manifest["document"]["path"])
        source = source if source.is_absolute() else config.PROJ_ROOT / source
        if not source.is_file():
            raise InputError(f"{source}: the document of {path / MANIFEST} is gone; restore it or run partylines report")
        paths.append(source)
    compared, differences = 0, []
    with tempfile.TemporaryDirectory(prefix="partylines-verify-") as scratch:
        reports = run_report(paths, out=scratch, notebooks=notebooks, jobs=jobs, timeout=timeout, on_event=on_event)
        for (path, _), report in zip(committed.items(), reports):
            count, diffs = compare_reports(path, report.folder)
            compared += count
            differences += diffs
    return Verification(folder=folder, documents=len(committed), compared=compared, differences=differences)
