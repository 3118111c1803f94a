"""Per-article isolation: one article's exception is a quarantine row, never a lost batch."""

from __future__ import annotations

import time

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skywatch import isolation
from skywatch.isolation import (
    Failure,
    TimeLimitExceeded,
    allowed_failures,
    failed_share_problems,
    failures_frame,
    guard,
    isolate,
    max_failed_share,
    time_limit,
)


def _explode_on(bad: set[str]):
    """A batch function that raises while any id of `bad` is in its batch, like a real bug would."""
    calls: list[list[str]] = []

    def run(ids: list[str]) -> list[str]:
        calls.append(list(ids))
        for i in ids:
            if i in bad:
                raise ValueError(f"invalid literal for int() with base 10: '{i}th'")
        return sorted(ids)

    return run, calls


def test_isolate_without_failures_runs_once():
    run, calls = _explode_on(set())
    result, failures = isolate(["a", "b", "c"], run, "extract", "v1")
    assert result == ["a", "b", "c"] and failures == [] and len(calls) == 1


def test_isolate_finds_each_bad_article_and_runs_the_rest():
    ids = [f"art{i:03d}" for i in range(200)]
    bad = {"art007", "art150"}
    run, calls = _explode_on(bad)
    result, failures = isolate(ids, run, "resolve", "resolve-2")
    assert result == sorted(set(ids) - bad)
    assert {f.article_id for f in failures} == bad
    assert all(f.stage == "resolve" and f.error_class == "ValueError" and f.version == "resolve-2"
               for f in failures)
    assert all("test_isolation.py" in f.location for f in failures)  # where it was raised
    # Halving: about k·log2(n) re-runs for k bad articles, not one per article.
    assert len(calls) < 2 * len(bad) * 9 + 3


def test_articles_that_fail_only_together_are_all_failed_with_the_batch_error():
    def run(ids: list[str]) -> int:
        if {"x", "y"} <= set(ids):
            raise RuntimeError("x and y clash")
        return len(ids)

    result, failures = isolate(["x", "y"], run, "resolve", "v")
    assert result == 0
    assert sorted(f.article_id for f in failures) == ["x", "y"]
    assert {f.message for f in failures} == {"x and y clash"}


def test_an_error_on_an_empty_batch_is_no_articles_fault():
    def run(ids: list[str]) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        isolate([], run, "clean", "v")


def test_guard_records_one_line_messages_and_lets_interrupts_through():
    failures: list[Failure] = []
    assert guard("a1", "clean", "v", lambda: 1 / 0, failures) is None
    assert guard("a2", "clean", "v", lambda: 7, failures) == 7
    bad_text = "line one\nline two \ud800 " + "x" * 2000
    guard("a3", "clean", "v", lambda: (_ for _ in ()).throw(ValueError(bad_text)), failures)
    assert [f.article_id for f in failures] == ["a1", "a3"]
    message = failures[1].message
    assert "\n" not in message and len(message) <= 500
    message.encode("utf-8")  # no lone surrogate reaches the table
    failures_frame(failures)  # and the rows build a frame
    with pytest.raises(KeyboardInterrupt):
        guard("a4", "clean", "v", lambda: (_ for _ in ()).throw(KeyboardInterrupt()), failures)


@pytest.mark.parametrize(("n", "allowed"), [(0, 1), (1, 1), (18, 1), (199, 1), (200, 2), (1000, 10)])
def test_threshold_allows_one_per_cent_and_always_one(n: int, allowed: int):
    assert allowed_failures(n, 0.01) == allowed


def test_threshold_zero_allows_none():
    assert allowed_failures(500, 0.0) == 0


def test_threshold_check_names_the_failed_articles():
    failed = failures_frame([Failure(f"a{i}", "extract", "ValueError", "m", "x.py:1 in f", "v")
                             for i in range(3)])
    assert failed_share_problems(failed, 400, 0.01).is_empty()  # 3 of 400 is within 4 allowed
    problems = failed_share_problems(failed, 100, 0.01)
    assert problems["article_id"].to_list() == ["a0", "a1", "a2"]


@pytest.mark.parametrize("raw", ["abc", "1.5", "-0.1", "nan"])
def test_a_bad_threshold_setting_names_the_variable(monkeypatch, raw: str):
    monkeypatch.setenv(isolation.ENV_MAX_FAILED_SHARE, raw)
    with pytest.raises(ValueError, match="SKYWATCH_MAX_FAILED_SHARE"):
        max_failed_share()


def test_threshold_setting_is_read(monkeypatch):
    monkeypatch.setenv(isolation.ENV_MAX_FAILED_SHARE, "0.05")
    assert max_failed_share() == 0.05 and allowed_failures(100) == 5


def test_time_limit_stops_a_hung_call():
    started = time.perf_counter()
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        while True:
            time.sleep(0.01)
    assert time.perf_counter() - started < 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=8), min_size=0, max_size=60, unique=True), st.data())
def test_isolate_keeps_every_good_article_and_fails_only_bad_ones(ids: list[str], data):
    bad = set(data.draw(st.lists(st.sampled_from(ids), max_size=5))) if ids else set()
    run, _ = _explode_on(bad)
    result, failures = isolate(ids, run, "extract", "v")
    assert result == sorted(set(ids) - bad)
    assert {f.article_id for f in failures} == bad
    frame = failures_frame(failures)
    assert frame.schema == pl.Schema(isolation.FAILED_SCHEMA)
