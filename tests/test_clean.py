"""The clean stage reads a day's raw articles a batch at a time: the same rows as the whole frame.

A day of 100,000 articles held its raw text whole beside its cleaned text; read in batches, the
raw text of one batch is held at a time. These tests check that nothing changes with the
batching: the cleaned tables, the duplicates marked across batches, the isolation of an
article that makes the batch raise, and the offset check compared in slices.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from skywatch import clean, reconcile
from skywatch.assets.stage import StageRun
from skywatch.clean import RawSource, clean_day

DAY = date(2026, 3, 9)
STORY = ("Drones struck a fuel depot on the edge of the town overnight, the regional governor said. "
         "Firefighters worked until morning to put out the blaze at the storage tanks. "
         "No one was hurt, but windows were broken in three nearby houses.")


def _raw() -> pl.DataFrame:
    texts = [
        STORY,
        "Prices at the weekly farmers' market rose again this month. Traders blamed the cold spring.",
        STORY,  # an exact copy in another batch
        "Ceci n'est pas un article en anglais, mais il est assez long pour juger sa langue sans doute.",
        "Share this article",  # nothing left after the boilerplate line
        "Breaking: the mayor opened a new bridge. " + STORY,  # a re-post with a new first sentence
        "The city council approved the budget for the new school year after a long debate on Monday.",
    ]
    n = len(texts)
    return pl.DataFrame({
        "article_id": [f"a{i}" for i in range(n)], "arrival_date": [DAY] * n,
        "title": [f"Title {i}" for i in range(n)], "text": texts,
        "published_at": [datetime(2026, 3, 9, i) for i in range(n)],
        "source": ["example.org"] * n, "url": [None] * n,
    }, schema_overrides={"url": pl.String})


def _in_batches(raw: pl.DataFrame, rows: int, reads: list | None = None) -> RawSource:
    def batches(ids: list[str] | None):
        if reads is not None:
            reads.append(ids)
        chosen = raw if ids is None else raw.filter(pl.col("article_id").is_in(ids))
        return (chosen.slice(offset, rows) for offset in range(0, chosen.height, rows))
    return RawSource(raw["article_id"].to_list(), batches)


def _assert_same(left: clean.CleanResult, right: clean.CleanResult) -> None:
    for name in ("articles", "sentences", "boilerplate", "set_aside", "failed"):
        assert_frame_equal(getattr(left, name), getattr(right, name))


@pytest.mark.parametrize("rows", [1, 2, 3, 100])
def test_a_day_read_in_batches_is_cleaned_as_the_whole_frame(rows):
    raw = _raw()
    whole = clean_day(raw)
    batched = clean_day(_in_batches(raw, rows))
    _assert_same(whole, batched)
    marks = dict(batched.articles.select("article_id", "duplicate_kind").iter_rows())
    assert marks["a2"] == "exact" and marks["a5"] == "near"  # found across batches
    assert set(batched.set_aside["article_id"]) == {"a3", "a4"}


def test_rows_per_frame_smaller_than_a_batch_gives_the_same_rows(monkeypatch):
    raw = _raw()
    whole = clean_day(raw)
    monkeypatch.setattr(clean, "ROWS_PER_FRAME", 2)
    _assert_same(whole, clean_day(_in_batches(raw, 5)))


def test_an_empty_day_read_in_batches_gives_empty_typed_tables():
    result = clean_day(_in_batches(_raw().head(0), 2))
    assert result.articles.is_empty() and result.articles.schema == pl.Schema(clean.CLEAN_ARTICLE_SCHEMA)
    assert result.sentences.schema == pl.Schema(clean.SENTENCE_SCHEMA)


def test_an_article_that_makes_the_batch_raise_is_failed_and_only_the_others_are_read_again(monkeypatch):
    raw = _raw()
    real = clean._duplicates

    def raises_on_a6(kept, *rest):
        if "a6" in kept["article_id"].to_list():
            raise OverflowError("a value the batch step cannot take")
        return real(kept, *rest)

    monkeypatch.setattr(clean, "_duplicates", raises_on_a6)
    reads: list = []
    result = clean_day(_in_batches(raw, 2, reads))
    assert result.failed["article_id"].to_list() == ["a6"]
    assert result.failed["error_class"].to_list() == ["OverflowError"]
    assert reads[0] is None  # the whole day first, as it is
    assert reads[-1] == [f"a{i}" for i in range(6)]  # then the day without the culprit
    monkeypatch.setattr(clean, "_duplicates", real)
    without = clean_day(raw.filter(pl.col("article_id") != "a6"))
    assert_frame_equal(without.articles, result.articles)
    assert_frame_equal(without.sentences, result.sentences)


def test_offsets_are_checked_in_slices_with_the_same_problems(monkeypatch):
    articles = pl.DataFrame({"article_id": ["a", "b"], "text": ["One. Two. Three.", "Four. Five."]})
    sentences = pl.DataFrame({
        "article_id": ["a", "a", "a", "b", "b", "c"], "sentence_index": [0, 1, 2, 0, 1, 0],
        "start": [0, 5, 10, 0, 7, 0], "end": [4, 9, 16, 5, 11, 3],
        "text": ["One.", "Two.", "Three.", "Four.", "Five.", "Six"]})
    whole = reconcile.offset_problems(articles, sentences)
    monkeypatch.setattr(reconcile, "OFFSET_SLICE_ROWS", 2)
    sliced = reconcile.offset_problems(articles, sentences)
    assert_frame_equal(whole, sliced)
    assert sliced.select("article_id", "sentence_index").rows() == [("b", 1), ("c", 0)]
    assert reconcile.offset_problems(articles, sentences.head(0)).columns == \
        ["article_id", "sentence_index", "start", "end"]


def test_a_stage_reads_the_day_in_batches_of_the_rows_asked_for():
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute("create table raw.articles (article_id varchar, arrival_date date, text varchar)")
    con.executemany("insert into raw.articles values (?, ?, ?)",
                    [(f"a{i}", DAY if i % 4 else date(2026, 3, 8), f"text {i}") for i in range(40)])
    run = StageRun(con, DAY, context=None)
    sql = "select * from raw.articles where arrival_date = ?"
    batches = list(run.day_batches(sql, rows=7))
    assert all(b.height <= 7 for b in batches) and len(batches) >= 5
    assert_frame_equal(pl.concat(batches), run.day_rows(sql))
    some = list(run.day_batches(sql + " and article_id in (select unnest(?::varchar[]))",
                                [["a1", "a2", "a4", "zz"]], rows=7))
    assert pl.concat(some)["article_id"].to_list() == ["a1", "a2"]  # a4 is of the day before
