"""Claims from sentences written for these tests (none is taken from a real article)."""

from datetime import date, datetime

import polars as pl
import pytest

from skywatch.extract import extract_batch, mark_relevant

PUBLISHED = datetime(2026, 11, 20, 7, 30)  # a Friday morning, UTC


def run(text: str, published_at: datetime | None = PUBLISHED, article_id: str = "a1"):
    from skywatch.text import split_sentences

    sentences = pl.DataFrame(
        [(article_id, i, s, e, t) for i, (s, e, t) in enumerate(split_sentences(text))],
        schema={"article_id": pl.String, "sentence_index": pl.Int64, "start": pl.Int64,
                "end": pl.Int64, "text": pl.String}, orient="row")
    articles = pl.DataFrame({"article_id": [article_id], "published_at": [published_at],
                             "arrival_date": [date(2026, 11, 20)], "text": [text]})
    result = extract_batch(articles, sentences)
    claims = result.claims.to_dicts()
    quantities = result.quantities.to_dicts()
    for claim in claims:
        claim["q"] = {q["kind"]: q["value"] for q in quantities if q["claim_id"] == claim["claim_id"]}
    return claims, result


def only(claims, **where):
    hits = [c for c in claims if all(c[k] == v for k, v in where.items())]
    assert len(hits) == 1, (where, claims)
    return hits[0]


def test_interception_with_regional_breakdown():
    claims, _ = run("Air defence systems destroyed 47 Ukrainian drones overnight, the Defence "
                    "Ministry said: 19 over the Tula region, 16 over Kaluga and 12 over the Oryol region.")
    total = only(claims, scope="total")
    assert total["event_type"] == "interception" and total["weapon"] == "drone"
    assert total["q"] == {"drones_destroyed": 47}
    parts = sorted((c["admin1_code"], c["q"]["drones_destroyed"]) for c in claims if c["scope"] == "part")
    assert parts == [("RU-KLU", 16), ("RU-ORL", 12), ("RU-TUL", 19)]
    assert all(c["parent_claim_id"] == total["claim_id"] for c in claims if c["scope"] == "part")
    assert total["claimant"] == "Russian Ministry of Defence"


def test_breakdown_in_the_next_sentence_links_to_the_total():
    claims, _ = run("Russian air defences shot down 30 drones overnight, the ministry said. "
                    "Twelve of them were downed over the Lipetsk region and 18 over Voronezh.")
    total = only(claims, scope="total")
    assert total["q"] == {"drones_destroyed": 30}
    parts = {c["admin1_code"]: c["q"]["drones_destroyed"] for c in claims if c["scope"] == "part"}
    assert parts == {"RU-LIP": 12, "RU-VOR": 18}


def test_vague_counts_give_no_number():
    claims, _ = run("The governor wrote on Telegram that air defences destroyed multiple drones "
                    "over the Pskov region late on Thursday.")
    claim = only(claims, event_type="interception")
    assert claim["q"] == {} and claim["admin1_code"] == "RU-PSK"
    assert claim["channel"] == "telegram"


def test_drone_into_apartment_block_is_a_residential_attack():
    claims, _ = run("A drone flew into an apartment building in Podolsk and exploded, "
                    "but nobody was injured, the regional governor said.")
    claim = only(claims, event_type="attack")
    assert claim["weapon"] == "drone" and claim["target"] == "residential"
    assert claim["acled_sub_event_type"] == "Air/drone strike"
    assert "explosion" in claim["effects"]


def test_outage_and_summed_buildings_join_the_attack():
    text = ("A Ukrainian rocket attack hit Kursk overnight, damaging a substation, the governor said. "
            "The strike left about 40,000 residents without electricity. "
            "Windows were blown out in four apartment buildings and two private houses.")
    claims, _ = run(text)
    claim = only(claims, event_type="attack")
    assert claim["weapon"] == "rocket" and claim["target"] == "energy"
    assert claim["q"] == {"people_without_power": 40000, "buildings_damaged": 6}
    assert {"power_outage", "damage"} <= set(claim["effects"])
    assert claim["attacker"] == "UA"


def test_launched_and_destroyed_are_told_apart():
    claims, _ = run("Russia launched 65 drones and three ballistic missiles at Ukraine overnight, and "
                    "air defences shot down 51 of the drones, Ukraine's Air Force said.")
    kinds = {}
    for c in claims:
        kinds.update(c["q"])
    assert kinds.get("drones_launched") == 65 and kinds.get("drones_destroyed") == 51
    assert kinds.get("missiles_launched") == 3


@pytest.mark.parametrize("text", [
    "A fire broke out in a garage in Tver after a faulty heater overheated, emergency services said.",
    "A storm left 20,000 homes in the Smolensk region without power on Tuesday.",
    "Drone footage showed crowds at the harvest festival in Ryazan.",
    "Belarusian troops practised shooting down drones during military exercises near Brest.",
    "Sappers defused an unexploded missile found in a field near Izium.",
    "Talks on a ceasefire in Geneva ended without agreement, diplomats said.",
])
def test_negatives_give_no_attack_or_interception(text):
    claims, _ = run(text)
    assert not [c for c in claims if c["event_type"] in ("attack", "interception")], claims


def test_alert():
    claims, _ = run("A drone danger regime was declared in the Lipetsk region early on Friday, "
                    "Governor Igor Artamonov said.")
    claim = only(claims, event_type="alert")
    assert claim["admin1_code"] == "RU-LIP" and claim["acled_sub_event_type"] is None


def test_unverified_and_denied():
    claims, _ = run("Russian military sources said 33 drones were shot down over Bryansk. "
                    "The figure could not be independently verified.")
    assert only(claims, event_type="interception")["certainty"] == "unverified"
    claims, _ = run("Moscow said its forces downed 12 Ukrainian drones over Crimea; Kyiv denied "
                    "launching any.")
    assert only(claims, event_type="interception")["certainty"] == "denied"


def test_restatements_merge_into_one_claim():
    claims, _ = run("Air defences destroyed 20 drones over the Rostov region, the ministry said. "
                    "\"Duty air defence systems destroyed 20 Ukrainian drones over the Rostov "
                    "region,\" the statement read.")
    assert len([c for c in claims if c["event_type"] == "interception"]) == 1


def test_strikes_on_two_towns_of_one_region_with_the_same_toll_are_two_claims():
    """An official's list of strikes town by town ("In A, ...; a man was injured. In B, ...; a
    woman was injured") restates nothing, though both towns lie in one region and the tolls agree."""
    claims, _ = run("In Valuyki, a drone hit a minibus; the driver was injured. In Alekseyevka, an FPV "
                    "drone hit a garage; a woman was injured, Governor Vyacheslav Gladkov said.")
    attacks = [c for c in claims if c["event_type"] == "attack"]
    assert sorted(c["place_text"] for c in attacks) == ["Alekseyevka", "Valuyki"]
    assert all(c["q"] == {"injured": 1} for c in attacks)


def test_a_strike_told_twice_in_one_town_is_still_one_claim():
    claims, _ = run("A drone hit a minibus in Valuyki, injuring the driver, the governor said. The driver "
                    "of the minibus hit in Valuyki was injured, he added.")
    assert len([c for c in claims if c["event_type"] == "attack"]) == 1


def test_place_the_ner_model_mislabels_is_found():
    claims, _ = run("Shelling damaged a school in Horlivka, local officials said.")
    claim = only(claims, event_type="attack")
    assert claim["place_text"] == "Horlivka" and claim["admin1_code"] == "UA-14"
    assert claim["weapon"] == "artillery"


def test_time_window_from_report():
    claims, _ = run("From 20:00 to 07:00 Moscow time, air defences destroyed 14 drones over "
                    "the Belgorod region, the ministry said.")
    claim = only(claims, event_type="interception")
    assert claim["event_date"] == date(2026, 11, 20) and claim["time_precision"] == 1
    assert claim["window_start"] == datetime(2026, 11, 19, 17, 0)
    assert claim["window_end"] == datetime(2026, 11, 20, 4, 0)


def test_filter_skips_unrelated_sentences():
    frame = pl.DataFrame({"text": ["The football club signed a new coach.",
                                   "Two drones were shot down over Kursk."]})
    assert mark_relevant(frame)["relevant"].to_list() == [False, True]
    _, result = run("The football club signed a new coach. Two drones were shot down over Kursk.")
    assert result.n_relevant == 1 and result.skipped_share == 0.5


def test_mentions_have_exact_offsets():
    text = "Governor Alexander Bogomaz said 9 drones were downed over Bryansk at 23:40."
    _, result = run(text)
    labels = set()
    for m in result.mentions.iter_rows(named=True):
        assert text[m["start"]:m["end"]] == m["text"]
        labels.add(m["label"])
    assert {"place", "person", "weapon", "number"} <= labels


def test_breakdown_without_a_weapon_word_continues_the_total():
    claims, _ = run("Air defences destroyed 40 drones overnight, the ministry said. "
                    "Twenty-five of them were over the Bryansk region. "
                    "A further 9 over the Kursk region and 6 over the Oryol region.")
    parts = {c["admin1_code"]: c["q"].get("drones_destroyed") for c in claims if c["scope"] == "part"}
    assert parts == {"RU-BRY": 25, "RU-KRS": 9, "RU-ORL": 6}


def test_all_but_one_is_not_a_count_of_destroyed():
    claims, _ = run("Ukraine's air force said it downed all but one of the drones Russia launched "
                    "overnight.")
    values = [v for c in claims for v in c["q"].values()]
    assert 1 not in values


def test_near_a_city_region_means_the_surrounding_region():
    claims, _ = run("A drone was shot down near Moscow overnight, Mayor Sergei Sobyanin said.")
    assert only(claims, event_type="interception")["admin1_code"] == "RU-MOS"
    claims, _ = run("A drone was shot down over Moscow overnight, Mayor Sergei Sobyanin said.")
    assert only(claims, event_type="interception")["admin1_code"] == "RU-MOW"


def test_a_place_carried_from_an_earlier_sentence_keeps_its_own_offsets():
    text = ("A drone danger regime was declared in the Tula region overnight. "
            "Later two drones struck a warehouse and started a fire, officials said.")
    claims, _ = run(text)
    attack = only(claims, event_type="attack")
    assert attack["admin1_code"] == "RU-TUL"
    assert text[attack["place_start"]:attack["place_end"]] == attack["place_text"]


def test_a_river_is_no_town():
    claims, _ = run("Border guards shot down a drone near the Dnipro river on Sunday, Belarus said.")
    claim = only(claims, event_type="interception")
    assert claim["admin1_code"] != "UA-12"


def test_an_attack_on_a_list_of_regions_is_one_claim_per_region():
    claims, _ = run("Russian drones struck Sumy, Kharkiv and Odesa overnight, regional officials said.")
    regions = sorted(c["admin1_code"] for c in claims if c["event_type"] == "attack")
    assert regions == ["UA-51", "UA-59", "UA-63"]
    # Numbers the text does not split go to a total of the list, in the country of its places.
    claims, _ = run("Russia launched 300 drones at Ukraine overnight, targeting Sumy, Kharkiv and "
                    "Odesa, the president said.")
    total = only(claims, scope="total")
    assert total["q"] == {"drones_launched": 300} and total["country_code"] == "UA"
    assert sorted(c["admin1_code"] for c in claims if c["scope"] == "part") == ["UA-51", "UA-59", "UA-63"]
    assert all(c["q"] == {} for c in claims if c["scope"] == "part")
    claims, _ = run("A drone hit a house in Petrivka, Odesa region, officials said.")
    assert [c["place_text"] for c in claims] == ["Petrivka"]  # its qualifier is no second place


def test_of_them_counts_the_weapon_of_the_sentence_before_even_without_its_number():
    claims, _ = run("Air defences destroyed 30 drones overnight, the Defence Ministry said. "
                    "The drones were intercepted between 23:00 and 06:00 Moscow time. "
                    "Nineteen of them were downed over the Tver Region and 11 over the Pskov Region. "
                    "Another four were destroyed over the Lipetsk Region, it added.")
    total = only(claims, scope="total")
    assert total["q"] == {"drones_destroyed": 30}
    parts = {c["admin1_code"]: c["q"]["drones_destroyed"] for c in claims if c["scope"] == "part"}
    assert parts == {"RU-TVE": 19, "RU-PSK": 11, "RU-LIP": 4}
    assert all(c["parent_claim_id"] == total["claim_id"] for c in claims if c["scope"] == "part")
    assert len(claims) == 4  # the sentence about the hours adds no claim of its own


def test_a_capital_that_rarely_comments_is_its_government():
    from skywatch.extract import real_places

    places, offices = real_places("Kyiv seldom confirms such operations, and Moscow rarely comments.")
    assert places == [] and [o.text for o in offices] == ["Kyiv", "Moscow"]


def test_a_habit_is_not_an_interception():
    claims, _ = run("Air defences have reported drone interceptions almost every night this month.")
    assert claims == []
    claims, _ = run("Air defences shot down 12 drones over the Kursk region every night this week.")
    assert only(claims, event_type="interception")["q"] == {"drones_destroyed": 12}


def test_a_country_wide_count_does_not_take_the_place_of_a_later_sentence():
    claims, _ = run("Russian air defences shot down 80 drones in the past 24 hours, the Defence "
                    "Ministry said. Other drones were downed during the day over the Tambov region.")
    count = only(claims, q={"drones_destroyed": 80})
    assert count["admin1_code"] is None


def test_both_counts_two_but_not_in_both_and():
    claims, _ = run("Air defences shot down both missiles over the Kharkiv region, the governor said.")
    assert only(claims, event_type="interception")["q"] == {"missiles_destroyed": 2}
    claims, _ = run("The figures include both attack drones and cheaper decoys designed to overwhelm "
                    "air defences, according to Western military experts.")
    assert all("drones_launched" not in c["q"] and "drones_destroyed" not in c["q"] for c in claims)


def test_the_agent_of_a_passive_reporting_verb_is_a_government():
    from skywatch.extract import real_places

    places, offices = real_places("The nightly totals reported by Moscow have grown, and the "
                                  "figures given by Kyiv were lower.")
    assert places == [] and [o.text for o in offices] == ["Moscow", "Kyiv"]


def test_a_deadly_strike_the_text_names_no_weapon_for_is_an_attack():
    claims, _ = run("Two civilians were killed in overnight attacks that struck Kharkiv and Poltava, "
                    "the regional governors said.")
    kharkiv = only(claims, admin1_code="UA-63")
    assert kharkiv["event_type"] == "attack" and kharkiv["weapon"] == "unknown"
    # The text does not split the deaths between the two cities: they are the list's total.
    total = only(claims, scope="total")
    assert total["q"] == {"killed": 2} and total["country_code"] == "UA" and total["admin1_code"] is None
    assert kharkiv["scope"] == "part" and kharkiv["q"] == {} and only(claims, admin1_code="UA-53")["q"] == {}
    assert kharkiv["parent_claim_id"] == total["claim_id"]
    # Without casualties, or as ground fighting, it is no air-war claim.
    assert run("Overnight attacks struck Kharkiv again, officials said.")[0] == []
    assert run("Russian troops attacked positions near Kupiansk, killing two soldiers.")[0] == []


def test_casualties_of_the_other_side_do_not_extend_the_attack_before():
    claims, _ = run("Ukrainian drones struck an oil depot in the Bryansk region on Sunday, the "
                    "governor said. Russian strikes killed two people overnight, Kyiv said.")
    depot = only(claims, admin1_code="RU-BRY")
    assert "killed" not in depot["q"]


def test_counts_that_add_up_to_more_than_the_first_are_no_breakdown_of_it():
    claims, _ = run("The Defence Ministry said the fleet had destroyed four uncrewed boats and that air "
                    "defences had shot down 19 drones over Krasnodar Krai.")
    assert {c["scope"] for c in claims} == {"single"}
    boats = only(claims, q={"drones_destroyed": 4})
    assert boats["weapon"] == "naval_drone" and boats["admin1_code"] is None
    assert only(claims, q={"drones_destroyed": 19})["admin1_code"] == "RU-KDA"


def test_a_breakdown_that_opens_with_shot_down_keeps_its_first_region():
    claims, _ = run("Air defences destroyed 30 Ukrainian drones over southern Russia overnight, the "
                    "ministry said. Fourteen were shot down over the Rostov Region, nine over "
                    "Krasnodar Krai and seven over the Volgograd Region.")
    parts = {c["admin1_code"]: c["q"]["drones_destroyed"] for c in claims if c["scope"] == "part"}
    assert parts == {"RU-ROS": 14, "RU-KDA": 9, "RU-VGG": 7}


def test_a_count_of_another_weapon_is_no_part_of_the_first():
    claims, _ = run("The ministry said its air defences had shot down three HIMARS rockets and a "
                    "Neptune cruise missile over the Kursk region.")
    assert {c["scope"] for c in claims} == {"single"}
    assert only(claims, q={"missiles_destroyed": 1})["admin1_code"] == "RU-KRS"
    claims, _ = run("Air defences destroyed 30 missiles overnight: 12 cruise missiles over the Kyiv "
                    "region and 18 over Odesa.")
    assert only(claims, scope="total")["q"] == {"missiles_destroyed": 30}


def test_saying_that_binds_the_claim_to_its_speaker_not_the_one_before():
    claims, _ = run("Ukraine's General Staff said its forces had struck a radar in the Kursk region. "
                    "The Russian Defence Ministry made no mention of the radar, saying only that its air "
                    "defences had shot down three HIMARS rockets over the Kursk region.")
    rockets = only(claims, event_type="interception")
    assert rockets["claimant"] == "Russian Ministry of Defence"


# --- hostile figures and dates ---------------------------------------------------------------

@pytest.mark.parametrize("figure", ["9223372036854775807", "25000", "123456789012345678901234567890",
                                    "10^30", "-5", "minus 5"])
def test_a_figure_beyond_its_bound_is_not_stored(figure):
    claims, result = run(f"Air defences shot down {figure} drones over the Kursk region overnight, "
                         "the ministry said.")
    claim = only(claims, event_type="interception")
    assert claim["admin1_code"] == "RU-KRS" and claim["q"] == {}
    assert result.quantities.height == 0


def test_a_figure_within_its_bound_is_stored_beside_a_refused_kind():
    claims, _ = run("A Russian missile strike on Kharkiv killed 4 people and left 99999999999 residents "
                    "without electricity, the governor said.")
    claim = only(claims, event_type="attack")
    assert claim["q"] == {"killed": 4}


def test_an_event_date_outside_the_war_is_not_stored():
    claims, _ = run("On 7 June 1941 bombers and drones struck the Kyiv railway station, killing 3 people.")
    claim = only(claims, event_type="attack")
    assert (claim["event_date"], claim["window_start"], claim["time_precision"]) == (None, None, 3)
    assert claim["time_text"] == "On 7 June 1941" and claim["q"] == {"killed": 3}


def test_ordinal_date_in_a_claim():
    claims, _ = run("Late on November 18th, air defences destroyed 12 drones over the Bryansk region.")
    claim = only(claims, event_type="interception")
    assert (claim["event_date"], claim["time_precision"]) == (date(2026, 11, 18), 1)


def test_publication_in_year_9999_gives_claims_without_dates():
    claims, _ = run("Air defences destroyed 12 drones over the Bryansk region overnight.",
                    published_at=datetime(9999, 12, 31, 23, 59))
    claim = only(claims, event_type="interception")
    # the arrival day anchors "overnight" when the publication time cannot
    assert (claim["event_date"], claim["q"]) == (date(2026, 11, 20), {"drones_destroyed": 12})


def test_more_destroyed_than_launched_keeps_the_figure_stated_first():
    # One of the two figures is not about this claim; the first one stated stands, and the
    # claim never reaches the plausibility check with destroyed > launched.
    claims, _ = run("Ukraine launched 30 drones at the Kursk region overnight, and air defences shot "
                    "down 40 of them, the governor said.")
    assert only(claims, event_type="interception")["q"] == {"drones_launched": 30}


@pytest.mark.parametrize("places", ["Sumy, Kharkiv or Odesa", "Sumy and the Kharkiv and Odesa regions",
                                    "Sumy, Kharkiv as well as Odesa"])
def test_one_list_separator_rule_reads_a_list_of_regions_in_any_wording(places):
    """Both list readers (regions an attack names, regions after a count) take one pattern
    (vocab cues.yaml list_separator); "or" and "the ... regions" separate items like "and"."""
    claims, _ = run(f"Russian drones struck {places} overnight, regional officials said.")
    assert sorted(c["admin1_code"] for c in claims if c["event_type"] == "attack") == \
        ["UA-51", "UA-59", "UA-63"]


RULE_EXAMPLES = {  # sentences written for these tests
    "interception.sentence": "Air defence shot down 12 drones over the Belgorod region overnight, "
                             "the ministry said.",
    "interception.breakdown_total": "Air defence destroyed 40 drones: 25 over the Kursk region and 15 over "
                                    "the Bryansk region, the ministry said.",
    "interception.breakdown_part": "Air defence destroyed 40 drones: 25 over the Kursk region and 15 over "
                                   "the Bryansk region, the ministry said.",
    "interception.listed_part": "Air defence destroyed 30 drones over the Odesa, Kherson and Mykolaiv "
                                "regions, the air force said.",
    "attack.sentence": "A drone hit a warehouse in Sumy overnight, the governor said.",
    "attack.listed_place": "Russian drones struck Sumy, Kharkiv and Odesa overnight, officials said.",
    "attack.listed_total": "Russia launched 90 drones at Ukraine overnight, targeting Sumy, Kharkiv and "
                           "Odesa, the president said.",
    "attack.listed_part": "Russia launched 90 drones at Ukraine overnight, targeting Sumy, Kharkiv and "
                          "Odesa, the president said.",
    "alert.sentence": "An air raid alert was declared in the Kyiv region at 2 a.m.",
    "attack.regional_follow_up": "Russia fired 40 missiles at Ukraine's energy grid overnight. In the "
                                 "Volyn region, 90,000 homes lost power.",
    "attack.revised_toll": "Governor Ivan Petrenko said a missile struck Zaporizhzhia, killing 2 people. "
                           "Prosecutors said the death toll had risen to 4.",
    "interception.separate_counts": "Air defence destroyed four uncrewed boats and shot down 19 drones over "
                                    "the Krasnodar region, the ministry said.",
}


@pytest.mark.parametrize("rule", list(RULE_EXAMPLES))
def test_each_claim_says_which_rule_made_it(rule):
    from skywatch.extract import RULES

    claims, _ = run(RULE_EXAMPLES[rule])
    assert rule in {c["rule_id"] for c in claims}, [(c["rule_id"], c["event_type"]) for c in claims]
    assert all(c["rule_id"] in RULES for c in claims)


def test_every_rule_has_an_example_and_the_warehouse_readme_lists_it():
    from skywatch.extract import RULES
    from skywatch.paths import PROJECT_ROOT

    assert set(RULE_EXAMPLES) == set(RULES)
    readme = (PROJECT_ROOT / "warehouse" / "README.md").read_text()
    assert all(f"| `{rule}` | {meaning} |" in readme for rule, meaning in RULES.items())


def test_the_extractor_stamp_covers_every_extraction_module(monkeypatch):
    """Extraction's rules live in the modules of skywatch/extraction: a change to any of them must
    change `EXTRACTOR_VERSION` (issue 13), so the stamp hashes every module found in that folder."""
    from pathlib import Path

    from skywatch import versions
    from skywatch.extraction import version

    folder = Path(version.__file__).parent
    found = {f"skywatch.extraction.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"}
    assert found | {"skywatch.extraction"} == set(version.MODULES)
    real = versions.module_source

    def edited(name: str) -> bytes:
        return real(name) + (b"\n# an edited rule\n" if name == "skywatch.extraction.claims" else b"")

    before = versions.stamp("extract-5", modules=version.MODULES)
    monkeypatch.setattr(versions, "module_source", edited)
    assert versions.stamp("extract-5", modules=version.MODULES) != before


@pytest.mark.parametrize("rows", [1, 2, 5])
def test_sentences_sifted_a_batch_at_a_time_give_the_claims_of_the_whole_frame(rows):
    """The extract stage reads a day's sentences in batches; the cheap filter's marks (relevant
    sentences, first sentences it skipped, "not verified" notes) must not depend on the cut."""
    from polars.testing import assert_frame_equal

    from skywatch.text import split_sentences

    texts = {
        "b1": "Residents of Sumy spent another night in shelters. Five drones struck an industrial "
              "facility, the governor said. The figure could not be independently verified.",
        "b2": "Air defence units shot down 31 drones over the Bryansk region overnight, the ministry "
              "said. Two of them fell on a farm.",
        "b3": "The council met on Tuesday to discuss the new park. Nothing else happened.",
        # a sentence the filter skips, whose town the next one points back to ("there")
        "b4": "Air defence units destroyed four drones over the Kursk region. Shops in Klintsy stayed "
              "shut on Monday. A drone struck an apartment block there overnight, injuring two.",
    }
    sentences = pl.DataFrame(
        [(a, i, s, e, t) for a, text in texts.items() for i, (s, e, t) in enumerate(split_sentences(text))],
        schema={"article_id": pl.String, "sentence_index": pl.Int64, "start": pl.Int64,
                "end": pl.Int64, "text": pl.String}, orient="row")
    articles = pl.DataFrame({"article_id": list(texts), "published_at": [PUBLISHED] * 4,
                             "arrival_date": [date(2026, 11, 20)] * 4, "text": list(texts.values())})
    whole = extract_batch(articles, sentences)
    batched = extract_batch(articles, (sentences.slice(o, rows) for o in range(0, sentences.height, rows)))
    for name in ("claims", "quantities", "mentions", "place_candidates", "failed"):
        assert_frame_equal(getattr(whole, name), getattr(batched, name))
    assert (batched.n_sentences, batched.n_relevant) == (whole.n_sentences, whole.n_relevant)
    assert whole.claims.height >= 2 and batched.n_sentences == sentences.height
    assert "Klintsy" in batched.claims.filter(pl.col("article_id") == "b4")["place_text"].to_list()
    nothing = extract_batch(articles.head(0), iter([]))
    assert nothing.claims.is_empty() and nothing.n_sentences == 0
