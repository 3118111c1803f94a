"""Counted phrases of a sentence beyond what `numbers.counted_phrases` finds on its own: "twelve
of them" (the noun of the sentence before), "shot down a drone" (one), "both missiles" (two) and
"... and two over the Rostov region" (a number whose noun is the weapon counted before it).

Separate from `numbers` because these rules know the weapon classes (`classify`); every one
is linear in the sentence's length (see `_Taken`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from skywatch import lexicon, vocab
from skywatch.extraction.classify import COUNTED_WEAPONS, first_weapon
from skywatch.extraction.revisions import TOLL_ROLES
from skywatch.numbers import (
    DESTROYED_BARE,
    Counted,
    NumberSpan,
    counted_phrases,
    find_numbers,
    phrase_category,
)
from skywatch.places import PlaceMatch

_ANAPHORA = re.compile(r"\b(?:of|among) (?:them|these|those)\b", re.I)
# "Overnight, 24 were destroyed": a bare count whose noun is the sentence before's (`numbers`).
_BARE_DESTROYED = re.compile(r"\w" + DESTROYED_BARE.pattern, re.I)


# "kamikaze-drones": read as two words (same length, so offsets stay valid).
_HYPHENATED_WEAPON = re.compile(r"(?<=\w)-(?=(?:drones?|uavs?|missiles?|rockets?)\b)", re.I)
# A weapon noun that only modifies the noun after it ("a drone attack", "a rocket system").
_NOT_THE_HEAD = (r"(?!\s+(?:attacks?|strikes?|fire|launchers?|systems?|units?|operators?|debris|fragments?|"
                 r"alerts?|danger|threat|warning|production|plant|factory|footage|video|carrier))")
SINGLE_WEAPON = re.compile(
    r"\b(?:a|an|one|another)\s+(?:(?!(?:of|and|or|with|the)\b)[\w'-]+\s+){0,3}?"
    r"(?P<noun>drone|uav|unmanned aerial vehicle|shahed|missile|rocket|glide bomb|guided bomb|"
    r"sea drone|naval drone|helicopter|aircraft|jet)\b(?!-)" + _NOT_THE_HEAD, re.I)
_ELLIPTIC_PLACE = re.compile(r"(?:\s*[-\u2013\u2014:])?\s+(?:more\s+)?(?:each\s+)?(?:was\s+|were\s+)?"
                             r"(?:(?:shot|brought|taken|knocked)\s+down\s+|\w+\s+)?"
                             r"(?:over|in|near|above|across)\b", re.I)
_NOUN_CATEGORY = {"helicopter": "aircraft", "aircraft": "aircraft", "jet": "aircraft",
                  "glide bomb": "glide_bomb", "guided bomb": "glide_bomb", "sea drone": "naval_drone",
                  "naval drone": "naval_drone", "rocket": "rocket", "missile": "missile"}


_QUOTE_MARK = re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])|\"")
# "both missiles" is two; "both attack drones and decoys" is the correlative "both ... and", no count.
# Not a floating "both" after an auxiliary ("Russia and Ukraine have both used drones"): that one
# counts the subject, not the weapons.
_BOTH = re.compile(r"(?<!\bhave )(?<!\bhas )(?<!\bhad )(?<!\bare )(?<!\bwere )(?<!\bwill )"
                   r"\bboth\s+(?:the\s+)?(?:(?!and\b)[\w'-]+\s+){0,2}?"
                   r"(?P<noun>drones|uavs|missiles|rockets)\b(?!,?\s+(?:and|as well as)\b)", re.I)
_BARE_SINGULAR = re.compile(
    r"\b(?:shot down|downed|intercepted|destroyed)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?P<noun>drone|uav|missile|rocket|shahed)\b(?!-|s\b)" + _NOT_THE_HEAD, re.I)
# The coordination that ends just before an item of a list: ", ", " and ", ", as well as ".
_LISTED_AFTER = re.compile(r"(?:\s*,\s*|\s+)(?:(?:and|as well as|plus)\s+)?$", re.I)
_DESTROY_NEAR = re.compile(r"shot down|shoot down|downed|destroy|destruct|intercept|neutrali|repel|"
                           r"suppress", re.I)


def for_counting(text: str) -> str:
    """Quotes around weapon names and hyphens before weapon nouns become spaces (same length)."""
    return _QUOTE_MARK.sub(" ", _HYPHENATED_WEAPON.sub(" ", text))


def counted_in_context(text: str, previous: str | None) -> list[Counted]:
    """Counted phrases of `text`; "twelve of them" and "24 were destroyed" borrow their noun from the
    sentence before."""
    text = for_counting(text)
    if previous is None or not (_ANAPHORA.search(text) or _BARE_DESTROYED.search(text)):
        counted = counted_phrases(text)
    else:
        offset = len(previous) + 1
        joined = counted_phrases(f"{previous} {text}")
        counted = [_shifted(c, -offset) for c in joined if c.start >= offset]
    counted = counted + single_weapons(text, counted)
    if previous is not None:
        counted = counted + anaphoric_counts(text, counted, first_weapon(previous))
    weapon = first_weapon(text)
    counted = [c for c in counted if not _modifies_a_singular(c)]
    counted = counted + bare_counts_before_places(text, counted, weapon)
    counted = counted + bare_rise_of_the_toll_before(text, counted, previous)
    return sorted(counted + respective_bare_counts(text, counted, weapon), key=lambda c: c.start)


# "By the afternoon, the number had risen to 27": a rise that names no one ("the number", "the
# figure", not "the number of drones"; `lexicon.BARE_RISE`), right before its bare number
_BARE_RISE_PHRASE = (rf"\b{lexicon.BARE_RISE_NOUNS}\s+(?:(?!of\b)[\w'-]+\s+){{0,3}}?"
                     rf"{vocab.words_regex('revision.risen')}\s+to\b")
_BARE_RISE_ANYWHERE = re.compile(_BARE_RISE_PHRASE, re.I)
_BARE_RISE_BEFORE = re.compile(_BARE_RISE_PHRASE + r"\s+$", re.I)
_BARE_RISE_REACH = 80


def bare_rise_of_the_toll_before(text: str, taken: list[Counted], previous: str | None) -> list[Counted]:
    """The bare number of a rise that names no one, when the sentence before gives tolls of one role
    only ("... killing at least 12 people. By the afternoon, the number had risen to 27"): 27 killed."""
    # the sentence before is read only for a sentence that has such a rise: "the number of ..." is
    # common, and its parse is not free
    if previous is None or not _BARE_RISE_ANYWHERE.search(text):
        return []
    roles = {c.role for c in counted_phrases(for_counting(previous)) if c.role in TOLL_ROLES}
    if len(roles) != 1:
        return []
    role = roles.pop()
    free = _Taken(len(text), taken).free
    return [Counted(number=n, value=n.value, bound=n.bound, start=n.start, end=n.end, noun_text="",
                    category="person", role=role, elliptic=True, parts=())
            for n in find_numbers(text, exclude_units=True)
            if free(n.start, n.end)
            and _BARE_RISE_BEFORE.search(text, max(0, n.start - _BARE_RISE_REACH), n.start)]


# "over the Kursk and Voronezh regions, 8 and 5 respectively": a run of bare numbers that
# "respectively" closes, after the places it pairs with.
# (a separating comma is followed by a space, a thousands comma is not: one reading per text, so
# a long run of digit groups cannot make the match backtrack exponentially)
_RESPECTIVE_RUN = re.compile(r"(?<![\d,])\d+(?:,\d{3})*(?:\s*,\s+\d+(?:,\d{3})*)*\s*,?\s+and\s+"
                             r"\d+(?:,\d{3})*\s*,?\s+respectively\b", re.I)
_RESPECTIVELY_WORD = re.compile(r"\brespectively\b", re.I)
# How far before "respectively" its run may start: searched only there, so a long sentence costs
# its length, not its square.
_RESPECTIVE_REACH = 200


def respective_bare_counts(text: str, taken: list[Counted], weapon: str | None) -> list[Counted]:
    """The bare numbers of a run that "respectively" closes ("..., 8 and 5 respectively"), each
    counting the weapon counted before the run (or the one the sentence names)."""
    runs = [run for word in _RESPECTIVELY_WORD.finditer(text)
            if (run := _RESPECTIVE_RUN.search(text, max(0, word.start() - _RESPECTIVE_REACH), word.end()))]
    if not runs:
        return []
    free = _Taken(len(text), taken).free
    numbers = find_numbers(text, exclude_units=True)
    starts = [n.start for n in numbers]
    out: list[Counted] = []
    for run in runs:
        before = [c for c in taken if c.category in COUNTED_WEAPONS and c.end <= run.start()]
        family = before[-1].category if before else weapon if weapon in COUNTED_WEAPONS else None
        if family is None:
            continue
        for n in numbers[bisect.bisect_left(starts, run.start()):bisect.bisect_left(starts, run.end())]:
            if n.end <= run.end() and free(n.start, n.end):
                out.append(Counted(number=n, value=n.value, bound=n.bound, start=n.start, end=n.end,
                                   noun_text="", category=family, role=None, elliptic=True, parts=()))
    return out


# The generic weapon nouns, whose plural ends in -s: "2022 missile attack" is a year before an
# adjective ("the 2022 missile attack"), not 2,022 missiles.
_SINGULAR_GENERIC = re.compile(r"(?:^|\s)(?:drone|missile|rocket|bomb|uav|shell)$", re.I)


def _modifies_a_singular(c: Counted) -> bool:
    """A number above one before a singular generic weapon noun: a year or a label, no count."""
    return c.value > 1 and not c.elliptic and not c.parts \
        and bool(_SINGULAR_GENERIC.search(c.noun_text.strip()))


_OF_THEM_AFTER = re.compile(r"\s+(?:of|among)\s+(?:them|these|those)\b", re.I)
# A bare number that opens its sentence and is the subject of a verb of interception: "Two were
# shot down", "All three were intercepted" (not "were destroyed", which houses are too).
_OPENS_SENTENCE = re.compile(r"\W*(?:all\s+|only\s+)?", re.I)
_SHOT_DOWN_AFTER = re.compile(r"\s+(?:of\s+them\s+)?(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?"
                              r"(?:(?:shot|brought|knocked)\s+down|downed|intercepted|neutrali[sz]ed)\b",
                              re.I)
# "Of these, 88 were shot down", "Among them: 12 ...": the phrase opens the clause the number leads.
_VERB_AFTER = re.compile(r"\s+(?:were|was|have|had|are)\b", re.I)
_OF_THEM_BEFORE = re.compile(r"\b(?:of|among)\s+(?:them|these|those)\s*[,:–—-]?\s*$", re.I)
# "Air defence shot down 95." after "The enemy launched 120 drones": a bare number that a verb of
# destruction governs, with no noun after it, counts the weapons the sentence before names.
_DESTROYING_VERB_BEFORE = re.compile(rf"\b(?:{lexicon.DESTROYED_CONTEXT.pattern})\s+$", re.I)
_NO_NOUN_AFTER = re.compile(r"\s*(?:[,;.!?)]|\s(?:and|while|but)\b|$)", re.I)


def anaphoric_counts(text: str, taken: list[Counted], previous_weapon: str | None) -> list[Counted]:
    """"Twenty-one of them were brought down" (or "Air defence shot down 21.") after "The drones were
    intercepted ...": the number counts the weapon the sentence before names, even when that one
    gave no number."""
    if previous_weapon not in COUNTED_WEAPONS:
        return []
    out = []
    free = _Taken(len(text), taken).free
    for n in find_numbers(text, exclude_units=True):
        end = _anaphor_end(text, n)
        if end is not None and free(n.start, end):
            out.append(Counted(number=n, value=n.value, bound=n.bound, start=n.start, end=end,
                               noun_text="", category=previous_weapon, role=None, elliptic=True,
                               parts=()))
    return out


def _anaphor_end(text: str, n: NumberSpan) -> int | None:
    """Where a number that counts the previous sentence's weapons ends: "21 of them", "of these,
    21 were ...", "Two were shot down" or a bare "shot down 95", each with no noun of its own; None
    for any other number."""
    if of_them := _OF_THEM_AFTER.match(text, n.end):
        return of_them.end()
    if (_NO_NOUN_AFTER.match(text, n.end) or _VERB_AFTER.match(text, n.end)) \
            and _OF_THEM_BEFORE.search(text, max(0, n.start - 20), n.start):
        return n.end
    if _OPENS_SENTENCE.fullmatch(text, 0, n.start) and _SHOT_DOWN_AFTER.match(text, n.end):
        return n.end  # "Two were shot down over the Kherson region", "All three were intercepted"
    if _NO_NOUN_AFTER.match(text, n.end) \
            and _DESTROYING_VERB_BEFORE.search(text, max(0, n.start - 30), n.start):
        return n.end
    return None


class _Taken:
    """The characters of a sentence already inside a count.

    A mask of the text, so marking and testing a span cost its length: testing each match
    against every count so far grew with the square of a long sentence's length.
    """

    def __init__(self, size: int, counted: Iterable[Counted] = ()) -> None:
        self._mask = bytearray(size)
        for c in counted:
            self.add(c.start, c.end)

    def add(self, start: int, end: int) -> None:
        start, end = max(0, start), min(len(self._mask), end)
        if end > start:
            self._mask[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        """No character of [start, end) is taken."""
        return self._mask.find(1, max(0, start), max(0, end)) < 0


def _weapon_count(m: re.Match[str], value: int, number_end: int, phrase_start: int | None = None) -> Counted:
    noun = m.group("noun").lower().rstrip("s") if m.group("noun").lower() != "uavs" else "uav"
    number = NumberSpan(start=m.start(), end=number_end, text=m.string[m.start():number_end],
                        value=value, bound="exact", number_start=m.start(), number_end=number_end)
    # The counted-noun lexicon decides where it knows the phrase ("a Vilkha rocket" is a rocket,
    # "a Russian rocket" a missile); the noun alone otherwise.
    found = phrase_category(m.string[number_end if phrase_start is None else phrase_start:m.end()])
    category = found if found in COUNTED_WEAPONS else _NOUN_CATEGORY.get(noun, "drone")
    return Counted(number=number, value=value, bound="exact", start=m.start(), end=m.end(),
                   noun_text=m.group("noun"), category=category, role=None, elliptic=False, parts=())


def single_weapons(text: str, taken: list[Counted]) -> list[Counted]:
    """"shot down a Russian drone" (1), "downed Russian rocket" (1), "both missiles" (2).

    An article counts only next to a verb of destroying, or listed right after a weapon count
    ("intercepted 4 drones and a Kalibr missile"): in "an attempt to attack with a drone was
    thwarted" the drone is a manner of speaking, not a count.
    """
    out: list[Counted] = []
    taken_so_far = _Taken(len(text), taken)
    # Where a weapon count ends: "4 drones and a missile" lists the missile with the drones, so it
    # is counted like them, however far the verb is.
    weapon_ends = {c.end for c in taken if c.category in COUNTED_WEAPONS}

    def keep(c: Counted) -> None:
        out.append(c)
        taken_so_far.add(c.start, c.end)
        weapon_ends.add(c.end)

    for m in SINGLE_WEAPON.finditer(text):
        near = text[max(0, m.start() - 40):m.end() + 40]
        listed = _LISTED_AFTER.search(text, max(0, m.start() - 20), m.start())
        if taken_so_far.free(m.start(), m.end()) and (
                _DESTROY_NEAR.search(near) or (listed is not None and listed.start() in weapon_ends)):
            keep(_weapon_count(m, 1, m.start() + len(m.group(0).split()[0])))
    for m in _BARE_SINGULAR.finditer(text):
        if taken_so_far.free(m.start("noun"), m.end()):
            keep(_weapon_count(m, 1, m.end(), phrase_start=m.start()))
    for m in _BOTH.finditer(text):
        if taken_so_far.free(m.start(), m.end()):
            keep(_weapon_count(m, 2, m.start() + 4))
    return out


def bare_counts_before_places(text: str, taken: list[Counted],
                              weapon: str | None = None) -> list[Counted]:
    """"a drone was downed near Moscow and two over the Rostov region": a number with no noun,
    followed by a place preposition, counts the weapon counted before it in the sentence (or
    the weapon the sentence names, "drones were downed, including one each in ...")."""
    weapons = [c for c in taken if c.category in COUNTED_WEAPONS]
    family = weapon if weapon in COUNTED_WEAPONS else None
    out: list[Counted] = []
    if not (weapons or family) or not _ELLIPTIC_PLACE.search(text):
        return out
    free = _Taken(len(text), taken).free
    # The source of a number's noun is the last weapon count, in `taken`'s order, that ends
    # before it; numbers come in text order, so one pass over the counts by end finds them all.
    by_end = sorted(range(len(weapons)), key=lambda k: weapons[k].end)
    seen, last = 0, -1
    for n in find_numbers(text, exclude_units=True):
        if not free(n.start, n.end) or not _ELLIPTIC_PLACE.match(text, n.end):
            continue
        while seen < len(by_end) and weapons[by_end[seen]].end <= n.start:
            last = max(last, by_end[seen])
            seen += 1
        if last >= 0:
            out.append(replace(weapons[last], number=n, value=n.value, bound=n.bound, start=n.start,
                               end=n.end, elliptic=True, parts=()))
        elif family:
            out.append(Counted(number=n, value=n.value, bound=n.bound, start=n.start, end=n.end,
                               noun_text="", category=family, role=None, elliptic=True, parts=()))
    return out


# "Kursk region: 9; Belgorod region - 7", "Bryansk (12), Kursk (10)": a bare number right after a
# place and a colon, a dash or an opening bracket.
# What stands between a place and its own number: "Kursk region: 9", "Bryansk (12)", "Oryol - 4",
# "the Bryansk region with 14"
PLACE_NUMBER_GAP = r"(?:\s*[:(\u2013\u2014-]\s*|\s+with\s+(?:another\s+)?)"
AFTER_PLACE_GAP = re.compile(PLACE_NUMBER_GAP + "$")
# A place that is the subject of a verb whose object is the number: "The Bryansk region accounted
# for 25 of them", "Kursk alone made up about 12", "the Bryansk region took the brunt with 14".
SHARE_VERB_AFTER = re.compile(r"\s*,?\s*(?:alone\s+)?(?:(?:has|had)\s+)?(?:"
                              + lexicon.SHARE_VERB.pattern + r")", re.I)
# (a count's span holds its bound words already: "about 20", "at least 12")
_SHARE_VERB_TO_NUMBER = re.compile(SHARE_VERB_AFTER.pattern + r"\s+(?:(?:another|a further)\s+)?", re.I)
# The verb of share left out of the clauses after it, its preposition standing for it (gapping):
# "The Bryansk region accounted for 20 of them, the Kursk region for 15 and the Tula region for 10".
_GAPPED_SHARE_GAP = re.compile(r"\s+for\s+(?:(?:another|a further)\s+)?$", re.I)


def share_gap(text: str, place_end: int, number_start: int) -> bool:
    """Whether a verb of share between them, or its preposition "for" after "accounted for" earlier
    in the sentence, makes the number at `number_start` the share of the place ending at `place_end`."""
    # matched on the whole text, not up to the number: a verb may look ahead at it ("had 6")
    verb = _SHARE_VERB_TO_NUMBER.match(text, place_end)
    if verb is not None and verb.end() == number_start:
        return True
    if _GAPPED_SHARE_GAP.fullmatch(text, place_end, number_start) is None:
        return False
    first = _first_share_verb_with_for(text)
    return first is not None and first <= place_end


@lru_cache(maxsize=256)
def _first_share_verb_with_for(text: str) -> int | None:
    """Where the sentence's first verb of share ending in "for" ends: read once per sentence, as
    every place and number of a long list asks for it."""
    return next((verb.end() for verb in lexicon.SHARE_VERB.finditer(text)
                 if verb.group(0).lower().endswith("for")), None)


def bare_counts_after_places(text: str, places: list[PlaceMatch], taken: list[Counted],
                             family: str) -> list[Counted]:
    """Numbers without a noun that a place and a colon or dash introduce (or a verb of share,
    "the Bryansk region took the brunt with 14"), counting `family`
    (the weapon of the total they break down)."""
    free = _Taken(len(text), taken).free
    ends = {p.end for p in places}
    sorted_ends = sorted(ends)
    out: list[Counted] = []
    for n in find_numbers(text, exclude_units=True):
        window = max(0, n.start - 40)
        after_place = AFTER_PLACE_GAP.search(text[window:n.start])
        tied = (after_place is not None and window + after_place.start() in ends) \
            or any(share_gap(text, end, n.start) for end in _ends_between(sorted_ends, window, n.start))
        if tied and free(n.start, n.end):
            out.append(Counted(number=n, value=n.value, bound=n.bound, start=n.start, end=n.end,
                               noun_text="", category=family, role=None, elliptic=True, parts=()))
    return out


def _ends_between(ends: list[int], start: int, end: int) -> list[int]:
    """The sorted `ends` in [start, end), by bisection: a long text has thousands of places."""
    return ends[bisect.bisect_left(ends, start):bisect.bisect_left(ends, end)]


def _shifted(c: Counted, delta: int) -> Counted:
    number = replace(c.number, start=c.number.start + delta, end=c.number.end + delta,
                     number_start=c.number.number_start + delta, number_end=c.number.number_end + delta)
    return replace(c, number=number, start=c.start + delta, end=c.end + delta)


# A total that closes the list of its parts: "..., 10 over the Oryol region, for a total of 59",
# "..., a total of 59", and told after the number, "..., 59 in total" (`closes_the_list`).
_CLOSING_TOTAL = re.compile(
    r",\s*(?:(?:(?:for|making|giving)\s+)?a\s+total\s+of|bringing\s+the\s+total\s+to)\s*$", re.I)
_CLOSING_TOTAL_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:in\s+total|in\s+all|altogether)\b", re.I)
_COMMA_BEFORE = re.compile(r",\s*$")


def closes_the_list(sentence: str, number: NumberSpan) -> bool:
    """Whether the number is the total that closes a list of its parts before it."""
    before = sentence[max(0, number.start - 40):number.start]
    if _CLOSING_TOTAL.search(before) is not None:
        return True
    return _COMMA_BEFORE.search(before) is not None \
        and _CLOSING_TOTAL_AFTER.match(sentence, number.end) is not None
