"""Restatements: a claim that says again what an earlier claim of the same article said (same
event, weapon family, region and figures) is folded into the earlier one, which takes what the
later one adds.
"""

from __future__ import annotations

from skywatch.extraction.claim import Claim
from skywatch.extraction.classify import family_of


def _other_speakers(a: str | None, b: str | None) -> bool:
    """Two known claimants who are not one: "Alexander Khinshtein" and "Khinshtein" are one."""
    if not a or not b or a == b:
        return False
    words_a, words_b = a.split(), b.split()
    if min(len(words_a), len(words_b)) == 1:
        return words_a[-1] != words_b[-1]
    return True


def _compatible(a: Claim, b: Claim) -> bool:
    if a.event_type != b.event_type or a.scope == "part" or b.scope == "part":
        return False
    if _other_speakers(a.claimant, b.claimant):
        return False  # two sources' statements: each keeps its figures (resolve merges events)
    if a.weapon and b.weapon and family_of(a.weapon) != family_of(b.weapon):
        return False
    pa, pb = a.place, b.place
    if pa and pb and (pa.admin1_code or pa.place_id) != (pb.admin1_code or pb.place_id):
        return False
    if pa and pb and pa.kind == pb.kind == "settlement" and pa.place_id != pb.place_id:
        # "In Shebekino, a drone hit a car; the driver was injured. In Grayvoron, a drone hit a
        # house; a woman was injured.": an official's list of strikes, town by town, tells two
        return False
    if (pa is None) != (pb is None):
        # "112 drones in 24 hours" (no place) is not restated by "the remaining drones were
        # downed over the Voronezh region" (a place, no count): the count is not Voronezh's. Nor
        # is it when the placed claim counts only other things ("no one was hurt there").
        unplaced, placed = (a, b) if pa is None else (b, a)
        if unplaced.quantities and not unplaced.kinds.keys() & placed.kinds.keys():
            return False
    ka, kb = a.kinds, b.kinds
    return all(ka[k] == kb[k] for k in ka.keys() & kb.keys())


def merge_restatements(claims: list[Claim]) -> list[Claim]:
    """A claim that restates an earlier one in the same article is folded into it (pass 5 of
    `claims.article_claims`).

    In place, on purpose: the claim folded into is updated where it stands, because a later
    restatement is compared with it as it is by then (its figures, its place); the parts of a
    folded claim are re-pointed at it, so `has_parts` is read afresh for every claim.
    """
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
