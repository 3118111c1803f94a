"""Plausibility bounds for claims, read from `data/plausibility.yaml` (the one place they live;
the largest value of each count kind is in `vocab/count_kinds.yaml`, beside the kind).

The extractor uses them to refuse a misread figure or date before it becomes a claim; the
Great Expectations suites of `extract` and `resolve` check the same bounds on what was written.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import polars as pl

from skywatch import vocab

PLAUSIBILITY_PATH = Path(__file__).parent / "data" / "plausibility.yaml"


@cache
def _bounds() -> dict:
    data = vocab.parse_yaml(PLAUSIBILITY_PATH.read_text(encoding="utf-8"))
    start = data["conflict_start"]
    return {
        "conflict_start": start if isinstance(start, date) else date.fromisoformat(str(start)),
        "max_days_after_publication": int(data["max_days_after_publication"]),
        "max_value": vocab.count_kinds(),
        "not_more_than": {**_destroyed_not_more_than_launched(),
                          **{str(k): str(v) for k, v in (data.get("not_more_than") or {}).items()}},
        "publication_span": tuple(_as_date(data["publication_span"][k]) for k in ("first", "last")),
    }


def _destroyed_not_more_than_launched() -> dict[str, str]:
    """{drones_destroyed: drones_launched, ...}: for every weapon family with both count kinds."""
    launched, destroyed = vocab.weapon_count_kinds("launched"), vocab.weapon_count_kinds("destroyed")
    return {destroyed[family]: launched[family] for family in sorted(destroyed.keys() & launched.keys())}


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def publication_span() -> tuple[date, date]:
    """The first and last day an article can plausibly have been published (1900..2199)."""
    return _bounds()["publication_span"]


def publication_is_plausible(published_at: datetime | date | None) -> bool:
    """None, or a time within `publication_span`."""
    if published_at is None:
        return True
    day = published_at.date() if isinstance(published_at, datetime) else published_at
    first, last = publication_span()
    return first <= day <= last


def conflict_start() -> date:
    """The earliest event date accepted (2014-02-20)."""
    return _bounds()["conflict_start"]


def max_value(kind: str) -> int:
    """The largest figure one claim may state for a count kind (KeyError for an unknown kind)."""
    return _bounds()["max_value"][kind]


def max_values() -> dict[str, int]:
    return dict(_bounds()["max_value"])


def latest_event_date(published_at: datetime | date | None) -> date | None:
    """The latest event date an article published at `published_at` can report (None: unknown)."""
    if published_at is None:
        return None
    day = published_at.date() if isinstance(published_at, datetime) else published_at
    try:
        return day + timedelta(days=_bounds()["max_days_after_publication"])
    except OverflowError:  # published in year 9999
        return date.max


def value_is_plausible(kind: str, value: int) -> bool:
    """0 <= value <= the kind's bound; a kind with no bound is not checked beyond >= 0."""
    bound = _bounds()["max_value"].get(kind)
    return value >= 0 and (bound is None or value <= bound)


def date_is_plausible(event_date: date | None, published_at: datetime | date | None) -> bool:
    """Within the conflict's span and not after publication (plus the slack); None passes."""
    if event_date is None:
        return True
    if event_date < conflict_start():
        return False
    latest = latest_event_date(published_at)
    return latest is None or event_date <= latest


def ordered_pairs() -> dict[str, str]:
    """kind → the kind it cannot exceed for one claimant and event (destroyed → launched)."""
    return dict(_bounds()["not_more_than"])


def contradictions(figures: dict[str, int]) -> list[str]:
    """The pairs of `figures` (kind → value) stated the wrong way round, as readable text."""
    return [f"{kind} {figures[kind]} > {limit} {figures[limit]}"
            for kind, limit in ordered_pairs().items()
            if kind in figures and limit in figures and figures[kind] > figures[limit]]


def contradiction_frame(quantities: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Rows of `quantities` (keys..., kind, value) grouped by `keys` where a kind exceeds its limit.

    Returns keys, kind, value, limit_kind, limit_value: empty when every group is consistent.
    """
    pairs = pl.DataFrame({"kind": list(ordered_pairs()), "limit_kind": list(ordered_pairs().values())},
                         schema={"kind": pl.String, "limit_kind": pl.String})
    limits = quantities.select(*keys, pl.col("kind").alias("limit_kind"),
                               pl.col("value").alias("limit_value"))
    return quantities.select(*keys, "kind", "value").join(pairs, on="kind") \
        .join(limits, on=[*keys, "limit_kind"]).filter(pl.col("value") > pl.col("limit_value"))


class ImplausibleClaim(ValueError):
    """A claim states a figure or a date that no real report can (see data/plausibility.yaml)."""


def check_claims(claims: list[dict], quantities: list[dict], published_at: datetime | None) -> None:
    """Raise ImplausibleClaim naming every figure and date of one article's rows out of bounds.

    `claims` and `quantities` are the rows of extract.claims / extract.claim_quantities. The
    extractor already refuses such values where it reads them; this is the net under it, so an
    article that slips through is quarantined whole (its claims may depend on one another, as a
    total and its parts do) instead of publishing a misread figure.
    """
    problems: list[str] = []
    sentence_of = {c["claim_id"]: c["sentence_index"] for c in claims}
    for c in claims:
        if not date_is_plausible(c.get("event_date"), published_at):
            problems.append(f"sentence {c['sentence_index']}: event date {c['event_date']} outside "
                            f"{conflict_start()}..publication")
    figures: dict[str, dict[str, int]] = {}
    for q in quantities:
        if not value_is_plausible(q["kind"], q["value"]):
            problems.append(f"sentence {sentence_of.get(q['claim_id'], '?')}: {q['kind']} {q['value']} "
                            "outside its bound")
        figures.setdefault(q["claim_id"], {})[q["kind"]] = q["value"]
    for claim_id, stated in figures.items():
        problems += [f"sentence {sentence_of.get(claim_id, '?')}: {text}" for text in contradictions(stated)]
    if problems:
        raise ImplausibleClaim("; ".join(problems))
