"""``partylines report`` and ``partylines verify``: outputs, manifest, reproducibility, safety, failures, kills.

Most tests drive the machinery with small notebooks written here (a kernel start and a pandas import each, a
few seconds), so that failures, kills and verification can be staged exactly; the project's real notebooks
are run where the claim is about them: byte-identical figures and tables from two runs, and HTML that runs no
script for a document full of ``<script>``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

import partylines as pl
from partylines.core import config
from partylines.cli import main
from partylines.cli.report import Progress
from partylines.core.files import TMP_PREFIX
from partylines.io.html import clean_html
from partylines.report import ReportEvent, compare_reports, find_notebooks, read_manifest, run_report
from partylines.report.render import HTML_POLICY
from partylines.report.staging import clean_stale
from helpers import INJECTION_TEXT, edge_reports, real_reports

ARTICLE = config.DEFAULT_DOCUMENT
SECOND = config.SECOND_DOCUMENT
ARTICLE_SLUG = "wang-jiarui-2007-party-diplomacy"
SECOND_SLUG = "roosevelt-1941-four-freedoms"

LIVE_SCRIPT = re.compile(r"<script\b[^>]*>\s*alert", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)
LIVE_LINK = re.compile(r"<a\b[^<>]*href\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)

SAVE_CELL = """\
import os
from pathlib import Path
import pandas as pd
from matplotlib.figure import Figure
import partylines as pl
from partylines.text.documents import slugify
from partylines.io.export import save_figure, save_table
pl.use_notebook(out_dir=OUT_DIR, static=STATIC)
slug = slugify(Path(DOCUMENT).stem)
keys = ["PARTYLINES_STATIC", "PYTHONHASHSEED", "PARTYLINES_REPORTS_DIR"]
values = [repr(STATIC)] + [os.environ.get(k, "unset") for k in keys]
save_table(pd.DataFrame({"name": ["STATIC", *keys], "value": values}), "environment", doc=slug, root=OUT_DIR)
fig = Figure(figsize=(3, 2))
ax = fig.add_subplot()
ax.bar(["a", "b"], [2, 1])
ax.set_title(slug[:20])
save_figure(fig, "bars", doc=slug, root=OUT_DIR)
save_table(pd.DataFrame({"x": [1]}), "no-root", doc=slug)  # root left out: use_notebook's out_dir holds
"""
SLEEP_CELL = 'import time\ntime.sleep(float(os.environ.get("PARTYLINES_TEST_SLEEP", "0")))'
ECHO_CELL = """\
from pathlib import Path
import pandas as pd
from IPython.display import HTML, Javascript, Markdown, display
from partylines.text.documents import slugify
from partylines.io.export import save_table
text = Path(DOCUMENT).read_text(encoding="utf-8")
display(HTML(text))
display(Markdown(text))
display(Javascript("alert('from a javascript output')"))
print(text)
save_table(pd.DataFrame({"first_line": [text.splitlines()[0]]}), "first-line", doc=slugify(Path(DOCUMENT).stem), root=OUT_DIR)
"""


def write_notebook(path: Path, cells: list[str]) -> Path:
    """A notebook like the project's: a title, a ``parameters`` cell, then the given code cells."""
    import nbformat  # slow to import (jsonschema): only in the tests that write or read notebooks

    params = nbformat.v4.new_code_cell("DOCUMENT = None\nPIPELINE = None\nOUT_DIR = None\nSTATIC = None")
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(f"# {path.stem}"), params, *map(nbformat.v4.new_code_cell, cells)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="session")
def quick_notebooks(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quick-notebooks")
    write_notebook(folder / "01-tables.ipynb", [SAVE_CELL, SLEEP_CELL])
    write_notebook(folder / "02-echo.ipynb", [ECHO_CELL])
    return folder


@pytest.fixture(scope="session")
def failing_notebooks(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("failing-notebooks")
    write_notebook(folder / "01-tables.ipynb", [SAVE_CELL])
    write_notebook(folder / "02-fails.ipynb", ["x = 1", "raise ValueError('planted failure')", "y = 2"])
    return folder


@pytest.fixture(scope="session")
def injection_document(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("documents") / "injected-speech.txt"
    path.write_text(INJECTION_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def quick_report(tmp_path_factory, quick_notebooks, injection_document):
    """The quick notebooks run on the article and on the injection document (and the events they sent)."""
    out = tmp_path_factory.mktemp("quick-report")
    events: list[ReportEvent] = []
    reports = run_report([ARTICLE, injection_document], out=out, notebooks=quick_notebooks, on_event=events.append)
    return out, reports, events


@pytest.fixture(scope="session")
def article_quick_report(tmp_path_factory, quick_notebooks) -> Path:
    """A committed-style report root with the article only, to verify against."""
    out = tmp_path_factory.mktemp("quick-article")
    run_report([ARTICLE], out=out, notebooks=quick_notebooks)
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(folder: Path, *, hidden: bool = False) -> dict[str, str]:
    """Relative path -> SHA-256 of every file (hidden ones only when asked)."""
    files = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if path.is_file() and (hidden or not any(part.startswith(".") for part in rel.parts)):
            files[rel.as_posix()] = sha256(path)
    return files


def cli(args: list[str], capsys) -> tuple[int, str, str]:
    rc = main([str(a) for a in args])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


# --- finding notebooks, bad input -------------------------------------------------------------------------


def test_report_find_notebooks_in_name_order(tmp_path):
    for name in ("02-b.ipynb", "10-c.ipynb", "01-a.ipynb", ".hidden.ipynb", "notes.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "01-a-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    assert [p.name for p in find_notebooks(tmp_path)] == ["01-a.ipynb", "02-b.ipynb", "10-c.ipynb"]


def test_report_missing_document_is_one_line_error(tmp_path, capsys):
    rc, out, err = cli(["report", tmp_path / "no-such-speech.txt", "--out", tmp_path / "out"], capsys)
    assert rc == 1
    assert err.count("\n") == 1 and "no-such-speech.txt" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_report_documents_sharing_a_folder_is_usage_error(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "speech.txt").write_text("We will work for peace.\n", encoding="utf-8")
    rc, _, err = cli(["report", tmp_path / "a/speech.txt", tmp_path / "b/speech.txt", "--out", tmp_path / "o"], capsys)
    assert rc == 2 and err.count("\n") == 1 and "speech" in err and "rename" in err


def test_report_without_notebooks_is_one_line_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    rc, _, err = cli(["report", "--notebooks", tmp_path / "empty", "--out", tmp_path / "o"], capsys)
    assert rc == 1 and err.count("\n") == 1 and "no notebooks" in err
    assert err.rstrip().endswith("give a folder of notebooks as --notebooks")
    with pytest.raises(pl.InputError) as raised:  # the Python API names its own argument
        run_report(notebooks=tmp_path / "empty", out=tmp_path / "o")
    assert str(raised.value).endswith("give a folder of notebooks as notebooks")


def test_run_report_names_the_jobs_argument(tmp_path):
    with pytest.raises(pl.OptionError) as raised:
        run_report(jobs=0, out=tmp_path / "o")
    assert str(raised.value) == "jobs must be 1 or more (got 0)"


# --- what a report folder holds ---------------------------------------------------------------------------


@pytest.mark.kernel
def test_report_writes_outputs_renderings_and_manifest(quick_report, article_doc):
    out, reports, _ = quick_report
    folder = out / ARTICLE_SLUG
    assert reports[0].folder == folder
    manifest = read_manifest(folder / "manifest.json")
    assert manifest["document"] == {
        "path": "data/raw/wang-jiarui-2007-party-diplomacy.txt",  # relative: the manifest travels with a clone
        "sha256": hashlib.sha256(ARTICLE.read_bytes()).hexdigest(),
        "slug": ARTICLE_SLUG,
        "title": pl.doc_meta(article_doc)["title"],
    }
    assert manifest["pipeline"] == {
        "name": pl.doc_meta(article_doc)["pipeline"],
        "version": pl.doc_meta(article_doc)["pipeline_version"],
    }
    versions = manifest["versions"]
    assert versions["partylines"] == pl.__version__ and versions["python"] == platform.python_version()
    for package in ("spacy", "pandas", "matplotlib", "wordcloud"):
        assert versions[package] == metadata.version(package)
    files = tree(folder)
    expected_outputs = {
        "figures/bars.png", "figures/bars.svg", "figures/bars.pdf", "tables/environment.csv", "tables/first-line.csv",
        "tables/no-root.csv",
    }
    assert set(manifest["outputs"]) == expected_outputs
    assert manifest["outputs"] == {rel: files[rel] for rel in expected_outputs}
    assert set(manifest["renderings"]) == {
        "README.md", "notebooks/01-tables.ipynb", "notebooks/01-tables.html", "notebooks/02-echo.ipynb",
        "notebooks/02-echo.html",
    }
    assert manifest["renderings"] == {rel: files[rel] for rel in manifest["renderings"]}
    assert set(files) == expected_outputs | set(manifest["renderings"]) | {"manifest.json"}
    by_name = {e["name"]: e for e in manifest["notebooks"]}
    assert by_name["01-tables.ipynb"]["outputs"] == [
        "figures/bars.pdf", "figures/bars.png", "figures/bars.svg", "tables/environment.csv", "tables/no-root.csv",
    ]
    assert by_name["02-echo.ipynb"]["outputs"] == ["tables/first-line.csv"]
    assert all(e["status"] == "ok" for e in manifest["notebooks"])


@pytest.mark.kernel
def test_report_document_outside_project_keeps_absolute_path(quick_report, injection_document):
    out, _, _ = quick_report
    manifest = read_manifest(out / "injected-speech" / "manifest.json")
    assert manifest["document"]["path"] == str(injection_document.resolve())


@pytest.mark.kernel
def test_report_kernels_get_settings_as_parameters_not_environment(quick_report):
    out, _, _ = quick_report
    rows = (out / ARTICLE_SLUG / "tables" / "environment.csv").read_text(encoding="utf-8").splitlines()
    # STATIC arrives as a parameter; the kernel's environment is the caller's (nothing set, no fixed hash seed)
    expected = [f"{k},{os.environ.get(k, 'unset')}" for k in ("PARTYLINES_STATIC", "PYTHONHASHSEED", "PARTYLINES_REPORTS_DIR")]
    assert rows == ["name,value", "STATIC,True", *expected]
    assert (out / ARTICLE_SLUG / "tables" / "no-root.csv").is_file()
    assert not (config.reports_dir() / ARTICLE_SLUG / "tables" / "no-root.csv").exists()


@pytest.mark.kernel
def test_report_executed_notebooks_have_no_timings_and_real_out_dir(quick_report):
    out, _, _ = quick_report
    text = (out / ARTICLE_SLUG / "notebooks" / "01-tables.ipynb").read_text(encoding="utf-8")
    nb = json.loads(text)
    assert "start_time" not in text and "end_time" not in text and TMP_PREFIX not in text
    assert nb["metadata"]["papermill"]["parameters"]["OUT_DIR"] == str(out.resolve())
    # inside the project, the document is shown relative to the project root (the same in every clone)
    expected = ARTICLE.resolve().relative_to(config.PROJ_ROOT).as_posix()
    assert nb["metadata"]["papermill"]["parameters"]["DOCUMENT"] == expected
    assert str(config.PROJ_ROOT) not in text


@pytest.mark.kernel
def test_report_readme_indexes_figures_and_escapes_title(quick_report):
    out, _, _ = quick_report
    readme = (out / "injected-speech" / "README.md").read_text(encoding="utf-8")
    assert "![bars](figures/bars.png)" in readme and "[tables/first-line.csv](tables/first-line.csv)" in readme
    assert readme.index("## 01-tables") < readme.index("![bars]") < readme.index("## 02-echo")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in readme and "<script" not in readme


# --- safe rendering ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "kept", "removed"),
    [
        ("<p>peace</p><script>alert(1)</script>", "<p>peace</p>", "<script"),
        ('<img src=x onerror="alert(2)">', "<img", "onerror"),
        ('<a href="javascript:alert(3)">x</a>', "<a>x</a>", "javascript:"),
        ('<a href="data:text/html,hi">x</a>', "<a>x</a>", "data:text"),
        ('<iframe src="https://example.org"></iframe><p>a</p>', "<p>a</p>", "iframe"),
        ('<svg onload="alert(4)"><circle r="1"/></svg>', "", "onload"),
        ('<table border="1" class="dataframe"><tr><th colspan="2">a</th></tr></table>', 'colspan="2"', "<script"),
        ('<img src="data:image/png;base64,AAAA" alt="chart">', 'src="data:image/png;base64,AAAA"', "onerror"),
        ('<mark style="background: #ddd; padding: 0.4em">China</mark>', "background: #ddd", "<script"),
        ("<h2 id=\"x\">Outline</h2><pre>code</pre>", '<h2 id="x">Outline</h2>', "<script"),
    ],
)
def test_report_clean_html(html, kept, removed):
    cleaned = clean_html(html)
    assert kept in cleaned and removed not in cleaned


@pytest.mark.kernel
def test_report_html_runs_no_script_from_document(quick_report):
    """The echo notebook shows the raw document as HTML, Markdown, JavaScript and print(): nothing may run."""
    out, _, _ = quick_report
    page = (out / "injected-speech" / "notebooks" / "02-echo.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not EVENT_HANDLER.search(page) and not LIVE_LINK.search(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # print() output: shown, escaped
    assert f'content="{HTML_POLICY}"' in page and "Content-Security-Policy" in page
    assert "cdnjs" not in page  # opens offline, calls nobody


@pytest.mark.slow
def test_report_html_of_real_notebooks_runs_no_script(tmp_path_factory):
    folder = edge_reports(tmp_path_factory)["injected-speech"]
    manifest = read_manifest(folder / "manifest.json")
    assert [e["name"] for e in manifest["notebooks"] if e["status"] != "ok"] == []
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) >= len(find_notebooks(kind="document"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not LIVE_SCRIPT.search(html), page.name
        assert not EVENT_HANDLER.search(html), page.name
        assert not LIVE_LINK.search(html), page.name
    first = (folder / "notebooks" / "01-the-article-at-a-glance.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first


# --- reproducibility ---------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", ["article", "second"])
def test_report_again_is_byte_identical_to_the_committed_report(tmp_path_factory, name):
    # the notebooks run again in this session (shared with the notebook tests) make every output file of the
    # committed report byte for byte: a change that alters an output must regenerate the reports (make report)
    again = real_reports(tmp_path_factory)[name]
    committed = config.PROJ_ROOT / "reports" / again.name

    def outputs(folder: Path) -> dict[str, str]:
        return {rel: digest for rel, digest in tree(folder).items() if rel.startswith(("figures/", "tables/", "html/"))}

    made, kept = outputs(again), outputs(committed)
    assert made and sorted(made) == sorted(kept)
    changed = [rel for rel in made if made[rel] != kept[rel]]
    assert changed == [], f"outputs differ from reports/{again.name}: regenerate the reports (make report)"
    assert {p for p in made if p.startswith("figures/")}, "the notebooks save figures"
    compared, differences = compare_reports(committed, again)
    assert compared == len(made)
    assert [d for d in differences if not d.is_note] == []


@pytest.mark.kernel
def test_report_same_place_twice_changes_nothing(tmp_path, quick_notebooks):
    first = run_report([ARTICLE], out=tmp_path, notebooks=quick_notebooks)
    assert [run.error for report in first for run in report.failures] == []
    before = tree(tmp_path, hidden=True)
    again = run_report([ARTICLE], out=tmp_path, notebooks=quick_notebooks)
    assert [run.error for report in again for run in report.failures] == []
    assert tree(tmp_path, hidden=True) == before  # renderings and manifest too: no timings, no random ids


# --- failures and progress ---------------------------------------------------------------------------------


@pytest.mark.kernel
def test_report_failing_notebook_named_with_cell_others_still_run(tmp_path, capsys, failing_notebooks):
    import nbformat  # slow to import (jsonschema): only in the tests that write or read notebooks

    rc, out, err = cli(["report", ARTICLE, SECOND, "--notebooks", failing_notebooks, "--out", tmp_path], capsys)
    assert rc == 1
    for slug in (ARTICLE_SLUG, SECOND_SLUG):
        executed = json.loads((tmp_path / slug / "notebooks" / "02-fails.ipynb").read_text(encoding="utf-8"))
        failed = next(c for c in executed["cells"] if any(o["output_type"] == "error" for o in c.get("outputs", [])))
        source = nbformat.read(failing_notebooks / "02-fails.ipynb", as_version=4)
        number = next(i for i, c in enumerate(source.cells, 1) if "planted failure" in c.source)
        line = next(ln for ln in err.splitlines() if ln.startswith(f"partylines: error: {slug}: 02-fails.ipynb"))
        assert f"cell {number} (In [{failed['execution_count']}])" in line
        assert "raise ValueError('planted failure')" in line and "ValueError: planted failure" in line
        assert (tmp_path / slug / "figures" / "bars.png").is_file()  # the other notebook still ran
        manifest = read_manifest(tmp_path / slug / "manifest.json")
        status = {e["name"]: e["status"] for e in manifest["notebooks"]}
        assert status == {"01-tables.ipynb": "ok", "02-fails.ipynb": "failed"}
    assert "Traceback" not in err
    # plain progress lines (stderr is not a terminal here): document, notebook, outcome, elapsed time
    assert f"report [1/2] {ARTICLE_SLUG}: 2 notebooks" in err and f"report [2/2] {SECOND_SLUG}: 2 notebooks" in err
    assert re.search(r"^  ok      01-tables  \d+\.\d s$", err, re.MULTILINE)
    assert re.search(r"^  FAILED  02-fails  \d+\.\d s: cell \d+", err, re.MULTILINE)
    assert re.search(rf"^report \[2/2\] {SECOND_SLUG}: done in \d+\.\d s -> ", err, re.MULTILINE)
    assert "\r" not in err and "\x1b" not in err
    assert f"{ARTICLE_SLUG}/: 1/2 notebooks ran" in out


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_report_progress_live_line_on_terminal():
    stream = FakeTerminal()
    progress = Progress(stream, interval=0.05)
    progress(ReportEvent("document", "speech", 1, 2, notebooks=3))
    progress(ReportEvent("start", "speech", 1, 2, notebook="01-glance", notebooks=3))
    time.sleep(0.3)
    progress(ReportEvent("done", "speech", 1, 2, notebook="01-glance", notebooks=3, elapsed=1.25))
    progress.close()
    text = stream.getvalue()
    live = [part for part in text.split("\r\x1b[K") if "01-glance" in part and "notebooks done" in part]
    assert live and re.search(r"\[1/2\] speech · 01-glance \d+ s · 0/3 notebooks done", live[-1])
    assert "  ok      01-glance  1.2 s\n" in text  # the permanent line, after the live line is cleared
    assert text.endswith("\n") or text.endswith("\r\x1b[K")


def test_report_progress_plain_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)
    progress(ReportEvent("start", "speech", 1, 1, notebook="01-glance", notebooks=1))
    progress(ReportEvent("done", "speech", 1, 1, notebook="01-glance", notebooks=1, elapsed=2.0, error="cell 3 raised KeyError: 'x'"))
    progress.close()
    assert stream.getvalue() == "  FAILED  01-glance  2.0 s: cell 3 raised KeyError: 'x'\n"


@pytest.mark.kernel
def test_report_events_in_order(quick_report):
    _, _, events = quick_report
    kinds = [(e.kind, e.slug, e.notebook) for e in events]
    assert kinds[:6] == [
        ("document", ARTICLE_SLUG, None),
        ("start", ARTICLE_SLUG, "01-tables"),
        ("done", ARTICLE_SLUG, "01-tables"),
        ("start", ARTICLE_SLUG, "02-echo"),
        ("done", ARTICLE_SLUG, "02-echo"),
        ("finished", ARTICLE_SLUG, None),
    ]
    assert len(events) == 12 and all(e.elapsed >= 0 for e in events)


# --- verify ------------------------------------------------------------------------------------------------


@pytest.mark.kernel
def test_verify_passes_on_fresh_report(article_quick_report, quick_notebooks, capsys):
    rc, out, err = cli(["verify", article_quick_report, "--notebooks", quick_notebooks], capsys)
    assert rc == 0, out + err
    assert "identical" in out and "differs" not in out


@pytest.mark.kernel
def test_verify_fails_naming_each_changed_file(article_quick_report, quick_notebooks, tmp_path, capsys):
    copy = tmp_path / "reports"
    shutil.copytree(article_quick_report, copy)
    folder = copy / ARTICLE_SLUG
    png = folder / "figures" / "bars.png"
    png.write_bytes(png.read_bytes() + b"\0")  # a committed figure altered
    (folder / "tables" / "environment.csv").unlink()  # a committed table lost
    (folder / "figures" / "stray.svg").write_text("<svg/>", encoding="utf-8")  # a file nobody listed
    rc, out, err = cli(["verify", copy, "--notebooks", quick_notebooks], capsys)
    assert rc == 1
    assert f"differs: {ARTICLE_SLUG}/figures/bars.png: the committed file does not match its manifest entry" in out
    assert f"missing: {ARTICLE_SLUG}/tables/environment.csv" in out
    assert f"extra: {ARTICLE_SLUG}/figures/stray.svg" in out
    assert f"{ARTICLE_SLUG}/figures/bars.svg" not in out  # unchanged files are not listed
    errors = [line for line in err.splitlines() if line.startswith("partylines: error:")]
    assert len(errors) == 1 and "3 difference(s)" in errors[0] and "Traceback" not in err


@pytest.mark.kernel
def test_verify_lists_versions_that_differ(article_quick_report, quick_notebooks, tmp_path, capsys):
    copy = tmp_path / "reports"
    shutil.copytree(article_quick_report, copy)
    path = copy / ARTICLE_SLUG / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["versions"]["pandas"] = "0.0.1"
    manifest["pipeline"]["version"] = "0.0.2"
    path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    rc, out, _ = cli(["verify", copy, "--notebooks", quick_notebooks], capsys)
    assert f"version: pandas: {metadata.version('pandas')} here, 0.0.1 in the manifest" in out
    assert "version: pipeline version: " in out and "0.0.2 in the manifest" in out
    assert rc == 0  # the files are identical; the versions are reported, not counted as differences


@pytest.mark.kernel
def test_verify_finds_a_document_outside_the_project_given_by_a_relative_path(quick_notebooks, tmp_path, monkeypatch,
                                                                            capsys):
    work = tmp_path / "work"
    work.mkdir()
    (work / "one-word.txt").write_text("Peace.\n", encoding="utf-8")
    monkeypatch.chdir(work)  # "partylines report one-word.txt" run where the file is
    with config.configured(cache_dir=tmp_path / "cache"):
        rc, out, err = cli(["report", "one-word.txt", "--out", tmp_path / "reports", "--notebooks", quick_notebooks],
                           capsys)
        assert rc == 0, out + err
        manifest = read_manifest(tmp_path / "reports" / "one-word" / "manifest.json")
        assert manifest["document"]["path"] == (work / "one-word.txt").resolve().as_posix()
        monkeypatch.chdir(tmp_path)  # verified from another folder
        rc, out, err = cli(["verify", tmp_path / "reports", "--notebooks", quick_notebooks], capsys)
    assert rc == 0, out + err
    assert "identical" in out


def test_verify_without_report_is_one_line_error(tmp_path, capsys):
    rc, _, err = cli(["verify", tmp_path], capsys)
    assert rc == 1 and err.count("\n") == 1 and "no report" in err


# --- interrupted runs --------------------------------------------------------------------------------------


def test_report_clean_stale_keeps_live_runs(tmp_path):
    dead = tmp_path / f"{TMP_PREFIX}run-999999999-abc"
    live = tmp_path / f"{TMP_PREFIX}run-{os.getpid()}-def"
    stray = tmp_path / f"{TMP_PREFIX}x1y2"
    for folder in (dead, live):
        (folder / "doc" / "figures").mkdir(parents=True)
        (folder / "doc" / "figures" / "a.png").write_bytes(b"png")
    stray.write_bytes(b"half")
    (tmp_path / "doc").mkdir()
    assert sorted(clean_stale(tmp_path)) == sorted([dead, stray])
    assert live.is_dir() and (tmp_path / "doc").is_dir() and not dead.exists() and not stray.exists()


def test_report_clean_stale_restores_report_set_aside_by_unfinished_swap(tmp_path):
    aside = tmp_path / f"{TMP_PREFIX}old-999999999-speech"
    (aside / "tables").mkdir(parents=True)
    (aside / "tables" / "terms.csv").write_text("term,count\n", encoding="utf-8")
    assert clean_stale(tmp_path) == []
    assert (tmp_path / "speech" / "tables" / "terms.csv").is_file() and not aside.exists()


@pytest.mark.kernel
def test_report_killed_half_way_leaves_no_partial_output(tmp_path, quick_notebooks):
    out = tmp_path / "reports"
    run_report([ARTICLE], out=out, notebooks=quick_notebooks)
    before = tree(out)
    command = [sys.executable, "-c", "import sys; from partylines.cli import main; sys.exit(main())",
               "report", str(ARTICLE), "--notebooks", str(quick_notebooks), "--out", str(out)]
    env = {**os.environ, "PARTYLINES_TEST_SLEEP": "120"}  # 01-tables sleeps after saving its files
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(f"{TMP_PREFIX}run-*/nb-01-tables/*/figures/bars.pdf")):  # the last file
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert list(out.glob(f"{TMP_PREFIX}run-*")), "the killed run was writing in its staging folder"
    assert tree(out) == before  # the previous report is intact, nothing half-written is visible
    rerun = run_report([ARTICLE], out=out, notebooks=quick_notebooks)[0]
    assert not rerun.failures
    assert not [p for p in out.rglob("*") if p.name.startswith(TMP_PREFIX)]  # stale staging removed
    assert tree(out) == before


# --- parallel notebooks, clashing names ---------------------------------------------------------------------


@pytest.mark.kernel
def test_report_parallel_jobs_make_the_same_files(tmp_path, quick_notebooks, article_quick_report):
    report = run_report([ARTICLE], out=tmp_path, notebooks=quick_notebooks, jobs=2)[0]
    serial = read_manifest(article_quick_report / ARTICLE_SLUG / "manifest.json")
    assert report.manifest["outputs"] == serial["outputs"]
    assert report.manifest["notebooks"] == serial["notebooks"]


@pytest.mark.kernel
def test_report_two_notebooks_saving_one_name_fail_the_second(tmp_path, capsys):
    folder = tmp_path / "notebooks"
    write_notebook(folder / "01-first.ipynb", [SAVE_CELL])
    write_notebook(folder / "02-second.ipynb", [SAVE_CELL])
    rc, _, err = cli(["report", "--notebooks", folder, "--out", tmp_path / "out"], capsys)
    assert rc == 1
    assert f"partylines: error: {ARTICLE_SLUG}: 02-second.ipynb failed: wrote figures/bars.pdf, which 01-first.ipynb wrote too" in err
    manifest = read_manifest(tmp_path / "out" / ARTICLE_SLUG / "manifest.json")
    assert [e["status"] for e in manifest["notebooks"]] == ["ok", "failed"]
    assert manifest["notebooks"][1]["outputs"] == []


# --- a corpus report ---------------------------------------------------------------------------------------

CORPUS_CELL = """\
import partylines as pl
from partylines.io.export import save_table
pl.use_notebook(out_dir=OUT_DIR, static=STATIC)
corpus = pl.read_corpus(CORPUS, pipeline=PIPELINE)
save_table(pl.documents_table(corpus)[["id", "year", "words"]], "documents", doc=corpus.name, root=OUT_DIR)
"""


@pytest.mark.kernel
def test_a_corpus_gets_the_corpus_notebooks_once_and_verifies(tmp_path, quick_notebooks):
    import nbformat  # slow to import (jsonschema): only in the tests that write or read notebooks

    from helpers import write_small_corpus
    from partylines.report import verify_report

    notebooks = tmp_path / "notebooks"
    shutil.copytree(quick_notebooks, notebooks)
    corpus_nb = write_notebook(notebooks / "06-corpus.ipynb", [CORPUS_CELL])
    nb = nbformat.read(corpus_nb, as_version=4)
    nb.cells[1].source = "CORPUS = None\nPIPELINE = None\nOUT_DIR = None\nSTATIC = None"
    nbformat.write(nb, corpus_nb)
    folder = write_small_corpus(tmp_path / "speeches")
    with config.configured(cache_dir=tmp_path / "cache"):
        reports = run_report([folder], out=tmp_path / "reports", notebooks=notebooks)
        assert [r.slug for r in reports] == ["speeches"]
        manifest = reports[0].manifest
        assert [e["name"] for e in manifest["notebooks"]] == ["06-corpus.ipynb"]  # not the document notebooks
        assert manifest["document"]["kind"] == "corpus" and manifest["document"]["documents"] == 6
        table = (reports[0].folder / "tables" / "documents.csv").read_text(encoding="utf-8").splitlines()
        assert len(table) == 1 + 6
        assert "Corpus `" in (reports[0].folder / "README.md").read_text(encoding="utf-8")
        result = verify_report(tmp_path / "reports", notebooks=notebooks)
        assert result.ok and result.compared == len(manifest["outputs"]) > 0
        (folder / "texts" / "north-2001.txt").write_text("Peace above all.\n", encoding="utf-8")
        changed = verify_report(tmp_path / "reports", notebooks=notebooks)
        assert any(d.kind == "input" for d in changed.differences)  # the corpus changed since its report


LEAVES_TRACES = """\
import warnings
import partylines
LEFT_BEHIND = 1
warnings.simplefilter("ignore")
partylines.left_behind = True
print("first")
"""
FINDS_NONE = """\
import sys, warnings
assert "LEFT_BEHIND" not in globals(), "a variable of the notebook before"
assert ("ignore", None, Warning, None, 0) not in warnings.filters, "a warning filter of the notebook before"
assert "__spec__" in globals() and "__builtins__" in globals(), "the names a new kernel has"
warnings.warn("shown in every notebook")
print("kept module:", getattr(sys.modules["partylines"], "left_behind", False))
"""


@pytest.mark.kernel
def test_report_kept_kernel_runs_each_notebook_as_a_new_kernel_would(tmp_path):
    import nbformat  # slow to import (jsonschema): only in the tests that write or read notebooks

    # one job: one kernel runs the three notebooks one after another; each starts clean (variables, warning
    # filters, warnings already shown, execution counts), only imported modules stay
    folder = tmp_path / "notebooks"
    write_notebook(folder / "01-leaves.ipynb", [LEAVES_TRACES])
    write_notebook(folder / "02-finds.ipynb", [FINDS_NONE])
    write_notebook(folder / "03-finds-again.ipynb", [FINDS_NONE])
    report = run_report([ARTICLE], out=tmp_path / "out", notebooks=folder, jobs=1)[0]
    assert not report.failures, [f"{r.name}: {r.error}" for r in report.failures]
    for name in ("02-finds", "03-finds-again"):
        executed = nbformat.read(report.folder / "notebooks" / f"{name}.ipynb", as_version=4)
        code = [c for c in executed.cells if c.cell_type == "code"]
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
        streams = "".join(o.get("text", "") for c in code for o in c.outputs if o.output_type == "stream")
        assert "shown in every notebook" in streams  # not silenced as "already shown" by the notebook before
        assert "kept module: True" in streams  # the same kernel ran it: the module imported before is kept


def test_report_parameters_are_checked_before_any_work(tmp_path, capsys):
    assert cli(["report", "-p", "NOEQUALS"], capsys)[0] == 2
    code, _, err = cli(["report", "-p", "NO_SUCH=1", "--out", tmp_path / "r"], capsys)
    assert code == 2 and "notebook parameter NO_SUCH: no notebook to run has it" in err
    code, _, err = cli(["report", "-p", "OUT_DIR=x", "--out", tmp_path / "r"], capsys)
    assert code == 2 and "is set by the report" in err
    code, _, err = cli(["report", "--no-starter", "--out", tmp_path / "r"], capsys)
    assert code == 2 and "--dictionary FILE" in err
    missing = tmp_path / "no-such.yaml"
    code, _, err = cli(["report", "--dictionary", missing, "--out", tmp_path / "r"], capsys)
    assert code != 0 and str(missing) in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r").exists()
