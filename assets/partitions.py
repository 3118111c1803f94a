"""Daily partitions by the day an article arrived in the landing folder (UTC)."""

import dagster as dg

from skywatch.ingest import FIRST_DAY

daily_partitions = dg.DailyPartitionsDefinition(start_date=FIRST_DAY, timezone="UTC", end_offset=1)
