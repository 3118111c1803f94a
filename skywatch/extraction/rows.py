"""Output rows: the schemas of the frames extraction writes, claim ids, and the rows of claims,
quantities and mentions (every place, person, organisation, weapon, time and number span).
"""

from __future__ import annotations

import hashlib

import polars as pl

from skywatch import catalogue, lexicon, vocab
from skywatch.claimants import (
    Speaker,
)
from skywatch.extraction.claim import Claim
from skywatch.extraction.facts import Facts
from skywatch.extraction.version import EXTRACTOR_VERSION
from skywatch.numbers import find_numbers
from skywatch.timeparse import find_time_phrases

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
