"""Numbers and counted phrases, on invented sentences."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skywatch.numbers import Counted, NumberSpan, counted_phrases, find_numbers


def values(text: str) -> list[int]:
    return [n.value for n in find_numbers(text)]


def only(text: str) -> NumberSpan:
    spans = find_numbers(text)
    assert len(spans) == 1, spans
    return spans[0]


def counts(text: str) -> list[tuple[int, str]]:
    return [(c.value, c.category) for c in counted_phrases(text)]


def one_count(text: str) -> Counted:
    found = counted_phrases(text)
    assert len(found) == 1, found
    return found[0]


# --- find_numbers: digits ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Air defences downed 56 drones.", 56),
    ("About 1,200 people left the village.", 1200),
    ("The region has 10 000 residents.", 10000),
    ("The region has 10\u2009000 residents.", 10000),  # thin space
    ("The region has 10\u202f000 residents.", 10000),  # narrow no-break space
    ("Some 1,250,000 people were affected.", 1250000),
    ("1.5 million people lost power.", 1500000),
    ("The plant serves 1.2 mln consumers.", 1200000),
    ("The plant serves 1,5 million consumers.", 1500000),  # decimal comma
    ("Nearly 2 thousand homes went dark.", 2000),
    ("Losses reached 3 bn hryvnias in cash terms and 4 bn in kind.", 4000000000),
])
def test_digit_numbers(text, value):
    assert value in values(text)


def test_offsets_cover_bound_words_and_numeral():
    text = "Officials said at least 8 drones hit the depot."
    span = only(text)
    assert span.text == "at least 8" == text[span.start:span.end]
    assert text[span.number_start:span.number_end] == "8"
    assert (span.value, span.bound) == (8, "at_least")


def test_decimal_without_multiplier_is_no_count():
    assert values("The crater was 3.5 deep and the index rose to 1.25.") == []


# --- find_numbers: words -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Forty-six of the drones were shot down.", 46),
    ("FORTY-SIX DRONES WERE SHOT DOWN.", 46),
    ("Soldiers found one hundred and four fragments.", 104),
    ("Soldiers found one hundred four fragments.", 104),
    ("The unit counted twenty eight launches.", 28),
    ("Twenty-eight launches were counted.", 28),
    ("A dozen drones circled the plant.", 12),
    ("Two dozen missiles were fired.", 24),
    ("Half a dozen cars burned.", 6),
    ("Half a million people fled.", 500000),
    ("A million people fled.", 1000000),
    ("A hundred volunteers came.", 100),
    ("A quarter of a million homes lost heat.", 250000),
    ("One and a half million people lost heat.", 1500000),
    ("One point five million people lost heat.", 1500000),
    ("Five hundred and six thousand tonnes of grain burned.", 506000),
])
def test_word_numbers(text, value):
    assert values(text) == [value]


def test_spelled_flag():
    assert only("Three drones fell.").spelled
    assert not only("3 drones fell.").spelled


@pytest.mark.parametrize("text", [
    "Multiple drones attacked the city.",
    "Several drones attacked the city.",
    "Dozens of drones attacked the city.",
    "Hundreds of drones attacked the city.",
    "Thousands of residents were evacuated.",
    "Tens of thousands of residents were evacuated.",
    "Many drones were downed.",
    "Some drones were downed.",
    "A few drones were downed.",
    "Numerous drones were downed.",
    "Scores of drones were downed.",
    "Several thousand people were evacuated.",
    "A few hundred people were evacuated.",
    "Both drones were downed.",
    "No one was hurt.",
])
def test_vague_words_give_no_number(text):
    assert find_numbers(text) == []


# --- find_numbers: bounds and ranges -----------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "bound"), [
    ("at least 8 drones", 8, "at_least"),
    ("no fewer than 7 drones", 7, "at_least"),
    ("not less than 9 drones", 9, "at_least"),
    ("more than 200 drones", 200, "at_least"),
    ("over 100 drones", 100, "at_least"),
    ("upwards of 300 drones", 300, "at_least"),
    ("in excess of 40 drones", 40, "at_least"),
    ("20+ drones", 20, "at_least"),
    ("100 or more drones", 100, "at_least"),
    ("up to 20 drones", 20, "at_most"),
    ("no more than 5 drones", 5, "at_most"),
    ("fewer than 10 drones", 10, "at_most"),
    ("less than 3 drones", 3, "at_most"),
    ("under 40 drones", 40, "at_most"),
    ("about 500,000 people", 500000, "approximate"),
    ("around 50 drones", 50, "approximate"),
    ("approximately 60 drones", 60, "approximate"),
    ("roughly 70 drones", 70, "approximate"),
    ("nearly 80 drones", 80, "approximate"),
    ("almost 90 drones", 90, "approximate"),
    ("some 400 residents", 400, "approximate"),
    ("an estimated 1,000 people", 1000, "approximate"),
    ("~30 drones", 30, "approximate"),
    ("20-odd drones", 20, "approximate"),
    ("at least four people", 4, "at_least"),
    ("about a dozen drones", 12, "approximate"),
    ("1.5 million people", 1500000, "exact"),
])
def test_bounds(text, value, bound):
    span = only(text)
    assert (span.value, span.bound) == (value, bound)
    assert span.start == 0  # the bound words are inside the span


def test_over_only_directly_before_a_number():
    spans = find_numbers("11 drones were shot down over Belgorod.")
    assert [(s.value, s.bound) for s in spans] == [(11, "exact")]


@pytest.mark.parametrize(("text", "low", "high"), [
    ("10-15 drones", 10, 15),
    ("10 to 15 drones", 10, 15),
    ("between 10 and 15 drones", 10, 15),
    ("two or three drones", 2, 3),
    ("ten to fifteen drones", 10, 15),
])
def test_ranges(text, low, high):
    span = only(text)
    assert (span.value, span.high, span.bound) == (low, high, "at_least")


def test_up_to_a_range_caps_its_high_end():
    span = only("up to 10-12 drones")
    assert (span.value, span.high, span.bound) == (12, 12, "at_most")


def test_a_change_is_not_a_range():
    assert [(s.value, s.high) for s in find_numbers("The toll rose from 3 to 5.")] == [(3, None), (5, None)]


# --- find_numbers: not counts ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The attack took place in 2022.",
    "2024 was a hard year.",
    "In 2000 drones were not yet used.",
    "On 13 October 2022 the sirens sounded.",
    "On October 13 the sirens sounded.",
    "On Sept. 5 the sirens sounded.",
    "On the night of March 9-10 the sirens sounded.",
    "On 13 and 14 October the sirens sounded.",
    "Between 9 and 10 March the sirens sounded.",
    "The order is dated 05/05/2022.",
    "The order is dated 05.05.2022.",
    "The order is dated 2024-03-10.",
    "Sirens sounded at 14:30 and again at 20:00.",
    "Sirens sounded at 1:42 a.m.",
    "Sirens sounded at 11 p.m.",
    "Sirens sounded at eleven p.m.",
    "Sirens sounded at 0600 hours.",
    "The first, 2nd and third waves came later.",
    "Shahed-136 drones attacked.",
    "Shahed-136/131 drones attacked.",
    "A Kh-59 and an S-400 were seen, with Tu-95 and BM-27 too.",
    "A Su-34 and a MiG-29 flew past F-16s.",
    "The Iskander-M and the Pantsir-S1 were shown.",
    "Turnout fell by 40% and then 40 percent.",
    "The damage is put at $5 million.",
    "The damage is put at five million dollars.",
    "Call 112 if you see debris.",
    "He fought in World War II and his father in World War 2.",
    "Veterans of World War Two attended.",
    "A 45-year-old man and a 9-storey building.",
    "A man aged 63 was found.",
    "The victims were aged 5, 7 and 12.",
    "Reactor No. 5 and Unit 4 are safe.",
    "Call +380 44 123 45 67 for help.",
    "The hotline is 0 800 500 335.",
])
def test_not_counts(text):
    assert find_numbers(text) == [], find_numbers(text)


def test_a_bound_or_a_noun_makes_a_year_shaped_number_a_count():
    assert [(s.value, s.bound) for s in find_numbers("about 2000 people")] == [(2000, "approximate")]
    assert values("Russia launched 2000 drones in a month.") == [2000]


def test_units_are_numbers_unless_excluded():
    text = "Debris fell 30 km away and fires burned for 3 days."
    assert values(text) == [30, 3]
    assert find_numbers(text, exclude_units=True) == []
    assert [s.value for s in find_numbers("100 square meters burned", exclude_units=True)] == [100]


@pytest.mark.parametrize(("text", "pronoun_like"), [
    ("One of the drones fell.", True),
    ("It was the first one.", True),
    ("One landed in a field.", True),
    ("One drone was destroyed.", False),
    ("One private house burned.", False),
])
def test_pronoun_like_one(text, pronoun_like):
    span = only(text)
    assert span.value == 1
    assert span.pronoun_like is pronoun_like


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-:/abc~+ one two\n")), max_size=60))
def test_spans_point_into_the_text(text):
    for span in find_numbers(text):
        assert text[span.start:span.end] == span.text
        assert span.start <= span.number_start < span.number_end <= span.end


# --- counted_phrases: heads --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "category", "noun"), [
    ("They destroyed 104 Ukrainian unmanned aerial vehicles.", 104, "drone",
     "Ukrainian unmanned aerial vehicles"),
    ("They destroyed 11 Russian Shahed drones.", 11, "drone", "Russian Shahed drones"),
    ("They destroyed 28 Shahed attack drones.", 28, "drone", "Shahed attack drones"),
    ("They destroyed 7 Gerans.", 7, "drone", "Gerans"),
    ("They destroyed 9 loitering munitions.", 9, "drone", "loitering munitions"),
    ("They destroyed 5 aircraft-type UAVs.", 5, "drone", "aircraft-type UAVs"),
    ("They destroyed 3 kamikaze drones.", 3, "drone", "kamikaze drones"),
    ("They destroyed 6 sea drones.", 6, "naval_drone", "sea drones"),
    ("They destroyed 3 unmanned boats.", 3, "naval_drone", "unmanned boats"),
    ("They destroyed 2 uncrewed surface vessels.", 2, "naval_drone", "uncrewed surface vessels"),
    ("They fired 2 cruise missiles.", 2, "missile", "cruise missiles"),
    ("They fired three Kh-59 guided missiles.", 3, "missile", "Kh-59 guided missiles"),
    ("They fired 4 Kh-101s.", 4, "missile", "Kh-101s"),
    ("They fired 6 Kalibrs.", 6, "cruise_missile", "Kalibrs"),
    ("They fired 2 Iskanders.", 2, "ballistic_missile", "Iskanders"),
    ("They fired 12 rockets.", 12, "missile", "rockets"),  # a bare "rockets" counts as missiles
    ("They fired 12 Grad rockets.", 12, "rocket", "Grad rockets"),  # a launcher system's rockets
    ("They dropped 8 glide bombs.", 8, "glide_bomb", "glide bombs"),
    ("The blast left 40,000 residents in shelters.", 40000, "resident", "residents"),
    ("The blast hit 12,000 households.", 12000, "household", "households"),
    ("The blast hit six apartment buildings.", 6, "building", "apartment buildings"),
    ("Fire covered 100 square meters.", 100, "area_m2", "square meters"),
    ("Fire covered 250 sq. m of roof.", 250, "area_m2", "sq. m"),
    ("Debris hit 3 cars.", 3, "vehicle", "cars"),
    ("The attack hit 4 trucks.", 4, "vehicle", "trucks"),
    ("Drones damaged 12 homes.", 12, "building", "homes"),
    ("There were 5 drone attacks.", 5, "other", "drone attacks"),
    ("They struck 3 rocket launchers.", 3, "other", "rocket launchers"),
    ("Alerts sounded in 3 regions.", 3, "other", "regions"),
    ("At least four people were evacuated.", 4, "person", "people"),
    ("Later 5 more drones were seen.", 5, "drone", "more drones"),
    ("Crews found 3 other houses burning.", 3, "building", "other houses"),
])
def test_counted_heads(text, value, category, noun):
    c = one_count(text)
    assert (c.value, c.category, c.noun_text) == (value, category, noun)
    assert not c.elliptic


def test_phrase_span_covers_bound_number_and_noun():
    text = "Officials said more than 200 missiles were fired."
    c = one_count(text)
    assert text[c.start:c.end] == "more than 200 missiles"
    assert (c.value, c.bound) == (200, "at_least")


def test_partitive_of_the():
    assert counts("Forty-six of the drones were shot down.") == [(46, "drone")]


def test_out_of_counts_the_same_noun_twice():
    found = counted_phrases("Air defences destroyed 58 out of 59 drones.")
    assert [(c.value, c.category, c.elliptic) for c in found] == [(58, "drone", True), (59, "drone", False)]


@pytest.mark.parametrize("text", [
    "Multiple drones attacked the city.",
    "Dozens of drones attacked the city.",
    "Shahed-136 drones attacked the city.",
    "The attack began at 1:42 a.m.",
    "On 13 October 2022 the city was attacked.",
    "Debris fell 30 km away.",
    "The count rose to 50.",
])
def test_no_counted_phrase(text):
    assert counted_phrases(text) == []


# --- counted_phrases: elliptic counts ----------------------------------------------------------

def test_elliptic_counts_borrow_the_noun():
    found = counted_phrases("11 drones were shot down over Belgorod, 28 over Voronezh and 17 over Rostov.")
    assert [(c.value, c.category, c.elliptic) for c in found] == [
        (11, "drone", False), (28, "drone", True), (17, "drone", True)]
    assert found[1].noun_text == "drones"


def test_elliptic_of_which():
    assert counts("Russia launched 50 drones, of which 45 were shot down.") == [(50, "drone"), (45, "drone")]


def test_elliptic_does_not_cross_sentences():
    assert counts("11 drones were shot down. Later 28 were reported.") == [(11, "drone")]


def test_of_them_reaches_back_one_sentence():
    found = counted_phrases("Air defences shot down 30 drones. "
                            "Twelve of them fell over Lipetsk and 18 over Tula.")
    assert [(c.value, c.category, c.elliptic) for c in found] == [
        (30, "drone", False), (12, "drone", True), (18, "drone", True)]


def test_pronoun_one_borrows_the_noun():
    found = counted_phrases("Two drones were downed, and one hit a barn.")
    assert [(c.value, c.category, c.elliptic) for c in found] == [(2, "drone", False), (1, "drone", True)]
    assert found[1].number.pronoun_like


def test_forward_borrowing_over_modifiers():
    found = counted_phrases("They downed 5 Russian and 3 Belarusian drones.")
    assert [(c.value, c.category, c.elliptic) for c in found] == [(5, "drone", True), (3, "drone", False)]


# --- counted_phrases: casualties and power -----------------------------------------------------

@pytest.mark.parametrize(("text", "value", "role"), [
    ("The strike killed three people.", 3, "killed"),
    ("Three people were killed in the strike.", 3, "killed"),
    ("Three were killed in the strike.", 3, "killed"),
    ("The strike injured 12.", 12, "injured"),
    ("A missile hit the market, injuring 12.", 12, "injured"),
    ("Officials said 12 wounded were taken away.", 12, "injured"),
    ("22 injured were treated on site.", 22, "injured"),
    ("The death toll rose to 5.", 5, "killed"),
    ("Two civilians lost their lives.", 2, "killed"),
    ("Four residents were hospitalised.", 4, "injured"),
    ("Officials said 12 wounded civilians were taken away.", 12, "injured"),
    ("Two residents were killed.", 2, "killed"),
    ("The strike claimed 3 lives.", 3, "killed"),
    ("The strike claimed the lives of 3 people.", 3, "killed"),
])
def test_casualties(text, value, role):
    c = one_count(text)
    assert (c.value, c.category, c.role) == (value, "person", role)


def test_a_single_person_without_numeral():
    found = counted_phrases("A woman was killed and two men were wounded when a drone hit a car.")
    assert [(c.value, c.category, c.role) for c in found] == [
        (1, "person", "killed"), (2, "person", "injured")]
    found = counted_phrases("The drone hit a car, injuring a 63-year-old woman.")
    assert [(c.noun_text, c.role) for c in found] == [("63-year-old woman", "injured")]
    assert counted_phrases("A resident said the sirens were loud.") == []


def test_killed_and_injured_in_one_sentence():
    found = counted_phrases("The strike killed three people and injured 12 others.")
    assert [(c.value, c.role) for c in found] == [(3, "killed"), (12, "injured")]
    found = counted_phrases("Three people were killed and 12 injured.")
    assert [(c.value, c.role) for c in found] == [(3, "killed"), (12, "injured")]


def test_elliptic_casualties_keep_the_role():
    found = counted_phrases("Three people were killed in Kharkiv and 2 in Kyiv.")
    assert [(c.value, c.category, c.role, c.elliptic) for c in found] == [
        (3, "person", "killed", False), (2, "person", "killed", True)]


@pytest.mark.parametrize(("text", "value", "category"), [
    ("1.5 million people were left without power.", 1500000, "resident"),
    ("40,000 residents were left without electricity.", 40000, "resident"),
    ("12,000 households lost power.", 12000, "household"),
    ("300 homes were without heating.", 300, "household"),
    ("Some 9,000 subscribers were disconnected.", 9000, "household"),
])
def test_without_power(text, value, category):
    c = one_count(text)
    assert (c.value, c.category, c.role) == (value, category, "without_power")


def test_without_power_bound_comes_from_the_words():
    assert one_count("1.5 million people were left without power.").bound == "exact"
    assert one_count("About 1.5 million people were left without power.").bound == "approximate"


def test_roles_only_for_people():
    c = one_count("The blast that killed them damaged 3 houses.")
    assert (c.category, c.role) == ("building", None)


@pytest.mark.parametrize(("text", "roles"), [
    ("No one was injured.", ["injured"]),
    ("Nobody was hurt in the attack.", ["injured"]),
    ("No one was killed.", ["killed"]),
    ("No one was killed or injured.", ["killed", "injured"]),
    ("There were no casualties.", ["killed", "injured"]),
    ("There were no injuries.", ["injured"]),
    ("There were no deaths.", ["killed"]),
    ("The strike caused zero casualties.", ["killed", "injured"]),
])
def test_zero_casualties(text, roles):
    found = counted_phrases(text)
    assert sorted(c.role for c in found) == sorted(roles)
    assert all(c.value == 0 and c.category == "person" and c.number.value == 0 for c in found)
    assert all(text[c.number.start:c.number.end].lower().startswith(("no", "zero")) for c in found)


# --- counted_phrases: sums ---------------------------------------------------------------------

def test_sum_of_coordinated_buildings():
    text = "Six apartment buildings and one private residence were damaged."
    c = one_count(text)
    assert (c.value, c.category) == (7, "building")
    assert [(p.value, p.noun_text) for p in c.parts] == [(6, "apartment buildings"), (1, "private residence")]
    assert text[c.start:c.end] == "Six apartment buildings and one private residence"


def test_sum_counts_a_single_article_item():
    c = one_count("Five houses, two schools and a shop were damaged.")
    assert (c.value, c.category) == (8, "building")
    assert [p.value for p in c.parts] == [5, 2, 1]


def test_sum_needs_one_category_and_adjacency():
    assert counts("They fired 12 Grad rockets and 8 glide bombs.") == [(12, "rocket"), (8, "glide_bomb")]
    assert counts("3 houses burned in Sumy and 2 houses in Kursk.") == [(3, "building"), (2, "building")]


def test_sum_with_a_single_person():
    c = one_count("Two men and a woman were injured.")
    assert (c.value, c.category, c.role) == (3, "person", "injured")


def test_sum_bound_and_role():
    c = one_count("At least two children and three women were injured.")
    assert (c.value, c.bound, c.category, c.role) == (5, "at_least", "person", "injured")


# --- speed -------------------------------------------------------------------------------------

def test_long_text_is_linear():
    day = ("Russia attacked with 145 Shahed drones and 3 Kh-101 cruise missiles on October 13-14. "
           "At least four people were killed and 12 injured, and six apartment buildings and one "
           "private house were damaged. 11 drones were shot down over Belgorod, 28 over Voronezh. ")
    started = time.perf_counter()
    found = counted_phrases(day * 400)  # ~100,000 characters
    assert len(found) == 7 * 400
    assert time.perf_counter() - started < 5


# --- hostile numerals ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Russia launched 9223372036854775808 drones overnight.",  # 2**63: does not fit a 64-bit column
    "Russia launched 123456789012345678901234567890 drones overnight.",
    "Russia launched " + "9" * 309 + " drones overnight.",  # a float of it would be infinite
    "Russia launched " + "7" * 5000 + " drones overnight.",  # past int()'s digit limit
    "Russia launched " + "1," * 2000 + "000 drones overnight.",
    "Russia launched " + "9" * 400 + ".5 million drones overnight.",
])
def test_numerals_beyond_64_bits_are_no_count(text):
    assert find_numbers(text) == [] and counted_phrases(text) == []


def test_the_largest_64_bit_numeral_is_read_exactly():
    # A float would make it ...808, one past what the column holds.
    assert values("Russia launched 9223372036854775807 drones.") == [2**63 - 1]
    assert values("Some 9,000,000,000,000,000 drones were reported.") == [9 * 10**15]


@pytest.mark.parametrize("text", [
    "Russia launched 10^30 drones.", "Russia launched 10**30 drones.", "Russia launched 10 ^ 30 drones.",
    "Russia launched 1e30 drones.", "Russia launched 1.5e3 drones.", "Russia launched 3 x 10^5 drones.",
    "Russia launched 10 to the power of 30 drones.", "Russia launched ten to the power of thirty drones.",
    "Russia launched 10\u00b3\u2070 drones.", "Russia launched 2\u00b2 drones.",
])
def test_exponent_notation_is_no_count(text):
    assert counted_phrases(text) == []


@pytest.mark.parametrize("text", [
    "Officials reported -5 drones over the region.", "Officials reported \u22125 drones over the region.",
    "Officials reported minus 5 drones.", "Officials reported minus five drones.",
    "The tally (-3) drones was corrected.",
])
def test_negative_numbers_are_no_count(text):
    assert counted_phrases(text) == []


def test_hyphens_that_are_no_minus_sign_still_count():
    assert counts("Between 10-15 drones were downed.") == [(10, "drone")]
    assert counts("Air defences downed 7 drones - 5 over Kursk.") == [(7, "drone"), (5, "drone")]
    assert values("They fired Kh-59 missiles and 4 drones.") == [4]


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials reported \uff11\uff12 drones over the city.", [(12, "drone")]),  # fullwidth
    ("Officials reported \u0663 drones over the city.", [(3, "drone")]),  # Arabic-Indic three
    ("Officials reported \u0967\u0968 drones over the city.", [(12, "drone")]),  # Devanagari
    ("Officials reported 1\u0663 drones over the city.", []),  # two scripts in one numeral
    ("Officials reported \u0661\u066b\u0665 million people without power.", []),  # Arabic decimal sign
    ("Officials reported 5\u00b2 drones over the city.", []),  # a superscript is no digit
])
def test_digits_of_other_scripts_are_read_or_ignored(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text", ["Russia launched nine quintillion drones.",
                                  "Russia launched 5 zillion drones.",
                                  "Russia launched five trillion drones."])
def test_a_scale_word_no_reader_folds_leaves_no_count(text):
    assert counted_phrases(text) == []


def test_trillion_is_folded_so_that_the_bound_can_refuse_it():
    assert values("Russia launched 5 trillion drones.") == [5 * 10**12]
