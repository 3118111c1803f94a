"""The nightly job and schedule: one partitioned run over every stage."""

from datetime import UTC, datetime, timedelta

import dagster as dg

from skywatch.assets.partitions import daily_partitions

DAILY_JOB = "skywatch_daily"

# In-process executor: DuckDB has one writer, so stages run one after another in one process.
skywatch_daily_job = dg.define_asset_job(
    DAILY_JOB,
    selection=dg.AssetSelection.all(),
    partitions_def=daily_partitions,
    executor_def=dg.in_process_executor,
    description="Every stage for one arrival day, gates included.",
)

SCHEDULE_TIMEZONE = "UTC"  # the partitions' time zone (assets/partitions.py): arrival days are UTC days


def previous_day(moment: datetime) -> str:
    """The arrival day a tick at `moment` runs: the one that ended before it, complete by 02:30."""
    return (moment.astimezone(UTC).date() - timedelta(days=1)).isoformat()


# On by default: the daemon that `skywatch ui` (dagster dev) starts ticks it without anyone
# switching it on. A custom schedule rather than build_schedule_from_partitioned_job, which
# with end_offset=1 would run the day that has just begun instead of the one just finished.
@dg.schedule(
    name="nightly",
    job=skywatch_daily_job,
    cron_schedule="30 2 * * *",
    execution_timezone=SCHEDULE_TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Nightly at 02:30 UTC: all stages for the previous arrival day (UTC).",
)
def nightly_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    day = previous_day(context.scheduled_execution_time)
    return dg.RunRequest(run_key=f"nightly:{day}", partition_key=day)
