"""Startup and parse cost of partylines against raw spaCy, as ratios measured in one run.

* warm: ``partylines info`` on a cached document vs ``python -c "import spacy"`` (goal: at most 1.3x);
* cold: ``partylines info`` with an empty cache vs ``spacy.load(pipeline)`` + ``nlp(text)`` (goal: at most 1.2x).

Each command runs in a fresh process ``--repeat`` times; the best (minimum) wall time is compared, which is
the usual way to remove scheduling noise. Peak memory (max RSS) of each process is reported alongside.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

PY = sys.executable
RSS = "import resource, sys; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"


def measure(code: str, env: dict | None = None, repeat: int = 5) -> tuple[float, float]:
    """Best wall time (s) and max RSS (MiB) of ``python -c code`` over ``repeat`` runs."""
    best, rss = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run([PY, "-c", code + "\n" + RSS], capture_output=True, text=True, env=env, check=True)
        best = min(best, time.perf_counter() - start)
        rss = max(rss, int(out.stderr.strip().splitlines()[-1]) / 1024)
    return best, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import partylines as pl
    from partylines.core import config

    info = pl.resolve_pipeline()
    path = str(config.DEFAULT_DOCUMENT)
    pl.parse(path)  # make sure the default cache is warm
    quiet = "import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n    "
    info_code = quiet + f"from partylines.cli import main; main(['info', {path!r}])"

    warm = measure(info_code, repeat=args.repeat)
    spacy_import = measure("import spacy", repeat=args.repeat)
    with tempfile.TemporaryDirectory() as empty:
        cold_runs = []
        for i in range(args.repeat):
            env = {**os.environ, "PARTYLINES_CACHE_DIR": os.path.join(empty, str(i))}
            cold_runs.append(measure(info_code, env=env, repeat=1))
        cold = (min(t for t, _ in cold_runs), max(m for _, m in cold_runs))
    raw_code = (
        f"import spacy\nnlp = spacy.load({info.load_name!r})\n"
        f"text = open({path!r}, encoding='utf-8').read()\ndoc = nlp(text)"
    )
    raw = measure(raw_code, repeat=args.repeat)

    rows = [
        ("warm: partylines info (cached)", warm, "python -c 'import spacy'", spacy_import, 1.3),
        ("cold: partylines info (empty cache)", cold, "spacy.load + nlp(text)", raw, 1.2),
    ]
    print(f"pipeline {info.name} {info.version}; best of {args.repeat} runs each; document {os.path.basename(path)}")
    for name, (t, m), base_name, (bt, bm), goal in rows:
        ratio = t / bt
        verdict = "ok" if ratio <= goal else "over goal"
        print(f"{name:<38} {t:6.2f} s {m:7.0f} MiB | {base_name:<26} {bt:6.2f} s {bm:7.0f} MiB | "
              f"time x{ratio:.2f} (goal <= {goal}) {verdict}; memory x{m / bm:.2f}")


if __name__ == "__main__":
    main()
