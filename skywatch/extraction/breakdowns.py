"""Interception claims whose numbers are split over places: a total and its per-region parts
("56 drones: 11 over Belgorod, 28 over Voronezh and 17 over Rostov"), regions listed without
numbers beside a total, and counts that cannot be parts of one total (one claim each).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from skywatch import vocab
from skywatch.extraction.claim import Claim, new_claim
from skywatch.extraction.classify import COUNTED_WEAPONS, DESTROYED_COUNT_KINDS, DRONE_CATEGORIES
from skywatch.extraction.counting import (
    AFTER_PLACE_GAP,
    PLACE_NUMBER_GAP,
    SHARE_VERB_AFTER,
    closes_the_list,
    share_gap,
)
from skywatch.extraction.facts import Facts
from skywatch.extraction.place_context import LIST_GAP
from skywatch.extraction.quantities import (
    Coordination,
    coordinations,
    quantities_of,
    quantity_kind,
)
from skywatch.numbers import Counted
from skywatch.places import PlaceMatch


def _places_between(facts: Facts, start: int, end: int) -> list[PlaceMatch]:
    """The sentence's places starting in [start, end): found by bisection (they are sorted by
    start), as a long sentence has thousands of numbers and places."""
    def key(p: PlaceMatch) -> int:
        return p.start
    return facts.places[bisect.bisect_left(facts.places, start, key=key):
                        bisect.bisect_left(facts.places, end, key=key)]


def _place_after(facts: Facts, counted: Counted, limit: int) -> PlaceMatch | None:
    """The place phrase that follows a number ("11 over the Belgorod Region"), in its own clause:
    "in the Kursk region, 11; in the Belgorod region, 7" gives 11 no place after it, and nor does
    "22 drones overnight: Bryansk region - 10, ..." give 22 the first place of the list it opens
    (a colon right after the number, "9: over Kursk", is a list line's own)."""
    semicolon = facts.text.find(";", counted.end, limit)
    limit = semicolon if semicolon >= 0 else limit
    colon = facts.text.find(":", counted.end, limit)
    if colon >= 0 and facts.text[counted.end:colon].strip():
        limit = colon
    after = _places_between(facts, counted.end, min(limit, counted.end + 61))
    if not after or _OWN_COUNT_AFTER.match(facts.text, after[0].end):
        return None  # "41 drones over the regions of Bryansk (12), Kursk (10)": the list's first line
    if SHARE_VERB_AFTER.match(facts.text, after[0].end):
        return None  # "52 drones overnight, and the Oryol region accounted for 19": the 19's place
    return after[0]


# A place that a colon, dash or bracket gives its own number: "Bryansk (12)", "Kursk region: 9".
_OWN_COUNT_AFTER = re.compile(PLACE_NUMBER_GAP + r"\d")



def _subject_place_before(facts: Facts, counted: Counted) -> PlaceMatch | None:
    """The place whose share of the total the number is, told by a verb of share after it."""
    before = _places_between(facts, max(0, counted.start - 80), counted.start)
    if before and share_gap(facts.text, before[-1].end, counted.start):
        return before[-1]
    return None


# A clause that opens with its place, then a comma or nothing, then the number: "In the Bryansk
# region, 18 drones were destroyed; in the Kursk region, 11", "11 drones were destroyed, in the
# Bryansk region 8 and in the Oryol region 3" (a clause opens at the start, after , ; . or "and").
_CLAUSE_OPENS_WITH_PLACE = re.compile(r"(?:(?:^|[;.,])\W*(?:and\s+)?|\band\s+)(?:in|over|above)\s+(?:the\s+)?"
                                      r"(?:(?:territory|skies|airspace)\s+(?:of|over)\s+(?:the\s+)?)?$", re.I)
_COMMA = re.compile(r"\s*,?\s*")


def _clause_place_before(facts: Facts, counted: Counted, taken: list[PlaceMatch]) -> PlaceMatch | None:
    """The place that opens the number's clause ("in the Kursk region, 11"), unless an earlier
    number already has it ("10 over the Kursk region, 11 over Bryansk")."""
    before = _places_between(facts, max(0, counted.start - 80), counted.start)
    if not before or not _COMMA.fullmatch(facts.text, before[-1].end, counted.start):
        return None
    place = before[-1]
    opens = _CLAUSE_OPENS_WITH_PLACE.search(facts.text, max(0, place.start - 60), place.start)
    if opens is None or opens.end() != place.start or any(p is place for p in taken):
        return None
    return place


# "one drone over Bryansk, Kursk and Krasnodar, respectively": one over each.
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# "3 over the Moscow region, including 2 flying towards Moscow": a subset of the part before it.
_SUBSET_BEFORE = re.compile(r"\b(?:including|among them|of which|of them)\s*$", re.I)
_SUBSET_AFTER = re.compile(r"\s+of\s+which\b", re.I)
# One line of a regional list and nothing else: "9 \u2013 over the Kursk region,", "Kursk region: 9".
# (Digit groups as \d+(?:,\d{3})*, not [\d,]*, so a run of commas cannot make the match quadratic.)
LIST_LINE = re.compile(r"^\W*(?:\d+(?:,\d{3})*\s*[-\u2013\u2014:]\s*(?:over|in|above|near)\b[^.!?]{0,80}"
                       r"|[^.!?:\d]{0,60}?\s*[-\u2013\u2014:]\s*\d+(?:,\d{3})*)\W*$", re.I)


# "Four UAVs were destroyed and two were intercepted over Crimea": two counts of one place, told
# by two verbs; the place's part is their sum.
_TWO_VERBS_GAP = re.compile(r"\s*(?:[\w'-]+\s+){0,3}?(?:were|was)\s+(?:\w+\s+)?(?:destroyed|shot down|downed|"
                            r"intercepted|suppressed|neutrali[sz]ed)\s*,?\s+and\s+", re.I)


def _joined(counts: list[Counted], text: str) -> list[Counted]:
    """`counts` with each such pair of one weapon replaced by one count of their sum, standing
    where the second stands (it is the one the place follows)."""
    out: list[Counted] = []
    for c in counts:
        first = out[-1] if out else None
        if first is not None and first.category == c.category \
                and _TWO_VERBS_GAP.fullmatch(text, first.end, c.start):
            out[-1] = replace(c, value=first.value + c.value)
        else:
            out.append(c)
    return out


def _respective_pairs(facts: Facts, counted: Counted, place: PlaceMatch, limit: int,
                      unplaced: list[Counted]) -> list[tuple[Counted, PlaceMatch]] | None:
    """Coordinated counts and as many listed places, "respectively": each count with the place
    in its position ("8 and 5 were downed over the Kursk and Voronezh regions respectively").
    None when the counts before are not coordinated with this one or the numbers differ."""
    if not _RESPECTIVELY.search(facts.text, place.end, limit):
        return None
    run = [counted]
    for earlier in reversed(unplaced):
        if not _COORDINATED.fullmatch(facts.text, earlier.end, run[0].start):
            break
        run.insert(0, earlier)
    places = [place, *(p for p in _places_between(facts, place.start + 1, limit) if p.kind != "country")]
    if len(run) < 2 or len(run) != len(places):
        return None
    return list(zip(run, places, strict=True))


_RESPECTIVELY_AFTER = re.compile(r"\s*,?\s*respectively\b", re.I)


def _respective_after_places(facts: Facts,
                             unplaced: list[Counted]) -> list[tuple[Counted, PlaceMatch]] | None:
    """Coordinated counts that "respectively" closes, each with the place in its position among as
    many places listed right before them ("over the Kursk and Voronezh regions, 8 and 5
    respectively"); None when there is no such run or the numbers differ."""
    for last, c in enumerate(unplaced):
        if not _RESPECTIVELY_AFTER.match(facts.text, c.end):
            continue
        run = [c]
        for earlier in reversed(unplaced[:last]):
            if not _COORDINATED.fullmatch(facts.text, earlier.end, run[0].start):
                break
            run.insert(0, earlier)
        listed = [p for p in _places_between(facts, max(0, run[0].start - 200), run[0].start)
                  if p.kind != "country"]
        places = listed[-len(run):]
        if len(run) < 2 or len(places) != len(run) or not _one_list(facts.text, places):
            return None
        return list(zip(run, places, strict=True))
    return None


# "followed by the Kursk region with 9": a place that "with" gives the number after it.
_PLACE_WITH_GAP = re.compile(r"\s+with\s+(?:another\s+)?")


# A number's own place right after it: "20 over the Bryansk region", "9 drones in the Kursk region".
# (a word between may be the noun or a verb, "20 drones over", "9 destroyed over", never "and")
_OWN_PLACE_GAP = re.compile(r"\s+(?:(?!and\b|or\b|while\b|but\b)[\w-]+\s+){0,2}?"
                            r"(?:over|above|in)\s+(?:the\s+)?", re.I)


def _own_place_right_after(facts: Facts, counted: Counted, limit: int) -> PlaceMatch | None:
    """The place a preposition puts right after the number: it outranks the place a colon puts
    before the number, which opens the list ("over Russia: 20 over the Bryansk region and ...")."""
    place = _place_after(facts, counted, limit)
    if place is not None and place.kind != "country" \
            and _OWN_PLACE_GAP.fullmatch(facts.text, counted.end, place.start):
        return place
    return None


def _place_before(facts: Facts, counted: Counted) -> PlaceMatch | None:
    """The place a colon or dash puts before a number ("Kursk region: 9"), or "with" ("the Kursk
    region with 9")."""
    before = _places_between(facts, max(0, counted.start - 80), counted.start)
    if before and (AFTER_PLACE_GAP.fullmatch(facts.text[before[-1].end:counted.start])
                   or _PLACE_WITH_GAP.fullmatch(facts.text, before[-1].end, counted.start)):
        return before[-1]
    return None


def _closing_total(facts: Facts, unplaced: list[Counted],
                   paired: list[tuple[Counted, PlaceMatch]]) -> Counted | None:
    """The count after the parts that closes them: "..., for a total of 59", "..., 59 in total"."""
    last = max(c.end for c, _ in paired)
    return next((c for c in unplaced if c.start > last and closes_the_list(facts.text, c.number)), None)


def _exceeds(total: Counted, parts: list[Counted]) -> bool:
    return sum(c.value for c in parts) > total.value


# Classes that may name one another: a generic class and its kinds ("missile", "cruise missile").
_KIND_GROUPS = (*(frozenset({generic, *kinds}) for generic, kinds in vocab.weapon_kinds().items()),
                DRONE_CATEGORIES)


def _other_weapon(total: Counted, paired: list[tuple[Counted, PlaceMatch]]) -> bool:
    """A part that names its own weapon names the total's, or a kind of it ("missile" and
    "cruise missile"); an elliptic part ("11 over Belgorod") always counts the total's."""
    def same(a: str, b: str) -> bool:
        return a == b or any({a, b} <= group for group in _KIND_GROUPS)
    return any(not c.elliptic and c.noun_text and not same(c.category, total.category)
               for c, _ in paired)


# Nothing but coordination between two counted phrases: "12 rockets and 12 drones over Kursk".
_COORDINATED = re.compile(r"\s*(?:,\s*)?(?:and|as well as|plus|along with)?\s*", re.I)


def _listed_regions(facts: Facts, place: PlaceMatch, end: int) -> list[PlaceMatch]:
    """The regions listed from `place` on, before `end` ("the Chernihiv, Poltava and Sumy
    regions"); empty when `place` does not open a list of at least two regions."""
    listed = [p for p in _places_between(facts, place.start, end) if p.kind != "country"]
    if len(listed) < 2 or any(p.admin1_code is None for p in listed) or not _one_list(facts.text, listed):
        return []
    return listed


def _one_list(text: str, places: list[PlaceMatch]) -> bool:
    """Nothing but list separators between each place and the next ("Kursk, Bryansk and Oryol")."""
    return all(LIST_GAP.match(text[a.end:b.start]) for a, b in zip(places, places[1:], strict=False))


def _total_over_listed_regions(facts: Facts, paired: list[tuple[Counted, PlaceMatch]]) -> Counted | None:
    """The first count when its place is the first of a list of regions ("35 drones over the
    Chernihiv and Poltava regions") and the counts after it are parts of it: each in one of those
    regions, each smaller than it and together no more. It is over all of them, so their total, not
    a part of the first region's."""
    if len(paired) < 2 or paired[0][0] is paired[1][0] or paired[1][0].value >= paired[0][0].value:
        return None
    first, place = paired[0]
    if place.start < first.end:  # "over the Kursk and Voronezh regions, 8 and 5 respectively"
        return None
    regions = {p.admin1_code for p in _listed_regions(facts, place, paired[1][0].start)}
    parts = paired[1:]
    if len(regions) < 2 or not all(p.admin1_code in regions for _, p in parts) \
            or sum(c.value for c in {id(c): c for c, _ in parts}.values()) > first.value:
        return None
    return first


def _separate_counts(article_id: str, facts: Facts, context: str, unplaced: list[Counted],
                     country: PlaceMatch | None, paired: list[tuple[Counted, PlaceMatch]],
                     coordinated: dict[int, Coordination]) -> list[Claim]:
    """One single claim per count of the sentence, each with its own place and weapon. Counts
    coordinated with the next ("destroyed two rockets, a missile and a drone over Belgorod") share
    the place that closes the list: it is the place of every object of the one verb. A count told
    by a verb of its own ("destroyed four boats and shot down 19 drones over Krasnodar") does not,
    and keeps the country."""
    place_of: dict[int, PlaceMatch] = {}
    more_places: dict[int, list[PlaceMatch]] = {}  # "one each over the Bryansk and Voronezh regions"
    for c, p in paired:
        if id(c) in place_of:
            more_places.setdefault(id(c), []).append(p)
        else:
            place_of[id(c)] = p
    ordered = sorted([*unplaced, *{id(c): c for c, _ in paired}.values()], key=lambda c: c.start)
    shared: PlaceMatch | None = None
    for here, after in zip(reversed(ordered[:-1]), reversed(ordered[1:]), strict=True):
        if id(here) in place_of:
            continue
        own = place_of.get(id(after))
        if own is not None and own.start > after.start:
            shared = own  # "... and one drone over Belgorod": the place after the last of the list
        elif own is not None:
            shared = None
        if shared is not None and _COORDINATED.fullmatch(facts.text, here.end, after.start):
            place_of[id(here)] = shared
        else:
            shared = None
    claims = []
    for c in ordered:
        for place in (place_of.get(id(c), country), *more_places.get(id(c), ())):
            claim = new_claim(article_id, facts, "interception", context, place=place,
                              rule="interception.separate_counts",
                              quantities=quantities_of(facts, "interception", [c], coordinated))
            if c.category in COUNTED_WEAPONS:
                claim.weapon = c.category
            claims.append(claim)
    return claims


def breakdown_claims(article_id: str, facts: Facts, context: str,
                     recent_total: Claim | None) -> list[Claim] | None:
    """Claims for "56 drones: 11 over Belgorod, 28 over Voronezh and 17 over Rostov"."""
    coordinated = coordinations(facts.text, facts.counted)
    destroyed = [c for c in facts.counted
                 if quantity_kind(c, "interception", facts.text, coordinated.get(id(c)))
                 in DESTROYED_COUNT_KINDS]
    destroyed = _joined(destroyed, facts.text)
    paired: list[tuple[Counted, PlaceMatch]] = []
    unplaced: list[Counted] = []
    for i, c in enumerate(destroyed):
        if paired and paired[-1][0] is destroyed[i - 1] \
                and (_SUBSET_BEFORE.search(facts.text[destroyed[i - 1].end:c.start])
                     or _SUBSET_AFTER.match(facts.text, c.end)) \
                and not _listed_regions(facts, paired[-1][1], c.start):
            # "3 over the Moscow region, including 2 flying towards Moscow", "10 over the Moscow
            # region, 8 of which were flying towards the capital": part of a part (but "25 over the
            # Belgorod and Kursk regions, including 15 over ...": a part of a count over a list)
            continue
        limit = destroyed[i + 1].start if i + 1 < len(destroyed) else len(facts.text)
        place = _own_place_right_after(facts, c, limit) or _place_before(facts, c) \
            or _subject_place_before(facts, c) or _clause_place_before(facts, c, [p for _, p in paired]) \
            or _place_after(facts, c, limit)
        if place is not None and place.kind != "country":
            if (respective := _respective_pairs(facts, c, place, limit, unplaced)) is not None:
                # "8 and 5 were downed over the Kursk and Voronezh regions respectively"
                unplaced[len(unplaced) - len(respective) + 1:] = []
                paired.extend(respective)
                continue
            paired.append((c, place))
            # "three each over the Belgorod, Kaluga and Voronezh regions": every listed region.
            if facts.text[c.end:place.start].strip().lower().startswith("each") \
                    or _RESPECTIVELY.search(facts.text, place.end, limit):
                paired.extend((c, p) for p in _places_between(facts, place.start + 1, limit)
                              if p.kind != "country")
        else:
            unplaced.append(c)
    if (respective := _respective_after_places(facts, unplaced)) is not None:
        # "13 drones over the Kursk and Voronezh regions, 8 and 5 respectively": the parts; the
        # count that had taken the list's first place is their total
        listed = [p for _, p in respective]
        total = [c for c, p in paired if any(p is q for q in listed)]
        unplaced = sorted([*total, *(c for c in unplaced if not any(c is r for r, _ in respective))],
                          key=lambda c: c.start)
        paired = sorted([*(cp for cp in paired if not any(cp[1] is q for q in listed)), *respective],
                        key=lambda cp: cp[0].start)
    if (over_all := _total_over_listed_regions(facts, paired)) is not None:
        # "35 drones over the Chernihiv and Poltava regions: 20 over Chernihiv and 15 over Poltava"
        paired = paired[1:]
        unplaced = sorted([over_all, *unplaced], key=lambda c: c.start)
    if recent_total is not None and not _may_break_down(recent_total, facts, paired):
        recent_total = None
    if not paired or (len(paired) == 1 and not unplaced and recent_total is None):
        return None
    claims: list[Claim] = []
    parent = recent_total
    if unplaced and unplaced[0].start < paired[0][0].start:
        total_place = facts.named_country
        if _exceeds(unplaced[0], [c for c, _ in paired]) or _other_weapon(unplaced[0], paired):
            # "destroyed four uncrewed boats and shot down 19 drones over Krasnodar": parts
            # cannot add up to more than their total, nor count another weapon ("three HIMARS
            # rockets and a Neptune missile over Kursk"), so these are separate statements.
            return _separate_counts(article_id, facts, context, unplaced, total_place, paired, coordinated)
        parent = new_claim(article_id, facts, "interception", context, place=total_place,
                           rule="interception.breakdown_total", scope="total",
                           quantities=quantities_of(facts, "interception", unplaced[:1], coordinated))
        claims.append(parent)
    closing = _closing_total(facts, unplaced, paired) if parent is None else None
    if closing is not None and _exceeds(closing, [c for c, _ in paired]):
        unplaced = [c for c in unplaced if c is not closing]  # a total its parts exceed: not read
    elif closing is not None:
        # "28 over the Belgorod region, 21 over Kursk and 10 over Oryol, for a total of 59"
        parent = new_claim(article_id, facts, "interception", context,
                           place=facts.named_country,
                           rule="interception.breakdown_total", scope="total",
                           quantities=quantities_of(facts, "interception", [closing], coordinated))
        claims.append(parent)
    if parent is None:
        if len(paired) > 1:
            # "12 drones over the Belgorod region and three over the Kursk region": parts with no
            # total stated; each place keeps its own count
            return _separate_counts(article_id, facts, context, unplaced, None, paired, coordinated)
        return None
    if len(paired) == 1 and parent is recent_total:
        value = paired[0][0].value
        stated = [v for k, v in parent.kinds.items() if k in DESTROYED_COUNT_KINDS]
        if not any(value < v for v in stated) and (stated or not LIST_LINE.match(facts.text)):
            # not smaller than the total: a new statement, not a part of it; only a line of a list
            # ("Kursk region \u2013 8") continues a total that states no figure
            return None
    # In place: the total may be an earlier sentence's claim, which its parts hold by identity
    # and the sentences after must find as a total (`recent_claim`).
    parent.scope = "total"
    for c, place in paired:
        part = new_claim(article_id, facts, "interception", context, place=place, scope="part",
                         rule="interception.breakdown_part",
                         quantities=quantities_of(facts, "interception", [c], coordinated))
        part.parent = parent
        if part.weapon in (None, "unknown"):
            part.weapon = parent.weapon  # "Six were destroyed over Ryazan": the total's weapon
        claims.append(part)
    return claims


def _may_break_down(total: Claim, facts: Facts, paired: list[tuple[Counted, PlaceMatch]]) -> bool:
    """Whether the sentence's regional numbers may be parts of an earlier total: not when they are
    the other side's weapons, nor over another country ("Ukraine's air force said 51 of 72 drones
    were shot down. Russia's defence ministry said 14 Ukrainian drones were shot down over the
    Bryansk region": the other side's report, not a part of Ukraine's)."""
    if total.attacker and facts.attacker and total.attacker != facts.attacker:
        return False
    # any one part in the total's country will do: the Russian ministry lists Crimea among its regions
    country = total.place.country_code if total.place is not None else total.country_without_place
    return not country or any(place.country_code in (None, country) for _, place in paired)


def listed_parts(article_id: str, facts: Facts, context: str, total: Claim) -> list[Claim]:
    """Regions listed without numbers beside a total ("28 drones in the Odesa, Kherson and
    Mykolaiv regions") become parts with no quantity of their own."""
    regions: dict[str, PlaceMatch] = {}
    for p in _listed_after_count(facts):
        if p.kind in ("admin1", "settlement", "admin2") and p.admin1_code:
            regions.setdefault(p.admin1_code, p)
    if len(regions) < 2:
        return []
    parts = []
    total.scope = "total"
    if total.place is not None and total.place.admin1_code in regions:
        # the count is over every listed region, so in their country (pass 10 reads it from the
        # parts when the sentence names none), as an attack's total over listed places is
        total.place = facts.named_country
    for place in regions.values():
        part = new_claim(article_id, facts, total.event_type, context, place=place, scope="part",
                         rule=f"{total.event_type}.listed_part")
        part.parent = total
        parts.append(part)
    return parts


def _listed_after_count(facts: Facts) -> list[PlaceMatch]:
    """The longest run of places after the first count that are listed one after another, or the
    run that the count closes ("over the Belgorod, Kursk and Voronezh regions, 19 in total")."""
    counts = facts.counted_weapons
    if not counts:
        return []
    best = _longest_run(facts.text, [p for p in facts.places if p.start >= counts[0].end])
    if len(best) < 2:
        before = _runs(facts.text, [p for p in facts.places if p.end <= counts[0].start])
        if before and _COUNT_CLOSES_LIST.fullmatch(facts.text, before[-1][-1].end, counts[0].start):
            return before[-1]
    return best


# The plural head that several regions share: "the Bryansk and Oryol regions".
_PLURAL_HEAD = r"(?:regions|oblasts|provinces|territories|republics)"
# What stands between a list of places and the count that closes it: "... and Voronezh regions, 19
# in total", "... Kursk and Tula regions - a total of 31".
_COUNT_CLOSES_LIST = re.compile(rf"\s*{_PLURAL_HEAD}?\s*[,:–—-]\s*"
                                r"(?:(?:a\s+)?total\s+of\s+|in\s+all\s+|altogether\s+)?", re.I)


def _runs(text: str, places: list[PlaceMatch]) -> list[list[PlaceMatch]]:
    """The places split into runs listed one after another ("Kursk, Bryansk and Oryol")."""
    runs: list[list[PlaceMatch]] = []
    for p in places:
        if runs and LIST_GAP.match(text[runs[-1][-1].end:p.start]):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _longest_run(text: str, places: list[PlaceMatch]) -> list[PlaceMatch]:
    return max(_runs(text, places), key=len, default=[])


# "six over the Bryansk and Oryol regions", "five over the territories of Tula and Kaluga regions":
# regions joined under one plural head.
_PLURAL_HEAD_AFTER = re.compile(rf"\s+{_PLURAL_HEAD}\b", re.I)


def each_of_a_pair(claims: list[Claim], facts_list: list[Facts]) -> list[Claim]:
    """"Six were downed over the Bryansk and Oryol regions" may mean six in all or six
    each. Each, only where that is what makes the parts add up to their stated total: the part of
    the first region is then given to every region joined with it under the plural head."""
    facts_at = {f.index: f for f in facts_list}
    parts_of: dict[int, list[Claim]] = {}
    for c in claims:
        if c.parent is not None:
            parts_of.setdefault(id(c.parent), []).append(c)
    out = list(claims)
    for total in claims:
        parts = parts_of.get(id(total), [])
        if total.scope != "total" or not parts:
            continue
        for kind, value in total.kinds.items():
            summed = sum(p.kinds.get(kind, 0) for p in parts)
            if kind not in DESTROYED_COUNT_KINDS or summed >= value:
                continue
            named = {p.place.admin1_code for p in parts if p.place is not None}
            for part in parts:
                extra = _joined_regions(part, facts_at.get(part.sentence_index), named) \
                    if kind in part.kinds else []
                if extra and summed + part.kinds[kind] * len(extra) == value:
                    at = out.index(part) + 1
                    out[at:at] = [replace(part, place=p) for p in extra]
                    break
    return out


def _joined_regions(part: Claim, facts: Facts | None, named: set[str | None]) -> list[PlaceMatch]:
    """The regions joined with a part's own under one plural head, that no part names yet."""
    if facts is None or part.place is None or part.place.kind != "admin1" \
            or part.place_offset != facts.start:
        return []
    run = [part.place]
    # by bisection and a walk that stops at the first place not joined: linear in a run-on sentence
    at = bisect.bisect_left(facts.places, part.place.end, key=lambda q: q.start)
    while at < len(facts.places):
        p = facts.places[at]
        if p.kind != "admin1" or not LIST_GAP.match(facts.text[run[-1].end:p.start]):
            break
        run.append(p)
        at += 1
    if len(run) < 2 or not _PLURAL_HEAD_AFTER.match(facts.text, run[-1].end):
        return []
    return [p for p in run[1:] if p.admin1_code and p.admin1_code not in named]
