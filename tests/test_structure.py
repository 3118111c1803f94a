"""Numbers, weapons and places tied by the sentence's structure (issue 14): regional lists in any
order and layout, where weapons came from, who acts and who defends. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from tests.test_extract import PUBLISHED, only, run


def _parts(text: str) -> dict[str, int]:
    claims, _ = run(text)
    return {c["admin1_code"]: c["q"].get("drones_destroyed") for c in claims if c["scope"] == "part"}


def _of_attacks(text: str, field: str) -> list:
    claims, _ = run(text)
    return [c[field] for c in claims if c["event_type"] == "attack"]


def _interception(text: str) -> dict:
    """The first interception claim of the text."""
    claims, _ = run(text)
    return next(c for c in claims if c["event_type"] == "interception")


def _toll(claim: dict) -> dict[str, int]:
    """The claim's killed and injured figures."""
    return {k: v for k, v in claim["q"].items() if k in ("killed", "injured")}


def _totals(text: str) -> list[int | None]:
    claims, _ = run(text)
    return [c["q"].get("drones_destroyed") for c in claims if c["scope"] == "total"]


LISTS = {
    "a line per region, number first, dash": (
        "Air defence forces destroyed 19 drones overnight:\n"
        "8 \u2013 over the territory of the Kursk region,\n"
        "5 \u2013 over the territory of the Belgorod region,\n"
        "3 \u2013 over the Oryol region,\n"
        "2 \u2013 over the territory of the Tula region,\n"
        "1 \u2013 over the Lipetsk region."),
    "region first, colon, in one sentence": (
        "The ministry said air defence destroyed 19 drones overnight. Kursk region: 8; Belgorod region: 5; "
        "Oryol region: 3; Tula region: 2; Lipetsk region: 1."),
    "region first, dash, a line each": (
        "Drones destroyed overnight, by region:\nKursk region \u2013 8\nBelgorod region \u2013 5\n"
        "Oryol region \u2013 3\nTula region \u2013 2\nLipetsk region \u2013 1"),
    "region first, number in brackets": (
        "The defence ministry said 19 drones were shot down overnight: Kursk (8), Belgorod (5), Oryol (3), "
        "Tula (2) and Lipetsk (1)."),
    "the list's regions right after the total": (
        "Air defences intercepted 19 drones over the regions of Kursk (8), Belgorod (5), Oryol (3), Tula (2) "
        "and Lipetsk (1), officials said."),
}
EXPECTED = {"RU-KRS": 8, "RU-BEL": 5, "RU-ORL": 3, "RU-TUL": 2, "RU-LIP": 1}


@pytest.mark.parametrize("text", LISTS.values(), ids=LISTS.keys())
def test_a_regional_list_in_any_layout_gives_one_part_per_region(text):
    assert _parts(text) == EXPECTED


def test_a_list_longer_than_the_part_window_keeps_its_total():
    text = LISTS["a line per region, number first, dash"]
    assert _totals(text) == [19]
    claims, _ = run(text)
    totals = {c["claim_id"] for c in claims if c["scope"] == "total"}
    assert all(c["parent_claim_id"] in totals for c in claims if c["scope"] == "part")


def test_including_after_a_part_is_no_part_of_its_own():
    text = ("Overnight air defence destroyed 12 drones: 9 over the Moscow region, including 4 flying "
            "towards Moscow, and 3 over the Kaluga region.")
    assert _parts(text) == {"RU-MOS": 9, "RU-KLU": 3}


def test_including_after_a_total_introduces_its_parts():
    text = ("Air defence destroyed 30 drones overnight, including 4 over the Kursk region and 6 over "
            "the Bryansk region, the ministry said.")
    assert _parts(text) == {"RU-KRS": 4, "RU-BRY": 6}


@pytest.mark.parametrize("text", [
    "Overnight Russia attacked Ukraine with 64 drones launched from the Bryansk region, the air force said.",
    "Russian forces attacked Ukraine overnight with 64 Shahed drones (launch areas: Bryansk and Kursk).",
    "The air force said 64 drones launched by Russia attacked Ukraine overnight.",
    "Overnight Russia attacked Ukraine with 64 drones launched from the directions of Bryansk, Kursk and "
    "Oryol, the air force said.",
    "Overnight Russia attacked Ukraine with 64 drones from the Bryansk and Kursk directions, the air force "
    "said.",
])
def test_where_weapons_were_launched_from_is_not_where_they_struck(text):
    claims, _ = run(text)
    assert [(c["country_code"], c["admin1_code"]) for c in claims] == [("UA", None)]


@pytest.mark.parametrize(("text", "claimant"), [
    ("The Air Force of the Armed Forces of Ukraine said 40 drones were shot down overnight.",
     "Ukrainian Air Force"),
    ("The General Staff of the Armed Forces of Ukraine reported that 12 drones were downed.",
     "Ukrainian General Staff"),
    ("Nine drones were destroyed over the Kursk region, the Ministry of Defence of the Russian Federation "
     "said.", "Russian Ministry of Defence"),
])
def test_an_organisations_long_form_names_one_claimant(text, claimant):
    """"the Air Force of the Armed Forces of Ukraine" is the air force, not "Armed Forces"."""
    claims, _ = run(text)
    assert {c["claimant"] for c in claims} == {claimant}


def test_the_country_that_acts_is_not_the_place():
    claims, _ = run("Ukraine launched 40 drones at the Krasnodar region overnight, the governor said.")
    assert [c["admin1_code"] for c in claims] == ["RU-KDA"]


def test_an_interception_of_the_other_sides_weapons_is_in_the_defenders_country():
    claims, _ = run("Air defence shot down 51 Russian drones overnight, the air force said.")
    assert [(c["event_type"], c["country_code"], c["admin1_code"]) for c in claims] == \
        [("interception", "UA", None)]


def test_a_body_of_a_country_is_no_place():
    claims, _ = run("The Security Service of Ukraine said drones struck a fuel depot in the Kursk region.")
    assert [c["admin1_code"] for c in claims] == ["RU-KRS"]
    claims, _ = run("Air defence destroyed 14 drones of the Armed Forces of Ukraine overnight.")
    assert [c["country_code"] for c in claims] != ["UA"]


def test_a_launch_at_a_country_is_an_attack_on_it():
    claims, _ = run("Russia launched 90 Shahed-type drones at Ukraine overnight, the air force said.")
    assert [(c["event_type"], c["country_code"], c["q"]) for c in claims] == \
        [("attack", "UA", {"drones_launched": 90})]


def test_regions_the_ner_takes_for_a_name_stay_regions():
    text = ("Air defence destroyed 20 drones overnight, including one each over the Penza and Smolensk "
            "Regions, the ministry said.")
    assert _parts(text) == {"RU-PNZ": 1, "RU-SMO": 1}


def test_power_cut_with_the_supply_word_before_it():
    claims, _ = run("A drone struck a substation in the Belgorod region overnight. Power was cut to 3,200 "
                    "consumers, the governor said.")
    assert [c["q"] for c in claims] == [{"households_without_power": 3200}]


def test_one_sides_deadly_attack_on_a_town_is_an_air_strike():
    claims, _ = run("A Russian attack on Poltava overnight killed two people and injured 26, the regional "
                    "governor said.")
    assert [(c["event_type"], c["admin1_code"], c["q"]) for c in claims] == \
        [("attack", "UA-53", {"killed": 2, "injured": 26})]
    assert run("A Ukrainian attack on Russian positions killed 20 soldiers.")[0] == []


def test_debris_of_a_downed_drone_that_starts_a_fire_is_an_attack():
    claims, _ = run("Debris from a drone shot down over Novoshakhtinsk caused a fire at an oil depot, the "
                    "governor said. Two workers were injured.")
    assert [(c["event_type"], c["admin1_code"], c["q"]) for c in claims] == \
        [("attack", "RU-ROS", {"injured": 2})]


def test_an_outage_after_one_sides_strike_is_an_attack_without_a_named_weapon():
    claims, _ = run("Nearly 600,000 homes were left without electricity on Friday morning after a Russian "
                    "overnight attack on energy infrastructure, the energy minister said.")
    assert [(c["event_type"], c["weapon"], c["q"]) for c in claims] == \
        [("attack", "unknown", {"households_without_power": 600000})]
    claims, _ = run("The Poltava and Sumy regions were almost completely without power following the "
                    "Russian strike, the minister said.")
    assert [(c["event_type"], c["admin1_code"]) for c in claims] == [("attack", "UA-53"), ("attack", "UA-59")]


def test_households_that_had_no_electricity_after_a_strike_are_counted():
    claims, _ = run("Ukrainian drones struck a substation in the Zaporizhzhia region on Sunday. More than "
                    "150,000 households in the region had no electricity, the local governor said.")
    assert [c["q"] for c in claims] == [{"households_without_power": 150000}]


def test_a_toll_that_rose_is_the_dead():
    claims, _ = run("A Russian drone hit a passenger train near Kharkiv on Tuesday. The number of confirmed "
                    "fatalities had risen to four by Wednesday, prosecutors said.")
    assert [c["q"].get("killed") for c in claims] == [4]


def test_the_majority_of_n_is_how_many_came():
    claims, _ = run("Air defence shot down the majority of 120 Russian drones launched overnight, the air "
                    "force said.")
    assert [c["q"].get("drones_launched") for c in claims] == [120]
    assert "drones_destroyed" not in claims[0]["q"]


def test_shooting_down_all_of_them_is_as_many_destroyed_as_launched():
    claims, _ = run("Air defence reported shooting down all 12 Russian missiles and five drones overnight.")
    assert [c["q"] for c in claims] == [{"missiles_destroyed": 12, "missiles_launched": 12,
                                          "drones_destroyed": 5, "drones_launched": 5}]


def test_a_weapon_name_is_not_read_as_the_words_in_it():
    claims, _ = run("Air defence destroyed four Storm Shadow cruise missiles over Crimea overnight, the "
                    "ministry said.")
    assert [(c["event_type"], c["q"]) for c in claims] == [("interception", {"missiles_destroyed": 4})]
    assert run("A storm cut power to 4,000 homes in Crimea overnight.")[0] == []


def test_drones_lost_turned_back_or_still_tracked_are_neither_launched_nor_destroyed():
    claims, _ = run("Air defence shot down 62 of 85 Russian drones overnight; 18 drones were lost locally "
                    "and 5 drones flew into Belarus, the air force said. About 3 more drones were still "
                    "being tracked.")
    figures = [c["q"] for c in claims]
    assert {"drones_destroyed": 62, "drones_launched": 85} in figures
    assert all(set(q.values()) <= {62, 85} for q in figures), figures
    assert all(c["country_code"] in ("UA", None) for c in claims)


@pytest.mark.parametrize(("side", "other"), [("Ukrainian", "RU"), ("Russian", "UA")])
def test_a_sides_air_defence_is_no_attacker(side, other):
    """The side whose air defence shoots the drones down defends: the attacker is the other side."""
    claims, _ = run(f"{side} air defence forces shot down 40 drones overnight, the military said.")
    assert [c["attacker"] for c in claims] == [other]


def test_respectively_gives_one_to_each_region():
    text = ("Air defence destroyed 20 drones overnight: 15 over the Rostov region, and one drone was "
            "intercepted over Bryansk, Kursk and Krasnodar, respectively, the ministry said.")
    assert _parts(text) == {"RU-ROS": 15, "RU-BRY": 1, "RU-KRS": 1, "RU-KDA": 1}


@pytest.mark.parametrize("dateline", ["KYIV (Reuters) -", "MOSCOW (Sputnik) \u2013", "Kyiv, Dec 5 (AP)"])
def test_a_dateline_is_not_where_it_happened(dateline):
    claims, _ = run(f"{dateline} Air defence shot down 30 Russian drones over the Sumy region overnight.")
    assert [c["admin1_code"] for c in claims] == ["UA-59"]
    claims, _ = run(f"{dateline} Air defence shot down 30 Russian drones overnight.")
    assert [(c["country_code"], c["admin1_code"]) for c in claims] == [("UA", None)]


def test_people_without_water_are_not_people_without_power():
    claims, _ = run("A drone struck a pumping station in Belgorod overnight. Some 20,000 people were left "
                    "without water, the governor said.")
    assert [c["q"] for c in claims] == [{}]


def test_two_verbs_over_one_region_add_up_to_its_part():
    text = ("Air defence destroyed 12 drones overnight. Four drones were destroyed and two were intercepted "
            "over Crimea, one drone was destroyed over the Bryansk region and five over the Tula region, "
            "the ministry said.")
    assert _parts(text) == {"UA-43": 6, "RU-BRY": 1, "RU-TUL": 5}


def test_a_toll_that_rose_within_the_sentence_keeps_its_last_figure():
    claims, _ = run("A drone hit a bus depot in Kramatorsk. At first two people were reported wounded, but "
                    "later the number rose to five, the governor said.")
    assert [c["q"].get("injured") for c in claims if c["event_type"] == "attack"] == [5]


def test_a_toll_given_as_an_earlier_report_is_no_figure_of_the_event():
    claims, _ = run("A missile hit a school in Kharkiv overnight: four people were injured, although two "
                    "were previously reported, the regional head said. Earlier the regional head wrote that "
                    "one person was killed in the missile strike on Kharkiv and two were wounded.")
    injured = sorted(c["q"]["injured"] for c in claims if "injured" in c["q"])
    assert injured and set(injured) == {4}


def test_two_tolls_of_two_places_are_no_revision():
    from skywatch.extraction.counting import counted_in_context
    from skywatch.extraction.revisions import superseded

    text = "Two people were injured in Sumy earlier, while three were injured in Kharkiv, officials said."
    assert superseded(text, counted_in_context(text, None)) == []


@pytest.mark.parametrize(("text", "region", "figure"), [
    ("Air defences destroyed two drones over Yalta at dusk, and after midnight four other "
     "drones were downed over the same city, the governor said.", "UA-43", 6),
    ("Two drones were shot down near Tuapse at dawn; another three were downed later in the morning, the "
     "governor said.", "RU-KDA", 5),
])
def test_more_weapons_on_top_of_the_first_add_up(text, region, figure):
    claims, _ = run(text)
    assert [(c["admin1_code"], c["q"]) for c in claims] == [(region, {"drones_destroyed": figure})]


def test_more_weapons_over_another_named_region_are_not_added_to_the_first():
    claims, _ = run("Air defences destroyed two drones over the Kursk region and three more over the "
                    "Belgorod region.")
    assert 5 not in {v for c in claims for v in c["q"].values()}


@pytest.mark.parametrize("text", [
    "Debris of one of the drones shot down hit a garage in the Kherson region, the governor said.",
    "Debris from two drones damaged a school in the Bryansk region overnight.",
])
def test_weapons_whose_debris_fell_are_no_count_of_weapons(text):
    claims, _ = run(text)
    assert claims and not any(k.startswith("drones_") for c in claims for k in c["q"])


def test_a_count_before_the_debris_it_left_stands():
    claims, _ = run("Air defence shot down two drones over the Bryansk region; debris damaged a garage.")
    assert {c["q"].get("drones_destroyed") for c in claims if c["event_type"] == "interception"} == {2}


def test_casualties_told_of_another_region_do_not_extend_the_attack_before():
    claims, _ = run("A drone struck a fuel depot in the Bryansk region overnight, the governor said. In "
                    "the Kursk region, officials reported no casualties.")
    assert [(c["admin1_code"], c["q"]) for c in claims if c["event_type"] == "attack"] == [("RU-BRY", {})]


def test_casualties_told_of_the_same_region_extend_the_attack_before():
    claims, _ = run("A drone struck a fuel depot in the Bryansk region overnight, the governor said. Two "
                    "workers were injured in the Bryansk region, he added.")
    assert [(c["admin1_code"], c["q"]) for c in claims if c["event_type"] == "attack"] == [
        ("RU-BRY", {"injured": 2})]


@pytest.mark.parametrize("text", [
    "A drone hit a substation near Kupiansk overnight. Some 3,000 residents were left without heating and "
    "electricity, the regional head said.",
    "Shelling damaged a transformer at a substation in Shebekino, the governor said. About 1,500 homes have "
    "been disconnected from the power supply.",
    # the grid operator's terms, in a sentence of their own two sentences after the attack
    "Overnight Russian drones hit energy facilities in the Poltava region. Repair crews are at work. "
    "Emergency power shutdowns now apply in Poltava and the surrounding districts.",
    "A missile strike damaged a thermal power plant in the Kharkiv region. Stabilisation outages "
    "are in place across the region, the operator said.",
])
def test_an_outage_worded_with_two_supplies_or_a_disconnection_is_a_power_cut(text):
    claims, _ = run(text)
    assert any("power_outage" in c["effects"] for c in claims if c["event_type"] == "attack")


def test_a_single_emergency_shutdown_is_no_power_cut():
    claims, _ = run("A drone struck near the nuclear plant, the operator said. An emergency shutdown of "
                    "one reactor followed as a precaution.")
    assert not any("power_outage" in c["effects"] for c in claims)


def test_a_person_killed_in_an_attack_is_one_killed_and_a_drone_is_no_count():
    claims, _ = run("A drone hit a house in Nikopol overnight, the regional head said. Later he added that "
                    "a woman died of her wounds in hospital.")
    assert [c["q"] for c in claims if c["event_type"] == "attack"] == [{"killed": 1}]


@pytest.mark.parametrize(("text", "region"), [
    ("Air defences shot down 20 drones overnight, including 11 over the area surrounding the "
     "Russian capital, the ministry said.", "RU-MOS"),
    ("Air defences shot down 20 drones overnight, including 11 over the area around Kyiv, the air force "
     "said.",
     "UA-32"),
])
def test_the_region_around_a_capital_is_the_region_not_the_city(text, region):
    claims, _ = run(text)
    assert [(c["admin1_code"], c["q"]) for c in claims if c["scope"] == "part"] == [
        (region, {"drones_destroyed": 11})]


def _parts_of(text):
    claims, _ = run(text)
    return sorted((c["admin1_code"], c["q"].get("drones_destroyed")) for c in claims if c["scope"] == "part")


def test_a_count_over_two_regions_is_each_when_only_that_adds_up():
    assert _parts_of("Air defences destroyed 24 drones overnight, the ministry said. Twelve were shot down "
                     "over the Kursk region, while six were downed over the Bryansk and Oryol regions.") == [
        ("RU-BRY", 6), ("RU-KRS", 12), ("RU-ORL", 6)]


def test_a_count_over_two_regions_that_adds_up_as_it_stands_is_not_doubled():
    parts = _parts_of("Air defences destroyed 18 drones overnight, the ministry said. Twelve were shot down "
                      "over the Kursk region, while six were downed over the Bryansk and Oryol regions.")
    assert ("RU-KRS", 12) in parts and ("RU-ORL", 6) not in parts


# --- rockets of a launcher system, and lists of objects of one verb ---------------------------

def _kinds(text: str) -> list[tuple[str | None, dict]]:
    claims, _ = run(text)
    return sorted(((c["admin1_code"], c["q"]) for c in claims if c["q"]), key=str)


@pytest.mark.parametrize(("text", "kinds"), [
    ("Air defence crews shot down 16 Grad rockets over the Bryansk region overnight.",
     [("RU-BRY", {"rockets_destroyed": 16})]),
    ("The ministry said nine Vilkha rockets were intercepted over the Belgorod region.",
     [("RU-BEL", {"rockets_destroyed": 9})]),
    ("Air defences destroyed five HIMARS rockets over the Kherson region, the ministry said.",
     [("UA-65", {"rockets_destroyed": 5})]),
    ("Air defence shot down a Vilkha rocket over the Kursk region at dawn.",
     [("RU-KRS", {"rockets_destroyed": 1})]),
    # English news says "rockets" for missiles: without a launcher system's name they are counted so
    ("Russia fired 14 rockets at the Kharkiv region overnight, the governor said.",
     [("UA-63", {"missiles_launched": 14})]),
    ("Air defence units intercepted a Russian rocket over the Odesa region.",
     [("UA-51", {"missiles_destroyed": 1})]),
    ("Air defences shot down both rockets over the Dnipropetrovsk region.",
     [("UA-12", {"missiles_destroyed": 2})]),
])
def test_rockets_count_as_rockets_only_with_their_launcher_system(text, kinds):
    assert _kinds(text) == kinds


@pytest.mark.parametrize("text", [
    "The General Staff said its forces destroyed 3 MLRS and 2 HIMARS in the Kursk region.",
    "Air defence shot down a rocket system's spare parts convoy, a blogger claimed.",
])
def test_launchers_are_no_count_of_rockets(text):
    claims, _ = run(text)
    assert not any(k.startswith("rockets_") or k.startswith("missiles_") for c in claims for k in c["q"])


@pytest.mark.parametrize(("text", "kinds"), [
    ("Air defences destroyed 11 Grad rockets and 14 drones over the Bryansk region, the ministry said.",
     [("RU-BRY", {"drones_destroyed": 14}), ("RU-BRY", {"rockets_destroyed": 11})]),
    ("Air defences destroyed three Uragan rockets, one Kh-59 missile and two drones over the Kursk region.",
     [("RU-KRS", {"drones_destroyed": 2}), ("RU-KRS", {"missiles_destroyed": 1}),
      ("RU-KRS", {"rockets_destroyed": 3})]),
])
def test_objects_of_one_verb_share_the_place_that_closes_their_list(text, kinds):
    assert _kinds(text) == kinds


def test_a_count_told_by_its_own_verb_keeps_its_own_place():
    kinds = _kinds("The fleet destroyed six uncrewed boats and air defences shot down 12 drones over the "
                   "Bryansk region, the ministry said.")
    assert (None, {"drones_destroyed": 6}) in kinds and ("RU-BRY", {"drones_destroyed": 12}) in kinds


def test_an_item_listed_after_a_weapon_count_is_counted_like_it():
    """"intercepted 6 drones and a missile": the missile is one more object of the same verb, however
    far that verb stands from it."""
    kinds = _kinds("On Tuesday night air defence units intercepted 6 Russian Shahed-136 kamikaze attack "
                   "drones and a Russian cruise missile over the Mykolaiv region.")
    assert ("UA-48", {"missiles_destroyed": 1}) in kinds and ("UA-48", {"drones_destroyed": 6}) in kinds


def test_an_item_not_in_the_list_of_counts_is_no_count():
    claims, _ = run("Air defences destroyed 30 drones over the Sumy region during the night, and in "
                    "the morning a missile struck a school in Kharkiv.")
    assert not any("missiles_destroyed" in c["q"] for c in claims)


@pytest.mark.parametrize(("text", "event_type", "attacker", "country"), [
    ("Overnight the enemy attacked with 90 Shahed-type drones, the Ukrainian Air Force said.",
     "attack", "RU", "UA"),
    ("During the night the enemy attacked with 35 drones, the Russian Defence Ministry said.",
     "attack", "UA", "RU"),
    ("Air defence destroyed 25 enemy drones overnight, the Russian Defence Ministry said.",
     "interception", "UA", "RU"),
])
def test_the_enemy_is_the_other_side_of_the_organisation_that_says_it(text, event_type, attacker, country):
    claims, _ = run(text)
    assert [(c["event_type"], c["attacker"], c["country_code"]) for c in claims] == [
        (event_type, attacker, country)]


def test_an_attack_whose_side_is_named_only_in_its_target_gets_no_country():
    claims, _ = run("Missile strikes hit energy facilities used by the Ukrainian Armed Forces overnight, the "
                    "Russian Defence Ministry said.")
    assert [c["country_code"] for c in claims if c["event_type"] == "attack"] == [None]


@pytest.mark.parametrize(("text", "parts"), [
    ("Air defences destroyed 36 drones overnight, the ministry said. In the Tula region, 18 drones were "
     "destroyed; in the Kaluga region, 11; in the Ryazan region, 7.",
     {"RU-TUL": 18, "RU-KLU": 11, "RU-RYA": 7}),
    ("Air defences destroyed 31 drones overnight: 10 over the Tula region, 11 over the Kaluga region and "
     "10 over the Ryazan region.",
     {"RU-TUL": 10, "RU-KLU": 11, "RU-RYA": 10}),
])
def test_a_clause_that_opens_with_its_place_gives_its_number_that_place(text, parts):
    """"in the Kaluga region, 11;" - the place opens the clause, the number follows a comma; a place
    an earlier number already took ("10 over the Tula region, 11 ...") is not taken again."""
    assert _parts(text) == parts


def test_an_enemy_attack_with_a_toll_is_an_attack_though_no_weapon_is_named():
    claims, _ = run("As a result of the enemy attack on Poltava, 2 people were killed and 9 injured, the "
                    "head of the regional military administration said.")
    assert [(c["event_type"], c["admin1_code"], c["q"]) for c in claims] == [
        ("attack", "UA-53", {"killed": 2, "injured": 9})]


@pytest.mark.parametrize(("text", "toll"), [
    ("A drone attack on Sumy overnight injured 11 people. The number of injured has since risen to 19, "
     "the city council said.", {"injured": 19}),
    ("A missile struck Zaporizhzhia in the morning, killing 2 people. Later the death toll rose to 6.",
     {"killed": 6}),
    # an adverb of time between the toll and its rise
    ("A glide bomb hit a market in Kostiantynivka, injuring six people. The number of injured later "
     "rose to ten, the prosecutors said.", {"injured": 10}),
    # a rise that names no one: the toll of the sentence before
    ("A ballistic missile hit a hotel in Kharkiv on Monday, killing at least four people. By evening, "
     "the number had risen to 11.", {"killed": 11}),
])
def test_a_toll_that_rose_in_the_same_account_replaces_the_earlier_one(text, toll):
    assert _of_attacks(text, "q") == [toll]


def test_another_claimants_higher_toll_is_that_claimants_claim_of_the_same_attack():
    claims, _ = run("Governor Ivan Petrenko said a missile struck Zaporizhzhia in the morning, killing 2 "
                    "people. Prosecutors said on Wednesday that the death toll had risen to 6, with 3 "
                    "injured.")
    assert [(c["claimant"], c["admin1_code"], c["weapon"], c["event_date"], c["q"]) for c in claims] == [
        ("Ivan Petrenko", "UA-23", "missile", claims[0]["event_date"], {"killed": 2}),
        ("prosecutors", "UA-23", "missile", claims[0]["event_date"], {"killed": 6, "injured": 3})]


@pytest.mark.parametrize("text", [
    "Russian drones struck Kherson overnight. Among the injured was a 70-year-old man, the governor said.",
    "A missile hit a school in Sumy. Among the dead was a teacher, officials said.",
])
def test_among_the_injured_names_one_of_them_and_counts_no_one(text):
    claims, _ = run(text)
    assert [c["q"] for c in claims if c["event_type"] == "attack"] == [{}]


@pytest.mark.parametrize(("text", "side"), [
    ("Air defence shot down 52 of the 70 drones launched overnight, the Ukrainian Air Force reported.",
     ("UA", "RU")),
    ("The Russian Defence Ministry said 19 drones were intercepted overnight.", ("RU", "UA")),
])
def test_a_placeless_interception_told_by_a_sides_forces_is_over_its_own_country(text, side):
    """The nation word in the speaker's name says who speaks (and defends), not who attacked."""
    claims, _ = run(text)
    assert [(c["country_code"], c["attacker"]) for c in claims if c["event_type"] == "interception"] == [side]


def test_an_attacker_named_beside_the_speaker_outranks_the_speakers_nation():
    claims, _ = run("The Ukrainian Air Force said Russia launched 45 drones at the Odesa region, 30 of which "
                    "were shot down.")
    assert {c["attacker"] for c in claims} == {"RU"}


@pytest.mark.parametrize("text", [
    "Air defence units destroyed 14 drones over the Tver region and five over the Pskov region overnight.",
    "Nine UAVs were shot down over the Lipetsk region and another 6 over the Tambov region, officials said.",
])
def test_counts_over_places_with_no_total_each_keep_their_place(text):
    """No total stated: every place keeps its own count, none is dropped and none is summed."""
    claims, _ = run(text)
    got = sorted((c["admin1_code"], c["q"].get("drones_destroyed")) for c in claims)
    assert len(got) == 2 and all(c["scope"] == "single" for c in claims)
    assert {v for _, v in got} in ({14, 5}, {9, 6}) and {a for a, _ in got} in ({"RU-TVE", "RU-PSK"},
                                                                                {"RU-LIP", "RU-TAM"})


def test_a_number_before_a_colon_is_the_total_of_the_list_it_opens():
    assert _totals("Air defences downed 19 drones overnight: Tula region - 8, Oryol region - 6, "
                   "Kaluga region - 5, the ministry said.") == [19]
    assert _parts("Air defences downed 19 drones overnight: Tula region - 8, Oryol region - 6, "
                  "Kaluga region - 5, the ministry said.") == {"RU-TUL": 8, "RU-ORL": 6, "RU-KLU": 5}


@pytest.mark.parametrize("text", [
    "Russia launched 64 drones at Ukraine overnight, 49 of which were shot down, the Air Force said.",
    "The Air Force said Russia had launched 64 drones overnight, of which 49 were downed.",
    "Russia attacked with 64 drones overnight, of which 49 were neutralised, the Air Force said.",
    "The enemy launched 64 drones overnight. Air defence shot down 49.",
    "The enemy launched 64 drones from the Kursk direction overnight. Air defence destroyed 49 of them.",
])
def test_the_verb_a_number_governs_decides_launched_or_destroyed(text):
    """The passive verb after a number ("49 of which were shot down") outranks the launch verb before
    the earlier one; a whole with its part after it ("64 drones, of which 49") is how many came; a
    launch told in a sentence of its own is the launched count of the interception right after."""
    claims, _ = run(text)
    assert [c["q"] for c in claims if c["event_type"] == "interception"] == [
        {"drones_launched": 64, "drones_destroyed": 49}]


def test_a_destroyed_whole_with_its_part_after_stays_destroyed():
    assert _totals("Air defences destroyed 26 drones overnight, 11 of them over the Kaluga region.") == [26]


def test_a_launch_two_sentences_back_or_smaller_than_the_destroyed_is_not_taken():
    claims, _ = run("The enemy launched 30 drones overnight. The mayor urged calm. Air defence shot down 25 "
                    "drones over the city of Sumy.")
    assert [c["q"] for c in claims if c["event_type"] == "interception"] == [{"drones_destroyed": 25}]
    claims, _ = run("The enemy launched 20 drones overnight. Air defence shot down 25 drones over Sumy.")
    assert [c["q"] for c in claims if c["event_type"] == "interception"] == [{"drones_destroyed": 25}]


def test_a_civilian_drone_that_crashed_is_no_attack():
    claims, _ = run("A drone crashed into a barn near Penza; police said it was an agricultural drone that "
                    "had lost its signal.")
    assert claims == []


@pytest.mark.parametrize(("text", "attacker"), [
    ("The governor said Ukraine had attacked a fuel depot in the Belgorod region with drones.", "UA"),
    ("The mayor said Russia has struck Kharkiv with drones again.", "RU"),
])
def test_an_attacker_named_with_an_auxiliary_is_the_attacker(text, attacker):
    assert _of_attacks(text, "attacker") == [attacker]


def test_a_drone_that_drops_explosives_attacks():
    claims, _ = run("A Ukrainian drone dropped explosives on a tractor near Glotovo in the Bryansk region, "
                    "wounding a farmer, the governor said.")
    assert [(c["event_type"], c["weapon"], c["admin1_code"], c["q"]) for c in claims] == [
        ("attack", "drone", "RU-BRY", {"injured": 1})]


def test_a_known_official_named_by_one_word_is_the_speaker():
    claims, _ = run("Putin claimed that air defences had downed 17 drones over the Tver region.")
    assert [c["claimant_text"] for c in claims] == ["Putin"]


@pytest.mark.parametrize("text", [
    "Speaking to reporters in Odesa, the general said 27 drones had been downed over the Mykolaiv region.",
    "Lukashenko, speaking at a forum in Minsk, said 27 drones had been downed over the Mykolaiv region.",
])
def test_where_a_speaker_spoke_is_not_where_it_happened(text):
    claims, _ = run(text)
    assert [c["admin1_code"] for c in claims] == ["UA-48"]


def test_where_a_missile_was_fired_from_past_its_object_is_no_event_place():
    claims, _ = run("A missile hit an office building in Sumy overnight. The Air Force said Russia had "
                    "fired a Kh-59 guided missile at the city from the Kursk region.")
    assert claims and {c["admin1_code"] for c in claims} == {"UA-59"}


@pytest.mark.parametrize(("text", "expected"), [
    ("A man was killed by a Russian drone in Nikopol on Monday, the governor said.",
     [("attack", "drone", "UA-12", {"killed": 1})]),
    ("Hundreds of civilians have been killed by drones since the start of the year, the UN said.", []),
    ("A cyclist was injured by a car in Kursk on Monday, police said.", []),
])
def test_harm_done_by_a_named_weapon_is_an_attack(text, expected):
    claims, _ = run(text)
    assert [(c["event_type"], c["weapon"], c["admin1_code"], c["q"]) for c in claims] == expected


def test_an_origin_after_the_weapons_an_attack_came_with_is_no_event_place():
    claims, _ = run("Overnight the enemy attacked with 3 Kalibr cruise missiles from the Black Sea and "
                    "64 drones from the Kursk region, the Air Force said.")
    assert [c["admin1_code"] for c in claims] == [None]
    assert claims[0]["q"] == {"missiles_launched": 3, "drones_launched": 64}


def test_hits_recorded_count_no_weapons_launched():
    claims, _ = run("Russia launched 48 drones at Ukraine overnight. Hits by 9 strike drones were recorded "
                    "at 5 locations in the Odesa region, the Air Force said.")
    launched = [c["q"].get("drones_launched") for c in claims if c["event_type"] == "attack"]
    assert launched in ([48], [48, None])


def test_a_total_a_verb_of_destruction_governs_is_destroyed_and_opens_its_list():
    text = ("Air defences destroyed a total of 61 drones: 25 over the Tver region, 21 over the Pskov region "
            "and 15 over the Novgorod region.")
    assert _totals(text) == [61]
    assert _parts(text) == {"RU-TVE": 25, "RU-PSK": 21, "RU-NGR": 15}


def test_one_each_over_two_regions_with_no_total_gives_each_region_one():
    claims, _ = run("Air defence systems destroyed 6 drones over the Kaluga region, 3 over the Tula region, "
                    "and one each over the Oryol and Lipetsk regions.")
    assert sorted((c["admin1_code"], c["q"]["drones_destroyed"]) for c in claims) == [
        ("RU-KLU", 6), ("RU-LIP", 1), ("RU-ORL", 1), ("RU-TUL", 3)]


@pytest.mark.parametrize(("text", "toll"), [
    ("A Russian drone hit a bus in Kherson. The driver and five passengers were injured.", {"injured": 6}),
    ("A drone hit a house in Nikopol, killing a man and his two sons.", {"killed": 3}),
    ("A drone hit a car in Kherson, injuring two men and a woman.", {"injured": 3}),
])
def test_one_person_coordinated_with_a_count_of_people_adds_one(text, toll):
    assert _of_attacks(text, "q") == [toll]


def test_a_coordinated_sum_points_at_its_numeral():
    from skywatch.numbers import counted_phrases

    text = "The driver and five passengers were injured."
    (summed,) = [c for c in counted_phrases(text) if c.value == 6]
    assert text[summed.number.start:summed.number.end] == "five"


@pytest.mark.parametrize(("text", "side"), [
    ("Russian forces destroyed 14 drones overnight, the ministry said.", ("RU", "UA")),
    ("Ukrainian units shot down 22 Shahed drones overnight.", ("UA", "RU")),
])
def test_the_side_whose_forces_stop_the_weapons_defends(text, side):
    claims, _ = run(text)
    assert [(c["country_code"], c["attacker"]) for c in claims] == [side]


def test_a_list_of_places_and_numbers_with_no_total_counts_the_weapon_the_sentence_names():
    claims, _ = run("Regions where drones were shot down: Tver - 11; Pskov - 7; Novgorod - 4.")
    assert sorted((c["admin1_code"], c["q"].get("drones_destroyed")) for c in claims) == [
        ("RU-NGR", 4), ("RU-PSK", 7), ("RU-TVE", 11)]


def test_a_speaker_who_speaks_of_himself_claims_no_event():
    """The head of state's reaction is told beside the strike; he is no source of its figures."""
    claims, _ = run("The US president said he was deeply troubled after Russia struck Kyiv with 20 missiles "
                    "overnight, killing 7 people.")
    assert [(c["claimant"], c["q"]) for c in claims] == [(None, {"missiles_launched": 20, "killed": 7})]
    claims, _ = run("Donald Trump said he was angry, after Russian drones hit Odesa overnight, killing 3.")
    assert [c["claimant"] for c in claims] == [None]


def test_clauses_that_open_with_their_place_give_each_number_its_place():
    claims, _ = run("In the Tver region, 13 drones were destroyed, in the Pskov region 6 and in the Novgorod "
                    "region 2.")
    assert sorted((c["admin1_code"], c["q"]["drones_destroyed"]) for c in claims) == [
        ("RU-NGR", 2), ("RU-PSK", 6), ("RU-TVE", 13)]


def test_a_participle_after_a_number_says_what_became_of_it():
    claims, _ = run("The Air Force said Russia had launched 70 drones, with 45 shot down and 19 lost to "
                    "electronic warfare.")
    assert [c["q"] for c in claims] == [{"drones_launched": 70, "drones_destroyed": 45}]


def test_a_region_whose_number_follows_it_breaks_down_the_total_and_is_not_also_its_place():
    """The total's place would count the region twice (once whole, once in its parts)."""
    claims, _ = run("Air defences destroyed 30 drones over the Bryansk region: 12 near Klintsy and 18 near "
                    "the city of Bryansk.")
    by_scope = sorted((c["scope"], c["admin1_code"], c["q"]["drones_destroyed"]) for c in claims)
    assert by_scope == [("part", "RU-BRY", 12), ("part", "RU-BRY", 18), ("total", None, 30)]


def test_a_number_in_brackets_after_most_of_them_is_a_destroyed_part():
    claims, _ = run("Russian air defences shot down 48 Ukrainian drones overnight, most of them (29) over "
                    "the Voronezh region, the ministry said.")
    assert sorted((c["scope"], c["admin1_code"], c["q"]) for c in claims) == [
        ("part", "RU-VOR", {"drones_destroyed": 29}), ("total", None, {"drones_destroyed": 48})]


@pytest.mark.parametrize("share", ["most of them", "mainly", "the majority of them"])
def test_a_place_that_holds_a_share_of_the_count_is_a_part_without_a_number(share):
    """Giving the region the whole count would inflate its total."""
    claims, _ = run(f"Air defences downed 48 Ukrainian drones overnight, {share} over the Voronezh region.")
    assert sorted((c["scope"], c["admin1_code"], c["q"]) for c in claims) == [
        ("part", "RU-VOR", {}), ("total", None, {"drones_destroyed": 48})]
    (part,) = [c for c in claims if c["scope"] == "part"]
    (total,) = [c for c in claims if c["scope"] == "total"]
    assert part["parent_claim_id"] == total["claim_id"]


@pytest.mark.parametrize("text", [
    "The Air Force said that of the 70 drones, 52 were shot down and 14 were lost locally.",
    "Of the 70 drones launched overnight, 52 were shot down over the north and east.",
    "Of 70 drones, 52 were intercepted, the Air Force said.",
])
def test_a_clause_that_opens_with_the_whole_makes_it_the_launched_count(text):
    claims, _ = run(text)
    assert [c["q"] for c in claims] == [{"drones_launched": 70, "drones_destroyed": 52}]


def test_hits_by_named_weapons_and_a_number_count_no_launch():
    claims, _ = run("Hits by the missiles and 17 drones were recorded at 6 locations.")
    assert all("drones_launched" not in c["q"] for c in claims)


@pytest.mark.parametrize(("text", "q"), [
    ("A drone hit a house in Sumy. An elderly man and his wife were injured.", {"injured": 2}),
    ("A drone hit a house in Sumy, injuring a man, his wife and their son.", {"injured": 3}),
    ("Drones attacked Sumy overnight. A woman was killed, and her husband was injured.",
     {"killed": 1, "injured": 1}),
    ("Drones attacked Sumy overnight. Their children were injured.", {}),
    ("A drone hit a bus in Kherson, killing the driver and injuring two passengers.",
     {"killed": 1, "injured": 2}),
    # "the driver" told after a count of the same harm may be one of those counted: nothing is added
    ("A drone hit a bus in Kherson. Three people were injured. The driver was injured in the legs.",
     {"injured": 3}),
    # of another harm, he is one more ("the driver was injured" counts one since 2026-12-07)
    ("A drone hit a bus in Kherson. Two people were killed. The driver was injured.",
     {"killed": 2, "injured": 1}),
])
def test_single_people_joined_together_are_counted_together(text, q):
    claims, _ = run(text)
    assert [c["q"] for c in claims] == [q]


def test_a_number_of_which_after_a_regions_part_is_a_part_of_that_part():
    claims, _ = run("The ministry said 30 drones were shot down, including 12 over the Moscow region, 9 of "
                    "which were flying towards Moscow.")
    assert sorted((c["scope"], c["admin1_code"], c["q"]["drones_destroyed"]) for c in claims) == [
        ("part", "RU-MOS", 12), ("total", None, 30)]


def test_a_list_item_with_a_subset_of_which_after_it_stays_a_destroyed_part():
    assert _parts("Air defences destroyed 30 drones: 12 over the Bryansk region and 9 over the Kursk region, "
                  "4 of which near Kursk itself.") == {"RU-BRY": 12, "RU-KRS": 9}


@pytest.mark.parametrize(("text", "admin1"), [
    ("Residents of Chernihiv spent another night in shelters. It was the third night in a row. Five drones "
     "struck an industrial site, causing a fire, the regional administration said.", "UA-74"),
    # a place outside the countries of the air war is no story place
    ("Ministers met in Geneva on Tuesday. Talks went on late. Russian drones hit a school, killing one man.",
     None),
    # a place that a later sentence names comes first
    ("Residents of Chernihiv spent another night in shelters. Five drones struck a substation in the Sumy "
     "region, causing a fire.", "UA-59"),
])
def test_the_first_sentence_names_the_story_place_even_when_the_filter_skips_it(text, admin1):
    claims, _ = run(text)
    assert [c["admin1_code"] for c in claims] == [admin1]


@pytest.mark.parametrize("closing", ["for a total of 41", "bringing the total to 41"])
def test_a_total_that_closes_the_list_of_its_parts_is_their_total(closing):
    text = (f"Air defences downed 20 drones over the Tver region, 13 over the Pskov region and 8 over the "
            f"Novgorod region, {closing}.")
    assert _totals(text) == [41]
    assert _parts(text) == {"RU-TVE": 20, "RU-PSK": 13, "RU-NGR": 8}


def test_a_closing_total_that_its_parts_exceed_is_no_figure():
    claims, _ = run("Air defences downed 20 drones over the Tver region and 13 over the Pskov region, for a "
                    "total of 25.")
    assert sorted((c["admin1_code"], c["q"]["drones_destroyed"]) for c in claims) == [
        ("RU-PSK", 13), ("RU-TVE", 20)]


def test_the_number_of_victims_is_a_toll_of_the_injured():
    claims, _ = run("A drone hit a warehouse in Kaluga. The number of victims has since grown to nine.")
    assert [c["q"] for c in claims] == [{"injured": 9}]


@pytest.mark.parametrize(("text", "q"), [
    ("A drone crossed into Belarusian airspace near Pinsk. It was shot down by air defence units, the "
     "ministry said.", {"drones_destroyed": 1}),
    ("A missile flew over the Odesa region. The missile was intercepted near the coast.",
     {"missiles_destroyed": 1}),
    # "it" cannot be one of several
    ("Six drones flew towards the Sumy region. It was shot down.", None),
])
def test_it_was_shot_down_counts_the_one_weapon_of_the_sentence_before(text, q):
    claims, _ = run(text)
    assert [c["q"] for c in claims if c["event_type"] == "interception"] == ([q] if q else [])


@pytest.mark.parametrize("text, country", [
    ("Overnight the enemy attacked with 140 Shahed-type drones from the directions of Oryol and Bryansk. "
     "By morning, 112 drones had been shot down or suppressed in the north and centre of the country.", "UA"),
    ("Ukrainian drones attacked overnight from the direction of Sumy. Air defence units shot down "
     "33 drones before dawn, the ministry said.", "RU"),
])
def test_an_interception_with_no_place_stopped_the_attack_told_just_before_it(text, country):
    claims, _ = run(text)
    interception = next(c for c in claims if c["event_type"] == "interception")
    attack = next(c for c in claims if c["event_type"] == "attack")
    assert interception["attacker"] == attack["attacker"] and interception["country_code"] == country


@pytest.mark.parametrize("text", [
    # another family of weapons: the drones need not be the missiles' attacker's
    "Russia fired six ballistic missiles at Kyiv overnight. Air defence shot down 40 drones.",
    # too far from the attack
    "Russian drones struck a depot in Kharkiv on Monday. Repairs took all day. Crews worked late. "
    "Air defence shot down 12 drones.",
])
def test_an_interception_keeps_no_side_when_the_attack_before_is_not_its_own(text):
    claims, _ = run(text)
    interception = next(c for c in claims if c["event_type"] == "interception")
    assert interception["attacker"] is None


@pytest.mark.parametrize("text, destroyed", [
    ("Overnight the enemy sent 75 drones; 60 were shot down and 11 drones hit targets in the Odesa region.",
     [{"drones_destroyed": 60}]),
    ("Air defence destroyed 20 drones, while three of them struck a fuel depot near Poltava.",
     [{"drones_destroyed": 20}]),
    ("The air force said 41 drones had been downed; nine got through and hit energy facilities in Sumy.",
     [{"drones_destroyed": 41}]),
    # a bare number whose verb is "hit": the verb ends its phrase ("hit targets" is no noun of it)
    ("The air force said 52 of the 70 drones were downed or jammed, while 18 hit targets in the Poltava, "
     "Kirovohrad and Mykolaiv regions.", [{"drones_destroyed": 52}]),
    ("Air defence destroyed 33 drones overnight, and 6 struck warehouses in the Rivne region.",
     [{"drones_destroyed": 33}]),
])
def test_weapons_that_got_through_are_no_figure_of_the_interception_nor_its_place(text, destroyed):
    """A count whose own verb says its weapons hit ("11 drones hit targets in ...") counts no
    interception, and the places of its clause are where they hit, not where the rest were downed."""
    claims, _ = run(text)
    interceptions = [c for c in claims if c["event_type"] == "interception"]
    assert [{k: v for k, v in c["q"].items() if k.endswith("_destroyed")} for c in interceptions] == destroyed
    assert all(c["admin1_code"] is None for c in interceptions)


@pytest.mark.parametrize("text, admin1, destroyed", [
    # the place is before the count that got through: it stays the interception's
    ("Over the Kharkiv region, air defence destroyed 15 drones; two hit a warehouse.", "UA-63", 15),
    # "hit by" is a passive: the drones were hit, shot down
    ("Air defence units shot down 23 drones over the Kursk region, 5 of them hit by machine-gun fire.",
     "RU-KRS", 23),
])
def test_a_count_hit_by_fire_or_a_place_before_the_hits_stays_the_interceptions(text, admin1, destroyed):
    claims, _ = run(text)
    interception = next(c for c in claims if c["event_type"] == "interception" and c["scope"] != "part")
    assert interception["admin1_code"] == admin1
    assert interception["q"].get("drones_destroyed") == destroyed


@pytest.mark.parametrize("text, country, attacker", [
    ("Russian air defences destroyed 18 drones overnight, the regional governor said.", "RU", "UA"),
    ("Ukraine's air defence forces shot down 26 drones overnight.", "UA", "RU"),
    ("Ukrainian mobile air defence groups downed 7 drones before dawn.", "UA", "RU"),
    ("Belarusian air defence forces shot down two drones that had crossed the border, the ministry said.",
     "BY", None),
])
def test_an_interception_with_no_place_is_in_the_country_whose_air_defence_it_names(text, country, attacker):
    interception = _interception(text)
    assert (interception["country_code"], interception["admin1_code"]) == (country, None)
    assert interception["attacker"] == attacker


def test_a_named_place_outranks_the_air_defences_nation():
    interception = _interception("Russian air defences shot down 12 drones over the Kharkiv region, "
                                 "Ukrainian officials said, citing debris found near the border.")
    assert interception["admin1_code"] == "UA-63"


@pytest.mark.parametrize("text, parts", [
    ("Air defence destroyed 60 drones overnight, the ministry said. The Bryansk region accounted for 25 of "
     "them, and 14 were downed over the Kursk region.", {"RU-BRY": 25, "RU-KRS": 14}),
    ("Ukraine's air force said it shot down 70 drones overnight; the Kyiv region accounted for about 20 "
     "of them.", {"UA-32": 20}),
    ("Some 52 drones were shot down overnight, and the Oryol region made up 19 of them.", {"RU-ORL": 19}),
])
def test_a_place_that_accounted_for_a_number_is_a_part_of_the_total(text, parts):
    """The place is the subject and its share the object of a verb of share (cue `share_verb`)."""
    assert _parts(text) == parts


def test_a_share_that_is_no_count_of_weapons_makes_no_part():
    assert _parts("Air defence shot down 30 drones overnight. The Kursk region accounted for a third of "
                  "the damage to homes.") == {}


@pytest.mark.parametrize("text, country", [
    ("Air defence forces intercepted 40 drones overnight, the ministry said. Of these, 18 were over the "
     "Belgorod region and 9 over the Voronezh region.", "RU"),
    ("Overnight, air defence units destroyed 17 drones: Chernihiv region - 9, Sumy region - 8.", "UA"),
    # parts in two countries: the total keeps no country
    ("Air defences shot down 30 drones overnight: 20 over the Kursk region and 10 over the Sumy region.",
     None),
])
def test_a_total_with_no_place_is_in_the_one_country_of_all_its_parts(text, country):
    claims, _ = run(text)
    total = next(c for c in claims if c["scope"] == "total")
    assert (total["country_code"], total["admin1_code"]) == (country, None)


@pytest.mark.parametrize("text, country", [
    ("Overnight the enemy attacked with 90 drones. The main direction of the attack was Odesa. By "
     "morning, 71 drones had been shot down in the north, south and centre of the country.", "UA"),
    ("Drones flew over the Bryansk region for several hours. Air defence destroyed 35 drones across "
     "the country, the ministry said.", "RU"),
])
def test_an_interception_across_the_country_keeps_the_storys_country_not_its_region(text, country):
    """A sentence that places its interception across the country (cue `country_scope`) is not in the
    region the story named before; it stays in that region's country."""
    interception = _interception(text)
    assert (interception["country_code"], interception["admin1_code"]) == (country, None)


def test_an_interception_in_part_of_a_region_keeps_the_region():
    interception = _interception("Drones attacked the Sumy region overnight. Air defence shot down 12 of "
                                 "them in the north of the region.")
    assert interception["admin1_code"] == "UA-59"


@pytest.mark.parametrize("text, name", [
    ("Kharkiv Mayor Ihor Terekhov said a Russian guided bomb hit a residential building, injuring 9 people.",
     "Ihor Terekhov"),
    ("Head of the Kherson Regional Military Administration Oleksandr Prokudin said a Russian drone "
     "attack on a bus injured three people.", "Oleksandr Prokudin"),
])
def test_a_name_after_a_title_speaks_where_the_model_does_not_know_it(text, name):
    """The title says a person is named (`claimants.titled_people`): the last two capitalised words
    after it, past an office's own words, are the name."""
    claims, _ = run(text)
    assert {c["claimant"] for c in claims} == {name}


def test_titled_people_takes_the_name_after_the_office_words():
    from skywatch.claimants import titled_people

    assert [n for n, _, _ in titled_people("The Governor of Belgorod Region Vyacheslav Gladkov said")] \
        == ["Vyacheslav Gladkov"]
    assert titled_people("the governor said it") == [] and titled_people("Governor Gladkov said") == []


def test_a_sentence_with_no_place_but_its_speakers_office_is_about_that_place():
    claims, _ = run("Drones hit the Sumy region overnight. Kharkiv Mayor Ihor Terekhov said a drone "
                    "struck a school in his city, injuring 4 people.")
    assert [(c["admin1_code"], c["q"].get("injured")) for c in claims] == [("UA-59", None), ("UA-63", 4)]


def test_an_official_of_another_place_tells_of_another_attack_and_does_not_claim_the_first():
    claims, _ = run("Russian shelling killed a man in the Kherson region on Monday. Odesa Mayor Hennadiy "
                    "Trukhanov said a drone hit a port warehouse in his city.")
    assert [(c["admin1_code"], c["claimant"]) for c in claims] == \
        [("UA-65", None), ("UA-51", "Hennadiy Trukhanov")]
    assert claims[0]["attacker"] == "RU"  # "Russian shelling"


def test_a_speaker_named_after_the_claim_of_the_same_place_still_claims_it():
    claims, _ = run("Drones struck a substation in the Bryansk region. Governor Alexander Bogomaz said "
                    "3,000 homes in the region were left without power.")
    assert {c["claimant"] for c in claims} == {"Alexander Bogomaz"}


@pytest.mark.parametrize("text, injured", [
    ("A Ukrainian drone hit a car in the Belgorod region. Two men sustained injuries.", 2),
    ("Russian drones struck a farm near Sumy overnight. Three workers suffered shrapnel wounds.", 3),
])
def test_a_toll_told_by_any_word_of_injury_is_read(text, injured):
    """Every word of a toll (cues.yaml roles) passes the cheap filter: a sentence that says
    "sustained injuries" is no longer skipped unread."""
    claims, _ = run(text)
    assert [c["q"].get("injured") for c in claims] == [injured]


@pytest.mark.parametrize("text, role", [
    ("A man suffered shrapnel wounds.", "injured"),
    ("Three soldiers received serious head injuries.", "injured"),
    ("Five people suffered from shock.", None),  # no injury named
])
def test_suffered_or_sustained_injuries_with_words_between_is_a_toll(text, role):
    from skywatch.extraction.counting import counted_in_context

    assert [c.role for c in counted_in_context(text, None)] == [role]


@pytest.mark.parametrize("text, parts", [
    ("Air defence said 13 drones were destroyed overnight: 8 and 5 drones over the Kursk and Voronezh "
     "regions respectively.", {"RU-KRS": 8, "RU-VOR": 5}),
    ("The ministry said 30 drones were shot down: the largest number, 14, over the Bryansk region, "
     "followed by the Kursk region with 9 and the Tula region with 7.",
     {"RU-BRY": 14, "RU-KRS": 9, "RU-TUL": 7}),
])
def test_counts_and_places_in_their_positions_or_joined_by_with_are_parts(text, parts):
    """"8 and 5 ... over the Kursk and Voronezh regions respectively": each count with the place in
    its position; "the Kursk region with 9": the place that "with" gives the number after it."""
    assert _parts(text) == parts


def test_one_count_respectively_over_several_places_is_one_each():
    claims, _ = run("Air defence destroyed one drone each over the Bryansk, Kursk and Krasnodar regions, "
                    "respectively.")
    assert sorted((c["admin1_code"], c["q"]["drones_destroyed"]) for c in claims) == \
        [("RU-BRY", 1), ("RU-KDA", 1), ("RU-KRS", 1)]


@pytest.mark.parametrize("text, destroyed", [
    ("Russia fired 30 drones at the south. Among them: 22 were brought down.", 22),
    ("The enemy sent 64 attack drones overnight. Of these, 51 were neutralised.", 51),
    ("Overnight 75 drones were launched. Of them, at least 60 have been shot down.", 60),
])
def test_of_these_before_a_bare_number_counts_the_weapons_before(text, destroyed):
    """"Of these, 51 were neutralised": the phrase that opens the clause makes the bare number a
    count of the weapons the sentence before names (it had been read as no count at all)."""
    assert _interception(text)["q"].get("drones_destroyed") == destroyed


def test_a_bare_number_after_of_these_that_counts_people_is_not_a_weapon():
    from skywatch.extraction.counting import counted_in_context

    counted = counted_in_context("Of these, 14 people were taken to hospital.", "Russia launched 90 drones.")
    assert [(c.value, c.category) for c in counted] == [(14, "person")]


@pytest.mark.parametrize("text, expected", [
    # "all" before the second count: the first was not all of its kind
    ("The Air Force said 70 drones and all 4 missiles were destroyed overnight.",
     {"drones_destroyed": 70, "missiles_destroyed": 4, "missiles_launched": 4}),
    # "all" before the first count covers the counts joined to it
    ("All 12 missiles and six drones were intercepted overnight, the Air Force said.",
     {"missiles_destroyed": 12, "missiles_launched": 12, "drones_destroyed": 6, "drones_launched": 6}),
    # "all of them" covers every kind counted before
    ("Russia launched 5 missiles and 16 drones; air defence destroyed all of them.",
     {"missiles_launched": 5, "missiles_destroyed": 5, "drones_launched": 16, "drones_destroyed": 16}),
])
def test_all_covers_the_counts_it_stands_before_not_those_before_it(text, expected):
    """"70 drones and all 4 missiles were destroyed": 4 missiles came and 4 fell, but nothing says
    how many drones came (it had given 70 drones launched)."""
    assert _interception(text)["q"] == expected


@pytest.mark.parametrize("text, country", [
    ("Russia launched 85 drones and three ballistic missiles overnight.", "UA"),
    ("Overnight, Russian forces attacked with 47 Shahed-type drones, the Air Force reported.", "UA"),
    ("Ukraine launched 33 drones overnight, the defence ministry in Moscow said.", "RU"),
])
def test_a_side_that_is_the_subject_of_its_attack_attacked_the_other_side(text, country):
    """A side named as the subject of its own attack ("Russia launched 85 drones") with no place
    named: the attack is in the other side's country, and a launch with a number of weapons is an
    attack even with no target named (it had been no claim, or one of no country)."""
    claims, _ = run(text)
    attacks = [c for c in claims if c["event_type"] == "attack"]
    assert [c["country_code"] for c in attacks] == [country]
    assert attacks[0]["q"].get("drones_launched")


@pytest.mark.parametrize("text", [
    # the side's adjective names a target, not the subject of the attack
    "The Russian Defence Ministry said it had struck fuel depots used by the Ukrainian army overnight.",
    # launched things that are not weapons sent at anyone
    "The company launched 5 new drone models.",
])
def test_no_country_from_a_side_that_is_not_the_attacks_subject(text):
    claims, _ = run(text)
    assert all(c["country_code"] is None for c in claims if c["event_type"] == "attack")
    if "company" in text:
        assert claims == []


@pytest.mark.parametrize("text, toll", [
    ("Russian troops shelled 19 settlements of the Kherson region over the past day, the regional "
     "administration said. Two people were killed and nine wounded.", {"killed": 2, "injured": 9}),
    ("Over the past 24 hours Russian forces carried out 230 attacks on 11 settlements of the "
     "Zaporizhzhia region. Four residents were injured.", {"injured": 4}),
    ("Ukrainian forces struck six villages in the Kursk region on Sunday, injuring a woman.", {"injured": 1}),
])
def test_a_sides_fire_on_many_settlements_is_a_strike_with_its_toll(text, toll):
    """An official's daily post ("Russian troops shelled 19 settlements ... Two people were killed"):
    a strike whose weapon is not named, on civilian places, with the toll of the next sentence."""
    claims, _ = run(text)
    attacks = [c for c in claims if c["event_type"] == "attack"]
    assert len(attacks) == 1
    assert _toll(attacks[0]) == toll
    assert attacks[0]["attacker"] in ("RU", "UA")


@pytest.mark.parametrize("text", [
    "Russian troops attacked near the village of Hrodivka 14 times, the General Staff said.",
    "Russian forces attacked Ukrainian positions in 12 settlements' outskirts.",
])
def test_ground_assaults_near_villages_are_no_strike(text):
    """Troops that attack near a village or positions fight on the ground: no air-war claim."""
    claims, _ = run(text)
    assert [c for c in claims if c["event_type"] == "attack"] == []


@pytest.mark.parametrize("text, admin1", [
    ("Air defences downed 9 drones over the Moscow region overnight, among them 4 heading for Moscow.",
     ["RU-MOS"]),
    ("A drone flying towards Kyiv was shot down over the Zhytomyr region.", ["UA-18"]),
    # with no other place, the city they flew at is the place
    ("Two drones flying toward Moscow were shot down, Mayor Sergei Sobyanin said.", ["RU-MOW"]),
])
def test_where_drones_were_headed_is_their_place_only_when_no_other_is_named(text, admin1):
    claims, _ = run(text)
    assert [c["admin1_code"] for c in claims if c["scope"] != "part"] == admin1


def test_the_destruction_of_a_number_is_how_many_were_destroyed_and_its_regions_are_parts():
    """"reported the destruction of 48 drones ..., of which 30 were over X": 48 destroyed (it had
    been read as 48 launched, with 30 destroyed over X as the whole's only figure)."""
    text = ("The ministry reported the destruction of 48 Ukrainian drones overnight, of which 30 were over "
            "the Kursk region.")
    assert _totals(text) == [48]
    assert _parts(text) == {"RU-KRS": 30}


@pytest.mark.parametrize("text, toll", [
    ("The death toll from Tuesday's Russian missile strike on Dnipro has risen to 14, officials said.",
     {"killed": 14}),
    ("The number of wounded in the drone attack on Sumy overnight increased to 23.", {"injured": 23}),
    ("A Russian drone hit a bus in Kherson. The toll in the city has since climbed to four.", {"killed": 4}),
])
def test_a_toll_whose_phrase_stands_between_it_and_its_rise_is_read(text, toll):
    """"The death toll from the strike on Dnipro has risen to 14": the toll is the subject of the
    verb of rise, across the phrase that says whose toll it is (it had been read only with nothing
    but the verb between)."""
    claims, _ = run(text)
    assert [_toll(c) for c in claims if c["event_type"] == "attack"] == [toll]


@pytest.mark.parametrize("text", [
    "Among the dead in the strike on Odesa, whose number rose to 9, were two children.",
    "Drone strikes on the energy grid in the region have grown, with 40 recorded in October.",
])
def test_a_rise_with_no_toll_as_its_subject_counts_no_dead(text):
    claims, _ = run(text)
    assert all("killed" not in c["q"] and "injured" not in c["q"] for c in claims)


@pytest.mark.parametrize("text, toll", [
    # a rise of something else, or after a sentence with tolls of both roles: whose rise is unknown
    ("A drone hit a house in Sumy, killing a man. The number of drones over the region rose to 30.",
     {"killed": 1}),
    ("A missile hit Odesa, killing two and injuring five. By noon, the number had risen to 9.",
     {"killed": 2, "injured": 5}),
])
def test_a_bare_rise_that_may_be_of_another_figure_leaves_the_toll_as_it_was(text, toll):
    assert [_toll(c) for c in run(text)[0] if c["event_type"] == "attack"] == [toll]


@pytest.mark.parametrize("text, toll", [
    ("Russian drones attacked Kherson in the evening. A woman was injured. Another woman was wounded "
     "an hour later.", {"injured": 2}),
    ("A Russian missile hit a warehouse in Odesa, injuring two workers. Three more people were hurt.",
     {"injured": 5}),
    # the same victims told again are not more
    ("A Russian drone hit a tractor near Nikopol, injuring the driver. The driver was taken to hospital.",
     {"injured": 1}),
])
def test_more_victims_told_in_a_later_sentence_add_to_the_toll(text, toll):
    """"A woman was injured. Another woman was wounded": victims "on top" of those told before (cue
    words `additive`) add to the attack's toll; they had been dropped as a repeat of its kind."""
    claims, _ = run(text)
    assert [_toll(c) for c in claims if c["event_type"] == "attack"] == [toll]


@pytest.mark.parametrize("text, expected", [
    ("The enemy launched 4 cruise missiles overnight. Three were shot down over the Kirovohrad region.",
     {"missiles_launched": 4, "missiles_destroyed": 3}),
    ("The enemy launched 6 attack drones. All six were intercepted near Zaporizhzhia.",
     {"drones_launched": 6, "drones_destroyed": 6}),
])
def test_a_bare_number_that_opens_a_sentence_of_interception_counts_the_weapons_before(text, expected):
    """"Three were shot down over ...": a number with no noun that opens its sentence and is the
    subject of a verb of interception counts the weapons of the sentence before."""
    assert _interception(text)["q"] == expected


def test_a_bare_number_of_things_destroyed_is_no_count_of_weapons():
    claims, _ = run("Russian drones hit houses in Sumy overnight. Three were destroyed.")
    assert [c["event_type"] for c in claims] == ["attack"]
    assert "drones_destroyed" not in claims[0]["q"]


def test_weapons_from_an_aircraft_are_the_weapon_not_the_aircraft():
    """"2 Kh-59 guided missiles from Su-34 aircraft; both were shot down": the aircraft launched them;
    it had been taken for the weapon, which made the interception a missile attack on an aircraft."""
    claims, _ = run("The enemy used 2 Kh-59 guided missiles from Su-34 aircraft; both were shot down over "
                    "the Poltava region, the Air Force said.")
    assert [(c["event_type"], c["admin1_code"]) for c in claims] == [("interception", "UA-53")]


@pytest.mark.parametrize("text, expected", [
    ("MOSCOW, June 9. /TASS/. Air defences destroyed 31 Ukrainian drones over Russian regions overnight, "
     "the Russian Defence Ministry said.", ("RU", None)),
    ("BELGOROD, June 9. /TASS/. A Ukrainian drone struck a car in the Grayvoron district, injuring two.",
     ("RU", "RU-BEL")),
])
def test_an_agency_dateline_between_slashes_is_no_place(text, expected):
    """"MOSCOW, June 9. /TASS/.": where the story was filed (it had made the 31 Moscow city's)."""
    claims, _ = run(text)
    assert {(c["country_code"], c["admin1_code"]) for c in claims} == {expected}


@pytest.mark.parametrize("text, admin1", [
    ("The Kyiv regime attempted a terrorist attack with fixed-wing drones on facilities on Russian "
     "territory, but they were destroyed by air defence.", None),
    ("Chernihiv Mayor Oleksandr Lomako said a drone hit a warehouse.", "UA-74"),
])
def test_a_government_named_by_its_capital_is_no_place_but_an_office_holders_city_is(text, admin1):
    """"The Kyiv regime": Ukraine's government, not Kyiv (the interception had been placed in Kyiv);
    a mayor's or governor's title still places a sentence that names no other place."""
    claims, _ = run(text)
    assert [c["admin1_code"] for c in claims] == [admin1]


@pytest.mark.parametrize("text, injured", [
    ("A Ukrainian drone dropped a grenade on a car near Grayvoron; the driver was injured.", 1),
    ("A Russian drone hit a minibus in Kherson. The minibus driver was seriously wounded.", 1),
    # the same person told again is not another
    ("A drone struck a bus in Nikopol, injuring the driver. The driver was injured in both legs.", 1),
])
def test_a_definite_person_as_the_subject_of_a_harm_verb_is_one(text, injured):
    """"The driver was injured": a definite person who is the subject of a passive harm verb is one
    person hurt (it had counted only after the verb, "injuring the driver")."""
    claims, _ = run(text)
    assert [c["q"].get("injured") for c in claims if c["event_type"] == "attack"] == [injured]


def test_a_definite_person_who_speaks_is_no_toll():
    claims, _ = run("A Russian drone struck a car in Beryslav; the driver said he was not hurt.")
    assert all(not c["q"].get("injured") for c in claims)


@pytest.mark.parametrize("text, admin1", [
    ("Ukrainian forces struck the Afipsky oil refinery in the Krasnodar region overnight, causing a fire, "
     "the General Staff said.", "RU-KDA"),
    ("The General Staff confirmed the strike on the Saratov refinery; a large fire broke out there.",
     "RU-SAR"),
])
def test_a_sides_forces_that_struck_a_target_or_a_confirmed_hit_is_a_strike(text, admin1):
    """"Ukrainian forces struck the refinery ..., causing a fire", "confirmed the strike on the
    refinery": an air strike whose weapon is not named (both had given no claim); troops that hit
    positions stay ground combat."""
    claims, _ = run(text)
    assert [(c["event_type"], c["weapon"], c["admin1_code"]) for c in claims] == \
        [("attack", "unknown", admin1)]


def test_a_sides_forces_that_hit_positions_are_no_air_strike():
    claims, _ = run("Russian forces hit Ukrainian positions near Kupiansk 25 times over the day.")
    assert claims == []


def test_a_security_service_that_says_its_drones_hit_is_the_attacker():
    claims, _ = run("The SBU said its drones hit an ammunition depot in the Bryansk region overnight.")
    assert [(c["claimant"], c["attacker"]) for c in claims] == [("Ukrainian Security Service", "UA")]


def test_no_hits_on_a_place_is_no_strike():
    claims, _ = run("Explosions were heard as air defence worked, but the city administration said there had "
                    "been no hits on the capital.")
    assert [c for c in claims if c["event_type"] == "attack"] == []


@pytest.mark.parametrize("text, admin1", [
    # a national body's figure after a paragraph on one region is the country's
    ("In Lviv, the mayor said explosions were heard after a Russian missile attack. The Air Force said "
     "81 missiles and 144 drones were shot down.", None),
    ("A Ukrainian drone hit a house in the Bryansk region. The Russian Defence Ministry said 22 drones "
     "were destroyed overnight.", None),
    # unless it points back at that place
    ("A Ukrainian drone hit a house in the Bryansk region. The Russian Defence Ministry said 3 drones "
     "were destroyed over the region.", "RU-BRY"),
])
def test_a_national_bodys_figure_with_no_place_is_the_countrys(text, admin1):
    """The Air Force, the General Staff and the defence ministry report for their whole country: a
    figure of theirs with no place of its own does not take the region the story named before (it
    had put a night's nationwide total in one region)."""
    claims, _ = run(text)
    assert [c["admin1_code"] for c in claims if c["event_type"] == "interception"] == [admin1]


def test_a_regions_harm_after_a_country_wide_attack_is_a_claim_there():
    """"Russia fired 60 missiles at Ukraine's grid. In the Rivne region, 300,000 homes lost power.":
    the harm a follow-up sentence tells of one region is that region's claim (it had been added to
    the country-wide attack, which has no region, so the region was lost)."""
    claims, _ = run("Russia fired 60 missiles and 100 drones at Ukraine's power grid overnight. "
                    "In the Rivne region, 300,000 homes lost power and two people were injured.")
    attacks = sorted((c["admin1_code"] or "", c["q"].get("injured"))
                     for c in claims if c["event_type"] == "attack")
    assert attacks == [("", None), ("UA-56", 2)]


def test_a_follow_up_in_the_attacks_own_region_extends_it():
    claims, _ = run("A Russian missile hit Kharkiv overnight. In the Kharkiv region, three people were "
                    "injured.")
    assert [(c["admin1_code"], c["q"].get("injured")) for c in claims] == [("UA-63", 3)]


@pytest.mark.parametrize("text, killed", [
    ("A Russian missile destroyed a block of flats in Kryvyi Rih; rescuers recovered 9 bodies from the "
     "rubble.", 9),
    ("Emergency workers found the bodies of three people after the Russian strike on Sumy.", 3),
])
def test_bodies_recovered_are_the_dead(text, killed):
    """"Rescuers recovered 9 bodies": the dead (it had been no count, and the strike no toll)."""
    claims, _ = run(text)
    assert [c["q"].get("killed") for c in claims if c["event_type"] == "attack"] == [killed]


def test_government_bodies_are_no_dead():
    claims, _ = run("A Russian missile hit a market in Kharkiv. Two state bodies said 14 people were hurt.")
    assert [c["q"] for c in claims] == [{"injured": 14}]


@pytest.mark.parametrize("text, expected", [
    ("The enemy launched 5 missiles and 30 drones; air defence shot down all the missiles and 21 drones.",
     {"missiles_launched": 5, "missiles_destroyed": 5, "drones_launched": 30, "drones_destroyed": 21}),
    ("Air defence shot down all the missiles and 45 drones.", {"drones_destroyed": 45}),
    ("The Air Force said 38 of the 47 drones were shot down.",
     {"drones_destroyed": 38, "drones_launched": 47}),
])
def test_all_the_weapons_and_a_part_of_the_whole_are_read_by_their_nouns(text, expected):
    """"all the missiles and 45 drones": "all" covers the missiles only (it had made 45 drones
    launched); "38 of the 47 drones were shot down": 47 came (the verb after governs the 38)."""
    assert _interception(text)["q"] == expected


@pytest.mark.parametrize("text, parts", [
    ("The ministry said 13 drones were destroyed over the Kursk and Voronezh regions, 8 and 5 "
     "respectively.", {"RU-KRS": 8, "RU-VOR": 5}),
    ("Air defence shot down 20 drones over the Bryansk, Kursk and Tula regions, 9, 6 and 5 respectively.",
     {"RU-BRY": 9, "RU-KRS": 6, "RU-TUL": 5}),
    ("Air defence destroyed 22 drones overnight: 12, 7 and 3 drones over the Kursk, Bryansk and Oryol "
     "regions respectively.", {"RU-KRS": 12, "RU-BRY": 7, "RU-ORL": 3}),
])
def test_numbers_respectively_after_the_places_are_their_parts(text, parts):
    """"over the Kursk and Voronezh regions, 8 and 5 respectively": the bare numbers that
    "respectively" closes pair in order with the places listed before them, and the count that had
    taken the first place is their total (it had been Kursk's 13, and 8 and 5 were not read)."""
    assert _parts(text) == parts
    assert len(_totals(text)) == 1


def test_a_launch_before_an_interception_of_no_number_stays_an_attack():
    """"Russia launched 400 drones and 40 missiles overnight. Air defence shot down most of them.":
    an interception that counts nothing cannot take the launched figures, so the launch stays an
    attack claim (the figures had been lost)."""
    claims, _ = run("The Air Force said Russia launched 400 drones and 40 missiles overnight. Air defence "
                    "shot down most of them.")
    attacks = [c for c in claims if c["event_type"] == "attack"]
    assert [c["q"] for c in attacks] == [{"drones_launched": 400, "missiles_launched": 40}]


def test_the_interception_of_a_launch_keeps_whose_weapons_they_were():
    claims, _ = run("Russia launched 75 drones overnight. Of these, 61 were shot down.")
    assert [(c["event_type"], c["attacker"], c["country_code"]) for c in claims] == \
        [("interception", "RU", "UA")]


@pytest.mark.parametrize("text", [
    # a titled national office, not in the entity list
    "In Kherson, a guided bomb hit a clinic, killing two. Prime Minister Olena Marchenko said Russia fired "
    "25 missiles and 410 drones during the night.",
    # a national official of data/entities.yaml, named by surname only
    "In Kherson, a guided bomb hit a clinic, killing two. Zelensky said Russia launched 25 missiles and "
    "410 drones overnight.",
    # a national body, the launch told with 'fired'
    "In Kherson, a guided bomb hit a clinic, killing two. Russia fired 25 missiles and 410 drones during "
    "the night, the Ukrainian Air Force said.",
])
def test_a_national_launch_count_after_a_local_strike_is_the_countrys(text):
    """Whoever reports for the whole country (a national body, a president or a minister) and only
    counts what was launched tells of the country's night: its numbers are neither added to the
    local strike told before (they had been) nor placed in its region, and the speaker is not
    carried back as the claimant of that strike."""
    claims, _ = run(text)
    local = only(claims, admin1_code="UA-65")
    assert _toll(local) == {"killed": 2} and "missiles_launched" not in local["q"]
    assert local["claimant"] is None
    national = only(claims, admin1_code=None)
    assert national["q"] == {"missiles_launched": 25, "drones_launched": 410}
    assert national["country_code"] == "UA"


@pytest.mark.parametrize("text, launched_there", [
    # a regional official's count stays the region's
    ("A drone struck a fuel depot in the Tambov region. Governor Yevgeny Pervyshov said Ukraine launched "
     "12 drones overnight.", 12),
    # a national official who points back at the place: the place's
    ("In Kherson, a guided bomb hit a clinic. Zelensky said Russia launched 14 drones at the city "
     "overnight.", 14),
    # 'the regional minister' holds no national office
    ("A drone struck a fuel depot in the Tambov region. The regional minister Ivan Sorokin said Ukraine "
     "launched 12 drones overnight.", 12),
])
def test_a_local_or_pointing_back_launch_count_stays_the_places(text, launched_there):
    claims, _ = run(text)
    placed = [c for c in claims if c["admin1_code"] is not None]
    assert sum(c["q"].get("drones_launched", 0) for c in placed) == launched_there
    assert all(c["admin1_code"] is not None for c in claims)


def test_a_national_officials_interception_with_no_place_is_in_their_country():
    """"Zelensky said 120 drones were shot down": Ukraine's, not the region before, nor no country."""
    claims, _ = run("A drone hit a house in the Sumy region. Zelensky said 120 drones were shot down "
                    "overnight.")
    caught = _interception("A drone hit a house in the Sumy region. Zelensky said 120 drones were shot "
                           "down overnight.")
    assert (caught["country_code"], caught["admin1_code"]) == ("UA", None)
    assert only(claims, event_type="attack")["admin1_code"] == "UA-59"


@pytest.mark.parametrize("text, expected", [
    # the verb after a coordinated subject is the verb of each of its counts
    ("Air defence downed 70 drones overnight; 2 missiles and 9 drones struck 5 sites in the Odesa region.",
     {"drones_destroyed": 70}),
    ("Air defence downed 70 drones overnight; 4 drones, 2 missiles and 1 rocket struck 5 sites.",
     {"drones_destroyed": 70}),
    # a list closed by "and" that a verb of destruction governs is still read as destroyed
    ("Air defence downed 70 drones, 2 missiles and 1 rocket overnight.",
     {"drones_destroyed": 70, "missiles_destroyed": 3}),
])
def test_a_coordinated_subject_shares_its_verb(text, expected):
    """"...; 2 missiles and 9 drones struck 5 sites": the missiles got through too. The verb had
    been read only right after each number, so the 2 missiles counted as shot down."""
    assert _interception(text)["q"] == expected


def test_a_comma_with_no_and_after_it_starts_another_clause():
    """"downed 70 drones, 9 drones struck ...": a list is "A, B and C"; two phrases joined by a
    comma alone are two clauses, not 79 drones that all got through."""
    assert _interception("Air defence downed 70 drones, 9 drones struck sites in the Odesa region.")["q"] \
        == {"drones_destroyed": 70}


@pytest.mark.parametrize("text, country", [
    ("Air defence shot down 14 drones over Russian territory overnight.", "RU"),
    ("Nine drones were destroyed in Ukrainian airspace before dawn.", "UA"),
    ("Two drones were shot down over Belarusian territory on Sunday.", "BY"),
])
def test_a_countrys_space_named_by_its_adjective_is_that_country(text, country):
    """"over Russian territory", "in Ukrainian airspace": the country, which had been no place."""
    caught = _interception(text)
    assert (caught["country_code"], caught["admin1_code"]) == (country, None)


@pytest.mark.parametrize("text", [
    "Air defence destroyed 33 drones over Russia: 15 over the Tula region and 18 over the Oryol region.",
    "Air defence destroyed 33 drones over Russian territory: 15 over the Tula region and 18 over the Oryol "
    "region.",
])
def test_a_numbers_own_place_after_it_outranks_the_place_a_colon_puts_before_it(text):
    """"over Russia: 15 over the Tula region": the colon opens the list; the 15 is Tula's, not the
    country's (it had been left with no place, and Tula lost)."""
    assert _parts(text) == {"RU-TUL": 15, "RU-ORL": 18}


def test_drones_that_flew_into_a_country_and_were_shot_down_there():
    """Belarus's ministry: a crossing is no strike ("flew into Belarusian airspace" had read as an
    attack, "flew into ... from Ukraine" placed it in Ukraine), "both were shot down" counts the two
    of the sentence before, and Belarus's own forces stopped them over Belarus."""
    claims, _ = run("Two drones flew into Belarus from Ukraine overnight, the Belarusian Defence Ministry "
                    "said. Both were shot down by air defence units.")
    assert [(c["event_type"], c["country_code"], c["q"]) for c in claims] == [
        ("interception", "BY", {"drones_destroyed": 2})]
    caught = _interception("Three drones flew into Belarusian airspace overnight and were shot down, the "
                           "Belarusian Defence Ministry said.")
    assert (caught["country_code"], caught["q"]) == ("BY", {"drones_destroyed": 3})


@pytest.mark.parametrize("text, expected", [
    # 'both' of three is not the three
    ("Three drones approached Kursk overnight. Both were shot down by air defence.", {}),
    # a drone that flew into a building still hit it
    ("A drone flew into an apartment block in Sumy overnight.", None),
])
def test_both_and_flew_into_only_where_they_fit(text, expected):
    claims, _ = run(text)
    if expected is None:
        assert [c["event_type"] for c in claims] == ["attack"]
    else:
        assert all("drones_destroyed" not in c["q"] for c in claims)


@pytest.mark.parametrize("text", [
    "The ministry said 31 drones were destroyed overnight, the Tula region with 12 and the Oryol region "
    "with 7.",
    "The ministry said 31 drones were destroyed overnight. Most were over the Tula region (12) and the Oryol "
    "region (7).",
    "The ministry said 31 drones were destroyed overnight. The Tula region took the brunt with 12, followed "
    "by the Oryol region with 7.",
])
def test_a_place_with_its_number_is_a_part_of_the_total(text):
    """"the Tula region with 12", "the Tula region (12)" in a sentence of its own, and a ranking
    ("took the brunt with 12"): parts of the 31, which had been placed in Tula or not read."""
    assert _parts(text) == {"RU-TUL": 12, "RU-ORL": 7}
    assert _totals(text) == [31]


def test_a_body_that_says_its_forces_hit_a_target_is_the_attacker():
    """"The General Staff said its forces hit the refinery": a strike by the speaker's side (the
    sentence had not passed the cheap filter); an adjective of the other side after the verb names
    the target's side, not the attacker's (it had made Ukraine the attacker of a Russian strike)."""
    claims, _ = run("The Ukrainian General Staff said its forces hit the Engels oil depot overnight.")
    assert [(c["event_type"], c["attacker"], c["admin1_code"]) for c in claims] == [
        ("attack", "UA", "RU-SAR")]
    claims, _ = run("The Russian Defence Ministry said its forces struck fuel depots used by the Ukrainian "
                    "army in the Sumy region.")
    assert [(c["attacker"], c["admin1_code"]) for c in claims] == [("RU", "UA-59")]


def test_a_part_of_a_total_takes_its_totals_claimant():
    """A list of regions is one statement: its seventh line, beyond the six sentences a speaker is
    carried, had lost the ministry as its claimant (and with it the attacker)."""
    claims, _ = run("Air defence destroyed 90 drones overnight, the Russian Defence Ministry said.\n\n"
                    "The ministry listed them by region:\nTula region - 20\nOryol region - 18\n"
                    "Kursk region - 15\nBryansk region - 14\nLipetsk region - 12\nTambov region - 11")
    parts = [c for c in claims if c["scope"] == "part"]
    assert len(parts) == 6
    assert {(c["claimant"], c["attacker"]) for c in parts} == {("Russian Ministry of Defence", "UA")}


def test_the_ministry_that_no_sentence_named_is_no_other_speaker():
    """"The ministry said ..." with no ministry named before: its figure keeps no claimant, rather
    than the speaker of the sentence before (an intelligence source)."""
    claims, _ = run("A drone hit a fuel depot near Valuyki, a source in Ukraine's military intelligence told "
                    "reporters. The ministry said 27 drones had been destroyed over the region.")
    assert _interception("A drone hit a fuel depot near Valuyki, a source in Ukraine's military "
                         "intelligence told reporters. The ministry said 27 drones had been destroyed over "
                         "the region.")["claimant"] is None
    attacks = [c["claimant"] for c in claims if c["event_type"] == "attack"]
    assert attacks == ["Ukrainian military intelligence"]


@pytest.mark.parametrize("text", [
    # a regional list, then the weapons that got through named together
    "Air defence destroyed 30 drones overnight: 12 over the Poltava region and 18 over the Sumy region; "
    "4 missiles and 6 drones struck 3 sites in the Dnipropetrovsk region.",
    "Air defence shot down 30 drones over the Poltava and Sumy regions: 12 over Poltava and 18 over Sumy; "
    "4 missiles and 6 drones hit 3 locations.",
])
def test_a_coordinated_subject_shares_its_verb_in_a_regional_list(text):
    """A sentence read as a regional list, or as separate counts, reads each count alone: "4 missiles
    and 6 drones struck ..." had lost its verb for the missiles, which counted as shot down."""
    claims, _ = run(text)
    caught = [c["q"] for c in claims if c["event_type"] == "interception"]
    assert not any("missiles_destroyed" in q for q in caught)
    assert {"drones_destroyed": 12} in caught and {"drones_destroyed": 18} in caught


@pytest.mark.parametrize("text", [
    "Air defence shot down 35 drones over the Chernihiv and Poltava regions: 20 over Chernihiv and 15 over "
    "Poltava.",
    "The air force said 35 drones were destroyed over the Chernihiv and Poltava regions, 20 of them over the "
    "Chernihiv region and 15 over the Poltava region.",
    "Air defence shot down 35 drones over the Chernihiv, Poltava and Sumy regions: 20 over Chernihiv, "
    "10 over Poltava and 5 over Sumy.",
])
def test_a_count_over_a_list_of_regions_is_the_total_of_their_parts(text):
    """"35 drones over the Chernihiv and Poltava regions: 20 over Chernihiv and 15 over Poltava": the
    35 is over both regions, the total of the parts; it had been placed in the first region beside
    that region's own 20, so the region's sum counted 55."""
    claims, _ = run(text)
    caught = [c for c in claims if c["event_type"] == "interception"]
    total = only(caught, scope="total")
    assert total["q"] == {"drones_destroyed": 35} and total["admin1_code"] is None
    parts = [c for c in caught if c["scope"] == "part"]
    assert sum(c["q"]["drones_destroyed"] for c in parts) == 35
    assert len({c["admin1_code"] for c in parts}) == len(parts)


def test_a_count_over_a_list_of_regions_larger_than_its_parts_is_still_their_total():
    """Parts that add up to less than the count (the rest elsewhere or unreported) are still parts."""
    claims, _ = run("Air defence shot down 40 drones over the Chernihiv and Poltava regions: 20 over "
                    "Chernihiv and 15 over Poltava.")
    assert only(claims, scope="total")["q"] == {"drones_destroyed": 40}


def test_parts_that_exceed_a_count_over_two_regions_are_not_its_parts():
    """Counter-check: "5 drones over the Chernihiv and Poltava regions; 20 over Chernihiv and 15 over
    Poltava" cannot be a total and its parts."""
    claims, _ = run("Air defence shot down 5 drones over the Chernihiv and Poltava regions, 20 over "
                    "Chernihiv and 15 over Poltava.")
    assert not [c for c in claims if c["scope"] == "total"]


def test_one_part_of_a_count_over_a_list_of_regions():
    """"25 drones over the Belgorod and Kursk regions, including 15 over the Belgorod region": the 25
    is over both regions and the 15 is Belgorod's share of it, not a second count in Belgorod."""
    claims, _ = run("Air defence destroyed 25 drones over the Belgorod and Kursk regions, including 15 over "
                    "the Belgorod region.")
    total = only(claims, scope="total")
    assert total["q"] == {"drones_destroyed": 25} and total["admin1_code"] is None
    assert only(claims, scope="part")["admin1_code"] == "RU-BEL"


def test_a_part_takes_its_totals_attacker():
    """"Air defence destroyed 18 Ukrainian UAVs overnight. Of these, nine were over the Belgorod
    region ...": the parts are the total's weapons, so they are Ukraine's too (they had no attacker)."""
    claims, _ = run("Air defence forces destroyed 18 Ukrainian UAVs overnight. Of these, nine were over the "
                    "Belgorod region, six over the Kursk region and three over the Oryol region.")
    parts = [c for c in claims if c["scope"] == "part"]
    assert len(parts) == 3 and {c["attacker"] for c in parts} == {"UA"}
    assert only(claims, scope="total")["attacker"] == "UA"


@pytest.mark.parametrize("text, parts", [
    # a ranking of regions in a sentence of its own, after the total
    ("Russian air defences destroyed 45 Ukrainian drones overnight, the Defence Ministry said. The Kursk "
     "region led with 14, and the Oryol region had 6.", {"RU-KRS": 14, "RU-ORL": 6}),
    # a share verb, then its remnant ("for") standing for it in the clauses after (gapping)
    ("Russian air defences destroyed 45 Ukrainian drones overnight, the Defence Ministry said. The Bryansk "
     "region accounted for 20 of them, the Kursk region for 15 and the Tula region for 10.",
     {"RU-BRY": 20, "RU-KRS": 15, "RU-TUL": 10}),
    # "Of these": a sentence that names no weapon but counts the ones before
    ("Air defence destroyed 18 Ukrainian drones overnight, the ministry in Moscow said. Of these, nine "
     "were over the Belgorod region and nine over the Kursk region.", {"RU-BEL": 9, "RU-KRS": 9}),
])
def test_a_sentence_that_goes_on_counting_the_weapons_before_is_read(text, parts):
    """A sentence right after a count of weapons that names no weapon itself but goes on with it
    ("Of these, ...", "The Kursk region led with 14", "... the Kursk region for 15") passes the
    cheap filter as a follow-up (cue `follow_up`), and its regions are parts of the total."""
    claims, _ = run(text)
    got = {c["admin1_code"]: c["q"].get("drones_destroyed") for c in claims if c["scope"] == "part"}
    assert got == parts
    assert only(claims, scope="total")["q"] == {"drones_destroyed": 45 if "45" in text else 18}


def test_a_follow_up_after_a_sentence_that_was_not_relevant_stays_skipped():
    """Counter-check: "The Kursk region led with 14" after a sentence about a budget is not read
    (only a sentence right after a relevant one can go on with its count)."""
    claims, result = run("The regional council approved its budget on Tuesday. The Kursk region led with 14, "
                         "and the Oryol region had 6.")
    assert claims == [] and result.n_relevant == 0


def test_all_of_them_after_a_border_crossing_counts_the_crossing_weapons():
    """"Two Ukrainian drones flew into Belarusian airspace on Sunday. All of them were destroyed.":
    the follow-up names neither a weapon nor air defence, and it counts the two drones."""
    claims, _ = run("Two Ukrainian drones flew into Belarusian airspace on Sunday. All of them were "
                    "destroyed.")
    caught = only(claims, event_type="interception")
    assert caught["q"] == {"drones_destroyed": 2} and caught["country_code"] == "BY"


def test_a_follow_up_is_found_whatever_the_order_and_batches_of_the_sentences():
    """The extract stage sifts a day's sentences in frames, in no guaranteed order: a follow-up in
    another frame than the sentence before it, or read before it, is kept all the same."""
    import polars as pl

    from skywatch.extract import extract_batch
    from skywatch.text import split_sentences

    text = ("Russian air defences destroyed 45 Ukrainian drones overnight, the Defence Ministry said. The "
            "Kursk region led with 14, and the Oryol region had 6. The mayor opened a school. Of these, "
            "two were over Lgov.")
    rows = [("a1", i, s, e, t) for i, (s, e, t) in enumerate(split_sentences(text))]
    schema = {"article_id": pl.String, "sentence_index": pl.Int64, "start": pl.Int64, "end": pl.Int64,
              "text": pl.String}
    articles = pl.DataFrame({"article_id": ["a1"], "published_at": [PUBLISHED],
                             "arrival_date": [PUBLISHED.date()], "text": [text]})

    def claims_of(sentences):
        result = extract_batch(articles, sentences)
        return sorted(result.claims.select("sentence_index", "scope", "admin1_code", "evidence_start",
                                           "evidence_end").iter_rows(), key=str), result.n_relevant

    whole = claims_of(pl.DataFrame(rows, schema=schema, orient="row"))
    reversed_frames = [pl.DataFrame([row], schema=schema, orient="row") for row in reversed(rows)]
    assert claims_of(reversed_frames) == whole
    regions = {admin1 for _, _, admin1, _, _ in whole[0]}
    assert {"RU-KRS", "RU-ORL"} <= regions


@pytest.mark.parametrize("text, count", [
    ("Russian air defences destroyed 19 aircraft-type drones over the Kursk region overnight.", 19),
    ("Air defence destroyed 12 fixed-wing UAVs over the Kursk region overnight.", 12),
    ("The air defences destroyed 7 jet-powered drones over the Kursk region.", 7),
])
def test_destroyed_weapons_with_a_hyphenated_word_before_them_are_an_interception(text, count):
    """"destroyed 19 aircraft-type drones", "air defences destroyed ...": a word with a hyphen between
    the number and the weapon, or the plural "air defences", had left the sentence with no
    interception cue, so its count was lost (an attack with no figures instead)."""
    caught = _interception(text)
    assert caught["q"] == {"drones_destroyed": count} and caught["admin1_code"] == "RU-KRS"


@pytest.mark.parametrize("text, country", [
    ("Russia's defence ministry said its forces had shot down 41 Ukrainian drones over the Bryansk, Kursk "
     "and Belgorod regions.", "RU"),
    ("Air defences shot down 28 drones over the Odesa, Mykolaiv and Kherson regions, the air force said.",
     "UA"),
])
def test_a_count_over_listed_regions_without_their_numbers_is_in_their_country(text, country):
    """"41 drones over the Bryansk, Kursk and Belgorod regions": the total is over all three, so it is
    in their country, as an attack's total over listed places is; it had taken the first region."""
    claims, _ = run(text)
    total = only(claims, scope="total")
    assert (total["country_code"], total["admin1_code"]) == (country, None)
    assert len([c for c in claims if c["scope"] == "part"]) == 3


@pytest.mark.parametrize("text, toll", [
    # an official's post: "as a result of" leads the phrase, and the phrase is long
    ("The number of injured as a result of the enemy strike on the Industrialnyi district of Kharkiv has "
     "risen to 17, the mayor said.", {"injured": 17}),
    ("The number of dead due to the Russian missile strike on Sumy has risen to 6, the regional governor "
     "said.", {"killed": 6}),
])
def test_a_toll_whose_cause_stands_between_it_and_its_rise_is_read(text, toll):
    """"The number of injured as a result of the enemy strike on ... has risen to 17": a toll whose
    phrase opens with "as a result of" or "due to" (and runs longer than twelve words) is read as
    one opening with "from" is."""
    claims, _ = run(text)
    assert [_toll(c) for c in claims if c["event_type"] == "attack"] == [toll]


@pytest.mark.parametrize("text, claimant", [
    ('Kharkiv Mayor Ihor Terekhov: "The number of injured as a result of the enemy strike on the city has '
     'risen to 17."', "Ihor Terekhov"),
    ("Governor Oleh Kiper: \u201cA drone hit a warehouse in Izmail overnight, injuring two workers.\u201d",
     "Oleh Kiper"),
])
def test_a_speaker_before_a_colon_and_a_quote_is_the_claimant(text, claimant):
    """An official's post as news sets it: "Mayor Ihor Terekhov: "..."". The colon and the quote
    attribute the statement as a reporting verb does; the speaker had been left out."""
    claims, _ = run(text)
    assert only(claims, event_type="attack")["claimant"] == claimant


def test_a_name_before_a_colon_without_a_quote_is_no_claimant():
    """Counter-check: "Governor Oleh Kiper toured the port: a drone had hit ..." tells what he did; a
    colon without a quote after it attributes nothing."""
    claims, _ = run("Governor Oleh Kiper toured the port on Monday: a drone had hit a warehouse in Izmail, "
                    "injuring two workers.")
    assert only(claims, event_type="attack")["claimant"] is None


@pytest.mark.parametrize("text, attacker", [
    ("Serhii Lysak, head of the Dnipropetrovsk Regional Military Administration, said the enemy attacked "
     "the Nikopol district with artillery and drones, injuring a man.", "RU"),
    ("Belgorod Governor Vyacheslav Gladkov said the enemy attacked the town of Shebekino with drones, "
     "injuring two women.", "UA"),
])
def test_the_enemy_of_an_official_of_a_region_is_the_other_side(text, attacker):
    """"The enemy" is the other side of who says it: of a regional official (a person whose office
    is in a region of one side) as of a ministry; it had been no attacker."""
    assert only(run(text)[0], event_type="attack")["attacker"] == attacker


def test_a_person_whose_apposition_names_their_body_is_the_claimant():
    """"Serhii Lysak, head of the Dnipropetrovsk Regional Military Administration, said ...": the
    subject of "said" is the person; the body in the apposition is where they work (it had been the
    claimant, as the candidate nearest the verb)."""
    claims, _ = run("Serhii Lysak, head of the Dnipropetrovsk Regional Military Administration, said the "
                    "enemy attacked the Nikopol district with artillery and drones, injuring a man.")
    assert only(claims, event_type="attack")["claimant"] == "Serhii Lysak"


def test_a_spokesman_in_apposition_speaks_for_the_body():
    """Counter-check: "Yuriy Ihnat, spokesman for the Ukrainian Air Force, said ...": the body stays
    the claimant; only one who heads it ("head of", "governor of") is the claimant in person."""
    claims, _ = run("Yuriy Ihnat, spokesman for the Ukrainian Air Force, said 40 drones were shot down "
                    "overnight.")
    assert only(claims, event_type="interception")["claimant"] == "Ukrainian Air Force"


@pytest.mark.parametrize("text, expected", [
    ("Ukraine's air force said it downed 87 of the 110 drones Moscow sent overnight, as well as 4 of the "
     "6 cruise missiles.",
     {"drones_destroyed": 87, "drones_launched": 110, "missiles_destroyed": 4, "missiles_launched": 6}),
    ("Air defence units destroyed 33 of the 41 drones fired at the south, and two of the three Kalibr "
     "missiles.",
     {"drones_destroyed": 33, "drones_launched": 41, "missiles_destroyed": 2, "missiles_launched": 3}),
    ("The military said it intercepted 50 out of 64 drones launched by Russia, plus 1 out of 2 ballistic "
     "missiles.",
     {"drones_destroyed": 50, "drones_launched": 64, "missiles_destroyed": 1, "missiles_launched": 2}),
])
def test_a_part_coordinated_with_an_earlier_part_shares_its_verb(text, expected):
    """"shot down 87 of the 110 drones Moscow sent, as well as 4 of the 6 missiles": the 4 is a part
    of the same shape as the 87, coordinated with it, so the verb of the 87 is its verb too; the
    "sent" of the relative clause in between had made it launched (and lost the 6)."""
    assert _interception(text)["q"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Air defence shot down 29 of the 35 drones, while 3 of the 5 missiles hit targets in the city.",
     {"drones_destroyed": 29, "drones_launched": 35, "missiles_launched": 5}),
    ("Russia fired 70 drones, of which 58 were shot down, and 2 of the 3 missiles struck energy sites.",
     {"drones_launched": 70, "drones_destroyed": 58, "missiles_launched": 3}),
])
def test_the_verb_after_a_whole_governs_its_part(text, expected):
    """"3 of the 5 missiles hit targets": the verb after the whole is the part's (the 3 got through,
    never shot down), and the whole still says how many came."""
    assert _interception(text)["q"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia attacked Ukraine overnight with 212 drones and four ballistic missiles, the air force said, "
     "adding that 180 drones had been shot down.",
     {"drones_launched": 212, "missiles_launched": 4, "drones_destroyed": 180}),
    ("The enemy struck the Odesa region with 35 drones; air defence destroyed 28 of them.",
     {"drones_launched": 35, "drones_destroyed": 28}),
    ("Moscow targeted the capital with 16 drones and three cruise missiles overnight, and air defence "
     "intercepted 14 drones.",
     {"drones_launched": 16, "missiles_launched": 3, "drones_destroyed": 14}),
])
def test_the_weapons_an_attack_was_made_with_came(text, expected):
    """"Russia attacked Ukraine with 212 drones and four missiles, ... 180 drones had been shot down":
    the weapons of "attacked ... with" came (cue `launched_context`), and the words before the first
    count of a list govern the others ("four missiles" is 40 characters past "attacked"); in a
    sentence that goes on to an interception they had been read as shot down."""
    assert _interception(text)["q"] == expected


def test_a_part_does_not_open_the_list_of_its_whole():
    """"destroyed 30 out of 44 drones and 2 missiles fired by Russia": the 2 missiles are listed
    with the whole (44 drones), so they read the words before the whole ("out of": they came), not
    the verb that governs the part."""
    claim = _interception("Air defence destroyed 30 out of 44 drones and 2 missiles fired by Russia.")
    assert claim["q"] == {"drones_destroyed": 30, "drones_launched": 44, "missiles_launched": 2}


@pytest.mark.parametrize("text, admin1", [
    ("While the prime minister was in Lutsk for talks with Polish officials, Russian drones struck an oil "
     "depot in the Vinnytsia region.", "UA-05"),
    ("As NATO ministers gathered in Vilnius and the Ukrainian president toured Chernihiv, air defence shot "
     "down 18 drones over the Zhytomyr region.", "UA-18"),
    ("Hours after Lukashenko hosted Putin in Grodno, a drone hit a warehouse in the Bryansk region.",
     "RU-BRY"),
])
def test_a_place_of_a_background_clause_is_not_where_it_happened(text, admin1):
    """"While the prime minister was in Lutsk for talks, drones struck ... the Vinnytsia region": a
    clause that opens the sentence with a subordinator (cue `background_opener`) and tells no air-war
    fact is background, and its places count only when the sentence names no other."""
    claims, _ = run(text)
    assert [c["admin1_code"] for c in claims] == [admin1]


@pytest.mark.parametrize("text, admin1", [
    ("After midnight in the Kherson region, air defence shot down 6 drones.", "UA-65"),
    ("When drones attacked Poltava, air defence also shot down 7 drones.", "UA-53"),
])
def test_a_background_clause_still_places_a_sentence_that_names_no_other(text, admin1):
    """The only place of the sentence, or a clause that tells of the attack itself, still places it."""
    claims, _ = run(text)
    assert {c["admin1_code"] for c in claims} == {admin1}


def test_a_share_told_by_a_gerund_is_a_part():
    """"..., with the Voronezh region accounting for 14 of them and the Belgorod region for 9": the
    gerund is a verb of share as "accounted for" is (cue `share_verb`); the 31 had been placed in
    Voronezh and the 14 in Belgorod."""
    assert _parts("The ministry said air defence destroyed 31 drones over Russian regions overnight, with "
                  "the Voronezh region accounting for 14 of them and the Belgorod region for 9.") == {
        "RU-VOR": 14, "RU-BEL": 9}


@pytest.mark.parametrize("text, attacker", [
    ("Air defence systems destroyed 27 Ukrainian fixed-wing UAVs over the Smolensk region.", "UA"),
    ("Air defence shot down 12 Russian jet-powered drones over the Kyiv region.", "RU"),
])
def test_a_nation_before_a_hyphenated_kind_of_weapon_names_the_attacker(text, attacker):
    claims, _ = run(text)
    assert [c["attacker"] for c in claims] == [attacker]


def test_a_count_that_closes_a_list_of_regions_is_their_total():
    """"destroyed over the Tula, Kaluga and Oryol regions, 17 in total": the count closes the list,
    so it is the regions' total (in their country) and the regions its parts; it had been Tula's."""
    claims, _ = run("The ministry said Ukrainian drones were destroyed over the Tula, Kaluga and Oryol "
                    "regions, 17 in total.")
    assert [(c["scope"], c["admin1_code"], c["q"]) for c in claims] == [
        ("total", None, {"drones_destroyed": 17}), ("part", "RU-TUL", {}), ("part", "RU-KLU", {}),
        ("part", "RU-ORL", {})]


@pytest.mark.parametrize("text, attacker", [
    ("The death toll from Russia's drone strike on Sumy has risen to 4, the regional administration said.",
     "RU"),
    ("Ukraine's overnight drone attack set fire to an oil depot in the Oryol region, the governor said.",
     "UA"),
])
def test_a_sides_weapon_in_the_possessive_names_the_attacker(text, attacker):
    """"Russia's drone strike": the side's own weapon or attack in the possessive is the attacker's
    (cues `attacker_ru`, `attacker_ua`); its forces in the possessive also speak, and are not read."""
    claims, _ = run(text)
    assert [c["attacker"] for c in claims] == [attacker]


def test_a_sides_military_in_the_possessive_is_no_attacker_cue():
    """Counter-check: "Russia's military said it shot down 14 Ukrainian drones": the speaker's side
    defends; the attacker is the other side's drones."""
    claims, _ = run("Russia's military said it shot down 14 Ukrainian drones over the Bryansk region.")
    assert [c["attacker"] for c in claims] == ["UA"]


def test_a_post_opened_by_a_speaker_and_a_colon_is_theirs_and_their_office_is_no_place():
    """"Kherson regional governor Oleksandr Prokudin: As a result of ...": a colon right after the
    name that opens a statement attributes it (as a colon and a quote do), and "Kherson regional
    governor" names his office, so the town of the statement is the place."""
    claims, _ = run("Kherson regional governor Oleksandr Prokudin: As a result of enemy shelling of "
                    "Beryslav, a 61-year-old man was injured.")
    claim = only(claims, event_type="attack")
    assert (claim["claimant"], claim["place_text"]) == ("Oleksandr Prokudin", "Beryslav")


def test_a_city_district_after_the_city_in_the_possessive_is_in_that_city():
    """"Kharkiv's Kyivskyi district": the district lies in the city named in the possessive, not in
    the region of a namesake district elsewhere (it had been placed in the Donetsk region)."""
    claims, _ = run("A drone struck a residential building in Kharkiv's Kyivskyi district overnight, "
                    "injuring three people.")
    assert [c["admin1_code"] for c in claims] == ["UA-63"]


@pytest.mark.parametrize("text, weapon", [
    ("Russia, which has fired Kinzhal missiles at the city before, attacked Odesa with drones overnight, "
     "injuring two.", "drone"),
    ("The governor, whose office was hit by a missile last year, said a drone struck a car in Shebekino.",
     "drone"),
])
def test_a_weapon_named_only_in_an_aside_gives_way_to_the_events(text, weapon):
    """"Russia, which has fired Kinzhal missiles at the city before, attacked Odesa with drones": a
    clause set off by commas after a noun ("which", "who", "whose") is an aside; the weapon named
    outside it is the event's."""
    claims, _ = run(text)
    assert {c["weapon"] for c in claims if c["event_type"] == "attack"} == {weapon}


def test_a_weapon_named_only_in_an_aside_is_still_the_events_when_no_other_is():
    """Counter-check: "The attack, which involved 20 Shahed drones, damaged a substation": the aside
    is the only place the weapon is named."""
    claims, _ = run("The attack, which involved 20 Shahed drones, damaged a substation in Sumy.")
    assert [c["weapon"] for c in claims] == ["drone"]


@pytest.mark.parametrize("text, claimant", [
    ("Zelensky, who spoke with Macron by phone on Sunday, said Russia had launched 310 drones overnight.",
     "Zelensky"),
    ("Governor Vyacheslav Gladkov, who visited Putin in Moscow last week, said a drone hit a bus in "
     "Shebekino, injuring three.", "Vyacheslav Gladkov"),
])
def test_who_is_named_in_an_aside_is_not_the_speaker(text, claimant):
    """"Zelensky, who spoke with Macron by phone, said ...": the aside (cue `aside`) names someone
    nearer the verb, but the subject of "said" is who the aside describes."""
    claims, _ = run(text)
    assert {c["claimant"] for c in claims} == {claimant}


@pytest.mark.parametrize("text", [
    "The enemy launched 64 drones and three Kh-101 cruise missiles overnight, the Air Force said. "
    "Air defence destroyed 50 of the drones.",
    "Overnight Russia launched 210 Shahed-type drones and 6 ballistic missiles. Of these, 180 drones were "
    "shot down or suppressed, the statement said.",
])
def test_a_launch_told_before_the_interception_keeps_the_weapons_the_interception_does_not_name(text):
    claim = _interception(text)
    launched = {k: v for k, v in claim["q"].items() if k.endswith("_launched")}
    destroyed = claim["q"].get("drones_destroyed")
    assert (destroyed, launched) in [(50, {"drones_launched": 64, "missiles_launched": 3}),
                                     (180, {"drones_launched": 210, "missiles_launched": 6})]


def test_a_launch_before_the_interception_counts_launched_weapons_whatever_stands_between_its_numbers():
    claim = _interception(
        "Russia launched 140 drones of the Shahed type and decoys and 9 missiles (4 Iskander-M ballistic, "
        "5 Kalibr cruise) overnight, the Air Force said. Air defence destroyed 120 drones and 3 missiles.")
    assert {k: claim["q"].get(k) for k in ("drones_launched", "missiles_launched", "missiles_destroyed")} \
        == {"drones_launched": 140, "missiles_launched": 9, "missiles_destroyed": 3}


def _resolved(text: str) -> list[tuple[str | None, str | None]]:
    """(admin1, place name) of each claim after resolution."""
    import polars as pl

    from skywatch.geocode import resolve_places
    _, result = run(text)
    articles = pl.DataFrame({"article_id": ["a1"], "text": [text]})
    rows = resolve_places(result.claims, articles, result.place_candidates)
    return [(r["admin1_code"], r["place_name"]) for r in rows.iter_rows(named=True)]


@pytest.mark.parametrize("text", [
    "Zaporizhzhia, Nov 30. Russian drones struck the Shevchenkivskyi district of the city overnight, "
    "injuring a man.",
    "A missile hit an apartment block in the Shevchenkivskyi district of Zaporizhzhia, injuring four people.",
    "A missile hit an apartment block in Zaporizhzhia's Shevchenkivskyi district, injuring four people.",
])
def test_a_district_told_with_its_town_is_in_that_town_not_in_a_namesake_district_elsewhere(text):
    """A district name that many towns share (Shevchenkivskyi is a district of Kyiv, Kharkiv,
    Zaporizhzhia and Lviv; the gazetteer holds a few) is in the town the sentence ties it to: "of
    Zaporizhzhia", "Zaporizhzhia's", or "of the city" after a dateline naming the town."""
    assert _resolved(text) == [("UA-23", "Zaporizhzhya")]


def test_a_district_without_its_town_keeps_the_namesake_reading():
    text = "Shelling damaged a school in the Shevchenkivskyi district, the council said, injuring a guard."
    assert _resolved(text) == [("UA-30", "Shevchenkivskyi")]


@pytest.mark.parametrize("text, claims", [
    ("In the Sumy region, the enemy attacked the Bilopillia community with drones and artillery 31 times "
     "during the day, the regional administration reported.", 1),
    ("Russian forces shelled Nikopol 12 times over the past day, wounding a woman, the governor said.", 1),
    ("Air raid alerts were declared 40 times in the city in November.", 0),
])
def test_a_count_of_occasions_within_one_day_is_that_days_attack_not_a_habit(text, claims):
    assert len(run(text)[0]) == claims


@pytest.mark.parametrize("text, attacker", [
    ("Air defence destroyed 57 Ukrainian unmanned aerial vehicles over the Bryansk region overnight.", "UA"),
    ("Two Russian unmanned aircraft were shot down over the Sumy region, the Air Force said.", "RU"),
])
def test_unmanned_aircraft_of_a_side_name_the_attacker(text, attacker):
    assert _interception(text)["attacker"] == attacker


def test_a_body_opening_the_sentence_before_a_colon_is_the_claimant_whatever_follows():
    claims, _ = run("Russian Defence Ministry: air defence forces shot down 30 Ukrainian drones over the "
                    "Belgorod region overnight.")
    assert [c["claimant"] for c in claims] == ["Russian Ministry of Defence"]


@pytest.mark.parametrize("text, toll", [
    ("Zaporizhzhia region: over the past day the Russians killed 2 residents of the region and wounded 5 "
     "more, the governor said.", {"killed": 2, "injured": 5}),
    ("The enemy killed four civilians in the Kherson region yesterday, the regional administration reported.",
     {"killed": 4}),
])
def test_a_side_that_killed_civilians_made_a_strike_of_unknown_weapon(text, toll):
    claims, _ = run(text)
    assert [(c["event_type"], c["weapon"], _toll(c)) for c in claims] == [("attack", "unknown", toll)]


def test_the_russians_as_the_subject_name_the_attacker():
    claims, _ = run("Over the past day the Russians killed 2 residents of the Zaporizhzhia region, the "
                    "governor said.")
    assert [c["attacker"] for c in claims] == ["RU"]


def test_soldiers_killed_by_a_side_are_no_strike():
    text = "Russian forces killed three Ukrainian soldiers in an assault near Pokrovsk, the army said."
    assert run(text)[0] == []


def test_the_russians_that_struck_many_settlements_made_a_strike():
    claims, _ = run("During the day, the Russians carried out 96 attacks on 33 settlements in the Sumy "
                    "region.")
    assert [(c["event_type"], c["attacker"], c["admin1_code"]) for c in claims] == [("attack", "RU", "UA-59")]


def test_a_strike_by_another_weapon_after_an_attack_is_a_strike_of_its_own():
    claims, _ = run("A missile struck a grain terminal in Izmail before dawn, injuring three. An hour "
                    "later, a drone hit an apartment building, killing a man.")
    assert [(c["weapon"], c["admin1_code"], _toll(c)) for c in claims] == [
        ("missile", "UA-51", {"injured": 3}), ("drone", "UA-51", {"killed": 1})]


def test_a_place_abroad_after_an_attack_of_no_country_is_not_where_it_struck():
    claims, _ = run("Several cruise missiles struck energy facilities overnight, the ministry said. Talks "
                    "on a ceasefire resumed in Istanbul, where the two delegations met for four hours.")
    assert [c["country_code"] for c in claims if c["event_type"] == "attack"] in ([None], ["UA"])


def test_debris_of_weapons_shot_down_just_before_that_harms_a_place_is_their_strike_there():
    claims, _ = run("Air defences shot down 11 drones over the Voronezh region overnight, the governor said. "
                    "In Rossosh, falling debris damaged the roof of a school and injured a guard.")
    attack = only(claims, event_type="attack")
    assert (attack["weapon"], attack["admin1_code"], _toll(attack)) == ("drone", "RU-VOR", {"injured": 1})
    assert "injured" not in only(claims, event_type="interception")["q"]


def test_a_countrys_tally_of_sites_with_debris_is_no_strike_of_its_own():
    claims, _ = run("Air defence shot down 120 drones, the Air Force said. Strikes were recorded at six "
                    "sites, with falling debris at three others.")
    assert [c["event_type"] for c in claims] == ["interception"]


def test_the_enemys_attack_with_a_sides_weapons_and_no_place_is_in_the_other_sides_country():
    claims, _ = run("Overnight the enemy attacked with 70 Shahed-type strike UAVs and decoy drones. Air "
                    "defence shot down 51 of them in the north and east of the country.")
    assert [(c["event_type"], c["attacker"], c["country_code"]) for c in claims] == [
        ("attack", "RU", "UA"), ("interception", "RU", "UA")]


def test_officials_unnamed_in_another_region_do_not_take_the_speaker_before_them():
    claims, _ = run("Governor Ivan Fedorov said air defence shot down 12 drones over the Zaporizhzhia "
                    "region. In the neighbouring Dnipropetrovsk region, officials reported that a drone "
                    "hit a farm building in Pokrov.")
    assert [(c["event_type"], c["claimant"]) for c in claims] == [
        ("interception", "Ivan Fedorov"), ("attack", None)]


def _launched_counts(text: str) -> list[dict[str, int]]:
    """The launched counts of each attack claim of the text."""
    claims, _ = run(text)
    return [{k: v for k, v in c["q"].items() if k.endswith("_launched")}
            for c in claims if c["event_type"] == "attack"]


@pytest.mark.parametrize("hits", [
    "Seven drones struck targets in the Kharkiv and Poltava regions.",
    "Seven drones hit energy facilities in the Kharkiv region, the Air Force added.",
    "Two missiles and seven drones hit targets at nine locations.",
])
def test_weapons_that_got_through_after_the_nights_launch_count_are_no_launch_of_their_own(hits):
    claims, _ = run("Russia launched 84 drones and six missiles at Ukraine overnight, the Air Force said. "
                    "Air defence shot down 61 drones and four missiles. " + hits)
    launched = [{k: v for k, v in c["q"].items() if k.endswith("_launched")} for c in claims]
    assert {"drones_launched": 84, "missiles_launched": 6} in launched
    assert all(c.get("drones_launched") != 7 and c.get("missiles_launched") != 2 for c in launched), launched


def test_weapons_that_got_through_are_still_a_strike_where_they_hit():
    claims, _ = run("Russia launched 84 drones overnight, of which 61 were shot down. Seven drones struck "
                    "targets in the Kharkiv region.")
    assert any(c["event_type"] == "attack" and c["admin1_code"] == "UA-63" for c in claims)


@pytest.mark.parametrize("text", [
    # a more specific weapon than the one counted for the night: others that came
    "Russia launched 84 drones and six guided missiles overnight, the Air Force said. In Sumy, two "
    "ballistic missiles hit a school, injuring four people.",
    # a town's strike counts its own weapons only, not the next town's
    "In Cherkasy, two ballistic missiles hit a port facility, the governor said. In Kramatorsk, two "
    "ballistic missiles struck a shopping centre, killing nine people.",
])
def test_a_strike_by_weapons_the_night_count_does_not_cover_keeps_its_count(text):
    assert {"missiles_launched": 2} in _launched_counts(text)


@pytest.mark.parametrize("text", [
    "Russia launched 84 drones and six missiles at Ukraine overnight, the Air Force said; 61 were shot down.",
    "Russia launched six missiles and 84 drones overnight, and 61 were shot down, the Air Force said.",
], ids=["the larger whole first", "the nearer whole (counter-check)"])
def test_a_bare_count_shot_down_is_of_the_weapons_that_came_in_as_many(text):
    assert _interception(text)["q"].get("drones_destroyed") == 61


def test_the_other_sides_regional_figure_is_no_part_of_a_total_before_it():
    claims, _ = run("Ukraine's air force said Russia launched 72 drones overnight, 51 of which were shot "
                    "down. Russia's defence ministry said its forces had shot down 14 Ukrainian drones over "
                    "the Bryansk and Kursk regions.")
    russian = [c for c in claims if c["attacker"] == "UA"]
    assert {c["admin1_code"] for c in russian if c["scope"] == "part"} == {"RU-BRY", "RU-KRS"}
    assert only(russian, scope="total")["q"] == {"drones_destroyed": 14}
    assert all(c["q"].get("drones_destroyed") != 14 for c in claims if c["scope"] == "part")


def test_crimea_listed_among_russian_regions_is_still_a_part_of_the_ministrys_total():
    parts = _parts("Air defence destroyed 30 Ukrainian drones overnight, the Russian defence ministry said. "
                   "Of them, 18 were shot down over the Krasnodar region and 12 over Crimea.")
    assert parts == {"RU-KDA": 18, "UA-43": 12}


@pytest.mark.parametrize("text,target", [
    ("Over the past day, Russian troops struck 32 settlements in the Kherson region. Two private houses "
     "were damaged.", "residential"),
    ("Russian troops shelled Ukrainian positions near Kupiansk.", "military"),
], ids=["the troops are the subject", "troops' positions are hit (counter-check)"])
def test_the_side_that_attacks_is_not_what_it_hit(text, target):
    assert _of_attacks(text, "target")[0] == target


@pytest.mark.parametrize("text,region", [
    ("The Russian army shelled Kherson again on Sunday. A man was killed when a shell hit his yard in the "
     "Dniprovskyi district. Later in the day, a drone dropped explosives on a bus stop, wounding five "
     "people.", "UA-65"),
    ("Ukrainian drones attacked Voronezh overnight, the governor said. Later, a drone hit a garage in the "
     "Levoberezhny district, injuring a man.", "RU-VOR"),
    ("Air defence destroyed 12 drones over the Voronezh region, the governor said. Debris damaged a "
     "private house in the Levoberezhny district.", "RU-VOR"),
    # the capital's own district (counter-check)
    ("Russian drones attacked Kyiv overnight. Debris fell in the Dniprovskyi district, injuring two.",
     "UA-30"),
])
def test_a_district_known_only_in_a_capital_is_the_district_of_the_town_the_story_is_about(text, region):
    assert {admin1 for admin1, _ in _resolved(text)} == {region}


@pytest.mark.parametrize("text", [
    "Air defences destroyed 15 drones over Bryansk, 8 over Kaluga, 3 over Tula and 2 over Lipetsk regions, "
    "28 in total.",
    "Air defences destroyed 15 drones over Bryansk, 8 over Kaluga, 3 over Tula and 2 over Lipetsk regions, "
    "a total of 28.",
    "The ministry said drones were downed over the regions of Bryansk (15), Kaluga (8), Tula (3) and "
    "Lipetsk (2), 28 in all.",
])
def test_a_total_told_after_its_regional_parts_closes_them(text):
    assert _totals(text) == [28]
    assert _parts(text) == {"RU-BRY": 15, "RU-KLU": 8, "RU-TUL": 3, "RU-LIP": 2}


@pytest.mark.parametrize("text,region,toll", [
    ("The death toll from last night's attack on Uman has risen to 12, regional officials said.",
     "UA-71", {"killed": 12}),
    ("As a result of the night attack on Poltava, the number of injured rose to 11, the governor said.",
     "UA-53", {"injured": 11}),
])
def test_the_toll_of_a_night_attack_on_a_town_is_a_strike_there_with_no_weapon_named(text, region, toll):
    attack = only(run(text)[0], event_type="attack")
    assert (attack["weapon"], attack["admin1_code"], _toll(attack)) == ("unknown", region, toll)


def test_a_night_attack_on_troops_positions_is_ground_fighting_not_a_strike():
    claims, _ = run("A night attack on Ukrainian positions near Pokrovsk was repelled; 12 soldiers were "
                    "killed.")
    assert not [c for c in claims if c["event_type"] == "attack"]


@pytest.mark.parametrize("text,region", [
    ("A total of 190 Ukrainian drones were shot down over Russian regions in the past week, the ministry "
     "said in its weekly summary. Overnight, 24 were destroyed over the Lipetsk region.", "RU-LIP"),
    ("Russian air defences destroyed 30 drones over the Kursk region on Monday evening. After midnight, "
     "twenty-four more were shot down over the Lipetsk region.", "RU-LIP"),
], ids=["after a week's tally", "after a night's count (counter-check)"])
def test_a_bare_number_shot_down_counts_the_weapons_of_the_sentence_before(text, region):
    claims, _ = run(text)
    assert any(c["event_type"] == "interception" and c["admin1_code"] == region
               and c["q"].get("drones_destroyed") == 24 for c in claims), claims


@pytest.mark.parametrize("text, expected", [
    # "there" points back to the town of the sentence before, which tells no event of its own
    ("Air defence units destroyed four drones over the Kursk region, Governor Alexander Khinshtein said.\n\n"
     "Shops in Klintsy stayed shut on Monday. A drone struck an apartment block there overnight, "
     "injuring two people, the regional governor said.", ("RU-BRY", "Klintsy")),
    # "the city": the town named in a sentence of background
    ("A drone hit a gas pipeline in the Kharkiv region on Sunday, the governor said. Officials in Sumy have "
     "asked for more generators before the winter. Hours later, Russian missiles struck the city, killing "
     "three people.", ("UA-59", "Sumy")),
])
def test_a_sentence_that_points_back_to_a_place_is_where_the_sentence_before_names(text, expected):
    """A sentence with no place of its own that points back to one ("there", "the city") is at the
    place of the sentence right before it, though the relevance filter skipped that sentence."""
    assert _resolved(text)[-1] == expected


def test_a_sentence_that_does_not_point_back_is_not_moved_to_a_skipped_sentences_place():
    # an existential "there" points nowhere: the Air Force's count stays the country's
    text = ("The mayor of Poltava opened a rebuilt bridge on Monday. There were 12 drones shot down "
            "overnight, the air force said.")
    assert [admin1 for admin1, _ in _resolved(text)] == [None]


@pytest.mark.parametrize("text, expected", [
    # no Stepove of the Sumy region in the gazetteer: the village is the Sumy region's, not a namesake's
    ("In the Sumy region, a Russian drone dropped explosives on the village of Stepove, injuring a farmer.",
     ("UA-59", "Sumy Oblast")),
    ("In the Chernihiv region overnight, a guided bomb hit the village of Kamianka, wounding two.",
     ("UA-74", "Chernihiv Oblast")),
    # a namesake in the region itself is that village
    ("In the Odesa region, a Russian drone dropped explosives on the village of Stepove, injuring a farmer.",
     ("UA-51", "Stepove")),
])
def test_a_village_in_a_sentence_set_in_one_region_is_that_regions(text, expected):
    """"In the Sumy region, ... the village of Stepove": the region the sentence opens with holds its
    villages; one the gazetteer lacks there is the region's, not a namesake's in another region."""
    assert _resolved(text) == [expected]


def test_a_big_city_after_another_regions_frame_keeps_its_own_region():
    text = ("In the Kharkiv region, shelling injured a man, and a drone hit a house in Poltava, the police "
            "said.")
    assert ("UA-53", "Poltava") in _resolved(text)


@pytest.mark.parametrize("text, expected", [
    # a city that is a region of its own, named in a list of regions, is the region around it
    ("Air defence units destroyed 19 drones over the regions of Tver (9), Smolensk (6) and Moscow (4), "
     "the ministry said.", ["RU-TVE", "RU-SMO", "RU-MOS"]),
    ("Drones were downed over the oblasts of Chernihiv - 5, Zhytomyr - 3 and Kyiv - 2.",
     ["UA-74", "UA-18", "UA-32"]),
])
def test_a_name_in_a_list_of_regions_is_the_region(text, expected):
    assert [admin1 for admin1, _ in _resolved(text) if admin1][-len(expected):] == expected


def test_a_long_run_of_hyphenated_names_after_regions_of_is_read_one_way():
    """The list reader of "the regions of ..." reads a hyphen only inside a name: a run of
    "A-B-C-..." that no list closes is rejected at once (a pattern that joined names by hyphens too
    could split such a run 2^n ways before failing)."""
    text = "Drones were downed over the regions of " + "Ab-Cd-" * 45 + "x and Kursk (2)."
    assert all(admin1 in (None, "RU-KRS") for admin1, _ in _resolved(text))
