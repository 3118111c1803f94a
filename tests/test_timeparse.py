"""Time phrases and their resolution. Every sentence here is invented; times are naive UTC.

Moscow is UTC+3 all year; Kyiv is UTC+2 in winter and UTC+3 in summer.
2024-02-08 is a Thursday.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skywatch.timeparse import TimeResolution, find_time_phrases, resolve_time

HALF_HOUR = timedelta(minutes=30)


def dt(*parts: int) -> datetime:
    return datetime(*parts)


def window(r: TimeResolution) -> tuple[datetime | None, datetime | None]:
    return r.window_start, r.window_end


# --- find_time_phrases ------------------------------------------------------------------------

def test_phrases_are_exact_spans_with_kinds():
    text = ("Late on Thursday the ministry said that from 20:00 to 07:00 Moscow time "
            "air defences destroyed 56 drones, more than in the past 24 hours.")
    phrases = find_time_phrases(text)
    assert [(p.text, p.kind) for p in phrases] == [
        ("Late on Thursday", "weekday"),
        ("from 20:00 to 07:00 Moscow time", "clock_window"),
        ("in the past 24 hours", "past_hours"),
    ]
    for p in phrases:
        assert text[p.start:p.end] == p.text


def test_longest_phrase_wins_over_its_parts():
    kinds = {p.text: p.kind for p in find_time_phrases(
        "Sirens sounded from 11 p.m. on Sept. 4 to 10 a.m. on Sept. 5 and overnight into February 8, 2024.")}
    assert kinds == {"from 11 p.m. on Sept. 4 to 10 a.m. on Sept. 5": "clock_window",
                     "overnight into February 8, 2024": "date"}


def test_sentence_without_time_has_no_phrases():
    text = "The S-300 and 2 Su-34s flew 3 sorties over Bryansk; 1.5 million lost power."
    assert find_time_phrases(text) == []


def test_verbs_scores_and_outlet_names_are_not_times():
    text = ("Russia Today said drones may march on; the score was 2:1 and prices rose "
            "from 12.50 to 13.20 per cent.")
    assert find_time_phrases(text) == []


def test_full_stop_after_a_month_name_is_not_part_of_the_phrase():
    assert [p.text for p in find_time_phrases("A depot burned on 30 December.")] == ["on 30 December"]
    assert [p.text for p in find_time_phrases("It fell on Sept. 5 near Sumy.")] == ["on Sept. 5"]


_WORDS = st.sampled_from([
    "on", "Thursday", "13", "October", "2022", "at", "3", "a.m.", "from", "20:00", "to", "07:00", "Moscow",
    "time", "overnight", "night", "of", "March", "9-10", "the", "past", "24", "hours", "yesterday", "drones",
    ",", ".", "last", "week", "since", "05/05/2022"])


@given(st.lists(_WORDS, max_size=25))
def test_phrases_are_ordered_disjoint_exact_spans(words):
    text = " ".join(words)
    phrases = find_time_phrases(text)
    for p in phrases:
        assert text[p.start:p.end] == p.text and p.text == p.text.strip()
    for a, b in zip(phrases, phrases[1:], strict=False):
        assert a.end <= b.start


@given(st.lists(_WORDS, max_size=25), st.datetimes(min_value=dt(2015, 1, 1), max_value=dt(2030, 1, 1)))
def test_resolution_is_always_well_formed(words, published):
    r = resolve_time(" ".join(words), published)
    assert r.time_precision in (1, 2, 3)
    assert (r.window_start is None) == (r.window_end is None)
    if r.window_start is not None:
        assert r.window_start <= r.window_end
    if r.phrase is not None:
        assert " ".join(words)[r.start:r.end] == r.phrase


# --- explicit dates ---------------------------------------------------------------------------

def test_day_month_year_at_start_of_sentence():
    r = resolve_time("On 13 October 2022, air defences destroyed 56 drones.", dt(2022, 10, 14, 6))
    assert r == TimeResolution(date(2022, 10, 13), dt(2022, 10, 12, 21), dt(2022, 10, 13, 21), 1,
                               "On 13 October 2022", 0, 18)


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("October 13, 2022 brought the largest raid so far.", dt(2022, 10, 20, 9), date(2022, 10, 13)),
    ("Drones hit an oil depot on 13 Oct, the governor said.", dt(2023, 10, 20, 9), date(2023, 10, 13)),
    ("The attack on Sept. 5 damaged a bridge.", dt(2023, 9, 7, 9), date(2023, 9, 5)),
    ("Russia said it shot down 12 drones on February 8.", dt(2024, 2, 9, 9), date(2024, 2, 8)),
    ("By February 8, 2024, the count had doubled.", dt(2024, 3, 1, 9), date(2024, 2, 8)),
    ("Data as of 2024-03-10 show 40 interceptions.", dt(2024, 3, 11, 9), date(2024, 3, 10)),
    ("On Thursday, February 8, Kharkiv was attacked.", dt(2024, 2, 9, 9), date(2024, 2, 8)),
])
def test_written_dates(text, published, expected):
    r = resolve_time(text, published)
    assert (r.event_date, r.time_precision) == (expected, 1)


@pytest.mark.parametrize(("written", "expected"), [
    ("05/05/2022", date(2022, 5, 5)),
    ("03/04/2022", date(2022, 4, 3)),  # ambiguous: day/month/year, as European sources write it
    ("12/25/2022", date(2022, 12, 25)),  # 25 cannot be a month, so this one is month/day
    ("31.12.22", date(2022, 12, 31)),
])
def test_numeric_dates_are_day_month_year(written, expected):
    assert resolve_time(f"Strikes on {written} hit the depot.", dt(2023, 1, 20, 9)).event_date == expected


def test_written_date_needs_no_anchor_when_it_has_a_year():
    r = resolve_time("On 13 October 2022 drones hit Kyiv.", None)
    assert (r.event_date, r.time_precision) == (date(2022, 10, 13), 1)


def test_missing_year_crosses_new_year():
    r = resolve_time("A drone hit a substation on 30 December.", dt(2024, 1, 2, 9))
    assert r.event_date == date(2023, 12, 30)


def test_missing_year_tolerates_one_day_ahead_only():
    published = dt(2024, 2, 7, 10)
    assert resolve_time("Drones were downed on February 8.", published).event_date == date(2024, 2, 8)
    assert resolve_time("Drones were downed on February 10.", published).event_date == date(2023, 2, 10)


def test_29_february_without_year_is_the_latest_leap_day():
    assert resolve_time("On February 29 a drone fell.", dt(2025, 3, 1, 9)).event_date == date(2024, 2, 29)


def test_night_of_two_days_is_dated_by_the_morning():
    r = resolve_time("During the night of March 9-10, 30 drones were shot down.", dt(2024, 3, 10, 6))
    assert r.event_date == date(2024, 3, 10)
    assert window(r) == (dt(2024, 3, 9, 18), dt(2024, 3, 10, 4))  # 21:00-07:00 Moscow
    assert (r.phrase, r.time_precision) == ("During the night of March 9-10", 1)


def test_night_across_new_year_and_night_across_dst_change():
    r = resolve_time("On the night of 31 December to 1 January, drones attacked.", dt(2024, 1, 1, 9))
    assert (r.event_date, r.window_start) == (date(2024, 1, 1), dt(2023, 12, 31, 18))
    # Kyiv moves from UTC+2 to UTC+3 at 03:00 on 31 March 2024.
    r = resolve_time("On the night of March 30-31, drones attacked.", dt(2024, 3, 31, 8),
                     local_tz="Europe/Kyiv")
    assert window(r) == (dt(2024, 3, 30, 19), dt(2024, 3, 31, 4))


def test_overnight_into_a_date():
    r = resolve_time("Overnight into February 8, 2024, Russia launched 40 drones.", dt(2024, 2, 8, 12))
    assert (r.event_date, window(r)) == (date(2024, 2, 8), (dt(2024, 2, 7, 18), dt(2024, 2, 8, 4)))


def test_day_range_without_night_is_a_few_days():
    r = resolve_time("The attacks of 9-11 March were the largest.", dt(2024, 3, 12, 9))
    assert (r.event_date, r.time_precision) == (date(2024, 3, 10), 2)
    assert window(r) == (dt(2024, 3, 8, 21), dt(2024, 3, 11, 21))


# --- weekdays ---------------------------------------------------------------------------------

def test_thursday_report_about_late_on_thursday():
    r = resolve_time("Explosions were heard in Belgorod late on Thursday.", dt(2024, 2, 8, 19, 30))
    assert r.event_date == date(2024, 2, 8)
    assert window(r) == (dt(2024, 2, 8, 15), dt(2024, 2, 8, 21))  # 18:00-24:00 Moscow
    assert (r.phrase, r.time_precision) == ("late on Thursday", 1)


def test_monday_report_about_sunday():
    r = resolve_time("Drones were downed over Kursk on Sunday.", dt(2024, 2, 12, 7))
    assert (r.event_date, window(r)) == (date(2024, 2, 11), (dt(2024, 2, 10, 21), dt(2024, 2, 11, 21)))


def test_early_on_monday_is_a_morning_window():
    r = resolve_time("Air defences were active early on Monday.", dt(2024, 2, 12, 8))
    assert (r.event_date, window(r)) == (date(2024, 2, 12), (dt(2024, 2, 11, 21), dt(2024, 2, 12, 6)))


def test_sunday_night_is_sunday_evening_into_monday_morning():
    r = resolve_time("Drones attacked Bryansk on Sunday night.", dt(2024, 2, 12, 8))
    assert (r.event_date, window(r)) == (date(2024, 2, 11), (dt(2024, 2, 11, 15), dt(2024, 2, 12, 4)))


def test_sunday_evening_and_last_weekday():
    r = resolve_time("Drones struck on Sunday evening.", dt(2024, 2, 8, 9))
    assert (r.event_date, window(r)) == (date(2024, 2, 4), (dt(2024, 2, 4, 15), dt(2024, 2, 4, 21)))
    assert resolve_time("Last Thursday a drone fell.", dt(2024, 2, 8, 9)).event_date == date(2024, 2, 1)


def test_overnight_from_one_weekday_into_the_next():
    r = resolve_time("Overnight Sunday into Monday, drones attacked Kyiv.", dt(2024, 2, 12, 9))
    assert (r.event_date, r.time_precision) == (date(2024, 2, 12), 1)
    assert window(r) == (dt(2024, 2, 11, 15), dt(2024, 2, 12, 6))


# --- relative phrases -------------------------------------------------------------------------

def test_overnight_in_a_morning_report():
    r = resolve_time("Air defences destroyed 56 drones overnight.", dt(2024, 2, 8, 6))
    assert r == TimeResolution(date(2024, 2, 8), dt(2024, 2, 7, 18), dt(2024, 2, 8, 4), 1,
                               "overnight", 33, 42)


def test_overnight_in_an_afternoon_report_is_less_certain():
    r = resolve_time("Air defences destroyed 56 drones overnight.", dt(2024, 2, 8, 14))  # 17:00 Moscow
    assert (r.event_date, r.time_precision) == (date(2024, 2, 8), 2)
    assert window(r) == (dt(2024, 2, 7, 18), dt(2024, 2, 8, 4))


def test_overnight_published_after_local_midnight_is_the_night_under_way():
    r = resolve_time("Drones are attacking overnight.", dt(2024, 2, 7, 23, 30))  # 02:30 Moscow on the 8th
    assert r.event_date == date(2024, 2, 8)


@pytest.mark.parametrize("phrase", ["last night", "during the night", "the previous night",
                                    "on the night of"])
def test_night_phrases_in_a_morning_report(phrase):
    r = resolve_time(f"Explosions were heard {phrase} in Kursk.", dt(2024, 2, 8, 6))
    assert (r.event_date, r.time_precision, r.phrase) == (date(2024, 2, 8), 1, phrase)
    assert window(r) == (dt(2024, 2, 7, 18), dt(2024, 2, 8, 4))


def test_last_night_stays_certain_in_an_evening_report():
    assert resolve_time("Explosions were heard last night.", dt(2024, 2, 8, 18)).time_precision == 1


def test_tonight_is_the_past_night_in_the_morning_and_the_coming_one_in_the_evening():
    morning = resolve_time("Kyiv is under attack tonight.", dt(2024, 2, 8, 5))
    evening = resolve_time("Kyiv is under attack tonight.", dt(2024, 2, 8, 18))
    assert morning.event_date == date(2024, 2, 8)
    assert evening.event_date == date(2024, 2, 9)
    assert window(evening) == (dt(2024, 2, 8, 18), dt(2024, 2, 9, 4))


@pytest.mark.parametrize("phrase", ["In the past 24 hours", "Over the past day", "In the last 24 hours"])
def test_past_24_hours_ends_at_publication(phrase):
    r = resolve_time(f"{phrase}, 20 drones were shot down.", dt(2024, 2, 8, 9, 30))
    assert (r.event_date, r.time_precision, r.phrase) == (date(2024, 2, 8), 1, phrase)
    assert window(r) == (dt(2024, 2, 7, 9, 30), dt(2024, 2, 8, 9, 30))


@pytest.mark.parametrize(("phrase", "expected", "expected_window"), [
    ("yesterday", date(2024, 2, 7), (dt(2024, 2, 6, 21), dt(2024, 2, 7, 21))),
    ("today", date(2024, 2, 8), (dt(2024, 2, 7, 21), dt(2024, 2, 8, 21))),
    ("this morning", date(2024, 2, 8), (dt(2024, 2, 7, 21), dt(2024, 2, 8, 9))),
    ("earlier today", date(2024, 2, 8), (dt(2024, 2, 7, 21), dt(2024, 2, 8, 9, 30))),
    ("the day before", date(2024, 2, 7), (dt(2024, 2, 6, 21), dt(2024, 2, 7, 21))),
    ("two days ago", date(2024, 2, 6), (dt(2024, 2, 5, 21), dt(2024, 2, 6, 21))),
])
def test_relative_days(phrase, expected, expected_window):
    r = resolve_time(f"A drone hit a school {phrase}, officials said.", dt(2024, 2, 8, 9, 30))
    assert (r.event_date, window(r), r.time_precision, r.phrase) == (expected, expected_window, 1, phrase)


def test_weeks_are_known_within_a_few_days():
    this_week = resolve_time("Drones struck the refinery earlier this week.", dt(2024, 2, 8, 9, 30))
    assert (this_week.event_date, this_week.time_precision) == (date(2024, 2, 6), 2)  # middle of Mon-Thu
    assert window(this_week) == (dt(2024, 2, 4, 21), dt(2024, 2, 8, 9, 30))
    last_week = resolve_time("Drones struck the refinery last week.", dt(2024, 2, 8, 9, 30))
    assert (last_week.event_date, last_week.time_precision) == (date(2024, 2, 1), 2)
    assert window(last_week) == (dt(2024, 1, 28, 21), dt(2024, 2, 4, 21))


@pytest.mark.parametrize(("phrase", "expected_window"), [
    ("earlier this year", (dt(2023, 12, 31, 21), dt(2024, 2, 8, 9, 30))),
    ("last month", (dt(2023, 12, 31, 21), dt(2024, 1, 31, 21))),
    ("in recent weeks", (None, None)),
    ("in March 2023", (dt(2023, 2, 28, 21), dt(2023, 3, 31, 21))),
])
def test_long_periods_have_no_event_date(phrase, expected_window):
    r = resolve_time(f"Drones struck the refinery {phrase}.", dt(2024, 2, 8, 9, 30))
    assert (r.event_date, r.time_precision, r.phrase, window(r)) == (None, 3, phrase, expected_window)


def test_running_totals_since_a_start():
    r = resolve_time("Since the start of the full-scale invasion, 5,000 drones were downed.",
                     dt(2024, 2, 8, 9))
    assert (r.event_date, r.time_precision) == (None, 3)
    assert window(r) == (dt(2022, 2, 23, 21), dt(2024, 2, 8, 9))
    since = resolve_time("Since 13 October, 300 drones were downed.", dt(2024, 2, 8, 9))
    assert (since.event_date, since.window_start) == (None, dt(2023, 10, 12, 21))


# --- clock windows and times ------------------------------------------------------------------

def test_moscow_overnight_window_ends_on_the_report_morning():
    r = resolve_time("From 20:00 to 07:00 Moscow time, 30 drones were destroyed.", dt(2024, 2, 8, 5))
    assert r == TimeResolution(date(2024, 2, 8), dt(2024, 2, 7, 17), dt(2024, 2, 8, 4), 1,
                               "From 20:00 to 07:00 Moscow time", 0, 31)


def test_window_in_an_evening_report_is_still_the_last_one_that_ended():
    r = resolve_time("From 20:00 to 07:00 MSK, 30 drones were destroyed.", dt(2024, 2, 8, 17, 30))
    assert window(r) == (dt(2024, 2, 7, 17), dt(2024, 2, 8, 4))


def test_same_day_window():
    r = resolve_time("Between 14:30 and 18:15 Moscow time, 7 drones were destroyed.", dt(2024, 2, 8, 16))
    assert (r.event_date, window(r)) == (date(2024, 2, 8), (dt(2024, 2, 8, 11, 30), dt(2024, 2, 8, 15, 15)))


def test_window_with_dates_and_am_pm():
    r = resolve_time("Sirens sounded from 11 p.m. on Sept. 4 to 10 a.m. on Sept. 5.", dt(2023, 9, 5, 12))
    assert (r.event_date, window(r)) == (date(2023, 9, 5), (dt(2023, 9, 4, 20), dt(2023, 9, 5, 7)))


@pytest.mark.parametrize(("published", "expected_window"), [
    (dt(2023, 7, 5, 9), (dt(2023, 7, 4, 17), dt(2023, 7, 5, 4))),  # Kyiv summer time, UTC+3
    (dt(2024, 1, 10, 9), (dt(2024, 1, 9, 18), dt(2024, 1, 10, 5))),  # Kyiv winter time, UTC+2
])
def test_kyiv_time_follows_daylight_saving(published, expected_window):
    r = resolve_time("Air defences were active from 20:00 to 07:00 Kyiv time.", published)
    assert (r.event_date, window(r)) == (published.date(), expected_window)


def test_local_time_is_the_callers_zone():
    text = "Air defences were active from 20:00 to 07:00 local time."
    assert resolve_time(text, dt(2024, 1, 10, 9)).window_start == dt(2024, 1, 9, 17)  # Moscow
    assert resolve_time(text, dt(2024, 1, 10, 9), local_tz="Europe/Kyiv").window_start == dt(2024, 1, 9, 18)


def test_clock_time_is_a_point_on_the_latest_such_time():
    r = resolve_time("The first blast came at 1:42 a.m., residents said.", dt(2024, 2, 8, 9))
    assert (r.event_date, window(r), r.phrase) == (date(2024, 2, 8), (dt(2024, 2, 7, 22, 42),) * 2,
                                                   "at 1:42 a.m.")


@pytest.mark.parametrize(("published", "point"), [
    (dt(2023, 7, 5, 9), dt(2023, 7, 5, 0)),  # 03:00 Kyiv in July is 00:00 UTC
    (dt(2024, 1, 10, 9), dt(2024, 1, 10, 1)),  # and in January 01:00 UTC
])
def test_around_3_am_local_time_in_kyiv(published, point):
    r = resolve_time("The drone hit at around 3 am local time.", published, local_tz="Europe/Kyiv")
    assert r.event_date == published.date()
    assert window(r) == (point - HALF_HOUR, point + HALF_HOUR)  # "around" widens the point


def test_gmt_conversion_in_brackets_wins():
    r = resolve_time("Blasts shook the city at 8 a.m. (0500 GMT).", dt(2024, 2, 10, 9))
    assert window(r) == (dt(2024, 2, 10, 5), dt(2024, 2, 10, 5))


def test_window_ending_at_midnight_belongs_to_its_evening():
    r = resolve_time("Drones attacked from 10 p.m. to midnight.", dt(2024, 2, 8, 20))
    assert (r.event_date, window(r)) == (date(2024, 2, 8), (dt(2024, 2, 8, 19), dt(2024, 2, 8, 21)))


# --- combinations -----------------------------------------------------------------------------

def test_reporting_day_dates_an_unnamed_night():
    # Published at 04:00 Moscow on Saturday: "overnight" alone would be Friday night into Saturday.
    r = resolve_time("The ministry said on Friday that 56 drones were downed overnight.", dt(2024, 2, 10, 1))
    assert (r.event_date, r.phrase, r.time_precision) == (date(2024, 2, 9), "overnight", 1)
    assert window(r) == (dt(2024, 2, 8, 18), dt(2024, 2, 9, 4))


def test_date_and_clock_window_combine():
    r = resolve_time("On 8 February, from 20:00 to 07:00 Moscow time, 30 drones were destroyed.",
                     dt(2024, 2, 9, 9))
    assert (r.event_date, window(r)) == (date(2024, 2, 8), (dt(2024, 2, 7, 17), dt(2024, 2, 8, 4)))
    assert r.phrase == "from 20:00 to 07:00 Moscow time"


def test_weekday_and_clock_time_combine():
    r = resolve_time("Late on Thursday, a drone was shot down at 23:40.", dt(2024, 2, 9, 9))
    assert (r.event_date, window(r)) == (date(2024, 2, 8), (dt(2024, 2, 8, 20, 40),) * 2)
    r = resolve_time("Yesterday at 3 am a drone hit a depot.", dt(2024, 2, 9, 9))
    assert window(r) == (dt(2024, 2, 8, 0), dt(2024, 2, 8, 0))


def test_clock_window_outranks_overnight():
    r = resolve_time("Overnight, from 20:00 to 07:00, 30 drones were destroyed.", dt(2024, 2, 9, 9))
    assert (r.phrase, window(r)) == ("from 20:00 to 07:00", (dt(2024, 2, 8, 17), dt(2024, 2, 9, 4)))


def test_event_day_outranks_the_reporting_day():
    r = resolve_time("Kyiv was attacked on Monday evening, Ukraine's air force said on Tuesday.",
                     dt(2024, 2, 13, 9), local_tz="Europe/Kyiv")
    assert (r.event_date, r.phrase) == (date(2024, 2, 12), "on Monday evening")
    assert window(r) == (dt(2024, 2, 12, 16), dt(2024, 2, 12, 22))


def test_precise_date_outranks_a_period():
    r = resolve_time("Earlier this week, on Tuesday, drones hit Kursk.", dt(2024, 2, 8, 9))
    assert (r.event_date, r.time_precision, r.phrase) == (date(2024, 2, 6), 1, "on Tuesday")


# --- no phrase, fallback, no anchor -----------------------------------------------------------

def test_no_time_phrase_is_the_publication_day_within_a_few_days():
    r = resolve_time("Air defences shot down 12 drones over Bryansk.", dt(2024, 2, 8, 9))
    assert r == TimeResolution(date(2024, 2, 8), None, None, 2)


def test_publication_day_is_the_local_day():
    # 22:30 UTC on the 7th is already the 8th in Moscow.
    assert resolve_time("Drones were downed.", dt(2024, 2, 7, 22, 30)).event_date == date(2024, 2, 8)


def test_no_anchor_at_all():
    assert resolve_time("Air defences shot down 12 drones.", None) == TimeResolution(None, None, None, 3)
    assert resolve_time("Yesterday, drones attacked.", None) == TimeResolution(None, None, None, 3)


def test_fallback_day_anchors_relative_phrases():
    fallback = date(2024, 2, 9)
    assert resolve_time("Drones were downed.", None, fallback) == TimeResolution(fallback, None, None, 2)
    r = resolve_time("Yesterday, drones attacked.", None, fallback)
    assert (r.event_date, r.time_precision) == (date(2024, 2, 8), 1)
    r = resolve_time("Overnight, drones attacked.", None, fallback)
    assert (r.event_date, r.time_precision) == (fallback, 1)
    r = resolve_time("In the past 24 hours, drones attacked.", None, fallback)
    assert (r.event_date, r.time_precision) == (fallback, 2)  # the hour of the report is unknown
    assert window(r) == (dt(2024, 2, 7, 21), dt(2024, 2, 9, 21))


def test_aware_publication_time_is_accepted():
    aware = datetime(2024, 2, 8, 6, tzinfo=UTC)
    text = "Drones came overnight."
    assert resolve_time(text, aware) == resolve_time(text, dt(2024, 2, 8, 6))


def test_ministry_style_past_night_with_a_reporting_day():
    text = ("Air defence systems destroyed 25 UAVs over the Bryansk region during the past night, "
            "the ministry said in a Telegram post on Thursday morning.")
    r = resolve_time(text, dt(2024, 2, 8, 14))  # an afternoon report: "the past night" stays certain
    assert (r.event_date, r.time_precision, r.phrase) == (date(2024, 2, 8), 1, "during the past night")


# --- ordinal and malformed dates (hostile input) ---------------------------------------------

@pytest.mark.parametrize(("text", "expected", "phrase"), [
    ("Late on June 7th, the governor said drones hit a depot.", date(2026, 6, 7), "Late on June 7th"),
    ("On the 7th of June a drone fell on a school.", date(2026, 6, 7), "On the 7th of June"),
    ("Strikes on June 7th, 2025 hit the port.", date(2025, 6, 7), "on June 7th, 2025"),
    ("Drones attacked on June the 1st, officials said.", date(2026, 6, 1), "on June the 1st"),
    ("On 21st May a missile hit the station.", date(2026, 5, 21), "On 21st May"),
    ("A refinery burned on May 22nd after a raid.", date(2026, 5, 22), "on May 22nd"),
    ("On the 23rd of April, drones were downed.", date(2026, 4, 23), "On the 23rd of April"),
    ("The 2nd and the raid of March 3rd: missiles hit Odesa.", date(2026, 3, 3), "March 3rd"),
])
def test_ordinal_dates(text, expected, phrase):
    r = resolve_time(text, dt(2026, 6, 10, 8))
    assert (r.event_date, r.time_precision, r.phrase) == (expected, 1, phrase)


def test_ordinal_day_ranges():
    r = resolve_time("On the night of June 6th-7th drones hit Kursk.", dt(2026, 6, 10, 8))
    assert (r.event_date, r.time_precision) == (date(2026, 6, 7), 1)


@pytest.mark.parametrize("text", [
    "Drones hit the depot on June 31, the governor said.",
    "On February 30th a missile struck the port.",
    "The 32nd of May raid damaged a school.",
    "Late on June 7th 99999 drones were seen.",
    "Strikes on 31.06.2024 hit the bridge.",
])
def test_malformed_dates_give_no_date(text):
    r = resolve_time(text, dt(2026, 6, 10, 8))
    assert (r.event_date, r.window_start, r.time_precision) == (None, None, 3)
    assert r.phrase is not None and text[r.start:r.end] == r.phrase


@pytest.mark.parametrize("text", [
    "On 7 June 1941 bombers struck Kyiv.",  # history, not this war
    "In 1943 the bridge was bombed.",
    "On June 7, 1812 the army crossed the river.",
    "Drones hit on 7 June 2150.",
    "Drones will hit the port on 7 June 2031.",  # after publication
])
def test_dates_outside_the_war_are_refused(text):
    r = resolve_time(text, dt(2026, 6, 10, 8))
    assert (r.event_date, r.window_start, r.time_precision) == (None, None, 3)


def test_a_plausible_day_beats_a_refused_one():
    r = resolve_time("On Friday drones hit the plant built on 5 May 1901.", dt(2026, 6, 10, 8))
    assert (r.event_date, r.phrase) == (date(2026, 6, 5), "On Friday")


@pytest.mark.parametrize("published", [dt(1, 1, 1), dt(1, 1, 1, 23, 59), dt(9999, 12, 31, 23, 59),
                                       dt(1899, 12, 31), dt(2200, 1, 1, 3)])
@pytest.mark.parametrize("text", [
    "Overnight, drones hit.", "Yesterday drones hit.", "Drones hit on June 7.", "This week drones hit.",
    "Last year drones hit.", "In the past 48 hours drones hit.", "At 3 am drones hit.", "Tonight drones hit.",
    "From 20:00 to 07:00 drones hit.", "Since the start of the year drones hit.", "Last month drones hit.",
    "On Monday drones hit.", "Drones hit."])
def test_publication_in_year_1_or_9999_never_overflows(text, published):
    r = resolve_time(text, published)
    assert (r.event_date, r.window_start, r.time_precision) == (None, None, 3)


def test_an_unusable_publication_time_falls_back_to_the_arrival_day():
    r = resolve_time("Overnight, drones hit.", dt(9999, 12, 31, 23), date(2026, 1, 1))
    assert (r.event_date, r.time_precision) == (date(2026, 1, 1), 1)


def test_publication_before_the_war_gives_no_date():
    assert resolve_time("Drones hit.", dt(1990, 6, 10, 8)) == TimeResolution(None, None, None, 3)


@given(st.lists(_WORDS, max_size=25), st.datetimes())
def test_any_publication_time_gives_a_plausible_date_or_none(words, published):
    from skywatch import plausibility

    r = resolve_time(" ".join(words), published)
    assert plausibility.date_is_plausible(r.event_date, published)


def test_a_publication_time_before_the_war_bounds_dates_even_when_the_arrival_day_anchors():
    # The extract checks bound event dates by the article's publication time; so does this.
    r = resolve_time("Yesterday drones hit.", dt(1899, 12, 31), date(2026, 1, 1))
    assert (r.event_date, r.time_precision, r.phrase) == (None, 3, "Yesterday")


def test_overlapping_phrases_keep_the_longest_in_a_long_sentence():
    text = "from 20:00 to 07:00 Moscow time on 7 June, " * 2000
    phrases = find_time_phrases(text)
    # each window takes its day with it; the shorter date and clock matches inside it are dropped
    assert [(p.text, p.kind) for p in phrases] == [("from 20:00 to 07:00 Moscow time on 7 June",
                                                    "clock_window")] * 2000


def test_a_night_from_a_day_to_the_same_day_is_no_night():
    r = resolve_time("Drones came on the night of January 1-1st.", dt(2026, 1, 3, 8))
    assert (r.event_date, r.window_start, r.time_precision) == (None, None, 3)
