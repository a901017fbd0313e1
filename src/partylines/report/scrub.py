"""Scrubbing an executed notebook: what makes two identical runs differ is removed, and the staging folder
it ran in is replaced by the report folder its files ended up in."""

from __future__ import annotations

from pathlib import Path

from ..core import config


def replace_strings(node, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in every string of a notebook output (dicts and lists, in place).

    Images are base64, whose alphabet has no ``.`` or ``-``, so a path cannot occur in them by accident.
    """
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if isinstance(value, str):
            if old in value:
                node[key] = value.replace(old, new)
        elif isinstance(value, (dict, list)):
            replace_strings(value, old, new)


def coalesce_streams(outputs: list) -> list:
    """Adjacent outputs of one stream (stdout, stderr) joined into one, as a reader sees them: the kernel sends
    a ``print`` in as many messages as its buffer was flushed, so one run stores ``"27 phrases\\n"`` and the
    next ``"27 phrases"`` then ``"\\n"``."""
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            text = previous["text"] if isinstance(previous["text"], str) else "".join(previous["text"])
            more = output["text"] if isinstance(output["text"], str) else "".join(output["text"])
            previous["text"] = text + more
        else:
            joined.append(output)
    return joined


def scrub(nb, *, stage_root: Path, out_root: Path, input_path: Path, output_name: str) -> None:
    """Remove what makes an executed notebook differ between two identical runs.

    Timings (papermill's ``start_time``/``end_time``/``duration``, nbclient's ``execution``) are dropped, a
    stream's outputs split by the kernel's flushes are joined (:func:`coalesce_streams`), the
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
        if cell.get("outputs"):
            cell.outputs = coalesce_streams(cell.outputs)
        for output in cell.get("outputs", []):  # e.g. the paths save_figure returns, shown as a result
            replace_strings(output, stage, final)
        cell.metadata.pop("execution", None)
        cell_meta = cell.metadata.get("papermill")
        if cell_meta is not None:
            for key in ("start_time", "end_time", "duration"):
                cell_meta.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(stage, final).replace(project, "")
            cell["id"] = "injected-parameters"  # papermill gives the cell a random id


#: Content-Security-Policy of the rendered notebooks: no script, no fetch; inline styles and data: images only.
