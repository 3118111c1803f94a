"""Stage `marts`: the daily tables analysts open every morning, built from resolve.*."""

from collections.abc import Iterator
from datetime import date

import dagster as dg

from assets.gating import gate_table, gx_check_spec, problems_result, table_metadata
from assets.partitions import daily_partitions
from assets.resolve import RESOLVE_CLAIMS, RESOLVE_EVENT_QUANTITIES, RESOLVE_EVENTS
from assets.resources import GateResource, WarehouseResource
from skywatch import charts, marts
from skywatch.publish import ensure_drafts, publish_day, staged, write_draft
from skywatch.warehouse import ensure_schema, read_frame

MARTS_DAILY_REGION_ACTIVITY = ["marts", "daily_region_activity"]
MARTS_CLAIMANT_TALLIES = ["marts", "claimant_tallies"]
MARTS_INFRASTRUCTURE_HITS = ["marts", "infrastructure_hits"]
ADDS_UP = "adds_up_to_events"
TALLIES_ADD_UP = "tallies_add_up"
EVERY_HIT_LISTED = "every_hit_listed"

_DEPS = [dg.AssetDep(RESOLVE_EVENTS), dg.AssetDep(RESOLVE_EVENT_QUANTITIES), dg.AssetDep(RESOLVE_CLAIMS)]
_SPECS = [
    dg.AssetSpec(MARTS_DAILY_REGION_ACTIVITY, group_name="marts", kinds={"duckdb"}, deps=_DEPS,
                 description="Per event date, country and region: attacks, interceptions by weapon, "
                             "drones and missiles claimed destroyed by each side, killed, injured, "
                             "people without power, buildings damaged, articles and events."),
    dg.AssetSpec(MARTS_CLAIMANT_TALLIES, group_name="marts", kinds={"duckdb"}, deps=_DEPS,
                 description="Per claimant, day and kind: the figures they claimed, totals and "
                             "regional figures apart."),
    dg.AssetSpec(MARTS_INFRASTRUCTURE_HITS, group_name="marts", kinds={"duckdb"}, deps=_DEPS,
                 description="Attacks on energy, oil, ports and transport, with place, effects and "
                             "the first report's sentence."),
]


def _day_frames(con, day: date) -> dict:
    query = "select * from {} where arrival_date = ?"
    return {name: read_frame(con, staged(con, query.format(f"resolve.{name}"), day), [day])
            for name in ("events", "event_quantities", "claims")}


@dg.multi_asset(
    name="marts_stage",
    specs=_SPECS,
    partitions_def=daily_partitions,
    check_specs=[
        *(gx_check_spec(spec.key.path) for spec in _SPECS),
        dg.AssetCheckSpec(ADDS_UP, asset=MARTS_DAILY_REGION_ACTIVITY, blocking=True,
                          description="The day's totals of every count equal the sums over resolve.events "
                                      "(parts and singles, each side's largest figure), computed apart in "
                                      "Polars: a total counted with its parts fails."),
        dg.AssetCheckSpec(TALLIES_ADD_UP, asset=MARTS_CLAIMANT_TALLIES, blocking=True,
                          description="Every figure of resolve.event_quantities is in the tallies once."),
        dg.AssetCheckSpec(EVERY_HIT_LISTED, asset=MARTS_INFRASTRUCTURE_HITS, blocking=True,
                          description="Every infrastructure attack is listed once, with its evidence text."),
    ],
)
def marts_stage(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                gates: GateResource) -> Iterator:
    """Build the day's marts from resolve.* with the SQL of warehouse/marts/; publish the day.

    Every stage of the run wrote its day into drafts (`skywatch.publish`). When every check of
    the marts passes (the earlier stages' blocking checks had to pass for this step to run at
    all), all of the day's drafts are published in one transaction; otherwise the warehouse keeps
    showing the day as it was.
    """
    day = date.fromisoformat(context.partition_key)
    keys = [list(spec.key.path) for spec in _SPECS]
    with warehouse.connect() as con:
        ensure_schema(con, "marts")
        ensure_drafts(con, "marts")
        activity = marts.build_daily_region_activity(con, day)
        tallies = marts.build_claimant_tallies(con, day)
        hits = marts.build_infrastructure_hits(con, day)
        write_draft(con, "marts.daily_region_activity", day, activity)
        write_draft(con, "marts.claimant_tallies", day, tallies)
        write_draft(con, "marts.infrastructure_hits", day, hits)
        frames = _day_frames(con, day)
        checks = [gate_table(con, key, day, gates) for key in keys]
        expected = marts.expected_day_totals(frames["events"], frames["event_quantities"],
                                             frames["claims"])
        checks += [
            problems_result(MARTS_DAILY_REGION_ACTIVITY, ADDS_UP,
                            marts.region_activity_problems(activity, expected),
                            "counts whose day total differs from resolve.events"),
            problems_result(MARTS_CLAIMANT_TALLIES, TALLIES_ADD_UP,
                            marts.tally_problems(tallies, frames["event_quantities"]),
                            "kinds whose tallies differ from resolve.event_quantities"),
            problems_result(MARTS_INFRASTRUCTURE_HITS, EVERY_HIT_LISTED,
                            marts.hit_problems(hits, frames["events"]),
                            "infrastructure attacks missing, repeated or without evidence"),
        ]
        published = publish_day(con, day) if all(c.passed for c in checks) else []
        if published:
            context.log.info(f"published {day}: {len(published)} tables in one transaction")
        else:
            context.log.warning(f"{day} NOT published: a marts check failed; the warehouse keeps "
                                "the day's previous rows, this run's rows stay in the draft_* schemas")
        chart = {MARTS_DAILY_REGION_ACTIVITY[1]: charts.daily_region_activity_chart(con, day),
                 MARTS_CLAIMANT_TALLIES[1]: charts.claimant_tallies_chart(tallies),
                 MARTS_INFRASTRUCTURE_HITS[1]: charts.infrastructure_hits_chart(hits)}
        materializations = [
            dg.MaterializeResult(asset_key=key, metadata={
                **table_metadata(con, key, day), "chart": dg.MetadataValue.md(chart[key[1]]),
                "published": bool(published), "tables_published": len(published)})
            for key in keys]
    yield from materializations
    yield from checks
