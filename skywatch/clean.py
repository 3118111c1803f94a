"""Clean stage: raw articles → clean articles, sentences, boilerplate and set-aside rows.

Every raw article ends in exactly one of `articles` (kept, perhaps marked as a duplicate),
`set_aside` (with a reason) or `failed` (the cleaner raised on it: error class, message, where),
which the reconciliation check verifies. One article's exception never stops the batch
(`skywatch.isolation`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import polars as pl

from skywatch import versions
from skywatch.dedup import mark_duplicates
from skywatch.isolation import Failure, failures_frame, guard, isolate
from skywatch.language import judge_language
from skywatch.text import clean_text, normalise, split_sentences

# A hash of the cleaning rules and the packages they run (skywatch.versions).
CLEANER_VERSION = versions.stamp(
    "clean-1", modules=("skywatch.clean", "skywatch.text", "skywatch.dedup", "skywatch.language",
                        "skywatch.isolation"),
    packages=("trafilatura", "py3langid"))
SET_ASIDE_REASONS = ("non_english", "empty_after_cleaning")

CLEAN_ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "arrival_date": pl.Date,
    "title": pl.String,
    "text": pl.String,
    "published_at": pl.Datetime("us"),
    "source": pl.String,
    "url": pl.String,
    "n_chars": pl.Int64,
    "n_sentences": pl.Int64,
    "n_boilerplate_lines": pl.Int64,
    "boilerplate_chars": pl.Int64,
    "language": pl.String,
    "language_confidence": pl.Float64,
    "content_hash": pl.String,
    "duplicate_of": pl.String,
    "duplicate_kind": pl.String,
    "duplicate_overlap": pl.Float64,
    "cleaner_version": pl.String,
}
SENTENCE_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
}
BOILERPLATE_SCHEMA = {"article_id": pl.String, "line_no": pl.Int64, "kind": pl.String,
                      "text": pl.String}
SET_ASIDE_SCHEMA = {"article_id": pl.String, "arrival_date": pl.Date, "reason": pl.String,
                    "detail": pl.String, "language": pl.String, "language_confidence": pl.Float64}


@dataclass
class CleanResult:
    articles: pl.DataFrame
    sentences: pl.DataFrame
    boilerplate: pl.DataFrame
    set_aside: pl.DataFrame
    failed: pl.DataFrame


@dataclass
class _Rows:
    kept: list[dict]
    sentences: list[tuple]
    boilerplate: list[tuple]
    set_aside: list[dict]


def _clean_one(row: dict, rows: _Rows) -> None:
    text, removed = clean_text(row["text"] or "")
    rows.boilerplate.extend((row["article_id"], r.line_no, r.kind, r.text) for r in removed)
    base = {"article_id": row["article_id"], "arrival_date": row["arrival_date"]}
    if not text.strip():
        rows.set_aside.append({**base, "reason": "empty_after_cleaning",
                               "detail": f"{len(removed)} boilerplate lines and nothing else",
                               "language": None, "language_confidence": None})
        return
    verdict = judge_language(text)
    if not verdict.is_english:
        rows.set_aside.append({**base, "reason": "non_english", "detail": verdict.reason,
                               "language": verdict.language,
                               "language_confidence": verdict.confidence})
        return
    spans = split_sentences(text)
    rows.sentences.extend((row["article_id"], i, s, e, t) for i, (s, e, t) in enumerate(spans))
    title = normalise(row["title"]) if row.get("title") else None
    rows.kept.append({
        **base, "title": title or None, "text": text, "published_at": row.get("published_at"),
        "source": row.get("source"), "url": row.get("url"), "n_chars": len(text),
        "n_sentences": len(spans), "n_boilerplate_lines": len(removed),
        "boilerplate_chars": sum(len(r.text) for r in removed),
        "language": verdict.language, "language_confidence": verdict.confidence,
    })


def clean_articles(raw: pl.DataFrame | Iterable[pl.DataFrame], earlier_articles: pl.DataFrame | None = None,
                   earlier_hashes: pl.DataFrame | None = None,
                   progress: Callable[[str], None] | None = None, total: int | None = None) -> CleanResult:
    """Clean a batch of raw articles (article_id, arrival_date, title, text, published_at, ...),
    given as one frame or as consecutive frames of it (`total` rows in all, for the progress log).

    `earlier_articles` are clean articles of other batches (`dedup.EARLIER_COLUMNS`: ids, days and
    content hashes, no text) and `earlier_hashes` their sentences' `dedup.sentence_hashes`: a
    story first seen there makes its re-post here a duplicate.
    """
    if isinstance(raw, pl.DataFrame):
        raw, total = _row_slices(raw), raw.height
    failures: list[Failure] = []
    chunks: list[_Frames] = []
    done = 0
    # Rows become frames every batch of at most ROWS_PER_FRAME articles: a day of 100,000
    # articles held as Python tuples until the end (a few million sentences) cost gigabytes.
    for part in raw:
        for offset in range(0, part.height, ROWS_PER_FRAME):
            rows = _Rows([], [], [], [])
            for row in part.slice(offset, ROWS_PER_FRAME).iter_rows(named=True):
                _guarded_clean_one(row, rows, failures)
                done += 1
                if progress and (total or 0) >= 1000 and (done % 1000 == 0 or done == total):
                    progress(f"clean: {done}/{total} articles")
            chunks.append(_frames(rows))
    frames = _frames(_Rows([], [], [], [])) if not chunks else _Frames(
        *(pl.concat([getattr(c, name) for c in chunks]) for name in _Frames._fields))
    marks = _duplicates(frames.kept, frames.sentences, earlier_articles, earlier_hashes)
    articles = frames.kept.join(marks, on="article_id", how="left").with_columns(
        pl.lit(CLEANER_VERSION).alias("cleaner_version")).select(list(CLEAN_ARTICLE_SCHEMA)) \
        .cast(CLEAN_ARTICLE_SCHEMA)
    return CleanResult(articles=articles, sentences=frames.sentences, boilerplate=frames.boilerplate,
                       set_aside=frames.set_aside, failed=failures_frame(failures))


def _row_slices(frame: pl.DataFrame) -> list[pl.DataFrame]:
    return [frame.slice(offset, ROWS_PER_FRAME) for offset in range(0, frame.height, ROWS_PER_FRAME)]


@dataclass(frozen=True)
class RawSource:
    """A day's raw articles read a batch at a time, so the day's raw text is never held whole
    next to its cleaned text: the ids of all of them, and `batches(ids)`, consecutive frames
    of the raw rows of `ids` (of every article when None)."""

    ids: list[str]
    batches: Callable[[list[str] | None], Iterable[pl.DataFrame]]

    @classmethod
    def of_frame(cls, raw: pl.DataFrame) -> RawSource:
        def batches(ids: list[str] | None) -> list[pl.DataFrame]:
            return _row_slices(raw if ids is None else raw.filter(pl.col("article_id").is_in(ids)))
        return cls(raw["article_id"].to_list(), batches)


ROWS_PER_FRAME = 2_000


class _Frames(NamedTuple):
    kept: pl.DataFrame
    sentences: pl.DataFrame
    boilerplate: pl.DataFrame
    set_aside: pl.DataFrame


def _frames(rows: _Rows) -> _Frames:
    return _Frames(
        kept=pl.DataFrame(rows.kept, schema={k: v for k, v in CLEAN_ARTICLE_SCHEMA.items()
                                             if k not in _DEDUP_COLUMNS}),
        sentences=pl.DataFrame(rows.sentences, schema=SENTENCE_SCHEMA, orient="row"),
        boilerplate=pl.DataFrame(rows.boilerplate, schema=BOILERPLATE_SCHEMA, orient="row"),
        set_aside=pl.DataFrame(rows.set_aside, schema=SET_ASIDE_SCHEMA))


def _guarded_clean_one(row: dict, rows: _Rows, failures: list[Failure]) -> None:
    """Clean one article; if it raises, none of its rows are kept and a failure is recorded."""
    scratch = _Rows([], [], [], [])
    before = len(failures)
    guard(row["article_id"], "clean", CLEANER_VERSION, lambda: _clean_one(row, scratch), failures)
    if len(failures) > before:
        return
    rows.kept.extend(scratch.kept)
    rows.sentences.extend(scratch.sentences)
    rows.boilerplate.extend(scratch.boilerplate)
    rows.set_aside.extend(scratch.set_aside)


def clean_day(raw: pl.DataFrame | RawSource, earlier_articles: pl.DataFrame | None = None,
              earlier_hashes: pl.DataFrame | None = None,
              progress: Callable[[str], None] | None = None) -> CleanResult:
    """`clean_articles` with the batch steps isolated too (duplicate marking, frame building).

    `raw` is the day's raw articles, whole or as a `RawSource` read a batch at a time. Should the
    batch raise on some article's values, the articles that make it raise are found by halving
    and go to `failed`; the rest of the day is cleaned without them.
    """
    source = RawSource.of_frame(raw) if isinstance(raw, pl.DataFrame) else raw
    unique_ids = len(set(source.ids))

    def run(ids: list[str]) -> CleanResult:
        # The whole day (ids are the raw ids without repeats) is read as it is, not filtered
        batches = source.batches(None if len(ids) == unique_ids else ids)
        return clean_articles(batches, earlier_articles, earlier_hashes, progress, total=len(ids))

    result, failures = isolate(source.ids, run, "clean", CLEANER_VERSION)
    if failures:
        result.failed = pl.concat([result.failed, failures_frame(failures)])
    return result


_DEDUP_COLUMNS = ("content_hash", "duplicate_of", "duplicate_kind", "duplicate_overlap",
                  "cleaner_version")


def _duplicates(kept: pl.DataFrame, sentences: pl.DataFrame,
                earlier_articles: pl.DataFrame | None,
                earlier_hashes: pl.DataFrame | None) -> pl.DataFrame:
    cols = ["article_id", "arrival_date", "published_at", "text"]
    earlier = None
    if earlier_articles is not None and earlier_articles.height:
        earlier = earlier_articles.filter(~pl.col("article_id").is_in(kept["article_id"].implode()))
    marks = mark_duplicates(kept.select(cols), sentences.select("article_id", "text"),
                            earlier, earlier_hashes if earlier is not None else None)
    return marks.filter(pl.col("article_id").is_in(kept["article_id"].implode()))
