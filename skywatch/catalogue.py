"""The column catalogue: every warehouse table's columns, declared once in `warehouse/ddl/*.sql`.

The DDL is executed into an in-memory DuckDB (as `skywatch.warehouse.ensure_schema` creates the
real warehouse) and read back: names, DuckDB types, NOT NULL and defaults, plus the `--` comment
on each column's DDL line as its description. Code that needs a table's columns (a Polars
schema, the Dagster UI's column schema) asks here instead of declaring them again;
`tests/test_catalogue.py` fails when the Polars schemas in code, the expectation suites or
`warehouse/README.md` disagree with it. No dagster here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import duckdb
import polars as pl

from skywatch.paths import DDL_DIR
from skywatch.warehouse import STAGES, ensure_schema


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # as DuckDB spells it: VARCHAR, BIGINT, VARCHAR[], ...
    nullable: bool
    default: str | None  # the DEFAULT expression, None without one
    comment: str  # the `--` comment on its DDL line, "" without one


# What DuckDB hands Polars for each type (`con.execute(...).pl()`): the types stages read back.
_POLARS_TYPES: dict[str, pl.DataType] = {
    "VARCHAR": pl.String(), "BOOLEAN": pl.Boolean(), "BLOB": pl.Binary(),
    "TINYINT": pl.Int8(), "SMALLINT": pl.Int16(), "INTEGER": pl.Int32(), "BIGINT": pl.Int64(),
    "UTINYINT": pl.UInt8(), "USMALLINT": pl.UInt16(), "UINTEGER": pl.UInt32(), "UBIGINT": pl.UInt64(),
    "FLOAT": pl.Float32(), "DOUBLE": pl.Float64(),
    "DATE": pl.Date(), "TIME": pl.Time(), "TIMESTAMP": pl.Datetime("us"),
}
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")

# In a `create table`, a column's line starts with its name (maybe quoted) and its type.
_TABLE_START = re.compile(r"create\s+table\s+(?:if\s+not\s+exists\s+)?(\w+\.\w+)", re.I)
_COLUMN_LINE = re.compile(r'\s*"?(\w+)"?\s+\w')


def tables() -> list[str]:
    """Every table of the DDL, `schema.table`: stage by stage, in the order of their statements."""
    return list(_catalogue())


def columns(table: str) -> list[Column]:
    """The columns of `table` (`schema.table`), in DDL order."""
    catalogue = _catalogue()
    if table not in catalogue:
        raise KeyError(f"{table} is not declared in warehouse/ddl/*.sql")
    return list(catalogue[table])


def polars_schema(table: str) -> dict[str, pl.DataType]:
    """{column: Polars type} of `table`, in DDL order: the frame a stage writes or reads back."""
    return {c.name: polars_type(c.type, f"{table}.{c.name}") for c in columns(table)}


def polars_type(duckdb_type: str, where: str = "") -> pl.DataType:
    """The Polars type DuckDB reads `duckdb_type` as (`VARCHAR[]` -> `List(String)`)."""
    if duckdb_type.endswith("[]"):
        return pl.List(polars_type(duckdb_type[:-2], where))
    if decimal := _DECIMAL.fullmatch(duckdb_type):
        return pl.Decimal(int(decimal.group(1)), int(decimal.group(2)))
    if duckdb_type not in _POLARS_TYPES:
        raise ValueError(f"{where or 'a column'}: no Polars type for DuckDB's {duckdb_type} "
                         "(add it to skywatch.catalogue._POLARS_TYPES)")
    return _POLARS_TYPES[duckdb_type]


@functools.cache
def _catalogue() -> dict[str, tuple[Column, ...]]:
    # `iterdir`, `name` and `read_text` only: DDL_DIR may be a Path or an importlib.resources one.
    files = sorted((f for f in DDL_DIR.iterdir() if f.name.endswith(".sql")), key=_stage_order)
    stages = [f.name.removesuffix(".sql") for f in files]
    comments = {key: text for f in files for key, text in _comments(f.read_text()).items()}
    con = duckdb.connect()
    try:
        for stage in stages:
            ensure_schema(con, stage)
        rows = con.execute(
            "select schema_name || '.' || table_name, column_name, data_type, is_nullable, column_default "
            "from duckdb_columns() "
            "where database_name = current_database() and list_contains(?, schema_name) "
            "order by list_position(?, schema_name), table_oid, column_index", [stages, stages]).fetchall()
    finally:
        con.close()
    catalogue: dict[str, list[Column]] = {}
    for table, name, kind, nullable, default in rows:
        catalogue.setdefault(table, []).append(
            Column(name, kind, nullable, default, comments.get((table, name), "")))
    return {table: tuple(cols) for table, cols in catalogue.items()}


def _stage_order(file) -> tuple[int, str]:
    stage = file.name.removesuffix(".sql")
    return (STAGES.index(stage) if stage in STAGES else len(STAGES), stage)


def _comments(ddl: str) -> dict[tuple[str, str], str]:
    """{(table, column): comment} of the column lines of one DDL file that carry a `--` comment."""
    found: dict[tuple[str, str], str] = {}
    table = None
    for line in ddl.splitlines():
        code, _, comment = line.partition("--")  # the DDL has no string literal holding "--"
        if start := _TABLE_START.search(code):
            table = start.group(1).lower()
        elif code.lstrip().startswith(")"):
            table = None
        elif table and comment.strip() and (column := _COLUMN_LINE.match(code)):
            found[(table, column.group(1))] = comment.strip()
    return found
