"""The formulation table and heatmap of the bundled corpus against ``import spacy``, as a ratio measured in one
run (goal: at most 3x).

The corpus is parsed and counted first into a cache of its own (not timed); then a fresh process reads the
corpus, builds the full table of the starter dictionary (uses, documents, first and last appearance with its
sentence, peak year), the formulations-by-year rates, and draws and saves the heatmap as PNG. Best of
``--repeat`` runs, against the best of ``python -c "import spacy"``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

PY = sys.executable


def best(code: str, env: dict, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([PY, "-c", code], check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="partylines-bench-formulations-")
    env = {**os.environ, "PARTYLINES_CACHE_DIR": cache}
    try:
        subprocess.run([PY, "-c", "import partylines as pl; pl.parse_corpus(pl.read_corpus(), progress=False)"],
                       check=True, env=env)
        work = ("import partylines as pl, tempfile\n"
                "corpus = pl.read_corpus()\n"
                "table = pl.formulation_table(corpus)\n"
                "rates = pl.trend_table(corpus, kind=\"formulations\")\n"
                "pl.plot_formulation_heatmap(rates).savefig(tempfile.mktemp(suffix='.png'), dpi=100)\n")
        ours = best(work, env, args.repeat)
        spacy_import = best("import spacy", env, args.repeat)
        ratio = ours / spacy_import
        print(f"formulation table + rates + heatmap of 108 documents: {ours:.2f} s; import spacy {spacy_import:.2f} s; "
              f"x{ratio:.2f} (goal <= 3) {'ok' if ratio <= 3 else 'OVER GOAL'}")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
