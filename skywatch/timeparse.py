"""Event times for claims: time phrases found by regex, resolved against the publication time.

`find_time_phrases` lists the time expressions of a sentence (compiled regexes only: it runs on
every relevant sentence). `resolve_time` turns the most specific of them into an event date, a
window in naive UTC and a precision (1 the day is known, 2 known within a few days, 3 unknown).
Explicit dates are parsed here rather than by dateparser: the strings are already isolated and
the few formats are cheaper to read with a regex than through dateparser's language machinery.

Rules where the text is ambiguous (local = `local_tz`, Europe/Moscow unless told otherwise):

* Anchor: the local calendar day of `published_at` (naive UTC), else `fallback`. With no time
  phrase the event is unknown relative to publication: event date = anchor day, precision 2, no
  window; precision 3 with no anchor at all. With only `fallback`, the time of day is unknown.
* Days: a named day spans 00:00-24:00 local. Parts: early 00-09, morning 00-12, afternoon 12-18,
  evening and "late on" 18-24. "<Day> night" is 18:00 that day to 07:00 the next (the English
  reading); "the night of/to <day>" and "overnight (into) <day>" end on that day at 07:00 (the
  reading of Ukrainian/Russian "v noch na", which most sources on this war translate).
  Whenever a phrase names a day, that day is the event date; an unnamed night is dated by the
  morning it ends, as is "the night of March 9-10" (the 10th).
* Year missing: the most recent such date not after the anchor day + 1 (2 January, "30
  December" -> the previous year). Numeric dates are day/month/year (European sources) unless
  the first number cannot be a month and the second can ("12/25/2023" -> 25 December).
* Weekdays: the most recent such weekday on or before the anchor day (the same day when
  published on it); "last <weekday>" is strictly before.
* "overnight", "during the night", "on the night of": the night 21:00 previous day - 07:00 of the
  anchor day. Published before 15:00 local that is the night just reported on (precision 1); a
  later report still most likely means that night (the next one has not begun), but it is as
  often a round-up or rewrite of an older story, so precision drops to 2. "last night", "the
  past night" and "the previous night" always mean the night ending on the anchor day.
  "tonight" is that night before 15:00 local and the coming night (ending tomorrow) after.
* "in the past 24 hours": [anchor - 24 h, anchor], dated the anchor day with precision 1 (it is
  the daily report's own day); with only a day known the window widens to two days, precision 2.
* Clock windows: "Moscow time"/"MSK", "Kyiv time", "GMT"/"UTC"; "local time" and no zone mean
  `local_tz`. A window whose end is not later than its start ends the next day. Without a day
  the window is the latest one ending no later than 2 h after publication; a day named in the
  same sentence (or inside the phrase) is the day the window ends, unless a day is attached to
  the start. The event date is the local day of the window's last instant. "at 3 am" is the
  latest such time no later than 1 h after publication; "around" widens it to +-30 minutes.
* Combinations: a phrase naming a day (date, weekday, "yesterday") gives the day to clock,
  night and past-24-hours phrases in the same sentence ("the ministry said on Friday that 56
  drones were downed overnight" -> the night ending Friday). The phrase reported is then the
  most specific one: lowest precision, then not a reporting day ("said on Friday"), then
  written clock hours, then the narrowest window, then the first.
* Periods: "this week", "earlier this week", "last week", "over the weekend", "in recent days",
  "past few days", a day range "9-10 March": precision 2, event date the middle day of the
  window. "this/last month", "earlier this year", "in recent weeks", "recently", "in March 2024",
  "since ...": precision 3, no event date; a window when the period has clear bounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skywatch import plausibility, vocab

PRECISION_DAY = 1
PRECISION_DAYS = 2
PRECISION_UNKNOWN = 3

_INVASION_START = date(2022, 2, 24)  # "since the start of the full-scale invasion"
_MORNING_REPORT_END_HOUR = 15  # local hour before which "overnight" means the night just gone
_NIGHT = (-3 * 60, 7 * 60)  # 21:00 the day before to 07:00, in minutes from the day's midnight
_WINDOW_SLACK = timedelta(hours=2)  # a window may end a little after the report's timestamp
_POINT_SLACK = timedelta(hours=1)
_EPSILON = timedelta(microseconds=1)
# The days this module counts from and to. Every rule adds or takes at most a few years, so a
# publication time or a written year outside this span (a "published" year 1 or 9999) cannot
# push the date arithmetic past the calendar's ends; such an anchor is treated as unknown.
_CALENDAR = plausibility.publication_span()


@dataclass(frozen=True)
class TimePhrase:
    """A time expression in a sentence; `text == sentence[start:end]`."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class TimeResolution:
    """When a claim happened: event day, UTC window, precision and the phrase that said so."""

    event_date: date | None
    window_start: datetime | None
    window_end: datetime | None
    time_precision: int
    phrase: str | None = None
    start: int | None = None
    end: int | None = None


# --- regex fragments --------------------------------------------------------------------------

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def _month_alternation() -> str:
    """Month names and abbreviations, case-sensitive so that "may" and "march" stay verbs.

    Only an abbreviation takes a following dot: after a full name the dot ends the sentence.
    """
    full = {form for name in _MONTH_NAMES for form in (name, name.upper())}
    short = {form for name in _MONTH_NAMES if len(name) > 3
             for form in (name[:3], name[:3].upper())} | {"Sept", "SEPT"}
    full_alt = "|".join(sorted(full, key=len, reverse=True))
    short_alt = "|".join(sorted(short, key=len, reverse=True))
    return rf"(?-i:(?:{full_alt})\b|(?:{short_alt})\b\.?)"


def _unnamed(fragment: str) -> str:
    """A fragment with its named groups made anonymous, to embed it in a larger pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", fragment)


_MONTH = _month_alternation()
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"
# An ordinal past 31 ("32nd of May") is still written as a day: it is matched, then refused.
_DAY = rf"(?<![\d.:/])(?:{_DAYNUM}(?:st|nd|rd|th)?|\d\d(?:st|nd|rd|th))\b"
_YEAR = r"(?:19|20)\d\d(?!\d)"
# After a written day, any four-digit year ("June 7, 1812") and a run of five or more digits (a
# mangled year, "June 7th 99999") are captured, so that the date is refused rather than read as
# June 7th of the latest such year.
_DATE_YEAR = r"(?:[12]\d{3}(?!\d)|\d{5,})"
_WEEKDAY = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"

_DMY = rf"(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_DATE_YEAR}))?"
_MDY = rf"(?P<m>{_MONTH})\s+(?:the\s+)?(?P<d>{_DAY})(?:,?\s+(?P<y>{_DATE_YEAR}))?"
_ISO = rf"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>0?[1-9]|1[0-2])-(?P<d>{_DAYNUM})(?!\d)"
_NUMERIC = r"(?<![\d.:/])(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>(?:19|20)?\d\d)(?!\d|[./]\d)"
_DATE = "(?:" + "|".join(_unnamed(f) for f in (_ISO, _NUMERIC, _DMY, _MDY)) + ")"
_DATE_CORE = rf"(?:{_WEEKDAY},?\s+)?{_DATE}"

_REL = (r"(?:the\s+day\s+before\s+yesterday|(?:the\s+)?day\s+before|the\s+previous\s+day"
        r"|a\s+day\s+(?:earlier|before)|yesterday|(?<!Russia\s)(?<!Ukraine\s)today"
        r"|earlier\s+in\s+the\s+day|this\s+(?:morning|afternoon|evening)"
        r"|\b(?:\d|two|three|four|five|six)\s+days\s+(?:ago|earlier))\b")
_DAYREF = rf"(?:{_DATE_CORE}|{_WEEKDAY}|{_REL})"

# Words around a named day that narrow it to part of the day or to the night before it.
_PRE = (r"(?:(?:late|early|earlier|later|overnight|in\s+the\s+early\s+hours"
        r"|(?:(?:on|during|in)\s+)?the\s+(?:morning|afternoon|evening|night|early\s+hours))"
        r"(?:\s+(?:on|of|to|into))?\s+|last\s+|on\s+)?")
_SUF = r"(?:\s+(?:morning|afternoon|evening|night))?"

_AMPM = r"[ap]\.?m\b\.?"
_CLOCK_12 = rf"(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*{_AMPM}"
_CLOCK_COLON = r"(?:[01]?\d|2[0-4]):[0-5]\d(?!\d)"
_CLOCK_DOT = r"(?:[01]?\d|2[0-4])\.[0-5]\d(?![\d%]|\.\d|\s*(?:per|%))"
_CLOCK_GMT = r"(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:GMT|UTC))"
_CLOCK_WORD = r"(?:noon|midday|midnight)\b"
_TZ = r"(?:Moscow\s+time|Kyiv\s+time|Kiev\s+time|local\s+time|MSK|GMT|UTC)\b"
_CLOCK_STRICT = rf"(?<![\d:.])(?:{_CLOCK_12}|{_CLOCK_GMT}|{_CLOCK_COLON}|{_CLOCK_WORD})"
_CLOCK_LOOSE = rf"(?<![\d:.])(?:{_CLOCK_12}|{_CLOCK_GMT}|{_CLOCK_COLON}|{_CLOCK_DOT}|{_CLOCK_WORD})"
_ZONE_TAIL = rf"(?:\s*\(?\s*{_TZ}\s*\)?)?(?:\s*\(\s*{_CLOCK_GMT}\s*(?:GMT|UTC)\s*\))?"
_APPROX = r"(?:around|about|approximately|roughly|some|shortly\s+(?:before|after)|just\s+(?:before|after))"
_CLOCK_PREP = rf"(?:(?:at|by|after|before|until|since)\s+(?:{_APPROX}\s+)?|{_APPROX}\s+)"
_DAY_TAIL = rf"(?:\s*,?\s*(?:on\s+)?{_DAYREF})?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_CLOCK_WINDOW_RE = _compile(
    rf"\b(?:(?:from|between)\s+{_CLOCK_LOOSE}{_ZONE_TAIL}{_DAY_TAIL}\s*(?:to|until|till|and|-)\s*"
    rf"{_CLOCK_LOOSE}{_ZONE_TAIL}{_DAY_TAIL}|{_CLOCK_COLON}\s*-\s*{_CLOCK_COLON}{_ZONE_TAIL})"
    rf"(?:\s*\(?\s*{_TZ}\s*\)?)?")
# A bare "03:15" may be a score or a ratio: it needs a preposition or a zone to count.
_CLOCK_TIME_RE = _compile(
    rf"(?:\b{_CLOCK_PREP}{_CLOCK_STRICT}{_ZONE_TAIL}"
    rf"|(?<![\d:.])(?:{_CLOCK_12}{_ZONE_TAIL}|{_CLOCK_COLON}\s*\(?{_TZ}\)?|{_CLOCK_GMT}\s*(?:GMT|UTC)\b))"
    rf"{_DAY_TAIL}")

_RANGE_MDY = (rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\s*(?:-|to|into|and)\s*(?:(?P<m2>{_MONTH})\s+)?"
              rf"(?P<d2>{_DAY})(?:,?\s+(?P<y>{_DATE_YEAR}))?")
_RANGE_DMY = (rf"(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?\s*(?:-|to|into|and)\s*(?P<d2>{_DAY})\s+"
              rf"(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_DATE_YEAR}))?")
_RANGE = rf"(?:{_unnamed(_RANGE_MDY)}|{_unnamed(_RANGE_DMY)})"
_NIGHT_RANGE_RE = _compile(
    rf"\b(?:(?:(?:on|during|in|over)\s+)?(?:the\s+)?night\s+(?:of|from|between|to|into)\s+"
    rf"|overnight\s+(?:of\s+|from\s+|between\s+)?){_RANGE}")
_DATE_RANGE_RE = _compile(rf"\b(?:(?:on|from|between)\s+)?{_RANGE}")
# Two weekdays joined by a night: "overnight Sunday into Monday", "late Sunday and early Monday".
_WEEKDAY_PAIR_RE = _compile(
    rf"\b(?:overnight\s+(?:on\s+|from\s+)?{_WEEKDAY}\s+(?:into|to)\s+{_WEEKDAY}"
    rf"|(?:on\s+|from\s+)?{_WEEKDAY}\s+night\s+(?:into|to)\s+{_WEEKDAY}"
    rf"|late\s+(?:on\s+)?{_WEEKDAY}\s+(?:and|into|to)\s+early\s+(?:on\s+)?{_WEEKDAY}"
    rf"|(?:(?:on|in|during)\s+)?the\s+night\s+(?:from|of|between)\s+{_WEEKDAY}\s+(?:into|to|and)\s+{_WEEKDAY})")

_DATE_RE = _compile(rf"\b{_PRE}{_DATE_CORE}{_SUF}")
_WEEKDAY_RE = _compile(rf"\b{_PRE}{_WEEKDAY}{_SUF}")
_REL_RE = _compile(rf"\b{_PRE}{_REL}{_SUF}")
_NIGHT_RE = _compile(
    r"\b(?:overnight|last\s+night|tonight|(?:during|in)\s+the\s+night"
    r"|(?:(?:during|over|in)\s+)?the\s+(?:past|last|previous)\s+night"
    r"|the\s+night\s+before|(?:on\s+)?the\s+night\s+of)\b")
_PAST_HOURS_RE = _compile(
    r"\b(?:(?:in|over|during|within|for)\s+)?the\s+(?:past|last|previous)\s+"
    r"(?:(?:\d{1,3}|twenty-four|twenty\s+four|forty-eight)\s+hours|day|24h)\b")
_PERIOD_RE = _compile(
    r"\b(?:(?:earlier|later)\s+)?this\s+(?:week|month|year)\b|\blast\s+(?:week|month|year)\b"
    r"|\b(?:over|during|at|on)\s+the\s+weekend\b|\b(?:this|last)\s+weekend\b"
    r"|\b(?:(?:in|over|during|within|for)\s+)?the\s+(?:past|last|previous)\s+"
    r"(?:(?:few|several|couple\s+of|\d{1,2}|two|three|four|five|six|seven|ten)\s+)?"
    r"(?:days|weeks?|months?|years?)\b"
    r"|\b(?:in|over)\s+recent\s+(?:days|weeks|months)\b|\brecently\b")
_IN_MONTH_RE = _compile(
    rf"\b(?:in|during|throughout)\s+(?:(?:early|late|mid)[\s-]*)?{_MONTH}(?:\s+{_YEAR}|(?!\s+(?:the\s+)?\d))"
    rf"|\b(?:in|during|throughout)\s+{_YEAR}")
_SINCE_RE = _compile(
    rf"\bsince\s+(?:the\s+(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?"
    rf"(?:year|war|invasion|conflict|operation|month|week)\b|{_DATE}|{_MONTH}(?:\s+{_YEAR})?|{_YEAR})")

# Parsers for strings already isolated by the patterns above.
_ISO_P, _NUMERIC_P, _DMY_P, _MDY_P = (_compile(f) for f in (_ISO, _NUMERIC, _DMY, _MDY))
_RANGE_MDY_P, _RANGE_DMY_P = _compile(_RANGE_MDY), _compile(_RANGE_DMY)
_WEEKDAY_P = _compile(rf"(?P<last>\blast\s+)?(?P<wd>{_WEEKDAY})")
_REL_P = _compile(_REL)
_TZ_P = _compile(_TZ)
_CLOCK_TOKEN_P = _compile(rf"(?P<clock>{_CLOCK_LOOSE})(?:\s*\(?\s*(?P<tz>{_TZ})\s*\)?)?"
                          rf"(?:\s*\(\s*(?P<gmt>{_CLOCK_GMT})\s*(?:GMT|UTC)\s*\))?")
_CLOCK_PARTS_P = _compile(r"(?P<word>noon|midday|midnight)|(?P<h>\d{1,2})(?:[:.]?(?P<mi>\d{2}))?"
                          r"\s*(?:(?P<ap>[ap])\.?m\b)?")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {"a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10,
                 "few": 3, "several": 5, "couple of": 2, "twenty-four": 24, "twenty four": 24,
                 "forty-eight": 48}
_ZONES = {"moscow": "Europe/Moscow", "msk": "Europe/Moscow", "kyiv": "Europe/Kyiv",
          "kiev": "Europe/Kyiv", "gmt": "UTC", "utc": "UTC"}


# --- anchor and small helpers -----------------------------------------------------------------

@dataclass(frozen=True)
class _Anchor:
    """What relative phrases count from: a local day and, when known, the UTC instant."""

    day: date | None
    instant: datetime | None
    tz: ZoneInfo
    named: bool = False  # the day was named by the sentence, not taken from publication


@dataclass(frozen=True)
class _Candidate:
    event_date: date | None
    window: tuple[datetime, datetime] | None
    precision: int


def _utc(day: date, minutes: int, tz: ZoneInfo) -> datetime:
    """Naive UTC of a local wall-clock time given as minutes from `day`'s midnight (may be <0 or >24h)."""
    local = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return local.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


def _local_day(instant: datetime, tz: ZoneInfo) -> date:
    return instant.replace(tzinfo=UTC).astimezone(tz).date()


def _local_hour(anchor: _Anchor) -> int | None:
    """The local hour of publication, None when only a day is known or the day was named."""
    if anchor.instant is None or anchor.named:
        return None
    return anchor.instant.replace(tzinfo=UTC).astimezone(anchor.tz).hour


def _anchor_end(anchor: _Anchor) -> datetime:
    """The end of what the report can be about: publication, or the end of the anchor day."""
    if anchor.instant is not None:
        return anchor.instant
    return _utc(anchor.day, 24 * 60, anchor.tz)


def _day_window(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Local midnight before `first` to local midnight after `last`, in UTC."""
    return _utc(first, 0, tz), _utc(last, 24 * 60, tz)


def _middle_day(window: tuple[datetime, datetime], tz: ZoneInfo) -> date:
    """The middle local day of a window: the event date of a precision-2 period."""
    first, last = _local_day(window[0], tz), _local_day(window[1] - _EPSILON, tz)
    return first + timedelta(days=(last - first).days // 2)


def _period(window: tuple[datetime, datetime], tz: ZoneInfo, precision: int) -> _Candidate:
    """A span of days: dated by its middle day unless the precision is "unknown"."""
    event = _middle_day(window, tz) if precision != PRECISION_UNKNOWN else None
    return _Candidate(event, window, precision)


def _number(word: str | None, default: int) -> int:
    if not word:
        return default
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, default)


# --- calendar days ----------------------------------------------------------------------------

def _month_number(name: str) -> int:
    return _MONTH_NAMES.index(next(n for n in _MONTH_NAMES if n[:3].lower() == name[:3].lower())) + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, anchor_day: date | None) -> date | None:
    """The most recent such date not after the anchor day + 1 (reports may run a day ahead)."""
    if anchor_day is None:
        return None
    limit = anchor_day + timedelta(days=1)
    for year in range(limit.year, limit.year - 8, -1):  # 8 years finds any 29 February
        found = _safe_date(year, month, day)
        if found is not None and found <= limit:
            return found
    return None


def _make_date(year: str | None, month: int, day: int, anchor_day: date | None) -> date | None:
    """The date of a written day and month; None when it does not exist ("June 31", "30th of
    February") or its year is not one news writes (a mangled "99999", a 1812 from history).
    """
    if year:
        if len(year) > 4:
            return None
        number = int(year) + (2000 if len(year) == 2 else 0)
        return _safe_date(number, month, day) if _CALENDAR[0].year <= number <= _CALENDAR[1].year else None
    return _infer_year(month, day, anchor_day)


def _day_number(text: str) -> int:
    """The day of a matched day token: "7", "07", "7th", "22nd" (the ordinal suffix dropped)."""
    return int(text.rstrip("stndrhSTNDRH"))


def _numeric_date(m: re.Match[str], anchor_day: date | None) -> date | None:
    """Day/month/year, as European sources write it, unless only month/day can be valid."""
    first, second = int(m["a"]), int(m["b"])
    if first <= 12 < second:
        first, second = second, first
    return _make_date(m["y"], second, first, anchor_day)


def _explicit_date(text: str, anchor_day: date | None) -> tuple[int, date | None] | None:
    """(offset, date) of the first calendar date written in `text`, None when there is none."""
    for pattern in (_ISO_P, _NUMERIC_P, _DMY_P, _MDY_P):
        m = pattern.search(text)
        if m is None:
            continue
        if pattern is _NUMERIC_P:
            return m.start(), _numeric_date(m, anchor_day)
        month = int(m["m"]) if pattern is _ISO_P else _month_number(m["m"])
        return m.start(), _make_date(m["y"], month, _day_number(m["d"]), anchor_day)
    return None


def _weekday_date(text: str, anchor_day: date | None) -> date | None:
    """The most recent such weekday on or before the anchor day ("last Friday": strictly before)."""
    m = _WEEKDAY_P.search(text)
    if m is None or anchor_day is None:
        return None
    back = (anchor_day.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
    if back == 0 and m["last"]:
        back = 7
    return anchor_day - timedelta(days=back)


def _relative_date(text: str, anchor_day: date | None) -> date | None:
    m = _REL_P.search(text)
    if m is None or anchor_day is None:
        return None
    phrase = " ".join(m.group(0).lower().split())
    if "day before yesterday" in phrase:
        back = 2
    elif "ago" in phrase or "days earlier" in phrase:
        back = _number(phrase.split()[0], 1)
    elif any(w in phrase for w in ("yesterday", "before", "previous", "a day earlier")):
        back = 1
    else:  # today, this morning, earlier in the day
        back = 0
    return anchor_day - timedelta(days=back)


def _named_day(text: str, anchor: _Anchor) -> date | None:
    """The calendar day that `text` names: a written date first, then a weekday, then "yesterday"."""
    explicit = _explicit_date(text, anchor.day)
    if explicit is not None:
        return explicit[1]
    return _weekday_date(text, anchor.day) or _relative_date(text, anchor.day)


_PART_PREFIX_P = _compile(r"^(?:(?:on|during|in)\s+)?(?:the\s+)?"
                          r"(late|early|overnight|morning|afternoon|evening|night)\b")
_PART_SUFFIX_P = _compile(r"\b(morning|afternoon|evening|night)$")
_PARTS = {"early": (0, 9 * 60), "morning": (0, 12 * 60), "afternoon": (12 * 60, 18 * 60),
          "evening": (18 * 60, 24 * 60), "late": (18 * 60, 24 * 60), "overnight": _NIGHT,
          "night": _NIGHT}
_SUFFIX_NIGHT = (18 * 60, 31 * 60)  # "Sunday night": Sunday 18:00 to Monday 07:00


def _part_of_day(phrase: str) -> tuple[int, int]:
    """The local minutes of the named day a phrase covers; a prefix word outranks a suffix."""
    prefix = _PART_PREFIX_P.search(phrase)
    if prefix:
        return _PARTS[prefix.group(1).lower()]
    suffix = _PART_SUFFIX_P.search(phrase)
    if suffix:
        word = suffix.group(1).lower()
        return _SUFFIX_NIGHT if word == "night" else _PARTS[word]
    return 0, 24 * 60


# --- resolvers: one per kind of phrase --------------------------------------------------------

def _resolve_named_day(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """A date, a weekday or "yesterday", narrowed by "late on", "overnight into", "... evening"."""
    phrase = m.group(0)
    day = _named_day(phrase, anchor)
    if day is None:
        return None
    first, last = _part_of_day(phrase)
    window = (_utc(day, first, anchor.tz), _utc(day, last, anchor.tz))
    clip = re.match(r"earlier\b", phrase, re.I) or "in the day" in phrase.lower()
    if clip and anchor.instant is not None and day == anchor.day:  # "earlier today": up to now
        window = (window[0], min(window[1], anchor.instant))
    return _Candidate(day, window, PRECISION_DAY)


def _range_days(phrase: str, anchor: _Anchor) -> tuple[date, date] | None:
    """First and last day of "March 9-10" / "31 March to 1 April", the year read off the last."""
    m = _RANGE_MDY_P.search(phrase) or _RANGE_DMY_P.search(phrase)
    if m is None:
        return None
    end_month = _month_number(m["m2"] or m["m1"])
    start_month = _month_number(m["m1"] or m["m2"])
    last = _make_date(m["y"], end_month, _day_number(m["d2"]), anchor.day)
    if last is None:
        return None
    start_year = last.year - (1 if start_month > end_month else 0)  # a night across New Year
    first = _safe_date(start_year, start_month, _day_number(m["d1"]))
    return (first, last) if first is not None and first <= last else None


def _resolve_night_range(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """"the night of March 9-10": 21:00 on the 9th to 07:00 on the 10th, dated the 10th."""
    days = _range_days(m.group(0), anchor)
    if days is None or days[0] == days[1]:
        return None  # "the night of January 1-1st" names no night
    first, last = days
    window = (_utc(first, 21 * 60, anchor.tz), _utc(last, 7 * 60, anchor.tz))
    precision = PRECISION_DAY if (last - first).days == 1 else PRECISION_DAYS
    return _Candidate(last, window, precision)


def _resolve_date_range(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    days = _range_days(m.group(0), anchor)
    if days is None:
        return None
    precision = PRECISION_DAY if days[0] == days[1] else PRECISION_DAYS
    return _period(_day_window(days[0], days[1], anchor.tz), anchor.tz, precision)


def _resolve_weekday_pair(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """"overnight Sunday into Monday", "late Sunday and early Monday": dated Monday."""
    names = [w.lower() for w in re.findall(_WEEKDAY, m.group(0), re.I)]
    last = _weekday_date(names[1], anchor.day)
    if last is None:
        return None
    gap = (_WEEKDAYS.index(names[1]) - _WEEKDAYS.index(names[0])) % 7 or 7
    first = last - timedelta(days=gap)
    window = (_utc(first, 18 * 60, anchor.tz), _utc(last, 9 * 60, anchor.tz))
    return _Candidate(last, window, PRECISION_DAY if gap == 1 else PRECISION_DAYS)


def _resolve_night(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """"overnight", "last night", "tonight": the night ending on the anchor day (see module doc)."""
    if anchor.day is None:
        return None
    phrase = m.group(0).lower()
    hour = _local_hour(anchor)
    late_report = hour is not None and hour >= _MORNING_REPORT_END_HOUR
    day, precision = anchor.day, PRECISION_DAY
    if phrase == "tonight" and late_report:
        day += timedelta(days=1)  # an afternoon "tonight" is the night to come
    elif late_report and not any(w in phrase for w in ("last", "past", "previous", "before", "tonight")):
        precision = PRECISION_DAYS
    window = (_utc(day, _NIGHT[0], anchor.tz), _utc(day, _NIGHT[1], anchor.tz))
    return _Candidate(day, window, precision)


def _resolve_past_hours(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """"in the past 24 hours": the span before publication, dated the day of the report."""
    if anchor.day is None:
        return None
    hours_m = re.search(r"(\d{1,3}|twenty[\s-]four|forty-eight)\s+hours", m.group(0), re.I)
    hours = _number(hours_m.group(1), 24) if hours_m else 24
    if anchor.instant is None:
        days = max(1, -(-hours // 24))
        window = _day_window(anchor.day - timedelta(days=days), anchor.day, anchor.tz)
        return _Candidate(anchor.day, window, PRECISION_DAYS)
    window = (anchor.instant - timedelta(hours=hours), anchor.instant)
    if hours <= 24:
        return _Candidate(anchor.day, window, PRECISION_DAY)
    return _period(window, anchor.tz, PRECISION_DAYS)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(day: date, back: int = 0) -> date:
    month = day.year * 12 + day.month - 1 - back
    return date(month // 12, month % 12 + 1, 1)


def _calendar_period(phrase: str, anchor: _Anchor) -> tuple[tuple[datetime, datetime] | None, int]:
    """Window and precision of this/last week, weekend, this/last month and year."""
    day, tz, end = anchor.day, anchor.tz, _anchor_end(anchor)
    if "weekend" in phrase:
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)
        return (_utc(saturday, 0, tz), min(end, _utc(saturday, 48 * 60, tz))), PRECISION_DAYS
    if "last week" in phrase:
        return _day_window(_week_start(day) - timedelta(days=7), _week_start(day) - timedelta(days=1),
                           tz), PRECISION_DAYS
    if "week" in phrase:
        return (_utc(_week_start(day), 0, tz), end), PRECISION_DAYS
    if "last month" in phrase:
        return (_utc(_month_start(day, 1), 0, tz), _utc(_month_start(day), 0, tz)), PRECISION_UNKNOWN
    if "month" in phrase:
        return (_utc(_month_start(day), 0, tz), end), PRECISION_UNKNOWN
    if "last year" in phrase:
        return _day_window(date(day.year - 1, 1, 1), date(day.year - 1, 12, 31), tz), PRECISION_UNKNOWN
    return (_utc(date(day.year, 1, 1), 0, tz), end), PRECISION_UNKNOWN


def _recent_period(phrase: str, anchor: _Anchor) -> tuple[tuple[datetime, datetime] | None, int]:
    """Window and precision of "the past few days", "in recent weeks", "recently"."""
    m = re.search(r"(?:(few|several|couple\s+of|\d{1,2}|two|three|four|five|six|seven|ten)\s+)?"
                  r"(day|week|month|year)s?\b", phrase)
    if m is None:  # "recently": no bounds at all
        return None, PRECISION_UNKNOWN
    unit = m.group(2)
    if "recent" in phrase:
        if unit != "day":
            return None, PRECISION_UNKNOWN
        count = 7
    else:
        count = _number(m.group(1), 1) * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
    end = _anchor_end(anchor)
    precision = PRECISION_DAYS if count <= 7 else PRECISION_UNKNOWN
    return (end - timedelta(days=count), end), precision


def _resolve_period(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    if anchor.day is None:
        return None
    phrase = " ".join(m.group(0).lower().split())
    if re.search(r"(?<!the\s)\b(?:this|last)\s+(?:week|month|year)|weekend", phrase):
        window, precision = _calendar_period(phrase, anchor)
    else:
        window, precision = _recent_period(phrase, anchor)
    if window is None:
        return _Candidate(None, None, precision)
    return _period(window, anchor.tz, precision)


def _resolve_in_month(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """"in March 2024", "in March" (the latest March not after publication), "in 2023"."""
    phrase = m.group(0)
    year = re.search(_YEAR, phrase)
    month = re.search(_MONTH, phrase)
    if month is None:
        start, end = date(int(year.group(0)), 1, 1), date(int(year.group(0)) + 1, 1, 1)
    else:
        start = _make_date(year.group(0) if year else None, _month_number(month.group(0)), 1, anchor.day)
        if start is None:
            return _Candidate(None, None, PRECISION_UNKNOWN)
        end = _month_start(start + timedelta(days=32))
    return _Candidate(None, (_utc(start, 0, anchor.tz), _utc(end, 0, anchor.tz)), PRECISION_UNKNOWN)


def _since_start(phrase: str, anchor: _Anchor) -> date | None:
    """Where "since ..." begins: a date, a month, a year, or the start of the year/war/week."""
    lowered = phrase.lower()
    if re.search(r"\b(war|invasion|conflict|operation)\b", lowered):
        return _INVASION_START
    if anchor.day is not None and re.search(r"\bof\s+(?:the\s+)?(?:[\w'-]+\s+)*?year$", lowered):
        return date(anchor.day.year, 1, 1)
    if anchor.day is not None and lowered.endswith("month"):
        return _month_start(anchor.day)
    if anchor.day is not None and lowered.endswith("week"):
        return _week_start(anchor.day)
    explicit = _explicit_date(phrase, anchor.day)
    if explicit is not None:
        return explicit[1]
    year, month = re.search(_YEAR, phrase), re.search(_MONTH, phrase)
    if month is not None:
        return _make_date(year.group(0) if year else None, _month_number(month.group(0)), 1, anchor.day)
    return date(int(year.group(0)), 1, 1) if year else None


def _resolve_since(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """A running total "since ...": precision 3, window from the start to publication."""
    start = _since_start(m.group(0), anchor)
    if start is None or anchor.day is None:
        return _Candidate(None, None, PRECISION_UNKNOWN)
    return _Candidate(None, (_utc(start, 0, anchor.tz), _anchor_end(anchor)), PRECISION_UNKNOWN)


# --- clock times ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Clock:
    minutes: int  # from local midnight; 24:00 is 1440
    tz: ZoneInfo


def _clock_minutes(token: str) -> int | None:
    m = _CLOCK_PARTS_P.match(token.strip())
    if m is None:
        return None
    if m["word"]:
        return 0 if m["word"].lower() == "midnight" else 12 * 60
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    if m["ap"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return hour * 60 + minute


def _zone(name: str | None, local: ZoneInfo) -> ZoneInfo | None:
    """The zone a "Moscow time" / "GMT" names; "local time" is the caller's local zone."""
    if not name:
        return None
    key = name.lower().split()[0]
    return ZoneInfo(_ZONES[key]) if key in _ZONES else local


def _clock(token: re.Match[str], phrase_zone: ZoneInfo | None, local: ZoneInfo) -> _Clock | None:
    """A clock token; a "(0500 GMT)" after it wins, since UTC is what we store anyway."""
    if token["gmt"]:
        minutes = _clock_minutes(token["gmt"])
        return None if minutes is None else _Clock(minutes, ZoneInfo("UTC"))
    minutes = _clock_minutes(token["clock"])
    if minutes is None:
        return None
    return _Clock(minutes, _zone(token["tz"], local) or phrase_zone or local)


def _phrase_zone(phrase: str, local: ZoneInfo) -> ZoneInfo | None:
    m = _TZ_P.search(phrase)
    return _zone(m.group(0), local) if m else None


def _latest_day(clock: _Clock, anchor: _Anchor, slack: timedelta) -> date:
    """The latest local day on which `clock` falls no later than publication + slack."""
    today = _local_day(anchor.instant, clock.tz)
    for day in (today + timedelta(days=1), today):
        if _utc(day, clock.minutes, clock.tz) <= anchor.instant + slack:
            return day
    return today - timedelta(days=1)


def _event_day(window: tuple[datetime, datetime], tz: ZoneInfo) -> date:
    """The local day of a window's last instant (a window ending at midnight belongs to the day before)."""
    last = window[1] if window[0] == window[1] else window[1] - _EPSILON
    return _local_day(last, tz)


def _window_days(start: _Clock, end: _Clock, halves: tuple[str, str],
                 anchor: _Anchor) -> tuple[date, date] | None:
    """The local days a clock window starts and ends on (see module doc)."""
    start_day, end_day = (_named_day(h, anchor) for h in halves)
    overnight = timedelta(days=1 if end.minutes <= start.minutes else 0)
    if start_day is not None and end_day is None:
        return start_day, start_day + overnight
    if end_day is None:
        if anchor.day is None:
            return None
        end_day = anchor.day
        if anchor.instant is not None and not anchor.named:
            end_day = _latest_day(end, anchor, _WINDOW_SLACK)
    return start_day or end_day - overnight, end_day


def _resolve_clock_window(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """"from 20:00 to 07:00 Moscow time", "from 11 p.m. on Sept. 4 to 10 a.m. on Sept. 5"."""
    phrase = m.group(0)
    tokens = list(_CLOCK_TOKEN_P.finditer(phrase))
    if len(tokens) < 2:
        return None
    zone = _phrase_zone(phrase, anchor.tz)
    start, end = (_clock(t, zone, anchor.tz) for t in tokens[:2])
    if start is None or end is None:
        return None
    halves = (phrase[tokens[0].end():tokens[1].start()], phrase[tokens[1].end():])
    days = _window_days(start, end, halves, anchor)
    if days is None:
        return None
    window = (_utc(days[0], start.minutes, start.tz), _utc(days[1], end.minutes, end.tz))
    if window[1] <= window[0]:
        return None
    return _Candidate(_event_day(window, anchor.tz), window, PRECISION_DAY)


def _resolve_clock_time(m: re.Match[str], anchor: _Anchor) -> _Candidate | None:
    """"at 1:42 a.m.", "at around 3 am local time": a point, +-30 minutes when approximate."""
    phrase = m.group(0)
    token = _CLOCK_TOKEN_P.search(phrase)
    clock = _clock(token, _phrase_zone(phrase, anchor.tz), anchor.tz) if token else None
    if clock is None:
        return None
    day = _named_day(phrase[token.end():], anchor)
    if day is None and anchor.day is None:
        return None
    if day is None:
        day = anchor.day
        if anchor.instant is not None and not anchor.named:
            day = _latest_day(clock, anchor, _POINT_SLACK)
    point = _utc(day, clock.minutes, clock.tz)
    spread = timedelta(minutes=30 if re.search(_APPROX, phrase, re.I) else 0)
    window = (point - spread, point + spread)
    return _Candidate(_local_day(point, anchor.tz), window, PRECISION_DAY)


# --- the rule table ---------------------------------------------------------------------------

_Trigger = Callable[[str, str], bool]  # (sentence, lower-cased sentence) -> may a rule match?


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], _Anchor], _Candidate | None]
    trigger: _Trigger  # a cheap test every match passes: most sentences skip most rules
    names_day: bool = False  # fixes a day by itself, so it can date clock and night phrases


def _words(*words: str) -> _Trigger:
    """True when the lower-cased sentence contains one of `words` (substring tests are fast)."""
    return lambda text, low: any(w in low for w in words)


def _forms(*forms: str) -> _Trigger:
    """True when the sentence as written contains one of `forms`."""
    return lambda text, low: any(f in text for f in forms)


def _search(pattern: str) -> _Trigger:
    """True when a simple pattern, case-sensitive, occurs in the lower-cased sentence."""
    compiled = re.compile(pattern)
    return lambda text, low: compiled.search(low) is not None


def _either(*triggers: _Trigger) -> _Trigger:
    return lambda text, low: any(t(text, low) for t in triggers)


_CLOCK_HINT = _search(r"\d(?:[:.][0-5]\d|\s?[ap]\.?m|\d{3}\s?(?:gmt|utc))|noon|midday|midnight")
_MONTH_HINT = _forms(*(f for name in _MONTH_NAMES for f in (name[:3], name[:3].upper())))
_WEEKDAY_HINT = _words(*_WEEKDAYS)
_NIGHT_HINT = _words("night")
_PAST_HINT = ("past", "last", "previous")

# Order breaks ties between matches of equal length at the same place.
_RULES = (
    _Rule("clock_window", _CLOCK_WINDOW_RE, _resolve_clock_window, _CLOCK_HINT),
    _Rule("night_range", _NIGHT_RANGE_RE, _resolve_night_range, _NIGHT_HINT, names_day=True),
    _Rule("night_range", _WEEKDAY_PAIR_RE, _resolve_weekday_pair, _WEEKDAY_HINT, names_day=True),
    _Rule("date_range", _DATE_RANGE_RE, _resolve_date_range, _MONTH_HINT),
    _Rule("since", _SINCE_RE, _resolve_since, _words("since")),
    _Rule("date", _DATE_RE, _resolve_named_day, _either(_MONTH_HINT, _search(r"\d[./-]\d")),
          names_day=True),
    _Rule("weekday", _WEEKDAY_RE, _resolve_named_day, _WEEKDAY_HINT, names_day=True),
    _Rule("relative_day", _REL_RE, _resolve_named_day, _words("day", "this "), names_day=True),
    _Rule("clock_time", _CLOCK_TIME_RE, _resolve_clock_time, _CLOCK_HINT),
    _Rule("past_hours", _PAST_HOURS_RE, _resolve_past_hours, _words(*_PAST_HINT)),
    _Rule("night", _NIGHT_RE, _resolve_night, _NIGHT_HINT),
    _Rule("period", _PERIOD_RE, _resolve_period, _words("week", "month", "year", "recent", *_PAST_HINT)),
    _Rule("period", _IN_MONTH_RE, _resolve_in_month, _either(_MONTH_HINT, _search(r"(?:19|20)\d\d"))),
)


@dataclass(frozen=True)
class _Found:
    phrase: TimePhrase
    match: re.Match[str]
    rule: _Rule


def _trimmed(text: str, m: re.Match[str]) -> tuple[int, int]:
    """Match bounds without surrounding spaces or commas, so the span is the phrase itself."""
    start, end = m.span()
    while end > start and text[end - 1] in " ,\n":
        end -= 1
    while start < end and text[start] in " ,\n":
        start += 1
    return start, end


def _scan(text: str) -> list[_Found]:
    """Every rule's matches; of overlapping ones the longest wins, ties to the earlier rule."""
    found = []
    low = text.lower()
    for order, rule in enumerate(_RULES):
        if not rule.trigger(text, low):
            continue
        for m in rule.pattern.finditer(text):
            start, end = _trimmed(text, m)
            if end > start:
                found.append((end - start, start, order, _Found(TimePhrase(start, end, text[start:end],
                                                                           rule.kind), m, rule)))
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    kept: list[_Found] = []
    # The characters of the phrases kept so far: testing a match against every kept phrase grew
    # with the square of a long sentence's length; the mask costs the length of the match.
    taken = bytearray(len(text))
    for _, start, _, item in found:
        end = item.phrase.end
        if taken.find(1, start, end) < 0:
            kept.append(item)
            taken[start:end] = b"\x01" * (end - start)
    return sorted(kept, key=lambda f: f.phrase.start)


def find_time_phrases(text: str) -> list[TimePhrase]:
    """The time expressions of `text`, in order, none overlapping; `text[p.start:p.end] == p.text`."""
    return [f.phrase for f in _scan(text)]


# --- choosing and combining -------------------------------------------------------------------

# A statement's verbs (vocab cues.yaml `words: reporting`) before or after the day, its plain form
# and nouns only before it ("say on", "in a statement on Monday"); a listener may stand between
# "told" and the day ("told reporters on Friday").
_STATED = vocab.words_regex("reporting.statement")
_ADDRESSED = vocab.words_regex("reporting.addressed")
_SAID_BEFORE = _compile(rf"\b(?:{_STATED}|{vocab.words_regex('reporting.plain', 'reporting.statement_nouns')}"
                        rf"|{_ADDRESSED}(?:\s+\S+){{0,4}}?)(?:\s+(?:on|in|via)\s+\S+)?\s*,?\s*$")
_SAID_AFTER = _compile(rf"^\s*,?\s*(?:{_STATED}|{_ADDRESSED})\b"
                       r"|^\s*\((?:Reuters|AP|AFP|Interfax|TASS|Ukrinform)\)")


def _is_reporting_day(text: str, phrase: TimePhrase) -> bool:
    """Whether the phrase dates the statement rather than the event ("said on Friday")."""
    return bool(_SAID_BEFORE.search(text[max(0, phrase.start - 60):phrase.start])
                or _SAID_AFTER.search(text[phrase.end:phrase.end + 30]))


def _in_calendar(day: date | None) -> bool:
    return day is not None and _CALENDAR[0] <= day <= _CALENDAR[1]


def _make_anchor(published_at: datetime | None, fallback: date | None, tz: ZoneInfo) -> _Anchor:
    """The anchor of relative phrases; a time outside `_CALENDAR` anchors nothing."""
    if published_at is not None and _in_calendar(published_at.date()):
        if published_at.tzinfo is not None:  # callers should pass naive UTC; accept aware too
            published_at = published_at.astimezone(UTC).replace(tzinfo=None)
        return _Anchor(_local_day(published_at, tz), published_at, tz)
    return _Anchor(fallback if _in_calendar(fallback) else None, None, tz)


def _context_anchor(named: list[tuple[_Found, _Candidate, bool]], anchor: _Anchor) -> _Anchor:
    """The anchor for clock, night and past-24-hours phrases: a day the sentence names, if any.

    An event day beats a reporting day; the publication instant is kept only when the named
    day is the publication day, since otherwise the time of that day is unknown.
    """
    days = [(said, f.phrase.start, c.event_date) for f, c, said in named
            if c.precision == PRECISION_DAY and c.event_date is not None]
    if not days:
        return anchor
    day = min(days)[2]
    instant = anchor.instant if day == anchor.day else None
    return replace(anchor, day=day, instant=instant, named=True)


# Written hours are the most specific thing a sentence can say, whatever the window's width.
_CLOCK_KINDS = frozenset({"clock_window", "clock_time"})


def _width(candidate: _Candidate) -> float:
    if candidate.window is None:
        return float("inf")
    return (candidate.window[1] - candidate.window[0]).total_seconds()


def _no_phrase(anchor: _Anchor) -> TimeResolution:
    """No usable phrase: the claim is dated by publication, loosely (or not at all)."""
    if anchor.day is None:
        return TimeResolution(None, None, None, PRECISION_UNKNOWN)
    return TimeResolution(anchor.day, None, None, PRECISION_DAYS)


# Kinds of phrase that write a calendar day: one that gives no day writes a day that does not
# exist ("June 31"). When a sentence has only such phrases, or phrases whose day cannot be this
# war's, its time is unknown (precision 3, no date) rather than the publication day.
_WRITTEN_DAY_KINDS = frozenset({"date", "date_range", "night_range"})


def _plausible(candidate: _Candidate, published: datetime | date | None) -> bool:
    """Whether a reading can be this war's: its event date within `plausibility`'s span, and its
    window not wholly before the conflict or after what the report can know."""
    if not plausibility.date_is_plausible(candidate.event_date, published):
        return False
    if candidate.window is None:
        return True
    first = plausibility.conflict_start()
    latest = plausibility.latest_event_date(published)
    return candidate.window[1] > datetime.combine(first, time()) and (
        latest is None or latest >= _CALENDAR[1] or candidate.window[0] < datetime.combine(latest, time())
        + timedelta(days=1))


def resolve_time(text: str, published_at: datetime | None, fallback: date | None = None,
                 local_tz: str = "Europe/Moscow") -> TimeResolution:
    """When the claim in `text` happened, anchored on `published_at` (naive UTC) or `fallback`.

    See the module docstring for the rules; `local_tz` is the zone of "local time" and of days.
    """
    anchor = _make_anchor(published_at, fallback, ZoneInfo(local_tz))
    # What bounds the event date: the publication time whenever there is one, even one too odd
    # to count from (the same bound the extract checks apply to the article), else `fallback`.
    published = published_at if published_at is not None else fallback
    found = _scan(text)
    said = {id(f): _is_reporting_day(text, f.phrase) for f in found}
    refused: list[TimePhrase] = []

    def read(f: _Found, base: _Anchor) -> _Candidate | None:
        """A phrase's reading; one that names no real day, or not this war's, is refused."""
        c = f.rule.resolve(f.match, base)
        if c is not None and _plausible(c, published):
            return c
        if c is not None or f.rule.kind in _WRITTEN_DAY_KINDS:
            refused.append(f.phrase)
        return None

    named = [(f, c, said[id(f)]) for f in found if f.rule.names_day if (c := read(f, anchor)) is not None]
    context = _context_anchor(named, anchor)
    others = [(f, c, said[id(f)]) for f in found if not f.rule.names_day
              if (c := read(f, context)) is not None]
    candidates = named + others
    if not candidates:
        if refused:  # "on June 31", "on 7 June 1941", "in 1943": a time we will not make up
            first = min(refused, key=lambda p: p.start)
            return TimeResolution(None, None, None, PRECISION_UNKNOWN, first.text, first.start, first.end)
        resolution = _no_phrase(anchor)
        if not plausibility.date_is_plausible(resolution.event_date, published):
            return TimeResolution(None, None, None, PRECISION_UNKNOWN)  # published in 1990
        return resolution
    f, c, _ = min(candidates, key=lambda t: (t[1].precision, t[2], t[0].rule.kind not in _CLOCK_KINDS,
                                             _width(t[1]), t[0].phrase.start))
    window = c.window or (None, None)
    return TimeResolution(c.event_date, window[0], window[1], c.precision,
                          f.phrase.text, f.phrase.start, f.phrase.end)
