"""What a sentence names, by the rules of `lexicon` and the weapon classes of the vocabulary:
its weapon class, its target, its effects and its attacker.

Kept apart because every later step (counting, facts, quantities, claims) reads the weapon
families defined here, and the classifier's order of preference is a rule of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skywatch import lexicon, vocab
from skywatch.numbers import Counted

# Weapon classes by what their numbers count (skywatch/vocab/weapons.yaml, `counts_as`).
DRONE_CATEGORIES = vocab.weapons_counted_as("drones")
MISSILE_CATEGORIES = vocab.weapons_counted_as("missiles")
ROCKET_CATEGORIES = vocab.weapons_counted_as("rockets")
# Every weapon class whose numbers are counted, and the family they count as (weapons.yaml).
WEAPON_FAMILY = vocab.weapon_families()
COUNTED_WEAPONS = frozenset(WEAPON_FAMILY)
LAUNCHED_KINDS = vocab.weapon_count_kinds("launched")    # {family: kind}
DESTROYED_KINDS = vocab.weapon_count_kinds("destroyed")
DESTROYED_COUNT_KINDS = frozenset(DESTROYED_KINDS.values())


AIR_DELIVERED = vocab.weapons_delivered("air")
GROUND_FIRED = vocab.weapons_delivered("ground")


# "missiles launched from Tu-95 bombers", "a rocket fired by a military aircraft": the aircraft
# carried the weapon; it is neither the weapon nor what was shot down.
_LAUNCHER_BEFORE = re.compile(r"(?:\b(?:launched|fired|dropped|released|carried)\s+(?:by|from)\s+"
                              # "3 Kh-59 guided missiles from Su-34 aircraft": a weapon from it
                              r"|\b(?:missiles?|rockets?|bombs?|kabs?|drones?|uavs?)\s+from\s+)"
                              r"(?:[\w'-]+\s+){0,3}$", re.I)


def is_launcher(text: str, start: int) -> bool:
    return bool(_LAUNCHER_BEFORE.search(text[max(0, start - 60):start]))


@lru_cache(maxsize=8192)
def first_weapon(text: str) -> str | None:
    """The weapon a sentence names (the most specific of the first family named); a weapon named
    only in an aside ("Russia, which has used Iskander missiles before, attacked with drones") gives
    way to one named outside it."""
    hits = _weapon_hits(text)
    if not hits:
        return None
    outside = lexicon.ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    if outside != text:
        hits = _weapon_hits(outside) or hits
    names = {h[2] for h in hits}
    if names & AIR_DELIVERED and names & GROUND_FIRED and not names & DRONE_CATEGORIES:
        # "air and artillery strikes", "air and navy missiles": as ACLED codes it, an air strike.
        return min(h for h in hits if h[2] in AIR_DELIVERED)[2]
    # Naval drones and missile types are more specific than "drone"/"missile": prefer the
    # most specific weapon named, else the first one in the sentence.
    specific = [h for h in hits if h[2] not in vocab.generic_weapons()]
    generic_first = min(hits)[2]
    if specific and generic_first in ("drone", "missile"):
        same_family = [h for h in specific if family_of(h[2]) == family_of(generic_first)]
        if same_family:
            return min(same_family)[2]
    return generic_first


def _weapon_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, order, weapon) of the first mention of each weapon of the vocabulary in `text`."""
    return [(m.start(), order, name) for order, (name, pattern) in enumerate(lexicon.WEAPONS)
            for m in [pattern.search(text)]
            if m and not (name == "aircraft" and is_launcher(text, m.start()))]


def family_of(weapon: str) -> str:
    """"drone", "missile" or the class itself: whether two weapon words may name the same thing
    (rockets count apart from missiles, so they are a family of their own)."""
    return "drone" if weapon in DRONE_CATEGORIES else "missile" if weapon in MISSILE_CATEGORIES else weapon


@lru_cache(maxsize=256)
def first_target(text: str) -> str | None:
    """The target class the sentence names; the side that attacks is none ("Russian troops struck
    32 settlements": the troops are the subject, not what was hit). Cached: the sentence's facts ask
    twice."""
    hits = []
    subjects: list[tuple[int, int]] | None = None  # read only once a target word is found
    for name, pattern in lexicon.TARGETS:
        m = pattern.search(text)
        if m is not None and subjects is None:
            subjects = [found.span() for side in (lexicon.ATTACKING_SIDE, lexicon.SETTLEMENTS_STRUCK)
                        for found in side.finditer(text)]
        while m is not None and _inside(m.start(), subjects or []):
            m = pattern.search(text, m.end())
        if m is not None:
            hits.append((m.start(), name))
    if not hits:
        return None
    order = [name for name, _ in lexicon.TARGETS]
    # Priority by kind (a refinery outranks the houses near it), not by position.
    return min(hits, key=lambda h: order.index(h[1]))[1]


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


# A denial of the effect named right after it, in the same clause: "no casualties or damage",
# "was not damaged", "without fire" (at most four words between, none of them a clause break).
_DENIED_BEFORE = re.compile(rf"\b{vocab.words_regex('negation.before_effect')}\b(?:\s+[\w'-]+){{0,4}}?\s+$",
                            re.I)


def effects_of(text: str, counted: list[Counted]) -> list[str]:
    """The effects the sentence states; one it denies ("there was no damage") is none."""
    found = [name for name, pattern in lexicon.EFFECTS if _stated(text, pattern)]
    if any(c.role in ("killed", "injured") and c.value > 0 for c in counted):
        found.append("casualties")
    return sorted(set(found))


def _stated(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether a match of the effect's cues is not denied: neither a denial stands right before it
    nor does it overlap a denied match ("no power outages": the outage cue "no power" overlaps the
    denied "power outages")."""
    def denied(m: re.Match[str]) -> bool:
        return _DENIED_BEFORE.search(text, max(0, m.start() - 60), m.start()) is not None

    for m in pattern.finditer(text):
        # the cues are one alternation, so a cue that overlaps this match is found by searching on
        # from the match's second character (to a little past its end: a cue is a few words)
        inner = pattern.search(text, m.start() + 1, m.end() + 60)
        if not denied(m) and not (inner is not None and inner.start() < m.end() and denied(inner)):
            return True
    return False


def attacker_of(text: str) -> str | None:
    ua, ru = lexicon.ATTACKER_UA.search(text), lexicon.ATTACKER_RU.search(text)
    if ua and ru:
        return "UA" if ua.start() < ru.start() else "RU"
    return "UA" if ua else "RU" if ru else None
