"""Fuzzing the clean → extract → resolve logic with whole hostile days (no Dagster: fast).

A day is a handful of articles built from `strategies.hostile_articles` (ordinal and malformed
dates, huge and negative numbers, exotic digits, odd unicode, long runs) with random publication
times, including the calendar's ends. Whatever they hold:

- no exception escapes a stage's logic (a failing article is a `failed` row);
- every raw article is in exactly one of clean.articles, clean.set_aside and clean.failed;
- every sentence's offsets give back its text, every quantity's span lies in its article's text
  and holds a digit or a number word;
- every stored figure and date is plausible; every extracted claim is resolved into one event,
  unless its article is in resolve.failed.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skywatch import plausibility
from skywatch.clean import clean_day
from skywatch.extract import extract_batch
from skywatch.reconcile import clean_problems, offset_problems, resolve_problems
from skywatch.resolve import resolve_day
from tests.hostile.strategies import hostile_articles, publication_times

DAY = date(2026, 11, 20)
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "dozen", "hundred", "thousand", "million", "twenty", "thirty",
                 "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "both", "single", "a", "an",
                 "his", "her", "their", "the",
                 # a zero count's number is its negation: "no casualties", "no one was hurt", "none"
                 "no", "none", "nobody", "zero")
# a number word as a whole word of a quantity's span (or the start of one: "twenty-one", "hundreds")
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})", re.I)


def _raw(texts: list[str], published: list) -> pl.DataFrame:
    n = len(texts)
    return pl.DataFrame({
        "article_id": [f"f{i}" for i in range(n)], "arrival_date": [DAY] * n, "title": [None] * n,
        "text": texts, "published_at": published, "source": [None] * n, "url": [None] * n,
    }, schema_overrides={"title": pl.String, "published_at": pl.Datetime("us"), "source": pl.String,
                         "url": pl.String})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(st.lists(st.tuples(hostile_articles(), publication_times()), min_size=1, max_size=4))
def test_a_hostile_day_passes_clean_extract_and_resolve_with_every_article_accounted_for(day):
    raw = _raw([t for t, _ in day], [p for _, p in day])
    cleaned = clean_day(raw)
    assert clean_problems(raw, cleaned.articles, cleaned.set_aside, cleaned.failed).is_empty()
    assert offset_problems(cleaned.articles, cleaned.sentences).is_empty()

    originals = cleaned.articles.filter(pl.col("duplicate_kind").is_null()
                                        | (pl.col("duplicate_kind") != "exact"))
    sentences = cleaned.sentences.filter(pl.col("article_id").is_in(originals["article_id"].implode()))
    extracted = extract_batch(originals, sentences)
    failed = set(extracted.failed["article_id"])
    assert not failed & set(extracted.claims["article_id"])  # a failed article leaves no rows

    texts = dict(originals.select("article_id", "text").iter_rows())
    article_of = dict(extracted.claims.select("claim_id", "article_id").iter_rows())
    published = dict(originals.select("article_id", "published_at").iter_rows())
    for q in extracted.quantities.iter_rows(named=True):
        assert plausibility.value_is_plausible(q["kind"], q["value"]), q
        span = texts[article_of[q["claim_id"]]][q["evidence_start"]:q["evidence_end"]]
        assert span and (any(ch.isdigit() for ch in span) or _NUMBER_WORD.search(span)), (span, q)
    for c in extracted.claims.iter_rows(named=True):
        assert plausibility.date_is_plausible(c["event_date"], published[c["article_id"]]), c

    resolved, resolve_failed = resolve_day(extracted.claims, extracted.quantities,
                                           originals.select("article_id", "text", "published_at"),
                                           extracted.place_candidates)
    kept = extracted.claims.filter(~pl.col("article_id").is_in(resolve_failed["article_id"].implode()))
    assert resolve_problems(kept, resolved.claims, resolved.event_claims,
                            resolved.event_quantities).is_empty()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(st.lists(hostile_articles(), min_size=1, max_size=6), st.integers(1, 4), st.data())
def test_a_hostile_day_in_batches_and_deduplicated_against_earlier_days_changes_nothing(texts, rows, data):
    """Batches of any size give the tables of the whole frame, and days split off as the earlier
    context (their stored hashes only) give the marks of one pass over all the text."""
    from polars.testing import assert_frame_equal

    from skywatch.clean import RawSource
    from skywatch.dedup import mark_duplicates, sentence_hashes

    texts = texts + [texts[0]]  # an exact copy, at least
    raw = _raw(texts, [None] * len(texts))
    whole = clean_day(raw)
    batched = clean_day(RawSource(raw["article_id"].to_list(), lambda ids: [
        part.slice(o, rows) for part in [raw if ids is None else raw.filter(pl.col("article_id").is_in(ids))]
        for o in range(0, part.height, rows)]))
    for name in ("articles", "sentences", "boilerplate", "set_aside", "failed"):
        assert_frame_equal(getattr(whole, name), getattr(batched, name))

    kept, sentences = whole.articles, whole.sentences
    earlier_ids = data.draw(st.sets(st.sampled_from(kept["article_id"].to_list()))) if kept.height else set()
    is_earlier = pl.col("article_id").is_in(list(earlier_ids))
    # the earlier articles a day before, so the order by day keeps them first
    dated = kept.with_columns(pl.when(is_earlier).then(pl.lit(date(2026, 11, 19))).otherwise(pl.lit(DAY))
                              .alias("arrival_date"))
    together = mark_duplicates(dated, sentences)
    stored = dated.filter(is_earlier).drop("content_hash").join(
        together.select("article_id", "content_hash"), on="article_id")
    day = mark_duplicates(dated.filter(~is_earlier), sentences.filter(~is_earlier), stored,
                          sentence_hashes(sentences.filter(is_earlier)))
    assert day.sort("article_id").equals(together.sort("article_id"))
