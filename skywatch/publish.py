"""Write, audit, publish: a day's new rows become visible together, only after every gate passed.

Every stage writes its day into a draft copy of its tables (`raw.articles` → `draft_raw.articles`,
same columns and constraints, made from the same DDL) and records the write in
`draft_meta.partitions`. The later stages of the same run read the day from the drafts; gates
validate the drafts. When the last stage's gates pass, `publish_day` moves every drafted table of
the day into the published tables in ONE transaction. So:

- readers (`skywatch query`, `skywatch report`, SQL) never see a day half old and half new: a
  failed gate, a crash or a `kill -9` anywhere before the publish leaves the published day as it
  was, and the drafts are simply rewritten by the next run;
- DuckDB's write-ahead log makes the publish transaction all or nothing, even when the process
  dies inside it.

Reference tables (the gazetteer, the entity list: no `arrival_date`) are versioned whole tables
and are written in place. No dagster here.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb
import polars as pl

from skywatch.paths import DDL_DIR
from skywatch.warehouse import STAGES, swap_rows, transaction

DRAFT_PREFIX = "draft_"
MANIFEST = "draft_meta.partitions"

# A reference to a stage's table in SQL: `resolve.events`, not `e.event_id` or `x.resolve.y`.
_TABLE_REF = re.compile(r"(?<![\w.\"])(" + "|".join(STAGES) + r")\.([a-z_][a-z0-9_]*)\b")


def draft_name(table: str) -> str:
    """`resolve.events` → `draft_resolve.events`."""
    schema, name = table.split(".")
    return f"{DRAFT_PREFIX}{schema}.{name}"


def _partitioned_statements(stage: str) -> list[str]:
    """The stage's `create table` statements for tables with an arrival_date (partitioned)."""
    # Comments go first: they may hold semicolons. The DDL has no string literals with "--".
    sql = re.sub(r"--[^\n]*", "", (DDL_DIR / f"{stage}.sql").read_text())
    statements = [s.strip() for s in sql.split(";")]
    return [s for s in statements if "create table" in s.lower() and "arrival_date" in s]


_CREATE = re.compile(r"create table if not exists\s+([a-z_]+\.[a-z_]+)\s*\((.*)\)\s*$", re.S | re.I)
_COLUMN = re.compile(r'^\s*"?([a-z_][a-z0-9_]*)"?\s+([a-z]+(?:\[\])?)', re.I)


def ddl_columns(statement: str) -> tuple[str, list[tuple[str, str]]]:
    """(table, [(column, type), ...]) of one comment-free `create table` statement."""
    match = _CREATE.search(statement)
    if not match:
        return "", []
    columns = []
    for line in match.group(2).split(","):
        column = _COLUMN.match(line)
        if column and column.group(1).lower() not in ("primary", "unique", "check", "foreign"):
            columns.append((column.group(1), column.group(2)))
    return match.group(1), columns


def add_missing_columns(con: duckdb.DuckDBPyConnection, statement: str) -> list[str]:
    """Columns the DDL added since the table was created, added to it (nullable); their names.

    Columns are only ever added, never renamed (warehouse/README.md), so a warehouse built by an
    older version gains the new columns instead of refusing the new rows.
    """
    table, columns = ddl_columns(statement)
    if not table:
        return []
    schema, name = table.split(".")
    have = {r[0] for r in con.execute("select column_name from information_schema.columns "
                                      "where table_schema = ? and table_name = ?", [schema, name]).fetchall()}
    added = [c for c, _ in columns if c not in have]
    for column, kind in columns:
        if column in added:
            con.execute(f'alter table {table} add column if not exists "{column}" {kind}')
    return added


def ensure_drafts(con: duckdb.DuckDBPyConnection, stage: str) -> None:
    """Create the stage's draft schema and tables (from its DDL) and the manifest, if missing;
    bring the published and draft tables of an older warehouse up to the DDL's columns."""
    con.execute(f"create schema if not exists {DRAFT_PREFIX}{stage}")
    for statement in _partitioned_statements(stage):
        draft_statement = re.sub(rf"\b{stage}\.", f"{DRAFT_PREFIX}{stage}.", statement)
        con.execute(draft_statement)
        add_missing_columns(con, statement)
        add_missing_columns(con, draft_statement)
    con.execute("create schema if not exists draft_meta")
    con.execute(f"""create table if not exists {MANIFEST} (
        table_name varchar not null, arrival_date date not null, written_at timestamp not null,
        primary key (table_name, arrival_date))""")


def write_draft(con: duckdb.DuckDBPyConnection, table: str, day: date, frame: pl.DataFrame) -> int:
    """Replace the day's draft rows of `table` by `frame`, and record the draft; one transaction."""
    frame = frame.with_columns(pl.lit(day).alias("arrival_date"))
    with transaction(con):
        swap_rows(con, draft_name(table), frame, "where arrival_date = ?", [day])
        con.execute(f"insert or replace into {MANIFEST} values (?, ?, current_timestamp)", [table, day])
    return frame.height


def drafted_tables(con: duckdb.DuckDBPyConnection, day: date) -> set[str]:
    """The tables that hold an unpublished draft of `day`."""
    if not _has_manifest(con):
        return set()
    rows = con.execute(f"select table_name from {MANIFEST} where arrival_date = ?", [day]).fetchall()
    return {r[0] for r in rows}


def staged(con: duckdb.DuckDBPyConnection, sql: str, day: date) -> str:
    """`sql` with each table that holds a draft of `day` read from its draft.

    For the queries a stage runs on the day it is computing: upstream stages of the same run
    wrote that day into drafts. Queries over other days read the published tables as written.
    """
    drafts = drafted_tables(con, day)
    if not drafts:
        return sql
    return _TABLE_REF.sub(lambda m: draft_name(m.group(0)) if m.group(0) in drafts else m.group(0), sql)


def publish_day(con: duckdb.DuckDBPyConnection, day: date) -> list[str]:
    """Move every draft of `day` into the published tables, all in one transaction.

    Returns the tables published. A table drafted empty publishes as empty: a re-run of a day
    whose files were withdrawn removes its old rows.
    """
    tables = sorted(drafted_tables(con, day))
    if not tables:
        return []
    with transaction(con):
        for table in tables:
            draft = draft_name(table)
            con.execute(f"delete from {table} where arrival_date = ?", [day])
            con.execute(f"insert into {table} by name select * from {draft} where arrival_date = ?", [day])
            con.execute(f"delete from {draft} where arrival_date = ?", [day])
        con.execute(f"delete from {MANIFEST} where arrival_date = ?", [day])
    return tables


def unpublished(con: duckdb.DuckDBPyConnection) -> list[tuple[date, list[str]]]:
    """Days with drafts that were never published (a gate failed, or the run was stopped)."""
    if not _has_manifest(con):
        return []
    rows = con.execute(f"select arrival_date, list(table_name order by table_name) from {MANIFEST} "
                       "group by 1 order by 1").fetchall()
    return [(day, list(tables)) for day, tables in rows]


def unpublished_warning(con: duckdb.DuckDBPyConnection) -> str | None:
    """One line for readers when drafts wait unpublished, else None."""
    pending = unpublished(con)
    if not pending:
        return None
    days = ", ".join(d.isoformat() for d, _ in pending[:5]) + (" ..." if len(pending) > 5 else "")
    return (f"note: {len(pending)} day(s) have a newer run that did not pass its gates ({days}); "
            "the warehouse shows their last published rows")


def _has_manifest(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'draft_meta' and table_name = 'partitions'").fetchone()[0])


# Columns that record when or how fast a row was written, not what it says.
VOLATILE_COLUMNS = frozenset({"ingested_at", "seconds", "written_at"})


def table_fingerprints(con: duckdb.DuckDBPyConnection,
                       volatile: frozenset[str] = VOLATILE_COLUMNS) -> dict[str, tuple[int, str]]:
    """Every table of the warehouse (published, drafts, manifest): (row count, hash of its rows).

    The hash is order-independent and leaves out `volatile` columns, so two warehouses built from
    the same input by the same code have the same fingerprints however and when they were built.
    """
    tables = con.execute("select table_schema, table_name from information_schema.tables "
                         "where table_type = 'BASE TABLE' order by 1, 2").fetchall()
    out = {}
    for schema, name in tables:
        columns = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = ? "
            "and table_name = ? order by ordinal_position", [schema, name]).fetchall()]
        kept = ", ".join(f'"{c}"' for c in columns if c not in volatile) or "1"
        count, digest = con.execute(
            f"select count(*), coalesce(sum(hash(row({kept}))::hugeint), 0)::varchar "
            f"from {schema}.{name}").fetchone()
        out[f"{schema}.{name}"] = (count, digest)
    return out
