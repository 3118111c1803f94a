"""Plausibility bounds for claims, read from `data/plausibility.yaml` (the one place they live).

The extractor uses them to refuse a misread figure or date before it becomes a claim; the
Great Expectations suites of `extract` and `resolve` check the same bounds on what was written.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import yaml

PLAUSIBILITY_PATH = Path(__file__).parent / "data" / "plausibility.yaml"


@cache
def _bounds() -> dict:
    data = yaml.safe_load(PLAUSIBILITY_PATH.read_text(encoding="utf-8"))
    start = data["conflict_start"]
    return {
        "conflict_start": start if isinstance(start, date) else date.fromisoformat(str(start)),
        "max_days_after_publication": int(data["max_days_after_publication"]),
        "max_value": {str(k): int(v) for k, v in data["max_value"].items()},
    }


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
