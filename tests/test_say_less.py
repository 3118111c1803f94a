"""Say less when unsure (issue 14): a stated non-war cause, an exercise, a denied report or a
summary of the war gives no claim. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from tests.test_extract import only, run


def _events(text: str) -> list[tuple[str, str | None]]:
    claims, _ = run(text)
    return [(c["event_type"], c["admin1_code"]) for c in claims if c["event_type"] != "alert"]


@pytest.mark.parametrize("text", [
    # a fire whose cause is stated, and not war
    "A fire broke out at the refinery in Kstovo on Sunday. The regional emergencies ministry said the fire "
    "was caused by a technical fault during repairs and was not connected with drone attacks.",
    "Flames engulfed a fuel tank at the Syzran plant. The company said the blaze started after a breach of "
    "fire safety rules by a contractor, and no traces of drones were found.",
    # an exercise: the lead says so, the interception sentence does not
    "The Northern Fleet held an exercise to repel an air attack on a naval base. According to the scenario, "
    "a drone approached the base. The drone was destroyed by a Pantsir system.",
    # a report that there was no attack
    "There were no overnight reports of a drone attack on the region, the governor's office said.",
    # a summary of the war, whose "both" counts the sides, not drones
    "Russia and Ukraine have both used drones to strike energy facilities far from the front.",
    # a cause ruled out, or said not to be one
    "A boiler exploded in a basement in Kherson, injuring four; investigators ruled out a drone strike.",
    "The fire at the Novokuibyshevsk plant was not caused by a drone, the regional governor said.",
    # causes named in other words: wear, a defect, overheating; and "there was no drone attack"
    "A blast at a gas pipeline near Kursk was caused by wear of the equipment, officials said; there was no "
    "drone attack.",
    "An explosion at a chemical plant in the Tula region was caused by overheating of a reactor, the plant "
    "said.",
    "There was no missile strike on the city overnight, the mayor said after the loud bang.",
    # a trial worded without "test flight"
    "A drone fell on a field near Glukhovo in the Kursk region during a test of a new navigation system, "
    "the governor said.",
    # a side's own drone that came down by itself
    "An army surveillance drone lost its signal and crashed into a barn near Okhtyrka in the Sumy region, "
    "the regional administration said. Nobody was hurt.",
])
def test_no_claim_where_the_text_says_it_was_no_attack(text):
    assert _events(text) == []


def test_a_drone_that_lost_its_signal_to_jamming_is_still_an_attack():
    # the other side's drone brought down by electronic warfare is no accident
    events = _events("A Russian drone lost its signal to electronic warfare and crashed into a garage in the "
                     "Sumy region, injuring a man, the regional administration said.")
    assert ("attack", "UA-59") in events or ("interception", "UA-59") in events


def test_a_real_strike_beside_a_non_war_fire_stands():
    text = ("A fire at a warehouse in Tver was caused by a short circuit, officials said. Separately, "
            "a drone struck an oil depot in the Bryansk region overnight, injuring two workers.")
    claims, _ = run(text)
    attack = [c for c in claims if c["event_type"] == "attack"]
    assert [(c["admin1_code"], c["q"]) for c in attack] == [("RU-BRY", {"injured": 2})]


@pytest.mark.parametrize("text", [
    # a summary of the war
    "A drone hit a fuel depot in the port of Tuapse overnight, the governor said. Both armies have "
    "used drones to strike ports in recent months.",
    # a tally over many days
    "Drones attacked the port of Izmail overnight, the regional governor said. The army had sent "
    "more than 700 drones and 40 missiles at the south in the first weeks of the autumn.",
])
def test_a_summary_or_a_tally_adds_nothing_to_the_attack_before_it(text):
    claims, _ = run(text)
    assert [(c["event_type"], c["q"]) for c in claims] == [("attack", {})]


def test_exercising_caution_is_no_exercise():
    text = "Officials urged residents to exercise caution after a drone hit a house in Kursk."
    assert _events(text) == [("attack", "RU-KRS")]


def test_mountains_are_no_town():
    text = "A drone struck a fuel depot in Bashkortostan, east of the Ural mountains, the governor said."
    claims, _ = run(text)
    assert [c["admin1_code"] for c in claims] == ["RU-BA"]


@pytest.mark.parametrize("text", [
    "Crews fired at target drones at a training range in the Astrakhan region.",
    "The Bryansk region has been targeted by Ukrainian drones almost daily this autumn.",
])
def test_drills_and_habits_are_no_attack(text):
    assert _events(text) == []


def test_a_claimant_named_right_after_the_claim_is_its_claimant():
    claims, _ = run("Air defence systems destroyed nine drones over the Kaluga region overnight. This was "
                    "reported by the Russian Defence Ministry.")
    assert [c["claimant"] for c in claims] == ["Russian Ministry of Defence"]


def test_a_speaker_quoted_far_from_the_claim_is_not_its_claimant():
    text = ("President Ivan Petrenko said on Monday that talks would go on. " + "The talks have stalled. " * 8
            + "Air defence destroyed 14 drones over the Bryansk region overnight.")
    claims, _ = run(text)
    assert [(c["admin1_code"], c["claimant"]) for c in claims] == [("RU-BRY", None)]


@pytest.mark.parametrize("text", ["The governor said two drones were shot down over the Kursk region.",
                                  "Two drones were shot down over the Kursk region, said the governor."])
def test_an_office_named_without_a_name_is_the_local_official(text):
    from skywatch.claimants import organisation_mentions

    assert [s.name for s in organisation_mentions(text)] == ["local official"]
    assert organisation_mentions("The governor Ivan Petrenko said two drones were shot down.") == []


@pytest.mark.parametrize("text", [
    "Air defence systems have shot down 1,441 drones over the past week, the ministry said.",
    "Since the start of the year, more than 300 missiles have been fired at the city, the mayor said.",
    "Since the beginning of its invasion, the army has fired some 9,000 missiles at the country.",
    "The enemy sent about 500 drones and 60 missiles at the south in the last days of August.",
])
def test_a_tally_over_many_days_is_no_event(text):
    assert _events(text) == []


def test_a_related_link_glued_into_a_sentence_is_not_read():
    text = ("A missile hit a warehouse in Zaporizhzhia, injuring four people, the governor wrote.See also: "
            "Air defence downs 30 of 45 missiles over the west since spring")
    claims, _ = run(text)
    assert [(c["event_type"], c["q"]) for c in claims] == [("attack", {"injured": 4})]


def test_a_strike_for_the_third_time_this_month_is_an_event():
    text = "Drones struck the refinery in Tuapse for the third time this month."
    assert _events(text) == [("attack", "RU-KDA")]


_INSET = ("Air defence forces shot down 14 drones over the Poltava region overnight, the regional "
          "governor said on Telegram.\n\n"
          "Debris of one drone fell on a farm near Lubny, and a barn caught fire, he added.\n\n"
          "Air Force: defenders down 25 of 40 missiles aimed at western regions\n\n"
          "Firefighters put out the blaze within an hour.")


def test_a_headline_of_another_story_set_between_paragraphs_gives_no_figures():
    claims, _ = run(_INSET)
    figures = sorted({v for c in claims for v in c["q"].values()})
    assert 14 in figures and 25 not in figures and 40 not in figures


# --- an attack tried, intended, alleged, doubted or dismissed (cues.yaml, unreal_attack) --------

@pytest.mark.parametrize("text", [
    "Officials in Minsk said Ukraine had attempted to strike a power station in the Gomel region "
    "with drones.",
    "The ministry accused Kyiv of an attempted drone strike on a dam in the Belgorod region.",
    "The alleged drone attack on the governor's house in the Kursk region was dismissed as a hoax by Kyiv.",
    '"To strike the plant in the Tula region, such drones would have to fly 800 km," an analyst said.',
    "Several experts doubt that any drone strike on the base in the Orenburg region took place.",
    "Drones of that type would have had to fly for nine hours to reach the Perm region.",
])
def test_an_attack_that_the_sentence_does_not_report_as_happened_is_no_attack(text):
    assert _events(text) == []


@pytest.mark.parametrize("text, expected", [
    # harm is reported: it happened, whatever was intended
    ("Drones attempted to strike the oil depot in the Oryol region; debris started a fire at a warehouse.",
     [("attack", "RU-ORL")]),
    # the attempt was stopped: an interception, not an attack
    ("Drones attempted to attack the airfield in the Lipetsk region, and air defence shot down all six.",
     [("interception", "RU-LIP")]),
    # weapons are counted: their numbers are kept
    ("Ukraine tried to hit the port in the Krasnodar region with 12 naval drones overnight.",
     [("attack", "RU-KDA")]),
])
def test_an_attempt_with_harm_interceptions_or_counted_weapons_keeps_what_happened(text, expected):
    assert _events(text) == expected


@pytest.mark.parametrize("text", [
    "The new missile is impossible to intercept, the general told state television.",
    "Air defence in the Sumy region was unable to shoot down the glide bombs.",
])
def test_a_weapon_hard_to_intercept_is_no_interception(text):
    assert [e for e, _ in _events(text) if e == "interception"] == []


def test_a_toll_after_an_interception_without_an_attack_belongs_to_the_interception():
    text = ("Air defence destroyed seven drones over the Tambov region overnight, the governor said. "
            "Nobody was injured.")
    claims, _ = run(text)
    assert [(c["event_type"], c["admin1_code"], c["q"]) for c in claims] == [
        ("interception", "RU-TAM", {"drones_destroyed": 7, "injured": 0})]


def test_a_toll_in_another_region_is_not_the_interceptions():
    text = ("Air defence destroyed seven drones over the Tambov region overnight. "
            "In the Penza region, two people were injured.")
    claims, _ = run(text)
    assert [c["q"] for c in claims if c["event_type"] == "interception"] == [{"drones_destroyed": 7}]


def test_a_placed_toll_does_not_take_over_an_unplaced_total():
    """A later claim in one region with only a toll is no restatement of a total without a place."""
    text = ("Air defence destroyed nine drones over three regions overnight, the ministry said. "
            "The governor of the Lipetsk region said drones were shot down over the region "
            "and nobody was hurt.")
    claims, _ = run(text)
    first = claims[0]
    assert first["q"] == {"drones_destroyed": 9} and first["admin1_code"] is None


@pytest.mark.parametrize("text, country", [
    # the side held to account is the attacker, not the place
    ("The envoy condemned Russia for its drone strikes on Ukraine's power plants.", "UA"),
    ("Moscow accused Ukraine of drone attacks on Russia's Belgorod region.", "RU"),
    # a headline's present tense: the country that acts
    ("Russia fires 40 missiles at Ukraine, hitting power plants", "UA"),
])
def test_the_side_that_acts_or_is_blamed_is_not_the_place(text, country):
    claims, _ = run(text)
    assert claims and {c["country_code"] for c in claims if c["event_type"] == "attack"} == {country}


@pytest.mark.parametrize(("text", "claimant"), [
    ("Three people were injured in a drone strike on Sumy, Ukrainian officials said.", "Ukrainian officials"),
    ("Three people were injured in a drone strike on Sumy, according to local authorities.",
     "local administration"),
    ("Regional officials said three people were injured in a drone strike on Sumy.", "local administration"),
    ("Three people were injured in a drone strike on Sumy, according to the Ukrainian military.",
     "Ukrainian military"),
    ("The Russian military said it shot down 20 drones over the Bryansk region.", "Russian military"),
])
def test_a_sides_officials_or_its_military_named_by_attribution_are_the_claimant(text, claimant):
    claims, _ = run(text)
    assert [c["claimant"] for c in claims] == [claimant]
    assert [c["certainty"] for c in claims] == ["claimed"]


@pytest.mark.parametrize("text", [
    "A drone hit a military airfield near Kursk, officials said.",
    "Drones hit government-controlled areas near Kharkiv, the report said.",
])
def test_officials_of_no_side_and_military_as_an_adjective_name_no_claimant(text):
    claims, _ = run(text)
    assert claims and [c["claimant"] for c in claims] == [None] * len(claims)


@pytest.mark.parametrize("text", [
    "Russia struck Kherson overnight, killing two people, the regional governor said.",
    "Russia hit Kharkiv's power grid overnight, leaving 200,000 homes without electricity.",
])
def test_a_side_that_strikes_a_town_with_deaths_or_an_outage_is_an_air_strike(text):
    claims, _ = run(text)
    assert [(c["event_type"], c["attacker"], c["country_code"]) for c in claims] == [("attack", "RU", "UA")]


def test_a_sides_assault_on_troops_is_no_air_strike():
    claims, _ = run("Russia attacked Ukrainian positions near Pokrovsk, killing two soldiers.")
    assert claims == []


@pytest.mark.parametrize(("text", "claimant", "attacker"), [
    ("Ukraine said it hit an oil refinery in the Saratov region with drones overnight.",
     "Ukrainian government", "UA"),
    ("Kyiv says its drones struck a fuel depot near Bryansk.", "Ukrainian government", "UA"),
    ("A drone hit a substation in the Kursk region, according to Moscow.", "Russian government", None),
    ("The Ukrainian General Staff said on Friday that its drones struck a refinery in the Rostov region.",
     "Ukrainian General Staff", "UA"),
])
def test_a_state_that_speaks_is_its_government_and_attacks_when_it_tells_of_its_own_strike(
        text, claimant, attacker):
    claims, _ = run(text)
    assert [(c["claimant"], c["attacker"]) for c in claims] == [(claimant, attacker)]


def test_a_speaker_who_calls_it_an_attack_is_not_the_attacker():
    claims, _ = run("The Ukrainian Air Force said it was a drone attack on the port of Odesa.")
    assert [(c["claimant"], c["attacker"]) for c in claims] == [("Ukrainian Air Force", None)]


def test_a_capital_after_a_preposition_is_where_the_speaker_is_not_the_speaker():
    claims, _ = run("Air defence shot down a drone over the Gomel region, military sources in Minsk said.")
    assert "Belarusian government" not in {c["claimant"] for c in claims}


def test_the_ministry_is_the_ministry_the_article_named_before():
    """Not the governor quoted in between, whose statement the claim would otherwise inherit."""
    claims, _ = run("The Russian Defence Ministry said air defences destroyed 40 drones overnight. In the "
                    "Belgorod region, a drone hit a car, injuring two people, Governor Ivan Petrenko said. "
                    "The ministry said 12 of the drones were shot down over the Belgorod region.")
    assert [(c["event_type"], c["claimant"]) for c in claims] == [
        ("interception", "Russian Ministry of Defence"), ("attack", "Ivan Petrenko"),
        ("interception", "Russian Ministry of Defence")]


def test_the_ministry_with_none_named_before_is_no_claimant():
    claims, _ = run("The ministry said 25 drones were shot down over the Bryansk region.")
    assert [c["claimant"] for c in claims] == [None]


def test_the_ministry_twice_is_still_the_ministry_named_before():
    claims, _ = run("The Belarusian Defence Ministry said a drone was shot down over the Gomel region. "
                    "The ministry said it was destroyed over a forest. The ministry said the drone had hit a "
                    "barn near Mozyr.")
    assert {c["claimant"] for c in claims} == {"Belarusian Ministry of Defence"}


@pytest.mark.parametrize("text", [
    "Spectators must move to shelters if an air-raid alert is declared during a match.",
    "In the event of an air raid alert, metro trains stop at the nearest station in Kyiv.",
])
def test_an_alert_as_a_condition_is_no_alert(text):
    claims, _ = run(text)
    assert claims == []


@pytest.mark.parametrize("tally", [
    "Russia fired more than 900 drones at Ukraine last week, the president said.",
    "Some 3,500 drones were launched at the country in October.",
    "Ukraine now launches about 400 drones a week against Russian regions.",
])
def test_a_launch_told_for_a_week_or_a_month_is_no_count_of_the_night_after_it(tally):
    claims, _ = run(tally + " Overnight, air defence units shot down 24 drones over the Kursk region.")
    interception = next(c for c in claims if c["event_type"] == "interception")
    assert interception["q"] == {"drones_destroyed": 24}


def test_a_launch_told_for_the_night_is_still_its_count():
    claims, _ = run("The enemy sent 75 drones against the south on Tuesday night. Air defence units "
                    "shot down 61 of them over the Odesa region.")
    interception = next(c for c in claims if c["event_type"] == "interception")
    assert interception["q"] == {"drones_destroyed": 61, "drones_launched": 75}


@pytest.mark.parametrize("text", [
    "Russia launched more than 900 drones at Ukraine last week, the president said.",
    "Moscow has sent 2,300 drones against Ukrainian cities so far this month.",
    "In September Ukraine launched some 1,100 drones at Russian regions.",
])
def test_a_launch_counted_over_a_week_or_a_month_is_a_tally_not_an_attack(text):
    assert "attack" not in {event for event, _ in _events(text)}


@pytest.mark.parametrize("text, weapon_count", [
    ("A drone hit the oil depot in Bryansk last week, the governor said.", {}),
    ("Russia launched 45 drones at Odesa last week, damaging a port warehouse.", {"drones_launched": 45}),
])
def test_an_attack_last_week_that_hit_something_is_still_an_attack(text, weapon_count):
    claims, _ = run(text)
    attack = next(c for c in claims if c["event_type"] == "attack")
    assert attack["q"] == weapon_count and attack["admin1_code"] is not None


def test_a_sides_military_intelligence_is_the_claimant_of_what_it_says():
    claims, _ = run("Ukraine's military intelligence said its drones hit an airfield in the Voronezh region.")
    assert [(c["claimant"], c["attacker"]) for c in claims] == [("Ukrainian military intelligence", "UA")]


def test_another_sources_statement_of_the_same_event_keeps_its_own_figures():
    """A figure stays with the source that gave it: the ministry's 14 are not folded into the
    governor's earlier statement of the same night (resolve merges the two into one event)."""
    claims, _ = run("The governor said air defences repelled a drone attack on the Kursk region. The Russian "
                    "Defence Ministry said 14 drones were destroyed over the Kursk region.")
    assert [(c["claimant"], c["q"]) for c in claims] == \
        [("local official", {}), ("Russian Ministry of Defence", {"drones_destroyed": 14})]


@pytest.mark.parametrize("text", [
    "The Sumy region has declared air raid alerts more than a dozen times this week.",
    "Belgorod has been shelled by Ukrainian forces since 2023, the governor said.",
])
def test_a_count_of_many_occasions_or_years_of_attacks_is_no_event(text):
    claims, _ = run(text)
    assert claims == []


def test_a_few_alerts_in_one_night_are_an_alert():
    claims, _ = run("Air raid alerts sounded three times overnight in Kyiv.")
    assert [(c["event_type"], c["admin1_code"]) for c in claims] == [("alert", "UA-30")]


@pytest.mark.parametrize("text, admin1", [
    ("Russia launched a massive combined attack on Ukraine's energy infrastructure overnight.", None),
    ("The overnight attack on a gas production facility in the Poltava region caused a fire, the "
     "company said.", "UA-53"),
])
def test_an_air_strike_told_with_what_it_harmed_is_an_attack_without_a_weapon_named(text, admin1):
    """A strike of one side or of a night ("massive combined attack", "the overnight attack")
    that names a civilian target or its harm is an attack of unknown weapon."""
    claims, _ = run(text)
    assert [(c["event_type"], c["weapon"], c["country_code"], c["admin1_code"]) for c in claims] == \
        [("attack", "unknown", "UA", admin1)]


@pytest.mark.parametrize("text", [
    "Ukrainian troops repelled 30 Russian attacks near Pokrovsk, the General Staff said.",
    "Russian attacks on the front line intensified this week.",
])
def test_attacks_in_ground_combat_are_no_air_strike(text):
    claims, _ = run(text)
    assert claims == []


@pytest.mark.parametrize("text", [
    "A drone crashed into a warehouse roof in Kaluga during a test flight, its maker said.",
    "Sirens wailed over Chernihiv at midday during a routine check of the warning system.",
    "An air raid alert sounded in Kharkiv at 11:00 as part of a planned siren test.",
])
def test_a_trial_of_a_drone_or_of_the_sirens_is_no_event(text):
    """A test flight that ends in a crash is no attack, and sirens of a test are no alert (cue
    `non_war_story`); both had been read as events."""
    claims, _ = run(text)
    assert claims == []


def test_a_real_alert_with_no_test_named_still_stands():
    claims, _ = run("An air raid alert was declared in Poltava at 02:10 as Russian drones approached.")
    assert [c["event_type"] for c in claims] == ["alert"]


@pytest.mark.parametrize("text", [
    "Israel's air defences intercepted 14 rockets launched from southern Lebanon overnight.",
    "Houthi forces fired three drones at a cargo ship off Yemen; two were shot down by a US destroyer.",
    "Sudanese paramilitaries struck El Fasher with drones, killing nine, local activists said.",
    # an article about another war: its later sentence names no place of its own
    "The Israeli military said Hezbollah launched 30 drones at the north. Most were shot down, it said.",
])
def test_another_war_gives_no_claim(text):
    """Skywatch reports the air war over Russia, Ukraine and Belarus: a sentence that names another
    war's sides or places and nothing of this one (cue `other_theatre`) gives no claim, nor does an
    article that never names this war (all had been claims of no country)."""
    claims, _ = run(text)
    assert claims == []


@pytest.mark.parametrize("text, admin1", [
    ("Russia launched Iranian-made Shahed drones at Odesa overnight; 12 were shot down.", "UA-51"),
    ("As the world watched Gaza, Russian drones struck a substation in the Sumy region.", "UA-59"),
])
def test_this_war_told_beside_another_stays(text, admin1):
    claims, _ = run(text)
    assert claims and all(c["admin1_code"] == admin1 for c in claims)


@pytest.mark.parametrize("text", [
    "Air defences repelled a drone attack on the Kursk region overnight; there was no damage.",
    "Air defence destroyed 4 drones over the Tula region; no power outages were reported.",
    "Two drones were shot down over the Oryol region, with no casualties or damage, the governor said.",
])
def test_a_denied_effect_makes_no_attack_of_an_interception(text):
    """"There was no damage", "no power outages": an effect the sentence denies is none (word list
    `negation.before_effect`), so the interception stays one and gains no attack beside it (it had
    become an attack, or had an attack of no figures added)."""
    claims, _ = run(text)
    assert [c["event_type"] for c in claims] == ["interception"]


@pytest.mark.parametrize("text, effect", [
    ("A Russian drone hit a substation in Sumy; 2,000 homes have no power.", "power_outage"),
    ("No one was hurt, but a drone damaged the roof of a school in Kharkiv.", "damage"),
])
def test_an_effect_beside_a_denial_of_something_else_stands(text, effect):
    claims, _ = run(text)
    assert any(effect in c["effects"] for c in claims)


@pytest.mark.parametrize("text", [
    "Residents of Uman marked the anniversary of the missile strike on the city that killed 23 people.",
    "A court in Kursk jailed a man for 12 years for guiding a drone attack on a power plant.",
    "A new documentary follows the 2022 missile attack on the Kremenchuk shopping centre.",
    "Russia is preparing to launch a massive drone attack on Kyiv in the coming days, the intelligence "
    "agency warned.",
])
def test_an_attack_remembered_tried_in_court_or_foreseen_is_no_event(text):
    """An anniversary, a documentary, a trial (cue `negative_context`) or a forecast (cue
    `unreal_attack`) tells of no attack that night; all had been claims, and "the 2022 missile
    attack" had counted 2,022 missiles."""
    claims, _ = run(text)
    assert claims == []


@pytest.mark.parametrize("text", [
    "On the anniversary of the invasion, Russian drones struck Kharkiv, killing two people.",
    "Russia used 35 drones and 4 missiles in the overnight attack, the Air Force said.",
])
def test_an_attack_on_an_anniversary_or_told_with_used_stands(text):
    claims, _ = run(text)
    assert [c["event_type"] for c in claims] == ["attack"] and claims[0]["country_code"] == "UA"


def test_a_number_before_a_singular_weapon_noun_is_no_count():
    from skywatch.extraction.counting import counted_in_context

    counted = counted_in_context("The 2023 drone attack on the bridge was the first of its kind.", None)
    assert [c.value for c in counted] == []


@pytest.mark.parametrize("text", [
    "S-300 crews in the Pskov region practised repelling a massed missile attack on Tuesday.",
    "Tor crews destroyed 12 simulated targets at a range near Astrakhan.",
    "An interceptor drone shot down a Shahed-type target in trials near Zhytomyr, its maker said.",
])
def test_practice_is_no_interception(text):
    """Practice, mock targets and trials are no war (cue `non_war_story`); each had been an
    interception."""
    claims, _ = run(text)
    assert claims == []


@pytest.mark.parametrize("text", [
    "In the course of joint manoeuvres, anti-aircraft crews destroyed more than 20 air targets imitating "
    "Kalibr missiles over the Orenburg region.",
    "Air defence gunners of the Southern Military District downed eight Geran drone replicas over the "
    "Ashuluk range.",
    "Crews of S-400 systems repelled a massive raid by the notional enemy's drones near Pskov, the district "
    "press service said.",
    "A snap combat readiness check began in Belarus; air defence units intercepted 15 drones over the Gomel "
    "region.",
    "Mobile fire groups shot down 25 drones near Rivne in a night rehearsal of the city's defence.",
    "In a tactical episode, Tor crews destroyed enemy cruise missiles approaching Sevastopol.",
])
def test_practice_told_in_armies_own_words_is_no_event(text):
    assert _events(text) == []


def test_imitator_drones_of_a_real_attack_are_no_practice():
    text = ("Russia launched 90 Shahed attack drones and imitator drones of various types at the Kharkiv "
            "region overnight. Air defence shot down 61 of them.")
    assert ("interception", "UA-63") in _events(text)


@pytest.mark.parametrize("text", [
    "Kyiv declared an air raid alert over the threat of ballistic missile strikes from Bryansk.",
    "Officials warned of the risk of a massive drone attack on the energy grid this weekend.",
])
def test_an_attack_feared_is_no_attack(text):
    assert _events(text) == []


@pytest.mark.parametrize("text", [
    "A drone hit a house in Kupiansk, injuring a man, the governor said. The two sides exchanged the "
    "bodies of 412 fallen soldiers last week, officials said.",
    "A missile struck a warehouse in Odesa, injuring two. Separately, Russia and Ukraine carried out a "
    "prisoner exchange in which 95 captives were handed over by each side.",
])
def test_an_exchange_of_prisoners_or_of_the_dead_is_no_toll_of_the_strike(text):
    claims, _ = run(text)
    assert [c["q"].get("killed") for c in claims if c["event_type"] == "attack"] == [None]


def test_a_toll_told_before_its_attack_in_the_same_place_is_that_attacks():
    claims, _ = run("Three people were injured in Mykolaiv Oblast, the regional governor said. Russian "
                    "forces targeted the port and residential buildings.")
    attack = only(claims, event_type="attack")
    assert (attack["admin1_code"], attack["q"]) == ("UA-48", {"injured": 3})


def test_a_toll_with_no_place_is_not_given_to_the_next_towns_attack():
    claims, _ = run("A grain terminal in Izmail was hit, the governor said. Two people were killed. In "
                    "Odesa, missiles hit a school, killing five people.")
    assert [c["q"].get("killed") for c in claims if c["event_type"] == "attack"] == [5]


@pytest.mark.parametrize("text, attack", [
    ("Four people were injured in attacks on the Nikopol and Marhanets communities, the regional "
     "administration said.", True),
    ("Russian forces targeted the railway station in Kherson, injuring two workers.", True),
    # no toll: a side's aim, not an event
    ("Kyiv said its strikes on refineries were a response to attacks on the Ukrainian power grid.", False),
])
def test_attacks_on_communities_that_harmed_people_or_a_sides_forces_that_targeted_a_place(text, attack):
    claims, _ = run(text)
    assert any(c["event_type"] == "attack" for c in claims) is attack
