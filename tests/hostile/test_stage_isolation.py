"""Faults injected into one article per stage: the article is quarantined, the day goes on.

The bugs of tomorrow are not known today, so these tests plant one: the cleaner, the extractor
or the resolver raises on a marked article (as the "June 7th" ValueError once did). That article
becomes a row of `<stage>.failed` with its error and where it was raised, and the day's good
articles are published. Two such articles in a day of five pass the threshold: the day is not
published, the run says which articles failed, and the warehouse keeps the day as it was.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import signal
import threading
import time
import zlib
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from skywatch import clean, extract, resolve
from skywatch.cli import backfill_plans
from skywatch.extraction import batch as extract_batch_module
from skywatch.pipelines.cli import execute_plans
from tests.hostile.landing import write_good

DAYS = {"clean": "2026-09-01", "extract": "2026-09-02", "resolve": "2026-09-03", "two": "2026-09-04"}
MARK = "Quokkaville"  # a name no gazetteer has, in articles that are otherwise ordinary


def _marked(folder: Path, name: str) -> None:
    # A figure of its own: two marked articles with one text would be duplicates, and a
    # duplicate is not extracted at all.
    fires = 3 + zlib.crc32(name.encode()) % 500
    (folder / f"{name}.txt").write_text(
        f"Drones hit {MARK}\n\nDrones struck an oil depot near {MARK} in the Kursk region overnight, "
        f"the governor said. {fires} fires broke out.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    root = tmp_path_factory.mktemp("inject") / "landing"
    for i, (stage, day) in enumerate(DAYS.items()):
        write_good(root / day, 40 + i)
        _marked(root / day, f"marked-{stage}")
    _marked(root / DAYS["two"], "marked-two-b")
    warehouse = root.parent / "w.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setenv("SKYWATCH_DATA_DOCS_DIR", "")

    def clean_raises(row, rows):
        if MARK in (row["text"] or "") and "clean" in row["article_id"]:
            raise ValueError("invalid literal for int() with base 10: '7th'")
        return real_clean(row, rows)

    def facts_raise(index, start, text, *args, **kwargs):
        if MARK in text and "extract" in _current_article.get("id", ""):
            raise OverflowError("Python int too large to convert to C long")
        return real_facts(index, start, text, *args, **kwargs)

    def article_marker(self, article_id, rows, budget):
        _current_article["id"] = article_id if "marked-extract" in article_id or "two" in article_id else ""
        return real_article(self, article_id, rows, budget)

    def resolve_raises(claims, quantities, articles, candidates, earlier=None):
        if claims.filter(pl.col("article_id") == "marked-resolve").height:
            raise KeyError("admin1 'XX-99'")
        return real_resolve(claims, quantities, articles, candidates, earlier)

    _current_article: dict[str, str] = {}
    real_clean, real_facts = clean._clean_one, extract_batch_module.sentence_facts
    real_article, real_resolve = extract_batch_module._ChunkJob._article, resolve.resolve_batch
    mp.setattr(clean, "_clean_one", clean_raises)
    mp.setattr(extract_batch_module, "sentence_facts", facts_raise)
    mp.setattr(extract_batch_module._ChunkJob, "_article", article_marker)
    mp.setattr(resolve, "resolve_batch", resolve_raises)
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            # The fourth day first: published clean, so its failed re-run must leave it as it was.
            first_status, _ = execute_plans(backfill_plans(DAYS["two"], DAYS["two"], root), str(warehouse))
            (root / DAYS["two"] / "marked-two.txt").rename(root / DAYS["two"] / "marked-extract-two.txt")
            (root / DAYS["two"] / "marked-two-b.txt").rename(root / DAYS["two"] / "marked-extract-two-b.txt")
            status, _ = execute_plans(backfill_plans(DAYS["clean"], DAYS["two"], root), str(warehouse))
    finally:
        mp.undo()
    con = duckdb.connect(str(warehouse), read_only=True)
    yield first_status, status, con, printed.getvalue()
    con.close()


def _one(con, sql: str, day: str) -> list[tuple]:
    return con.execute(sql, [date.fromisoformat(day)]).fetchall()


@pytest.mark.parametrize(("stage", "error_class"), [("clean", "ValueError"), ("extract", "OverflowError"),
                                                    ("resolve", "KeyError")])
def test_the_failing_article_is_quarantined_with_its_error(injected, stage: str, error_class: str):
    _, _, con, _ = injected
    rows = _one(con, f"select article_id, stage, error_class, message, location, version "
                     f"from {stage}.failed where arrival_date = ?", DAYS[stage])
    assert len(rows) == 1
    article_id, failed_stage, cls, message, location, version = rows[0]
    assert (article_id, failed_stage, cls) == (f"marked-{stage}", stage, error_class)
    assert message and location and version


@pytest.mark.parametrize("stage", ["clean", "extract", "resolve"])
def test_the_rest_of_the_day_is_published(injected, stage: str):
    _, _, con, _ = injected
    day = DAYS[stage]
    articles = {r[0] for r in _one(con, "select article_id from resolve.claims where arrival_date = ?", day)}
    i = list(DAYS).index(stage)
    assert {f"good-mod-{40 + i}", f"good-grid-{40 + i}", f"good-missile-{40 + i}"} <= articles
    assert f"marked-{stage}" not in articles
    assert _one(con, "select count(*) from marts.daily_region_activity where arrival_date = ?", day)[0][0] > 0


def test_two_failures_in_a_small_day_stop_it_and_name_both(injected):
    first_status, status, con, printed = injected
    assert first_status == 0 and status == 1
    line = next(x for x in printed.splitlines() if "failed_within_threshold" in x)
    assert "marked-extract-two" in line and "marked-extract-two-b" in line and "2 of 6" in line
    # The day keeps what its earlier, clean run published: the marked articles' claims and all.
    published = {r[0] for r in _one(con, "select article_id from resolve.claims where arrival_date = ?",
                                    DAYS["two"])}
    assert "marked-two" in published and "marked-extract-two" not in published
    assert "Traceback" not in printed


class _FaultInAWorker:
    """A chunk job that works in the parent process and, in a forked worker, has `fault`:
    "hangs"; "hangs deaf to SIGTERM", as a worker stuck in native code after a fork is
    (Dagster maps SIGTERM to a Python handler, which such a worker never gets to run);
    "dies" without a word, as if the OOM killer took it; or "none". Calls in the parent are
    counted in `parent_calls`."""

    def __init__(self, job, parent: int, fault: str, parent_calls: list):
        self.job, self.parent, self.fault, self.parent_calls = job, parent, fault, parent_calls

    def __call__(self, rows):
        if os.getpid() == self.parent:
            self.parent_calls.append(len(rows))
        elif self.fault == "dies":
            os.kill(os.getpid(), signal.SIGKILL)
        elif self.fault.startswith("hangs"):
            if "deaf" in self.fault:
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(3600)
        return self.job(rows)


@pytest.mark.parametrize("fault", ["none", "hangs", "hangs deaf to SIGTERM", "dies"])
def test_a_hung_or_dead_worker_is_a_failed_chunk_retried_in_process(monkeypatch, fault):
    from skywatch.text import split_sentences

    texts = {f"a{n}": f"Air defences shot down {n} drones over the Bryansk region overnight, the "
                      "governor said." for n in range(3, 11)}
    sentences = pl.DataFrame(
        [(a, i, s, e, t) for a, text in texts.items() for i, (s, e, t) in enumerate(split_sentences(text))],
        schema={"article_id": pl.String, "sentence_index": pl.Int64, "start": pl.Int64, "end": pl.Int64,
                "text": pl.String}, orient="row")
    articles = pl.DataFrame({"article_id": list(texts), "published_at": [None] * len(texts),
                             "arrival_date": [date(2026, 11, 20)] * len(texts), "text": list(texts.values())},
                            schema_overrides={"published_at": pl.Datetime("us")})
    expected = extract.extract_batch(articles, sentences)
    monkeypatch.setattr(extract_batch_module, "PARALLEL_MIN_SENTENCES", 1)
    monkeypatch.setattr(extract_batch_module, "WORKER_BASE_SECONDS", 2.0)
    real_job = extract_batch_module._ChunkJob
    parent = os.getpid()

    parent_calls: list[int] = []

    def planted(*job_args):  # whatever `_ChunkJob` is built from
        return _FaultInAWorker(real_job(*job_args), parent, fault, parent_calls)

    monkeypatch.setattr(extract_batch_module, "_ChunkJob", planted)
    # In a thread, so that a regression (a worker the parent waits for forever) fails this test
    # instead of hanging the suite.
    done: dict = {}
    runner = threading.Thread(target=lambda: done.update(got=extract.extract_batch(articles, sentences)),
                              daemon=True)
    runner.start()
    runner.join(timeout=60)
    assert "got" in done, "extraction still waiting for its workers after 60 s"
    got = done["got"]
    assert got.claims.sort("claim_id").equals(expected.claims.sort("claim_id"))
    assert got.failed.is_empty()
    # Two chunks: done by the workers, or (after a fault) both retried here.
    assert len(parent_calls) == (0 if fault == "none" else 2)
    assert not multiprocessing.active_children()
