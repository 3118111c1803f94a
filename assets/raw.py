"""Stage `raw`: the landing day's files read into articles, rejections and the input list."""


from collections.abc import Iterator
from datetime import UTC, date, datetime

import dagster as dg
import polars as pl

from assets.gating import gate_table, gx_check_spec, problems_result, table_metadata
from assets.partitions import daily_partitions
from assets.resources import GateResource, LandingResource, WarehouseResource
from skywatch.ingest import ingest_files, move_known_ids
from skywatch.publish import ensure_drafts, write_draft
from skywatch.reconcile import input_problems
from skywatch.warehouse import ensure_schema, read_frame

RAW_ARTICLES = ["raw", "articles"]
RAW_REJECTED = ["raw", "rejected"]
RAW_INPUTS = ["raw", "inputs"]
RECONCILE_INPUTS = "inputs_accounted_for"

_SPECS = [
    dg.AssetSpec(RAW_ARTICLES, group_name="raw", kinds={"duckdb"},
                 description="One row per article read from the landing day: id, title, body "
                             "text as read, publication time, url, source, file and line."),
    dg.AssetSpec(RAW_REJECTED, group_name="raw", kinds={"duckdb"},
                 description="One row per file or .jsonl line that could not be read, with the "
                             "reason (not UTF-8, binary, empty, broken JSON, missing text, too "
                             "large, ...)."),
    dg.AssetSpec(RAW_INPUTS, group_name="raw", kinds={"duckdb"},
                 description="Every input unit of the landing day (a file, or a line of a .jsonl "
                             "file): what raw.articles and raw.rejected must account for."),
]


@dg.multi_asset(
    name="raw_stage",
    specs=_SPECS,
    partitions_def=daily_partitions,
    check_specs=[
        *(gx_check_spec(spec.key.path) for spec in _SPECS),
        dg.AssetCheckSpec(RECONCILE_INPUTS, asset=RAW_ARTICLES, blocking=True,
                          description="Every input file and line is in exactly one of "
                                      "raw.articles or raw.rejected."),
    ],
)
def raw_stage(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
              landing: LandingResource, gates: GateResource) -> Iterator:
    """Read the landing day; bad inputs become raw.rejected rows, the batch goes on."""
    day = date.fromisoformat(context.partition_key)
    files, root = landing.files_for(context.partition_key)
    context.log.info(f"raw {day}: {len(files)} files in {landing.day_path(context.partition_key)}")
    result = ingest_files(files, root, landing.max_article_bytes, progress=context.log.info)
    now = datetime.now(UTC).replace(tzinfo=None)
    with warehouse.connect() as con:
        ensure_schema(con, "raw")
        ensure_drafts(con, "raw")
        # Ids of this day already published on another day, with their text: the same text is
        # a re-delivery (rejected), another text is kept under a derived id.
        con.register("_ids", result.articles.select("article_id").to_arrow())
        known = read_frame(con, "select article_id, arrival_date, text from raw.articles "
                                "where arrival_date <> ? and (article_id in (select article_id from _ids) "
                                "or given_id in (select article_id from _ids))", [day])
        con.unregister("_ids")
        articles, rejected = move_known_ids(result.articles, result.rejected, known)
        stamp = pl.lit(now).alias("ingested_at")
        # Drafts: published together with the rest of the day once the marts' gates pass.
        write_draft(con, "raw.articles", day, articles.with_columns(stamp))
        write_draft(con, "raw.rejected", day, rejected.with_columns(stamp))
        write_draft(con, "raw.inputs", day, result.units)
        for key in (RAW_ARTICLES, RAW_REJECTED, RAW_INPUTS):
            yield dg.MaterializeResult(asset_key=key, metadata=table_metadata(con, key, day))
        for key in (RAW_ARTICLES, RAW_REJECTED, RAW_INPUTS):
            yield gate_table(con, key, day, gates)
    yield problems_result(RAW_ARTICLES, RECONCILE_INPUTS,
                          input_problems(result.units, articles, rejected),
                          "input units not accounted for exactly once")
