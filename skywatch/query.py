"""What `skywatch query` runs: reading SQL only, on a session that could not write anyway.

Two locks, either enough on its own against the attacks we know of:

1. The session (`skywatch.warehouse.connect_readonly`) opens the file read-only with external
   access off and its settings locked: COPY/EXPORT/ATTACH/read_csv/glob/INSTALL fail in DuckDB.
2. Before anything runs, every statement of the text is parsed and only statements that read
   are accepted: SELECT (which covers WITH, FROM-first, VALUES, TABLE, SHOW, DESCRIBE,
   SUMMARIZE and the reading PRAGMAs such as `pragma table_info`, which DuckDB rewrites into
   a SELECT) and EXPLAIN of such a statement. CHECKPOINT, VACUUM, SET, PRAGMA settings, CALL,
   transactions, CREATE (even TEMP) and the rest are refused before the first one runs, so a
   script is never half executed.

Every error is one line: `skywatch query: refused: ...`, DuckDB's own message flattened, or
the file that could not be read. No dagster here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import duckdb

from skywatch.publish import unpublished_warning
from skywatch.warehouse import WarehouseUnavailable, connect_readonly

READING = {duckdb.StatementType.SELECT}
# EXPLAIN [ANALYZE] [(options)] after any leading comments: what follows is checked again.
_EXPLAIN = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*explain\b(?:\s+analy[sz]e\b)?(?:\s*\([^)]*\))?",
                      re.IGNORECASE | re.DOTALL)


class QueryRefused(ValueError):
    """The SQL holds a statement that does more than read."""


class QueryInputError(ValueError):
    """The SQL could not be read (a missing or undecodable --file, nothing given)."""


def read_sql(sql: str | None, file: str | None) -> str:
    """The SQL text from the argument or from --file, or one line naming what is wrong."""
    if file:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryInputError(f"--file {path}: no such file") from None
        except IsADirectoryError:
            raise QueryInputError(f"--file {path}: is a folder, not a .sql file") from None
        except UnicodeDecodeError as exc:
            raise QueryInputError(f"--file {path}: not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise QueryInputError(f"--file {path}: {exc.strerror or exc}") from None
    else:
        text = sql or ""
    if not text.strip():
        raise QueryInputError("give SQL or --file F.sql" + (f" (--file {file} is empty)" if file else ""))
    return text


def one_line(exc: BaseException) -> str:
    """DuckDB's message on one line: its `LINE n:` excerpt and caret only make sense on a terminal."""
    lines = [line.strip() for line in str(exc).splitlines()]
    kept = [line for line in lines if line and not line.startswith("LINE ") and set(line) != {"^"}]
    return " ".join(kept) or type(exc).__name__


def reading_statements(con: duckdb.DuckDBPyConnection, sql: str) -> list:
    """The parsed statements of `sql` if all of them only read, else `QueryRefused` naming the first."""
    statements = con.extract_statements(sql)
    if not statements:
        raise QueryInputError("the SQL holds no statement")
    for number, statement in enumerate(statements, start=1):
        _check(con, statement, number)
    return statements


def _check(con: duckdb.DuckDBPyConnection, statement, number: int) -> None:
    kind = statement.type
    if kind in READING:
        return
    if kind == duckdb.StatementType.EXPLAIN:
        inner = _EXPLAIN.sub("", statement.query, count=1)
        if inner != statement.query and inner.strip():
            inner_statements = con.extract_statements(inner)
            if len(inner_statements) == 1 and inner_statements[0].type in READING:
                return
    name = getattr(kind, "name", None) or "unknown"
    raise QueryRefused(f"statement {number} is {name} and `skywatch query` is read-only: only SELECT, "
                       "WITH, FROM, SHOW, DESCRIBE, SUMMARIZE and EXPLAIN of those run")


def run_query(warehouse: str | Path, sql: str, max_rows: int = 100) -> None:
    """Run every statement of `sql` on a read-only session and print the last one's rows.

    Nothing runs unless every statement reads. Raises `WarehouseUnavailable`, `QueryRefused`,
    `QueryInputError` or `duckdb.Error`.
    """
    con = connect_readonly(warehouse)
    try:
        relation = None
        for statement in reading_statements(con, sql):
            relation = con.sql(statement)
        if relation is not None:
            relation.show(max_width=200, max_rows=max_rows)
        warning = unpublished_warning(con)
        if warning:  # a day whose newer run failed a gate: the rows shown are its last published ones
            print(f"skywatch query: {warning}", file=sys.stderr)
    finally:
        con.close()


def main_query(warehouse: str, sql: str | None, file: str | None, max_rows: int) -> int:
    """`skywatch query`: 0, 1 (the SQL was refused or failed) or 2 (no SQL, no warehouse)."""
    try:
        text = read_sql(sql, file)
        run_query(warehouse, text, max_rows)
    except QueryInputError as exc:
        return _fail(str(exc), 2)
    except WarehouseUnavailable as exc:
        return _fail(str(exc), 2)
    except QueryRefused as exc:
        return _fail(f"refused: {exc}", 1)
    except duckdb.Error as exc:
        return _fail(one_line(exc), 1)
    return 0


def _fail(message: str, status: int) -> int:
    print(f"skywatch query: {message}", file=sys.stderr)
    return status
