"""Stage `extract`: claims, their numbers and every mention, from the clean text."""

import time
from collections.abc import Iterator
from datetime import date

import dagster as dg
import polars as pl

from assets.clean import CLEAN_ARTICLES, CLEAN_SENTENCES
from assets.gating import (
    failed_share_result,
    failed_share_spec,
    gate_table,
    gx_check_spec,
    problems_result,
    table_metadata,
)
from assets.partitions import daily_partitions
from assets.resources import GateResource, WarehouseResource
from skywatch.extract import EXTRACTOR_VERSION, extract_batch
from skywatch.publish import ensure_drafts, staged, write_draft
from skywatch.reconcile import claim_link_problems, span_problems
from skywatch.warehouse import ensure_schema, read_frame

EXTRACT_CLAIMS = ["extract", "claims"]
EXTRACT_QUANTITIES = ["extract", "claim_quantities"]
EXTRACT_MENTIONS = ["extract", "mentions"]
EXTRACT_STATS = ["extract", "batch_stats"]
EXTRACT_FAILED = ["extract", "failed"]
SPANS_EXACT = "spans_exact"
LINKS_RESOLVE = "links_resolve"

_DEPS = [dg.AssetDep(CLEAN_ARTICLES), dg.AssetDep(CLEAN_SENTENCES)]
_SPECS = [
    dg.AssetSpec(EXTRACT_CLAIMS, group_name="extract", kinds={"duckdb"}, deps=_DEPS,
                 description="One row per claim that an air-war event happened or was stopped: "
                             "event type, weapon, target, effects, place phrase, time window, "
                             "claimant, certainty, scope (single/total/part) and evidence span."),
    dg.AssetSpec(EXTRACT_QUANTITIES, group_name="extract", kinds={"duckdb"}, deps=_DEPS,
                 description="One row per number a claim states: kind (drones_destroyed, killed, "
                             "...), value, bound and the span of the number."),
    dg.AssetSpec(EXTRACT_MENTIONS, group_name="extract", kinds={"duckdb"}, deps=_DEPS,
                 description="Every place, person, organisation, weapon, time and number span "
                             "of the relevant sentences, with offsets into the clean text."),
    dg.AssetSpec(EXTRACT_STATS, group_name="extract", kinds={"duckdb"}, deps=_DEPS,
                 description="Per day: articles, sentences, how many the cheap relevance filter "
                             "let through and how long extraction took."),
    dg.AssetSpec(EXTRACT_FAILED, group_name="extract", kinds={"duckdb"}, deps=_DEPS,
                 description="Quarantine: articles the extractor raised on or that ran past their "
                             "time limit, with the error class, message and where it was raised; "
                             "the rest of the day went on."),
]
_TABLES = (EXTRACT_CLAIMS, EXTRACT_QUANTITIES, EXTRACT_MENTIONS, EXTRACT_STATS, EXTRACT_FAILED)


@dg.multi_asset(
    name="extract_stage",
    specs=_SPECS,
    partitions_def=daily_partitions,
    check_specs=[
        *(gx_check_spec(spec.key.path) for spec in _SPECS),
        dg.AssetCheckSpec(SPANS_EXACT, asset=EXTRACT_MENTIONS, blocking=True,
                          description="Every mention's and number's offsets give back its text "
                                      "in clean.articles.text."),
        dg.AssetCheckSpec(LINKS_RESOLVE, asset=EXTRACT_CLAIMS, blocking=True,
                          description="Every part claim points at a total of the same day, and "
                                      "every quantity at a claim."),
        failed_share_spec(EXTRACT_FAILED, "extract"),
    ],
)
def extract_stage(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                  gates: GateResource) -> Iterator:
    """Extract the day's claims; exact duplicates are skipped (they repeat their original)."""
    day = date.fromisoformat(context.partition_key)
    with warehouse.connect() as con:
        ensure_schema(con, "extract")
        ensure_drafts(con, "extract")
        articles = read_frame(con, staged(con, "select article_id, arrival_date, published_at, text, "
                                               "duplicate_kind from clean.articles where arrival_date = ?",
                                          day), [day])
        originals = articles.filter(pl.col("duplicate_kind").is_null()
                                    | (pl.col("duplicate_kind") != "exact"))
        sentences = read_frame(con, staged(con, "select article_id, sentence_index, start, \"end\", "
                                                "text from clean.sentences where arrival_date = ?", day),
                               [day]) \
            .filter(pl.col("article_id").is_in(originals["article_id"].implode()))
        started = time.perf_counter()
        result = extract_batch(originals, sentences, progress=context.log.info)
        seconds = time.perf_counter() - started
        context.log.info(f"extract {day}: {result.claims.height} claims from {originals.height} "
                         f"articles; filter skipped {result.skipped_share:.0%} of sentences")
        stats = pl.DataFrame([{
            "n_articles": originals.height,
            "n_skipped_exact_duplicates": articles.height - originals.height,
            "n_sentences": result.n_sentences, "n_relevant": result.n_relevant,
            "skipped_share": result.skipped_share, "seconds": seconds,
            "extractor_version": EXTRACTOR_VERSION,
        }])
        write_draft(con, "extract.claims", day, result.claims)
        write_draft(con, "extract.claim_quantities", day, result.quantities)
        write_draft(con, "extract.mentions", day, result.mentions)
        write_draft(con, "extract.batch_stats", day, stats)
        write_draft(con, "extract.failed", day, result.failed)
        for key in _TABLES:
            yield dg.MaterializeResult(asset_key=key, metadata=table_metadata(con, key, day))
        for key in _TABLES:
            yield gate_table(con, key, day, gates)
    yield problems_result(EXTRACT_MENTIONS, SPANS_EXACT,
                          span_problems(articles, result.mentions, result.quantities),
                          "spans whose offsets do not give back their text")
    yield problems_result(EXTRACT_CLAIMS, LINKS_RESOLVE,
                          claim_link_problems(result.claims, result.quantities),
                          "parts without their total, or quantities without their claim")
    yield failed_share_result(EXTRACT_FAILED, result.failed, originals.height)
