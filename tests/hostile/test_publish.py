"""Write, audit, publish: readers never see a day half old and half new."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest

from skywatch import publish
from skywatch.warehouse import ensure_schema

DAY = date(2026, 11, 20)


@pytest.fixture
def con(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    for stage in ("raw", "clean"):
        ensure_schema(con, stage)
        publish.ensure_drafts(con, stage)
    yield con
    con.close()


def _rejected(n: int, tag: str) -> pl.DataFrame:
    return pl.DataFrame({"source_file": [f"{tag}{i}.pdf" for i in range(n)], "line_no": [None] * n,
                         "reason": ["unsupported_format"] * n, "detail": [tag] * n,
                         "n_bytes": [1] * n, "ingested_at": [None] * n},
                        schema_overrides={"line_no": pl.Int64, "ingested_at": pl.Datetime("us")}) \
        .with_columns(pl.lit(0).cast(pl.Datetime("us")).alias("ingested_at"))


def _count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table} where arrival_date = ?", [DAY]).fetchone()[0]


def test_a_draft_is_invisible_until_published(con):
    publish.write_draft(con, "raw.rejected", DAY, _rejected(3, "new"))
    assert _count(con, "raw.rejected") == 0
    assert publish.drafted_tables(con, DAY) == {"raw.rejected"}
    sql = "select count(*) from raw.rejected where arrival_date = ?"
    assert con.execute(publish.staged(con, sql, DAY), [DAY]).fetchone()[0] == 3
    assert publish.publish_day(con, DAY) == ["raw.rejected"]
    assert _count(con, "raw.rejected") == 3
    assert publish.drafted_tables(con, DAY) == set() and _count(con, "draft_raw.rejected") == 0


def test_publishing_replaces_the_old_day_and_keeps_other_days(con):
    other = date(2026, 11, 19)
    publish.write_draft(con, "raw.rejected", other, _rejected(2, "other"))
    publish.publish_day(con, other)
    publish.write_draft(con, "raw.rejected", DAY, _rejected(5, "old"))
    publish.publish_day(con, DAY)
    publish.write_draft(con, "raw.rejected", DAY, _rejected(1, "new"))
    assert _count(con, "raw.rejected") == 5  # still the old day
    publish.publish_day(con, DAY)
    rows = con.execute("select detail, count(*) from raw.rejected group by 1 order by 1").fetchall()
    assert rows == [("new", 1), ("other", 2)]


def test_an_empty_draft_publishes_as_an_empty_day(con):
    publish.write_draft(con, "raw.rejected", DAY, _rejected(4, "old"))
    publish.publish_day(con, DAY)
    publish.write_draft(con, "raw.rejected", DAY, _rejected(0, "none"))
    publish.publish_day(con, DAY)
    assert _count(con, "raw.rejected") == 0


def test_staged_rewrites_only_tables_drafted_for_that_day(con):
    publish.write_draft(con, "raw.rejected", DAY, _rejected(1, "x"))
    sql = ("select * from raw.rejected r join raw.articles a on a.source_file = r.source_file "
           "where r.arrival_date = ?")
    rewritten = publish.staged(con, sql, DAY)
    assert "draft_raw.rejected" in rewritten and " raw.articles" in rewritten
    assert publish.staged(con, sql, date(2026, 11, 21)) == sql


def test_readers_are_told_of_unpublished_days(con):
    assert publish.unpublished_warning(con) is None
    publish.write_draft(con, "raw.rejected", DAY, _rejected(1, "x"))
    warning = publish.unpublished_warning(con)
    assert warning and "2026-11-20" in warning and "\n" not in warning


def test_a_failed_publish_leaves_the_published_day_as_it_was(con, monkeypatch):
    publish.write_draft(con, "raw.rejected", DAY, _rejected(2, "old"))
    publish.publish_day(con, DAY)
    publish.write_draft(con, "raw.rejected", DAY, _rejected(3, "new"))
    # A draft table whose insert fails halfway through the transaction (a column gone wrong).
    con.execute("alter table draft_raw.rejected add column oops varchar default 'x'")
    with pytest.raises(duckdb.Error):
        publish.publish_day(con, DAY)
    assert con.execute("select distinct detail from raw.rejected").fetchall() == [("old",)]
    assert publish.drafted_tables(con, DAY) == {"raw.rejected"}


def test_an_older_warehouse_gains_new_columns(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("create schema raw; create table raw.inputs (arrival_date date not null, "
                "source_file varchar not null)")  # built before line_no existed
    ensure_schema(con, "raw")
    publish.ensure_drafts(con, "raw")
    columns = {r[0] for r in con.execute("select column_name from information_schema.columns "
                                         "where table_schema = 'raw' and table_name = 'inputs'").fetchall()}
    assert "line_no" in columns
    con.close()


def test_query_says_when_a_day_waits_unpublished(tmp_path, capsys):
    from skywatch.cli import main

    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    ensure_schema(con, "raw")
    publish.ensure_drafts(con, "raw")
    publish.write_draft(con, "raw.rejected", DAY, _rejected(2, "new"))
    con.close()
    assert main(["query", "--warehouse", str(path), "select count(*) as n from raw.rejected"]) == 0
    out, err = capsys.readouterr()
    assert "0" in out  # the published table: the draft is not visible
    assert err.count("\n") == 1 and "2026-11-20" in err and "did not pass its gates" in err
