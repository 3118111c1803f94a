"""Duplicate marking: exact copies and the same story re-posted with small edits.

Duplicates are marked, never deleted: `duplicate_of` names the earliest article of the
story (by arrival day, then publication time, then id), and `duplicate_kind` says how it
was found. Everything here is vectorised Polars.

Near-duplicates are found by shared sentences: a story re-posted with a rewritten first
sentence still shares most of its other sentences word for word. Sentences shared by very
many articles (a stock phrase) are ignored, so candidate pairs stay few.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

MIN_SENTENCE_WORDS = 6
MAX_ARTICLES_PER_SENTENCE = 50
NEAR_MIN_SHARED = 2
NEAR_MIN_OVERLAP = 0.6

ARTICLE_COLUMNS = {"article_id": pl.String, "arrival_date": pl.Date,
                   "published_at": pl.Datetime("us"), "text": pl.String}
SENTENCE_COLUMNS = {"article_id": pl.String, "text": pl.String}
# What an earlier day gives duplicate search: its articles' stored hashes and its sentences' hashes
EARLIER_COLUMNS = {"article_id": pl.String, "arrival_date": pl.Date, "published_at": pl.Datetime("us"),
                   "content_hash": pl.String}
SENTENCE_HASH_COLUMNS = {"article_id": pl.String, "h": pl.UInt64}


# Text is reduced to hashes about this many bytes of text at a time, so the lower-cased and
# stripped copies of a day's text never exist all at once (100,000 articles are 350 MB of text).
HASH_SLICE_BYTES = 16 * 2**20


def _order(articles: pl.DataFrame, earlier: pl.DataFrame | None = None) -> pl.DataFrame:
    """Article ids, days and content hashes with `rank`: 0 for the one that came first. The text
    itself is left behind: sorting and joining it copied every article's text several times.
    `earlier` (EARLIER_COLUMNS) are articles of other days, hashed when they were cleaned."""
    hashes = [part.select(content_hash(pl.col("text")).alias("content_hash")) for part in _slices(articles)]
    keyed = articles.select("article_id", "arrival_date", "published_at").hstack(pl.concat(hashes))
    if earlier is not None:
        keyed = pl.concat([keyed, earlier.select(list(EARLIER_COLUMNS)).cast(EARLIER_COLUMNS)])
    return keyed.sort(["arrival_date", "published_at", "article_id"], nulls_last=True) \
        .with_row_index("rank")


def _slices(frame: pl.DataFrame) -> list[pl.DataFrame]:
    """Consecutive row slices of `frame` holding about HASH_SLICE_BYTES of its `text` each (an
    empty frame is its own one slice, so the columns computed from it keep their types)."""
    if frame.is_empty():
        return [frame]
    mean_bytes = max(1, int(frame["text"].str.len_bytes().mean() or 1))
    rows = max(1, HASH_SLICE_BYTES // mean_bytes)
    return [frame.slice(offset, rows) for offset in range(0, frame.height, rows)]


def content_key(text: pl.Expr) -> pl.Expr:
    """Text reduced to lower-case words, so spacing and punctuation edits do not matter."""
    return text.str.to_lowercase().str.replace_all(r"[^\w]+", " ").str.strip_chars()


def content_hash(text: pl.Expr) -> pl.Expr:
    return content_key(text).hash(seed=7).cast(pl.String)


def exact_duplicates(ordered: pl.DataFrame) -> pl.DataFrame:
    """article_id → the first article with the same content, for every later copy."""
    first = ordered.group_by("content_hash", maintain_order=True) \
        .agg(pl.col("article_id").first().alias("original"))
    return ordered.join(first, on="content_hash").filter(pl.col("article_id") != pl.col("original")) \
        .select("article_id", pl.col("original").alias("duplicate_of"))


def sentence_hashes(sentences: pl.DataFrame | Iterable[pl.DataFrame]) -> pl.DataFrame:
    """(article_id, h): the hash of each long-enough sentence's content key, computed a slice at a
    time from a frame of sentences (article_id, text) or from consecutive frames of them. Earlier
    days take part in near-duplicate search by these hashes alone, never by their text."""
    frames = [sentences] if isinstance(sentences, pl.DataFrame) else sentences
    parts = [_slice_hashes(part) for frame in frames for part in _slices(frame)]
    return pl.concat(parts) if parts else pl.DataFrame(schema=SENTENCE_HASH_COLUMNS)


def _slice_hashes(sentences: pl.DataFrame) -> pl.DataFrame:
    keys = sentences.select("article_id", content_key(pl.col("text")).alias("key"))
    keys = keys.filter(pl.col("key").str.count_matches(" ") >= MIN_SENTENCE_WORDS - 1)
    return keys.select("article_id", pl.col("key").hash(seed=11).alias("h"))


def near_duplicates(ordered: pl.DataFrame, hashes: pl.DataFrame, exclude: pl.Series) -> pl.DataFrame:
    """article_id → the earliest earlier article sharing most of its sentences, with the overlap.

    `hashes` are the sentence hashes (`sentence_hashes`) of the articles of `ordered`."""
    rank = ordered.select("article_id", "rank")
    candidates = ordered.filter(~pl.col("article_id").is_in(exclude.implode())).select("article_id", "rank")
    # Pairs are made of ranks (integers), and only later → earlier: a day of 100,000 articles
    # has tens of millions of sentence pairs, and string ids in both directions cost gigabytes.
    keys = hashes.join(candidates, on="article_id").select("rank", "h").unique()
    common = keys.group_by("h").len().filter(pl.col("len") > MAX_ARTICLES_PER_SENTENCE)
    keys = keys.join(common, on="h", how="anti")
    n_keys = keys.group_by("rank").len("n")
    pairs = (
        keys.join(keys, on="h", suffix="_other")
        .filter(pl.col("rank_other") < pl.col("rank"))
        .group_by("rank", "rank_other").len("shared")
        .join(n_keys, on="rank")
        .join(n_keys.rename({"rank": "rank_other", "n": "n_other"}), on="rank_other")
        .with_columns((pl.col("shared") / pl.min_horizontal("n", "n_other")).alias("overlap"))
        .filter((pl.col("shared") >= NEAR_MIN_SHARED) & (pl.col("overlap") >= NEAR_MIN_OVERLAP))
    )
    firsts = pairs.sort("rank_other").group_by("rank", maintain_order=True).agg(
        pl.col("rank_other").first(), pl.col("overlap").first().round(3).alias("duplicate_overlap"))
    return firsts.join(rank, on="rank").join(
        rank.rename({"article_id": "duplicate_of", "rank": "rank_other"}), on="rank_other") \
        .sort("rank").select("article_id", "duplicate_of", "duplicate_overlap")


def _to_root(marks: pl.DataFrame) -> pl.DataFrame:
    """Follow chains (C copies B, which copies A) so every duplicate points at the original."""
    for _ in range(10):
        step = marks.join(marks.select("article_id", pl.col("duplicate_of").alias("next")),
                          left_on="duplicate_of", right_on="article_id", how="left")
        if step["next"].null_count() == step.height:
            break
        marks = step.with_columns(pl.coalesce("next", "duplicate_of").alias("duplicate_of")) \
            .drop("next")
    return marks


def mark_duplicates(articles: pl.DataFrame, sentences: pl.DataFrame,
                    earlier_articles: pl.DataFrame | None = None,
                    earlier_hashes: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per article: article_id, content_hash, duplicate_of, duplicate_kind, duplicate_overlap.

    `articles` needs article_id, arrival_date, published_at and the clean text; `sentences`
    needs article_id and text. To catch re-posts of stories of other days, give those days'
    articles as `earlier_articles` (EARLIER_COLUMNS: their stored content hash, not their text)
    and their sentences' `sentence_hashes` as `earlier_hashes`; their rows are in the result too.
    """
    ordered = _order(articles.select(list(ARTICLE_COLUMNS)).cast(ARTICLE_COLUMNS), earlier_articles)
    hashes = sentence_hashes(sentences.select(list(SENTENCE_COLUMNS)))
    if earlier_hashes is not None:
        hashes = pl.concat([hashes, earlier_hashes.select(list(SENTENCE_HASH_COLUMNS))
                            .cast(SENTENCE_HASH_COLUMNS)])
    exact = exact_duplicates(ordered).with_columns(
        pl.lit("exact").alias("duplicate_kind"), pl.lit(1.0).alias("duplicate_overlap"))
    near = near_duplicates(ordered, hashes, exact["article_id"]).with_columns(
        pl.lit("near").alias("duplicate_kind"))
    marks = pl.concat([exact, near.select(exact.columns)])
    marks = _to_root(marks)
    return ordered.select("article_id", "content_hash").join(marks, on="article_id", how="left")
