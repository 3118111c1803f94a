"""Stage `marts`: the daily tables analysts open every morning, built from resolve.*."""

from collections.abc import Iterator
from datetime import date

import dagster as dg

from assets.gating import gate_table, gx_check_spec, problems_result, table_metadata
from assets.partitions import daily_partitions
from assets.resolve import RESOLVE_CLAIMS, RESOLVE_EVENT_QUANTITIES, RESOLVE_EVENTS
from assets.resources import GateResource, WarehouseResource
from skywatch.marts import build_daily_region_activity, expected_day_totals, region_activity_problems
from skywatch.warehouse import ensure_schema, read_frame, replace_partition

MARTS_DAILY_REGION_ACTIVITY = ["marts", "daily_region_activity"]
ADDS_UP = "adds_up_to_events"


@dg.asset(
    key=MARTS_DAILY_REGION_ACTIVITY,
    group_name="marts",
    kinds={"duckdb"},
    deps=[dg.AssetDep(RESOLVE_EVENTS), dg.AssetDep(RESOLVE_EVENT_QUANTITIES), dg.AssetDep(RESOLVE_CLAIMS)],
    partitions_def=daily_partitions,
    check_specs=[
        gx_check_spec(MARTS_DAILY_REGION_ACTIVITY),
        dg.AssetCheckSpec(ADDS_UP, asset=MARTS_DAILY_REGION_ACTIVITY, blocking=True,
                          description="The day's totals of every count equal the sums over resolve.events "
                                      "(parts and singles, each claimant side's largest figure): a total "
                                      "counted with its parts, or a figure counted twice, fails."),
    ],
)
def daily_region_activity(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                          gates: GateResource) -> Iterator:
    """Per event date, country and region: attacks, interceptions by weapon, drones and missiles
    claimed destroyed by each side, killed, injured, people without power, buildings damaged,
    articles and events."""
    day = date.fromisoformat(context.partition_key)
    with warehouse.connect() as con:
        ensure_schema(con, "marts")
        mart = build_daily_region_activity(con, day)
        replace_partition(con, "marts.daily_region_activity", day, mart)
        expected = expected_day_totals(
            read_frame(con, "select * from resolve.events where arrival_date = ?", [day]),
            read_frame(con, "select * from resolve.event_quantities where arrival_date = ?", [day]),
            read_frame(con, "select claim_id, claimant_country from resolve.claims where arrival_date = ?",
                       [day]))
        yield dg.MaterializeResult(metadata=table_metadata(con, MARTS_DAILY_REGION_ACTIVITY, day))
        yield gate_table(con, MARTS_DAILY_REGION_ACTIVITY, day, gates.expectations_dir)
    yield problems_result(MARTS_DAILY_REGION_ACTIVITY, ADDS_UP, region_activity_problems(mart, expected),
                          "counts whose day total differs from resolve.events")
