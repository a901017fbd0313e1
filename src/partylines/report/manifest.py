"""The manifest of a report: what went in (document, pipeline, software), what came out (the SHA-256 of every
file), and a README indexing it; and reading manifests back."""

from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path

from ..core.config import VERSION
from ..core.errors import InputError
from ..core.files import atomic_write, sha256_file
from .kernel import one_line

#: Bump when the manifest changes shape.
MANIFEST_VERSION = 2
MANIFEST = "manifest.json"
#: Packages whose versions are recorded (they decide what the figures and tables look like).
VERSIONED_PACKAGES = ("spacy", "pandas", "numpy", "matplotlib", "wordcloud")


def source_digest() -> str:
    """SHA-256 (first 16 hex digits) over partylines' own files: names and bytes of every ``.py`` and data file.

    The version number stays the same while the code changes between releases; this changes with any edit,
    so :func:`verify_report` can say that the code is not the code that made the report.
    """
    import hashlib

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def software_versions() -> dict[str, str]:
    """Versions of partylines (and a digest of its source), Python, the packages that shape the outputs and
    the FreeType that draws their text."""
    versions = {"partylines": VERSION, "partylines source": source_digest(), "python": platform.python_version()}
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



def readme(manifest: dict) -> str:
    """A Markdown index of one report folder (document text is escaped: it may contain markup)."""

    def esc(text: str) -> str:
        return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    doc = manifest["document"]
    what = (f"Corpus `{esc(doc['path'])}` ({doc.get('documents', '?')} documents; SHA-256 over their files "
            f"`{doc['sha256'][:16]}…`)" if doc.get("kind") == "corpus" else
            f"Document `{esc(doc['path'])}` (SHA-256 `{doc['sha256'][:16]}…`)")
    lines = [
        f"# Report: {esc(doc['title'] or doc['slug'])}",
        "",
        f"{what}, parsed with "
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


def is_report(folder: Path) -> bool:
    """Whether ``folder`` is a report partylines made: a real folder (not a link) whose ``manifest.json``
    says so (a document, its outputs, and partylines among the versions). Only such a folder may be replaced
    by a new report; anything else at that name is the user's."""
    folder = Path(folder)
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(manifest, dict) and isinstance(manifest.get("document"), dict)
            and isinstance(manifest.get("outputs"), dict) and "partylines" in (manifest.get("versions") or {}))


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


def build_manifest(subject: dict, meta: dict, runs: list, notebooks: list[Path], owner: dict[str, str], final: Path,
                   *, parameters: dict) -> dict:
    """The manifest of one report folder: what it is about (``subject``: a document's path, SHA-256, slug and
    title), the pipeline and software, each notebook with its status and files, and every output's SHA-256."""
    return {
        "manifest_version": MANIFEST_VERSION,
        "document": subject,
        "pipeline": {"name": meta.get("pipeline"), "version": meta.get("pipeline_version")},
        "versions": software_versions(),
        "parameters": dict(parameters),
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
        "outputs": {rel: sha256_file(final / rel) for rel in sorted(owner)},
    }


def write_manifest(final: Path, manifest: dict) -> None:
    """Write the README, then the manifest with the SHA-256 of every other file (the renderings)."""
    atomic_write(final / "README.md", readme(manifest))
    manifest["renderings"] = {
        rel: sha256_file(final / rel)
        for rel in sorted(p.relative_to(final).as_posix() for p in final.rglob("*") if p.is_file())
        if rel not in manifest["outputs"]
    }
    atomic_write(final / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
