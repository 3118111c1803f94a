"""Marts: the daily tables built from `resolve.*`, and the proof that they add up.

The SQL lives in `warehouse/marts/*.sql` (values bound as parameters); this module runs it and
reconciles the result with a second, independent computation in Polars, so a mart that counts a
total together with its parts (or one claimant's figure twice) fails its check.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from skywatch.paths import MARTS_SQL_DIR

COUNTED = ("attacks", "interceptions", "drones_destroyed_claimed_ru", "drones_destroyed_claimed_ua",
           "missiles_destroyed_claimed_ru", "missiles_destroyed_claimed_ua", "killed", "injured",
           "people_without_power", "buildings_damaged", "events")
_SIDE_KINDS = {"drones_destroyed": "drones_destroyed_claimed",
               "missiles_destroyed": "missiles_destroyed_claimed"}
_ANY_SIDE_KINDS = ("killed", "injured", "people_without_power", "buildings_damaged")


def build_daily_region_activity(con: duckdb.DuckDBPyConnection, day: date) -> pl.DataFrame:
    """Rows of `marts.daily_region_activity` for one arrival day."""
    sql = (MARTS_SQL_DIR / "build_daily_region_activity.sql").read_text()
    frame = con.execute(sql, {"day": day}).pl()
    keys = ("arrival_date", "date", "country_code", "admin1_code")
    counts = [c for c in frame.columns if c not in keys]
    return frame.with_columns(pl.col(counts).cast(pl.Int64))


def expected_day_totals(events: pl.DataFrame, quantities: pl.DataFrame,
                        claims: pl.DataFrame) -> dict[str, int]:
    """The day's sums the mart must show, computed from the events without the mart's SQL.

    Only `part` and `single` events count (a total would repeat its parts); within an event a
    figure is its claimants' largest of that side, never their sum.
    """
    counted = events.filter(pl.col("scope") != "total")
    sides = quantities.join(claims.select("claim_id", "claimant_country"), on="claim_id", how="left") \
        .join(counted.select("event_id"), on="event_id")
    per_event = sides.with_columns(pl.col("claimant_country").fill_null("unattributed").alias("side"))
    out = {"events": counted.height,
           "attacks": counted.filter(pl.col("event_type") == "attack").height,
           "interceptions": counted.filter(pl.col("event_type") == "interception").height}
    for kind, column in _SIDE_KINDS.items():
        for side in ("RU", "UA"):
            rows = per_event.filter(pl.col("kind") == kind, pl.col("side") == side)
            out[f"{column}_{side.lower()}"] = _sum_of_event_maxima(rows)
    for kind in _ANY_SIDE_KINDS:
        rows = per_event.filter(pl.col("kind") == kind)
        out[kind] = _sum_of_event_maxima(rows)
    return out


def _sum_of_event_maxima(rows: pl.DataFrame) -> int:
    return int(rows.group_by("event_id").agg(pl.col("value").max())["value"].sum())


def region_activity_problems(mart: pl.DataFrame, expected: dict[str, int]) -> pl.DataFrame:
    """One row per column whose day total in the mart differs from the events' (empty: it adds up)."""
    rows = []
    for column in COUNTED:
        got = int(mart[column].sum()) if mart.height else 0
        if got != expected[column]:
            rows.append((column, got, expected[column], "day total differs from resolve.events"))
    return pl.DataFrame(rows, schema={"column": pl.String, "mart": pl.Int64, "events": pl.Int64,
                                      "problem": pl.String}, orient="row")


def _run_mart_sql(con: duckdb.DuckDBPyConnection, name: str, day: date) -> pl.DataFrame:
    return con.execute((MARTS_SQL_DIR / f"build_{name}.sql").read_text(), {"day": day}).pl()


def build_claimant_tallies(con: duckdb.DuckDBPyConnection, day: date) -> pl.DataFrame:
    """Rows of `marts.claimant_tallies` for one arrival day."""
    return _run_mart_sql(con, "claimant_tallies", day)


def build_infrastructure_hits(con: duckdb.DuckDBPyConnection, day: date) -> pl.DataFrame:
    """Rows of `marts.infrastructure_hits` for one arrival day."""
    return _run_mart_sql(con, "infrastructure_hits", day)


def tally_problems(tallies: pl.DataFrame, quantities: pl.DataFrame) -> pl.DataFrame:
    """Every event figure of the day is in the tallies once: per kind, the sums agree."""
    got = tallies.group_by("kind").agg(pl.col("claimed").sum().alias("tallies"))
    want = quantities.group_by("kind").agg(pl.col("value").sum().alias("events"))
    both = want.join(got, on="kind", how="full", coalesce=True).fill_null(0)
    return both.filter(pl.col("tallies") != pl.col("events")).with_columns(
        pl.lit("claimant tallies differ from resolve.event_quantities").alias("problem"))


def hit_problems(hits: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """Every attack on energy, oil, ports or transport is listed once, with its evidence."""
    wanted = events.filter(pl.col("event_type") == "attack",
                           pl.col("target").is_in(["energy", "oil", "port", "transport"])).select("event_id")
    missing = wanted.join(hits.select("event_id"), on="event_id", how="anti").with_columns(
        pl.lit("infrastructure attack missing from the mart").alias("problem"))
    repeated = hits.group_by("event_id").len().filter(pl.col("len") > 1).select(
        "event_id", pl.lit("listed more than once").alias("problem"))
    no_evidence = hits.filter(pl.col("evidence").is_null() | (pl.col("evidence") == "")).select(
        "event_id", pl.lit("no evidence text").alias("problem"))
    return pl.concat([missing, repeated, no_evidence])
