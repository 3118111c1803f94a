"""kill -9 at random points: a re-run always brings the warehouse to the uninterrupted tables.

The warehouse first holds a day published from one input (state A). A run of the same day on
changed input (B: articles withdrawn, changed and added) is then killed with SIGKILL at a random
moment, 20 times, each on a fresh copy of state A. After each kill:

- readers see the day whole: every published table is exactly as in A or exactly as in B, never
  a mix (write, audit, publish);
- a re-run of the day brings every table, drafts and manifest included, to the fingerprints of
  an uninterrupted run of B.

Each killed run is a fresh process (`tests/hostile/run_day.py`) that warms up first and is
killed at a random moment of its writing phase; the re-runs run in this test's process.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from skywatch.cli import backfill_plans
from skywatch.pipelines.cli import execute_plans
from skywatch.publish import table_fingerprints
from tests.hostile.landing import write_good

PROJECT = Path(__file__).resolve().parents[2]
DAY = "2026-11-20"
TRIALS = int(os.environ.get("SKYWATCH_KILL_TRIALS", "20"))
SEED = int(os.environ.get("SKYWATCH_KILL_SEED", "12"))


def _landing(root: Path, variant: str) -> Path:
    folder = root / variant / DAY
    write_good(folder, 3)
    if variant == "B":
        (folder / "good-missile-3.txt").unlink()  # withdrawn
        (folder / "good-grid-3.txt").write_text(
            "Drone hits oil depot in Bryansk\n\nA drone struck an oil depot in Bryansk on Tuesday, "
            "starting a fire, the regional governor said.\n")  # changed
        write_good(folder, 9)  # added: another day's copies
    return root / variant


def _run(landing: Path, warehouse: Path) -> int:
    status, _ = execute_plans(backfill_plans(DAY, DAY, landing), str(warehouse), log_level="ERROR")
    return status


def _published(fingerprints: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    return {t: f for t, f in fingerprints.items() if not t.startswith("draft")}


def _fingerprints(warehouse: Path) -> dict[str, tuple[int, str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return table_fingerprints(con)
    finally:
        con.close()


def _spawn_child(landing: Path, warehouse: Path) -> subprocess.Popen:
    """A fresh `run_day` process, warming up; it prints READY, then waits for `_go`."""
    return subprocess.Popen([sys.executable, "-m", "tests.hostile.run_day", str(landing), DAY,
                             str(warehouse)], cwd=PROJECT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _go(child: subprocess.Popen) -> subprocess.Popen:
    """Wait for `child` to be warm, then let it run the day (it starts writing at once)."""
    line = child.stdout.readline()
    assert line.strip() == "READY", f"the trial's run did not start: {line!r}"
    child.stdin.write("go\n")
    child.stdin.close()
    return child


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL trials run on Linux")
def test_kill_nine_at_random_points_then_rerun_gives_the_uninterrupted_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("SKYWATCH_DATA_DOCS_DIR", "")  # pages are files, not warehouse tables
    landing_a, landing_b = _landing(tmp_path, "A"), _landing(tmp_path, "B")

    state_a = tmp_path / "a.duckdb"
    assert _run(landing_a, state_a) == 0
    reference = tmp_path / "b.duckdb"
    shutil.copy(state_a, reference)
    assert _run(landing_b, reference) == 0
    # How long a trial's process writes, uninterrupted: the window the random kills fall in.
    calibration = tmp_path / "calibration.duckdb"
    shutil.copy(state_a, calibration)
    child = _go(_spawn_child(landing_b, calibration))
    started = time.perf_counter()
    assert child.wait() == 0
    child.stdout.close()
    full_seconds = time.perf_counter() - started
    published_a = _published(_fingerprints(state_a))
    expected = _fingerprints(reference)
    published_b = _published(expected)
    assert published_a != published_b  # the trials would prove nothing otherwise

    rng = random.Random(SEED)
    outcomes: list[str] = []
    shutil.copy(state_a, tmp_path / "trial0.duckdb")
    next_child = _spawn_child(landing_b, tmp_path / "trial0.duckdb")
    for trial in range(TRIALS):
        warehouse = tmp_path / f"trial{trial}.duckdb"
        child, kill_after = _go(next_child), rng.uniform(0.0, full_seconds * 1.1)
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)  # a no-op when it finished first
        child.wait()
        child.stdout.close()  # kept open until now: the run's own lines must not meet a closed pipe
        if trial + 1 < TRIALS:  # the next trial's process warms up while this one is checked
            shutil.copy(state_a, tmp_path / f"trial{trial + 1}.duckdb")
            next_child = _spawn_child(landing_b, tmp_path / f"trial{trial + 1}.duckdb")
        after_kill = _published(_fingerprints(warehouse))
        assert after_kill in (published_a, published_b), (
            f"trial {trial}: killed after {kill_after:.2f} s, readers see a mix of old and new in "
            + ", ".join(x for x in after_kill if after_kill[x] not in (published_a[x], published_b[x])))
        outcomes.append("A" if after_kill == published_a else "B")
        assert _run(landing_b, warehouse) == 0, f"trial {trial}: the re-run failed"
        got = _fingerprints(warehouse)
        differs = [x for x, f in got.items() if expected.get(x) != f]
        assert not differs, (f"trial {trial}: killed after {kill_after:.2f} s; the re-run differs in "
                             f"{', '.join(differs)}")
    # Kills landed before the publish (the day still old) as well as after it.
    assert "A" in outcomes and "B" in outcomes, outcomes
