"""DuckDB access: schema creation from `warehouse/ddl/*.sql`, transactions and row swaps.

A day's partitions are written as drafts and published together by `skywatch.publish`.

DuckDB has one writer: the pipeline opens the file read-write, everybody else read-only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from skywatch.paths import DDL_DIR, MACROS_SQL

STAGES = ("raw", "clean", "extract", "resolve", "marts")

# The session `connect_readonly` opens: the file read-only, no file or network access beyond it
# (COPY, EXPORT, ATTACH, read_csv('/etc/passwd'), glob, INSTALL all fail), no extension loaded
# behind the user's back, no Python variables scanned as tables, and the settings locked so
# that `SET enable_external_access = true` cannot undo any of it.
READ_ONLY_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "python_enable_replacements": False,
    "lock_configuration": True,
}


# DuckDB's buffer pool may grow to 80 % of the machine's memory by default, and a day's drafts fill
# it: publishing 100,000 articles held 1.6 GB in it, beside the stage's own frames. The pipeline's
# connections are held to this (DuckDB spills to a temporary file past it); $SKYWATCH_DUCKDB_MEMORY
# overrides it ("2GB", "512MB").
ENV_DUCKDB_MEMORY = "SKYWATCH_DUCKDB_MEMORY"
DEFAULT_DUCKDB_MEMORY = "1GB"
_SIZE = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?:[kmgt]i?b|b)", re.I)


def duckdb_memory_limit() -> str:
    """The memory limit of the pipeline's DuckDB connections, from $SKYWATCH_DUCKDB_MEMORY."""
    raw = os.environ.get(ENV_DUCKDB_MEMORY, "").strip()
    if not raw:
        return DEFAULT_DUCKDB_MEMORY
    size = _SIZE.fullmatch(raw)
    if size is None or float(size["number"]) <= 0:
        raise ValueError(f"${ENV_DUCKDB_MEMORY}: {raw!r} is not a size such as 1GB or 512MB")
    return raw


class WarehouseUnavailable(RuntimeError):
    """The warehouse cannot be opened for reading: missing, not a DuckDB file, or locked."""


def connect_readonly(path: str | Path, macros: bool = True) -> duckdb.DuckDBPyConnection:
    """A session on the warehouse through which no SQL can change a file or reach the machine.

    The macros of warehouse/macros.sql are loaded as TEMP macros (they live in memory, so a
    read-only file takes them). Raises `WarehouseUnavailable` with one line naming the file.
    """
    path = Path(path)
    if path.is_dir():
        raise WarehouseUnavailable(f"{path} is a folder, not a warehouse file")
    if not path.is_file():
        raise WarehouseUnavailable(f"no warehouse at {path}; run `skywatch run` first")
    try:
        con = duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG)
    except duckdb.Error as exc:
        raise WarehouseUnavailable(_unreadable(path, str(exc))) from None
    if macros:
        load_macros(con)
    return con


def _unreadable(path: Path, message: str) -> str:
    """One line saying why DuckDB would not open `path` (its own text may span lines)."""
    if "Could not set lock" in message or "Conflicting lock" in message:
        _, _, held = message.partition("Conflicting lock is held in ")
        holder = f" ({held.split('. See also')[0].strip()})" if held else ""
        return f"{path} is locked by another process{holder}, e.g. a running pipeline; retry when it ends"
    if "not a valid DuckDB database file" in message:
        return f"{path} is not a DuckDB database (damaged, or another kind of file)"
    return f"{path}: " + " ".join(message.split())


def ensure_schema(con: duckdb.DuckDBPyConnection, stage: str) -> None:
    """Create the stage's schema and tables if they do not exist yet."""
    con.execute((DDL_DIR / f"{stage}.sql").read_text())


@contextmanager
def connect(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only, config={"memory_limit": duckdb_memory_limit()})
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything in the block commits together or not at all (rolled back on any error)."""
    con.execute("begin transaction")
    try:
        yield
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def swap_rows(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, where: str,
              params: list) -> None:
    """Delete the rows `where` selects and insert `frame`. Call it inside `transaction`, so that
    readers never see the rows gone and not yet back (and other writes can land with it)."""
    con.execute(f"delete from {table} {where}", params)
    con.register("_batch", frame.to_arrow())
    try:
        con.execute(f"insert into {table} by name select * from _batch")
    finally:
        con.unregister("_batch")


def read_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()


def read_batches(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None,
                 rows: int = 2_000) -> Iterator[pl.DataFrame]:
    """The rows of `sql` as consecutive frames of at most about `rows` rows, fetched as they are
    consumed, so a large result is never held whole; the connection serves nothing else until
    they are (or until the next query on it, which ends the reading)."""
    for batch in con.execute(sql, params or []).fetch_record_batch(rows):
        yield pl.from_arrow(batch)


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table]).fetchone()[0])


def replace_reference(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame,
                      version_column: str) -> bool:
    """Rewrite a reference table whole unless it already holds this version of its data.

    Returns whether it was rewritten. `frame` must carry `version_column` (one value).
    """
    version = frame[version_column][0] if frame.height else None
    current = con.execute(f"select distinct {version_column} from {table}").fetchall()
    count = con.execute(f"select count(*) from {table}").fetchone()[0]
    if current == [(version,)] and count == frame.height:
        return False
    with transaction(con):
        swap_rows(con, table, frame, "", [])
    return True


def load_macros(con: duckdb.DuckDBPyConnection) -> bool:
    """The TEMP macros of warehouse/macros.sql, for this session only (read-only is fine).

    False when the warehouse lacks the tables they read (no run has reached the marts yet):
    plain SQL still works then.
    """
    try:
        con.execute(MACROS_SQL.read_text())
    except duckdb.CatalogException:
        return False
    return True
