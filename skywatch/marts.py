"""Marts: the daily tables built from `resolve.*`, and the proof that they add up.

The SQL lives in `warehouse/marts/*.sql` (values bound as parameters); this module runs it and
reconciles the result with a second, independent computation in Polars, so a mart that counts a
total together with its parts (or one claimant's figure twice) fails its check.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from skywatch import vocab
from skywatch.paths import MARTS_SQL_DIR
from skywatch.publish import staged

COUNTED = ("attacks", "interceptions", "drones_destroyed_claimed_ru", "drones_destroyed_claimed_ua",
           "missiles_destroyed_claimed_ru", "missiles_destroyed_claimed_ua", "killed", "injured",
           "people_without_power", "buildings_damaged", "events")
FIGURES = tuple(c for c in COUNTED if c not in ("attacks", "interceptions", "events"))
_SIDE_KINDS = {"drones_destroyed": "drones_destroyed_claimed",
               "missiles_destroyed": "missiles_destroyed_claimed"}
_ANY_SIDE_KINDS = ("killed", "injured", "people_without_power", "buildings_damaged")


def build_daily_region_activity(con: duckdb.DuckDBPyConnection, day: date) -> pl.DataFrame:
    """Rows of `marts.daily_region_activity` for one arrival day."""
    frame = _run_mart_sql(con, "daily_region_activity", day)
    keys = ("arrival_date", "date", "country_code", "admin1_code")
    counts = [c for c in frame.columns if c not in keys]
    return frame.with_columns(pl.col(counts).cast(pl.Int64))


def expected_day_totals(events: pl.DataFrame, quantities: pl.DataFrame,
                        claims: pl.DataFrame) -> dict[str, int]:
    """The day's sums the mart must show, computed from the events without the mart's SQL.

    `part` and `single` events count; a `total` adds only what it states beyond the sum of its
    parts (its remainder, never below zero), so it never repeats them. Within an event a figure
    is its claimants' largest of that side, never their sum.
    """
    counted = events.filter(pl.col("scope") != "total")
    figures = _event_figures(quantities, claims)
    out = {"events": counted.height,
           "attacks": counted.filter(pl.col("event_type") == "attack").height,
           "interceptions": counted.filter(pl.col("event_type") == "interception").height}
    of_counted = figures.join(counted.select("event_id"), on="event_id")
    remainders = _total_remainders(events, figures)
    for column in FIGURES:
        out[column] = int(of_counted[column].sum()) + int(remainders[column].sum())
    return out


def _event_figures(quantities: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """One row per event: each mart column's figure, the largest its claimants of that side state."""
    sides = quantities.join(claims.select("claim_id", "claimant_country"), on="claim_id", how="left") \
        .with_columns(pl.col("claimant_country").fill_null("unattributed").alias("side"))
    columns = [pl.col("value").filter(pl.col("kind") == kind, pl.col("side") == side).max()
               .fill_null(0).alias(f"{column}_{side.lower()}")
               for kind, column in _SIDE_KINDS.items() for side in ("RU", "UA")]
    columns += [pl.col("value").filter(pl.col("kind") == kind).max().fill_null(0).alias(kind)
                for kind in _ANY_SIDE_KINDS]
    return sides.group_by("event_id").agg(columns)


def _total_remainders(events: pl.DataFrame, figures: pl.DataFrame) -> pl.DataFrame:
    """Per total event, what it states beyond the sum of its parts (clipped at zero)."""
    value_columns = [c for c in figures.columns if c != "event_id"]
    parts = events.filter(pl.col("scope") == "part", pl.col("parent_event_id").is_not_null()) \
        .select("event_id", "parent_event_id").join(figures, on="event_id") \
        .group_by("parent_event_id").agg(pl.col(value_columns).sum())
    totals = events.filter(pl.col("scope") == "total").select("event_id").join(figures, on="event_id")
    joined = totals.join(parts, left_on="event_id", right_on="parent_event_id", how="left", suffix="_parts")
    return joined.select(
        [(pl.col(c) - pl.col(f"{c}_parts").fill_null(0)).clip(lower_bound=0).alias(c) for c in value_columns])


def region_activity_problems(mart: pl.DataFrame, expected: dict[str, int]) -> pl.DataFrame:
    """One row per column whose day total in the mart differs from the events' (empty: it adds up),
    and one for rows without events that are not a country row of totals' remainders."""
    rows = []
    for column in COUNTED:
        got = int(mart[column].sum()) if mart.height else 0
        if got != expected[column]:
            rows.append((column, got, expected[column], "day total differs from resolve.events"))
    if mart.height:
        eventless = mart.filter(pl.col("events") == 0)
        stray = eventless.filter(pl.col("admin1_code").is_not_null()
                                 | (pl.sum_horizontal(FIGURES) == 0)).height
        if stray:
            rows.append(("events", stray, 0, "rows without events that hold no remainder of a total"))
    return pl.DataFrame(rows, schema={"column": pl.String, "mart": pl.Int64, "events": pl.Int64,
                                      "problem": pl.String}, orient="row")


def _run_mart_sql(con: duckdb.DuckDBPyConnection, name: str, day: date) -> pl.DataFrame:
    """A mart's SQL over the day's rows: the drafts this run wrote, else the published ones."""
    sql = staged(con, (MARTS_SQL_DIR / f"build_{name}.sql").read_text(), day)
    parameters = {"day": day, **vocabulary_parameters()}
    return con.execute(sql, {k: v for k, v in parameters.items() if f"${k}" in sql}).pl()


def vocabulary_parameters() -> dict[str, list[str]]:
    """The sets the mart SQL pivots by, from `skywatch/vocab/` (the SQL writes no value itself)."""
    return {"drone_weapons": sorted(vocab.weapons_counted_as("drones")),
            # `interceptions_missile` counts missiles and rockets: rockets have count kinds of
            # their own (rockets_*), but the mart keeps one column for what is fired, not flown
            "missile_weapons": sorted(vocab.weapons_counted_as("missiles")
                                      | vocab.weapons_counted_as("rockets")),
            "infrastructure_targets": list(vocab.infrastructure_targets())}


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
