"""Stage `marts`: the daily tables analysts open every morning, built from resolve.*."""

import dagster as dg

from skywatch import charts, marts
from skywatch.assets.resolve import RESOLVE_CLAIMS, RESOLVE_EVENT_QUANTITIES, RESOLVE_EVENTS
from skywatch.assets.stage import Day, Stage, StageRun, Table, reconciliation, stage_asset
from skywatch.publish import publish_day

ADDS_UP = "adds_up_to_events"
TALLIES_ADD_UP = "tallies_add_up"
EVERY_HIT_LISTED = "every_hit_listed"


def build_marts_day(run: StageRun) -> Day:
    """Build the day's marts from resolve.* with the SQL of warehouse/marts/; publish the day.

    Every stage of the run wrote its day into drafts (`skywatch.publish`). When every check of
    the marts passes (the earlier stages' blocking checks had to pass for this step to run at
    all), all of the day's drafts are published in one transaction; otherwise the warehouse keeps
    showing the day as it was.
    """
    resolved = {name: run.day_rows(f"select * from resolve.{name} where arrival_date = ?")
                for name in ("events", "event_quantities", "claims")}
    # Figures of claims that joined an earlier day's event are counted on that day, not here.
    resolved["event_quantities"] = resolved["event_quantities"].join(
        resolved["events"].select("event_id"), on="event_id", how="semi")
    return {
        "daily_region_activity": marts.build_daily_region_activity(run.con, run.day),
        "claimant_tallies": marts.build_claimant_tallies(run.con, run.day),
        "infrastructure_hits": marts.build_infrastructure_hits(run.con, run.day),
        "expected": marts.expected_day_totals(resolved["events"], resolved["event_quantities"],
                                              resolved["claims"]),
        **{f"resolve.{name}": frame for name, frame in resolved.items()},
    }


def publish_if_passed(run: StageRun, day: Day, passed: bool) -> dict[str, dict]:
    """Publish the day's drafts when every check passed; each mart's chart and whether it was."""
    published = publish_day(run.con, run.day) if passed else []
    if published:
        run.log.info(f"published {run.day}: {len(published)} tables in one transaction")
    else:
        run.log.warning(f"{run.day} NOT published: a marts check failed; the warehouse keeps "
                        "the day's previous rows, this run's rows stay in the draft_* schemas")
    chart = {"daily_region_activity": charts.daily_region_activity_chart(run.con, run.day),
             "claimant_tallies": charts.claimant_tallies_chart(day["claimant_tallies"]),
             "infrastructure_hits": charts.infrastructure_hits_chart(day["infrastructure_hits"])}
    return {table: {"chart": dg.MetadataValue.md(md), "published": bool(published),
                    "tables_published": len(published)} for table, md in chart.items()}


marts_stage = stage_asset(Stage(
    name="marts",
    doc=build_marts_day.__doc__,
    deps=[RESOLVE_EVENTS, RESOLVE_EVENT_QUANTITIES, RESOLVE_CLAIMS],
    tables=[
        Table("daily_region_activity",
              "Per event date, country and region: attacks, interceptions by weapon, "
              "drones and missiles claimed destroyed by each side, killed, injured, "
              "people without power, buildings damaged, articles and events."),
        Table("claimant_tallies", "Per claimant, day and kind: the figures they claimed, totals and "
                                  "regional figures apart."),
        Table("infrastructure_hits", "Attacks on energy, oil, ports and transport, with place, effects and "
                                     "the first report's sentence."),
    ],
    checks=[
        reconciliation(ADDS_UP, "daily_region_activity", marts.region_activity_problems,
                       ["daily_region_activity", "expected"],
                       "The day's totals of every count equal the sums over resolve.events "
                       "(parts and singles, each side's largest figure), computed apart in "
                       "Polars: a total counted with its parts fails.",
                       "counts whose day total differs from resolve.events"),
        reconciliation(TALLIES_ADD_UP, "claimant_tallies", marts.tally_problems,
                       ["claimant_tallies", "resolve.event_quantities"],
                       "Every figure of resolve.event_quantities of the day's events is in the "
                       "tallies once (figures of an earlier day's event count on that day).",
                       "kinds whose tallies differ from resolve.event_quantities"),
        reconciliation(EVERY_HIT_LISTED, "infrastructure_hits", marts.hit_problems,
                       ["infrastructure_hits", "resolve.events"],
                       "Every infrastructure attack is listed once, with its evidence text.",
                       "infrastructure attacks missing, repeated or without evidence"),
    ],
    publish=publish_if_passed,
    build=build_marts_day,
))
