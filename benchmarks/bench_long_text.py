"""Long documents: peak memory of a large document, and a text without line breaks against the same text
with its paragraphs, as ratios measured in one run.

The texts are the two bundled speeches repeated until they reach the size asked for. The one-line version
is the paragraph version with every run of whitespace folded into one space, so that both hold the same
words. Each is parsed by ``partylines info`` in a fresh process with an empty cache; wall time and peak
memory (max RSS of the process and any children) are reported.

* one line vs paragraphs (``--size``, default 2 MB): goal at most 1.3x in time and in memory;
* a large document with paragraphs (``--big``, default 20 MB; ``--big 0`` to skip): goal peak memory at most
  1.5 GB;
* ``kwic --window``: the time to gather contexts at window 50, 500 and the largest window allowed, on a
  tokenised text (no model needed), to show that it grows linearly with the window.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
RSS = ("import resource, sys\nr = resource.getrusage\n"
       "print(max(r(resource.RUSAGE_SELF).ru_maxrss, r(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr)")


def build_text(size: int) -> str:
    """The bundled speeches repeated, with their paragraphs, to ``size`` bytes or a little more."""
    from partylines.core import config

    parts = [config.DEFAULT_DOCUMENT.read_text(encoding="utf-8"), config.SECOND_DOCUMENT.read_text(encoding="utf-8")]
    chunks, total, i = [], 0, 0
    while total < size:
        chunks.append(parts[i % 2].strip() + "\n\n")
        total += len(chunks[-1].encode("utf-8"))
        i += 1
    return "".join(chunks)


def measure(path: Path, cache: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of ``partylines info path`` with an empty cache."""
    code = ("import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            f"    from partylines.cli import main; rc = main(['info', {str(path)!r}])\n" + RSS)
    env = {**os.environ, "PARTYLINES_CACHE_DIR": str(cache), "PARTYLINES_MAX_BYTES": str(200 * 2**20)}
    start = time.perf_counter()
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if out.returncode:
        raise SystemExit(f"partylines info {path} failed:\n{out.stderr}")
    return elapsed, int(out.stderr.strip().splitlines()[-1]) / 1024


def kwic_windows() -> list[tuple[int, float]]:
    """Seconds ``kwic_table`` takes at growing windows on a tokenised text of 1 MB (about 200,000 tokens)."""
    import spacy

    from partylines.analyses.concordance import MAX_WINDOW, kwic_table

    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000
    doc = nlp(build_text(1_000_000))
    times = []
    for window in (50, 500, MAX_WINDOW):
        start = time.perf_counter()
        kwic_table(doc, "party", window=window)
        times.append((window, time.perf_counter() - start))
    return times


def pair(size: float, folder: Path) -> None:
    """The same text with paragraphs and on one line: time and memory of each, and their ratios."""
    text = build_text(int(size * 1e6))
    paragraphs, one_line = folder / "paragraphs.txt", folder / "one-line.txt"
    paragraphs.write_text(text, encoding="utf-8")
    one_line.write_text(" ".join(text.split()) + "\n", encoding="utf-8")
    para = measure(paragraphs, folder / "cache-a")
    line = measure(one_line, folder / "cache-b")
    print(f"{size:g} MB with paragraphs: {para[0]:7.1f} s {para[1]:7.0f} MiB")
    print(f"{size:g} MB on one line:     {line[0]:7.1f} s {line[1]:7.0f} MiB | time x{line[0] / para[0]:.2f}, "
          f"memory x{line[1] / para[1]:.2f} (goal <= 1.3 each)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=2.0, help="MB of the one-line / paragraphs pair (0 to skip)")
    parser.add_argument("--big", type=float, default=20.0, help="MB of the large document (0 to skip)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.size:
            pair(args.size, folder)
        if args.big:
            big = folder / "big.txt"
            big.write_text(build_text(int(args.big * 1e6)), encoding="utf-8")
            seconds, mib = measure(big, folder / "cache-c")
            verdict = "ok" if mib <= 1536 else "over goal"
            print(f"{args.big:g} MB with paragraphs: {seconds:7.1f} s {mib:7.0f} MiB (goal <= 1536 MiB) {verdict}",
                  flush=True)
    times = kwic_windows()
    base_window, base = times[0]
    for window, seconds in times:
        print(f"kwic window {window:5d}: {seconds:6.2f} s (x{seconds / base:.1f} for x{window / base_window:.0f} the window)")


if __name__ == "__main__":
    main()
