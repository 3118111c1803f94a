"""Step 3 of extraction: the claims of one article, from the facts of its relevant sentences.

`article_claims` is a sequence of named passes (see its docstring). Most passes return new
values and leave their input as it was; the two that must update an earlier claim say why:
`_extend` (a later sentence adds to the claim before it, and the sentences after read the claim
as extended) and `merge_restatements` (a restatement is folded into the claim it restates).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from skywatch import lexicon, plausibility, vocab
from skywatch.claimants import (
    MINISTRY_ANAPHOR,
    air_defence_country,
    attacking_side,
    ministry_named_last,
    national_speaker,
    organisation_country,
    speaker_country,
)
from skywatch.extraction.attacks import attack_claims
from skywatch.extraction.breakdowns import breakdown_claims, each_of_a_pair, listed_parts
from skywatch.extraction.claim import (
    CONTINUATION_WINDOW,
    PART_WINDOW,
    Claim,
    claim_context,
    new_claim,
    recent_claim,
)
from skywatch.extraction.classify import (
    COUNTED_WEAPONS,
    DESTROYED_KINDS,
    LAUNCHED_KINDS,
    WEAPON_FAMILY,
    family_of,
)
from skywatch.extraction.counting import (
    SINGLE_WEAPON,
    bare_counts_after_places,
    bare_counts_before_places,
    for_counting,
)
from skywatch.extraction.facts import WAR_COUNTRIES, Facts
from skywatch.extraction.place_context import best_place, real_places
from skywatch.extraction.quantities import (
    Quantity,
    adds_on,
    got_through_clauses,
    got_through_numbers,
    quantities_of,
)
from skywatch.extraction.restatements import merge_restatements
from skywatch.extraction.revisions import TOLL_ROLES, states_a_rise
from skywatch.places import PlaceMatch
from skywatch.timeparse import TimeResolution


def lead_place(start: int, text: str) -> tuple[int, PlaceMatch] | None:
    """(start, place) of an article's first sentence that names a place in the countries of the air
    war (a dateline-less lead in Washington is not): where the story is, for claims that name none
    before a sentence does."""
    places, offices = real_places(text)
    place = best_place([p for p in places or offices if p.country_code in WAR_COUNTRIES], text)
    return (start, place) if place is not None and place.kind != "country" else None


def article_claims(article_id: str, facts_list: list[Facts],
                   lead: tuple[int, PlaceMatch] | None = None,
                   scenes: dict[int, tuple[int, str]] | None = None) -> list[Claim]:
    """The claims of one article, in passes over its relevant sentences, in this order (none at
    all for an article about another war, `_about_another_war`):

    1. `_with_story_time`: a sentence without a time phrase keeps the story's time;
    2. `_hit_not_intercepted`: "a drone was intercepted after it flew into a building" is an attack;
    3. `_sentence_claims`: each sentence, in order, makes its claims (with their breakdowns and
       listed parts) or continues an earlier claim (casualties, damage, a restated interception);
       a sentence that points back to a place it does not name ("there") is at the place of the
       skipped sentence before it (`scenes`), and a placed toll no claim took goes to the attack
       of the next sentence (`_with_toll_told_before`);
       `each_of_a_pair`: "six over the Bryansk and Oryol regions" is six each where only that adds
       up to the stated total;
       then `_without_revised_tolls`: a toll given as an earlier report ("although two were
       first reported") is no claim's figure;
    4. `_claimant_carrier`: a claim without a speaker takes the one a reporting verb bound closest
       before it (within six sentences), else one named in the next two;
    5. `merge_restatements`: a claim that restates an earlier one is folded into it;
    6. `_without_contradictions`: no claim keeps more destroyed than launched;
    7. `_standing_on_their_own`: in an article that states a non-war cause or an exercise, only
       the claims that say where or how many stay;
    8. `_attacker_of_the_attack_before`: an interception with no place and no attacker stopped
       the weapons of the attack told in its sentence or the one before, with that attacker;
    9. `_in_defenders_country`: an interception with no place but a known attacker is in the
       defender's country, and so is an attack by "the enemy" of the organisation that says it;
       one with neither, told by a side's own forces, is in that side's country;
    10. `_in_its_parts_country`: a total with no place whose parts all lie in one country is in it;
    11. `_with_the_totals_attacker`: a part that names no attacker has its total's.
    """
    if _about_another_war(facts_list, lead):
        return []
    anaphors = {f.index for f in facts_list if f.speaker is not None and f.speaker.name == MINISTRY_ANAPHOR}
    facts_list = [_hit_not_intercepted(f) for f in _with_named_speakers(_with_story_time(facts_list))]
    unknown_speaker = anaphors - {f.index for f in facts_list if f.speaker is not None}
    claims = each_of_a_pair(_sentence_claims(article_id, facts_list, lead, scenes), facts_list)
    if revised := {toll for f in facts_list for toll in f.superseded}:
        claims = _rewritten(claims, _without_revised_tolls(revised))
    claims = _rewritten(claims, _claimant_carrier(facts_list, claims, unknown_speaker))
    claims = _rewritten(merge_restatements(claims), _without_contradictions)
    if any(f.non_war for f in facts_list):
        claims = _standing_on_their_own(claims)
    claims = _rewritten(claims, _attacker_of_the_attack_before(claims))
    claims = _rewritten(claims, _in_defenders_country(facts_list))
    claims = _rewritten(claims, _in_its_parts_country(claims))
    return _rewritten(claims, _with_the_totals_attacker)


# "In neighbouring Zaporizhzhia, officials reported that ...": a speaker of its own, though named
# by no one (`claimants` makes bare "officials" no claimant), so no earlier speaker is carried in
# (one named just after may still be those officials: "..., officials said. Governor X wrote ...").
_UNNAMED_OFFICIALS = re.compile(
    r"\b(?<!the )(?:officials|authorities)\s+(?:"
    + vocab.words_regex("reporting.statement", "reporting.plain") + r")\b", re.I)


def _with_the_totals_attacker(claim: Claim) -> Claim:
    """Pass 11: a part that names no attacker counts its total's weapons, so it has the total's
    attacker ("18 Ukrainian UAVs ... Of these, nine were over the Belgorod region")."""
    if claim.parent is None or claim.attacker is not None or claim.parent.attacker is None:
        return claim
    return replace(claim, attacker=claim.parent.attacker)


def _about_another_war(facts_list: list[Facts], lead: tuple[int, PlaceMatch] | None) -> bool:
    """An article whose relevant sentences name another war ("Israel's Iron Dome intercepted ...")
    and never this one, nor does its lead: its "15 drones were shot down" are that war's."""
    return lead is None and any(f.elsewhere for f in facts_list) and not any(f.this_war for f in facts_list)


# --- passes 1 and 2: the facts, read in the light of the story --------------------------------

def _with_story_time(facts_list: list[Facts]) -> list[Facts]:
    """Pass 1: a sentence without a time phrase keeps the time of the last one that had one
    (new `Facts`; the caller's are left as they are)."""
    out: list[Facts] = []
    story_time: TimeResolution | None = None
    for facts in facts_list:
        if facts.time.phrase is not None:
            story_time = facts.time
        elif story_time is not None:
            facts = replace(facts, time=story_time)
        out.append(facts)
    return out


def _with_named_speakers(facts_list: list[Facts]) -> list[Facts]:
    """"The ministry said": the speaker is the ministry the article named before; with none
    named, the sentence has no speaker of its own (say less when unsure)."""
    out: list[Facts] = []
    named: list[str] = []
    for f in facts_list:
        if f.speaker is not None and f.speaker.name == MINISTRY_ANAPHOR:
            name = ministry_named_last(named + [o.name for o in f.organisations if o.end <= f.speaker.start])
            f = replace(f, speaker=replace(f.speaker, name=name) if name else None)
        named.extend(o.name for o in f.organisations)
        out.append(f)
    return out


def _hit_not_intercepted(facts: Facts) -> Facts:
    """Pass 2: "a drone was intercepted after it flew into a building and exploded": a single
    weapon said to be intercepted that still hit is an attack, not an interception."""
    if facts.interception and _attack_beyond_interception(facts) and facts.attack and not any(
            c.number.text.lower() not in ("a", "an", "another") for c in facts.counted_weapons):
        return replace(facts, interception=False)
    return facts


def _attack_beyond_interception(facts: Facts) -> bool:
    """An interception sentence also reports an attack when something was hit or burned."""
    return bool(set(facts.effects) & {"fire", "explosion", "damage", "power_outage", "casualties"})


# --- pass 3: sentence claims and continuations ----------------------------------------------

@dataclass
class _Story:
    """What the sentences read so far left behind: their claims, and the last place named (with
    the start of its sentence), which a sentence naming no place of its own is taken to be about."""

    article_id: str
    claims: list[Claim] = field(default_factory=list)
    place: PlaceMatch | None = None
    place_offset: int = 0
    previous: Facts | None = None  # the sentence before, for "It was shot down"
    non_war: bool = False  # the article states a non-war cause or an exercise somewhere
    # "The enemy launched 120 drones overnight." told as a sentence of its own, with no event claim
    # to hold it: (its index, its start, its launched counts), for the interception right after
    launch: tuple[int, int, list[Quantity], str | None] | None = None  # ... and its attacker
    # "Two people were killed in Kherson Oblast. Russian forces targeted a hospital.": a toll told
    # before the attack it belongs to, which no claim took, for the attack of the very next sentence
    toll_before: Facts | None = None


def _sentence_claims(article_id: str, facts_list: list[Facts],
                     lead: tuple[int, PlaceMatch] | None = None,
                     scenes: dict[int, tuple[int, str]] | None = None) -> list[Claim]:
    """Pass 3: the claims each sentence makes, in order.

    One pass, not several, because a sentence reads what the sentences before it left: the total
    its per-region numbers break down, the attack its casualties add to, the story's last place.
    `scenes`: index -> (start, text) of sentences the relevance filter skipped right before a
    relevant one, read only for a sentence that points back to a place it does not name.
    """
    story = _Story(article_id, non_war=any(f.non_war for f in facts_list))
    if lead is not None:  # the first sentence's place, which the relevance filter skipped
        story.place_offset, story.place = lead
    for i, facts in enumerate(facts_list):
        if (scene := _scene_before(facts, scenes)) is not None:
            # "The town of Novozybkov was among the worst hit. A drone struck a house there."
            story.place_offset, story.place = scene
        if (office := _office_below_country(facts)) is not None:
            # "Kharkiv Mayor Ihor Terekhov said a bomb hit a house": a sentence that names no place
            # but its speaker's office of a region or town is about that place, not the story's last
            story.place, story.place_offset = office, facts.start
        if facts.launch_only and _interception_next(facts_list, i):
            # "Russia launched 120 drones overnight. Of these, 88 were shot down.": the launch is the
            # launched count of that interception, not an attack claim of its own
            facts = replace(facts, attack=False)
        toll_before, story.toll_before = story.toll_before, None
        made = _claims_of_sentence(story, facts, claim_context(facts_list, i))
        if toll_before is not None and toll_before.index == facts.index - 1:
            _with_toll_told_before(toll_before, facts, made)
        if facts.places or facts.office_places:
            story.place = best_place(facts.places or facts.office_places, facts.text)
            story.place_offset = facts.start
        story.claims.extend(made)
        story.previous = facts
    return story.claims


def _scene_before(facts: Facts, scenes: dict[int, tuple[int, str]] | None) -> tuple[int, PlaceMatch] | None:
    """(start, place) of the skipped sentence right before `facts`, when `facts` names no place
    but points back to one ("there", "the town"): the place it points to is that sentence's."""
    if not scenes or facts.places or facts.office_places or facts.index - 1 not in scenes \
            or not lexicon.PLACE_ANAPHOR.search(facts.text):
        return None
    return lead_place(*scenes[facts.index - 1])


def _interception_next(facts_list: list[Facts], i: int) -> bool:
    """The sentence right after the i-th (no other between) reports an interception with a number
    of weapons, which can take the launched count ("Air defence shot down most of them" cannot)."""
    return i + 1 < len(facts_list) and facts_list[i + 1].index == facts_list[i].index + 1 \
        and facts_list[i + 1].interception and bool(facts_list[i + 1].counted_weapons)


def _claims_of_sentence(story: _Story, facts: Facts, context: str) -> list[Claim]:
    """The new claims of one sentence, of each event it reports in the order interception, attack,
    alert; a sentence that reports none may still continue an earlier claim."""
    if not (facts.interception or facts.attack or facts.alert):
        return _continuation(story, facts, context)
    made: list[Claim] = []
    if facts.interception:
        made.extend(_interception_claims(story, facts, context))
    if facts.attack and (not facts.interception or _attack_beyond_interception(facts)):
        made.extend(_attack_claims_or_extension(story, facts, context))
    if facts.alert:
        place = best_place(facts.places, facts.text)
        made.append(new_claim(story.article_id, facts, "alert", context, place=place or story.place,
                              rule="alert.sentence", place_offset=None if place else story.place_offset))
    if lexicon.PERIOD_TALLY.search(facts.text):
        made = [c for c in made if not _launch_tally(c, facts)]
    return _without_hits_read_as_launches(story, facts, made)


def _without_hits_read_as_launches(story: _Story, facts: Facts, made: list[Claim]) -> list[Claim]:
    """"Russia launched 90 drones ... Five drones struck targets in the Odesa region": once the story
    has told how many of a kind came, a count of that kind whose verb says they reached their
    targets is how many got through, not a launch of its own. The strike stays, without the count.
    A weapon more specific than the one whose launch was told ("six guided missiles" launched, then
    "two ballistic missiles struck a port") may be others that came, and keeps its count."""
    if not any(c.event_type == "attack" for c in made):
        return made
    hits = {facts.start + start for start in got_through_numbers(facts.text, facts.counted)}
    if not hits:
        return made
    return [replace(c, quantities=[q for q in c.quantities if q.start not in hits
                                   or q.kind not in _launches_told(story, c.weapon)])
            if c.event_type == "attack" else c for c in made]


def _launches_told(story: _Story, weapon: str | None) -> set[str]:
    """The launched kinds the story has counted for a whole country (a town's strike counts only
    its own) of a weapon that `weapon` may be: the same class, or any when `weapon` is generic
    ("drones", "missiles"). A launch told with no claim of its own
    (`_Story.launch`) names no class, so only a generic weapon may be of it."""
    generic = weapon is None or weapon in vocab.generic_weapons()
    told = {q.kind for c in story.claims if (generic or c.weapon == weapon) and not _local(c)
            for q in c.quantities if q.kind in _LAUNCHED_KIND_SET}
    if story.launch is not None and generic:
        told.update(q.kind for q in story.launch[2])
    return told


def _launch_tally(claim: Claim, facts: Facts) -> bool:
    """"Russia launched more than 900 drones at Ukraine last week": an attack that only counts what
    was launched over a week, a month or a year, and hit nothing named, is a tally of many nights,
    no event (its nights are reported one by one). "A drone hit the refinery last week" stays."""
    return claim.event_type == "attack" and bool(claim.quantities) and not facts.effects \
        and facts.target is None and all(q.kind in _LAUNCHED_KIND_SET for q in claim.quantities)


def _interception_claims(story: _Story, facts: Facts, context: str) -> list[Claim]:
    """A breakdown of the recent total into regions; else, when the sentence only goes on
    describing the interception before it, nothing new (that claim is extended); else one
    interception claim, with the regions listed beside its number as parts."""
    facts = _without_places_of_hits(facts)
    total = recent_claim(story.claims, facts.index, "interception", PART_WINDOW)
    parts = breakdown_claims(story.article_id, facts, context, total)
    if parts:
        return parts
    place = best_place(facts.places, facts.text)
    previous = _restated_interception(story.claims, facts, place)
    if previous is not None:
        _extend(previous, facts)  # "The drones were intercepted from 20:00 to 07:00."
        return []
    # "88 drones were shot down in the north, south and east of the country": the story's country,
    # not its region
    across = place is None and story.place is not None and bool(lexicon.COUNTRY_SCOPE.search(facts.text))
    # "The Air Force said 81 missiles and 144 drones were shot down" after a paragraph on Lviv: a
    # national body's figure is the country's, unless it points back at the place ("over the region")
    # (or a national official's: "Prime Minister Olena Marchenko said ...")
    national = place is None and national_speaker(facts.speaker, facts.text) \
        and not _PLACE_ANAPHOR.search(facts.text)
    claim = new_claim(story.article_id, facts, "interception", context,
                      place=place or (None if across or national else story.place),
                      rule="interception.sentence",
                      quantities=quantities_of(facts, "interception", facts.counted),
                      place_offset=None if place else story.place_offset)
    if across:
        claim.country_without_place = story.place.country_code
    elif national and facts.speaker.kind == "person":
        # a national official reports the air defence of their own country ("Zelensky said 120 drones
        # were shot down"); a body's country is read in pass 9, with its attacker
        claim.country_without_place = speaker_country(facts.speaker)
    if not claim.quantities and (single := _the_one_weapon_before(story, facts)
                                 or _all_the_weapons_before(story, facts)) is not None:
        claim.weapon, claim.quantities = single
    if not claim.quantities:
        return [claim]
    _with_launch_before(story, facts, claim)
    if place is not None and _share_of_count(facts, place):
        return _total_with_share(story.article_id, facts, context, claim, place)
    return [claim, *listed_parts(story.article_id, facts, context, claim)]


# A place named by pointing back at the story's: "over the region", "in the city".
_PLACE_ANAPHOR = re.compile(r"\b(?:the|this|that)\s+(?:region|oblast|province|city|town|village|area|"
                            r"district|republic|territory)\b(?!\s+of\b)", re.I)


def _without_places_of_hits(facts: Facts) -> Facts:
    """The sentence without the places of its clauses that tell weapons getting through ("98 were
    shot down; 14 drones hit targets in the Kharkiv and Sumy regions"): there they hit, which says
    nothing of where the others were shot down."""
    spans = got_through_clauses(facts.text, facts.counted)
    if not spans:
        return facts
    return replace(facts, places=[p for p in facts.places if not any(s <= p.start < e for s, e in spans)])


# "It was shot down": a sentence whose subject is the one weapon the sentence before named.
_IT_WAS_DESTROYED = re.compile(r"\s*(?:it|the (?:drone|uav|missile|rocket))\s+(?:was|had been|has been)\s+"
                               rf"(?:\w+\s+)?(?:{lexicon.DESTROYED_CONTEXT.pattern})", re.I)


def _the_one_weapon_before(story: _Story, facts: Facts) -> tuple[str, list[Quantity]] | None:
    """(weapon, one destroyed) for "A drone entered Belarusian airspace near Mozyr. It was shot
    down ...": the previous sentence names one weapon (and no other count of weapons), and this
    one says it was destroyed; the figure's span is the previous sentence's "a drone". Not in an
    article that states an exercise or a non-war cause: there a figure would make a claim stand."""
    previous = story.previous
    if previous is None or story.non_war or previous.index != facts.index - 1 \
            or not _IT_WAS_DESTROYED.match(facts.text) \
            or previous.weapon is None or any(c.value > 1 for c in previous.counted_weapons):
        return None
    single = SINGLE_WEAPON.search(previous.text)
    kind = DESTROYED_KINDS.get(WEAPON_FAMILY.get(previous.weapon, ""))
    if single is None or kind is None:
        return None
    return previous.weapon, [Quantity(kind, 1, "exact", previous.start + single.start(),
                                      previous.start + single.end())]


# "Both were shot down", "All of them were intercepted": the sentence's subject is every weapon the
# sentence before counted.
_ALL_WERE_DESTROYED = re.compile(r"\s*(?P<all>both|all)"
                                 r"(?:\s+of\s+them|\s+(?:the\s+)?(?:drones|uavs|missiles|rockets))?"
                                 r"\s+(?:were|had been|have been)\s+"
                                 rf"(?:\w+\s+)?(?:{lexicon.DESTROYED_CONTEXT.pattern})", re.I)


def _all_the_weapons_before(story: _Story, facts: Facts) -> tuple[str, list[Quantity]] | None:
    """(weapon, all destroyed) for "Two drones flew into Belarusian airspace overnight. Both were
    shot down": the sentence before counts one group of weapons, and this one says all of them (or
    both of two) were destroyed; the figure's span is that count's number."""
    previous = story.previous
    opening = _ALL_WERE_DESTROYED.match(facts.text)
    if previous is None or story.non_war or previous.index != facts.index - 1 or opening is None \
            or previous.weapon is None or len(previous.counted_weapons) != 1:
        return None
    count = previous.counted_weapons[0]
    kind = DESTROYED_KINDS.get(WEAPON_FAMILY.get(count.category or "", ""))
    if kind is None or (opening["all"].lower() == "both" and count.value != 2):
        return None
    return previous.weapon, [Quantity(kind, count.value, count.bound, previous.start + count.number.start,
                                      previous.start + count.number.end)]


def _share_of_count(facts: Facts, place: PlaceMatch) -> bool:
    """"Downed 57 drones, most of them over the Rostov region": the place after the count's
    qualifier holds a share of it, so giving it the whole count would inflate that region."""
    return place.kind != "country" and any(c.end <= place.start for c in facts.counted) and bool(
        lexicon.SHARE_OF_COUNT.search(facts.text, max(0, place.start - 80), place.start))


def _total_with_share(article_id: str, facts: Facts, context: str, claim: Claim,
                      place: PlaceMatch) -> list[Claim]:
    """The count as a total in the named country (or none), the place as its part with no number."""
    claim.place = facts.named_country
    claim.scope = "total"
    part = new_claim(article_id, facts, "interception", context, place=place, scope="part",
                     rule="interception.listed_part")
    part.parent = claim
    return [claim, part]


def _restated_interception(claims: list[Claim], facts: Facts, place: PlaceMatch | None) -> Claim | None:
    """The interception claim just before that a sentence with no count and no place of its own
    only goes on describing ("The drones were intercepted from 20:00 to 07:00 Moscow time")."""
    if place is not None or facts.counted:
        return None
    previous = recent_claim(claims, facts.index, "interception", PART_WINDOW)
    if previous is None or not previous.quantities:
        return None
    if facts.weapon and previous.weapon and family_of(facts.weapon) != family_of(previous.weapon):
        return None
    return previous


def _attack_claims_or_extension(story: _Story, facts: Facts, context: str) -> list[Claim]:
    """A sentence about an attack with no place and no weapon count of its own, by the same
    attacker with a weapon of the same family, adds to the attack claim just before it; otherwise
    it makes its own claims ("A missile struck a plant in Dnipro. Later, a drone hit a house": two
    strikes, at the story's place)."""
    previous = recent_claim(story.claims, facts.index, "attack", CONTINUATION_WINDOW)
    place = best_place(facts.places, facts.text)
    if previous is not None and place is None and not facts.counted_weapons \
            and _same_attacker(previous, facts) and _same_weapon_family(previous, facts) \
            and not _told_by_another_places_office(previous, facts):
        return _extension_or_revision(story.article_id, facts, context, previous)
    # The story's place is no place for a side's own weapons to strike: "Russian strikes killed two"
    # after a sentence on the Bryansk region happened elsewhere. (Attacks only: in an interception
    # report "the Ukrainian military said" reads as an attacker, so the side is less sure there.)
    carried = story.place
    if carried is not None and facts.attacker == carried.country_code:
        carried = None
    if place is None and _national_launch_tally(facts):
        # "Prime Minister Olena Marchenko said Russia launched 30 missiles and 500 drones overnight"
        # after a paragraph on Kharkiv: the night's count for the whole country, not Kharkiv's
        claims = attack_claims(story.article_id, facts, context, None, None, story.place_offset)
        country = _DEFENDER.get(facts.attacker or "") or speaker_country(facts.speaker)
        return [replace(c, country_without_place=c.country_without_place or country) for c in claims]
    return attack_claims(story.article_id, facts, context, place, carried, story.place_offset)


def _same_weapon_family(claim: Claim, facts: Facts) -> bool:
    """Whether the sentence's weapon may be the claim's: either is unnamed, or both of one family."""
    unnamed = {"unknown", None}
    return claim.weapon in unnamed or facts.weapon in unnamed \
        or family_of(claim.weapon) == family_of(facts.weapon)


def _local(claim: Claim) -> bool:
    """A claim placed below the level of a country (a region, a town)."""
    return claim.place is not None and claim.place.kind != "country"


def _national_launch_tally(facts: Facts) -> bool:
    """A sentence told by someone who reports for the whole country (`national_speaker`) that only
    counts weapons launched: no harm, no target, no place, not pointing back ("at the region")."""
    if facts.effects or facts.target is not None or not facts.counted_weapons \
            or _PLACE_ANAPHOR.search(facts.text) or not national_speaker(facts.speaker, facts.text):
        return False
    counts = quantities_of(facts, "attack", facts.counted)
    return bool(counts) and all(q.kind in _LAUNCHED_KIND_SET for q in counts)


# A regional office holder's title with its place: "Kharkiv Mayor", "the Belgorod region's governor",
# "Governor of the Kursk region", "head of the Sumy Regional Military Administration".
_TITLE = vocab.words_regex("titles.regional_office")
_TITLE_AFTER = re.compile(rf"(?:'s)?\s+(?:(?:region|oblast|city|regional|military|administration)(?:'s)?\s+)*"
                          rf"{_TITLE}\b", re.I)
_TITLE_OF_BEFORE = re.compile(rf"\b{_TITLE}\s+of\s+(?:the\s+)?$", re.I)


def _office_below_country(facts: Facts) -> PlaceMatch | None:
    """The place of an office holder's title ("Kharkiv Mayor", "the Belgorod governor", "head of
    the Sumy region") in a sentence that names no place of its own. A country's body ("the Armed
    Forces of Ukraine") is none, nor is a government named by its capital ("the Kyiv regime")."""
    if facts.places:
        return None
    titled = [p for p in facts.office_places if p.kind != "country" and (
        _TITLE_AFTER.match(facts.text, p.end)
        or _TITLE_OF_BEFORE.search(facts.text, max(0, p.start - 40), p.start))]
    return best_place(titled, facts.text)


def _told_by_another_places_office(previous: Claim, facts: Facts) -> bool:
    """"Shelling killed a man in the Kherson region. Odesa Mayor Hennadiy Trukhanov said a drone hit
    a warehouse in his city": an official of another region tells of another attack, not more of it."""
    office = _office_below_country(facts)
    return office is not None and previous.place is not None and office.admin1_code is not None \
        and office.admin1_code != previous.place.admin1_code


def _continuation(story: _Story, facts: Facts, context: str) -> list[Claim]:
    """A sentence that reports no event of its own: per-region numbers that break down the
    interception total before it, or else casualties and damage of the attack before it."""
    parts = _continued_breakdown(story.article_id, facts, context, story.claims)
    if parts:
        return parts
    if lexicon.GENERIC.search(facts.text) or lexicon.AGGREGATE.search(facts.text):
        return []  # a summary of the war, a tally of many days
    previous = recent_claim(story.claims, facts.index, "attack", CONTINUATION_WINDOW)
    if previous is not None and _national_launch_tally(facts) and _local(previous):
        previous = None  # the whole country's count of the night is no more of a local attack
    if previous is not None and (facts.counted or facts.effects) and _same_attacker(previous, facts) \
            and not _elsewhere(previous, facts):
        if (local := _local_place_of_a_wide_attack(previous, facts)) is not None:
            return [_regional_follow_up(story.article_id, facts, context, previous, local)]
        return _extension_or_revision(story.article_id, facts, context, previous)
    taken = previous is None and _add_tolls(story, facts)
    if not taken:
        story.toll_before = facts  # the attack of the next sentence may take its toll
    if previous is None:
        # a sentence of launches only ("Russia launched 323 drones of the Shahed type and 34
        # missiles") counts launched weapons, whatever stands between its numbers
        reading = "attack" if facts.launch_only else "interception"
        launched = [q for q in quantities_of(facts, reading, facts.counted_weapons)
                    if q.kind in _LAUNCHED_KIND_SET]
        if launched and not lexicon.PERIOD_TALLY.search(facts.text):
            # "Russia launched 1,200 drones last week. On Tuesday night 30 were shot down over
            # Belgorod": a week's tally is no launched count of the night after it
            story.launch = (facts.index, facts.start, launched, facts.attacker)
    return []


_LAUNCHED_KIND_SET = frozenset(LAUNCHED_KINDS.values())
# A family's destroyed kind -> its launched kind: "95 drones destroyed" is out of "120 drones launched".
_LAUNCHED_FOR_DESTROYED = {DESTROYED_KINDS[f]: LAUNCHED_KINDS[f]
                           for f in DESTROYED_KINDS.keys() & LAUNCHED_KINDS.keys()}


def _with_launch_before(story: _Story, facts: Facts, claim: Claim) -> None:
    """"The enemy launched 120 drones overnight. Air defence shot down 95.": the interception of the
    very next sentence takes the launched count of its weapons, when it states none and destroyed
    no more than came. In place, as `_extend`."""
    if story.launch is None or story.launch[0] != facts.index - 1:
        return
    _, launch_start, launched, attacker = story.launch
    by_kind = {q.kind: q for q in launched}
    added = False
    for destroyed in list(claim.quantities):
        kind = _LAUNCHED_FOR_DESTROYED.get(destroyed.kind)
        came = by_kind.get(kind or "")
        if came is not None and kind not in claim.kinds and came.value >= destroyed.value:
            claim.quantities.append(came)
            added = True
    if added:
        # "Russia launched 93 drones and four missiles. Air defences downed 71 of the drones.": the
        # launch sentence makes no claim of its own, so the weapons it counts that the interception
        # does not name are launched in this one too, or their number would be lost
        claim.quantities.extend([q for q in launched if q.kind not in claim.kinds])
        claim.evidence_start = min(claim.evidence_start, launch_start)
        claim.attacker = claim.attacker or attacker  # "Russia launched 120 drones": whose they were


def _local_place_of_a_wide_attack(previous: Claim, facts: Facts) -> PlaceMatch | None:
    """The region or town a follow-up sentence names, when the attack before it has no region of
    its own (a country-wide strike): "Russia fired 90 missiles at Ukraine's grid. In Lviv, part of the
    city was left without power." Its harm is Lviv's, not the country's."""
    if previous.place is not None and previous.place.kind != "country":
        return None
    country = previous.place.country_code if previous.place is not None else previous.country_without_place
    # an attack of no known country is in a country of this war ("talks resumed in Istanbul" is no
    # place of its harm)
    return best_place([p for p in facts.places if p.kind != "country"
                       and (p.country_code == country if country else p.country_code in WAR_COUNTRIES)],
                      facts.text)


def _regional_follow_up(article_id: str, facts: Facts, context: str, previous: Claim,
                        place: PlaceMatch) -> Claim:
    """A claim at `place` for what the sentence tells there, with the wide attack's weapon, attacker
    and time (the sentence names its harm, not the strike)."""
    claim = new_claim(article_id, facts, "attack", context, place=place, rule="attack.regional_follow_up",
                      quantities=quantities_of(facts, "attack", facts.counted))
    claim.weapon, claim.attacker = previous.weapon, claim.attacker or previous.attacker
    claim.target = claim.target or previous.target
    if facts.time.phrase is None:
        claim.time, claim.time_offset = previous.time, previous.time_offset
    return claim


def _extension_or_revision(article_id: str, facts: Facts, context: str, previous: Claim) -> list[Claim]:
    """A follow-up sentence extends the attack claim before it (nothing new), unless another
    claimant says the toll has risen ("Prosecutors said the death toll had risen to five"): that
    figure is the other claimant's claim about the same attack, kept beside the first so that both
    stay traceable to who said them."""
    tolls = [q for q in quantities_of(facts, "attack", facts.counted) if q.kind in TOLL_ROLES]
    other_voice = facts.speaker is not None and previous.claimant not in (None, facts.speaker.name)
    if not (other_voice and tolls and states_a_rise(facts.text)):
        _extend(previous, facts)
        return []
    claim = new_claim(article_id, facts, "attack", context, rule="attack.revised_toll",
                      place=previous.place, place_offset=previous.place_offset, quantities=tolls)
    # the attack's own weapon, target and time: the sentence tells only who counts what, and when
    claim.weapon, claim.target, claim.attacker = previous.weapon, previous.target, previous.attacker
    claim.time, claim.time_offset = previous.time, previous.time_offset
    claim.country_without_place = previous.country_without_place
    return [claim]


def _add_tolls(story: _Story, facts: Facts) -> bool:
    """"Nine drones were shot down ... No one was hurt.": where no attack claim comes before, a
    sentence's toll belongs to the interception before it (the drones that attempted an attack
    and were stopped). Only tolls: damage and fire would make the sentence an attack of its own.
    Whether there was such an interception to take it."""
    previous = recent_claim(story.claims, facts.index, "interception", CONTINUATION_WINDOW)
    if previous is None or _elsewhere(previous, facts):
        return False
    tolls = [c for c in facts.counted if c.role in TOLL_ROLES]
    for q in quantities_of(facts, "interception", tolls):
        if q.kind not in previous.kinds:
            previous.quantities.append(q)
            previous.evidence_end = max(previous.evidence_end, facts.start + len(facts.text))
    return True


def _with_toll_told_before(toll: Facts, facts: Facts, made: list[Claim]) -> None:
    """"Two people were killed and nine injured in Kherson Oblast, according to the regional
    administration. Russian forces targeted residential areas and a hospital.": the toll of a
    sentence that no claim took belongs to the one attack the next sentence tells, when that attack
    has no toll of its own, names no place of its own and so is where the toll was. A toll that
    names no place may be of another strike ("A terminal in Kryvyi Rih was hit. Three were killed.
    In Ivano-Frankivsk, missiles hit a school"). In place."""
    attacks = [c for c in made if c.event_type == "attack" and c.scope != "part"]
    if len(attacks) != 1 or attacks[0].kinds.keys() & TOLL_ROLES or facts.places or not toll.places:
        return
    attack, where = attacks[0], best_place(toll.places, toll.text)
    if where is None or attack.place is None \
            or (attack.place.admin1_code or attack.place.place_id) != (where.admin1_code or where.place_id):
        return
    if toll.attacker is not None and attack.attacker not in (None, toll.attacker):
        return
    tolls = [q for q in quantities_of(toll, "attack", [c for c in toll.counted if c.role in TOLL_ROLES])
             if q.kind in TOLL_ROLES]
    if tolls:
        attack.quantities.extend(tolls)
        attack.evidence_start = min(attack.evidence_start, toll.start)


def _continued_breakdown(article_id: str, facts: Facts, context: str,
                         claims: list[Claim]) -> list[Claim]:
    """"Forty-six of the drones were over the Kursk region": a sentence without a verb of its
    own that lists numbers per region continues the interception total just before it."""
    # A list of regions may run longer than PART_WINDOW lines: the window counts from its last part.
    recent = recent_claim(claims, facts.index, "interception", PART_WINDOW,
                          scopes=("single", "total", "part"))
    total = recent.parent if recent is not None and recent.scope == "part" else recent
    if total is None or not total.weapon:
        return []
    text = for_counting(facts.text)
    extra = bare_counts_before_places(text, facts.counted, total.weapon)
    if total.weapon in COUNTED_WEAPONS:  # "Kursk region: 9"
        extra += bare_counts_after_places(text, facts.places, facts.counted + extra, total.weapon)
    if not facts.counted_weapons and not extra:
        return []
    facts = replace(facts, counted=sorted(facts.counted + extra, key=lambda c: c.start))
    return breakdown_claims(article_id, facts, context, total) or []


def _elsewhere(claim: Claim, facts: Facts) -> bool:
    """"In the Kursk region, officials reported no casualties" after a strike in another
    region: its casualties and damage are those regions'.
    Regions only: a district or town may be a namesake elsewhere ("the Yuzhny district")."""
    regions = {p.admin1_code for p in facts.places if p.kind == "admin1" and p.admin1_code}
    own = claim.place.admin1_code if claim.place is not None else None
    return bool(regions) and own is not None and own not in regions


def _same_attacker(claim: Claim, facts: Facts) -> bool:
    """"Russian strikes killed three civilians" after a story of Ukrainian strikes is
    a new attack, not more casualties of the one before."""
    return facts.attacker is None or claim.attacker in (None, facts.attacker)


def _extend(claim: Claim, facts: Facts) -> None:
    """A follow-up sentence adds casualties, damage and effects to the claim before it, and a toll
    it says has risen replaces the smaller one.

    In place, on purpose: the sentences after this one read the claim as extended (its figures
    decide whether they break it down or restate it), and its parts hold it by identity; a copy
    would leave them pointing at the claim as it was.
    """
    # a toll that rose replaces the earlier one only in the same claimant's account: another
    # claimant's later figure is that claimant's, not a correction of this one
    same_voice = facts.speaker is None or claim.claimant in (None, facts.speaker.name)
    risen = same_voice and states_a_rise(facts.text)
    for q in quantities_of(facts, claim.event_type, facts.counted):
        if q.kind not in claim.kinds:
            claim.quantities.append(q)
        elif risen and q.kind in TOLL_ROLES and q.value > claim.kinds[q.kind]:
            # "... injured 14 people. The number of injured has risen to 25": the later toll
            claim.quantities = [q if old.kind == q.kind else old for old in claim.quantities]
        elif q.kind in TOLL_ROLES and adds_on(facts.text, q.start - facts.start, q.end - facts.start):
            # "A woman was injured. Another man was wounded.": more victims, on top of the first
            claim.quantities = [replace(old, value=old.value + q.value) if old.kind == q.kind else old
                                for old in claim.quantities]
    if claim.event_type == "attack":
        claim.effects = sorted(set(claim.effects) | set(facts.effects))
        claim.target = claim.target or facts.target
    claim.evidence_end = max(claim.evidence_end, facts.start + len(facts.text))


# --- passes 4 to 6: over the article's claims --------------------------------------------------

def _rewritten(claims: list[Claim], rewrite: Callable[[Claim], Claim]) -> list[Claim]:
    """`rewrite` applied to every claim; a part is re-pointed at its total's new version, as a
    part holds its total by identity (`merge_restatements` and `rows.claim_rows` read it)."""
    rewritten = {id(c): rewrite(c) for c in claims}
    settled: dict[int, Claim] = {}

    def settle(claim: Claim) -> Claim:
        if id(claim) not in settled:
            new = rewritten.get(id(claim), claim)
            if new.parent is not None and (parent := settle(new.parent)) is not new.parent:
                new = replace(new, parent=parent)
            settled[id(claim)] = new
        return settled[id(claim)]

    return [settle(c) for c in claims]


# Sentences after a claim that may still name who made it ("This was reported by ...").
_ATTRIBUTION_AFTER = 2


def _claimant_carrier(facts_list: list[Facts], claims: list[Claim],
                      unknown_speaker: frozenset[int] | set[int] = frozenset()) -> Callable[[Claim], Claim]:
    """Pass 4: a claim without a speaker takes the one a reporting verb bound closest before it,
    within `CONTINUATION_WINDOW` sentences (the same statement going on: "He added that ..."),
    else the one of the next `_ATTRIBUTION_AFTER` sentences ("This was reported by the ministry."),
    and what it only reported becomes claimed. A speaker named far from the claim (a head of
    state quoted in the background) is not tied to it: no claimant; nor is one named after it who
    tells of an event of their own elsewhere ("Odesa Mayor Hennadiy Trukhanov said a drone hit ...").
    A part of a total takes its total's claimant: the list is one statement. A sentence whose own
    speaker is known only as "the ministry" (`unknown_speaker`, none named before) keeps none: that
    ministry said it, not the speaker of another sentence. Nor does a sentence that says "officials
    said" take a speaker from before it: those officials are not the last one named."""
    speakers = [(f.index, f.speaker) for f in facts_list if f.speaker]
    regions_told: dict[int, set[str | None]] = {}
    for c in claims:
        regions_told.setdefault(c.sentence_index, set()).add(c.place.admin1_code if c.place else None)
    national = {f.index for f in facts_list if national_speaker(f.speaker, f.text)}
    unnamed_officials = {f.index for f in facts_list
                         if f.speaker is None and _UNNAMED_OFFICIALS.search(f.text)}

    def elsewhere(claim: Claim, index: int) -> bool:
        here = claim.place.admin1_code if claim.place else None
        told = regions_told.get(index, set())
        # ... nor one who reports for the whole country and tells of the whole country's night
        # ("Prime Minister Olena Marchenko said 500 drones were launched") after a local strike
        return here is not None and (bool(told - {here, None}) or (index in national and told == {None}))

    def carried(claim: Claim) -> Claim:
        if claim.claimant:
            return claim
        if claim.parent is not None and (total := carried(claim.parent)).claimant:
            certainty = "claimed" if claim.certainty == "reported" else claim.certainty
            return replace(claim, claimant=total.claimant, claimant_text=total.claimant_text,
                           certainty=certainty)
        at = claim.sentence_index
        if at in unknown_speaker:
            return claim
        before = [] if at in unnamed_officials else \
            [s for i, s in speakers if at - CONTINUATION_WINDOW <= i <= at]
        after = [s for i, s in speakers if at < i <= at + _ATTRIBUTION_AFTER and not elsewhere(claim, i)]
        speaker = before[-1] if before else after[0] if after else None
        if not speaker:
            return claim
        certainty = "claimed" if claim.certainty == "reported" else claim.certainty
        return replace(claim, claimant=speaker.name, claimant_text=speaker.name, certainty=certainty)

    return carried


def _without_revised_tolls(revised: set[tuple[str, int]]) -> Callable[[Claim], Claim]:
    """Pass 3b: a toll the article gives as an earlier report ("although two were first
    reported", `extraction.revisions`) is no claim's figure, also where a later sentence retells
    that earlier report ("the mayor wrote ... two were wounded")."""
    def revised_out(claim: Claim) -> Claim:
        kept = [q for q in claim.quantities if (q.kind, q.value) not in revised]
        return claim if len(kept) == len(claim.quantities) else replace(claim, quantities=kept)

    return revised_out


def _without_contradictions(claim: Claim) -> Claim:
    """Pass 6: a claim cannot state more destroyed than launched (`plausibility.ordered_pairs`):
    one of the two figures was read from text about something else. The one stated first stands,
    as in `quantities_of`; the later one (often from a follow-up sentence) is dropped."""
    quantities = claim.quantities
    for kind, limit in plausibility.ordered_pairs().items():
        figures = {q.kind: q for q in quantities if q.kind in (kind, limit)}
        if len(figures) == 2 and figures[kind].value > figures[limit].value:
            later = max(figures.values(), key=lambda q: q.start)
            quantities = [q for q in quantities if q is not later]
    return claim if quantities is claim.quantities else replace(claim, quantities=quantities)


def _standing_on_their_own(claims: list[Claim]) -> list[Claim]:
    """Pass 7, in an article that states a non-war cause or an exercise: the claims that say
    neither where (below a country) nor how many are left out: "some fires were caused by drone
    attacks", "the drone was destroyed" inside an exercise script. Say less when unsure; a total
    stays with its parts."""
    def stands(c: Claim) -> bool:
        return bool(c.quantities) or (c.place is not None and c.place.kind != "country")

    parents = {id(c.parent) for c in claims if c.parent is not None and stands(c)}
    return [c for c in claims if stands(c) or id(c) in parents]


def _attacker_of_the_attack_before(claims: list[Claim]) -> Callable[[Claim], Claim]:
    """Pass 8: "The enemy attacked with 95 Shahed-type drones from the directions of Kursk and
    Millerovo. Air defence shot down 73 drones.": an interception that names no place and no
    attacker stopped the weapons of the attack told in its own sentence or the one right before,
    so it takes that attack's attacker (and with it, in `_in_defenders_country`, the defender's
    country). Only weapons of one family: drones shot down after a missile strike may be others."""
    attacker_of: dict[int, str] = {}
    attack: Claim | None = None
    for claim in sorted(claims, key=lambda c: c.sentence_index):
        if claim.event_type == "attack" and claim.attacker in _DEFENDER:
            attack = claim
        elif claim.event_type == "interception" and claim.attacker is None and claim.place is None \
                and not claim.country_without_place and attack is not None \
                and claim.sentence_index - attack.sentence_index <= 1 \
                and _one_family(claim.weapon, attack.weapon):
            attacker_of[id(claim)] = attack.attacker

    def with_attacker(claim: Claim) -> Claim:
        return replace(claim, attacker=attacker_of[id(claim)]) if id(claim) in attacker_of else claim
    return with_attacker


def _one_family(weapon: str | None, other: str | None) -> bool:
    family, other_family = WEAPON_FAMILY.get(weapon or ""), WEAPON_FAMILY.get(other or "")
    return family is not None and family == other_family


# Who defends against whose weapons: an interception of "Russian drones" happens over Ukraine.
_DEFENDER = {"RU": "UA", "UA": "RU"}


def _in_defenders_country(facts_list: list[Facts]) -> Callable[[Claim], Claim]:
    """Pass 9: an interception with no place of its own but a stated attacker ("shot down 70
    Russian drones overnight", "drones launched by Russia") happened in the defender's country.
    "The enemy" (or "the occupiers") is the other side of the organisation (or the official of a
    region, `_officials_sides`) that says it, so in the
    Ukrainian Air Force's "the enemy attacked with 112 drones" the attacker is Russia and the
    attack, too, is in the speaker's own country. So is an attack whose sentence has its side as
    the subject of the attack ("Russia launched 120 drones overnight": in Ukraine). (Other attacks
    keep no country: the words that name an attacker also name targets, "facilities used by the
    Ukrainian Armed Forces".) An
    interception that a side's own forces report ("the Ukrainian Air Force said 64 were shot down")
    stopped the other side's weapons, so with no place it, too, is in the speaker's country."""
    enemy_named = {f.index for f in facts_list if lexicon.ATTACKER_ENEMY.search(f.text)}
    officials = _officials_sides(facts_list)
    attacking = {f.index: side for f in facts_list if (side := attacking_side(f.text))}
    # "Russian air defences shot down 40 drones": in the defence's country, of the other side
    defended = {f.index: country for f in facts_list if (country := air_defence_country(f.text))}

    def placed(claim: Claim) -> Claim:
        own = None
        if claim.sentence_index in enemy_named:
            own = organisation_country(claim.claimant) \
                or officials.get((claim.sentence_index, claim.claimant))
        enemy = _DEFENDER.get(own or "")
        if enemy and claim.attacker is None:
            claim = replace(claim, attacker=enemy)
        own_forces = organisation_country(claim.claimant)
        if claim.event_type == "interception" and claim.attacker is None and own_forces in _DEFENDER:
            # "64 drones were shot down, the Ukrainian Air Force said": a side's own forces report
            # what they stopped, and the weapons were the other side's
            claim = replace(claim, attacker=_DEFENDER[own_forces])
        defence = defended.get(claim.sentence_index) if claim.event_type == "interception" else None
        if defence in _DEFENDER and claim.attacker is None:
            claim = replace(claim, attacker=_DEFENDER[defence])
        if claim.place is not None or claim.country_without_place:
            return claim
        if claim.event_type == "attack" and enemy and claim.attacker == enemy:
            return replace(claim, country_without_place=own)
        if claim.event_type == "attack" and claim.attacker in _DEFENDER \
                and (attacking.get(claim.sentence_index) == claim.attacker
                     or claim.sentence_index in enemy_named):
            # "Russia launched 120 drones overnight": the side's own act fell on the other side; so
            # did the act of "the enemy" whose weapons name the side ("the enemy attacked with 65
            # Shahed-type drones", told with no speaker to be the enemy of)
            return replace(claim, country_without_place=_DEFENDER[claim.attacker])
        if claim.event_type != "interception":
            return claim
        if defence is not None:
            return replace(claim, country_without_place=defence)
        # a side's own forces that name no attacker (Belarus's: "Both were shot down, the
        # Belarusian Defence Ministry said") stopped them over their own country
        defender = _DEFENDER.get(claim.attacker or "") or (own_forces if claim.attacker is None else None)
        return replace(claim, country_without_place=defender) if defender else claim

    return placed


def _officials_sides(facts_list: list[Facts]) -> dict[tuple[int, str], str]:
    """(sentence index, speaker) -> the country of the office a person speaks from, where the
    sentence names the office's place in one country ("Belgorod Governor Vyacheslav Gladkov",
    "head of the Dnipropetrovsk Regional Military Administration"): that official's side."""
    sides: dict[tuple[int, str], str] = {}
    for f in facts_list:
        countries = {p.country_code for p in f.office_places}
        if f.speaker is not None and f.speaker.kind == "person" and len(countries) == 1:
            sides[(f.index, f.speaker.name)] = next(iter(countries))
    return sides


def _in_its_parts_country(claims: list[Claim]) -> Callable[[Claim], Claim]:
    """Pass 10: a total with no place of its own whose parts all lie in one country ("Air defence
    destroyed 40 drones overnight. Of these, 18 were over the Belgorod region and 9 over the
    Voronezh region") is in that country: its weapons were stopped where its parts were. Parts in
    two countries, or a part without one, leave the total as it is."""
    countries: dict[int, set[str | None]] = {}
    for c in claims:
        if c.parent is not None:
            country = c.place.country_code if c.place is not None else c.country_without_place
            countries.setdefault(id(c.parent), set()).add(country)

    def placed(claim: Claim) -> Claim:
        found = countries.get(id(claim), set())
        if claim.scope != "total" or claim.place is not None or claim.country_without_place \
                or len(found) != 1 or None in found:
            return claim
        return replace(claim, country_without_place=next(iter(found)))

    return placed
