"""Benchmark: claims per second for the resolve stage (places, claimants, events).

    python bench/bench_resolve.py [--articles 2000] [--corpus news|filler] [--words 600]

Extracts the all-war corpus of `bench_extract.py` (not timed; by default the realistic news
prose of `bench/news_corpus.py`, `--corpus filler` for the earlier templates), then times
`resolve_batch` over its claims: namesake choice per place phrase, claimant resolution and the
event merge. The gazetteer and entity lookups are built once beforehand (a one-off cost, cached).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import make_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", choices=("news", "filler"), default="news",
                        help="news: realistic prose (bench/news_corpus.py); filler: the earlier templates")
    parser.add_argument("--words", type=int, default=600, help="article length of --corpus filler")
    args = parser.parse_args(argv)
    from skywatch import entities, geocode
    from skywatch.extract import extract_batch
    from skywatch.places import find_places
    from skywatch.resolve import resolve_batch

    start = time.perf_counter()
    find_places("Belgorod"), geocode.places_table(), geocode._settlement_names_by_region()
    entities.resolve_claimant("Sobyanin")
    print(f"lookups built in {time.perf_counter() - start:.1f}s (once per process)")
    articles, sentences = make_corpus(args.corpus, args.articles, 1.0, args.words)
    extracted = extract_batch(articles, sentences)
    start = time.perf_counter()
    result = resolve_batch(extracted.claims, extracted.quantities, articles, extracted.place_candidates)
    seconds = time.perf_counter() - start
    n = result.claims.height
    print(f"resolve, {args.corpus} corpus: {n} claims of {articles.height} all-war articles in "
          f"{seconds:.1f}s ({n / seconds:.0f} claims/s, {articles.height / seconds:.0f} articles/s) into "
          f"{result.events.height} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
