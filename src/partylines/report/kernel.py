"""Running one notebook headless: which notebooks, which kernel, and a one-line account of a failure.

Notebooks run with papermill in a kernel that starts this very interpreter, in the notebook's own folder,
with its output to a log file (quoted when a kernel dies) rather than in the middle of the progress display.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Iterator

from ..core import config


def notebook_parameters(path: Path) -> tuple[str, ...]:
    """The names a notebook's parameters cell (the cell tagged ``parameters``) assigns, in order; none for a
    notebook without one or that cannot be read."""
    import ast
    import json

    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return ()
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            try:
                tree = ast.parse("".join(cell.get("source", [])))
            except SyntaxError:
                return ()
            names = [t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                     for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                     if isinstance(t, ast.Name)]
            return tuple(dict.fromkeys(names))
    return ()


def notebook_kind(path: Path) -> str:
    """``"corpus"`` for a notebook whose parameters cell sets ``CORPUS`` (it reads a series of documents),
    else ``"document"`` (it reads one, ``DOCUMENT``)."""
    return "corpus" if "CORPUS" in notebook_parameters(path) else "document"


def find_notebooks(folder: str | Path | None = None, *, kind: str | None = None) -> list[Path]:
    """The notebooks to run, in name order (hidden files and checkpoints left out).

    Args:
        folder: A folder of ``.ipynb`` files; ``None`` for the project's ``notebooks/``.
        kind: ``"document"`` or ``"corpus"`` for the notebooks of that kind only (:func:`notebook_kind`);
            ``None`` for all.
    """
    folder = Path(folder) if folder is not None else config.NOTEBOOKS_DIR
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith(".") and p.is_file())
    return found if kind is None else [p for p in found if notebook_kind(p) == kind]


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


def kernel_manager_class(log_path: Path, cwd: Path, env: dict[str, str]) -> type:
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
def quiet_papermill() -> Iterator[None]:
    """Silence papermill's logger ("Executing notebook with kernel", "Passed unknown parameter") in the block."""
    log = logging.getLogger("papermill")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


_IMPORT_LOCK = threading.Lock()


def nbformat_module():
    """``nbformat``, imported without ``rfc3987_syntax``.

    nbformat validates notebooks with jsonschema, whose format checks import ``rfc3987_syntax`` when it is
    installed (Jupyter's own dependencies install it). That module builds some 35 grammar parsers as it is
    imported: 2-3 s of CPU, a tenth of a report. The notebook schema uses no "iri" format, so jsonschema's
    format checks are imported without it, and it stays importable for any code that asks for it later.
    """
    with _IMPORT_LOCK:
        if "jsonschema._format" not in sys.modules and "rfc3987_syntax" not in sys.modules:
            sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment] - "not installed", for this import
            try:
                import jsonschema._format  # noqa: F401
            finally:
                del sys.modules["rfc3987_syntax"]
        import nbformat
    return nbformat


def first_line(source: str) -> str:
    line = next((ln.strip() for ln in source.splitlines() if ln.strip() and not ln.strip().startswith("#")), "")
    return line if len(line) <= 60 else line[:59] + "…"


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def cell_number(notebook: Path, source: str) -> int | None:
    """The 1-based position, in the notebook as written, of the first code cell with this source."""
    try:
        cells = nbformat_module().read(notebook, as_version=4).cells
    except Exception:  # noqa: BLE001 - only a nicety for the message
        return None
    return next((i for i, c in enumerate(cells, 1) if c.cell_type == "code" and c.source == source), None)


def failure_message(error: BaseException, log_path: Path, notebook: Path) -> str:
    """A one-line description of why a notebook failed, naming the cell for an error inside one.

    The cell is given as Jupyter shows it, ``In [n]``, and by its position in the notebook as written
    (papermill's own index counts the cell it injects and the banner cells it adds).
    """
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        number = cell_number(notebook, error.source or "")
        where = f"cell {number}" if number else "a cell"
        where += f" (In [{error.exec_count}])" if error.exec_count else ""
        first = first_line(error.source or "")
        code = f" `{first}`" if first else ""
        return f"{where}{code} raised {error.ename}: {one_line(error.evalue)}"
    message = f"{type(error).__name__}: {one_line(error) or 'no message'}"
    if type(error).__name__ == "DeadKernelError":
        try:
            tail = [ln for ln in log_path.read_text(errors="replace").splitlines() if ln.strip()][-1:]
        except OSError:
            tail = []
        message += f" (kernel log: {one_line(tail[0])})" if tail else ""
    if type(error).__name__ == "NoSuchKernel":
        message += " (run make setup to install the kernel)"
    return message


#: Run (silently, so that it counts no execution) in a kept kernel before each notebook, so that a notebook
#: finds the kernel as a new one would: no variables, execution counts from 1, the warning filters the kernel
#: started with and no record of warnings already shown. Imported modules stay, which is what keeping the
#: kernel saves (starting one and importing spaCy, pandas and matplotlib costs seconds).
RESET_CODE = """\
def _partylines_reset():
    import sys, warnings
    shell = get_ipython()
    saved = getattr(sys, "_partylines_fresh_kernel", None)
    if saved is None:
        dunders = {k: v for k, v in shell.user_ns.items() if k.startswith("__") and k.endswith("__")}
        sys._partylines_fresh_kernel = saved = (list(warnings.filters), dunders)
    else:
        warnings.filters[:] = saved[0]
        warnings._filters_mutated()
    for module in list(sys.modules.values()):
        registry = getattr(module, "__dict__", {}).get("__warningregistry__")
        if isinstance(registry, dict):
            registry.clear()
    shell.reset(new_session=True)
    for key, value in saved[1].items():
        shell.user_ns.setdefault(key, value)
_partylines_reset()
"""


#: The longest socket path prefix that leaves room for jupyter_client's "-<port>" within the 107 bytes a Unix
#: socket path may have.
_SOCKET_PATH_ROOM = 96


def kernel_sockets() -> tuple[Path | None, dict]:
    """Where a report kernel listens: Unix sockets in a folder of its own (the folder, and the kernel manager's
    ``transport``/``ip``), or TCP on the loopback where Unix sockets cannot be had (Windows, or a temporary
    folder whose path is too long for a socket).

    Over TCP, each kernel picks five free ports and binds them a moment later; two kernels started at the same
    time on one machine (a report beside a test run, two reports) can pick the same port, and the second then
    reads the first one's messages ("DELIM not in msg_list" in a stored notebook). A socket file in a folder
    no other kernel uses cannot be taken that way.
    """
    import tempfile

    if sys.platform == "win32":
        return None, {}
    folder = Path(tempfile.mkdtemp(prefix="pl-kernel-"))
    prefix = folder / "k"
    if len(os.fsencode(str(prefix))) > _SOCKET_PATH_ROOM:
        folder.rmdir()
        return None, {}
    return folder, {"transport": "ipc", "ip": str(prefix)}


class KeptKernel:
    """A kernel that runs one notebook after another (see :data:`RESET_CODE`), started on first use, with
    ``env`` and its output to ``log_path``. A kernel that died, or that runs in another folder than the next
    notebook's, is started again. Used from one thread only: its event loop is that thread's."""

    def __init__(self, log_path: Path, env: dict[str, str], kernel: str) -> None:
        self.log_path, self.env, self.kernel = log_path, env, kernel
        self.manager, self.cwd, self.sockets = None, None, None

    def fresh(self, cwd: Path, timeout: float = 60):
        """The kernel manager, its kernel (in ``cwd``) started or reset and ready for a notebook."""
        from jupyter_core.utils import run_sync

        if self.manager is not None and (cwd != self.cwd or not run_sync(self.manager.is_alive)()):
            self.close()
        if self.manager is None:
            self.cwd = cwd
            self.sockets, where = kernel_sockets()
            self.manager = kernel_manager_class(self.log_path, cwd, self.env)(kernel_name=self.kernel, **where)
            run_sync(self.manager.start_kernel)()
        client = self.manager.client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=timeout)
            reply = run_sync(client.execute_interactive)(RESET_CODE, silent=True, store_history=False,
                                                         timeout=timeout, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"resetting the kernel failed: {reply['content'].get('evalue', '')}")
        finally:
            client.stop_channels()
        return self.manager

    def close(self) -> None:
        """Shut the kernel down (at once: nothing of it is kept)."""
        from jupyter_core.utils import run_sync

        if self.manager is not None:
            try:
                run_sync(self.manager.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - a kernel already gone needs no shutting down
                pass
            self.manager = None
        if self.sockets is not None:
            import shutil

            shutil.rmtree(self.sockets, ignore_errors=True)
            self.sockets = None


class KernelWorkers:
    """``jobs`` threads for a whole report, each with a :class:`KeptKernel` of its own, that run the notebooks
    of every document given to :meth:`map` (a kernel is started once, not once per notebook or document).
    Use as a context manager: leaving it shuts the kernels down, each from its own thread."""

    def __init__(self, jobs: int, kernel: str, env: dict[str, str]) -> None:
        import queue
        import tempfile
        import threading

        self._tasks: queue.Queue = queue.Queue()
        self._logs = Path(tempfile.mkdtemp(prefix="partylines-kernels-"))
        self._threads = [threading.Thread(target=self._work, args=(KeptKernel(self._logs / f"kernel-{n}.log", env,
                                                                              kernel),), daemon=True)
                         for n in range(jobs)]
        for thread in self._threads:
            thread.start()

    def _work(self, kept: KeptKernel) -> None:
        try:
            while (task := self._tasks.get()) is not None:
                function, item, future = task
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(function(item, kept))
                    except BaseException as error:  # noqa: BLE001 - handed to the caller, who raises it
                        future.set_exception(error)
        finally:
            kept.close()

    def map(self, function, items) -> list:
        """``function(item, kept_kernel)`` for every item, on the workers; the results in the items' order."""
        from concurrent.futures import Future

        futures = []
        for item in items:
            futures.append(Future())
            self._tasks.put((function, item, futures[-1]))
        try:
            return [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()  # what has not started yet never will
            raise

    def __enter__(self) -> "KernelWorkers":
        return self

    def __exit__(self, *exc) -> None:
        import shutil

        for _ in self._threads:
            self._tasks.put(None)
        if exc[0] is None:  # interrupted: the daemon threads and their kernels end with the process
            for thread in self._threads:
                thread.join()
        shutil.rmtree(self._logs, ignore_errors=True)
