"""Pick up new or changed files in the landing folder between nightly runs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg

from assets.resources import LandingResource
from pipelines.schedules import skywatch_daily_job


def day_fingerprint(folder: Path) -> str:
    """Changes whenever a file in the day folder is added, removed, resized or touched."""
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=skywatch_daily_job, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.STOPPED,
           description="Runs a day's partition when files in landing/<day>/ change.")
def landing_sensor(context: dg.SensorEvaluationContext, landing: LandingResource):
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    requests = []
    for day in landing.days():
        fingerprint = day_fingerprint(Path(landing.root) / day)
        if seen.get(day) != fingerprint:
            seen[day] = fingerprint
            requests.append(dg.RunRequest(run_key=f"{day}:{fingerprint}", partition_key=day))
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))
