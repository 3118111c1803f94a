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
