"""Each bad input a tester found, in a day of good articles: the day is published whole.

One landing day per bad input (`tests/hostile/landing.py`), each beside the same kind of good
articles, all run through the real daily job (gates included) in one process. For every day:
the run passes and publishes the day; every good war article reaches `resolve.claims` and the
marts; every input file and line is in exactly one of raw.articles and raw.rejected, and every
raw article in exactly one of clean.articles, clean.set_aside and clean.failed; nothing stored is
implausible; no traceback reaches the person running it.
"""

from __future__ import annotations

import contextlib
import io
from datetime import UTC, date, datetime, timedelta

import duckdb
import polars as pl
import pytest

from skywatch import plausibility
from skywatch.cli import backfill_plans
from skywatch.pipelines.cli import execute_plans
from skywatch.publish import drafted_tables
from tests.hostile.landing import HOSTILE_INPUTS, WAR_ARTICLES, write_good

FIRST = date(2026, 10, 1)
DAYS = {(FIRST + timedelta(days=i)).isoformat(): name for i, name in enumerate(HOSTILE_INPUTS)}


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "landing"
    for i, (day, name) in enumerate(DAYS.items()):
        folder = root / day
        write_good(folder, i)
        HOSTILE_INPUTS[name](folder)
    warehouse = root.parent / "w.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setenv("SKYWATCH_DATA_DOCS_DIR", "")
    printed = io.StringIO()  # what a person running it would read
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            status, _ = execute_plans(backfill_plans(min(DAYS), max(DAYS), root), str(warehouse),
                                      log_level="INFO")
    finally:
        mp.undo()
    con = duckdb.connect(str(warehouse), read_only=True)
    yield status, con, printed.getvalue()
    con.close()


def _frame(con, sql: str, params: list | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()


def test_every_day_with_one_bad_input_passes_and_is_published(hostile_warehouse):
    status, con, _ = hostile_warehouse
    assert status == 0
    unpublished = {DAYS[d]: sorted(drafted_tables(con, date.fromisoformat(d))) for d in DAYS
                   if drafted_tables(con, date.fromisoformat(d))}
    assert unpublished == {}


@pytest.mark.parametrize("day", list(DAYS), ids=list(DAYS.values()))
def test_the_good_articles_reach_the_marts(hostile_warehouse, day: str):
    _, con, _ = hostile_warehouse
    arrival = date.fromisoformat(day)
    claims = _frame(con, "select c.article_id, c.country_code, c.admin1_code, c.event_date, "
                         "ec.event_id from resolve.claims c join resolve.event_claims ec using (claim_id) "
                         "where c.arrival_date = ?", [arrival])
    marts = _frame(con, "select country_code, admin1_code, events from marts.daily_region_activity "
                        "where arrival_date = ?", [arrival])
    i = list(DAYS).index(day)
    for prefix in WAR_ARTICLES:
        article = f"{prefix}-{i}"
        mine = claims.filter(pl.col("article_id") == article)
        assert mine.height >= 1, f"{DAYS[day]}: {article} has no claim"
        regions = mine.select("country_code", "admin1_code").unique()
        counted = regions.join(marts.filter(pl.col("events") > 0), on=["country_code", "admin1_code"],
                               how="inner", nulls_equal=True)
        assert counted.height >= 1, f"{DAYS[day]}: {article}'s region is not in the marts"


@pytest.mark.parametrize("day", list(DAYS), ids=list(DAYS.values()))
def test_every_input_is_accounted_for_once(hostile_warehouse, day: str):
    _, con, _ = hostile_warehouse
    arrival = [date.fromisoformat(day)]
    units = _frame(con, "select source_file, line_no from raw.inputs where arrival_date = ?", arrival)
    landed = _frame(con, "select source_file, line_no from raw.articles where arrival_date = ? "
                         "union all select source_file, line_no from raw.rejected where arrival_date = ?",
                    arrival * 2)
    assert units.height >= 4
    assert sorted(units.rows(), key=str) == sorted(landed.rows(), key=str)
    raw_ids = _frame(con, "select article_id from raw.articles where arrival_date = ?", arrival)
    after = _frame(con, "select article_id from clean.articles where arrival_date = ? union all "
                        "select article_id from clean.set_aside where arrival_date = ? union all "
                        "select article_id from clean.failed where arrival_date = ?", arrival * 3)
    assert sorted(raw_ids["article_id"]) == sorted(after["article_id"])


def test_nothing_implausible_is_published(hostile_warehouse):
    _, con, _ = hostile_warehouse
    for table in ("extract.claim_quantities", "resolve.claim_quantities", "resolve.event_quantities"):
        rows = _frame(con, f"select kind, value from {table}")
        for kind, value in rows.iter_rows():
            assert plausibility.value_is_plausible(kind, value), f"{table}: {kind} {value}"
    latest = datetime.now(UTC).date() + timedelta(days=1)
    for table in ("extract.claims", "resolve.claims", "resolve.events"):
        dates = _frame(con, f"select event_date from {table} where event_date is not null")["event_date"]
        assert dates.is_empty() or (dates.min() >= plausibility.conflict_start() and dates.max() <= latest)


def test_no_traceback_reaches_the_person_running_it(hostile_warehouse):
    _, _, printed = hostile_warehouse
    assert printed.count("day 2026-10-") == len(DAYS)  # it did print the run
    assert "Traceback" not in printed and "Stack Trace" not in printed
