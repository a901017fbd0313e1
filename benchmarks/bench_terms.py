"""Term-table throughput on a cached corpus of over a million tokens, against the usual ways of counting
words in Python, as ratios measured in one run.

The corpus is the bundled article's cached parse repeated with ``Doc.from_docs`` (no re-parse) until it
holds at least ``--tokens`` tokens; its sections repeat too, so ``document_term_table`` computes range and DP over
thousands of sections. Every contender counts the same tokens (every alphabetic token, keyed by lowercased
lemma: ``keep_stopwords=True``, so that no contender's stopword rule differs from another's):

* ``document_term_table``: the whole table (case rule, proper-noun lemmas, acronyms, rates, range, DP); its time with
  the default options (stopwords left out) is printed too;
* ``Counter`` over the tokens: ``Counter(t.lemma_.lower() for t in doc if t.is_alpha)``;
* ``Counter``, ``nltk.FreqDist`` and scikit-learn's ``CountVectorizer`` over the lemma strings pulled out
  of the ``Doc`` by a Python loop: timed counting only, and "from the Doc" (counting plus that extraction,
  which is what a user starting from a parsed ``Doc`` pays, and what the ratio is taken against);
* ``CountVectorizer`` counts one document per copy of the article (a documents x terms matrix), given the
  token lists through a pass-through analyzer so that it counts exactly the same tokens.

Each is timed ``--repeat`` times and the best (minimum) wall time is kept. A ratio below 1 means
``document_term_table`` is faster. ``document_term_table`` does much more than count (case rule, rates, range and DP over
thousands of sections), so parity with a bare ``Counter`` is the goal.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections import Counter


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=1_000_000, help="minimum corpus size in tokens")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from nltk import FreqDist
    from sklearn.feature_extraction.text import CountVectorizer
    from spacy.tokens import Doc

    import partylines as pl
    from partylines.analyses.frequencies import document_term_table

    article = pl.parse()  # from the cache after the first run
    copies = -(-args.tokens // len(article))
    start = time.perf_counter()
    with warnings.catch_warnings():  # W102: from_docs cannot merge the metadata dict; the table does not need it
        warnings.simplefilter("ignore", UserWarning)
        corpus = Doc.from_docs([article] * copies)
    built = time.perf_counter() - start
    words = sum(1 for t in corpus if t.is_alpha)
    print(f"corpus: {copies} copies of the article, {len(corpus):,} tokens, {words:,} words, "
          f"{len(corpus.spans.get('sections', [])):,} sections (built in {built:.1f}s by Doc.from_docs, no parse)")

    t_table, table = best(lambda: document_term_table(corpus, keep_stopwords=True), args.repeat)
    t_default, _ = best(lambda: document_term_table(corpus), args.repeat)

    def counter_over_tokens():
        return Counter(t.lemma_.lower() for t in corpus if t.is_alpha)

    t_counter_tokens, counts = best(counter_over_tokens, args.repeat)

    start = time.perf_counter()
    per_copy = []
    for i in range(copies):
        span = corpus[i * len(article) : (i + 1) * len(article)]
        per_copy.append([t.lemma_.lower() for t in span if t.is_alpha])
    flat = [w for part in per_copy for w in part]
    t_extract = time.perf_counter() - start

    t_counter, _ = best(lambda: Counter(flat), args.repeat)
    t_freqdist, freqdist = best(lambda: FreqDist(flat), args.repeat)

    def vectorize():
        vectorizer = CountVectorizer(analyzer=lambda tokens: tokens)
        matrix = vectorizer.fit_transform(per_copy)
        return dict(zip(vectorizer.get_feature_names_out(), matrix.sum(axis=0).A1))

    t_vectorizer, vectorized = best(vectorize, args.repeat)

    # Same tokens counted: the totals agree (document_term_table also folds a few proper nouns and keeps acronyms,
    # so compare totals, which no keying changes).
    assert int(table["count"].sum()) == sum(counts.values()) == freqdist.N() == int(sum(vectorized.values()))

    rate = len(corpus) / t_table / 1e6
    print(f"document_term_table, stopwords kept (counts, rates, range and DP over sections): {t_table:.3f}s "
          f"({rate:.1f} M tokens/s); with the default options (stopwords out): {t_default:.3f}s")
    print(f"pulling the lemma lists out of the Doc (a Python loop over the tokens): {t_extract:.3f}s")
    rows = [
        ("Counter over the Doc's tokens", None, t_counter_tokens),
        ("Counter over the lemma list", t_counter, t_counter + t_extract),
        ("nltk FreqDist over the lemma list", t_freqdist, t_freqdist + t_extract),
        ("sklearn CountVectorizer, one doc per copy", t_vectorizer, t_vectorizer + t_extract),
    ]
    width = max(len(name) for name, _, _ in rows)
    print(f"{'contender':<{width}}  {'count only':>10}  {'from the Doc':>12}  document_term_table / from the Doc")
    for name, count_only, from_doc in rows:
        shown = "" if count_only is None else f"{count_only:.3f}s"
        print(f"{name:<{width}}  {shown:>10}  {from_doc:11.3f}s  {t_table / from_doc:6.2f}x")


if __name__ == "__main__":
    main()
