"""The claim record: `Claim`, the `RULES` that make claims (by the `rule_id` each claim carries),
`new_claim` that builds a claim of one sentence, and `recent_claim` that finds the earlier claim
a later sentence may add to. Shared by every claim pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skywatch.claimants import (
    certainty_of,
)
from skywatch.extraction.facts import Facts
from skywatch.extraction.quantities import Quantity
from skywatch.places import PlaceMatch
from skywatch.timeparse import TimeResolution

CONTINUATION_WINDOW = 6  # sentences after a claim that may still add to it (news paragraphs are short)
PART_WINDOW = 3          # sentences after a total whose per-region numbers are its parts


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


# Every rule that makes a claim, by the id written in the claim's `rule_id` column.
RULES: dict[str, str] = {
    "interception.sentence": "a sentence reporting an interception: one claim, its numbers and place",
    "interception.breakdown_total": "the total of a per-region breakdown "
                                    '("56 drones: 11 over Belgorod, ...")',
    "interception.breakdown_part": "one region's share of a breakdown, under its total",
    "interception.separate_counts": "counts of one sentence that cannot be parts of its first count "
                                    "(more than it, or another weapon): one claim each",
    "interception.listed_part": "a region listed without a number beside an interception total, or one that "
                                "holds a share of it (\"most of them over X\")",
    "attack.sentence": "a sentence reporting an attack: one claim at its place (or the story's place)",
    "attack.listed_place": "another place an attack sentence lists, when it gives no numbers",
    "attack.revised_toll": "a risen toll another claimant gives for the attack just before "
                           '("prosecutors said the toll had risen to five")',
    "attack.listed_total": "the total of an attack on a list of places whose numbers are not split",
    "attack.listed_part": "one place of such a list, without figures, under its total",
    "attack.regional_follow_up": "what a sentence after a country-wide attack tells of one region or town "
                                 '("In Lviv, part of the city was left without power"): a claim there',
    "alert.sentence": "a sentence reporting an air-raid or drone alert",
}


def new_claim(article_id: str, facts: Facts, event_type: str, context: str, *, rule: str,
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


def claim_context(facts_list: list[Facts], i: int) -> str:
    """The sentence and the next: "could not be verified" usually follows the claim."""
    facts = facts_list[i]
    following = " could not be independently verified" if facts.next_unverified else ""
    return " ".join(f.text for f in facts_list[i:i + 2]) + following


def recent_claim(claims: list[Claim], index: int, event_type: str, window: int,
                 scopes: tuple[str, ...] = ("single", "total")) -> Claim | None:
    for claim in reversed(claims):
        if index - claim.sentence_index > window:
            return None
        if claim.event_type == event_type and claim.scope in scopes:
            return claim
    return None
