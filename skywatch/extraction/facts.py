"""Step 2 of extraction: the `Facts` of one relevant sentence (event cues, weapon, target,
effects, counts, places, time, speaker), offsets relative to the sentence.

Each sentence is read on its own (and with the sentence before, for "of them"); what one
sentence means for another is decided later, by the claim passes (`claims`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from skywatch import lexicon, vocab
from skywatch.claimants import (
    Speaker,
    channel_of,
    choose_speaker,
    organisation_country,
    organisation_mentions,
)
from skywatch.extraction.classify import (
    COUNTED_WEAPONS,
    attacker_of,
    effects_of,
    first_target,
    first_weapon,
    is_launcher,
)
from skywatch.extraction.counting import bare_counts_after_places, closes_the_list, counted_in_context
from skywatch.extraction.place_context import real_places
from skywatch.extraction.revisions import superseded
from skywatch.gazetteer import CORE_COUNTRIES
from skywatch.numbers import Counted
from skywatch.places import PlaceMatch
from skywatch.timeparse import TimeResolution, resolve_time


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
    non_war: bool = False  # states a non-war cause or an exercise (`lexicon.NON_WAR_STORY`)
    # tolls the sentence gives as an earlier report of a figure it revises: (role, value)
    superseded: list[tuple[str, int]] = field(default_factory=list)
    # an attack told only by a number launched ("Russia launched 120 drones overnight"), which the
    # interception right after may count as its launched figure instead
    launch_only: bool = False
    # names a side or a place of this war (`lexicon.OWN_THEATRE`, a place in Russia, Ukraine or
    # Belarus); names another war and nothing of this one (`lexicon.OTHER_THEATRE`)
    this_war: bool = False
    elsewhere: bool = False

    @property
    def counted_weapons(self) -> list[Counted]:
        return [c for c in self.counted if c.category in COUNTED_WEAPONS]

    @property
    def named_country(self) -> PlaceMatch | None:
        """The first country the sentence names as a place: where a total over its regions is."""
        return next((p for p in self.places if p.kind == "country"), None)


# Between a count of weapons and where they came from: "64 drones from the Kursk region".
_FROM_GAP = re.compile(r"\s+from\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?)?", re.I)


def _without_launch_sites(text: str, places: list[PlaceMatch], counted: list[Counted]) -> list[PlaceMatch]:
    """The places less those a count of weapons came from ("attacked with 64 drones from the Kursk
    region"): where weapons were launched is no place of the event."""
    ends = sorted({c.end for c in counted if c.category in COUNTED_WEAPONS})
    if not ends:
        return places

    def launch_site(p: PlaceMatch) -> bool:
        k = bisect.bisect_left(ends, p.start) - 1  # the count that ends nearest before the place
        return k >= 0 and bool(_FROM_GAP.fullmatch(text, ends[k], p.start))

    return [p for p in places if not launch_site(p)]


def _listed_without_total(text: str, places: list[PlaceMatch], counted: list[Counted],
                          weapon: str | None) -> list[Counted]:
    """"Drones were downed over: Bryansk - 14; Kursk - 9": numbers a place and a dash introduce, in
    a sentence that names its weapon but counts none, count that weapon; two or more make a list
    (one alone may be anything: "Kursk - 2 hours"). A total that closes the list ("..., 28 in
    total") is no count of the sentence's own that would stand for the list."""
    own = [c for c in counted if c.category in COUNTED_WEAPONS and not closes_the_list(text, c.number)]
    if weapon not in COUNTED_WEAPONS or own:
        return []
    listed = bare_counts_after_places(text, places, counted, weapon)
    return listed if len(listed) >= 2 else []


def _attacker_beside(text: str, speaker: Speaker | None, defending: bool) -> str | None:
    """The side that attacked, read outside the speaker's own name.

    "The Ukrainian Air Force said Russia launched 77 drones" is Russia's attack, and "64 drones were
    shot down, the Ukrainian Air Force said" is no Ukrainian attack: the adjective in a speaker's name
    says who speaks. Only when the sentence reports an attack, no interception, names no other side,
    and the speaker tells of its own act ("the Russian military said it struck a depot", "Ukraine
    says its drones hit ...") is the speaker's side the attacker; "the Ukrainian Air Force said it
    was a drone attack on Odesa" names none. A
    side's forces that stop weapons ("Russian forces destroyed 12 drones") defend: the attacker is
    the other side unless the sentence names one.
    """
    if defending and (side := _DEFENDING_SIDE.search(text)) is not None:
        # "Russian forces destroyed 12 drones": the side that stops the weapons defends; the other
        # attacked, unless the sentence names who did
        named = attacker_of(_blanked(text, side.start(), side.end()))
        return named or ("UA" if side.group("nation").lower().startswith("russia") else "RU")
    if speaker is None or speaker.kind != "organisation":
        return attacker_of(text)
    of_itself = not defending and bool(_SPEAKS_OF_ITSELF.match(text, speaker.end))
    if of_itself and (own := organisation_country(speaker.name)):
        # "Ukraine said it hit a refinery", "the Russian Defence Ministry said its forces struck
        # facilities used by the Ukrainian army": its own act, whatever side's adjective follows
        return own
    outside = attacker_of(_blanked(text, speaker.start, speaker.end))
    if outside is None and not defending:
        # ("the Ukrainian Air Force said it was a drone attack on Odesa" names no attacker)
        return attacker_of(text) if of_itself else None
    return outside


# The speaker's reporting verb, then itself as the subject: "said it hit", "says its drones struck"
# ("said it was a drone attack" is no one's act).
_SPEAKS_OF_ITSELF = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:" + vocab.words_regex("reporting.statement", "reporting.plain")
    + r")\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"(?:it(?!\s+(?:was|is|had\s+been|has\s+been|could|may|might|would|seems?|appears?)\b)|its)\b", re.I)


def _blanked(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces (same length, so offsets stay valid)."""
    return text[:start] + " " * (end - start) + text[end:]


# A side's forces as the subject of stopping weapons: "Russian forces destroyed", "Ukrainian units
# shot down".
_DEFENDING_SIDE = re.compile(
    r"\b(?P<nation>russian|ukrainian|russia's|ukraine's)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:forces|military|troops|army|units|servicemen|crews?|soldiers)\s+(?:have\s+|had\s+)?"
    rf"(?:{lexicon.DESTROYED_CONTEXT.pattern})", re.I)


def _has_weapon_count(counted: list[Counted]) -> bool:
    return any(c.category in COUNTED_WEAPONS for c in counted)
_CREWED_AIRCRAFT = re.compile(r"\b(?:helicopters?|aircraft|jets?|planes?|bombers?|fighters?|"
                              r"su-\d+|mi-\d+|ka-\d+|mig-\d+|tu-\d+|il-\d+|f-16s?)\b", re.I)


# A strike the text does not say was made with what: overnight or air attacks, or attacks
# that struck named places. Ground fighting ("attacked the village") is not matched.
_TROOPS = r"(?:the\s+)?(?:\w+\s+)?(?:positions?|trenches|troops|units|forces|soldiers)\b"
_UNNAMED_WEAPON_STRIKE = re.compile(
    rf"\b(?:overnight|night(?:'s|\u2019s)?|night-time|nighttime|massive|combined|air|aerial)\s+(?:\w+\s+)?"
    rf"(?:attacks?|strikes?)\b(?!\s+on\s+{_TROOPS})"
    r"|\b(?:attacks?|strikes?)\s+(?:\w+\s+){0,5}?(?:that|which)\s+(?:struck|hit)\b"
    # "a Russian attack on Poltava killed two", "after the Russian strike", "the enemy attack on
    # Zaporizhzhia": one side's strike, not on troops' positions
    rf"|\b(?:russian|ukrainian|enemy)\s+(?:\w+\s+)?(?:attacks?|strikes?)\b(?!\s+on\s+{_TROOPS})"
    # the same told by a verb whose subject is the side itself: "Russia struck Kherson overnight,
    # killing two" (a side's troops that attack are a ground assault, not a strike)
    rf"|\b(?:russia|ukraine|moscow|kyiv|the\s+enemy)\s+(?:has\s+|had\s+)?(?:struck|attacked|hit|targeted)\s+(?!{_TROOPS})"
    # a side's forces that struck or hit something (not "attacked": troops attack on the ground)
    # ("the General Staff said its forces hit ...": the speaker's own)
    rf"|\b(?:russian|ukrainian|its|their|our)\s+(?:forces|troops|army|military|armed\s+forces|defen[cs]e\s+forces|navy)\s+"
    rf"(?:has\s+|have\s+|had\s+)?(?:struck|hit|targeted)\s+(?!{_TROOPS})"
    # "confirmed the hit on the Ryazan refinery", "after the strike on the port" ("there had been no
    # hits on the capital" denies one)
    r"|(?<!\bno\s)(?<!\bnot\s)(?<!\bany\s)\b(?:hit|strike)s?\s+on\s+(?:the|a|an)\s+"
    # an official's daily toll with a side as the killer of civilians: "in the past 24 hours, the
    # Russians killed 3 residents of the region" (its weapons are not named; soldiers are no toll)
    r"|\b(?:russia|the\s+(?:russians|enemy|occupiers)|russian\s+(?:forces|troops|army|military))\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:killed|wounded|injured)\s+(?:\w+\s+){0,2}?"
    r"(?:residents?|civilians?|people|persons|inhabitants)\b",
    re.I)


# The countries of the air war Skywatch reports.
WAR_COUNTRIES = frozenset(CORE_COUNTRIES)


def _names_this_war(text: str, places: list[PlaceMatch]) -> bool:
    """Whether the sentence names a side of this war or a place in its countries."""
    return bool(lexicon.OWN_THEATRE.search(text)) or any(p.country_code in WAR_COUNTRIES for p in places)


# "five people were injured in attacks on the Shostka and Sumy communities": attacks that harmed
# people, told with no weapon and no side (plural: "the attack on a school" may be a crime; and only
# with a toll: "a response to attacks on Ukraine's power grid" tells of none)
_ATTACKS_ON = re.compile(
    rf"(?<!\bno\s)(?<!\bnot\s)(?<!\bany\s)\battacks\s+on\s+(?:the\s+)?(?!{_TROOPS})", re.I)


def _deadly(counted: list[Counted]) -> bool:
    return any(c.role in ("killed", "injured") and c.value > 0 for c in counted)


def _weapon_followed_up(text: str, previous: str | None, local: bool) -> str | None:
    """The weapon of the sentence before, for one that goes on with its count without naming a
    weapon ("Two drones flew into Belarusian airspace. All of them were destroyed.", cue
    `follow_up`): the weapons it counts are those. So are the weapons shot down in the sentence
    before whose debris it tells of in a place (`local`: "16 UAVs were shot down over the Rostov
    region. In Taganrog, debris damaged a roof"); a country's tally of sites with debris is no
    strike of its own."""
    if previous is None:
        return None
    if not (lexicon.FOLLOW_UP_RE.search(text)
            or (local and lexicon.DEBRIS.search(text) and lexicon.INTERCEPTION.search(previous))):
        return None
    return first_weapon(previous)


def sentence_facts(index: int, start: int, text: str, published_at: datetime | None,
                   fallback: date | None, people: list[Speaker], previous: str | None = None,
                   headline: bool = False) -> Facts:
    """The facts of one sentence; `headline`: a line that reads as another story's headline set in
    this one (`text.inset_headlines`), whose figures are not read (say less when unsure)."""
    # "...the mayor said.See also: Ten drones downed in the south": the rest of the sentence is the headline
    # of another story (a line of its own is boilerplate already, `skywatch.text`).
    if (link := lexicon.RELATED_LINK.search(text)) is not None:
        text = text[:link.start()].rstrip()
    unnamed = lexicon.without_weapon_names(text)  # "Storm Shadow" is no storm
    non_war = bool(lexicon.NON_WAR_STORY.search(unnamed))
    # A tally over many days ("1,441 drones over the past week") reports no event either.
    negative = non_war or bool(lexicon.NEGATIVE_CONTEXT.search(unnamed) or lexicon.AGGREGATE.search(text))
    counted = [] if headline else counted_in_context(text, previous)
    earlier = superseded(text, counted)  # "at first two were reported wounded, but ... rose to five"
    counted = [c for c in counted if not any(c is e for e in earlier)]
    places, offices = real_places(text)
    # A town named like a person's surname ("Governor Alexander Gusev") is the person; a region or a
    # country is not ("the Penza and Smolensk Regions", which the NER may take for a name).
    places = [p for p in places if p.kind in ("admin1", "country")
              or not any(p.start < s.end and s.start < p.end for s in people)]
    places = _without_launch_sites(text, places, counted)
    # "Israel's Iron Dome intercepted 20 rockets": another war, no claim of this one
    this_war = _names_this_war(text, places)
    elsewhere = not this_war and bool(lexicon.OTHER_THEATRE.search(unnamed))
    negative = negative or elsewhere
    weapon = first_weapon(text) or next(
        (c.category for c in counted if c.category in COUNTED_WEAPONS), None) \
        or _weapon_followed_up(text, previous, any(p.kind != "country" for p in places + offices))
    counted = sorted(counted + _listed_without_total(text, places, counted, weapon), key=lambda c: c.start)
    interception = (not negative and bool(lexicon.INTERCEPTION.search(text))
                    and (weapon is not None or "air defen" in text.lower())
                    and not lexicon.HYPOTHETICAL_INTERCEPTION.search(text)
                    and not (lexicon.HABITUAL.search(text) and not _has_weapon_count(counted)))
    effects = effects_of(text, counted)
    harm = bool(set(effects) & {"fire", "explosion", "damage", "casualties", "power_outage"})
    attack_cue = bool(lexicon.ATTACK.search(text)) or (bool(lexicon.DEBRIS.search(text)) and harm)
    # "Russia launched 120 drones overnight": only a number launched says there was an attack
    launch_only = not attack_cue and not effects and bool(lexicon.LAUNCH_COUNT.search(text))
    attack_cue = attack_cue or launch_only
    # "Ukraine attempted to strike the residence", "the alleged attack": no attack unless the
    # sentence also says what was harmed or how many weapons came (say less when unsure).
    unreal = bool(lexicon.UNREAL_ATTACK.search(text)) and not harm and not _has_weapon_count(counted)
    attack = (not negative and attack_cue and weapon is not None and not unreal
              and not lexicon.GENERIC.search(text)
              and not (lexicon.HABITUAL.search(text) and not _has_weapon_count(counted)))
    if (not attack and not negative and not unreal and not lexicon.GENERIC.search(text)
            and ((_UNNAMED_WEAPON_STRIKE.search(text)
                  and (_deadly(counted) or harm or first_target(text) not in (None, "military")))
                 or (_ATTACKS_ON.search(text) and _deadly(counted))
                 or lexicon.SETTLEMENTS_STRUCK.search(text))):
        # "three civilians died in overnight strikes that hit Poltava and Kremenchuk", "a massive
        # combined attack on the energy infrastructure": an air strike whose weapon the text does
        # not name, told with what it harmed (a military target may be troops in ground combat);
        # or a side's fire on many settlements, which are civilian places by what they are
        attack, weapon = True, "unknown"
    if interception and weapon == "aircraft" and any(
            not is_launcher(text, m.start()) for m in _CREWED_AIRCRAFT.finditer(text)):
        # A crewed aircraft shot down is not a weapon stopped in flight but a surface-to-air
        # missile attack on a military target (ACLED: shelling/artillery/missile attack).
        interception, attack, weapon = False, True, "missile"
    # "alerts were declared more than a dozen times this month": many alerts counted, none reported
    alert = (not negative and bool(lexicon.ALERT.search(text)) and not lexicon.HYPOTHETICAL_ALERT.search(text)
             and not lexicon.HABITUAL.search(text))
    organisations = organisation_mentions(text)
    speakers = sorted(organisations + people, key=lambda s: s.start)
    speaker = choose_speaker(text, speakers)
    return Facts(
        index=index, start=start, text=text, interception=interception, attack=attack, alert=alert,
        weapon=weapon, attacker=_attacker_beside(text, speaker, defending=interception),
        target=first_target(text),
        effects=effects, counted=counted, places=places, office_places=offices,
        organisations=organisations,
        time=resolve_time(text, published_at, fallback), speaker=speaker,
        channel=channel_of(text), non_war=non_war,
        superseded=[(c.role, c.value) for c in earlier if c.role],
        launch_only=launch_only and attack,
        this_war=this_war, elsewhere=elsewhere,
    )
