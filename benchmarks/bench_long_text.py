"""Long documents: peak memory of a large document, and a text without line breaks against the same text
with its paragraphs, as ratios measured in one run.

The texts are the two bundled speeches repeated until they reach the size asked for. The one-line version
is the paragraph version with every run of whitespace folded into one space, so that both hold the same
words. Each is parsed by ``partylines info`` in a fresh process with an empty cache; wall time and peak
memory are reported. A long text is parsed over every core (worker processes forked from the first, which
share the pipeline's pages), so memory is the peak of the whole process tree's proportional set size (PSS:
each shared page counted once, split among the processes sharing it), sampled every 0.2 s with psutil.

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


def tree_memory(pid: int) -> int:
    """Bytes of proportional set size of a process and its children (0 once it has gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except psutil.Error:
            pass
    return total


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


def measure(path: Path, cache: Path, processes: int | None = None) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB, the process tree's PSS) of ``partylines info path`` with an empty
    cache; ``processes`` sets the worker processes (``None``: the default for the text's length)."""
    code = ("import contextlib, io, sys\nfrom partylines.text import pipeline\n"
            f"if {processes!r} is not None: pipeline.default_processes = lambda document: {processes!r}\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    from partylines.cli import main; rc = main(['info', {str(path)!r}])\nsys.exit(rc)\n")
    env = {**os.environ, "PARTYLINES_CACHE_DIR": str(cache), "PARTYLINES_MAX_BYTES": str(200 * 2**20)}
    start = time.perf_counter()
    process = subprocess.Popen([PY, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"partylines info {path} failed:\n{process.stderr.read().decode()}")
    return elapsed, peak / 2**20


def kwic_windows() -> list[tuple[int, float]]:
    """Seconds ``kwic_table`` takes at growing windows on a tokenised text of 1 MB (about 200,000 tokens)."""
    import spacy

    from partylines.analyses.concordance import MAX_WINDOW
    from partylines.corpus.concordance import kwic_table

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
    single = measure(paragraphs, folder / "cache-d", processes=1)
    print(f"{size:g} MB with paragraphs in one process: {single[0]:7.1f} s {single[1]:7.0f} MiB | the default "
          f"(every core) takes x{para[0] / single[0]:.2f} the time, x{para[1] / single[1]:.2f} the memory",
          flush=True)


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
