"""marts.daily_region_activity on hand-made events: parts, totals and what totals state beyond them."""

from datetime import date

import duckdb
import polars as pl
import pytest

from skywatch import vocab
from skywatch.marts import build_daily_region_activity, expected_day_totals, region_activity_problems

DAY = date(2026, 11, 20)
MOD, AIR_FORCE = "Russian Ministry of Defence", "Ukrainian Air Force"

# (event_id, scope, parent, country, admin1, claimant, side, drones destroyed or None)
EVENTS = [
    # "38 drones over southern Russia: 15 over Rostov, 11 over Krasnodar" (and 12 over a sea)
    ("south", "total", None, "RU", None, MOD, "RU", 38),
    ("rostov", "part", "south", "RU", "RU-ROS", MOD, "RU", 15),
    ("krasnodar", "part", "south", "RU", "RU-KDA", MOD, "RU", 11),
    # "28 drones over the Odesa and Mykolaiv regions": parts without figures
    ("night", "total", None, "UA", None, AIR_FORCE, "UA", 28),
    ("odesa", "part", "night", "UA", "UA-51", AIR_FORCE, "UA", None),
    ("mykolaiv", "part", "night", "UA", "UA-48", AIR_FORCE, "UA", None),
    # parts adding up to more than their total: the parts count, the total adds nothing
    ("west", "total", None, "RU", None, MOD, "RU", 10),
    ("bryansk", "part", "west", "RU", "RU-BRY", MOD, "RU", 7),
    ("kursk", "part", "west", "RU", "RU-KRS", MOD, "RU", 6),
]


@pytest.fixture
def con():
    # Just the columns the mart reads (the warehouse DDL asks for many more).
    con = duckdb.connect(":memory:")
    events = pl.DataFrame(
        [(e, DAY, None, "interception", "drone", country, admin1, scope, parent)
         for e, scope, parent, country, admin1, *_ in EVENTS],
        schema={"event_id": pl.String, "arrival_date": pl.Date, "event_date": pl.Date,
                "event_type": pl.String, "weapon": pl.String, "country_code": pl.String,
                "admin1_code": pl.String, "scope": pl.String, "parent_event_id": pl.String},
        orient="row")
    claims = pl.DataFrame([(f"c-{e}", f"article-{e}", DAY, side) for e, *_, side, _ in EVENTS],
                          schema=["claim_id", "article_id", "arrival_date", "claimant_country"],
                          orient="row")
    event_claims = pl.DataFrame([(e, f"c-{e}", DAY) for e, *_ in EVENTS],
                                schema=["event_id", "claim_id", "arrival_date"], orient="row")
    quantities = pl.DataFrame(
        [(e, DAY, "drones_destroyed", value, claimant, f"c-{e}")
         for e, *_, claimant, _, value in EVENTS if value is not None],
        schema=["event_id", "arrival_date", "kind", "value", "claimant", "claim_id"], orient="row")
    con.execute("create schema resolve")
    for table, frame in (("events", events), ("claims", claims), ("event_claims", event_claims),
                         ("event_quantities", quantities)):
        con.register("frame", frame)
        con.execute(f"create table resolve.{table} as select * from frame")
        con.unregister("frame")
    yield con
    con.close()


def test_a_total_adds_what_it_states_beyond_its_parts_to_its_country_row(con):
    mart = build_daily_region_activity(con, DAY)
    rows = {(r["country_code"], r["admin1_code"]): r for r in mart.to_dicts()}
    assert rows[("RU", "RU-ROS")]["drones_destroyed_claimed_ru"] == 15
    assert rows[("RU", None)]["drones_destroyed_claimed_ru"] == 12  # 38 - 15 - 11; 10 < 7 + 6 adds 0
    assert rows[("RU", None)]["events"] == 0 and rows[("RU", None)]["interceptions"] == 0
    assert rows[("UA", None)]["drones_destroyed_claimed_ua"] == 28
    assert rows[("UA", "UA-51")]["interceptions"] == 1
    assert rows[("UA", "UA-51")]["drones_destroyed_claimed_ua"] == 0
    assert int(mart["drones_destroyed_claimed_ru"].sum()) == 38 + 7 + 6
    assert int(mart["events"].sum()) == 6  # the parts; totals are no events of their own


def test_the_polars_check_agrees_and_catches_a_total_added_beside_its_parts(con):
    mart = build_daily_region_activity(con, DAY)
    frames = {t: con.execute(f"select * from resolve.{t}").pl()
              for t in ("events", "event_quantities", "claims")}
    expected = expected_day_totals(frames["events"], frames["event_quantities"], frames["claims"])
    assert expected["drones_destroyed_claimed_ru"] == 51 and expected["drones_destroyed_claimed_ua"] == 28
    assert region_activity_problems(mart, expected).is_empty()
    doubled = mart.with_columns(pl.when(pl.col("admin1_code").is_null() & (pl.col("country_code") == "RU"))
                                .then(pl.col("drones_destroyed_claimed_ru") + 26)
                                .otherwise(pl.col("drones_destroyed_claimed_ru"))
                                .alias("drones_destroyed_claimed_ru"))
    assert region_activity_problems(doubled, expected)["column"].to_list() == ["drones_destroyed_claimed_ru"]


def test_a_row_without_events_must_be_a_country_row_of_remainders(con):
    mart = build_daily_region_activity(con, DAY)
    frames = {t: con.execute(f"select * from resolve.{t}").pl()
              for t in ("events", "event_quantities", "claims")}
    expected = expected_day_totals(frames["events"], frames["event_quantities"], frames["claims"])
    stray = pl.concat([mart, mart.head(1).with_columns(
        pl.lit("RU-BEL").alias("admin1_code"), *(pl.lit(0, pl.Int64).alias(c) for c in mart.columns
                                                 if c not in ("arrival_date", "date", "country_code",
                                                              "admin1_code")))])
    problems = region_activity_problems(stray, expected)
    assert problems["problem"].to_list() == ["rows without events that hold no remainder of a total"]


@pytest.mark.parametrize("weapon", [w.id for w in vocab.weapons()])
def test_an_interception_counts_in_the_column_of_its_weapons_family(con, weapon):
    """interceptions_drone / interceptions_missile follow weapons.yaml `counts_as` for every class
    (a glide bomb is counted as a missile by the extractor, so by the mart too; rockets, counted
    as rockets, are with the missiles in the mart)."""
    con.execute("update resolve.events set weapon = ? where event_id = 'rostov'", [weapon])
    row = build_daily_region_activity(con, DAY).filter(pl.col("admin1_code") == "RU-ROS").row(0, named=True)
    family = next(w.counts_as for w in vocab.weapons() if w.id == weapon)
    assert (row["interceptions_drone"], row["interceptions_missile"]) == \
        ((1, 0) if family == "drones" else (0, 1) if family in ("missiles", "rockets") else (0, 0))
