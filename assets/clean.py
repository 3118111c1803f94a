"""Stage `clean`: normalised text, sentence offsets, duplicates marked, non-English set aside."""


from collections.abc import Iterator
from datetime import date, timedelta

import dagster as dg

from assets.gating import (
    failed_share_result,
    failed_share_spec,
    gate_table,
    gx_check_spec,
    problems_result,
    table_metadata,
)
from assets.partitions import daily_partitions
from assets.raw import RAW_ARTICLES
from assets.resources import GateResource, WarehouseResource
from skywatch.clean import clean_day
from skywatch.publish import ensure_drafts, staged, write_draft
from skywatch.reconcile import clean_problems, offset_problems
from skywatch.warehouse import ensure_schema, read_frame

CLEAN_ARTICLES = ["clean", "articles"]
CLEAN_SENTENCES = ["clean", "sentences"]
CLEAN_BOILERPLATE = ["clean", "boilerplate"]
CLEAN_SET_ASIDE = ["clean", "set_aside"]
CLEAN_FAILED = ["clean", "failed"]
RECONCILE_RAW = "raw_articles_accounted_for"
OFFSETS_EXACT = "offsets_exact"
DUPLICATE_WINDOW = timedelta(days=14)

_DEPS = [dg.AssetDep(RAW_ARTICLES)]
_SPECS = [
    dg.AssetSpec(CLEAN_ARTICLES, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="One row per English article: normalised text (NFC, ASCII quotes "
                             "and dashes, boilerplate lines removed) and duplicate_of for "
                             "exact and near duplicates."),
    dg.AssetSpec(CLEAN_SENTENCES, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="One row per sentence with start/end offsets into "
                             "clean.articles.text."),
    dg.AssetSpec(CLEAN_BOILERPLATE, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="Every boilerplate line removed by cleaning (related-story "
                             "headlines, read more, share, subscribe), with its kind."),
    dg.AssetSpec(CLEAN_SET_ASIDE, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="Raw articles not carried on (non-English, nothing left after "
                             "cleaning), each with its reason."),
    dg.AssetSpec(CLEAN_FAILED, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="Quarantine: raw articles the cleaner raised on, with the error class, "
                             "message and where it was raised; the rest of the day went on."),
]
_TABLES = (CLEAN_ARTICLES, CLEAN_SENTENCES, CLEAN_BOILERPLATE, CLEAN_SET_ASIDE, CLEAN_FAILED)


@dg.multi_asset(
    name="clean_stage",
    specs=_SPECS,
    partitions_def=daily_partitions,
    check_specs=[
        *(gx_check_spec(spec.key.path) for spec in _SPECS),
        dg.AssetCheckSpec(RECONCILE_RAW, asset=CLEAN_ARTICLES, blocking=True,
                          description="Every raw article is in exactly one of clean.articles, "
                                      "clean.set_aside or clean.failed."),
        dg.AssetCheckSpec(OFFSETS_EXACT, asset=CLEAN_SENTENCES, blocking=True,
                          description="text[start:end] equals the sentence for every sentence."),
        failed_share_spec(CLEAN_FAILED, "clean"),
    ],
)
def clean_stage(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                gates: GateResource) -> Iterator:
    """Clean the day's raw articles; earlier days' articles are the context for duplicates."""
    day = date.fromisoformat(context.partition_key)
    with warehouse.connect() as con:
        ensure_schema(con, "clean")
        ensure_drafts(con, "clean")
        raw = read_frame(con, staged(con, "select * from raw.articles where arrival_date = ?", day), [day])
        # Re-posts come within days: other days inside the window are the duplicate context.
        window = [day, day - DUPLICATE_WINDOW, day + DUPLICATE_WINDOW]
        earlier = read_frame(con, "select article_id, arrival_date, published_at, text "
                                  "from clean.articles where arrival_date <> ? "
                                  "and arrival_date between ? and ?", window)
        earlier_sentences = read_frame(con, "select article_id, text from clean.sentences "
                                            "where arrival_date <> ? "
                                            "and arrival_date between ? and ?", window)
        result = clean_day(raw, earlier, earlier_sentences, progress=context.log.info)
        write_draft(con, "clean.articles", day, result.articles)
        write_draft(con, "clean.sentences", day, result.sentences)
        write_draft(con, "clean.boilerplate", day, result.boilerplate)
        write_draft(con, "clean.set_aside", day, result.set_aside)
        write_draft(con, "clean.failed", day, result.failed)
        for key in _TABLES:
            yield dg.MaterializeResult(asset_key=key, metadata=table_metadata(con, key, day))
        for key in _TABLES:
            yield gate_table(con, key, day, gates)
    yield problems_result(CLEAN_ARTICLES, RECONCILE_RAW,
                          clean_problems(raw, result.articles, result.set_aside, result.failed),
                          "raw articles not accounted for exactly once")
    yield failed_share_result(CLEAN_FAILED, result.failed, raw.height)
    yield problems_result(CLEAN_SENTENCES, OFFSETS_EXACT,
                          offset_problems(result.articles, result.sentences),
                          "sentences whose offsets do not give back their text")
