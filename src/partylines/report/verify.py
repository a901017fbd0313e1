"""Verifying a report: regenerate it in a temporary folder and compare every file with the committed manifest."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal

from ..core import config
from ..core.errors import InputError
from ..core.files import sha256_file
from .manifest import MANIFEST, find_manifests, read_manifest
from .run import REPORT_PARAMETERS, ReportEvent, run_report


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
        if not source.exists():
            raise InputError(f"{source}: the document of {path / MANIFEST} is gone; restore it or run partylines report")
        paths.append(source)
    compared, differences = 0, []
    # each report again with the notebook parameters it was made with (``report -p``), those alike together
    runs: dict[str, list[int]] = {}
    for i, manifest in enumerate(committed.values()):
        given = {k: v for k, v in manifest.get("parameters", {}).items() if k not in REPORT_PARAMETERS}
        runs.setdefault(json.dumps(given, sort_keys=True), []).append(i)
    folders = list(committed)
    for given, members in runs.items():
        with tempfile.TemporaryDirectory(prefix="partylines-verify-") as scratch:
            reports = run_report([paths[i] for i in members], out=scratch, notebooks=notebooks, jobs=jobs,
                                 timeout=timeout, on_event=on_event, parameters=json.loads(given))
            for i, report in zip(members, reports):
                count, diffs = compare_reports(folders[i], report.folder)
                compared += count
                differences += diffs
    return Verification(folder=folder, documents=len(committed), compared=compared, differences=differences)
