"""Which event-model count kind a counted phrase fills (`vocab/count_kinds.yaml`), and the
quantities of a claim: one figure per kind, the first a sentence states, none beyond the bounds
of `plausibility`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from skywatch import lexicon, plausibility, vocab
from skywatch.extraction.classify import COUNTED_WEAPONS, DESTROYED_KINDS, LAUNCHED_KINDS, WEAPON_FAMILY
from skywatch.extraction.counting import closes_the_list
from skywatch.extraction.facts import Facts
from skywatch.extraction.revisions import TOLL_ROLES
from skywatch.numbers import COMMA_ONLY, Counted, NumberSpan, find_numbers, phrase_category

_POWER_CUT = dict(lexicon.EFFECTS)["power_outage"]


@dataclass
class Quantity:
    kind: str
    value: int
    bound: str
    start: int  # absolute offsets in the clean text
    end: int


class Coordination(NamedTuple):
    """The span of the counts of weapons coordinated with a count ("3 missiles and 18 drones"): the
    words before `start` govern them all, and so does the verb after `end`."""

    start: int
    end: int


def quantity_kind(counted: Counted, event_type: str, sentence: str,
                  coordination: Coordination | None = None) -> str | None:
    """The event-model kind of a counted phrase in a sentence of the given event type;
    `coordination` is the span of the counts coordinated with it (`coordinations`)."""
    category, role = counted.category, counted.role
    if event_type == "attack" and counted.number.text.lower() in ("a", "an", "another") \
            and role not in TOLL_ROLES:
        return None  # "a drone hit a house" says how, not how many were launched ("a man was killed" counts)
    if category in COUNTED_WEAPONS:
        stage = _weapon_stage(counted, event_type, sentence,
                              coordination or Coordination(counted.start, counted.end))
        family = WEAPON_FAMILY[category]
        return stage and _kind_of(event_type, category, role, family, stage)
    if role is None and category in ("resident", "household", "person") and _POWER_CUT.search(sentence):
        role = "without_power"  # "left 500,000 residents in four towns without electricity"
    return _kind_of(event_type, category, role)


def _kind_of(event_type: str, category: str | None, role: str | None,
             weapons: str | None = None, stage: str | None = None) -> str | None:
    """The first count kind of `vocab/count_kinds.yaml` that a number so described fits."""
    return next((k.id for k in vocab.count_kind_records()
                 if k.fits(event_type=event_type, category=category, role=role,
                           weapons=weapons, stage=stage)), None)


def _weapon_stage(counted: Counted, event_type: str, sentence: str, coordination: Coordination) -> str | None:
    """Whether counted weapons were `launched` or `destroyed`, from the words before the number and
    the verb after it (after the `coordination`: "3 missiles and 18 drones hit ..." is the verb of
    both, and "attacked with 147 drones and three missiles" the verb of both)."""
    verb_at = coordination.end
    before = sentence[max(0, counted.start - 40):counted.start]
    lead = sentence[max(0, coordination.start - 40):coordination.start] \
        if coordination.start < counted.start else before  # the words before the whole list
    parallel = _parallel_part_start(sentence, counted, before)
    if parallel is not None:
        # "shot down 102 of the 128 drones Russia launched, as well as 3 of the 4 missiles": a part
        # coordinated with an earlier part of the same shape shares its verb, not the nearer one
        before = lead = sentence[max(0, parallel - 40):parallel]
    if _ALL_BUT.search(before):
        return None  # "downed all but 1 drone": the one that got through
    if _DEBRIS_OF.search(before):
        return None  # "debris of one of the drones shot down hit a shed": what fell, not how many
    if _HITS_BY_BEFORE.search(before):
        return None  # "hits by 2 missiles and 31 drones were recorded": how many got through, not came
    if _is_whole_of_part(sentence, counted.number):
        # "shot down 62 of 85 drones", "48 of the 55 drones were shot down", "5 of the 7 missiles
        # hit": the whole is how many came (a verb after governs the part)
        return "launched"
    if _LOST_AFTER.match(sentence, verb_at) and not _THEN_DESTROYED.match(sentence, verb_at):
        return None  # "44 drones went astray", "18 were lost locally": neither hit nor shot down
    if event_type == "interception" and _GOT_THROUGH_AFTER.match(sentence, verb_at):
        return None  # "98 were shot down; 14 drones hit targets in the Sumy region": those got through
    if _DESTROYED_AFTER.match(sentence, counted.end):
        # "launched 93 drones overnight, 71 of which were shot down": the verb the number governs
        # comes after it and outranks the one before, which governs the earlier number
        return "destroyed" if event_type == "interception" else None
    if event_type == "interception" and closes_the_list(sentence, counted.number):
        return "destroyed"  # "28 over Belgorod, 21 over Kursk ..., for a total of 59": the parts' sum
    if (_PART_OF_AFTER.match(sentence, counted.end) and not counted.elliptic
            and not lexicon.DESTROYED_CONTEXT.search(before)) \
            or (_WHOLE_OPENS_CLAUSE.search(before) and _PARTS_AFTER.match(sentence, counted.end)):
        # "attacked with 93 drones, of which 71 ...", "of the 85 drones, 60 were shot down": the
        # whole is how many came ("destroyed 30 drones, 14 of them
        # over Bryansk" is a destroyed whole, and so is a list's "8 over Kursk, 3 of which ...")
        return "launched"
    if event_type == "attack" and lexicon.DESTROYED_CONTEXT.search(lead[-25:]):
        return None  # "shot down five drones" in a sentence that also reports damage
    # "destroyed a total of 118 drones: 32 over ...": a total that a verb of destruction governs is
    # no launch, for the number itself nor for the list it opens
    before = _DESTROYED_TOTAL_OF.sub(r"\1", lead)
    launched = bool(lexicon.LAUNCHED_CONTEXT.search(before)) and not bool(
        lexicon.DESTROYED_CONTEXT.search(before[-15:]))
    if event_type == "interception" and not launched:
        return "destroyed"
    if launched or event_type == "attack":
        return "launched"
    return None


# A part told with its whole right after it: "3 of the 4 cruise missiles", "two out of three".
_WHOLE_AFTER = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?", re.I)
_JOINED_TO_PART = re.compile(r"\w" + _WHOLE_AFTER.pattern + "$", re.I)
# What coordinates a count with the one before it: ", as well as ", " and ", ", plus ".
_COORDINATED_BEFORE = re.compile(r"(?:\s*,\s*|\s+)(?:and|as\s+well\s+as|plus)\s+(?:also\s+)?$", re.I)


def _parallel_part_start(sentence: str, counted: Counted, before: str) -> int | None:
    """Where the earlier part of a whole starts that the part `counted` is coordinated with, both
    of the shape "N of the M": the verb that governs that one governs this one too."""
    if not _COORDINATED_BEFORE.search(before) or not _WHOLE_AFTER.match(sentence, counted.number.end):
        return None
    parts, _ = _parts_and_wholes(sentence)
    if counted.number.start not in parts:
        return None
    at = bisect.bisect_left(parts, counted.number.start)  # the sorted starts of the parts before it
    return parts[at - 1] if at else None


def _is_whole_of_part(sentence: str, number: NumberSpan) -> bool:
    """Whether `number` is the whole of a part told right before it: the 85 of "62 of 85 drones"."""
    # most numbers follow no "of": the sentence's numbers are read only for those that do
    return _JOINED_TO_PART.search(sentence, max(0, number.start - 24), number.start) is not None \
        and number.start in _parts_and_wholes(sentence)[1]


@lru_cache(maxsize=256)
def _parts_and_wholes(sentence: str) -> tuple[list[int], frozenset[int]]:
    """The starts of the numbers of `sentence` told with their whole right after them ("102 of the
    128", "3 out of 4"), sorted, and the starts of those wholes: read once per sentence, since every
    count of a long list asks."""
    numbers = find_numbers(sentence)
    starts = {n.start for n in numbers}
    parts, wholes = [], set()
    for n in numbers:
        joined = _WHOLE_AFTER.match(sentence, n.end)
        if joined and joined.end() in starts:
            parts.append(n.start)
            wholes.add(joined.end())
    return sorted(parts), frozenset(wholes)


_MORE_AFTER = re.compile(rf"\s*{vocab.words_regex('additive.after_number')}\b", re.I)
_MORE_BEFORE = re.compile(rf"\b{vocab.words_regex('additive.before_number')}\s*$", re.I)
_MORE_LEADS = re.compile(rf"{vocab.words_regex('additive.before_number')}\b", re.I)


def adds_on(text: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) of `text` says it comes on top of one told before:
    "another three", "two more", "three other", or "another" as the number itself ("another man")."""
    return (_MORE_AFTER.match(text, end) is not None
            or _MORE_BEFORE.search(text, max(0, start - 12), start) is not None
            or _MORE_LEADS.match(text, start) is not None)


def _on_top(facts: Facts, counted: Counted) -> bool:
    """A later count of weapons that comes on top of the first of its kind ("four other drones",
    "another three"), and no other place is named after it (then it is that place's part)."""
    if counted.category not in COUNTED_WEAPONS:
        return False
    number = counted.number
    if not adds_on(facts.text, number.start, number.end):
        return False
    return not any(p.start >= number.end for p in facts.places)


_DEBRIS_OF = re.compile(rf"(?:{'|'.join(vocab.cue('debris'))})\s+(?:of|from)\s+(?:the\s+)?$", re.I)
_ALL_BUT = re.compile(r"\ball but\s*$", re.I)
_DESTROYED_TOTAL_OF = re.compile(rf"({lexicon.DESTROYED_CONTEXT.pattern})\s+(?:a\s+)?total\s+of\b", re.I)
_HITS_BY_BEFORE = re.compile(r"\b(?:hits|impacts)\s+(?:by|of)\s+(?:[\w -]{0,40}?\s+and\s+)?$", re.I)
# A clause that opens with the whole its numbers are parts of: "Of the 85 drones, 60 were shot down".
_WHOLE_OPENS_CLAUSE = re.compile(r"(?:^|[,;:]|\bthat)\s*(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?$", re.I)
_PARTS_AFTER = re.compile(r"(?:\s+[\w'-]+){0,5}?\s*,\s*\d", re.I)
# What became of weapons that were neither shot down nor hit: suppressed out of sight, turned back.
_LOST_AFTER = re.compile(r"\s*(?:more\s+|other\s+|russian\s+|enemy\s+)?(?:\w+\s+)?(?:went astray|"
                         r"(?:were|was|had been|have been)\s+(?:\w+\s+)?lost|lost (?:in )?location|lost to|"
                         r"disappeared|flew (?:off|back|away|towards?|into)|returned|turned back|"
                         r"(?:were|was) still (?:being tracked|in the air))\b", re.I)
# A second verb of the same subject that destroys them: "2 drones flew into Belarusian airspace and
# were shot down" were not lost.
_THEN_DESTROYED = re.compile(r"[^;:.\d]{0,80}?\band\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?"
                            rf"(?:{lexicon.DESTROYED_CONTEXT.pattern})", re.I)
# The count's own verb says its weapons got through: "14 drones hit targets", "3 of them struck".
_GOT_THROUGH_AFTER = re.compile(r"\s*(?:of\s+(?:which|them|these|those)\s+|more\s+|other\s+)?"
                                rf"(?:had\s+|have\s+)?(?:{lexicon.GOT_THROUGH.pattern})", re.I)


# What joins two counts of one subject: "3 missiles and 18 drones", "12 drones, 4 missiles and ...".
_AND_JOIN = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as)\s+", re.I)


def coordinations(text: str, counted: list[Counted]) -> dict[int, Coordination]:
    """For each count of weapons (by `id`), the span of the counts of weapons coordinated with it
    ("3 missiles and 18 drones hit 9 locations": both end where "hit" starts): the verb after that
    is the verb of them all, and of a part told with its whole ("3 of the 4 missiles hit"), and the
    words before its start govern them all. A comma joins only inside a list that an "and" closes
    ("12 drones, 4 missiles and 2 rockets"): "shot down 52 drones, 14 drones hit targets" is two
    clauses."""
    weapons = sorted((c for c in counted if c.category in COUNTED_WEAPONS), key=lambda c: c.start)
    ends: dict[int, int] = {}
    parts: set[int] = set()  # counts told with their whole after them: they open no list
    end, closed = None, False  # the end of the list of the count after, and whether an "and" closes it
    for this, after in zip(reversed(weapons), [None, *reversed(weapons)], strict=False):
        if after is not None and _fullmatch(_WHOLE_AFTER, text, this.number.end, after.number.start):
            ends[id(this)] = ends[id(after)]  # "3 of the 4 missiles hit ...": the whole's verb is the part's
            parts.add(id(this))
            continue
        if after is not None and end is not None and _fullmatch(_AND_JOIN, text, this.end, after.start):
            closed = True
        elif not (after is not None and end is not None and closed
                  and _fullmatch(COMMA_ONLY, text, this.end, after.start)):
            end, closed = this.end, False
        ends[id(this)] = end
    starts: dict[int, int] = {}  # a list's end is its own: the first start of the counts that share it
    for c in weapons:
        if id(c) not in parts:  # "shot down 48 out of 79 drones and two missiles": the list is the whole's
            starts.setdefault(ends[id(c)], c.start)
    return {id(c): Coordination(c.start if id(c) in parts else starts[ends[id(c)]], ends[id(c)])
            for c in weapons}


def _fullmatch(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return start <= end and pattern.fullmatch(text, start, end) is not None


def got_through_clauses(text: str, counted: list[Counted]) -> list[tuple[int, int]]:
    """(start, end) of each clause that a count of weapons that got through opens ("...; 14 drones
    hit targets in the Kharkiv and Sumy regions"), to the next semicolon or the sentence's end: the
    places there are where those hit, not where the others were shot down."""
    spans = []
    for c in counted:
        if _GOT_THROUGH_AFTER.match(text, c.end):
            semicolon = text.find(";", c.end)
            spans.append((c.start, semicolon if semicolon >= 0 else len(text)))
    return spans


def got_through_numbers(text: str, counted: list[Counted]) -> frozenset[int]:
    """The starts (in `text`) of the counts of weapons whose verb says they reached their targets,
    through their coordination ("hits by ..." aside, "2 missiles and 23 drones hit 9 locations":
    both): how many got through, which is no count of how many came once that was told."""
    weapons = [c for c in counted if c.category in COUNTED_WEAPONS]
    if not weapons:
        return frozenset()
    ends = {key: span.end for key, span in coordinations(text, weapons).items()}
    return frozenset(c.number.start for c in weapons if _GOT_THROUGH_AFTER.match(text, ends[id(c)]))


# A passive verb of destruction right after a number: "71 were shot down", "71 of which were downed",
# "with 52 shot down".
_DESTROYED_AFTER = re.compile(r"\s*(?:of\s+(?:which|them|these|those)\s+)?"
                              r"(?:(?:were|was|had been|have been)\s+(?:\w+\s+)?)?"
                              rf"(?:{lexicon.DESTROYED_CONTEXT.pattern})", re.I)
# A part of the number's whole told right after it: "93 drones overnight, of which 71", "..., 71 of them".
_PART_OF_AFTER = re.compile(r"(?:\s+[\w'-]+){0,5}?\s*,\s*(?:of\s+(?:which|them|these)\s+\d|"
                            r"\d+(?:,\d{3})*\s+of\s+(?:which|them|these)\b)", re.I)
_ALL_DESTROYED = re.compile(
    r"\ball\s+(?!but\b)(?:of\s+)?(?:them|these|those|the\s+\w+|\d[\d,]*|[a-z]+-?[a-z]*)\b.{0,60}?"
    r"(?:destroyed|shot down|downed|intercepted|neutrali[sz]ed)|(?:destroy\w*|shot down|shoot(?:ing)? down|"
    r"downed|intercept\w*)\s+all\b(?!\s+but\b)", re.I)


# "all 7 missiles", "all of the 12 drones": the word "all" right before a number.
_ALL_BEFORE = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+)?$", re.I)
# "all the missiles", "all of the drones": "all" of one weapon with no number
_ALL_THE_WEAPONS = re.compile(r"\ball\s+(?:of\s+)?the\s+(?P<noun>drones|uavs|missiles|rockets)\b", re.I)


@lru_cache(maxsize=256)
def _says_all_destroyed(sentence: str) -> bool:
    """Read once per sentence: every part of a long regional list asks it again."""
    return bool(_ALL_DESTROYED.search(sentence))


def quantities_of(facts: Facts, event_type: str, counted: Iterable[Counted],
                  coordinated: dict[int, Coordination] | None = None) -> list[Quantity]:
    """One number per kind: the first the sentence states (later ones are usually subsets),
    and none when that one is above the kind's bound in `plausibility`.

    "all of them were destroyed", "destroying all 11 drones": as many destroyed as launched.
    `coordinated` (from `coordinations` over the whole sentence) is given by a caller that asks for
    one count at a time, as a regional list does: else the coordination of `counted` is read.
    """
    out: dict[str, Quantity] = {}
    refused: set[str] = set()  # kinds whose first figure is beyond belief: no later one stands in
    counted = list(counted)
    if coordinated is None:
        coordinated = coordinations(facts.text, counted)
    for c in counted:
        kind = quantity_kind(c, event_type, facts.text, coordinated.get(id(c)))
        if kind and kind in out and _on_top(facts, c):
            # "two drones over Yalta at dusk, and after midnight four other drones over the same city"
            total = out[kind].value + c.value
            if plausibility.value_is_plausible(kind, total):
                out[kind] = replace(out[kind], value=total)
            continue
        if not kind or kind in out or kind in refused:
            continue
        if not plausibility.value_is_plausible(kind, c.value):
            refused.add(kind)  # "9223372036854775807 drones": a misread, never a stored figure
            continue
        out[kind] = Quantity(kind, c.value, c.bound, facts.start + c.number.start,
                             facts.start + c.number.end)
    if event_type == "interception" and _says_all_destroyed(facts.text):
        # "88 drones and all 7 missiles were shot down": "all" before a number covers the counts
        # from that number on ("all 18 missiles and nine drones"), not those before it; "all of
        # them", "destroyed all" cover every kind the sentence counts
        first_all = min((q.start for q in out.values()
                         if _ALL_BEFORE.search(facts.text, 0, q.start - facts.start)), default=None)
        # "shot down all the missiles and 45 drones": "all the <weapons>" covers those weapons only
        # (the noun read as counting reads it: a bare "rockets" counts as missiles)
        named = {WEAPON_FAMILY[category] for m in _ALL_THE_WEAPONS.finditer(facts.text)
                 if (category := phrase_category(m["noun"])) in WEAPON_FAMILY}
        for family in LAUNCHED_KINDS.keys() & DESTROYED_KINDS.keys():
            launched_kind, destroyed_kind = LAUNCHED_KINDS[family], DESTROYED_KINDS[family]
            if first_all is not None and all(out[k].start < first_all for k in (launched_kind, destroyed_kind)
                                             if k in out):
                continue
            if named and family not in named:
                continue
            launched, destroyed = out.get(launched_kind), out.get(destroyed_kind)
            if launched and not destroyed:
                out[destroyed_kind] = replace(launched, kind=destroyed_kind)
            elif destroyed and not launched:
                out[launched_kind] = replace(destroyed, kind=launched_kind)
    return list(out.values())
