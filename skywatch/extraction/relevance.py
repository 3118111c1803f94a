"""Step 1 of extraction, the cheap filter: a vectorised Polars match that keeps the sentences that
mention weapons, strikes, alerts or their effects. The rest are counted as skipped and never reach
the expensive per-sentence rules.
"""

from __future__ import annotations

import polars as pl

from skywatch import lexicon


def mark_relevant(sentences: pl.DataFrame) -> pl.DataFrame:
    """Add `relevant`: whether the sentence mentions weapons, strikes, alerts or their effects."""
    return sentences.with_columns(
        pl.col("text").str.contains(f"(?i){lexicon.RELEVANCE}").alias("relevant"))


def may_follow_up(marked: pl.DataFrame) -> pl.DataFrame:
    """The sentences the filter skipped that would go on with the count of the sentence before
    them (cue `follow_up`: "Of these, nine were over ...", "The Kursk region led with 14"), to be
    kept only where that sentence is relevant (`follow_ups`)."""
    return marked.filter(~pl.col("relevant") & pl.col("text").str.contains(f"(?i){lexicon.FOLLOW_UP}"))


def follow_ups(candidates: pl.DataFrame, relevant: pl.DataFrame) -> pl.DataFrame:
    """The `candidates` (from `may_follow_up`) right after a relevant sentence of their article,
    marked relevant. A join, not a shift: a day's sentences come in no guaranteed order."""
    before = relevant.select("article_id", (pl.col("sentence_index") + 1).alias("sentence_index"))
    return candidates.join(before, on=["article_id", "sentence_index"], how="semi") \
        .with_columns(pl.lit(True).alias("relevant"))
