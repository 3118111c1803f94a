"""Daily partitions by the day an article arrived in the landing folder (UTC)."""

import dagster as dg

# The full-scale invasion: nothing earlier is expected in the landing folder.
FIRST_DAY = "2022-02-24"

daily_partitions = dg.DailyPartitionsDefinition(start_date=FIRST_DAY, timezone="UTC", end_offset=1)
