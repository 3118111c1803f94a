"""Reconciliation: proofs that nothing was lost between inputs, raw, clean, extract and resolve.

Each function returns the offending rows with a `problem` column; an empty frame means the
books balance.
"""

from __future__ import annotations

import polars as pl

UNIT_KEY = ["source_file", "line_no"]


def _units(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(UNIT_KEY).cast({"source_file": pl.String, "line_no": pl.Int64})


def input_problems(inputs: pl.DataFrame, articles: pl.DataFrame,
                   rejected: pl.DataFrame) -> pl.DataFrame:
    """Every input unit must be in exactly one of raw.articles or raw.rejected, and no more."""
    landed = pl.concat([_units(articles).with_columns(pl.lit("articles").alias("table")),
                        _units(rejected).with_columns(pl.lit("rejected").alias("table"))])
    per_unit = landed.group_by(UNIT_KEY).agg(pl.len().alias("n"), pl.col("table").unique().sort())
    expected = _units(inputs).unique()
    # join_nulls: a whole file is the unit (line_no null) and must match itself.
    missing = expected.join(per_unit, on=UNIT_KEY, how="anti", nulls_equal=True) \
        .with_columns(pl.lit("input in neither raw.articles nor raw.rejected").alias("problem"))
    twice = per_unit.filter(pl.col("n") > 1).select(UNIT_KEY).with_columns(
        pl.lit("input in more than one output row").alias("problem"))
    unknown = per_unit.select(UNIT_KEY).join(expected, on=UNIT_KEY, how="anti", nulls_equal=True) \
        .with_columns(pl.lit("output row for no listed input").alias("problem"))
    return pl.concat([missing.select(*UNIT_KEY, "problem"), twice, unknown])


def clean_problems(raw_articles: pl.DataFrame, clean_articles: pl.DataFrame,
                   set_aside: pl.DataFrame, failed: pl.DataFrame | None = None) -> pl.DataFrame:
    """Every raw article must be in exactly one of clean.articles, clean.set_aside or clean.failed."""
    parts = [clean_articles.select("article_id"), set_aside.select("article_id")]
    if failed is not None:
        parts.append(failed.select("article_id").unique())
    ids = pl.concat(parts)
    counts = ids.group_by("article_id").len("n")
    raw_ids = raw_articles.select("article_id").unique()
    missing = raw_ids.join(counts, on="article_id", how="anti").with_columns(
        pl.lit("raw article in none of clean.articles, clean.set_aside, clean.failed").alias("problem"))
    twice = counts.filter(pl.col("n") > 1).select("article_id").with_columns(
        pl.lit("article in more than one clean row").alias("problem"))
    unknown = counts.select("article_id").join(raw_ids, on="article_id", how="anti").with_columns(
        pl.lit("clean row with no raw article").alias("problem"))
    return pl.concat([missing, twice, unknown])


# Sentences are compared this many at a time: the sliced copies of a whole day's sentences
# (a few million, 400 MB of text at 100,000 articles) were the peak of a large clean step.
OFFSET_SLICE_ROWS = 250_000


def offset_problems(articles: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """Sentences whose offsets do not give back their text: `text[start:end] != sentence`."""
    texts = articles.select("article_id", pl.col("text").alias("article_text"))
    sliced = pl.col("article_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
    parts = [sentences.slice(offset, OFFSET_SLICE_ROWS).join(texts, on="article_id", how="left")
             .filter(pl.col("article_text").is_null() | (sliced != pl.col("text")))
             .select("article_id", "sentence_index", "start", "end")
             for offset in range(0, max(sentences.height, 1), OFFSET_SLICE_ROWS)]
    return pl.concat(parts)


def span_problems(articles: pl.DataFrame, mentions: pl.DataFrame,
                  quantities: pl.DataFrame) -> pl.DataFrame:
    """Mentions whose offsets do not give back their text, and number spans out of range."""
    texts = articles.select("article_id", pl.col("text").alias("article_text"))
    sliced = pl.col("article_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
    bad_mentions = mentions.join(texts, on="article_id", how="left") \
        .filter(pl.col("article_text").is_null() | (sliced != pl.col("text"))) \
        .select("article_id", "start", "end", pl.lit("mention text differs from its span").alias("problem"))
    bad_numbers = quantities.filter(pl.col("evidence_end") <= pl.col("evidence_start")).select(
        pl.col("claim_id").alias("article_id"), pl.col("evidence_start").alias("start"),
        pl.col("evidence_end").alias("end"), pl.lit("empty number span").alias("problem"))
    return pl.concat([bad_mentions, bad_numbers])


def claim_link_problems(claims: pl.DataFrame, quantities: pl.DataFrame) -> pl.DataFrame:
    """Parts must point at a total among the claims; quantities at an existing claim."""
    totals = claims.filter(pl.col("scope") == "total").select(pl.col("claim_id").alias("parent_claim_id"))
    parts = claims.filter(pl.col("scope") == "part")
    orphans = parts.join(totals, on="parent_claim_id", how="anti").select(
        "claim_id", pl.lit("part claim without its total").alias("problem"))
    stray = quantities.join(claims.select("claim_id"), on="claim_id", how="anti").select(
        "claim_id", pl.lit("quantity of no claim").alias("problem"))
    return pl.concat([orphans, stray])


def resolve_problems(extracted: pl.DataFrame, resolved: pl.DataFrame, event_claims: pl.DataFrame,
                     event_quantities: pl.DataFrame) -> pl.DataFrame:
    """Every extracted claim is resolved exactly once and sits in exactly one event; every
    event figure is stated by a claim of that event."""
    ids = pl.col("claim_id")
    lost = extracted.join(resolved.select("claim_id"), on="claim_id", how="anti").select(
        ids, pl.lit("extracted claim missing from resolve.claims").alias("problem"))
    repeated = resolved.group_by("claim_id").len().filter(pl.col("len") > 1).select(
        ids, pl.lit("claim resolved more than once").alias("problem"))
    counts = resolved.select("claim_id").join(event_claims.group_by("claim_id").len(), on="claim_id",
                                              how="left")
    outside = counts.filter(pl.col("len").is_null() | (pl.col("len") != 1)).select(
        ids, pl.lit("claim not in exactly one event").alias("problem"))
    unstated = event_quantities.join(event_claims, on=["event_id", "claim_id"], how="anti").select(
        ids, pl.lit("event figure stated by no claim of the event").alias("problem"))
    # An event_claims row of another day's claim (the day before's, whose events a claim may join).
    foreign = event_claims.join(resolved.select("claim_id"), on="claim_id", how="anti").select(
        ids, pl.lit("event_claims row of no claim of the day").alias("problem"))
    return pl.concat([lost, repeated, outside, unstated, foreign])
