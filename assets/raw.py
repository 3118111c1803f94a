"""Stage `raw`: the landing day's files read into articles, rejections and the input list."""


from datetime import UTC, datetime

import polars as pl

from skywatch.assets.stage import Day, Stage, StageRun, Table, reconciliation, stage_asset
from skywatch.ingest import ingest_files, move_known_ids
from skywatch.reconcile import input_problems
from skywatch.warehouse import read_frame

RAW_ARTICLES = ["raw", "articles"]
RECONCILE_INPUTS = "inputs_accounted_for"


def read_landing_day(run: StageRun) -> Day:
    """Read the landing day; bad inputs become raw.rejected rows, the batch goes on."""
    landing = run.context.resources.landing
    files, root = landing.files_for(run.context.partition_key)
    run.log.info(f"raw {run.day}: {len(files)} files in {landing.day_path(run.context.partition_key)}")
    result = ingest_files(files, root, landing.max_article_bytes, progress=run.log.info)
    now = datetime.now(UTC).replace(tzinfo=None)
    # Ids of this day already published on another day, with their text: the same text is
    # a re-delivery (rejected), another text is kept under a derived id.
    run.con.register("_ids", result.articles.select("article_id").to_arrow())
    known = read_frame(run.con, "select article_id, arrival_date, text from raw.articles "
                                "where arrival_date <> ? and (article_id in (select article_id from _ids) "
                                "or given_id in (select article_id from _ids))", [run.day])
    run.con.unregister("_ids")
    articles, rejected = move_known_ids(result.articles, result.rejected, known)
    stamp = pl.lit(now).alias("ingested_at")
    # Drafts: published together with the rest of the day once the marts' gates pass.
    return {"articles": articles.with_columns(stamp), "rejected": rejected.with_columns(stamp),
            "inputs": result.units, "read_articles": articles, "read_rejected": rejected}


raw_stage = stage_asset(Stage(
    name="raw",
    doc=read_landing_day.__doc__,
    resources=frozenset({"landing"}),
    tables=[
        Table("articles", "One row per article read from the landing day: id, title, body "
                          "text as read, publication time, url, source, file and line."),
        Table("rejected", "One row per file or .jsonl line that could not be read, with the "
                          "reason (not UTF-8, binary, empty, broken JSON, missing text, too "
                          "large, ...)."),
        Table("inputs", "Every input unit of the landing day (a file, or a line of a .jsonl "
                        "file): what raw.articles and raw.rejected must account for."),
    ],
    checks=[
        reconciliation(RECONCILE_INPUTS, "articles", input_problems,
                       ["inputs", "read_articles", "read_rejected"],
                       "Every input file and line is in exactly one of raw.articles or raw.rejected.",
                       "input units not accounted for exactly once"),
    ],
    build=read_landing_day,
))
