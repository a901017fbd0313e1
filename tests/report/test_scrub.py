"""Scrubbing an executed notebook: a print the kernel happened to flush in pieces is stored as one output."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from partylines.report.scrub import coalesce_streams, scrub


def _stream(name: str, text):
    return new_output("stream", name=name, text=text)


def test_pieces_of_one_stream_are_joined_and_other_outputs_kept_apart():
    outputs = [_stream("stdout", "27 phrases occur"), _stream("stdout", " at least 2 times"), _stream("stdout", "\n"),
               _stream("stderr", "a warning\n"), _stream("stdout", ["two\n", "lines\n"]),
               new_output("execute_result", data={"text/plain": "1"}, execution_count=1), _stream("stdout", "after\n")]
    joined = coalesce_streams(outputs)
    def text(o):
        return "".join(o["text"]) if "text" in o else None

    assert [(o["output_type"], o.get("name"), text(o)) for o in joined] == [
        ("stream", "stdout", "27 phrases occur at least 2 times\n"),
        ("stream", "stderr", "a warning\n"),
        ("stream", "stdout", "two\nlines\n"),
        ("execute_result", None, None),
        ("stream", "stdout", "after\n"),
    ]


def test_two_runs_flushed_differently_are_the_same_file(tmp_path):
    def executed(pieces):
        cell = new_code_cell("print('27 phrases occur at least 2 times')",
                             outputs=[_stream("stdout", p) for p in pieces])
        cell["id"] = "count"
        nb = new_notebook(cells=[cell])
        nb.metadata["papermill"] = {}
        scrub(nb, stage_root=tmp_path / "stage", out_root=tmp_path / "out", input_path=tmp_path / "in.ipynb",
              output_name="in.ipynb")
        return nbformat.writes(nb)

    assert executed(["27 phrases occur at least 2 times\n"]) == executed(["27 phrases occur at least 2 times", "\n"])
