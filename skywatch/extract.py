"""Extract: claims that an air-war event happened or was stopped, with what, where, when,
how many and who says so.

This module is the public face of extraction; the rules live in `skywatch.extraction`, one
module a step:
1. `relevance`: a vectorised Polars filter keeps the sentences that mention weapons or strikes
   (the rest are counted as skipped and never touch the expensive steps);
2. `facts`: per relevant sentence, event cues, weapon, target, effects (`classify`, rules of
   `lexicon`), counted noun phrases (`numbers`, `counting`), place phrases (the gazetteer matcher
   in `places`, read in context by `place_context`), time (`timeparse`), organisations (rules)
   and people (spaCy NER, batched with `nlp.pipe`, `people`);
3. `claims`: per article, sentences become claims; numbers listed per region become `part`
   claims linked to their `total` (`breakdowns`, `attacks`); sentences that only add casualties
   or damage extend the claim before them; claims that restate an earlier one in the same article
   are merged into it (`restatements`);
4. `batch`: frames in, frames out (`rows`), in forked workers for a large batch, a failing
   article quarantined alone.

Everything the rest of Skywatch and its tests use is re-exported here. The tuning of the batch
run (workers, time budgets) is not: patch it where it is read, `skywatch.extraction.batch`.
`_SPEAKS_AFTER`/`_SPEAKS_BEFORE` are re-exported for the vocabulary tests that read them.
"""

from __future__ import annotations

from skywatch.extraction.batch import (
    ExtractResult,
    extract_batch,
    place_candidates,
)
from skywatch.extraction.claim import CONTINUATION_WINDOW, PART_WINDOW, RULES, Claim
from skywatch.extraction.claims import article_claims
from skywatch.extraction.classify import (
    AIR_DELIVERED,
    COUNTED_WEAPONS,
    DESTROYED_KINDS,
    DRONE_CATEGORIES,
    GROUND_FIRED,
    LAUNCHED_KINDS,
    MISSILE_CATEGORIES,
    ROCKET_CATEGORIES,
    WEAPON_FAMILY,
    attacker_of,
    effects_of,
    first_target,
    first_weapon,
)
from skywatch.extraction.counting import (
    anaphoric_counts,
    bare_counts_before_places,
    counted_in_context,
    single_weapons,
)
from skywatch.extraction.facts import Facts, sentence_facts
from skywatch.extraction.people import is_person_name, speaker_entities
from skywatch.extraction.place_context import (
    _SPEAKS_AFTER,
    _SPEAKS_BEFORE,
    PLACE_PRECISION,
    best_place,
    real_places,
)
from skywatch.extraction.quantities import Quantity, quantity_kind
from skywatch.extraction.relevance import mark_relevant
from skywatch.extraction.restatements import merge_restatements
from skywatch.extraction.rows import (
    CLAIM_SCHEMA,
    MENTION_SCHEMA,
    PLACE_CANDIDATE_SCHEMA,
    QUANTITY_SCHEMA,
    claim_id,
    claim_rows,
    sentence_mentions,
)
from skywatch.extraction.version import EXTRACTOR_VERSION

__all__ = [
    "mark_relevant", "AIR_DELIVERED", "COUNTED_WEAPONS", "DESTROYED_KINDS", "DRONE_CATEGORIES",
    "GROUND_FIRED", "LAUNCHED_KINDS", "MISSILE_CATEGORIES", "ROCKET_CATEGORIES", "WEAPON_FAMILY",
    "attacker_of", "effects_of",
    "first_target", "first_weapon", "PLACE_PRECISION", "_SPEAKS_AFTER", "_SPEAKS_BEFORE", "best_place",
    "real_places", "anaphoric_counts", "bare_counts_before_places", "counted_in_context",
    "single_weapons", "Facts", "sentence_facts", "Quantity", "quantity_kind", "CONTINUATION_WINDOW",
    "Claim", "PART_WINDOW", "RULES", "article_claims", "merge_restatements", "CLAIM_SCHEMA",
    "MENTION_SCHEMA", "PLACE_CANDIDATE_SCHEMA", "QUANTITY_SCHEMA", "claim_id", "claim_rows",
    "sentence_mentions", "is_person_name", "speaker_entities", "ExtractResult", "extract_batch",
    "place_candidates", "EXTRACTOR_VERSION",
]
