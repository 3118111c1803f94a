"""The `skywatch` console script: the commands of `skywatch.cli` with Dagster wired in.

`skywatch.cli` holds every command, option and message but never imports Dagster; this module
gives it the `Runner` for the commands that run Dagster: `run`, `backfill` and `eval` execute
the daily job in-process (`execute_plans`), `ui` serves the Definitions behind the guard of
`skywatch.pipelines.ui_guard`. Dagster itself is still imported only when one of those runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from skywatch import cli
from skywatch.cli import RunPlan, check_warehouse_writable
from skywatch.paths import DAGSTER_SETTINGS, IN_CHECKOUT, PROJECT_ROOT, default_dagster_home


def _instance():
    """The persistent instance under DAGSTER_HOME (so the UI sees CLI runs), else an ephemeral one."""
    import dagster as dg

    home = os.environ.get("DAGSTER_HOME")
    if home and Path(home, "dagster.yaml").exists():
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def _failed_checks(result) -> list[str]:
    failed = []
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            key = "/".join(evaluation.asset_key.path)
            text = evaluation.description or ""
            failed.append(f"{key} {evaluation.check_name}: {text}")
    return failed


def execute_plans(plans: list[RunPlan], warehouse: str, log_level: str = "INFO",
                  debug: bool = False) -> tuple[int, list[str]]:
    """Each plan is one partition run of the daily job, one after another (one DuckDB writer).

    The log is one line per event (`skywatch.pipelines.console`); `debug` brings Dagster's own
    console logger back, stack traces included.
    """
    from skywatch.errors import step_failure_lines
    from skywatch.pipelines.definitions import build_definitions
    from skywatch.pipelines.schedules import DAILY_JOB

    check_warehouse_writable(warehouse)
    instance = _instance()
    logger = "console" if debug or cli.debug_env() else "one_line_console"
    log_config = {"loggers": {logger: {"config": {"log_level": log_level}}}}
    status = 0
    for i, plan in enumerate(plans, start=1):
        source = plan.adhoc_input or f"{plan.landing_root}/{plan.day}"
        print(f"[{i}/{len(plans)}] day {plan.day}: {source}", flush=True)
        defs = build_definitions(warehouse=warehouse, landing_root=plan.landing_root,
                                 adhoc_input=plan.adhoc_input)
        job = defs.resolve_job_def(DAILY_JOB)
        result = job.execute_in_process(partition_key=plan.day, instance=instance,
                                        raise_on_error=False, run_config=log_config)
        failed = _failed_checks(result) + step_failure_lines(result)
        if failed or not result.success:
            status = 1
            print(f"GATE FAILED for day {plan.day}; downstream stages did not run and the day was "
                  "not published (the warehouse keeps its previous rows):", file=sys.stderr)
            for line in failed or ["the run failed; see the log above"]:
                print(f"  - {line}", file=sys.stderr)
    return status, [p.day for p in plans]


def serve_ui(args: argparse.Namespace) -> int:
    """`skywatch ui`: `dagster dev` behind the guard, on 127.0.0.1 only."""
    env = dict(os.environ)
    env.setdefault("DAGSTER_HOME", str(default_dagster_home()))
    env["SKYWATCH_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    settings = Path(env["DAGSTER_HOME"], "dagster.yaml")
    if not IN_CHECKOUT and not settings.exists():  # a new instance outside a checkout: our settings
        shutil.copyfile(DAGSTER_SETTINGS, settings)
    from skywatch.pipelines.ui_guard import launch_command

    # `dagster dev` behind skywatch.pipelines.ui_guard: requests from other sites or host names get 403.
    command = launch_command("127.0.0.1", args.port)
    print(f"Dagster UI on http://127.0.0.1:{args.port} (DAGSTER_HOME={env['DAGSTER_HOME']}; "
          "only this address may drive it)")
    return subprocess.call(command, env=env, cwd=PROJECT_ROOT if IN_CHECKOUT else None)


RUNNER = cli.Runner(execute_plans=execute_plans, ui=serve_ui)


def main(argv: list[str] | None = None) -> int:
    """The `skywatch` command (see `skywatch.cli`)."""
    return cli.main(argv, runner=RUNNER)


if __name__ == "__main__":
    sys.exit(main())
