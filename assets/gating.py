"""Turn gate reports and reconciliation results into blocking asset checks, and describe tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from skywatch.assets.resources import GateResource
from skywatch.data_docs import write_validation_page
from skywatch.gates import GateReport, run_gate, suite_name
from skywatch.isolation import allowed_failures, failed_share_problems, max_failed_share
from skywatch.publish import staged
from skywatch.warehouse import read_frame

GX_CHECK = "gx_suite"
FAILED_SHARE = "failed_within_threshold"

_DUCKDB_TO_DAGSTER = {"VARCHAR": "string", "BIGINT": "int", "DOUBLE": "float", "DATE": "date",
                      "TIMESTAMP": "timestamp", "INTEGER": "int", "BOOLEAN": "bool"}


def gx_check_spec(key: list[str], description: str | None = None) -> dg.AssetCheckSpec:
    table = ".".join(key)
    return dg.AssetCheckSpec(
        GX_CHECK, asset=key, blocking=True,
        description=description or f"Great Expectations suite expectations/{suite_name(table)}.json "
                                   f"on the rows just written to {table}; blocks downstream on failure.")


def partition_rows(con: duckdb.DuckDBPyConnection, table: str, day: date) -> pl.DataFrame:
    """The day's rows of `table`: its draft when this run wrote one, else the published rows."""
    return read_frame(con, staged(con, f"select * from {table} where arrival_date = ?", day), [day])


def failed_share_spec(key: list[str], stage: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        FAILED_SHARE, asset=key, blocking=True,
        description=f"At most max(1, {max_failed_share():.0%} of the day's articles) failed in the "
                    f"{stage} stage ($SKYWATCH_MAX_FAILED_SHARE); each is a row of {'.'.join(key)} "
                    "with its error, and the rest of the day went on.")


def failed_share_result(key: list[str], failed: pl.DataFrame, n_articles: int) -> dg.AssetCheckResult:
    """Passes while the day's failed articles stay within the threshold; names them either way."""
    problems = failed_share_problems(failed, n_articles)
    n_failed = failed["article_id"].n_unique() if failed.height else 0
    allowed = allowed_failures(n_articles)
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(key), check_name=FAILED_SHARE, passed=problems.height == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        description=f"{n_failed} of {n_articles} articles failed (at most {allowed} allowed)"
                    + (": " + ", ".join(failed["article_id"].unique(maintain_order=True).head(10))
                       if n_failed else ""),
        metadata={"failed_articles": n_failed, "articles": n_articles, "allowed": allowed,
                  "examples": dg.MetadataValue.md(markdown_table(
                      failed.select("article_id", "error_class", "message", "location").head(10)))},
    )


def gate_result(key: list[str], report: GateReport, data_docs_page: Path | None = None
                ) -> dg.AssetCheckResult:
    """The check result: pass/fail, which expectations passed on how many rows, and the Data Docs page."""
    docs = {}
    if data_docs_page is not None:
        docs = {"data_docs_page": dg.MetadataValue.path(str(data_docs_page)),
                "data_docs_index": dg.MetadataValue.path(str(data_docs_page.parents[2] / "index.html")),
                "data_docs_url": dg.MetadataValue.url(data_docs_page.resolve().as_uri())}
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(key), check_name=GX_CHECK, passed=report.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description=report.summary(),
        metadata={
            "suite": f"expectations/{report.suite}.json",
            "rows_validated": report.n_rows,
            "expectations": len(report.outcomes),
            "expectations_passed": len(report.outcomes) - len(report.failures),
            "failures": dg.MetadataValue.md(_failures_md(report) or "none"),
            **docs,
        },
    )


def gate_frame(key: list[str], frame: pl.DataFrame, day: date, gates: GateResource) -> dg.AssetCheckResult:
    """Validate `frame` against the table's suite and, when configured, write its Data Docs page."""
    report = run_gate(".".join(key), frame, gates.expectations_dir)
    page = None
    if gates.data_docs_dir:
        page = write_validation_page(report, Path(gates.data_docs_dir), day.isoformat())
    return gate_result(key, report, page)


def gate_table(con: duckdb.DuckDBPyConnection, key: list[str], day: date,
               gates: GateResource) -> dg.AssetCheckResult:
    """Validate the partition just written to the table named by `key`."""
    return gate_frame(key, partition_rows(con, ".".join(key), day), day, gates)


def _failures_md(report: GateReport) -> str:
    lines = [f"- `{f.describe()}`" for f in report.failures]
    return "\n".join(lines)


def problems_result(key: list[str], check_name: str, problems: pl.DataFrame,
                    what: str) -> dg.AssetCheckResult:
    """A reconciliation check: passes when `problems` is empty."""
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(key), check_name=check_name, passed=problems.height == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        description=f"{what}: {problems.height} problems",
        metadata={"problems": problems.height,
                  "examples": dg.MetadataValue.md(markdown_table(problems.head(10)))},
    )


def markdown_table(frame: pl.DataFrame, max_chars: int = 80) -> str:
    """A small Markdown table for the UI; long cells are cut."""
    if frame.is_empty():
        return "_no rows_"
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = ["| " + " | ".join(_cell(v, max_chars) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([header, rule, *body])


def _cell(value: object, max_chars: int) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\n", " ").replace("|", "\\|")
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def table_metadata(con: duckdb.DuckDBPyConnection, key: list[str], day: date) -> dict:
    """Row count, column schema and a preview of the partition, for the Dagster UI.

    The column schema is the DDL's (`skywatch.catalogue`), described by its `--` comments."""
    from skywatch.catalogue import columns as ddl_columns

    schema, table = key
    columns = ddl_columns(f"{schema}.{table}")
    total = con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
    if any(c.name == "arrival_date" for c in columns):
        rows = partition_rows(con, f"{schema}.{table}", day)  # the draft just written
        count = rows.height
    else:  # a reference table, written whole: its rows are every day's (only the preview is read)
        rows, count = read_frame(con, f"select * from {schema}.{table} limit 10"), total
    return {
        "dagster/row_count": count,
        "table_rows_all_days": total,
        "dagster/column_schema": dg.TableSchema(columns=[
            dg.TableColumn(c.name, _DUCKDB_TO_DAGSTER.get(c.type, c.type.lower()),
                           description=c.comment or None,
                           constraints=dg.TableColumnConstraints(nullable=c.nullable))
            for c in columns
        ]),
        "dagster/table_name": f"{schema}.{table}",
        "preview": dg.MetadataValue.md(markdown_table(rows.head(10))),
    }
