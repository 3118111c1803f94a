"""Re-freeze the sample warehouse and the dev-set scores after a deliberate behaviour change.

    .venv/bin/python -m tests.frozen.refreeze

Builds the sample warehouse through the real job in a temporary folder and scores the whole dev
set (all families) as `skywatch eval` does; writes both fingerprints next to this file.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.frozen import DEV_EVAL, SAMPLE_WAREHOUSE, eval_fingerprint, warehouse_fingerprint

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def build_sample(folder: Path) -> Path:
    from skywatch.paths import SAMPLE_LANDING
    from skywatch.pipelines.definitions import build_definitions
    from skywatch.pipelines.schedules import DAILY_JOB

    warehouse = folder / "sample.duckdb"
    defs = build_definitions(warehouse=str(warehouse), landing_root=str(SAMPLE_LANDING))
    for day in sorted(p.name for p in SAMPLE_LANDING.iterdir() if p.is_dir()):
        result = defs.resolve_job_def(DAILY_JOB).execute_in_process(partition_key=day, raise_on_error=False)
        if not result.success:
            sys.exit(f"refreeze: sample day {day} failed; fix it before freezing")
    return warehouse


def dev_scores(folder: Path) -> dict:
    from skywatch.pipelines.cli import main

    out = folder / "scores.json"
    code = main(["eval", "--cases", str(SHARED / "eval/dev/cases.jsonl"),
                 "--gold", str(SHARED / "seeds/gold.json"),
                 "--gold", str(SHARED / "eval/dev/articles_gold.json"), "--json", str(out)])
    if code != 0:
        sys.exit("refreeze: skywatch eval failed")
    return json.loads(out.read_text())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        SAMPLE_WAREHOUSE.write_text(json.dumps(warehouse_fingerprint(build_sample(folder)), indent=1) + "\n")
        if (SHARED / "eval/dev/cases.jsonl").exists():
            DEV_EVAL.write_text(json.dumps(eval_fingerprint(dev_scores(folder)), indent=1) + "\n")
    print(f"wrote {SAMPLE_WAREHOUSE} and {DEV_EVAL}")


if __name__ == "__main__":
    main()
