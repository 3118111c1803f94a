"""Per-article isolation: one article's exception becomes a quarantine row, never a lost day.

Every stage that works article by article (clean, extract, resolve) calls its logic through
these helpers. An exception raised while one article is processed is caught, written as a row
of `<stage>.failed` (article id, stage, error class, one-line message, where it was raised, the
stage's code version) and the rest of the day goes on. A blocking check then fails the day only
when the failed share passes a threshold (`max_failed_share`, default 1 %), naming the articles.

Two levels, because some logic is per article and some is per batch:

- `guard` wraps one article's call (the hot loops of clean and extract): cheap, no re-runs.
- `isolate` wraps a whole-batch call (resolve merges claims across articles into events, and
  the frame building of extract can fail on one article's values). It runs the batch once; when
  that raises, it finds the articles that make it raise by halving the batch (about k·log n
  re-runs for k bad articles) and runs the batch again without them.

No dagster here: `assets/` turns the failures into the `<stage>.failed` tables and checks.
"""

from __future__ import annotations

import math
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import TypeVar

import polars as pl

from skywatch.ingest import one_line  # one line, valid UTF-8, at most 500 characters

T = TypeVar("T")

FAILED_SCHEMA = {
    "article_id": pl.String,
    "stage": pl.String,
    "error_class": pl.String,
    "message": pl.String,
    "location": pl.String,
    "version": pl.String,
}

ENV_MAX_FAILED_SHARE = "SKYWATCH_MAX_FAILED_SHARE"
DEFAULT_MAX_FAILED_SHARE = 0.01


@dataclass(frozen=True)
class Failure:
    """One article that a stage could not process, and why."""

    article_id: str
    stage: str
    error_class: str
    message: str
    location: str
    version: str

    @classmethod
    def of(cls, article_id: str, stage: str, exc: BaseException, version: str) -> Failure:
        return cls(article_id=article_id, stage=stage, error_class=type(exc).__name__,
                   message=one_line(str(exc)) or type(exc).__name__, location=raised_at(exc),
                   version=version)


def raised_at(exc: BaseException) -> str:
    """`file.py:123 in function` of the innermost frame of the project's own code (this module's
    frames left out), else of the innermost frame: where a library raised, the line of ours that
    called it says more."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    own = [f for f in frames if f"{os.sep}skywatch{os.sep}" in f.filename
           and os.path.basename(f.filename) != "isolation.py"]
    frame = (own or frames)[-1]
    return f"{os.path.basename(frame.filename)}:{frame.lineno} in {frame.name}"


def failures_frame(failures: Sequence[Failure]) -> pl.DataFrame:
    """The rows of `<stage>.failed` (without arrival_date, which the partition write adds)."""
    return pl.DataFrame([asdict(f) for f in failures], schema=FAILED_SCHEMA)


def guard(article_id: str, stage: str, version: str, call: Callable[[], T],
          failures: list[Failure]) -> T | None:
    """`call()`, or None with a Failure appended when it raises an Exception.

    KeyboardInterrupt and SystemExit pass: a person stopping a run is not an article's fault.
    """
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - the point is to catch whatever one article raises
        failures.append(Failure.of(article_id, stage, exc, version))
        return None


def isolate(ids: Sequence[str], run: Callable[[list[str]], T], stage: str,
            version: str) -> tuple[T, list[Failure]]:
    """`run(ids)`, or, when it raises, `run` on the ids left once the failing articles are found.

    The failing articles are found by halving: a half that raises is halved again down to single
    articles. Articles that fail only together (neither half raises alone) are all failed with the
    batch's error: the day's threshold check then decides. An error on an empty batch is no
    article's fault and propagates.
    """
    remaining = list(dict.fromkeys(ids))
    failures: list[Failure] = []
    while True:
        try:
            return run(remaining), failures
        except Exception as exc:  # noqa: BLE001
            if not remaining:
                raise
            culprits = _culprits(remaining, run)
            if not culprits:  # only the combination fails
                culprits = {article_id: exc for article_id in remaining}
            failures.extend(Failure.of(a, stage, e, version) for a, e in culprits.items())
            remaining = [a for a in remaining if a not in culprits]


def _culprits(ids: list[str], run: Callable[[list[str]], object]) -> dict[str, BaseException]:
    """The ids whose presence alone makes `run` raise, found by halving."""
    if len(ids) == 1:
        try:
            run(ids)
        except Exception as exc:  # noqa: BLE001
            return {ids[0]: exc}
        return {}
    half = len(ids) // 2
    found: dict[str, BaseException] = {}
    for part in (ids[:half], ids[half:]):
        try:
            run(part)
        except Exception:  # noqa: BLE001
            found |= _culprits(part, run)
    return found


def max_failed_share() -> float:
    """The threshold from $SKYWATCH_MAX_FAILED_SHARE (a share in [0, 1]), default 0.01."""
    raw = os.environ.get(ENV_MAX_FAILED_SHARE)
    if raw is None or raw.strip() == "":
        return DEFAULT_MAX_FAILED_SHARE
    try:
        share = float(raw)
    except ValueError:
        raise ValueError(f"${ENV_MAX_FAILED_SHARE}: {raw!r} is not a number between 0 and 1") from None
    if not 0.0 <= share <= 1.0 or math.isnan(share):
        raise ValueError(f"${ENV_MAX_FAILED_SHARE}: {raw!r} is not a number between 0 and 1")
    return share


def allowed_failures(n_articles: int, share: float | None = None) -> int:
    """How many failed articles a day of `n_articles` may have before its check fails.

    The share of the day, rounded down, but always at least one: on a small day a single odd
    article is quarantined and reported rather than costing the night (with 1 %, a day needs
    200 articles before two failures are allowed).
    """
    share = max_failed_share() if share is None else share
    if share <= 0:
        return 0
    return max(1, math.floor(share * n_articles))


def failed_share_problems(failures: pl.DataFrame, n_articles: int,
                          share: float | None = None) -> pl.DataFrame:
    """Empty when the day's failures are within the threshold; else one row per failed article."""
    failed = failures.unique("article_id", keep="first", maintain_order=True)
    if failed.height <= allowed_failures(n_articles, share):
        return failed.clear()
    return failed.select("article_id", "stage", "error_class", "message", "location")


class TimeLimitExceeded(Exception):
    """Raised inside a call that ran past its time limit (see `time_limit`)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block after `seconds`, where the platform allows it.

    Uses SIGALRM, so it only applies on the main thread of a Unix process (where Dagster's
    in-process executor and `skywatch run` execute steps); elsewhere the block runs unbounded.
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _expire(signum, frame):  # noqa: ARG001
        raise TimeLimitExceeded(f"no result after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
