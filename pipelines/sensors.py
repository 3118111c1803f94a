"""Pick up new or changed files in the landing folder between nightly runs."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import dagster as dg

from skywatch.assets.resources import LandingResource
from skywatch.ingest import list_input_files
from skywatch.pipelines.schedules import skywatch_daily_job


def day_fingerprint(folder: Path) -> str:
    """Changes whenever an entry of the day folder is added, removed, resized or touched.

    The entries are what ingest reads (`list_input_files`: symlinks, FIFOs and unreadable
    folders as themselves, nothing followed or opened), stat'ed without following links.
    """
    digest = hashlib.sha1()
    for path in list_input_files(folder):
        try:
            stat = os.lstat(path)
            size, mtime = stat.st_size, stat.st_mtime_ns
        except OSError:  # gone between listing and stat: that is a change too
            size, mtime = -1, -1
        name = os.fsencode(path.relative_to(folder))
        digest.update(name + f"\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=skywatch_daily_job, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.STOPPED,
           description="Runs a day's partition when files in landing/<day>/ change.")
def landing_sensor(context: dg.SensorEvaluationContext, landing: LandingResource):
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    for name, reason in landing.stray_entries():  # in no day, so in no table: said here
        context.log.warning(f"landing root: {name}: {reason}")
    requests = []
    for day in landing.days():
        fingerprint = day_fingerprint(Path(landing.root) / day)
        if seen.get(day) != fingerprint:
            seen[day] = fingerprint
            requests.append(dg.RunRequest(run_key=f"{day}:{fingerprint}", partition_key=day))
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))
