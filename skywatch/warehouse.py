"""DuckDB access: schema creation from `warehouse/ddl/*.sql` and idempotent partition writes.

DuckDB has one writer: the pipeline opens the file read-write, everybody else read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from skywatch.paths import DDL_DIR

STAGES = ("raw", "clean", "extract")


def ensure_schema(con: duckdb.DuckDBPyConnection, stage: str) -> None:
    """Create the stage's schema and tables if they do not exist yet."""
    con.execute((DDL_DIR / f"{stage}.sql").read_text())


@contextmanager
def connect(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def replace_partition(con: duckdb.DuckDBPyConnection, table: str, day: date,
                      frame: pl.DataFrame) -> int:
    """Replace the rows of `day` in `table` by `frame`: writing a day twice gives its rows once."""
    frame = frame.with_columns(pl.lit(day).alias("arrival_date"))
    con.execute("begin transaction")
    try:
        con.execute(f"delete from {table} where arrival_date = ?", [day])
        con.register("_batch", frame.to_arrow())
        con.execute(f"insert into {table} by name select * from _batch")
        con.unregister("_batch")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return frame.height


def read_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table]).fetchone()[0])
