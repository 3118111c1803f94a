"""Claimant entities: the bundled yaml validates, claimant text resolves to one entity or to nothing."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from skywatch.entities import (
    ALIAS_KINDS,
    ENTITIES_PATH,
    RESOLVED_COLUMNS,
    build_index,
    default_index,
    entities_frame,
    entities_version,
    entity_aliases,
    load_entities,
    normalise,
    resolve_claimant,
    resolve_claimants,
)


def _id(text: str, on: date | None = None) -> str | None:
    hit = resolve_claimant(text, on)
    return hit.entity_id if hit else None


# --- the bundled file -------------------------------------------------------------------------------


def test_bundled_file_loads_and_validates():
    entities = load_entities()
    assert len(entities) == 92
    assert len({e.id for e in entities}) == len(entities)
    assert {e.kind for e in entities} == {"person", "organisation"}
    assert load_entities(ENTITIES_PATH) == entities  # explicit path, same content


def test_every_name_alias_and_surname_resolves_to_its_own_entry():
    aliases = entity_aliases().filter(pl.col("alias_kind") != "office")
    wrong = [(row["alias"], row["entity_id"], _id(row["alias"]))
             for row in aliases.iter_rows(named=True) if _id(row["alias"]) != row["entity_id"]]
    assert wrong == []


def test_every_office_phrase_resolves_to_its_holder_during_the_tenure():
    entities = {e.id: e for e in load_entities()}
    wrong = []
    for row in entity_aliases().filter(pl.col("alias_kind") == "office").iter_rows(named=True):
        holder = entities[row["entity_id"]]
        on = holder.valid_from or (holder.valid_to - timedelta(days=1) if holder.valid_to else None)
        if _id(row["alias"], on or date(2025, 1, 1)) != holder.id:
            wrong.append((row["alias"], holder.id))
    assert wrong == []


def test_reference_frames():
    aliases = entity_aliases()
    assert aliases.columns == ["entity_id", "alias", "alias_norm", "alias_kind"]
    assert set(aliases["alias_kind"].unique()) == set(ALIAS_KINDS)
    assert aliases.select("entity_id", "alias_norm").is_duplicated().sum() == 0
    assert aliases["alias_norm"].to_list() == [normalise(a) for a in aliases["alias"]]
    frame = entities_frame()
    assert frame.columns == ["entity_id", "name", "kind", "role", "country_code", "admin1_code",
                             "valid_from", "valid_to"]
    assert frame.schema["valid_from"] == pl.Date
    assert frame.height == 92
    assert set(aliases["entity_id"]) == set(frame["entity_id"])
    smirnov = frame.filter(pl.col("entity_id") == "alexei-smirnov").row(0, named=True)
    assert smirnov["valid_from"] == date(2024, 5, 15) and smirnov["admin1_code"] == "RU-KRS"


def test_entities_version_is_a_short_hash_of_the_bytes(tmp_path):
    version = entities_version()
    assert len(version) == 12 and int(version, 16) >= 0
    assert entities_version(ENTITIES_PATH) == version
    copy = tmp_path / "entities.yaml"
    copy.write_bytes(ENTITIES_PATH.read_bytes() + b"\n")
    assert entities_version(copy) != version


# --- resolving ------------------------------------------------------------------------------------

EQUIVALENT = {
    "sergei-sobyanin": ["Sobyanin", "Mayor Sergei Sobyanin", "the Moscow mayor",
                        "Moscow Mayor Sergei Sobyanin", "Sergey Sobyanin", "mayor of Moscow"],
    "ru-mod": ["the Defence Ministry", "Russia's Ministry of Defence", "MoD", "Russian Ministry of Defence",
               "Defense Ministry"],
    "emercom": ["EMERCOM", "the Emergency Situations Ministry", "EMERCOM of Russia"],
    "vasily-anokin": ["Anokin", "Vasily Anokin", "Governor Vasily Anokin", "Smolensk governor",
                      "Vasily Anokhin", "Smolensk Governor Vasily Anokhin"],
    "denis-pushilin": ["Pushilin", "Denis Pushilin", "Pushilin's"],
    "ua-air-force": ["Ukrainian Air Force", "Ukraine's Air Force", "Air Force"],
    "ua-general-staff": ["Ukrainian General Staff", "General Staff"],
    "ua-ses": ["State Emergency Service of Ukraine"],
    "kremlin": ["Kremlin", "the Kremlin"],
    "vitali-klitschko": ["Vitali Klitschko", "Kyiv Mayor Vitali Klitschko"],
    "andrey-bocharov": ["Andrey Botsharov", "Bocharov", "Volgograd governor"],
    "vyacheslav-gladkov": ["Belgorod Governor Vyacheslav Gladkov", "governor of the Belgorod region",
                           "Belgorod Oblast governor", "Gladkov's", "acting Belgorod governor"],
    "andrei-vorobyov": ["Moscow Oblast governor", "governor of the Moscow region"],
    "yevgeny-balitsky": ["Russian-installed governor of the Zaporizhzhia region",
                         "Moscow-installed Zaporizhzhia governor"],
    "dmitry-peskov": ["Kremlin spokesman Dmitry Peskov", "Putin's spokesman"],
    "ramzan-kadyrov": ["Chechen leader Ramzan Kadyrov", "Chechen leader Kadyrov"],
    "mykhailo-fedorov": ["Deputy Prime Minister Mykhailo Fedorov"],
}


@pytest.mark.parametrize(("text", "entity_id"),
                         [(text, entity_id) for entity_id, texts in EQUIVALENT.items() for text in texts])
def test_equivalent_claimants_resolve_to_one_entity(text, entity_id):
    assert _id(text, date(2025, 6, 1)) == entity_id


def test_resolution_carries_the_entity_and_the_method():
    hit = resolve_claimant("Moscow Mayor Sergei Sobyanin")
    assert (hit.name, hit.role, hit.country_code, hit.admin1_code, hit.method) == (
        "Sergei Sobyanin", "mayor", "RU", "RU-MOW", "exact")
    assert resolve_claimant("Sobyanin").method == "surname"
    assert resolve_claimant("the Moscow mayor").method == "office"
    assert resolve_claimant("Vyacheslav Gladkow").method == "fuzzy"
    assert resolve_claimant("Sergei Sobianin").method == "fuzzy"
    assert resolve_claimant("Denis Pushilin").admin1_code == "UA-14"  # occupied territory keeps its code


@pytest.mark.parametrize(("text", "entity_id"), [
    ("Ukrainian Ministry of Defence", "ua-mod"),
    ("Ukrainian Ministry of Defense", "ua-mod"),
    ("Ukraine's Defence Ministry", "ua-mod"),
    ("Defence Ministry", "ru-mod"),
    ("Russian Defence Ministry", "ru-mod"),
    ("Belarusian Defence Ministry", "by-mod"),
    ("Russian Air Force", "ru-aerospace-forces"),
    ("Russian General Staff", "ru-general-staff"),
    ("Belarusian General Staff", None),  # no such entry: not the Ukrainian one that bare "General Staff" is
    ("Belarusian Air Force", None),
])
def test_the_nation_prefix_decides(text, entity_id):
    assert _id(text) == entity_id


@pytest.mark.parametrize("text", [
    "emergency services", "military", "Russian military", "local official", "Russian local official",
    "Shot Down", "Chell", "Bruce", "Ukrainian police", "Russian energy authorities", "", "   ", None,
    "governor", "the regional governor", "Moscow governor", "head of the Donetsk region",
    "deputy governor of the Belgorod region", "Ivan Gladkov", "Kursk governor Ivan Petrov", "Smirnov", "Kim",
])
def test_generic_or_unknown_claimants_stay_unresolved(text):
    assert resolve_claimant(text, date(2025, 6, 1)) is None


def test_office_tenure_picks_the_holder_on_the_date():
    assert _id("Russian defence minister", date(2023, 1, 1)) == "sergei-shoigu"
    assert _id("Russian Defense Minister", date(2024, 6, 1)) == "andrei-belousov"
    assert _id("Russian defence minister") is None  # two holders, no date
    assert _id("Kursk governor", date(2023, 3, 1)) == "roman-starovoit"
    assert _id("governor of the Kursk region", date(2024, 8, 10)) == "alexei-smirnov"
    assert _id("acting Kursk governor", date(2024, 12, 5)) == "alexander-khinshtein"  # valid_to is exclusive
    assert _id("Donetsk governor", date(2023, 6, 1)) == "pavlo-kyrylenko"  # open start
    assert _id("Donetsk governor", date(2024, 6, 1)) == "vadym-filashkin"
    assert _id("Belgorod governor", date(2019, 1, 1)) is None  # before the only known holder
    assert _id("Belgorod governor") == "vyacheslav-gladkov"  # sole holder, no date
    assert _id("Air Force commander", date(2024, 9, 1)) == "anatoliy-kryvonozhko"


def test_a_name_resolves_whatever_the_date():
    assert _id("Sergei Shoigu", date(2025, 6, 1)) == "sergei-shoigu"
    assert _id("former Kursk governor Starovoit", date(2025, 6, 1)) == "roman-starovoit"


# --- frames -----------------------------------------------------------------------------------------


def test_resolve_claimants_adds_columns_and_resolves_each_distinct_pair_once(monkeypatch):
    frame = pl.DataFrame({
        "claim_id": [1, 2, 3, 4, 5, 6],
        "claimant": ["Sobyanin", "Kursk governor", "Kursk governor", "Sobyanin", "Russian military", None],
        "event_date": [date(2024, 1, 1), date(2024, 8, 1), date(2025, 1, 1), date(2024, 1, 1), None, None],
    })
    index = default_index()
    calls: list[tuple[object, object]] = []
    resolve = index.resolve
    monkeypatch.setattr(index, "resolve", lambda text, on=None: calls.append((text, on)) or resolve(text, on))
    out = resolve_claimants(frame)
    assert len(calls) == 5  # six rows, five distinct (text, date) pairs
    assert out.columns == [*frame.columns, *RESOLVED_COLUMNS]
    assert out["claim_id"].to_list() == [1, 2, 3, 4, 5, 6]
    assert out["claimant"].to_list() == frame["claimant"].to_list()  # the text stays as written
    assert out["claimant_id"].to_list() == ["sergei-sobyanin", "alexei-smirnov", "alexander-khinshtein",
                                            "sergei-sobyanin", None, None]
    assert out["claimant_method"].to_list() == ["surname", "office", "office", "surname", None, None]
    assert out.row(0, named=True)["claimant_admin1"] == "RU-MOW"
    assert out.row(0, named=True)["claimant_country"] == "RU"


def test_resolve_claimants_without_a_date_column_and_with_string_dates():
    no_dates = resolve_claimants(pl.DataFrame({"who": ["Kursk governor", "the Moscow mayor"]}),
                                 text_col="who")
    assert no_dates["claimant_id"].to_list() == [None, "sergei-sobyanin"]  # Kursk had three holders
    text_dates = resolve_claimants(pl.DataFrame({"claimant": ["Kursk governor"],
                                                 "event_date": ["2023-03-01"]}))
    assert text_dates["claimant_id"].to_list() == ["roman-starovoit"]
    empty = resolve_claimants(pl.DataFrame(schema={"claimant": pl.String, "event_date": pl.Date}))
    assert empty.height == 0 and "claimant_id" in empty.columns


# --- validation of dirty files ------------------------------------------------------------------------

GOOD = """
- id: ivan-ivanov
  name: Ivan Ivanov
  kind: person
  role: governor
  country_code: RU
  admin1_code: RU-KRS
  aliases: [Ivanov]
  offices: [Kursk governor]
  valid_to: 2020-01-01
- id: petr-petrov
  name: Petr Petrov
  kind: person
  role: governor
  country_code: RU
  admin1_code: RU-KRS
  offices: [governor of the Kursk region]
  valid_from: 2020-01-01
- id: some-agency
  name: Some Agency
  kind: organisation
  role: agency
  country_code: UA
"""


def test_a_clean_fixture_loads_and_shares_an_office_by_tenure():
    entities = load_entities(text=GOOD)
    index = build_index(entities)
    assert index.resolve("Kursk Oblast governor", date(2019, 1, 1)).entity_id == "ivan-ivanov"
    assert index.resolve("Kursk governor", date(2021, 1, 1)).entity_id == "petr-petrov"
    assert index.resolve("Ukrainian Some Agency").entity_id == "some-agency"
    assert index.resolve("Russian Some Agency") is None  # nation forms use the entry's own nation


def test_loader_reads_a_path(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text(GOOD)
    assert [e.id for e in load_entities(path)] == ["ivan-ivanov", "petr-petrov", "some-agency"]


DIRTY = {
    "duplicate id": (GOOD + """
- id: some-agency
  name: Other Agency
  kind: organisation
  role: agency
  country_code: UA
""", r"'some-agency'.*duplicate id"),
    "shared surname": (GOOD + """
- id: anna-ivanova
  name: Anna Ivanov
  kind: person
  role: mayor
  country_code: RU
  aliases: [Ivanov]
""", r"surname alias 'Ivanov'"),
    "surname of a person without the alias": (GOOD + """
- id: oleg-petrov
  name: Oleg Petrov
  kind: person
  role: mayor
  country_code: RU
  aliases: [Petrov]
""", r"'oleg-petrov'.*surname alias 'Petrov'.*petr-petrov"),
    "overlapping tenures": (GOOD.replace("valid_from: 2020-01-01", "valid_from: 2019-06-01"),
                            r"'petr-petrov'.*overlap"),
    "office without tenure": (GOOD + """
- id: boris-borisov
  name: Boris Borisov
  kind: person
  role: governor
  country_code: RU
  admin1_code: RU-KRS
  offices: [Kursk governor]
""", r"'boris-borisov'.*office.*overlap"),
    "alias of two entries": (GOOD + """
- id: other-agency
  name: Other Agency
  kind: organisation
  role: agency
  country_code: UA
  aliases: [Some Agency]
""", r"'other-agency'.*'Some Agency'.*'some-agency'"),
    "bad kind": (GOOD.replace("kind: organisation", "kind: agency"), r"'some-agency'.*kind"),
    "bad country": (GOOD.replace("country_code: UA", "country_code: Ukraine"),
                    r"'some-agency'.*country_code"),
    "missing field": (GOOD.replace("  role: agency\n", ""), r"'some-agency'.*'role'"),
    "unknown field": (GOOD.replace("role: agency", "role: agency\n  valid_form: 2020-01-01"),
                      r"'some-agency'.*valid_form"),
    "admin1 outside country": (
        GOOD.replace("admin1_code: RU-KRS\n  aliases", "admin1_code: UA-14\n  aliases"),
        r"'ivan-ivanov'.*admin1_code"),
    "tenure backwards": (
        GOOD.replace("valid_from: 2020-01-01", "valid_from: 2020-01-01\n  valid_to: 2019-01-01"),
        r"'petr-petrov'.*valid_from"),
    "non-string alias": (GOOD.replace("aliases: [Ivanov]", "aliases: [Ivanov, no]"), r"'ivan-ivanov'.*False"),
    "not a list": ("id: x\nname: y\n", r"list of entries"),
}


@pytest.mark.parametrize("case", DIRTY)
def test_dirty_files_are_refused_with_the_entry_named(case):
    text, message = DIRTY[case]
    with pytest.raises(ValueError, match=message):
        load_entities(text=text)
