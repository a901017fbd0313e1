"""The reports and a notebook's figure cell against ``import spacy``, as ratios measured in one run.

* the document report of the bundled article (``partylines report``, warm parse cache) (goal: at most 20x);
* the corpus report of the bundled corpus, parse excluded (its counts are made first, not timed) (goal: 60x);
* a notebook cell that draws a figure and saves it, against drawing it only (goal: at most 1.5x): with
  ``use_notebook()`` the PNG, SVG and PDF are written by worker processes while the notebook goes on.

Reports are written to a temporary folder; the parse cache is the project's (warm after the first run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "raw" / "corpora" / "ungd-china-usa"
CELL = """
import time, partylines as pl
pl.use_notebook(out_dir={out!r}, static=True, background={background})
doc = pl.parse()
table = pl.term_table(doc)
times = []
for i in range(5):
    start = time.perf_counter()
    fig = pl.plot_top_terms(table, top=20)
    fig.canvas.print_figure(__import__("io").BytesIO(), format="png", dpi=100)  # what the notebook shows
    if {save}:
        pl.save_figure(fig, f"top-terms-{{i}}", doc=doc)
    times.append(time.perf_counter() - start)
print(min(times))
pl.wait_for_saves()
"""


def best(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def cell(out: str, *, save: bool) -> float:
    code = CELL.format(out=out, background=True, save=save)
    return float(subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True).stdout.split()[-1])


def cpu_by_kind(command: list[str]) -> tuple[float, dict[str, float]]:
    """Run ``command`` and return its wall time and the CPU seconds (user + system) of its process tree by
    kind of process: the report itself, the notebook kernels, the figure savers (the background worker
    processes) and the rest. The tree is sampled every 50 ms, so a process's last 50 ms can be missed."""
    import psutil

    started = time.perf_counter()
    root = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: dict[int, tuple[str, float]] = {}

    def kind(process: psutil.Process) -> str:
        line = " ".join(process.cmdline())
        if process.pid == root.pid:
            return "report process"
        if "ipykernel_launcher" in line:
            return "notebook kernels"
        if "multiprocessing.spawn" in line or "multiprocessing.forkserver" in line:
            return "figure savers"
        return "other"

    while root.poll() is None:
        for process in [root, *root.children(recursive=True)]:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    seen[process.pid] = (seen[process.pid][0] if process.pid in seen else kind(process),
                                         times.user + times.system)
            except psutil.Error:
                continue
        time.sleep(0.05)
    totals: dict[str, float] = {}
    for name, cpu in seen.values():
        totals[name] = totals.get(name, 0.0) + cpu
    return time.perf_counter() - started, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    out = tempfile.mkdtemp(prefix="partylines-bench-report-")
    partylines = [str(Path(PY).parent / "partylines")]
    try:
        subprocess.run([PY, "-c", "import partylines as pl; pl.parse(); pl.parse_corpus(pl.read_corpus(), progress=False)"],
                       check=True)
        spacy_import = best([PY, "-c", "import spacy"], 3)
        document = best([*partylines, "report", "--out", out], args.repeat)
        corpus = best([*partylines, "report", str(CORPUS), "--out", out], args.repeat)
        drawn, saved = cell(out, save=False), cell(out, save=True)
        for name, seconds, goal in (("document report (article)", document, 20), ("corpus report (parse excluded)", corpus, 60)):
            ratio = seconds / spacy_import
            print(f"{name}: {seconds:.1f} s; import spacy {spacy_import:.2f} s; x{ratio:.1f} (goal <= {goal}) "
                  f"{'ok' if ratio <= goal else 'OVER GOAL'}")
        wall, cpu = cpu_by_kind([*partylines, "report", "--out", out])
        print(f"document report, CPU by process ({wall:.1f} s wall, {os.cpu_count()} cores): "
              + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in sorted(cpu.items(), key=lambda kv: -kv[1])))
        floor = cpu.get("figure savers", 0.0) / (os.cpu_count() or 1)
        print(f"  saving the figures alone, spread over every core: {floor:.1f} s = x{floor / spacy_import:.1f} "
              "import spacy (a floor for the report while the files stay byte-identical)")
        ratio = saved / drawn
        print(f"figure cell: draw {drawn:.3f} s, draw and save {saved:.3f} s; x{ratio:.2f} (goal <= 1.5) "
              f"{'ok' if ratio <= 1.5 else 'OVER GOAL'}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
