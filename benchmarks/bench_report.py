"""The reports and a notebook's figure cell against ``import spacy``, as ratios measured in one run.

* the document report of the bundled article (``partylines report``, warm parse cache) (goal: at most 20x);
* the corpus report of the bundled corpus, parse excluded (its counts are made first, not timed) (goal: 60x);
* a notebook cell that draws a figure and saves it, against drawing it only (goal: at most 1.5x): with
  ``use_notebook()`` the PNG, SVG and PDF are written by worker processes while the notebook goes on.

Reports are written to a temporary folder; the parse cache is the project's (warm after the first run).
"""

from __future__ import annotations

import argparse
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
        ratio = saved / drawn
        print(f"figure cell: draw {drawn:.3f} s, draw and save {saved:.3f} s; x{ratio:.2f} (goal <= 1.5) "
              f"{'ok' if ratio <= 1.5 else 'OVER GOAL'}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
