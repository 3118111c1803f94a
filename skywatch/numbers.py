"""Numbers in news text, and the noun phrases they count.

`find_numbers` finds cardinal numbers written in digits ("1,200", "10 000", "1.5 million") or
in words ("forty-six", "one hundred and four", "a dozen", "half a million"), with the bound
words around them ("at least 8", "up to 20", "about 500", "10-15"), and drops numbers that
are not counts: years, dates, clock times, ordinals, model designators (Shahed-136, S-400),
percentages, money, phone and label numbers, ages.

`counted_phrases` pairs each number with the noun phrase it counts ("104 Ukrainian unmanned
aerial vehicles" -> drone), borrows the noun for elliptic counts ("11 drones over Belgorod,
28 over Voronezh"), reads casualty forms ("killed three people", "22 injured", "no one was
hurt") and adds up coordinated phrases of one category ("six apartment buildings and one
private residence" -> 7 buildings).

Everything is plain regular expressions and token rules (no spaCy), so a whole day of
articles runs in seconds. Spelled-out English numbers are read by text2num's token-based
`find_numbers`; the things it does not do (dozens, "a million", "half a million", vague
plurals that it reads as numbers) are handled here.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from text_to_num import find_numbers as _t2n_find_numbers

from skywatch import vocab
from skywatch.text import sentence_spans

Bound = Literal["exact", "at_least", "at_most", "approximate"]
Role = Literal["killed", "injured", "without_power"]


@dataclass(frozen=True)
class NumberSpan:
    """A count found in text.

    `start`/`end` cover the bound words too ("at least 8"), `number_start`/`number_end` only
    the numeral ("8", "10-15", "half a million"). For a range, `value` is the low end and
    `high` the high end (but `value` is the high end under "up to 10-12"). `pronoun_like`
    marks a bare "one" not followed by a noun ("one of the", "the first one"), whose value 1
    the caller may want to ignore. `spelled` says the numeral is written in words.
    """

    start: int
    end: int
    text: str
    value: int
    bound: Bound = "exact"
    number_start: int = -1
    number_end: int = -1
    high: int | None = None
    pronoun_like: bool = False
    spelled: bool = False


@dataclass(frozen=True)
class Counted:
    """A number with what it counts.

    `start`/`end` cover the whole phrase, `noun_text` is the counted noun phrase (borrowed from
    an earlier or later phrase when `elliptic`). `number` is always set: for the zero counts of
    "no one was injured" it covers the negating words ("no one", value 0), for a single "a shop"
    or "a woman" the article (value 1). A sum of coordinated phrases has `parts`, and the
    `number` of its first part.
    """

    number: NumberSpan
    value: int
    bound: Bound
    start: int
    end: int
    noun_text: str
    category: str
    role: Role | None = None
    elliptic: bool = False
    parts: tuple[Counted, ...] = field(default=())


# ---------------------------------------------------------------------------------------------
# Tokens shared by the word-number pass and the noun-phrase pass.
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    low: str


# A word keeps its inner hyphens, slashes and trailing digits, so designators ("Kh-59",
# "Shahed-136/131", "m2") and hyphenated number words ("forty-six") are single tokens.
# A numeral hyphenated to a word ("63-year-old", "9-storey") is one adjective token.
_TOKEN = re.compile(r"[^\W\d_]+[0-9\u00b2]*(?:['\u2019][^\W\d_]+)?(?:[-/][^\W_]+)*"
                    r"|\d+(?:-[^\W\d_]+)+|\d+(?:[.,]\d+)*|\S")


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]


def _is_word(tok: _Tok) -> bool:
    return tok.low[0].isalpha()


# ---------------------------------------------------------------------------------------------
# Candidate numerals.
# ---------------------------------------------------------------------------------------------

@dataclass
class _Cand:
    start: int
    end: int
    value: int
    spelled: bool
    high: int | None = None
    plain: str = ""  # the digits of a numeral without separators or multiplier, for year tests


_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "mln": 10**6, "mn": 10**6,
                "billion": 10**9, "bln": 10**9, "bn": 10**9, "trillion": 10**12, "dozen": 12}
# The largest value a NumberSpan may carry: what a 64-bit integer column holds. A numeral above
# it ("9223372036854775808 drones", a 30-digit run) is no count of anything and is dropped here,
# before any arithmetic; the per-kind bounds of `plausibility` are the extractor's business.
MAX_VALUE = 2**63 - 1
_MAX_DIGITS = len(str(MAX_VALUE))  # longer digit runs are not even converted (int() has limits)
_MULT_WORDS = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))

# Digits: grouped by commas or (thin) spaces in threes, or plain with an optional decimal part.
# The atomic group stops "1.5m" or "14:30" from being read as a shorter number; a decimal is a
# count only with a multiplier ("1.5 million"). Letters glued to either side mean an ordinal,
# a designator or a unit ("2nd", "S1", "10km"), so those never match.
_DIGITS = re.compile(
    r"(?<![\w.,:/+\u066b\u066c])"
    r"(?P<num>(?>\d{1,3}(?:(?:,|[ \u00a0\u2009\u202f])\d{3})+(?!\d)|\d+(?:[.,]\d+)?))"
    rf"(?:\s?(?P<mult>{_MULT_WORDS})\b|(?![\w]|[:/.,\u066b\u066c]\d))"
)  # U+066B/U+066C: the Arabic decimal and thousands separators, which this pattern does not read


def _one_script(digits: str) -> bool:
    """Whether all digits come from one script: "12" or "\uff11\uff12" (fullwidth) or Arabic-Indic
    digits are read, a mix such as "1\u0663" is a glitch, not a number."""
    return len({ord(ch) - unicodedata.decimal(ch) for ch in digits}) == 1


def _digit_value(num: str, mult: str | None) -> int | None:
    """The exact value of a digit numeral and its multiplier, None when it is not a count.

    Integer and Decimal arithmetic only: a float turns 9223372036854775807 into ...808 and a
    309-digit run into infinity.
    """
    digits = re.sub(r"\D", "", num)
    if not _one_script(digits):
        return None
    grouped = re.fullmatch(r"\d{1,3}(?:[, \u00a0\u2009\u202f]\d{3})+", num) is not None
    if not (grouped or mult or num.isdigit()):
        return None  # "3.5" alone is a measurement, not a count
    if len(digits.lstrip("0")) > _MAX_DIGITS:
        return None
    if grouped or not mult:
        value = int(digits)
    else:  # "1,5 million" is a European decimal comma
        decimal = Decimal(unicodedata.normalize("NFKC", num).replace(",", "."))
        value = round(decimal * _MULTIPLIERS[mult.lower()])
    if mult and grouped:
        value *= _MULTIPLIERS[mult.lower()]
    return value if value <= MAX_VALUE else None


def _digit_candidates(text: str) -> list[_Cand]:
    """Numerals written with digits, with a following multiplier word folded in."""
    cands = []
    for m in _DIGITS.finditer(text):
        num, mult = m.group("num"), m.group("mult")
        if re.match(r"0[\d \u00a0\u2009\u202f]", num):
            continue  # a leading zero: a code, a phone number or a clock time ("0800")
        value = _digit_value(num, mult)
        if value is None:
            continue
        plain = num if num.isdigit() and not mult else ""
        cands.append(_Cand(m.start(), m.end(), value, False, plain=plain))
    return cands


class _T2nToken:
    """The token protocol text2num's `find_numbers` wants."""

    __slots__ = ("_low", "_blocked")

    def __init__(self, low: str, blocked: bool) -> None:
        self._low = low
        self._blocked = blocked

    def text(self) -> str:
        return self._low

    def nt_separated(self, previous: _T2nToken) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return self._blocked


# text2num reads these plurals as numbers ("hundreds" -> 100); in news they are vague.
_VAGUE_PLURALS = frozenset({"tens", "dozens", "hundreds", "thousands", "millions", "billions", "scores"})
_BARE_MULTIPLIERS = frozenset({"hundred", "thousand", "million", "billion", "dozen"})
# Lead-ins that turn a bare multiplier into a number; longest first.
_ARTICLE_LEADS: tuple[tuple[tuple[str, ...], float], ...] = (
    (("a", "quarter", "of", "a"), 0.25), (("quarter", "of", "a"), 0.25),
    (("half", "a"), 0.5), (("half", "an"), 0.5), (("a", "half"), 0.5),
    (("a",), 1.0), (("an",), 1.0),
)


def _article_lead(toks: list[_Tok], first: int) -> tuple[int, float] | None:
    """(first token, factor) of "a", "half a", "a quarter of a" just before token `first`."""
    for lead, factor in _ARTICLE_LEADS:
        begin = first - len(lead)
        if begin >= 0 and tuple(t.low for t in toks[begin:first]) == lead:
            return begin, factor
    return None


def _word_candidates(text: str, toks: list[_Tok], digits: list[_Cand]) -> list[_Cand]:
    """Numbers written in words, read by text2num, with dozens and articles added here."""
    taken = _Spans([(c.start, c.end) for c in digits])
    blocked = [not _is_word(t) and t.low[0].isdigit() or taken.overlaps(t.start, t.end) for t in toks]
    stream = [_T2nToken(t.low, b) for t, b in zip(toks, blocked, strict=True)]
    spans: list[list[float]] = []  # [first token, end token, value]
    for occ in _t2n_find_numbers(stream, "en", 0.0):
        words = {toks[k].low for k in range(occ.start, occ.end)}
        if occ.is_ordinal or words & _VAGUE_PLURALS:
            continue
        spans.append([occ.start, occ.end, occ.value])
    spans = _join_fractions(toks, spans)
    spans += _article_dozens(toks, spans)
    cands = []
    for first, end, value in spans:
        first, end = int(first), int(end)
        if value != int(value) or not 0 <= value <= MAX_VALUE:
            continue  # "one point five" with no multiplier after it; "minus five"; "a billion billion"
        if toks[first].low == "one" and first and toks[first - 1].low in {"no", "every", "any"}:
            continue  # "no one", "every one" are pronouns, not counts
        cands.append(_Cand(toks[first].start, toks[end - 1].end, int(value), True))
    return cands


class _Spans:
    """Sorted, non-overlapping (start, end) spans with a logarithmic overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end) - 1  # the last span starting before `end`
        return i >= 0 and self._spans[i][1] > start


def _join_fractions(toks: list[_Tok], spans: list[list[float]]) -> list[list[float]]:
    """Fold multipliers and dozens into the number before them; drop bare multipliers.

    text2num gives "1.5" and "1000000" for "one point five million", only "1000000" for "half
    a million" and "2" for "two dozen".
    """
    out: list[list[float]] = []
    for first, end, value in spans:
        first, end = int(first), int(end)
        if out and out[-1][1] == first and toks[first].low in _BARE_MULTIPLIERS and out[-1][2] % 1:
            out[-1][1], out[-1][2] = end, out[-1][2] * value  # "one point five million"
            continue
        if toks[first].low in _BARE_MULTIPLIERS:
            lead = _article_lead(toks, first)
            if lead is None:
                continue  # "several thousand", "a few hundred": vague
            first, factor = lead
            if (factor == 0.5 and out and first >= 2 and toks[first - 1].low == "and"
                    and out[-1][1] == first - 1):
                out[-1][1], out[-1][2] = end, (out[-1][2] + 0.5) * value  # "one and a half million"
                continue
            value *= factor
        if end < len(toks) and toks[end].low == "dozen":
            end, value = end + 1, value * 12
        out.append([first, end, value])
    return out


def _article_dozens(toks: list[_Tok], spans: list[list[float]]) -> list[list[float]]:
    """ "a dozen", "half a dozen": text2num does not know "dozen" at all."""
    covered = {k for first, end, _ in spans for k in range(int(first), int(end))}
    out: list[list[float]] = []
    for k, tok in enumerate(toks):
        if tok.low == "dozen" and k not in covered:
            lead = _article_lead(toks, k)
            if lead is not None:
                out.append([lead[0], k + 1, 12 * lead[1]])
    return out


# ---------------------------------------------------------------------------------------------
# Ranges and bounds.
# ---------------------------------------------------------------------------------------------

_RANGE_JOIN = re.compile(r"\s*(?:-|\u2013|\u2014)\s*|\s+(?:to|or)\s+")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
# "rose from 3 to 5" is a change, not a range.
_CHANGE_FROM = re.compile(
    r"\b(?:rose|risen|rising|rises|increased|increasing|climbed|grew|grown|jumped|went up|"
    r"fell|fallen|dropped|decreased|declined|went down|up|down)\s+from\s+$", re.I)


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """"10-15", "10 to 15", "two or three", "between 10 and 15" become one candidate."""
    out: list[_Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.high is None and cand.value > prev.value and \
                _is_range_join(text, prev, cand):
            out[-1] = replace(prev, end=cand.end, high=cand.value,
                              plain=prev.plain if cand.plain else "")
            continue
        out.append(cand)
    return out


def _is_range_join(text: str, low: _Cand, high: _Cand) -> bool:
    gap = text[low.end:high.start]
    before = text[max(0, low.start - 30):low.start]
    if gap.strip().lower() == "and":
        return _BETWEEN.search(before) is not None
    if not _RANGE_JOIN.fullmatch(gap):
        return False
    return not (gap.strip().lower() == "to" and _CHANGE_FROM.search(before))


_AT_LEAST = (r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|"
             r"(?:well\s+|just\s+)?(?:more\s+than|over|above)|upwards\s+of|in\s+excess\s+of|"
             r"a\s+minimum\s+of")
_AT_MOST = (r"up\s+to|no\s+more\s+than|not\s+more\s+than|(?:just\s+)?(?:fewer\s+than|less\s+than|"
            r"under|below)|at\s+most|a\s+maximum\s+of|as\s+many\s+as")
_APPROX = (r"about|around|approximately|approx\.|roughly|nearly|almost|some|an\s+estimated|"
           r"estimated|circa|close\s+to|an\s+approximate")
# Anchored at the end of the text before the number, so "over" counts only directly before it.
_BOUND_BEFORE = re.compile(
    rf"(?<![\w.])(?:(?P<at_least>{_AT_LEAST})|(?P<at_most>{_AT_MOST})|(?P<approximate>{_APPROX}))\s+$"
    r"|(?P<tilde>~)\s*$", re.I)
_BOUND_AFTER = re.compile(
    r"(?P<at_least>\+|-plus\b|\s+or\s+more\b)|(?P<at_most>\s+or\s+(?:fewer|less)\b)"
    r"|(?P<approximate>-odd\b|\s+or\s+so\b)", re.I)
_BOUND_WINDOW = 40


def _bound(text: str, cand: _Cand) -> tuple[Bound, int, int]:
    """The bound of a candidate and the span that includes its bound words."""
    start, end, bound = cand.start, cand.end, "exact"
    after = _BOUND_AFTER.match(text, cand.end)
    if after:
        end, bound = after.end(), after.lastgroup or "exact"
    elif cand.high is not None:
        bound = "at_least"  # a range says at least its low end
    before = _BOUND_BEFORE.search(text, max(0, cand.start - _BOUND_WINDOW), cand.start)
    if before:
        start = before.start()
        bound = "approximate" if before.lastgroup == "tilde" else before.lastgroup or bound
    return bound, start, end  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# What is not a count.
# ---------------------------------------------------------------------------------------------

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# Case-sensitive on purpose: "may" and "march" are also verbs.
_MONTH = "(?:" + "|".join([*_MONTH_NAMES, *(m.upper() for m in _MONTH_NAMES),
                           *(rf"{a}\b\.?" for a in _MONTH_ABBR)]) + r")\b"
_DAY_TAIL = r"(?:st|nd|rd|th)?"
_DATE_AFTER = re.compile(
    rf"{_DAY_TAIL}(?:\s*(?:and|or|to|-|,|&)\s*\d{{1,2}}{_DAY_TAIL})?\s*(?:of\s+)?{_MONTH}")
_DATE_BEFORE = re.compile(rf"(?<![\w]){_MONTH}\.?\s*(?:\d{{1,2}}{_DAY_TAIL}\s*(?:and|or|to|-|,|&)\s*)?$")
_TIME_AFTER = re.compile(
    r"\s*(?:[ap]\.\s?m\.|[ap]m\b|o'clock\b|(?:GMT|UTC|CET|CEST|EET|EEST|MSK)\b|"
    r"(?:local|Moscow|Kyiv|Kiev|Minsk)\s+time\b)", re.I)
_HHMM_AFTER = re.compile(r"\s*(?:hours|hrs|h)\b", re.I)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent\b|percent\b|pct\b|percentage\s+points?\b)", re.I)
_MONEY_BEFORE = re.compile(r"(?:[$\u20ac\u00a3\u20b4\u20bd\u00a5]|\b(?:US\$|USD|EUR|UAH|RUB|GBP))\s*$")
_MONEY_AFTER = re.compile(
    r"\s*(?:(?:US\s+)?dollars?|euros?|rubles?|roubles?|hryvni?as?|hryvnyas?|pounds?|"
    r"USD|EUR|UAH|RUB|GBP)\b", re.I)
_PHONE_BEFORE = re.compile(
    r"\b(?:call|calling|dial|dialling|dialing|phone|telephone|tel\.?|hotline|helpline|number)"
    r"\s*(?:number\s*)?(?:is\s+|are\s+|on\s+|at\s+)?:?\s*$", re.I)
_PHONE_AFTER = re.compile(r"\s*(?:hotline|helpline|emergency\s+(?:line|number|hotline))\b", re.I)
# A capitalised label before a number names a thing ("Unit 4", "School No. 5", "Day 3").
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|no|Art|Vol|Bldg|Mk)\.|#|\u2116|\b(?:Number|Article|Part|Section|Paragraph|Chapter|"
    r"Unit|Block|Building|Room|Apartment|Flat|Flight|Route|Highway|Road|Gate|Terminal|Platform|"
    r"Level|Grade|Resolution|Order|Decree|Law|Channel|Ward|Reactor|Exit|Station|Line|Sector|Zone|"
    r"Page|Volume|Season|Episode|Item|Point|Hospital|School|Lyceum|Gymnasium|Kindergarten|Brigade|"
    r"Regiment|Battalion|Division|Squadron|Corps|Army|House|Street|Avenue|Lot|Plot|Phase|Stage|"
    r"Round|Day|Week|Group|Category|Class|Type|Model|Version|Mark|Pier|Berth|Hangar|Track|Runway))"
    r"\s*$")
_WORLD_WAR_BEFORE = re.compile(r"\bWorld\s+War\s*$", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+(?:\d+\s*(?:and|or|,|-|to)\s*)*$", re.I)  # "aged 5 and 7"
_AGE_AFTER = re.compile(r"\s*-?\s*(?:years?|yrs?|months?)[\s-]*old\b|\s+years?\s+of\s+age\b", re.I)
_UNIT_AFTER = re.compile(
    r"\s*-?\s*(?:km|kilomet(?:re|er)s?|mi|miles?|met(?:re|er)s?|m|cm|mm|kg|kilograms?|grams?|"
    r"tonnes?|tons?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|nights?|weeks?|months?|years?|"
    r"decades?|centuries|km/h|kph|mph|knots?|litres?|liters?|degrees?|MW|GW|kW|kV|megawatts?|"
    r"gigawatts?|kilowatts?|kilovolts?|hectares?|ha|acres?|times|kilotons?|"
    r"square\s+(?:kilomet(?:re|er)s?|km|miles?))(?![\w\u00b2])", re.I)
_HYPHEN_AFTER = re.compile(r"-[^\W_]")  # "12-storey", "Shahed-136" seen from the left
_HYPHEN_BEFORE = re.compile(r"[^\W_]-$")  # "Kh-59", "S-400", "2022-23"
# Digit groups one space apart that did not group into thousands: a phone number or a code.
_SEQUENCE_BEFORE = re.compile(r"\d[ \u00a0]$")
_SEQUENCE_AFTER = re.compile(r"[ \u00a0]\d")
_YEAR_PREPOSITIONS = frozenset({
    "in", "since", "of", "by", "until", "till", "from", "to", "during", "before", "after", "early",
    "late", "mid", "year", "spring", "summer", "autumn", "fall", "winter", "throughout", "between",
    "and", "through", "circa"})
# A number under a minus sign is no count: "-5 drones", "minus five". The sign must stand alone
# (after a space, a bracket or the start), so the hyphen of "10-15" or "Kh-59" is not one.
_NEGATIVE_BEFORE = re.compile(r"(?:(?<![\w)\]%.,])[-\u2212]|\bminus\s+)$", re.I)
# Exponent notation: "10^30", "10**30", "10 to the power of 30" (and "1e30", which the digit
# pattern never reads): neither the base nor the exponent is a count.
_EXPONENT_BEFORE = re.compile(r"(?:\^|\*\*|\bto\s+the\s+power\s+(?:of\s+)?)\s*[-+\u2212]?$", re.I)
_EXPONENT_AFTER = re.compile(r"\s*(?:\^|\*\*|[x\u00d7\u22c5*]\s*10\s*(?:\^|\*\*)|to\s+the\s+power\b)", re.I)
# "5 quintillion", "five trillion": a scale word the number readers do not fold in ("5 trillion"
# in digits is folded). The number before it is not the count.
_ILLION_AFTER = re.compile(r"\s*-?\s*[a-z]*illions?\b", re.I)
_CONTEXT = 40


def _is_year(text: str, cand: _Cand, bound: Bound) -> bool:
    """A plain four-digit 19xx/20xx is a year, unless a bound or a counted noun says otherwise."""
    if len(cand.plain) != 4 or not 1900 <= int(cand.plain) <= 2099:
        return False
    if bound != "exact" and cand.high is None:
        return False  # "about 2000 people"
    before = re.findall(r"[A-Za-z]+", text[max(0, cand.start - 20):cand.start])
    if before and before[-1].lower() in _YEAR_PREPOSITIONS:
        return True
    return _head_after(text, cand.end) is None  # "2000 drones" is a count


def _exclusion(text: str, cand: _Cand, bound: Bound, suffix_end: int, exclude_units: bool) -> str | None:
    """Why a candidate is not a count, or None when it is one."""
    before = text[max(0, cand.start - _CONTEXT):cand.start]
    after = text[cand.end:cand.end + _CONTEXT]
    # Callables, so the first reason found stops the search.
    checks: list[tuple[str, Callable[[], bool]]] = [
        ("negative", lambda: bool(_NEGATIVE_BEFORE.search(before))),
        ("exponent", lambda: bool(_EXPONENT_BEFORE.search(before)) or bool(_EXPONENT_AFTER.match(after))),
        ("scale_word", lambda: bool(_ILLION_AFTER.match(after))),
        ("hyphen_compound", lambda: not cand.spelled and (
            bool(_HYPHEN_BEFORE.search(before))
            or (suffix_end == cand.end and bool(_HYPHEN_AFTER.match(after))))),
        ("digit_sequence", lambda: not cand.spelled and (
            bool(_SEQUENCE_BEFORE.search(before)) or bool(_SEQUENCE_AFTER.match(after)))),
        ("date", lambda: not cand.spelled and cand.value <= 31 and (
            bool(_DATE_AFTER.match(after)) or bool(_DATE_BEFORE.search(before)))),
        ("year", lambda: _is_year(text, cand, bound)),
        ("time", lambda: bool(_TIME_AFTER.match(after)) or (
            len(cand.plain) == 4 and cand.value % 100 < 60 and cand.value < 2400
            and bool(_HHMM_AFTER.match(after)))),
        ("percent", lambda: bool(_PERCENT_AFTER.match(after))),
        ("money", lambda: bool(_MONEY_BEFORE.search(before)) or bool(_MONEY_AFTER.match(after))),
        ("phone", lambda: bool(_PHONE_BEFORE.search(before)) or bool(_PHONE_AFTER.match(after))),
        ("label", lambda: bool(_LABEL_BEFORE.search(before))),
        ("world_war", lambda: bool(_WORLD_WAR_BEFORE.search(before))),
        ("age", lambda: bool(_AGE_BEFORE.search(before)) or bool(_AGE_AFTER.match(after))),
        ("unit", lambda: exclude_units and bool(_UNIT_AFTER.match(text, suffix_end))),
    ]
    return next((reason for reason, hit in checks if hit()), None)


# ---------------------------------------------------------------------------------------------
# find_numbers
# ---------------------------------------------------------------------------------------------

_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "in", "on", "at", "over", "from", "to", "by", "with", "near", "across", "into", "onto",
    "during", "for", "after", "before", "since", "per", "against", "toward", "towards", "above",
    "below", "under", "around", "about", "between", "through", "within", "without", "via", "along",
    "off", "out", "up", "down", "of", "and", "or", "but", "nor", "as", "than", "then", "while",
    "when", "where", "which", "who", "whom", "whose", "if", "because", "so", "yet", "also", "not",
    "all", "both", "each", "every", "there", "here", "it", "they", "them", "we", "he", "she", "i",
    "you", "was", "were", "is", "are", "be", "been", "being", "have", "has", "had", "will", "would",
    "could", "can", "may", "might", "should", "must", "did", "do", "does", "according", "said",
    "says", "reportedly", "including", "others", "another", "more", "other", "later", "too",
})


# Past-tense verbs without "-ed" that often follow a headless count ("one hit a barn").
_IRREGULAR_VERBS = frozenset({
    "hit", "struck", "fell", "shot", "flew", "came", "went", "took", "made", "left", "got", "broke",
    "burst", "sank", "ran", "set", "began", "became", "saw", "caught", "brought", "blew", "lost",
    "tore", "drove", "hung", "spread", "sent", "found", "told", "hits", "falls", "flies"})


def _pronoun_like(text: str, cand: _Cand) -> bool:
    """A spelled "one" that no noun follows: "one of the", "the first one", "one was hit"."""
    if not cand.spelled or cand.value != 1 or text[cand.start:cand.end].lower() != "one":
        return False
    words = re.match(r"\s*([^\W\d_]+)?(?:\s+([^\W\d_]+))?", text[cand.end:cand.end + 40])
    nxt = (words.group(1) or "").lower() if words else ""
    if not nxt or nxt in _FUNCTION_WORDS or nxt in _IRREGULAR_VERBS:
        return True
    # "one landed in a field": an -ed word followed by a function word is a verb, not an adjective.
    then = (words.group(2) or "").lower() if words else ""
    return nxt.endswith("ed") and (not then or then in _FUNCTION_WORDS)


def find_numbers(text: str, *, exclude_units: bool = False) -> list[NumberSpan]:
    """Every count in `text`, in order, with its bound (see `_find_numbers`).

    Cached: extraction asks for the numbers of one sentence several times (counted phrases,
    elliptic counts, mentions); NumberSpan is immutable, so the list is copied, not the spans.
    """
    return list(_find_numbers_cached(text, exclude_units))


@lru_cache(maxsize=8192)
def _find_numbers_cached(text: str, exclude_units: bool) -> tuple[NumberSpan, ...]:
    return tuple(_find_numbers(text, exclude_units=exclude_units))


def _find_numbers(text: str, *, exclude_units: bool = False) -> list[NumberSpan]:
    """Every count in `text`, in order, with its bound.

    With `exclude_units`, numbers of a length, duration, weight, power or similar unit ("30 km",
    "3 days") are left out too; square metres are kept, as they are counted areas.
    """
    toks = _tokens(text)
    digits = _digit_candidates(text)
    cands = sorted(digits + _word_candidates(text, toks, digits), key=lambda c: c.start)
    spans = []
    for cand in _merge_ranges(text, cands):
        bound, start, end = _bound(text, cand)
        if _exclusion(text, cand, bound, end, exclude_units):
            continue
        # "up to 10-12" caps the high end; every other range bound speaks of the low end.
        value = cand.high if cand.high is not None and bound == "at_most" else cand.value
        spans.append(NumberSpan(
            start=start, end=end, text=text[start:end], value=value, bound=bound,
            number_start=cand.start, number_end=cand.end, high=cand.high,
            pronoun_like=_pronoun_like(text, cand), spelled=cand.spelled))
    return spans


# ---------------------------------------------------------------------------------------------
# The lexicon of counted nouns.
# ---------------------------------------------------------------------------------------------

# The counted nouns live in skywatch/vocab (weapons.yaml `counted`, counted_nouns.yaml). Each is
# matched against lower-cased tokens joined by single spaces; the longest match at a position
# wins, so "sea drones" is a naval drone and "rocket launchers" not a rocket.
_LEXICON = tuple((cat, re.compile(rf"(?:{src})(?= |$)")) for cat, src in vocab.counted_nouns())
_LEXICON_SPAN = 4  # tokens a lexicon phrase may have

# Nouns that take a counted noun as their modifier: "5 drone attacks" counts attacks.
_FOLLOWER_NOUNS = frozenset({
    "attack", "strike", "raid", "wave", "launcher", "system", "operator", "unit", "crew", "team",
    "site", "fragment", "part", "component", "engine", "alert", "warning", "factory", "plant",
    "depot", "pilot", "base", "airfield", "launch", "hit", "manufacturer", "maker", "regiment",
    "battalion", "battery", "interceptor", "hunter", "carrier", "group", "sortie", "production",
    "debris", "wreckage", "shelter"})
_INVARIANT_NOUNS = frozenset({"debris", "wreckage", "production"})
# Words that may stand after a counted noun inside its phrase ("Shahed attack drones").
_MODIFIERS = frozenset({
    "attack", "strike", "combat", "kamikaze", "reconnaissance", "recon", "decoy", "cruise",
    "ballistic", "guided", "hypersonic", "long-range", "medium-range", "short-range",
    "air-launched", "sea-launched", "ground-launched", "anti-ship", "anti-aircraft", "anti-radar",
    "surface-to-air", "air-to-surface", "air-to-air", "aircraft-type", "jet", "jet-powered", "fpv",
    "heavy", "light", "small", "large", "enemy", "hostile", "russian", "ukrainian", "belarusian",
    "iranian", "north", "korean", "fixed-wing", "type", "unmanned", "aerial", "more", "other",
    "additional", "further", "new", "total", "private", "residential", "apartment", "multi-storey",
    "multistorey", "civilian", "military", "local", "several", "different", "separate",
})
# "5 dead", "3 wounded": the word after a count is what befell them, not the noun it counts
# (vocab cues.yaml `words: roles`).
_CASUALTY_ADJECTIVES = frozenset(vocab.words("roles.casualty_adjective"))


def _lexicon_at(toks: list[_Tok], i: int, stop: int) -> tuple[str, int] | None:
    """(category, token count) of the longest lexicon phrase starting at token i."""
    joined = " ".join(t.low for t in toks[i:min(stop, i + _LEXICON_SPAN)])
    best: tuple[str, int] | None = None
    best_len = 0
    for category, pattern in _LEXICON:
        m = pattern.match(joined)
        if m and m.end() > best_len:
            best, best_len = (category, m.group().count(" ") + 1), m.end()
    return best


def phrase_category(phrase: str) -> str | None:
    """The category of the longest lexicon phrase that ends `phrase`: "Vilkha rocket" is a rocket
    (weapons.yaml, `rocket`), "Russian rocket" a missile (a bare "rocket", `missile`)."""
    words = phrase.lower().split()
    for i in range(max(0, len(words) - _LEXICON_SPAN), len(words)):
        joined = " ".join(words[i:])
        found = next((category for category, pattern in _LEXICON if pattern.fullmatch(joined)), None)
        if found is not None:
            return found
    return None


def _is_break(tok: _Tok) -> bool:
    """A token that ends a noun phrase: punctuation, a numeral, a function word."""
    if tok.low[0].isdigit() and "-" in tok.low:
        return False  # "a 63-year-old woman": an adjective
    # "5 more drones", "12 other people": these function words stand inside a noun phrase.
    return not _is_word(tok) or (tok.low in _FUNCTION_WORDS and tok.low not in _MODIFIERS)


def _agrees(tok: _Tok, plural: bool) -> bool:
    """Whether a follower noun has the grammatical number the count asks for."""
    low = tok.low
    if low in _INVARIANT_NOUNS:
        return True
    if plural:
        return low.endswith("s") and (low[:-1] in _FOLLOWER_NOUNS or low[:-2] in _FOLLOWER_NOUNS)
    return low in _FOLLOWER_NOUNS


def _noun_like(tok: _Tok, raw: str) -> bool:
    """A word that could head an unknown noun phrase ("5 regions"), for category 'other'."""
    low = tok.low
    if any(ch.isdigit() for ch in low) and "-" in low:
        return True  # a designator used as a noun: "3 Tu-95s"
    if not low.isalpha() or raw[:1].isupper() or low in _MODIFIERS or low in _CASUALTY_ADJECTIVES \
            or low in _IRREGULAR_VERBS:
        return False
    return not low.endswith(("ed", "ly", "ing"))


@dataclass(frozen=True)
class _Head:
    category: str
    first: int  # first token of the noun phrase (after the number)
    last: int  # last token of the head noun


_PRE_HEAD = 4  # words allowed between a number and its head noun
_POST_HEAD = 4  # words a phrase may run on after the first head noun


def _scan_head(text: str, toks: list[_Tok], i: int, stop: int, plural: bool) -> _Head | None | str:
    """The head noun of the phrase starting at token i.

    Returns a `_Head`, "of" when the number is followed by a partitive "of"/"out of" with no
    head of its own, or None when no noun follows.
    """
    fallback: int | None = None
    for j in range(i, min(stop, i + _PRE_HEAD)):
        found = _lexicon_at(toks, j, stop)
        if found:
            return _extend_head(toks, i, j, found, stop, plural)
        tok = toks[j]
        if tok.low in {"of", "out"} and fallback is None:
            return "of"
        # "17 hit targets in the Sumy region": a verb ends the phrase, whose noun is then none
        # ("targets" is what the 17 hit, not what they are)
        if _is_break(tok) or (tok.low in _IRREGULAR_VERBS and fallback is None):
            break
        if _noun_like(tok, text[tok.start:tok.end]):
            fallback = j
    if fallback is not None:
        return _Head("other", i, fallback)
    return None


def _extend_head(toks: list[_Tok], i: int, j: int, found: tuple[str, int], stop: int,
                 plural: bool) -> _Head:
    """Run on past the first head noun while modifiers and nouns continue the phrase."""
    category, size = found
    last = j + size - 1
    k = last + 1
    limit = min(stop, last + 1 + _POST_HEAD)
    while k < limit:
        nxt = _lexicon_at(toks, k, stop)
        tok = toks[k]
        if nxt:
            category, last = nxt[0], k + nxt[1] - 1
            k = last + 1
        elif _agrees(tok, plural):
            category, last = "other", k  # "drone attacks": the attacks are counted
            k += 1
        elif tok.low in _MODIFIERS or (any(c.isdigit() for c in tok.low) and "-" in tok.low):
            k += 1
        else:
            break
    return _Head(category, i, last)


def _head_after(text: str, end: int) -> _Head | None:
    """The lexicon head right after offset `end` (used to tell "2000 drones" from a year)."""
    window = text[end:end + 80]
    toks = _tokens(window)
    head = _scan_head(window, toks, 0, len(toks), True)
    return head if isinstance(head, _Head) and head.category != "other" else None


# ---------------------------------------------------------------------------------------------
# Casualty and power cues.
# ---------------------------------------------------------------------------------------------

# Role words: vocab cues.yaml `words: roles` (one token each, compared as they are).
_KILLED_CUES = frozenset(vocab.words("roles.killed"))
_INJURED_CUES = frozenset(vocab.words("roles.injured"))
_POWER_WORDS = frozenset(vocab.words("roles.supply"))
_TOLL_NOUNS = {**dict.fromkeys(vocab.words("roles.killed_toll"), "killed"),
               **dict.fromkeys(vocab.words("roles.injured_toll"), "injured")}
_TOLL_SUBSET_LEADS = frozenset(vocab.words("roles.toll_subset_lead"))
_POWER_LEADS = frozenset(vocab.words("roles.without_power_lead"))
_POWER_CUES = frozenset(vocab.words("roles.without_power_cue"))
# Verbs directly before a headless count: "killing 3", "injured 12".
_CASUALTY_VERBS_BEFORE = {**dict.fromkeys(vocab.words("roles.killed_before"), "killed"),
                          **dict.fromkeys(vocab.words("roles.injured_before"), "injured")}
_CASUALTY_AFTER = {**dict.fromkeys(vocab.words("roles.killed_after"), "killed"),
                   **dict.fromkeys(vocab.words("roles.injured_after"), "injured")}
_AUX = frozenset({"were", "was", "are", "is", "have", "has", "had", "been", "got", "being", "later",
                  "also", "reportedly", "seriously", "severely", "critically", "slightly", "lightly",
                  "fatally", "people", "others", "more", "other", "of", "them", "now"})
_TOLL_PATH = frozenset({"rose", "risen", "has", "had", "have", "climbed", "increased", "reached", "grew",
                        "grown", "jumped", "to", "at", "is", "was", "stands", "stood", "now", "of",
                        "the", "-", ":", "further", "already", "death", "from", "since", "later",
                        "subsequently", "eventually", "then"})
_ROLE_WINDOW = 8
_RISE_VERBS = frozenset({"rose", "risen", "climbed", "increased", "reached", "grew", "grown", "jumped"})
# What may stand in the phrase between a toll and its verb ("the death toll from the Russian missile
# strike on Ternopil rose to 19"): words, not a clause break or another number.
_TOLL_REACH = 16
# The words that open the phrase after a toll noun: "the death toll from ...", "the number of
# injured as a result of the strike ...", "... due to the attack on ...".
_TOLL_PHRASE_OPENS = frozenset({"from", "in", "of", "after", "following", "as", "due", "during", "because"})


def _toll_subject_before(toks: list[_Tok], verb: int, lo: int) -> int | None:
    """The toll noun that a prepositional phrase separates from its verb of rise at `verb`
    ("the death toll from the strike on Ternopil rose to 19"), within `_TOLL_REACH` tokens."""
    for k in range(verb - 1, max(lo, verb - _TOLL_REACH) - 1, -1):
        low = toks[k].low
        if low in _TOLL_NOUNS:
            # "toll" after "from/in/of the ..." leads the phrase: its noun is the subject only
            # when a preposition follows it ("the death toll from ..."), not inside it
            nxt = toks[k + 1].low if k + 1 < verb else ""
            if nxt in _TOLL_PHRASE_OPENS and not _names_some_of_them(toks, k, lo):
                return k
            return None
        if not low[0].isalpha() and low != "-":
            return None  # a clause break (",", ";") or another number
    return None


def _cues(toks: list[_Tok], first: int, stop: int) -> list[tuple[int, Role]]:
    """(token index, role) of every casualty or power-cut cue in tokens [first, stop)."""
    cues: list[tuple[int, Role]] = []
    for k in range(first, stop):
        low = toks[k].low
        if low in _KILLED_CUES:
            cues.append((k, "killed"))
        elif low in _INJURED_CUES:
            cues.append((k, "injured"))
        elif low in _POWER_CUES or (low in _POWER_LEADS and any(  # "left without power", "power was cut"
                t.low in _POWER_WORDS for t in toks[k + 1:min(stop, k + 4)] + toks[max(first, k - 3):k])):
            cues.append((k, "without_power"))
    return cues


def _nearest_role(cues: list[tuple[int, Role]], first: int, last: int) -> Role | None:
    """The role of the cue nearest to tokens [first, last]; on a tie the one after wins.

    A cue inside the phrase is its adjective ("12 wounded civilians") and wins outright.
    `cues` is sorted by token index, so only the few within the window are looked at.
    """
    lo = bisect.bisect_left(cues, (first - _ROLE_WINDOW,))
    hi = bisect.bisect_right(cues, (last + _ROLE_WINDOW + 1,))
    best: tuple[int, int] | None = None
    role: Role | None = None
    for k, cue_role in cues[lo:hi]:
        if first <= k <= last:
            return cue_role
        distance = first - k if k < first else k - last
        key = (distance, 0 if k > last else 1)
        if best is None or key < best:
            best, role = key, cue_role
    return role


def _names_some_of_them(toks: list[_Tok], noun: int, lo: int) -> bool:
    """Whether the toll noun at `noun` follows "among (the)", which picks out some of the dead or
    injured rather than counting them."""
    k = noun - 1
    if k >= lo and toks[k].low == "the":
        k -= 1
    return k >= lo and toks[k].low in _TOLL_SUBSET_LEADS


def _adjacent_casualty(toks: list[_Tok], s: int, e: int, sent: tuple[int, int]) -> tuple[Role, int] | None:
    """(role, cue token) when a headless count sits right by a casualty word.

    Covers "killing 3", "injured 12", "3 were killed", "22 injured", "death toll rose to 5",
    "the number of injured has risen to 25".
    """
    lo, hi = sent
    if s - 1 >= lo and toks[s - 1].low in _CASUALTY_VERBS_BEFORE:
        return _CASUALTY_VERBS_BEFORE[toks[s - 1].low], s - 1  # type: ignore[return-value]
    rise = None  # the verb of a rise passed on the way back: "rose", "has risen"
    for k in range(s - 1, max(lo, s - 7) - 1, -1):
        if toks[k].low in _TOLL_NOUNS:  # "the death toll rose to 5", "the number of injured rose to 25"
            if _names_some_of_them(toks, k, lo):
                break  # "among the injured was a girl": one of them, not how many
            return _TOLL_NOUNS[toks[k].low], k  # type: ignore[return-value]
        if toks[k].low in _RISE_VERBS:
            rise = k
        if toks[k].low not in _TOLL_PATH and not toks[k].low[0].isdigit():
            break  # "rose from 3 to 5" may pass a number on the way
    if rise is not None and (subject := _toll_subject_before(toks, rise, lo)) is not None:
        # "the death toll from the missile strike on Ternopil rose to 19": the toll is the subject
        # of the verb of rise, with the phrase that says whose toll between them
        return _TOLL_NOUNS[toks[subject].low], subject  # type: ignore[return-value]
    k = e
    while k < hi and k < e + 4 and toks[k].low in _AUX:
        k += 1
    if k < hi:
        low = toks[k].low
        if low in _CASUALTY_AFTER:
            return _CASUALTY_AFTER[low], k  # type: ignore[return-value]
        nxt = [t.low for t in toks[k + 1:min(hi, k + 3)]]
        if low == "lost" and nxt[-1:] in (["lives"], ["life"]):
            return "killed", k + 2
        # "suffered injuries", "sustained shrapnel wounds", "received serious head injuries"
        after_verb = [t.low for t in toks[k + 1:min(hi, k + 4)]]
        injury = next((i for i, w in enumerate(after_verb) if w in ("injuries", "injury", "wounds")), None)
        if low in {"suffered", "sustained", "received"} and injury is not None:
            return "injured", k + 1 + injury
    return None


# ---------------------------------------------------------------------------------------------
# counted_phrases
# ---------------------------------------------------------------------------------------------

_PEOPLE_CATEGORIES = frozenset({"person", "resident", "household"})


def _final_category(raw: str, role: Role | None) -> str:
    """Resolve the provisional categories by role."""
    if raw == "resident":
        return "person" if role in ("killed", "injured") else "resident"
    if raw == "person" and role == "without_power":
        return "resident"
    if raw == "home":
        return "household" if role == "without_power" else "building"
    return raw


def _final_role(category: str, role: Role | None) -> Role | None:
    """Roles only mean something for people and households; households cannot be killed."""
    if category not in _PEOPLE_CATEGORIES:
        return None
    if category == "household" and role != "without_power":
        return None
    return role


@dataclass
class _Doc:
    text: str
    toks: list[_Tok]
    tok_starts: list[int]
    sents: list[tuple[int, int]]  # token index ranges of sentences
    sent_starts: list[int]
    cue_cache: dict[tuple[int, int], list[tuple[int, Role]]] = field(default_factory=dict)

    def cues(self, sent: tuple[int, int]) -> list[tuple[int, Role]]:
        """The casualty and power cues of a sentence, computed once."""
        if sent not in self.cue_cache:
            self.cue_cache[sent] = _cues(self.toks, *sent)
        return self.cue_cache[sent]

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.tok_starts, offset)

    def sentence(self, k: int) -> tuple[int, int]:
        """Token range of the sentence holding token k (the whole text if none does)."""
        i = bisect.bisect_right(self.sent_starts, k) - 1
        if i >= 0 and k < self.sents[i][1]:
            return self.sents[i]
        return 0, len(self.toks)


def _doc(text: str) -> _Doc:
    toks = _tokens(text)
    starts = [t.start for t in toks]
    sents = [(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e))
             for s, e in sentence_spans(text)] or [(0, len(toks))]
    return _Doc(text, toks, starts, sents, [lo for lo, _ in sents])


@dataclass
class _Item:
    """A number being resolved: its tokens, sentence and (once known) what it counts."""

    number: NumberSpan
    s: int  # first token of the span (bound words included)
    e: int  # token after the numeral
    sent: tuple[int, int]
    head: _Head | None | str = None
    counted: Counted | None = None


def _own_phrase(doc: _Doc, item: _Item) -> Counted | None:
    """The Counted for a number followed by its own head noun (or a partitive "of the X")."""
    head = item.head
    if head == "of":
        head = _partitive_head(doc, item)
    if not isinstance(head, _Head):
        return None
    role = _nearest_role(doc.cues(item.sent), item.s, head.last)
    category = _final_category(head.category, role)
    n = item.number
    end = doc.toks[head.last].end
    noun = doc.text[doc.toks[head.first].start:end]
    return Counted(n, n.value, n.bound, n.start, end, noun, category, _final_role(category, role))


_PARTITIVE_DETERMINERS = frozenset({"the", "these", "those", "its", "their", "all", "our", "enemy"})


def _partitive_head(doc: _Doc, item: _Item) -> _Head | None:
    """"46 of the drones": the head noun after "of" and a determiner."""
    k = item.e
    if k >= item.sent[1] or doc.toks[k].low != "of":
        return None
    k += 1
    while k < item.sent[1] and doc.toks[k].low in _PARTITIVE_DETERMINERS:
        k += 1
    head = _scan_head(doc.text, doc.toks, k, item.sent[1], True)
    return head if isinstance(head, _Head) else None


def _casualty_phrase(doc: _Doc, item: _Item) -> Counted | None:
    """A count with no noun of its own next to a casualty word: "22 injured", "killing 3"."""
    found = _adjacent_casualty(doc.toks, item.s, item.e, item.sent)
    if found is None:
        return None
    role, k = found
    n = item.number
    cue = doc.toks[k]
    start, end = min(n.start, cue.start), max(n.end, cue.end)
    return Counted(n, n.value, n.bound, start, end, cue.low, "person", role)


_FORWARD_LINKS = frozenset({"out", "of", "and", "or", "&", "the"})


def _forward_borrow(doc: _Doc, item: _Item, nxt: _Item) -> Counted | None:
    """"58 out of 59 drones", "5 Russian and 3 Ukrainian drones": the noun of the next count."""
    if nxt.counted is None or nxt.counted.elliptic or nxt.sent != item.sent:
        return None
    between = doc.toks[item.e:nxt.s]
    if not between or not any(t.low in _FORWARD_LINKS - {"the"} for t in between):
        return None
    if not all(t.low in _FORWARD_LINKS or t.low in _MODIFIERS for t in between):
        return None
    return _borrowed(doc, item, nxt.counted)


def _borrowed(doc: _Doc, item: _Item, source: Counted) -> Counted:
    """A Counted for `item` with the noun and category of `source`."""
    n = item.number
    # Its own cue wins ("3 people were killed and 2 injured"); else it shares the source's.
    role = _nearest_role(doc.cues(item.sent), item.s, item.e - 1) or source.role
    category = _final_category(source.category, role)
    return Counted(n, n.value, n.bound, n.start, n.end, source.noun_text, category,
                   _final_role(category, role), elliptic=True)


def _items(doc: _Doc, numbers: list[NumberSpan]) -> list[_Item]:
    items = []
    for n in numbers:
        s, e = doc.tok_at(n.start), doc.tok_at(n.end)
        sent = doc.sentence(s)
        head = _scan_head(doc.text, doc.toks, e, sent[1], n.value != 1 or n.high is not None)
        items.append(_Item(n, s, e, sent, head))
    return items


def _resolve(doc: _Doc, items: list[_Item]) -> None:
    """Give each number its Counted: own noun, casualty word, next noun, earlier noun."""
    for item in items:
        item.counted = _own_phrase(doc, item)
    for item in items:
        if item.counted is None and item.head in (None, "of"):
            item.counted = _casualty_phrase(doc, item)
    for i in range(len(items) - 2, -1, -1):
        item = items[i]
        if item.counted is None and item.head in (None, "of"):
            item.counted = _forward_borrow(doc, item, items[i + 1])
    source: Counted | None = None  # the last count with a known noun in this sentence
    before: Counted | None = None  # the same for the sentence just before
    weapons: list[Counted] = []  # the counts of weapons of this sentence so far
    for i, item in enumerate(items):
        if i and items[i - 1].sent != item.sent:
            before = source if items[i - 1].sent[1] == item.sent[0] else None
            source, weapons = None, []
        if item.counted is None and item.head in (None, "of"):
            # "Twelve of them ..." points back past the sentence start, and so does a bare number
            # whose verb destroys ("Overnight, 24 were destroyed over the Bryansk region": drones)
            if source is None and (_anaphoric(doc, item) or _destroyed_bare(doc, item)):
                source = before
            if source is not None:
                item.counted = _borrowed(doc, item, _whole_that_holds(source, weapons, item.number.value))
        if item.counted is not None and item.counted.category != "other":
            source = item.counted
            if source.category in _WEAPON_CATEGORIES and not source.elliptic:
                weapons.append(source)


def _whole_that_holds(source: Counted, weapons: list[Counted], value: int) -> Counted:
    """The count of weapons a bare number borrows its noun from: the last one, unless that one is
    fewer than the number and an earlier one of the sentence is not ("launched 84 drones and six
    missiles; 61 were shot down": 61 of the drones, as no more can be shot down than came)."""
    if source.category not in _WEAPON_CATEGORIES or source.value >= value:
        return source
    return next((w for w in reversed(weapons) if w.value >= value), source)


_ANAPHORS = frozenset({"them", "these", "those"})
# A bare number that is the subject of the destruction of weapons: "24 were destroyed", "30 more
# had been shot down" (the verbs: cues.yaml `destroyed_context`).
DESTROYED_BARE = re.compile(r"\s+(?:more\s+)?(?:were|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:"
                             + "|".join(vocab.cue("destroyed_context")) + ")", re.I)


def _destroyed_bare(doc: _Doc, item: _Item) -> bool:
    return DESTROYED_BARE.match(doc.text, item.number.end) is not None
_WEAPON_CATEGORIES = frozenset(vocab.weapon_families())


def _anaphoric(doc: _Doc, item: _Item) -> bool:
    """Whether a count is followed by "of them"/"of these"/"of those"."""
    k = item.e
    return k + 1 < item.sent[1] and doc.toks[k].low == "of" and doc.toks[k + 1].low in _ANAPHORS


# ---------------------------------------------------------------------------------------------
# Sums of coordinated phrases.
# ---------------------------------------------------------------------------------------------

# A possessive may stand before the next item: "a woman and her two children".
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+|plus\s+)"
                           r"(?:(?:her|his|their)\s+)?", re.I)
# One person before the first counted phrase: "the driver and three passengers", "a woman and her
# two children" (the article or "the" before a singular noun is one).
_LEADING_SINGLE = re.compile(r"\b(?:a|an|the|one)\s+(?P<noun>[a-z]+)\s+and\s+(?:(?:her|his|their)\s+)?$",
                             re.I)
_ARTICLE_ITEM = re.compile(r"(?:a|an)\s", re.I)


def _article_part(doc: _Doc, prev: Counted) -> Counted | None:
    """A single item "a shop" coordinated after a counted phrase: it adds one."""
    m = _COORDINATION.match(doc.text, prev.end)
    if not m or not _ARTICLE_ITEM.match(doc.text, m.end()):
        return None
    k = doc.tok_at(m.end())
    sent = doc.sentence(k)
    head = _scan_head(doc.text, doc.toks, k + 1, sent[1], False)
    if not isinstance(head, _Head):
        return None
    role = _nearest_role(doc.cues(sent), k, head.last)
    category = _final_category(head.category, role)
    a = doc.toks[k]
    number = NumberSpan(a.start, a.end, doc.text[a.start:a.end], 1, "exact", a.start, a.end)
    end = doc.toks[head.last].end
    noun = doc.text[doc.toks[head.first].start:end]
    return Counted(number, 1, "exact", a.start, end, noun, category, _final_role(category, role))


def _leading_single(doc: _Doc, first: Counted) -> Counted | None:
    """The one person coordinated before a counted phrase of people ("the driver and three
    passengers were injured": four), counted as one of that phrase's category and role."""
    if first.category != "person" or first.elliptic or first.parts:
        return None
    m = _LEADING_SINGLE.search(doc.text, max(0, first.start - 40), first.start)
    if m is None or m.group("noun").endswith("s") or phrase_category(m.group("noun")) != "person":
        return None
    word = m.group(0).split()[0]
    number = NumberSpan(m.start(), m.start() + len(word), word, 1, "exact", m.start(), m.start() + len(word))
    return Counted(number, 1, "exact", m.start(), m.end("noun"), m.group("noun"), first.category, first.role)


def _joins(doc: _Doc, group: list[Counted], part: Counted) -> bool:
    last = group[-1]
    if part.elliptic or part.parts or part.category != last.category or part.category == "other":
        return False
    roles = {c.role for c in group if c.role} | ({part.role} if part.role else set())
    if len(roles) > 1:
        return False
    m = _COORDINATION.match(doc.text, last.end)
    return m is not None and m.end() == part.start


def _sum_bound(parts: Iterable[Counted]) -> Bound:
    bounds = {p.bound for p in parts} - {"exact"}
    if not bounds:
        return "exact"
    return bounds.pop() if len(bounds) == 1 else "approximate"


def _summed(group: list[Counted]) -> Counted:
    if len(group) == 1:
        return group[0]
    role = next((c.role for c in group if c.role), None)
    parts = tuple(group)
    # the span of a numeral, not of "the" in "the driver and three passengers"
    number = next((c.number for c in group if c.number.text.lower() not in ("a", "an", "the")),
                  group[0].number)
    return Counted(number, sum(c.value for c in group), _sum_bound(group), group[0].start,
                   group[-1].end, " + ".join(c.noun_text for c in group), group[0].category, role,
                   parts=parts)


def _sum_coordinated(doc: _Doc, counted: list[Counted]) -> list[Counted]:
    """Add up "six apartment buildings and one private residence" into one Counted.

    Only phrases with their own number and noun, of one category and one role, joined by
    commas, "and", "as well as" or "plus", are added; an "a"/"an" item ("and a shop") counts
    one. A single item before the first number ("a shop and two houses") is not seen.
    """
    out: list[Counted] = []
    group: list[Counted] = []
    for c in counted:
        if group and _joins(doc, group, c):
            group.append(c)
            continue
        while group and c.start > group[-1].end:
            single = _article_part(doc, group[-1])
            if single is None or not _joins(doc, group, single) or single.end > c.start:
                break
            group.append(single)
        if group and _joins(doc, group, c):
            group.append(c)
            continue
        if group:
            out.extend(_summed(g) for g in _closed_lists(doc.text, group))
        group = [c] if not c.elliptic and c.category != "other" else []
        if not group:
            out.append(c)
        elif (single := _leading_single(doc, c)) is not None \
                and not (out and out[-1].end > single.start):
            group = [single, c]
    while group:
        single = _article_part(doc, group[-1])
        if single is None or not _joins(doc, group, single):
            break
        group.append(single)
    if group:
        out.extend(_summed(g) for g in _closed_lists(doc.text, group))
    return out


# A comma alone between two counted phrases (public: `extraction.quantities` reads lists with it too).
COMMA_ONLY = re.compile(r"\s*,\s*(?:(?:her|his|their)\s+)?")


def _closed_lists(text: str, group: list[Counted]) -> list[list[Counted]]:
    """A group of coordinated phrases cut where a comma ends it with no "and" after: a list is
    "A, B and C"; in "shot down 52 drones, 14 drones hit targets" the comma starts another clause."""
    lists = [group]
    while len(lists[0]) > 1 and COMMA_ONLY.fullmatch(text, lists[0][-2].end, lists[0][-1].start):
        head = lists.pop(0)
        lists[:0] = [head[:-1], [head[-1]]]
    return lists


# ---------------------------------------------------------------------------------------------
# Zero counts: "no one was injured", "no casualties".
# ---------------------------------------------------------------------------------------------

_ZERO_VERB = {"killed": ("killed",), "died": ("killed",), "dead": ("killed",), "perished": ("killed",),
              "injured": ("injured",), "hurt": ("injured",), "wounded": ("injured",),
              "harmed": ("injured",), "hospitalised": ("injured",), "hospitalized": ("injured",)}
_ZERO_NOUN = {"casualties": ("killed", "injured"), "victims": ("killed", "injured"),
              "injuries": ("injured",), "injured": ("injured",), "wounded": ("injured",),
              "deaths": ("killed",), "fatalities": ("killed",), "dead": ("killed",),
              "loss of life": ("killed",)}
_ZERO_WORDS = "|".join(_ZERO_VERB)
_ZERO_SUBJECT = re.compile(
    r"\b(?P<neg>no\s*-?\s*one|nobody|none|no\s+(?:people|civilians|residents|persons|one\s+else))"
    r"(?:\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|got))?"
    r"(?:\s+(?:reportedly|immediately|seriously|initially|badly|reported))*"
    rf"\s+(?P<w1>{_ZERO_WORDS})\b(?:\s+(?:or|and|nor)\s+(?P<w2>{_ZERO_WORDS})\b)?", re.I)
_ZERO_NOUNS = "|".join(sorted(_ZERO_NOUN, key=len, reverse=True)).replace(" ", r"\s+")
_ZERO_OBJECT = re.compile(
    r"\b(?P<neg>no|zero|without(?:\s+any)?)\s+(?:reported\s+|immediate\s+|civilian\s+|human\s+)?"
    rf"(?P<w1>{_ZERO_NOUNS})\b(?:\s+(?:or|and|nor)\s+(?P<w2>{_ZERO_NOUNS})\b)?", re.I)


def _zero_counts(text: str) -> list[Counted]:
    """Counted of value 0 for each role a negated casualty statement rules out."""
    out = []
    for pattern, table in ((_ZERO_SUBJECT, _ZERO_VERB), (_ZERO_OBJECT, _ZERO_NOUN)):
        for m in pattern.finditer(text):
            roles: list[Role] = []
            for word in (m.group("w1"), m.group("w2")):
                if word:
                    key = re.sub(r"\s+", " ", word.lower())
                    roles += [r for r in table[key] if r not in roles]  # type: ignore[misc]
            # The negating words stand in for the numeral, so every Counted has a number.
            a, b = m.span("neg")
            number = NumberSpan(a, b, text[a:b], 0, "exact", a, b)
            for role in roles:
                out.append(Counted(number, 0, "exact", m.start(), m.end(), m.group(), "person", role))
    return out


# One person: an article ("a man", "another woman"), or a possessive before a singular noun ("her
# husband", "their son"), or "the" right after a verb of harm ("wounding the driver": a person the
# sentence has not counted).
_PERSON_DETERMINER = re.compile(r"\b(?:a|an|another|his|her|their|the)\s", re.I)
_POSSESSIVES = frozenset({"his", "her", "their"})
_PLURAL_WITHOUT_S = re.compile(r"(?:men|women|children|people|police|personnel|staff)$")
# Single people joined into one group: "a man and his wife", "a woman, her son and a neighbour".
_SINGLES_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.I)


@dataclass(frozen=True)
class _Single:
    article: int  # token of the article or possessive
    last: int  # last token of the head noun
    counted: Counted


def _single_people(doc: _Doc) -> list[_Single]:
    """Every "a woman", "an elderly man", "her husband": one person each, with no numeral."""
    out = []
    for m in _PERSON_DETERMINER.finditer(doc.text):
        k = doc.tok_at(m.start())
        sent = doc.sentence(k)
        head = _scan_head(doc.text, doc.toks, k + 1, sent[1], False)
        if not isinstance(head, _Head) or head.category not in ("person", "resident"):
            continue
        low = doc.toks[head.last].low
        if low.endswith("s") or (doc.toks[k].low in _POSSESSIVES and _PLURAL_WITHOUT_S.search(low)):
            continue  # "a few residents", "a number of civilians", "their children"
        a = doc.toks[k]
        end = doc.toks[head.last].end
        # the span of the whole phrase: "her husband" is the evidence of one, "her" alone is not
        number = NumberSpan(a.start, end, doc.text[a.start:end], 1, "exact", a.start, end)
        noun = doc.text[doc.toks[head.first].start:end]
        out.append(_Single(k, head.last, Counted(number, 1, "exact", a.start, end, noun, "person")))
    return out


def _article_casualties(doc: _Doc) -> list[Counted]:
    """"a woman was killed", "injuring a man": one person, with no numeral; "a man and his wife
    were injured": single people joined by "and" or commas are one count of them all."""
    out = []
    chain: list[_Single] = []
    for single in [*_single_people(doc), None]:
        if single is not None and chain \
                and _SINGLES_JOINED.fullmatch(doc.text, chain[-1].counted.end, single.counted.start):
            chain.append(single)
            continue
        if chain:
            found = _adjacent_casualty(doc.toks, chain[0].article, chain[-1].last + 1,
                                       doc.sentence(chain[0].article))
            # "the driver" counts as one only where the harm verb governs it: "wounding the driver",
            # or "the driver was injured" (a passive right after); "the wounded", "the man said" do not
            if found is not None and (doc.toks[chain[0].article].low != "the"
                                      or found[1] == chain[0].article - 1 or found[1] > chain[-1].last):
                out.append(_chain_count(doc.text, chain, found[0]))
        chain = [single] if single is not None else []
    return out


def _chain_count(text: str, chain: list[_Single], role: Role) -> Counted:
    """One count of the joined single people, its span the whole group ("a man and his wife")."""
    parts = tuple(replace(s.counted, role=role) for s in chain)
    if len(parts) == 1:
        return parts[0]
    start, end = parts[0].start, parts[-1].end
    number = NumberSpan(start, end, text[start:end], len(parts), "exact", start, end)
    return Counted(number, len(parts), "exact", start, end,
                   " + ".join(p.noun_text for p in parts), "person", role, parts=parts)


def counted_phrases(text: str) -> list[Counted]:
    """Every count in `text` with the noun phrase it counts, in text order.

    Numbers with no noun that none can be borrowed for ("rose to 50") are left out; so are
    units of length, time and the like ("30 km", "3 days").
    """
    doc = _doc(text)
    items = _items(doc, find_numbers(text, exclude_units=True))
    _resolve(doc, items)
    counted = [item.counted for item in items if item.counted is not None]
    counted = _sum_coordinated(doc, counted)
    zeros = _zero_counts(text)
    # "zero casualties" is read by both passes; the zero pass knows the roles.
    covered = _Spans([(z.start, z.end) for z in zeros])
    counted = [c for c in counted if not covered.overlaps(c.start, c.end)]
    # "two men and a woman were hurt" already counts the woman inside its sum.
    taken = _Spans([(c.start, c.end) for c in counted])
    singles = [c for c in _article_casualties(doc) if not taken.overlaps(c.start, c.end)]
    return sorted(counted + zeros + singles, key=lambda c: (c.start, c.end))
