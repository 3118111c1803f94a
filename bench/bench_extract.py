"""Benchmark: articles per second for the extract stage, beside spaCy's plain `nlp.pipe`.

    python bench/bench_extract.py [--articles 2000] [--war-share 0.1] [--corpus news|filler] [--words 600]

Two corpora: a mixed one (by default one article in ten about the air war, like general news;
`--war-share` changes it) and an all-war one. By default the articles come from
`bench/news_corpus.py`: realistic news prose of 300-900 words (interception reports, strikes,
alerts, denials, retellings and re-posts, hard negatives, ordinary news as filler; exact copies
left out, as the extract stage skips them). `--corpus filler` gives the earlier corpus of
templated filler sentences of about `--words` words, to reproduce old figures. The timed part is
`extract_batch` (relevance filter, NER on relevant sentences, rules, numbers, places, time) over
the clean sentences; cleaning is done beforehand and not timed. For scale, the small English
spaCy pipeline's plain `nlp.pipe` over the same articles is timed too.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime
from pathlib import Path

import polars as pl

REGIONS = ["Belgorod", "Kursk", "Bryansk", "Voronezh", "Rostov", "Tula", "Kaluga", "Lipetsk",
           "Oryol", "Smolensk", "Tver", "Moscow"]
UA_PLACES = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Poltava", "Mykolaiv", "Kherson"]
WAR_SENTENCES = [
    "Air defence systems destroyed {n} Ukrainian drones over the {r} region overnight, the Defence "
    "Ministry said.",
    "{n2} of them were shot down over the {r} region and {n3} over {r2}, the ministry added.",
    "Governor {p} wrote on Telegram that debris damaged {n3} private houses in a village near {r}.",
    "A Russian missile strike hit an energy facility in {u}, leaving about {k},000 residents "
    "without electricity, regional officials said.",
    "Ukraine's Air Force said Russia launched {n} drones and {n3} ballistic missiles overnight, "
    "and air defences shot down {n2} of the drones.",
    "A drone attack caused a fire at an oil depot in the {r} region, the governor said; nobody "
    "was injured.",
    "At least {n3} people were killed and {n2} injured when a glide bomb struck an apartment "
    "block in {u}.",
    "An air-raid alert was declared in {u} and lasted {n3} hours.",
]
GENERAL_SENTENCES = [
    "The city council approved a new budget for road repairs on {d}, officials said.",
    "The local football club signed a midfielder from {c} on a two-year contract.",
    "Forecasters expect temperatures to drop to minus {n3} degrees by the end of the week.",
    "Farmers in the region harvested {k},000 tonnes of grain this season, up on last year.",
    "The museum opened an exhibition of paintings by artists from {c} and {c2}.",
    "Shares of the largest retailer rose {n3} percent after quarterly results beat forecasts.",
    "A new school with {n} classrooms will open in the district in September.",
    "The regional hospital received {n3} new ambulances, the health ministry said.",
]
PEOPLE = ["Alexander Bogomaz", "Vyacheslav Gladkov", "Igor Artamonov", "Alexander Gusev"]
COUNTRIES = ["Brazil", "Serbia", "Spain", "Japan", "Canada"]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        n=rng.randint(10, 120), n2=rng.randint(2, 9), n3=rng.randint(2, 9), k=rng.randint(5, 90),
        r=rng.choice(REGIONS), r2=rng.choice(REGIONS), u=rng.choice(UA_PLACES), p=rng.choice(PEOPLE),
        d=rng.choice(["Monday", "Tuesday", "Friday"]), c=rng.choice(COUNTRIES), c2=rng.choice(COUNTRIES))


def article(rng: random.Random, war: bool, words: int) -> str:
    sentences, n = [], 0
    while n < words:
        pool = WAR_SENTENCES if war and rng.random() < 0.5 else GENERAL_SENTENCES
        sentence = _fill(rng.choice(pool), rng)
        sentences.append(sentence)
        n += len(sentence.split())
    return "\n\n".join(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))


def corpus(n: int, war_share: float, words: int, seed: int = 3):
    """The earlier filler corpus (`--corpus filler`): templated sentences, one landing time."""
    from skywatch.text import clean_text, split_sentences

    rng = random.Random(seed)
    articles, sentences = [], []
    for i in range(n):
        text, _ = clean_text(article(rng, rng.random() < war_share, words))
        aid = f"bench-{i:06d}"
        articles.append({"article_id": aid, "published_at": datetime(2026, 11, 20, 7, 0),
                         "arrival_date": date(2026, 11, 20), "text": text})
        sentences.extend((aid, j, s, e, t) for j, (s, e, t) in enumerate(split_sentences(text)))
    return (pl.DataFrame(articles),
            pl.DataFrame(sentences, schema=["article_id", "sentence_index", "start", "end", "text"],
                         orient="row"))


def news(n: int, war_share: float, seed: int = 3):
    """The realistic corpus of `news_corpus.py` as (articles, sentences) frames."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from news_corpus import frames, generate

    return frames(generate(n, war_share, seed=seed))


def make_corpus(kind: str, n: int, war_share: float, words: int, seed: int = 3):
    return news(n, war_share, seed) if kind == "news" else corpus(n, war_share, words, seed)


def time_extract(articles: pl.DataFrame, sentences: pl.DataFrame) -> tuple[float, object]:
    from skywatch.extract import extract_batch

    start = time.perf_counter()
    result = extract_batch(articles, sentences)
    return time.perf_counter() - start, result


def time_spacy(articles: pl.DataFrame) -> float:
    import importlib

    from skywatch.nlp import MODEL_PACKAGE

    nlp = importlib.import_module(MODEL_PACKAGE).load()
    start = time.perf_counter()
    for _ in nlp.pipe(articles["text"].to_list(), batch_size=64):
        pass
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--war-share", type=float, default=0.1,
                        help="share of air-war articles in the mixed run (the other run is all war)")
    parser.add_argument("--corpus", choices=("news", "filler"), default="news",
                        help="news: realistic prose (bench/news_corpus.py); filler: the earlier templates")
    parser.add_argument("--words", type=int, default=600, help="article length of --corpus filler")
    parser.add_argument("--spacy-articles", type=int, default=300,
                        help="articles for the plain spaCy comparison (it is slow)")
    args = parser.parse_args(argv)
    from skywatch.extract import extract_batch
    from skywatch.nlp import load_model

    load_model()  # warm: loading the model is a one-off cost, not per-article work
    warm_a, warm_s = make_corpus(args.corpus, 20, 1.0, args.words, seed=1)
    extract_batch(warm_a, warm_s)
    mixed = f"mixed ({args.war_share:.0%} about the air war)"
    for name, share in ((mixed, args.war_share), ("all about the air war", 1.0)):
        articles, sentences = make_corpus(args.corpus, args.articles, share, args.words)
        seconds, result = time_extract(articles, sentences)
        spacy_n = min(args.spacy_articles, articles.height)
        spacy_seconds = time_spacy(articles.head(spacy_n))
        print(f"{name}, {args.corpus} corpus: extract {articles.height / seconds:.0f} articles/s "
              f"({articles.height} articles, {seconds:.1f}s; filter skipped "
              f"{result.skipped_share:.0%} of {result.n_sentences} sentences; "
              f"{result.claims.height} claims) | plain spaCy nlp.pipe "
              f"{spacy_n / spacy_seconds:.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
