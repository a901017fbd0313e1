"""The report's notebook tools, checked in a process of their own (imports are per process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CHECK = """
import sys
from partylines.report.kernel import nbformat_module
nbformat = nbformat_module()
import papermill  # what the report imports next
print("rfc3987_syntax" in sys.modules)
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
nbformat.validate(nb)  # the schema check the report relies on still runs
try:
    nbformat.validate({"nbformat": 4})
except nbformat.ValidationError:
    print("invalid refused")
import rfc3987_syntax  # still importable by anyone who asks
print(rfc3987_syntax.is_valid_syntax("iri", "https://example.org/a"))
"""


@pytest.mark.slow
def test_nbformat_is_imported_without_rfc3987_syntax_and_still_validates():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["False", "invalid refused", "True"]


@pytest.mark.kernel
def test_a_report_kernel_listens_on_sockets_of_its_own_not_on_tcp_ports(tmp_path):
    """Two kernels started side by side each get a socket folder no other kernel uses, run code through it, and
    leave nothing behind: a TCP port picked by one cannot be taken by the other."""
    import json
    import os
    import stat

    from jupyter_core.utils import run_sync

    from partylines.report.kernel import KeptKernel, kernel_name

    kernels = [KeptKernel(tmp_path / f"kernel-{n}.log", dict(os.environ), kernel_name()) for n in range(2)]
    try:
        for n, kept in enumerate(kernels):
            manager = kept.fresh(tmp_path)
            info = json.loads(open(manager.connection_file).read())
            assert info["transport"] == "ipc"
            assert info["ip"].startswith(str(kept.sockets))
            sockets = [p for p in kept.sockets.iterdir() if stat.S_ISSOCK(p.stat().st_mode)]
            assert len(sockets) == 5  # shell, iopub, stdin, control, heartbeat
            client = manager.client()
            client.start_channels()
            try:
                seen = []
                reply = run_sync(client.execute_interactive)(
                    f"print({n} * 7)", timeout=60,
                    output_hook=lambda msg: seen.append(msg["content"].get("text", "")))
            finally:
                client.stop_channels()
            assert reply["content"]["status"] == "ok"
            assert "".join(seen).strip() == str(n * 7)
        assert kernels[0].sockets != kernels[1].sockets
        folders = [kept.sockets for kept in kernels]
    finally:
        for kept in kernels:
            kept.close()
    assert not any(folder.exists() for folder in folders)


def test_a_temporary_folder_too_deep_for_a_socket_path_falls_back_to_tcp(tmp_path, monkeypatch):
    import tempfile

    from partylines.report.kernel import kernel_sockets

    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    assert kernel_sockets() == (None, {})
    assert list(deep.iterdir()) == []  # the folder it tried is gone again
    monkeypatch.setattr(tempfile, "tempdir", None)  # the system's own temporary folder
    folder, where = kernel_sockets()
    try:
        assert where == {"transport": "ipc", "ip": str(folder / "k")}
        assert folder.parent == Path(tempfile.gettempdir()) and folder.is_dir()
    finally:
        folder.rmdir()
