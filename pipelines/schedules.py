"""The nightly job and schedule: one partitioned run over every stage."""

import dagster as dg

from assets.partitions import daily_partitions

DAILY_JOB = "skywatch_daily"

# In-process executor: DuckDB has one writer, so stages run one after another in one process.
skywatch_daily_job = dg.define_asset_job(
    DAILY_JOB,
    selection=dg.AssetSelection.all(),
    partitions_def=daily_partitions,
    executor_def=dg.in_process_executor,
    description="Every stage for one arrival day, gates included.",
)

# At 02:30 UTC the previous day's landing folder is complete: the schedule runs that day.
nightly_schedule = dg.build_schedule_from_partitioned_job(
    skywatch_daily_job,
    name="nightly",
    hour_of_day=2,
    minute_of_hour=30,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Nightly at 02:30 UTC: all stages for the previous arrival day.",
)
