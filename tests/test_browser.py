"""JupyterLab in a real browser: ``make lab`` on a copy of the notebooks, driven by headless Chromium.

What a reader does, in order: open notebook 02 (it must come up with the "partylines" kernel, no kernel to
pick), choose Run > Run All Cells, look at the chart and the tables, then type a query into the concordance
explorer and see the lines change. Screenshots go to ``test-artifacts/`` (gitignored) for a human to look at.

The browser is Debian's ``chromium`` driven through Playwright's ``executable_path`` (Playwright's own
browser download is never used). Without Chromium the test is skipped on a workstation and fails in CI
(``CI`` set), where ``.ci/run`` installs it. The lab runs on a free localhost port with a random token, on a
temporary copy of ``notebooks/`` with its own Jupyter settings, runtime and report folders, so nothing in
the checkout or in ``~/.jupyter`` is touched; it is always stopped, with its kernels, at the end.
"""

from __future__ import annotations

import contextlib
import json
import re
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from partylines.core import config

pytestmark = pytest.mark.slow

ROOT = config.PROJ_ROOT
NOTEBOOK = "02-term-frequencies.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; found on PATH first
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
KERNEL_DISPLAY_NAME = "Python (partylines)"

#: JupyterLab user settings for the test session: no news or update pop-ups over the notebook, and every
#: cell kept in the page (no virtual scrolling) so that all outputs can be inspected.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # The test saves when it means to; an autosave in between would race its reads.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

SERVER_START_S = 90
NOTEBOOK_OPEN_S = 90
RUN_ALL_S = 300
SAVE_AGAIN_S = 10  # a save not seen in the file by then is asked for again
EXPLORER_S = 120  # a ceiling: every wait polls its condition and returns as soon as it holds

#: Counts the page shows, read in one go: code cells, executed ones, running ones, error outputs (JupyterLab
#: draws a traceback as stderr; warnings have none), image outputs (charts, not widget images) and HTML
#: tables in outputs.
STATE_JS = """() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')];
  const text = p => p.textContent.trim();
  return {
    cells: prompts.length,
    done: prompts.filter(p => /^\\[\\d+\\]:?$/.test(text(p))).length,
    running: prompts.filter(p => text(p).includes('*')).length,
    errors: [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .filter(e => e.textContent.includes('Traceback')).length,
    images: document.querySelectorAll('.jp-OutputArea-output.jp-RenderedImage img').length,
    tables: document.querySelectorAll('.jp-OutputArea-output.jp-RenderedHTMLCommon table').length,
  };
}"""


def _chromium() -> str:
    """Path of the system Chromium; skip without it on a workstation, fail without it in CI."""
    path = shutil.which("chromium") or (str(CHROMIUM) if CHROMIUM.exists() else None)
    if path:
        return path
    message = "Chromium is not installed (Debian: apt-get install chromium; .ci/run does it)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must run the browser test")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str, token: str, timeout: float = 5.0):
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def _stop(process: subprocess.Popen, base: str, token: str) -> None:
    """Stop the lab with its kernels: ask it (POST /api/shutdown), then TERM and KILL its process group."""
    try:
        request = urllib.request.Request(f"{base}/api/shutdown", method="POST",
                                         headers={"Authorization": f"token {token}"})
        urllib.request.urlopen(request, timeout=10).close()
        process.wait(20)
    except (OSError, subprocess.TimeoutExpired):
        pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)  # make and the server it started (start_new_session)
            process.wait(15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            continue


@contextlib.contextmanager
def _terminate_as_interrupt():
    """Turn SIGTERM (a CI timeout, ``timeout``) into KeyboardInterrupt so that fixtures still stop the lab."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``make lab`` serving a copy of ``notebooks/`` on a free port; yields (base_url, token, log_path)."""
    _chromium()
    from helpers import bundled_corpus

    bundled_corpus(tmp_path_factory)  # the corpus notebooks, run with their defaults, read this session's parse
    tmp = tmp_path_factory.mktemp("lab")
    notebooks = tmp / "notebooks"
    shutil.copytree(config.NOTEBOOKS_DIR, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = tmp / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(24)
    env = {k: v for k, v in os.environ.items() if k not in ("PARTYLINES_STATIC", "JUPYTER_TOKEN")}
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp / "jupyter-config"),  # no ~/.jupyter configuration
        JUPYTER_RUNTIME_DIR=str(tmp / "jupyter-runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "lab-workspaces"),
        PARTYLINES_REPORTS_DIR=str(tmp / "reports"),  # the notebooks save tables and figures here
    )
    lab_args = " ".join([
        "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ])
    log_path = tmp / "lab.log"
    # -o: do not rebuild the environment from here (make test has just checked it).
    command = ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.partylines-installed", "lab",
               f"LAB_DIR={notebooks}", f"LAB_ARGS={lab_args}"]
    with open(log_path, "wb") as log, _terminate_as_interrupt():
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVER_START_S
            while True:
                if process.poll() is not None:
                    pytest.fail(f"make lab exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
                try:
                    _get_json(f"{base}/api/status", token, timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"JupyterLab did not answer within {SERVER_START_S} s:\n{log_path.read_text()[-3000:]}")
                    time.sleep(0.3)
            yield base, token, log_path
        finally:
            _stop(process, base, token)


@pytest.fixture(scope="module")
def browser(lab):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        message = "the playwright package is missing (pip install -e '.[test]')"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _state(page) -> dict:
    return page.evaluate(STATE_JS)


def _run_all(page, timeout_s: float | None = None) -> dict:
    """Run > Run All Cells, then wait until every code cell has run or one has failed."""
    timeout_s = timeout_s or RUN_ALL_S
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('li[data-command="runmenu:run-all"]').click()
    deadline = time.monotonic() + timeout_s
    while True:
        state = _state(page)
        if state["errors"] or (state["cells"] and state["done"] == state["cells"] and not state["running"]):
            return state
        if time.monotonic() > deadline:
            raise AssertionError(f"cells still running after {timeout_s} s: {state}")
        time.sleep(0.5)


def open_and_run(browser, lab, name: str, shots: str):
    """Open notebook ``name`` in the lab, check its kernel, run all cells; returns (page, state)."""
    base, token, _ = lab
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.set_default_timeout(EXPLORER_S * 1000)
    page.goto(f"{base}/lab/workspaces/{shots}/tree/{name}?token={token}")  # a fresh workspace per page
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=NOTEBOOK_OPEN_S * 1000)
    # The notebook came up with the project's kernel and it is ready: nothing to pick.
    page.get_by_text(f"{KERNEL_DISPLAY_NAME} | Idle").wait_for(timeout=NOTEBOOK_OPEN_S * 1000)
    assert page.locator(".jp-Dialog").count() == 0, "a dialog (kernel selection?) opened with the notebook"
    sessions = _get_json(f"{base}/api/sessions", token)
    assert [s["kernel"]["name"] for s in sessions if s["path"] == name] == ["partylines"]
    page.screenshot(path=str(ARTIFACTS / f"{shots}-opened.png"))
    state = _run_all(page)
    page.screenshot(path=str(ARTIFACTS / f"{shots}-ran.png"))
    return page, state


def _error_text(page) -> str:
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    return "\n".join(t for t in errors.all_inner_texts() if "Traceback" in t)[:3000]


def _saved_at(base: str, token: str, name: str) -> str:
    """The file's ``last_modified`` as the server reports it, without reading the file (``content=0``)."""
    return _get_json(f"{base}/api/contents/{name}?content=0", token)["last_modified"]


def saved_outputs(page, lab, name: str, executed: int) -> list[dict]:
    """Save the notebook (File > Save Notebook) and read its outputs back from the server: what the file holds.

    The file is read only once the save is over (its tab no longer marked unsaved and its modification time
    moved on): a read while the server writes can make the server restore its backup over the file. A save
    that has not shown up after ``SAVE_AGAIN_S`` is asked for again, until the ceiling ``EXPLORER_S``.
    """
    base, token, _ = lab
    before = _saved_at(base, token, name)

    def save():
        page.keyboard.press("Escape")  # a menu left open would swallow the click
        page.get_by_role("menuitem", name="File", exact=True).click()
        page.locator('li[data-command="docmanager:save"]').first.click()

    save()
    deadline = time.monotonic() + EXPLORER_S
    asked = time.monotonic()
    while True:
        dirty = page.locator(".lm-TabBar-tab.jp-mod-dirty").count()
        if not dirty and _saved_at(base, token, name) != before:
            cells = _get_json(f"{base}/api/contents/{name}?content=1&type=notebook", token)["content"]["cells"]
            code = [c for c in cells if c["cell_type"] == "code"]
            if sum(1 for c in code if c.get("execution_count")) >= executed:
                return [o for c in code for o in c["outputs"]]
            before = _saved_at(base, token, name)  # saved before the last outputs arrived: save again
            save()
            asked = time.monotonic()
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} was not saved with its outputs within {EXPLORER_S} s")
        if time.monotonic() - asked > SAVE_AGAIN_S:
            save()
            asked = time.monotonic()
        time.sleep(0.3)


def _wait_changed(page, selector: str, before: str, contains: str = "") -> str:
    """Wait until the first element matching ``selector`` shows text other than ``before`` (and ``contains``)."""
    page.wait_for_function(
        """([sel, before, contains]) => {
             const e = document.querySelector(sel);
             return e && e.textContent !== before && e.textContent.includes(contains);
           }""",
        arg=[selector, before, contains], timeout=EXPLORER_S * 1000)
    return page.locator(selector).first.inner_text()


def check_concordance(page, shots: str) -> None:
    """Type a new query over the old one, as a reader would; the lines must change to the new query."""
    explorer = page.locator(".partylines-concordance").first
    explorer.scroll_into_view_if_needed()
    count = ".partylines-concordance .partylines-count"
    before = page.locator(count).first.text_content()
    explorer.screenshot(path=str(ARTIFACTS / f"{shots}-concordance-before.png"))
    box = explorer.locator("input[type=text]")
    box.click()
    box.press("Control+a")
    box.press_sequentially("the", delay=60)  # "the": in any English document
    after = _wait_changed(page, count, before, "lines for the")
    matches = explorer.locator(".partylines-kwic tbody tr td:nth-child(2)").all_inner_texts()
    # A query word also finds a compound it is part of ("on-the-spot"): the match shows the whole word.
    assert matches and all("the" in re.split(r"[-\u2010\u2011]", m.lower()) for m in matches)
    assert "the" in {m.lower() for m in matches}
    assert after.startswith(f"{len(matches)} lines") or "first" in after
    explorer.screenshot(path=str(ARTIFACTS / f"{shots}-concordance-after.png"))


def check_terms(page, shots: str) -> None:
    """Tick "keep stopwords": the table and the chart must both change."""
    explorer = page.locator(".partylines-terms").first
    explorer.scroll_into_view_if_needed()
    table = ".partylines-terms .partylines-results"
    before = page.locator(table).first.text_content()
    chart = explorer.locator(".partylines-chart")
    chart_before = chart.get_attribute("src")
    assert chart_before, "the term explorer shows no chart"
    explorer.screenshot(path=str(ARTIFACTS / f"{shots}-terms-before.png"))
    explorer.get_by_label("keep stopwords").check()
    _wait_changed(page, table, before)
    page.wait_for_function("([sel, src]) => document.querySelector(sel).getAttribute('src') !== src",
                           arg=[".partylines-terms .partylines-chart", chart_before], timeout=EXPLORER_S * 1000)
    explorer.screenshot(path=str(ARTIFACTS / f"{shots}-terms-after.png"))


def check_entities(page, shots: str) -> None:
    """Select another entity in the list: its sentences must replace the first one's."""
    explorer = page.locator(".partylines-entities").first
    explorer.scroll_into_view_if_needed()
    results = ".partylines-entities .partylines-results"
    before = page.locator(results).first.text_content()
    entities = explorer.locator(".partylines-entity-list select").first
    options = [o.replace("\xa0", " ") for o in entities.locator("option").all_inner_texts()]  # &nbsp; in labels
    assert options, "the entity explorer lists no entity"
    explorer.screenshot(path=str(ARTIFACTS / f"{shots}-entities-before.png"))
    if len(options) > 1:
        entities.select_option(index=1)
        name = options[1].split(" · ")[0]
        after = _wait_changed(page, results, before, name)
        assert "sentence" in after
    explorer.screenshot(path=str(ARTIFACTS / f"{shots}-entities-after.png"))


CHECKS = {".partylines-concordance": check_concordance, ".partylines-terms": check_terms,
          ".partylines-entities": check_entities}


def close(page, lab, name: str) -> None:
    """Close the page and shut its kernel down (the next notebook gets the memory)."""
    base, token, _ = lab
    page.close()
    for session in _get_json(f"{base}/api/sessions", token):
        if session["path"] == name:
            request = urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE",
                                             headers={"Authorization": f"token {token}"})
            urllib.request.urlopen(request, timeout=10).close()


def test_browser_notebook_02_runs_and_explorers_respond(browser, lab):
    started = time.monotonic()
    page, state = open_and_run(browser, lab, NOTEBOOK, "browser-02")
    assert state["errors"] == 0, f"a cell shows an error:\n{_error_text(page)}"
    assert state["done"] == state["cells"] > 0
    assert state["images"] >= 1, f"no chart (image output) appeared: {state}"
    assert state["tables"] >= 1, f"no table appeared: {state}"
    outputs = saved_outputs(page, lab, NOTEBOOK, state["done"])  # the same, as the saved file records it
    assert [o for o in outputs if o["output_type"] == "error"] == []
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert any("<table" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs)

    assert page.locator(".partylines-concordance").count() >= 1, (
        f"{NOTEBOOK} has no concordance explorer (pl.concordance_explorer(doc, ...))")
    for selector, check in CHECKS.items():
        if page.locator(selector).count():
            check(page, "browser-02")
    page.screenshot(path=str(ARTIFACTS / "browser-02-final.png"))
    close(page, lab, NOTEBOOK)
    print(f"{NOTEBOOK}: {state}; {time.monotonic() - started:.1f} s in the browser")


OTHER_NOTEBOOKS = sorted(p.name for p in config.NOTEBOOKS_DIR.glob("[0-9]*.ipynb") if p.name != NOTEBOOK)


@pytest.mark.parametrize("name", OTHER_NOTEBOOKS)
def test_browser_notebook_runs_and_explorers_respond(browser, lab, name):
    started = time.monotonic()
    shots = "browser-" + name.split("-")[0]
    page, state = open_and_run(browser, lab, name, shots)
    assert state["errors"] == 0, f"a cell of {name} shows an error:\n{_error_text(page)}"
    assert state["done"] == state["cells"] > 0
    for selector, check in CHECKS.items():
        if page.locator(selector).count():
            check(page, shots)
    close(page, lab, name)
    print(f"{name}: {state}; {time.monotonic() - started:.1f} s in the browser")


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), (None, pytest.skip.Exception)])
def test_browser_without_chromium_skips_only_outside_ci(monkeypatch, tmp_path, ci, outcome):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="Chromium is not installed"):
        _chromium()


def test_browser_compare_scatter_hover_shows_counts_and_a_line_from_each_side(browser, tmp_path):
    """The interactive scatter of a comparison, opened as a reader opens it: a real mouse over a point shows
    the item, its counts on both sides and a concordance line from each."""
    import partylines as pl
    from helpers import write_small_corpus
    from partylines.core import config

    folder = write_small_corpus(tmp_path / "corpus")
    with config.configured(cache_dir=tmp_path / "cache"):
        corpus = pl.read_corpus(folder)
        a, b = corpus.where("country=north"), corpus.where("country=south")
        table = pl.compare(a, b, min_count=1)
        names = list(table["term"])
        page_html = pl.compare_scatter_html(table, lines_a=pl.first_uses(a, names), lines_b=pl.first_uses(b, names))
    path = tmp_path / "scatter.html"
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("#partylines-compare .scatterlayer .point", timeout=30_000)
        alone = table[~table.duplicated(["per_10k_a", "per_10k_b"], keep=False)]  # a point no other covers
        row = alone.iloc[0]
        term = row["term"]
        box = page.evaluate("""(term) => {
            const gd = document.getElementById('partylines-compare');
            for (const [c, trace] of gd.data.entries()) {
                const i = (trace.text || []).findIndex(t => t.startsWith('<b>' + term + '</b>'));
                if (i >= 0) {
                    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
                    return {x: r.left + xa._offset + xa.l2p(Math.log10(trace.x[i])),
                            y: r.top + ya._offset + ya.l2p(Math.log10(trace.y[i]))};
                }
            }
            return null;
        }""", term)
        assert box is not None, f"{term} is not in the chart"
        page.mouse.move(box["x"], box["y"])
        label = page.locator(".hoverlayer .hovertext")
        label.first.wait_for(timeout=10_000)
        text = label.first.text_content()
        assert term in text and f"{table.attrs['a']}: {row['count_a']} (" in text
        assert f"{table.attrs['b']}: {row['count_b']} (" in text and "[" in text  # a concordance line
        page.screenshot(path=str(ARTIFACTS / "browser-compare-hover.png"))
    finally:
        page.close()
