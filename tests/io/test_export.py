"""Exports: byte-identical figures across processes, stable CSV, sanitised names, atomic writes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pytest

import partylines as pl
from partylines.core import files

FIGURE_SCRIPT = textwrap.dedent(
    """
    import sys
    import pandas as pd
    import partylines as pl
    table = pd.DataFrame({"section": [0, 1], "label": ["(opening)", "A heading"], "tokens": [120, 80],
                          "paragraphs": [1, 2]})
    fig = pl.plot_section_sizes(table)
    pl.save_figure(fig, "sizes", doc="demo", root=sys.argv[1])
    """
)


@pytest.mark.slow
def test_export_figures_byte_identical_across_processes(tmp_path):
    roots = [tmp_path / "a", tmp_path / "b"]
    for root in roots:
        subprocess.run([sys.executable, "-c", FIGURE_SCRIPT, str(root)], check=True)
    for fmt in ("png", "svg", "pdf"):
        first, second = (root / "demo" / "figures" / f"sizes.{fmt}" for root in roots)
        assert first.stat().st_size > 1000
        assert first.read_bytes() == second.read_bytes(), fmt


def test_export_png_is_300_dpi(tmp_path):
    from PIL import Image

    fig = pl.plot_section_sizes(pd.DataFrame({"section": [0], "label": ["x"], "tokens": [3], "paragraphs": [1]}))
    png, *_ = pl.save_figure(fig, "one", doc="demo", root=tmp_path, formats=("png",))
    dpi = Image.open(png).info["dpi"]
    assert round(dpi[0]) == 300


def test_export_table_csv_is_stable_utf8(tmp_path):
    df = pd.DataFrame({"term": ["党", "party"], "count": [2, 1], "per_1k": [1 / 3, 0.1]})
    path = pl.save_table(df, "Terms Table", doc="demo", root=tmp_path)
    assert path == tmp_path / "demo" / "tables" / "terms-table.csv"
    assert path.read_bytes() == "term,count,per_1k\n党,2,0.333333\nparty,1,0.1\n".encode()


@pytest.mark.parametrize("name", ["../../escape", "/abs/path", "a/b\\c", "..", "名字"])
def test_export_names_cannot_escape(tmp_path, name):
    path = pl.save_table(pd.DataFrame({"a": [1]}), name, doc="../up", root=tmp_path)
    assert tmp_path in path.resolve().parents
    assert path.parent == tmp_path / "up" / "tables"


def test_export_output_dir_uses_doc_slug(article_doc, tmp_path):
    assert pl.output_dir(article_doc, "figures", root=tmp_path) == tmp_path / "wang-jiarui-2007-party-diplomacy" / "figures"


def test_export_atomic_write_leaves_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    files.atomic_write(target, "old\n")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        files.atomic_write(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_export_relative_root_is_taken_from_the_project_root(monkeypatch, tmp_path):
    from partylines.core import config

    monkeypatch.chdir(tmp_path)
    assert pl.output_dir("demo", "tables", root="reports") == config.PROJ_ROOT / "reports" / "demo" / "tables"


def _long_subtitle_chart():
    """A chart whose subtitle is far wider than its axes, with a legend outside them (what made constrained
    layout narrow the axes a little more at every save)."""
    from partylines.plots.style import finish, new_axes, style

    with style():
        fig, ax = new_axes(None, width=6, height=3)
        ax.plot([0, 1], [0, 1], label="a line")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        return finish(fig, ax, title="Drift", xlabel="x", ylabel="y", subtitle="a subtitle " * 12)


def test_export_saving_again_or_in_another_order_gives_the_same_bytes():
    from partylines.io.figures import figure_bytes

    fresh = {fmt: figure_bytes(_long_subtitle_chart(), fmt) for fmt in ("png", "svg", "pdf")}
    fig = _long_subtitle_chart()
    for fmt in ("pdf", "svg", "png", "pdf", "svg", "pdf"):  # each save starts from the same layout
        assert figure_bytes(fig, fmt) == fresh[fmt], fmt
    width = fig.axes[0].get_position().width
    assert width > 0.3  # the axes keep a real width (they shrank towards zero before)


@pytest.mark.slow
def test_export_every_chart_of_the_notebooks_is_the_same_when_saved_twice():
    import hashlib

    from helpers import every_figure
    from partylines.core import config
    from partylines.io.figures import figure_bytes

    changed = []
    for path in (config.DEFAULT_DOCUMENT, config.SECOND_DOCUMENT):
        for name, fig in every_figure(pl.parse(path)).items():
            first = hashlib.sha256(figure_bytes(fig, "svg")).hexdigest()
            if hashlib.sha256(figure_bytes(fig, "svg")).hexdigest() != first:
                changed.append(f"{path.stem}: {name}")
    assert changed == []


def test_export_a_figure_without_a_layout_engine_keeps_positions_set_by_hand():
    from matplotlib.figure import Figure

    from partylines.io.figures import figure_bytes

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    figure_bytes(fig, "svg")
    ax.set_position([0.3, 0.3, 0.4, 0.4])  # the user moves the axes after a first save
    figure_bytes(fig, "svg")
    assert [round(v, 6) for v in ax.get_position().bounds] == [0.3, 0.3, 0.4, 0.4]
