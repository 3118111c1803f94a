"""Step 3 of extraction: the claims of one article, from the facts of its relevant sentences.

`article_claims` reads the sentences in order, and a sentence may add to the claims before
it (casualties, a restated interception, the parts of a total); the article-wide passes then
carry speakers to claims without one, merge restatements and drop contradictory figures.
"""

from __future__ import annotations

from dataclasses import replace

from skywatch import plausibility
from skywatch.extraction.attacks import attack_claims
from skywatch.extraction.breakdowns import breakdown_claims, listed_parts
from skywatch.extraction.claim import (
    CONTINUATION_WINDOW,
    PART_WINDOW,
    Claim,
    claim_context,
    new_claim,
    recent_claim,
)
from skywatch.extraction.classify import family_of
from skywatch.extraction.counting import bare_counts_before_places, for_counting
from skywatch.extraction.facts import Facts
from skywatch.extraction.place_context import best_place
from skywatch.extraction.quantities import quantities_of
from skywatch.extraction.restatements import merge_restatements
from skywatch.places import PlaceMatch
from skywatch.timeparse import TimeResolution


def _same_attacker(claim: Claim, facts: Facts) -> bool:
    """"Russian strikes killed three civilians" after a story of Ukrainian strikes is
    a new attack, not more casualties of the one before."""
    return facts.attacker is None or claim.attacker in (None, facts.attacker)


def _extend(claim: Claim, facts: Facts) -> None:
    """A follow-up sentence adds casualties, damage and effects to the claim before it."""
    for q in quantities_of(facts, claim.event_type, facts.counted):
        if q.kind not in claim.kinds:
            claim.quantities.append(q)
    if claim.event_type == "attack":
        claim.effects = sorted(set(claim.effects) | set(facts.effects))
        claim.target = claim.target or facts.target
    claim.evidence_end = max(claim.evidence_end, facts.start + len(facts.text))


def article_claims(article_id: str, facts_list: list[Facts]) -> list[Claim]:
    claims: list[Claim] = []
    last_place: PlaceMatch | None = None  # the story's last place, and the start of its sentence
    last_offset = 0
    last_time: TimeResolution | None = None
    for i, facts in enumerate(facts_list):
        context = claim_context(facts_list, i)
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
            total = recent_claim(claims, facts.index, "interception", PART_WINDOW)
            parts = breakdown_claims(article_id, facts, context, total)
            place = best_place(facts.places, facts.text)
            if parts:
                made.extend(parts)
            elif (previous := _restated_interception(claims, facts, place)) is not None:
                _extend(previous, facts)  # "The drones were intercepted from 20:00 to 07:00."
            else:
                claim = new_claim(article_id, facts, "interception", context, place=place or last_place,
                                  rule="interception.sentence",
                                  quantities=quantities_of(facts, "interception", facts.counted),
                                  place_offset=None if place else last_offset)
                made.append(claim)
                if claim.quantities:
                    made.extend(listed_parts(article_id, facts, context, claim))
        if not (facts.interception or facts.attack or facts.alert):
            made.extend(_continued_breakdown(article_id, facts, context, claims))
        if facts.attack and not (facts.interception and not _attack_beyond_interception(facts)):
            previous = recent_claim(claims, facts.index, "attack", CONTINUATION_WINDOW)
            place = best_place(facts.places, facts.text)
            if previous is not None and place is None and not facts.counted_weapons \
                    and _same_attacker(previous, facts):
                _extend(previous, facts)
            else:
                made.extend(attack_claims(article_id, facts, context, place, last_place, last_offset))
        if facts.alert:
            place = best_place(facts.places, facts.text)
            made.append(new_claim(article_id, facts, "alert", context, place=place or last_place,
                                  rule="alert.sentence", place_offset=None if place else last_offset))
        if not made and not (facts.interception or facts.attack or facts.alert):
            previous = recent_claim(claims, facts.index, "attack", CONTINUATION_WINDOW)
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
    in `quantities_of`; the later one (often from a follow-up sentence) is dropped."""
    for kind, limit in plausibility.ordered_pairs().items():
        figures = {q.kind: q for q in claim.quantities if q.kind in (kind, limit)}
        if len(figures) == 2 and figures[kind].value > figures[limit].value:
            later = max(figures.values(), key=lambda q: q.start)
            claim.quantities = [q for q in claim.quantities if q is not later]


def _continued_breakdown(article_id: str, facts: Facts, context: str,
                         claims: list[Claim]) -> list[Claim]:
    """"Forty-six of the drones were over the Kursk region": a sentence without a verb of its
    own that lists numbers per region continues the interception total just before it."""
    total = recent_claim(claims, facts.index, "interception", PART_WINDOW)
    if total is None or not total.weapon:
        return []
    if not facts.counted_weapons:
        extra = bare_counts_before_places(for_counting(facts.text), facts.counted, total.weapon)
        if not extra:
            return []
        facts = replace(facts, counted=sorted(facts.counted + extra, key=lambda c: c.start))
    return breakdown_claims(article_id, facts, context, total) or []


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
