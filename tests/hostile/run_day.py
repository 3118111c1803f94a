"""Run one landing day in a fresh process, for the kill -9 trials.

    python -m tests.hostile.run_day LANDING_ROOT DAY WAREHOUSE

It first builds everything a run needs that writes nothing (imports, the place lookups, the
reference tables, the language model), prints READY and waits for a line on stdin before it
runs, so a trial can warm the next process up while it checks the last one, and its random
kill lands while the run writes, not while it starts. A fresh process and not a fork: Polars'
thread pool does not survive a fork (a forked child hangs in its first parallel operation).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    landing, day, warehouse = argv
    from skywatch import entities, gazetteer, geocode
    from skywatch.cli import backfill_plans
    from skywatch.nlp import load_model
    from skywatch.pipelines.cli import execute_plans
    from skywatch.places import warm_place_lookups

    warm_place_lookups()
    geocode.places_table()
    gazetteer.build_aliases()
    entities.entities_frame()
    entities.entity_aliases()
    load_model()
    _warm_gates_and_job(warehouse)
    print("READY", flush=True)
    sys.stdin.readline()  # the trial's go-ahead: the random kill is timed from it
    status, _ = execute_plans(backfill_plans(day, day, Path(landing)), warehouse, log_level="ERROR")
    return status


def _warm_gates_and_job(warehouse: str) -> None:
    """Great Expectations' context and one validation, and the job's definition: first-use costs."""
    import polars as pl

    from skywatch.gates import run_gate
    from skywatch.pipelines.definitions import build_definitions
    from skywatch.pipelines.schedules import DAILY_JOB

    run_gate("clean.failed", pl.DataFrame(schema={"article_id": pl.String, "stage": pl.String,
                                                  "error_class": pl.String, "message": pl.String}))
    build_definitions(warehouse=warehouse).resolve_job_def(DAILY_JOB)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
