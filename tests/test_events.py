"""Event merging: one event per real-world occurrence, numbers kept per claimant."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skywatch.events import (
    CLAIM_COLUMNS,
    EVENT_CLAIM_SCHEMA,
    EVENT_QUANTITY_SCHEMA,
    EarlierEvents,
    MergedEvents,
    event_id,
    event_schema,
    merge_events,
)

NIGHT = date(2026, 11, 20)
MORNING = datetime(2026, 11, 20, 6, 0)
MOD = "Russian Ministry of Defence"
GLADKOV = "Vyacheslav Gladkov"

# A claim as the extractor would give it for "drones were shot down over Belgorod Region".
DEFAULTS: dict[str, object] = {
    "article_id": "art-1", "event_type": "interception", "weapon": "drone", "target": None,
    "effects": [], "attacker": "UA", "country_code": "RU", "admin1_code": "RU-BEL",
    "place_id": "RU-BEL", "place_name": "Belgorod Oblast", "geo_precision": 3,
    "event_date": NIGHT, "window_start": None, "window_end": None, "time_precision": 1,
    "claimant": None, "certainty": "claimed", "scope": "single", "parent_claim_id": None,
    "published_at": MORNING,
}
QUANTITY_SCHEMA = {"claim_id": pl.String, "kind": pl.String, "value": pl.Int64, "bound": pl.String,
                   "evidence_start": pl.Int64, "evidence_end": pl.Int64}


def claim(claim_id: str, **fields: object) -> dict[str, object]:
    """One claim row: the Belgorod defaults with `fields` changed."""
    unknown = set(fields) - set(CLAIM_COLUMNS)
    assert not unknown, f"not a claim column: {unknown}"
    return {**DEFAULTS, "claim_id": claim_id, **fields}


def claims_frame(*rows: dict[str, object]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=CLAIM_COLUMNS)


def quantities_frame(*rows: tuple) -> pl.DataFrame:
    """(claim_id, kind, value[, bound]) rows; evidence offsets do not matter here."""
    full = [(r[0], r[1], r[2], r[3] if len(r) > 3 else "exact", 0, 1) for r in rows]
    return pl.DataFrame(full, schema=QUANTITY_SCHEMA, orient="row")


def n_events(claims: pl.DataFrame, quantities: pl.DataFrame | None = None) -> int:
    return merge_events(claims, quantities if quantities is not None else quantities_frame()).events.height


# --- 1. one night over Belgorod, three articles --------------------------------------------


def belgorod_night() -> tuple[pl.DataFrame, pl.DataFrame]:
    claims = claims_frame(
        # "Air defences destroyed 104 drones over Belgorod Region overnight", said the ministry.
        claim("c-mod", article_id="art-tass", claimant=MOD,
              window_start=datetime(2026, 11, 19, 17), window_end=datetime(2026, 11, 20, 4)),
        # The governor: five drones shot down over the city of Belgorod, debris hit a roof.
        claim("c-gov", article_id="art-rbc", claimant=GLADKOV, effects=["debris", "damage"],
              place_id="geo:578072", place_name="Belgorod", geo_precision=1,
              published_at=MORNING + timedelta(hours=2)),
        # A wire story without a named source: drones downed "overnight" over the region.
        claim("c-wire", article_id="art-wire", effects=["debris"], certainty="reported",
              window_start=datetime(2026, 11, 19, 21), window_end=datetime(2026, 11, 20, 3),
              published_at=MORNING + timedelta(hours=4)),
    )
    quantities = quantities_frame(("c-mod", "drones_destroyed", 104), ("c-gov", "drones_destroyed", 5))
    return claims, quantities


def test_three_articles_of_one_night_are_one_event():
    merged = merge_events(*belgorod_night())
    assert merged.events.height == 1
    event = merged.events.row(0, named=True)
    assert (event["n_claims"], event["n_articles"]) == (3, 3)
    assert event["claimants"] == [MOD, GLADKOV]
    assert event["first_reported_at"] == MORNING
    # The most precise place, the narrowest window, the union of effects.
    assert (event["place_id"], event["place_name"], event["geo_precision"]) == ("geo:578072", "Belgorod", 1)
    assert (event["country_code"], event["admin1_code"]) == ("RU", "RU-BEL")
    assert (event["window_start"], event["window_end"]) == \
        (datetime(2026, 11, 19, 21), datetime(2026, 11, 20, 3))
    assert event["effects"] == ["damage", "debris"]
    assert event["event_id"] == event_id(["c-wire", "c-mod", "c-gov"])


def test_each_claimants_number_is_kept_never_summed():
    quantities = merge_events(*belgorod_night()).event_quantities
    rows = sorted(quantities.select("claimant", "value", "claim_id").iter_rows())
    assert rows == [(MOD, 104, "c-mod"), (GLADKOV, 5, "c-gov")]
    assert 109 not in quantities["value"].to_list()


def test_a_claimant_repeated_keeps_its_largest_figure_and_null_claimant_is_its_own_group():
    later = MORNING + timedelta(hours=3)
    claims = claims_frame(claim("m1", article_id="a1", claimant=MOD),
                          claim("m2", article_id="a2", claimant=MOD, published_at=later),
                          claim("n1", article_id="a3"))
    quantities = quantities_frame(("m1", "drones_destroyed", 20, "at_least"), ("m2", "drones_destroyed", 23),
                                  ("n1", "drones_destroyed", 12))
    merged = merge_events(claims, quantities)
    assert merged.events.height == 1
    rows = set(merged.event_quantities.select("claimant", "value", "bound", "claim_id").iter_rows())
    assert rows == {(None, 12, "exact", "n1"), (MOD, 23, "exact", "m2")}


# --- 2. a breakdown (total and parts) repeated in two articles -----------------------------

REGIONS = [("RU-BEL", "Belgorod Oblast", 11), ("RU-VOR", "Voronezh Oblast", 28),
           ("RU-ROS", "Rostov Oblast", 17)]


def breakdown(article: str, published: datetime) -> tuple[list[dict[str, object]], list[tuple]]:
    """'Air defences destroyed 56 drones: 11 over Belgorod, 28 over Voronezh and 17 over Rostov.'"""
    total = f"{article}-total"
    rows = [claim(total, article_id=article, claimant=MOD, scope="total", admin1_code=None,
                  place_id="RU", place_name="Russia", geo_precision=4, published_at=published)]
    numbers: list[tuple] = [(total, "drones_destroyed", 56)]
    for code, name, value in REGIONS:
        cid = f"{article}-{code}"
        rows.append(claim(cid, article_id=article, claimant=MOD, scope="part", parent_claim_id=total,
                          admin1_code=code, place_id=code, place_name=name, published_at=published))
        numbers.append((cid, "drones_destroyed", value))
    return rows, numbers


def test_total_and_parts_repeated_in_two_articles_count_once():
    rows_a, numbers_a = breakdown("art-a", MORNING)
    rows_b, numbers_b = breakdown("art-b", MORNING + timedelta(hours=3))
    merged = merge_events(claims_frame(*rows_a, *rows_b), quantities_frame(*numbers_a, *numbers_b))
    events = merged.events
    assert sorted(events["scope"].to_list()) == ["part", "part", "part", "total"]
    assert events["n_claims"].to_list() == [2, 2, 2, 2]
    assert events["n_articles"].to_list() == [2, 2, 2, 2]

    with_scope = merged.event_quantities.join(events.select("event_id", "scope"), on="event_id")
    per_scope = with_scope.filter(pl.col("kind") == "drones_destroyed") \
        .group_by("scope", "claimant").agg(pl.col("value").sum())
    assert dict(per_scope.filter(pl.col("claimant") == MOD).select("scope", "value").iter_rows()) == \
        {"total": 56, "part": 56}

    total_id = events.filter(pl.col("scope") == "total")["event_id"].item()
    parts = events.filter(pl.col("scope") == "part")
    assert parts["parent_event_id"].to_list() == [total_id] * 3
    assert sorted(parts["admin1_code"].to_list()) == ["RU-BEL", "RU-ROS", "RU-VOR"]
    assert events.filter(pl.col("scope") == "total")["parent_event_id"].item() is None


def test_part_whose_parent_is_not_in_the_input_has_no_parent_event():
    rows, numbers = breakdown("art-a", MORNING)
    merged = merge_events(claims_frame(*rows[1:]), quantities_frame(*numbers[1:]))
    assert merged.events["parent_event_id"].null_count() == 3


def test_a_regional_single_claim_joins_the_part_of_its_region():
    rows, numbers = breakdown("art-a", MORNING)
    governor = claim("gov", article_id="art-gov", claimant=GLADKOV)
    merged = merge_events(claims_frame(*rows, governor),
                          quantities_frame(*numbers, ("gov", "drones_destroyed", 9)))
    bel = merged.events.filter(pl.col("admin1_code") == "RU-BEL").row(0, named=True)
    assert (bel["scope"], bel["n_claims"]) == ("part", 2)


# --- 3. what keeps claims apart --------------------------------------------------------------


def pair(**second: object) -> pl.DataFrame:
    """Two claims of two articles that merge, unless `second` changes the second one."""
    fields = {"article_id": "art-2", "published_at": MORNING + timedelta(hours=1), **second}
    return claims_frame(claim("first"), claim("second", **fields))


def test_the_baseline_pair_merges():
    assert n_events(pair()) == 1


@pytest.mark.parametrize("change", [
    {"admin1_code": "RU-KRS", "place_id": "RU-KRS", "place_name": "Kursk Oblast"},
    {"event_type": "attack"},
    {"article_id": "art-1"},
    {"event_date": NIGHT + timedelta(days=2), "published_at": MORNING + timedelta(days=2)},
    {"weapon": "missile"},
    {"country_code": "UA", "admin1_code": None, "geo_precision": 4, "place_id": "UA"},
    {"scope": "total"},
    {"attacker": "RU"},
    {"country_code": None, "admin1_code": None, "geo_precision": None, "place_id": None, "place_name": None},
], ids=["other-region", "attack-vs-interception", "same-article", "two-days-apart", "drone-vs-missile",
        "other-country", "total-vs-single", "other-attacker", "no-place-vs-place"])
def test_incompatible_claims_stay_apart(change):
    merged = merge_events(pair(**change), quantities_frame())
    assert merged.events.height == 2
    assert merged.events["n_claims"].to_list() == [1, 1]


def test_two_speakers_of_one_article_can_tell_one_event():
    # The ministry's figure for the region and the governor's for a town in it, in one article,
    # and the same two in a second article: one event, not two that split the claims.
    rows = claims_frame(
        claim("a-mod", article_id="art-a", claimant=MOD),
        claim("a-gov", article_id="art-a", claimant=GLADKOV, place_id="geo:578072",
              place_name="Belgorod", geo_precision=1),
        claim("b-mod", article_id="art-b", claimant=MOD, published_at=MORNING + timedelta(hours=1)),
        claim("b-gov", article_id="art-b", claimant=GLADKOV, place_id="geo:578072",
              place_name="Belgorod", geo_precision=1, published_at=MORNING + timedelta(hours=1)))
    numbers = quantities_frame(("a-mod", "drones_destroyed", 21), ("b-mod", "drones_destroyed", 21),
                               ("a-gov", "drones_destroyed", 1), ("b-gov", "drones_destroyed", 1))
    merged = merge_events(rows, numbers)
    assert merged.events["n_claims"].to_list() == [4]


def test_one_speakers_two_claims_of_one_article_stay_apart():
    assert n_events(pair(article_id="art-1", claimant=MOD).with_columns(pl.lit(MOD).alias("claimant"))) == 2


def test_a_country_wide_figure_never_joins_a_regional_claim():
    # "The air force said 121 of 138 drones were shot down" (Ukraine, no region) and a
    # governor's five over one region: the marts would count 121 for that region.
    rows = pair(country_code="RU", admin1_code=None, geo_precision=4, place_id="RU",
                place_name="Russia", claimant=MOD)
    numbers = quantities_frame(("first", "drones_destroyed", 5), ("second", "drones_destroyed", 121))
    assert merge_events(rows, numbers).events.height == 2
    # Without a figure the country-level claim can be the regional one.
    assert merge_events(rows, quantities_frame(("first", "drones_destroyed", 5))).events.height == 1


def test_undated_claims_merge_only_within_36_hours_of_publication():
    assert n_events(pair(event_date=None, published_at=MORNING + timedelta(hours=30))) == 1
    assert n_events(pair(event_date=None, published_at=MORNING + timedelta(hours=40))) == 2


def test_overlapping_windows_merge_across_event_dates():
    overnight = {"window_start": datetime(2026, 11, 19, 20), "window_end": datetime(2026, 11, 20, 4)}
    claims = claims_frame(claim("first", event_date=NIGHT - timedelta(days=1), **overnight),
                          claim("second", article_id="art-2", window_start=datetime(2026, 11, 20, 1),
                                window_end=datetime(2026, 11, 20, 2)))
    assert n_events(claims) == 1


def test_generic_missile_joins_a_specific_kind_and_the_event_takes_the_specific_one():
    generic_first = claims_frame(claim("first", weapon="missile"),
                                 claim("second", article_id="art-2", weapon="cruise_missile"))
    assert merge_events(generic_first, quantities_frame()).events["weapon"].to_list() == ["cruise_missile"]
    claims = claims_frame(claim("first", weapon="missile"),
                          claim("second", article_id="art-2", weapon="ballistic_missile"),
                          claim("third", article_id="art-3", weapon="cruise_missile"))
    # ballistic and cruise are two things, so the third cannot join the first two.
    assert sorted(merge_events(claims, quantities_frame()).events["n_claims"].to_list()) == [1, 2]


def test_unknown_weapon_merges_with_any():
    assert merge_events(pair(weapon="unknown"), quantities_frame()).events["weapon"].to_list() == ["drone"]


def test_same_claimant_with_contradicting_numbers_is_two_events():
    claims = pair(claimant=MOD).with_columns(pl.lit(MOD).alias("claimant"))
    assert n_events(claims, quantities_frame(("first", "drones_destroyed", 104),
                                             ("second", "drones_destroyed", 5))) == 2
    assert n_events(claims, quantities_frame(("first", "drones_destroyed", 104),
                                             ("second", "drones_destroyed", 110))) == 1


def test_one_claimants_totals_with_different_exact_figures_are_two_statements():
    # The ministry's overnight 43 and its morning 38 (close enough for a revision of one
    # region's count) are separate statements; the same exact total in two articles is one.
    totals = pair(claimant=MOD, scope="total").with_columns(
        pl.lit(MOD).alias("claimant"), pl.lit("total").alias("scope"))
    assert n_events(totals, quantities_frame(("first", "drones_destroyed", 43),
                                             ("second", "drones_destroyed", 38))) == 2
    assert n_events(totals, quantities_frame(("first", "drones_destroyed", 43),
                                             ("second", "drones_destroyed", 43))) == 1


def test_different_claimants_numbers_never_block():
    claims = claims_frame(claim("first", claimant=MOD),
                          claim("second", article_id="art-2", claimant=GLADKOV))
    assert n_events(claims, quantities_frame(("first", "drones_destroyed", 104),
                                             ("second", "drones_destroyed", 5))) == 1


def test_two_settlements_of_one_region_do_not_chain_through_a_district():
    claims = claims_frame(
        claim("near", geo_precision=2, place_id="geo:near-shebekino", place_name="near Shebekino"),
        claim("town-a", article_id="art-2", geo_precision=1, place_id="geo:shebekino", place_name="Shebekino",
              published_at=MORNING + timedelta(hours=1)),
        claim("town-b", article_id="art-3", geo_precision=1, place_id="geo:valuyki", place_name="Valuyki",
              published_at=MORNING + timedelta(hours=2)),
    )
    merged = merge_events(claims, quantities_frame())
    groups = merged.event_claims.group_by("event_id").agg(pl.col("claim_id").sort())["claim_id"].to_list()
    assert sorted(groups) == [["near", "town-a"], ["town-b"]]


def test_region_level_claim_contains_a_settlement_of_that_region():
    assert n_events(pair(geo_precision=1, place_id="geo:578072", place_name="Belgorod")) == 1
    assert n_events(pair(admin1_code=None, geo_precision=4, place_id="RU", place_name="Russia")) == 1


# --- 4. completeness and stable ids ----------------------------------------------------------


def mixed_input() -> tuple[pl.DataFrame, pl.DataFrame]:
    night_claims, night_numbers = belgorod_night()
    rows_a, numbers_a = breakdown("art-a", MORNING)
    rows_b, numbers_b = breakdown("art-b", MORNING + timedelta(hours=3))
    strike = claim("strike", article_id="art-s", event_type="attack", target="energy", effects=["fire"],
                   admin1_code="RU-KRS", place_id="geo:lgov", place_name="Lgov", geo_precision=1)
    claims = pl.concat([night_claims, claims_frame(*rows_a, *rows_b, strike),
                        pair(event_date=NIGHT + timedelta(days=5)).with_columns(
                            ("x-" + pl.col("claim_id")).alias("claim_id"))])
    return claims, pl.concat([night_numbers, quantities_frame(*numbers_a, *numbers_b)])


def test_every_claim_is_in_exactly_one_event():
    claims, quantities = mixed_input()
    merged = merge_events(claims, quantities)
    assert sorted(merged.event_claims["claim_id"].to_list()) == sorted(claims["claim_id"].to_list())
    assert set(merged.event_claims["event_id"]) == set(merged.events["event_id"])
    assert merged.events["n_claims"].sum() == claims.height
    for eid, ids in merged.event_claims.group_by("event_id").agg("claim_id").iter_rows():
        assert eid == event_id(ids)


def _canonical(merged: MergedEvents) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    return (merged.events.sort("event_id"), merged.event_claims.sort("claim_id"),
            merged.event_quantities.sort("event_id", "kind", "claimant", nulls_last=True))


def test_ids_and_events_do_not_depend_on_runs_or_row_order():
    claims, quantities = mixed_input()
    first = _canonical(merge_events(claims, quantities))
    assert all(a.equals(b) for a, b in zip(first, _canonical(merge_events(claims, quantities)), strict=True))
    for seed in range(5):
        shuffled = claims.sample(fraction=1.0, shuffle=True, seed=seed)
        again = _canonical(merge_events(shuffled, quantities.sample(fraction=1.0, shuffle=True, seed=seed)))
        assert all(a.equals(b) for a, b in zip(first, again, strict=True))


# --- 5. empty input and schemas --------------------------------------------------------------


def test_empty_input_gives_empty_frames_with_the_schema():
    merged = merge_events(claims_frame(), quantities_frame())
    assert merged.events.height == merged.event_claims.height == merged.event_quantities.height == 0
    assert dict(merged.events.schema) == event_schema()
    assert dict(merged.event_claims.schema) == EVENT_CLAIM_SCHEMA
    assert dict(merged.event_quantities.schema) == EVENT_QUANTITY_SCHEMA


def test_optional_columns_pass_through():
    city = claim("b", article_id="art-2", geo_precision=1, place_id="geo:578072")
    claims = claims_frame(claim("a"), city).with_columns(
        pl.Series("latitude", [50.6, 50.59]), pl.Series("longitude", [36.6, 36.58]),
        pl.lit("Disrupted weapons use").alias("acled_sub_event_type"))
    events = merge_events(claims, quantities_frame()).events
    assert dict(events.schema) == event_schema(["latitude", "longitude", "acled_sub_event_type"])
    assert events.select("latitude", "longitude", "acled_sub_event_type").row(0) == \
        (50.59, 36.58, "Disrupted weapons use")


# --- performance -------------------------------------------------------------------------------


def synthetic_claims(n: int, days: int = 60, seed: int = 3) -> tuple[pl.DataFrame, pl.DataFrame]:
    """n claims over `days` days, 20 regions, three claimants: the shape of a season of news."""
    rng = random.Random(seed)
    rows, numbers = [], []
    for i in range(n):
        day = NIGHT + timedelta(days=rng.randrange(days))
        midnight = datetime.combine(day, datetime.min.time())
        region = f"RU-R{rng.randrange(20):02d}"
        precision = rng.choice([1, 1, 2, 3])
        cid = f"c{i:06d}"
        rows.append(claim(cid, article_id=f"a{i // 3:06d}", event_type=rng.choice(["interception", "attack"]),
                          weapon=rng.choice(["drone", "drone", "missile", "unknown"]), admin1_code=region,
                          place_id=f"{region}-p{rng.randrange(5)}" if precision < 3 else region,
                          geo_precision=precision, event_date=day,
                          claimant=rng.choice([MOD, GLADKOV, None]),
                          published_at=midnight + timedelta(hours=rng.randrange(30))))
        numbers.append((cid, "drones_destroyed", rng.randrange(1, 60)))
    return claims_frame(*rows), quantities_frame(*numbers)


def test_a_season_of_synthetic_claims_lands_each_claim_in_one_event():
    # speed is measured in bench/bench_resolve.py, not here
    claims, quantities = synthetic_claims(2_000)
    merged = merge_events(claims, quantities)
    assert merged.event_claims.height == claims.height
    assert merged.event_claims["claim_id"].n_unique() == claims.height


def test_a_total_keeps_its_coarsest_place():
    country_wide = claim("t1", scope="total", admin1_code=None, place_id="iso:RU", place_name="Russia",
                         geo_precision=4)
    placed = claim("t2", scope="total", article_id="art-2", published_at=MORNING + timedelta(hours=1))
    merged = merge_events(claims_frame(placed, country_wide), quantities_frame())
    event = merged.events.row(0, named=True)
    assert merged.events.height == 1
    assert (event["place_id"], event["admin1_code"], event["geo_precision"]) == ("iso:RU", None, 4)


# --- events across arrival days ------------------------------------------------------------------


def _earlier_day(claims: pl.DataFrame, quantities: pl.DataFrame) -> EarlierEvents:
    """What resolve reads of the day before: its claims, numbers and event_claims."""
    merged = merge_events(claims, quantities)
    return EarlierEvents(claims, quantities, merged.event_claims)


def test_a_night_retold_the_next_day_joins_the_earlier_event_and_is_not_a_new_one():
    yesterday = _earlier_day(*belgorod_night())
    earlier_id = yesterday.event_claims["event_id"][0]
    # The next morning an outlet retells the ministry's 104 drones over Belgorod Region.
    retold = claims_frame(claim("c-next", article_id="art-next", claimant=MOD,
                                published_at=MORNING + timedelta(hours=26)))
    merged = merge_events(retold, quantities_frame(("c-next", "drones_destroyed", 104)), yesterday)
    assert merged.events.is_empty()
    assert merged.event_claims.rows() == [(earlier_id, "c-next")]
    assert merged.event_quantities["event_id"].to_list() == [earlier_id]


def test_a_new_night_the_next_day_is_its_own_event_beside_a_retelling():
    yesterday = _earlier_day(*belgorod_night())
    today = claims_frame(
        claim("c-retold", article_id="art-a", published_at=MORNING + timedelta(hours=25)),
        claim("c-new", article_id="art-b", event_date=NIGHT + timedelta(days=1),
              published_at=MORNING + timedelta(days=1)))
    merged = merge_events(today, quantities_frame(), yesterday)
    assert merged.events["event_id"].to_list() == [event_id(["c-new"])]
    assert set(merged.event_claims["claim_id"]) == {"c-retold", "c-new"}


def test_a_retelling_that_contradicts_every_earlier_event_stays_apart():
    yesterday = _earlier_day(*belgorod_night())
    # The same claimant with a figure it could not have stated for that night: another event.
    today = claims_frame(claim("c-other", article_id="art-c", claimant=MOD,
                               published_at=MORNING + timedelta(hours=30)))
    merged = merge_events(today, quantities_frame(("c-other", "drones_destroyed", 900)), yesterday)
    assert merged.events.height == 1 and merged.events["event_id"][0] == event_id(["c-other"])


def test_without_earlier_claims_the_merge_is_the_same():
    claims, quantities = belgorod_night()
    empty = EarlierEvents(claims_frame(), quantities_frame(), pl.DataFrame(schema=EVENT_CLAIM_SCHEMA))
    alone, seeded = merge_events(claims, quantities), merge_events(claims, quantities, empty)
    assert all(a.equals(b) for a, b in zip(_canonical(alone), _canonical(seeded), strict=True))


def test_only_the_days_own_claims_are_in_its_event_claims_whatever_the_earlier_blocks():
    # The day before had events of several kinds (blocks): none of its claims come back.
    claims, quantities = belgorod_night()
    attack = claim("c-attack", article_id="art-x", event_type="attack", weapon="missile")
    total = claim("c-total", article_id="art-y", scope="total", admin1_code=None, place_id="RU")
    yesterday = _earlier_day(pl.concat([claims, claims_frame(attack, total)]), quantities)
    today = claims_frame(claim("c-today", article_id="art-z", published_at=MORNING + timedelta(hours=20)))
    merged = merge_events(today, quantities_frame(), yesterday)
    assert merged.event_claims["claim_id"].to_list() == ["c-today"]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 300), split=st.floats(0.0, 1.0))
def test_any_two_days_of_claims_keep_every_claim_of_the_second_in_one_event(seed, n, split):
    """Fuzz: whatever the first day held, the second day's claims are each in exactly one event,
    no first-day claim comes back, and the second day's events are all new."""
    claims, quantities = synthetic_claims(n, days=3, seed=seed)
    cut = int(claims.height * split)
    first, second = claims.head(cut), claims.slice(cut)
    yesterday = _earlier_day(first, quantities.filter(pl.col("claim_id").is_in(first["claim_id"].implode())))
    merged = merge_events(second, quantities.filter(pl.col("claim_id").is_in(second["claim_id"].implode())),
                          yesterday)
    assert sorted(merged.event_claims["claim_id"]) == sorted(second["claim_id"])
    assert not set(merged.events["event_id"]) & set(yesterday.event_claims["event_id"])
    continued = set(merged.event_claims["event_id"]) - set(merged.events["event_id"])
    assert continued <= set(yesterday.event_claims["event_id"])
