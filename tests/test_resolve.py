"""Resolve: places, claimants and events from sentences written for these tests (none is taken
from a real article), plus the seed aliases of ../shared when it is present."""

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from skywatch import entities, geocode
from skywatch.places import find_places
from skywatch.resolve import resolve_batch

from .test_extract import run

SEED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "gold.json"


def resolve_text(text: str) -> pl.DataFrame:
    claims, result = run(text)
    articles = pl.DataFrame({"article_id": ["a1"], "text": [text]})
    resolved = geocode.resolve_places(result.claims, articles, result.place_candidates)
    return resolved.hstack(result.claims.select("place_text", "event_type"))


def first_row(text: str) -> dict:
    return resolve_text(text).row(0, named=True)


def resolve_articles(texts: list[str], published: list[datetime]):
    """Extract and resolve several articles as one batch."""
    from skywatch.extract import extract_batch
    from skywatch.text import split_sentences

    ids = [f"art-{i}" for i in range(len(texts))]
    sentences = pl.DataFrame(
        [(aid, i, s, e, t) for aid, text in zip(ids, texts, strict=True)
         for i, (s, e, t) in enumerate(split_sentences(text))],
        schema={"article_id": pl.String, "sentence_index": pl.Int64, "start": pl.Int64,
                "end": pl.Int64, "text": pl.String}, orient="row")
    articles = pl.DataFrame({"article_id": ids, "published_at": published, "text": texts,
                             "arrival_date": [p.date() for p in published]})
    extracted = extract_batch(articles, sentences)
    return resolve_batch(extracted.claims, extracted.quantities, articles, extracted.place_candidates)


# --- places -------------------------------------------------------------------------------------

def test_a_qualifier_chooses_the_namesake_in_its_region():
    # Petrivka is a village name in many Ukrainian oblasts; the qualifier decides.
    row = first_row("On Tuesday a Russian drone struck a farm in Petrivka, Odesa region.")
    assert row["admin1_code"] == "UA-51" and row["geo_precision"] == 1
    assert row["place_method"] == "qualifier"


def test_an_officials_region_chooses_the_namesake_of_a_city():
    # Voronezh is a Russian city of a million and a small town in Ukraine's Sumy region; the
    # article names Ukraine's regions but its governor is Voronezh's.
    rows = resolve_text("Voronezh Governor Ivan Petrov said air defences destroyed several drones "
                        "over the city of Voronezh. The region borders Ukraine's Kharkiv region.")
    assert rows.row(0, named=True)["admin1_code"] == "RU-VOR"


def test_a_village_the_gazetteer_lacks_in_the_named_region_keeps_the_region():
    # "Zzyzxivka" is in no gazetteer: the claim keeps the region, precision 3, and no settlement.
    row = first_row("A Russian drone hit a barn in Zzyzxivka, Kherson region, officials said.")
    assert row["admin1_code"] == "UA-65" and row["geo_precision"] == 3


def test_a_list_of_towns_is_no_chain_of_qualifiers():
    row = first_row("Drones targeted Bryansk, Kursk, Belgorod and Oryol overnight, the ministry said.")
    assert row["admin1_code"] == "RU-BRY"
    row = first_row("A drone hit a substation in Donetsk, Rostov region, the governor said.")
    assert row["admin1_code"] == "RU-ROS"  # the Russian town of that name, as the qualifier says


def test_a_town_and_region_name_after_a_comma_is_the_region():
    row = first_row("Russian forces launched a drone strike near Zzyzxivka, Donetsk.")
    assert (row["admin1_code"], row["geo_precision"], row["place_name"]) == ("UA-14", 3, "Donetsk Oblast")


def test_occupied_territory_keeps_its_ukrainian_code():
    for text, code in (("Drones attacked Sevastopol overnight, the governor said.", "UA-40"),
                       ("Two missiles hit Makiivka in the Donetsk People's Republic.", "UA-14"),
                       ("A drone attack on Crimea was repelled, the ministry said.", "UA-43")):
        assert code in set(resolve_text(text)["admin1_code"].to_list()), text


def test_a_town_in_no_gazetteer_stays_at_country_level():
    frame = resolve_text("Air defence shot down a drone near the village of Zzyzxovsk in Belarus.")
    assert frame["country_code"].to_list() == ["BY"]
    assert frame["admin1_code"].to_list() == [None] and frame["geo_precision"].to_list() == [4]


def test_every_resolved_place_has_coordinates_and_a_gazetteer_id():
    frame = resolve_text("Air defence shot down 12 drones over the Voronezh region and 3 over Kursk.")
    assert frame.height >= 1
    ids = set(geocode.places_table()["place_id"].to_list())
    for row in frame.iter_rows(named=True):
        assert row["place_id"] in ids and row["latitude"] is not None and row["longitude"] is not None


def test_regions_have_coordinates_and_the_table_its_version():
    table = geocode.places_table()
    placed = table.filter(pl.col("kind").is_in(["country", "admin1", "settlement"]))
    assert placed["latitude"].null_count() == 0
    assert table["gazetteer_version"].n_unique() == 1


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="../shared/seeds is not present")
def test_seed_place_aliases_resolve_to_the_same_place():
    aliases = json.loads(SEED_GOLD.read_text())["aliases"]["places"]
    for alias, canonical in aliases.items():
        got, want = find_places(f"Drones struck homes in {alias} overnight."), find_places(canonical)
        assert got and want, (alias, canonical)
        assert (got[0].admin1_code, got[0].kind) == (want[0].admin1_code, want[0].kind), (alias, canonical)


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="../shared/seeds is not present")
def test_seed_claimant_aliases_resolve_to_one_entity():
    gold = json.loads(SEED_GOLD.read_text())["aliases"]
    for group in ("people", "organisations"):
        for alias, canonical in gold[group].items():
            got, want = entities.resolve_claimant(alias), entities.resolve_claimant(canonical)
            assert got is not None and want is not None and got.entity_id == want.entity_id, alias


# --- events ---------------------------------------------------------------------------------------

NIGHT = [datetime(2026, 11, 20, 6, 10), datetime(2026, 11, 20, 7, 45), datetime(2026, 11, 20, 9, 5)]


def test_one_night_in_three_differently_worded_articles_is_one_event_with_three_claims():
    texts = [
        "Russian air defences destroyed 104 Ukrainian drones over the Belgorod region overnight, "
        "the Defence Ministry said on Friday.",
        "Governor Vyacheslav Gladkov wrote on Telegram that 5 drones were shot down over the "
        "Belgorod region during the night.",
        "Ukrainian unmanned aircraft were intercepted above Belgorod Oblast last night, according "
        "to Russia's Ministry of Defence, which gave a figure of 104.",
    ]
    result = resolve_articles(texts, NIGHT)
    interceptions = result.claims.filter(pl.col("event_type") == "interception")
    assert interceptions.height == 3
    assert set(interceptions["admin1_code"].to_list()) == {"RU-BEL"}
    events = result.events.filter(pl.col("event_type") == "interception")
    assert events.height == 1
    assert events.row(0, named=True)["n_claims"] == 3 and events.row(0, named=True)["n_articles"] == 3
    figures = result.event_quantities.filter(pl.col("kind") == "drones_destroyed")
    by_claimant = dict(zip(figures["claimant"].to_list(), figures["value"].to_list(), strict=True))
    assert by_claimant == {"Russian Ministry of Defence": 104, "Vyacheslav Gladkov": 5}  # two rows, never 109


def test_a_total_and_its_parts_told_twice_are_counted_once():
    texts = [
        "The Defence Ministry said 56 drones were destroyed overnight: 11 over the Belgorod region, "
        "28 over the Voronezh region and 17 over the Rostov region.",
        "Russian air defences shot down 56 Ukrainian drones overnight, the Ministry of Defence said: "
        "11 over the Belgorod region, 28 over the Voronezh region and 17 over the Rostov region.",
    ]
    result = resolve_articles(texts, NIGHT[:2])
    figures = result.event_quantities.join(result.events.select("event_id", "scope"), on="event_id") \
        .filter(pl.col("kind") == "drones_destroyed")
    totals = figures.filter(pl.col("scope") == "total")
    parts = figures.filter(pl.col("scope") == "part")
    assert totals["value"].sum() == 56  # one total event, not one per article
    assert sorted(parts["value"].to_list()) == [11, 17, 28]
    part_events = result.events.filter(pl.col("scope") == "part")
    total_event = result.events.filter(pl.col("scope") == "total")["event_id"].to_list()
    assert part_events.height == 3 and set(part_events["parent_event_id"].to_list()) == set(total_event)
    assert (part_events["n_claims"] == 2).all()


def test_claimants_resolve_to_canonical_entities_and_unknown_ones_stay_as_written():
    texts = ["Mayor Sergei Sobyanin said air defence destroyed two drones flying toward Moscow.",
             "Moscow Mayor Sergey Sobyanin wrote on Telegram that a drone was shot down on the "
             "approach to the city."]
    result = resolve_articles(texts, NIGHT[:2])
    assert set(result.claims["claimant_id"].to_list()) == {"sergei-sobyanin"}
    assert set(result.claims["claimant"].to_list()) == {"Sergei Sobyanin"}


@pytest.mark.parametrize("text, admin1", [
    # a country's region in the possessive qualifies the village: the region, not the country
    ("A drone hit a house in Nikolaevka, in Russia's Belgorod region, injuring one man.", "RU-BEL"),
    ("A drone hit a barn in Petrivka, in Ukraine's Odesa region, injuring one man.", "UA-51"),
])
def test_a_region_in_a_countrys_possessive_is_the_qualifier(text, admin1):
    """"Nikolaevka, in Russia's Belgorod region": the qualifier is the Belgorod region; "Russia" alone
    had let a namesake in another Russian region (Ulyanovsk) be chosen."""
    assert first_row(text)["admin1_code"] == admin1
