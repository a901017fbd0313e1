"""Corpus parsing and querying against raw spaCy, as ratios measured in one run.

* cold parse: ``parse_corpus(processes=2)`` into an empty cache vs raw ``nlp.pipe(texts, n_process=2)`` on the
  same texts (goal: throughput at least 0.9x); on a Dask ``LocalCluster`` of 2 workers (goal: 0.8x). Both
  sides run end to end in a fresh process (imports, loading the pipeline, reading the files);
* parse and count: the same with the per-document counts made too (what ``partylines corpus parse`` does;
  no goal, reported);
* warm: ``partylines corpus terms`` on an already parsed corpus of 35 documents vs ``python -c "import
  spacy"`` (goal: at most 2x);
* memory: peak RSS parsing the corpus ten times over (copies under new names, each made distinct by one
  added line so that none is a cache hit) vs once (goal: at most 1.3x), for this process and its workers;
* scale: per-worker throughput, the client's own rate (reading, repairing and writing: the serial part) and
  1-vs-2-worker efficiency, and what they predict for the full UN General Debate corpus (about 10,000
  speeches, 30 million tokens) on 1, 8 and 64 workers of one core each.

``--quick`` uses the first 24 documents of the corpus instead of all 108 (and three copies for memory).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
RSS = ("import resource, sys; print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
       "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")


def run(code: str, env: dict | None = None) -> tuple[float, float, float, str]:
    """Wall time, max RSS of the process and of its largest child (MiB), and stdout of ``python -c code``."""
    start = time.perf_counter()
    out = subprocess.run([PY, "-c", code + "\n" + RSS], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    line = [x for x in out.stderr.splitlines() if x.startswith("RSS ")][-1].split()
    return elapsed, int(line[1]) / 1024, int(line[2]) / 1024, out.stdout


def corpus_folder(root: Path, limit: int | None, copies: int = 1) -> Path:
    """The bundled corpus (its first ``limit`` documents) written ``copies`` times under new names, each copy
    made distinct by one added closing line, with a metadata.csv."""
    from partylines.corpus.reading import read_corpus

    corpus = read_corpus()
    documents = list(corpus)[:limit] if limit else list(corpus)
    folder = root / f"corpus-{len(documents)}x{copies}"
    if folder.exists():
        return folder
    (folder / "texts").mkdir(parents=True)
    rows = ["file,country,year"]
    for copy in range(copies):
        for item in documents:
            name = f"texts/{copy:02d}-{Path(item.source).name}"
            text = item.source.read_bytes()
            if copies > 1:
                text += f"\n\nCopy {copy + 1} of this statement.\n".encode()
            (folder / name).write_bytes(text)
            rows.append(f"{name},{item.meta.get('country')},{item.meta.get('year')}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def raw_spacy(folder: Path, processes: int) -> tuple[float, float, float, int]:
    """Raw spaCy on the texts partylines parses (decoded and repaired), end to end in a fresh process."""
    code = f"""
import spacy
from partylines.corpus.reading import read_corpus
from partylines.text.pipeline import resolve_pipeline
texts = [d.read().text for d in read_corpus({str(folder)!r})]
nlp = spacy.load(resolve_pipeline().load_name)
tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process={processes}, batch_size=32))
print(tokens)
"""
    elapsed, rss, child, out = run(code)
    return elapsed, rss, child, int(out.strip())


def ours(folder: Path, cache: Path, *, processes: int, scheduler: str | None = None, counts: bool = False):
    code = f"""
import json
from partylines.core import config
from partylines.corpus.parsing import parse_corpus
from partylines.corpus.reading import read_corpus
with config.configured(cache_dir={str(cache)!r}):
    report = parse_corpus(read_corpus({str(folder)!r}), processes={processes}, scheduler={scheduler!r},
                          counts={counts}, progress=False)
print(json.dumps({{"tokens": report.tokens, "parsed": report.parsed, "where": report.where}}))
"""
    elapsed, rss, child, out = run(code)
    return elapsed, rss, child, json.loads(out.strip().splitlines()[-1])


def client_seconds(folder: Path) -> float:
    """What the client does for every document besides parsing: read, decode, repair and structure it (in one
    process, best of three): the serial part when workers parse in parallel."""
    code = f"""
import time
from partylines.corpus.reading import read_corpus
corpus = read_corpus({str(folder)!r})
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for item in corpus:
        item.read()
    best = min(best, time.perf_counter() - start)
print(best)
"""
    return float(run(code)[3].strip().splitlines()[-1])


def verdict(value: float, goal: float, higher: bool) -> str:
    good = value >= goal if higher else value <= goal
    return f"(goal {'>=' if higher else '<='} {goal}) {'ok' if good else 'OVER GOAL'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="24 documents, 3 copies for the memory check")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    limit = 24 if args.quick else None
    copies = 3 if args.quick else 10

    from partylines.text.pipeline import resolve_pipeline

    info = resolve_pipeline()
    root = Path(tempfile.mkdtemp(prefix="partylines-bench-"))
    try:
        folder = corpus_folder(root, limit)
        print(f"pipeline {info.name} {info.version}; {os.cpu_count()} cores; corpus of "
              f"{len(list((folder / 'texts').iterdir()))} documents")
        raw2 = raw_spacy(folder, 2)
        mine2 = ours(folder, root / "cache-2", processes=2)
        mine1 = ours(folder, root / "cache-1", processes=1)
        dask2 = ours(folder, root / "cache-dask", processes=2, scheduler="local")
        counted = ours(folder, root / "cache-counts", processes=2, counts=True)
        tokens = raw2[3]
        print(f"raw spaCy nlp.pipe(n_process=2)   {raw2[0]:7.1f} s  {tokens / raw2[0]:8,.0f} tokens/s")
        for name, result in (("partylines, 2 processes", mine2), ("partylines, Dask LocalCluster x2", dask2),
                             ("partylines, 1 process", mine1), ("parse + counts, 2 processes", counted)):
            elapsed, _, _, facts = result
            print(f"{name:<34} {elapsed:7.1f} s  {facts['tokens'] / elapsed:8,.0f} tokens/s  "
                  f"throughput x{raw2[0] / elapsed * facts['tokens'] / tokens:.2f} of raw")
        print(f"cold parse, 2 processes: x{raw2[0] / mine2[0]:.2f} {verdict(raw2[0] / mine2[0], 0.9, True)}")
        print(f"cold parse, Dask LocalCluster: x{raw2[0] / dask2[0]:.2f} {verdict(raw2[0] / dask2[0], 0.8, True)}")

        serial = client_seconds(folder)
        per_worker = mine1[3]["tokens"] / max(mine1[0] - serial, 1e-9)
        client = mine1[3]["tokens"] / serial
        efficiency = mine1[0] / (2 * mine2[0])
        print(f"scale: {per_worker:,.0f} tokens/s per worker (parsing and counting aside, {mine1[0]:.0f} s in one "
              f"process less {serial:.1f} s of reading); the client reads, repairs and writes {client:,.0f} "
              f"tokens/s; 1 -> 2 workers efficiency on this {os.cpu_count()}-core machine {efficiency:.2f} "
              "(the client shares the cores)")
        for workers in (1, 8, 64):
            rate = min(workers * per_worker, client)
            bound = "the client" if rate == client else "the workers"
            print(f"  predicted for 30M tokens on {workers:>2} workers (one core each): {30e6 / rate / 3600:5.2f} h, "
                  f"limited by {bound}")

        warm_folder = corpus_folder(root, 35)
        warm_cache = root / "cache-warm"
        ours(warm_folder, warm_cache, processes=2, counts=True)
        env = {**os.environ, "PARTYLINES_CACHE_DIR": str(warm_cache)}
        quiet = "import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n    "
        terms = quiet + f"from partylines.cli import main; main(['corpus', 'terms', {str(warm_folder)!r}])"
        warm = min(run(terms, env)[0] for _ in range(5))
        spacy_import = min(run("import spacy")[0] for _ in range(5))
        print(f"warm: corpus terms on 35 documents {warm:.2f} s vs import spacy {spacy_import:.2f} s: "
              f"x{warm / spacy_import:.2f} {verdict(warm / spacy_import, 2.0, False)}")

        if not args.skip_memory:
            many = corpus_folder(root, limit, copies)
            one = ours(corpus_folder(root, limit, 1), root / "cache-mem-1", processes=2)
            ten = ours(many, root / "cache-mem-n", processes=2)
            print(f"memory: one copy {one[1]:.0f} MiB (largest worker {one[2]:.0f} MiB); {copies} copies "
                  f"{ten[1]:.0f} MiB (largest worker {ten[2]:.0f} MiB): x{ten[1] / one[1]:.2f} / "
                  f"x{ten[2] / one[2]:.2f} {verdict(max(ten[1] / one[1], ten[2] / one[2]), 1.3, False)}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
