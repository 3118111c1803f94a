"""Compiled patterns that map news wording to the event model's vocabularies.

The words and patterns themselves live once, as data, in `skywatch/vocab/*.yaml`; this module
only compiles them (case-insensitively) under the names the extractor reads. Each list is a
general description of how the air war is reported in English (wire copy, ministry statements,
ACLED-style notes), not a list of phrases from particular texts.
"""

from __future__ import annotations

import re

from skywatch import vocab


def _cue(name: str) -> re.Pattern[str]:
    return vocab.compile_any(vocab.cue(name))


# --- the cheap relevance filter -------------------------------------------------------------
# A sentence that matches none of these cannot state an air-war event; only sentences that
# match go through the expensive steps (NER, numbers, places, time).
# Every weapon's name is relevant too, so a new weapon word is never filtered out unread, and so
# is every wording of a power outage (effects.yaml), an event of its own.
# (Polars runs this regex: no look-around here.)
RELEVANCE = "|".join((*vocab.cue("relevance"), *vocab.weapon_names(),
                      *(cue for e in vocab.effects() if e.id == "power_outage" for cue in e.cues),
                      # every word of a toll ("Two men sustained injuries", "a woman perished")
                      *(rf"\b{re.escape(w)}\b" for w in vocab.words("roles.killed", "roles.injured"))))
# A sentence right after a relevant one that goes on with its count ("Of these, nine were over the
# Belgorod region", "The Kursk region led with 14") passes too, though it names no weapon.
# So does a rise that names no one, of the toll the sentence before gave ("By noon, the number had
# risen to 27"; extraction/counting.py reads its number): one of these nouns, a verb of
# `revision.risen`, "to".
BARE_RISE_NOUNS = r"(?:number|figure|tally|count)"
BARE_RISE = rf"\b{BARE_RISE_NOUNS}\s+(?:\w+\s+){{0,3}}{vocab.words_regex('revision.risen')}\s+to\b"
FOLLOW_UP = "|".join((*vocab.cue("follow_up"), BARE_RISE))
FOLLOW_UP_RE = vocab.compile_any((*vocab.cue("follow_up"), BARE_RISE))

# --- event cues -----------------------------------------------------------------------------
INTERCEPTION = _cue("interception")
ATTACK = _cue("attack")
LAUNCH_COUNT = _cue("launch_count")
# Debris alone is what falls after an interception; it is an attack only when it does harm.
DEBRIS = _cue("debris")
# Habitual or summarising statements report no particular event.
GENERIC = _cue("generic")
# Habits, not events: "has reported drone interceptions almost every night this month".
HABITUAL = _cue("habitual")
# Tallies over many days ("over the past week"): no event of their own.
AGGREGATE = _cue("aggregate")
# A launch told for a week, a month or a year ("launched 1,200 drones last week"): a tally, no night's count.
PERIOD_TALLY = _cue("period_tally")
# Verbs of launching with a weapon object: "Russia launched 31 drones" (counts as launched).
LAUNCH = _cue("launch")
# A related story's link glued into a sentence ("...the mayor said.See also: ..."): the rest is its headline.
RELATED_LINK = _cue("related_link")
ALERT = _cue("alert")
# Hypotheticals: "whether the drone had been intercepted" reports no interception.
HYPOTHETICAL_INTERCEPTION = _cue("hypothetical_interception")
HYPOTHETICAL_ALERT = _cue("hypothetical_alert")
# An attack tried, intended, alleged or dismissed: no attack where nothing was harmed or counted.
UNREAL_ATTACK = _cue("unreal_attack")
# Contexts in which weapon words do not describe an event that happened.
NEGATIVE_CONTEXT = _cue("negative_context")
# A stated non-war cause (technical fault, safety breach) or an exercise: no claim, and an article
# that says so keeps only the claims that stand on their own.
NON_WAR_STORY = _cue("non_war_story")
# Another war's sides and places, and the words that place a sentence in this one.
OTHER_THEATRE = _cue("other_theatre")
OWN_THEATRE = _cue("own_theatre")

# --- weapons, targets (first match in priority order decides), effects (every match counts) ---
WEAPONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (w.id, vocab.compile_any(w.cues)) for w in vocab.weapons() if w.cues)
TARGETS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (t.id, vocab.compile_any(t.cues)) for t in vocab.targets() if t.cues)
EFFECTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (e.id, vocab.compile_any(e.cues)) for e in vocab.effects() if e.cues)

# --- certainty --------------------------------------------------------------------------------
UNVERIFIED = _cue("unverified")
DENIED = _cue("denied")

# --- attacker cues ------------------------------------------------------------------------------
ATTACKER_UA = _cue("attacker_ua")
ATTACKER_RU = _cue("attacker_ru")
ATTACKER_ENEMY = _cue("attacker_enemy")
ATTACKING_SIDE = _cue("attacking_side")
SETTLEMENTS_STRUCK = _cue("settlements_struck")

# Words after which a number counts things launched rather than destroyed.
LAUNCHED_CONTEXT = _cue("launched_context")
DESTROYED_CONTEXT = _cue("destroyed_context")
# "57 drones, most of them over the Rostov region": the place right after holds a share of the count.
SHARE_OF_COUNT = _cue("share_of_count")
GOT_THROUGH = _cue("got_through")
SHARE_VERB = _cue("share_verb")
COUNTRY_SCOPE = _cue("country_scope")
# "A drone struck a house there": a sentence that points back to a place it does not name.
PLACE_ANAPHOR = _cue("place_anaphor")
# "Russia, which has used Iskander missiles before, attacked ...": an aside, not the event.
ASIDE = _cue("aside")


# Weapon names as words ("Storm Shadow", "Geran"): blanked before the negative cues are read, so
# a name is never taken for what its words say elsewhere (a storm, a drone show).
_WEAPON_NAME = vocab.compile_any([rf"\b{name}\b" for name in vocab.weapon_names()])


def without_weapon_names(text: str) -> str:
    """`text` with every weapon name replaced by spaces (same length, so offsets stay valid)."""
    return _WEAPON_NAME.sub(lambda m: " " * len(m.group(0)), text)
