"""What building a document's counts costs, as a share of parsing it, measured in one process.

The first ``--documents`` documents of the bundled corpus are parsed in this process (``iter_parsed``, one
``nlp.pipe`` stream, as a worker of ``partylines corpus parse`` does), then each kind of count that
:func:`partylines.corpus.counts.counts_as_parquet` stores is built for every parsed ``Doc`` and timed on its own
(best of ``--repeat``, each ``Doc`` met fresh: nothing remembered from an earlier kind), and the whole of
``counts_as_parquet`` too. Every time is this process's CPU time (``time.process_time``, parse included), so
that other work on the machine changes the ratio less than it changes wall time. The goal: counting costs at most 10% of parsing (``counts / parse <= 0.10``).

``--save FILE`` writes the SHA-256 of every document's Parquet bytes per kind; ``--compare FILE`` checks the
bytes against such a file made by another version of the code (e.g. ``PYTHONPATH=/path/to/old/src python
benchmarks/bench_counts.py --save old.json``, then ``--compare old.json`` with the new code): counting faster
must not change one byte of the counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time


def parsed_documents(limit: int):
    """The first ``limit`` documents of the bundled corpus, parsed here, and the parse's CPU time."""
    from partylines.corpus.reading import read_corpus
    from partylines.text.pipeline import doc_metadata, iter_parsed, load_pipeline, resolve_pipeline
    from partylines.text.structure import META_KEY

    info = resolve_pipeline()
    nlp = load_pipeline(info.load_name)
    documents = [item.read() for item in list(read_corpus())[:limit]]
    start = time.process_time()
    docs = []
    for document, doc in zip(documents, iter_parsed(documents, nlp=nlp)):
        doc.user_data[META_KEY] = doc_metadata(document, info)
        docs.append(doc)
    return docs, time.process_time() - start


def kinds():
    """Each kind of count, as the function that builds it for one ``Doc`` (none when the code has no such
    split: then only the whole is timed)."""
    from partylines.corpus import counts

    return getattr(counts, "COUNTERS", {})


def best(fn, docs, repeat: int) -> float:
    """Best CPU time of ``fn`` over every ``Doc``, each time from scratch (what is remembered per ``Doc``,
    such as its entity mentions, forgotten first, as a worker meets a freshly parsed ``Doc``)."""
    from partylines.core.memo import forget

    times = []
    for _ in range(repeat):
        elapsed = 0.0
        for doc in docs:
            forget(doc)
            start = time.process_time()
            fn(doc)
            elapsed += time.process_time() - start
        times.append(elapsed)
    return min(times)


def digests(docs) -> dict[str, dict[str, str]]:
    from partylines.corpus.counts import counts_as_parquet

    out = {}
    for doc in docs:
        files = counts_as_parquet(doc)
        out[doc.user_data["partylines"]["slug"]] = {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--save", help="write the SHA-256 of each document's count files to this JSON file")
    parser.add_argument("--compare", help="compare each document's count files with this JSON file")
    args = parser.parse_args()

    from partylines.corpus.counts import counts_as_parquet

    docs, parse = parsed_documents(args.documents)
    tokens = sum(len(doc) for doc in docs)
    print(f"{len(docs)} documents, {tokens:,} tokens: parsed in {parse:.1f} s ({tokens / parse:,.0f} tokens/s)")
    for name, fn in kinds().items():
        if fn is not None:
            seconds = best(fn, docs, args.repeat)
            print(f"  {name:<9} {seconds:6.2f} s  {seconds / parse:6.1%} of parse")
    total = best(counts_as_parquet, docs, args.repeat)
    ratio = total / parse
    print(f"counts_as_parquet {total:.2f} s ({tokens / total:,.0f} tokens/s): {ratio:.1%} of parse "
          f"(goal <= 10%) {'ok' if ratio <= 0.10 else 'OVER GOAL'}")

    if args.save or args.compare:
        found = digests(docs)
        if args.save:
            with open(args.save, "w", encoding="utf-8") as f:
                json.dump(found, f, indent=1, sort_keys=True)
            print(f"saved the digests of {len(found)} documents to {args.save}")
        if args.compare:
            with open(args.compare, encoding="utf-8") as f:
                expected = json.load(f)
            differ = [(slug, kind) for slug, files in expected.items() if slug in found
                      for kind, digest in files.items() if found[slug].get(kind) != digest]
            compared = sum(1 for slug in expected if slug in found)
            for slug, kind in differ:
                print(f"  differs: {slug} {kind}")
            print(f"compared {compared} documents x {len(next(iter(expected.values())))} kinds: "
                  f"{len(differ)} files differ")
            if differ or not compared:
                sys.exit(1)


if __name__ == "__main__":
    main()
