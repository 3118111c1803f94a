"""The one Definitions object: assets of every stage, their gates, the job, schedule and sensor.

`dagster dev -m skywatch.pipelines.definitions` (or `skywatch ui`) serves it; `skywatch run` builds
the same object with the paths given on the command line.
"""

from __future__ import annotations

import os

import dagster as dg

from skywatch.assets.clean import clean_stage
from skywatch.assets.extract import extract_stage
from skywatch.assets.marts import marts_stage
from skywatch.assets.raw import raw_stage
from skywatch.assets.resolve import resolve_stage
from skywatch.assets.resources import GateResource, LandingResource, WarehouseResource
from skywatch.ingest import DEFAULT_MAX_BYTES
from skywatch.paths import (
    DEFAULT_WAREHOUSE,
    ENV_DATA_DOCS,
    EXPECTATIONS_DIR,
    SAMPLE_LANDING,
    default_data_docs_dir,
)
from skywatch.pipelines.console import one_line_console
from skywatch.pipelines.schedules import nightly_schedule, skywatch_daily_job
from skywatch.pipelines.sensors import landing_sensor

ENV_WAREHOUSE = "SKYWATCH_WAREHOUSE"
ENV_LANDING = "SKYWATCH_LANDING"
ENV_MAX_BYTES = "SKYWATCH_MAX_ARTICLE_BYTES"
ENV_EXPECTATIONS = "SKYWATCH_EXPECTATIONS_DIR"


def _env_or(name: str, default: str):
    """The variable when it is set (shown as such in the UI), else the default."""
    return dg.EnvVar(name) if name in os.environ else default


def build_definitions(warehouse: str | None = None, landing_root: str | None = None,
                      adhoc_input: str = "", expectations_dir: str | None = None,
                      data_docs_dir: str | None = None) -> dg.Definitions:
    """The Definitions, with explicit paths where given and environment variables otherwise.

    `data_docs_dir` defaults to $SKYWATCH_DATA_DOCS_DIR, else to `data_docs/` beside the
    warehouse file; "" writes no Data Docs pages.
    """
    if data_docs_dir is None:
        beside = warehouse or os.environ.get(ENV_WAREHOUSE, str(DEFAULT_WAREHOUSE))
        data_docs_dir = _env_or(ENV_DATA_DOCS, default_data_docs_dir(beside))
    max_bytes = dg.EnvVar.int(ENV_MAX_BYTES) if ENV_MAX_BYTES in os.environ else DEFAULT_MAX_BYTES
    resources = {
        "warehouse": WarehouseResource(
            path=warehouse or _env_or(ENV_WAREHOUSE, str(DEFAULT_WAREHOUSE))),
        "landing": LandingResource(
            root=landing_root or _env_or(ENV_LANDING, str(SAMPLE_LANDING)),
            adhoc_input=adhoc_input, max_article_bytes=max_bytes),
        "gates": GateResource(
            expectations_dir=expectations_dir or _env_or(ENV_EXPECTATIONS, str(EXPECTATIONS_DIR)),
            data_docs_dir=data_docs_dir),
    }
    return dg.Definitions(
        assets=[raw_stage, clean_stage, extract_stage, resolve_stage, marts_stage],
        jobs=[skywatch_daily_job],
        schedules=[nightly_schedule],
        sensors=[landing_sensor],
        resources=resources,
        loggers={"one_line_console": one_line_console},
    )


defs = build_definitions()
