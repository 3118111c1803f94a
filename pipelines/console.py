"""A console logger for people: one line per event, never a traceback.

Dagster's own console logger prints the full stack trace of every failed step and check.
`skywatch run` and `skywatch backfill` use this one instead (`--debug` brings Dagster's back),
so what a person reads is `HH:MM:SS LEVEL stage: message`, and the error's class and message
are printed once more, in the run's summary, by the CLI.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime

import dagster as dg

_LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING,
           "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


class OneLineFormatter(logging.Formatter):
    """`16:02:11 INFO extract_stage: extract 2026-11-20: 38 claims ...`: the first line only."""

    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", None) or {}
        message = str(meta.get("orig_message") or record.getMessage())
        first = message.strip().splitlines()[0] if message.strip() else ""
        step = meta.get("step_key") or ""
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        return f"{when} {record.levelname:7s} {step + ': ' if step else ''}{first[:300]}"


@dg.logger(
    config_schema={"log_level": dg.Field(str, default_value="INFO", is_required=False)},
    description="One line per event on stderr, without stack traces (skywatch run/backfill).",
)
def one_line_console(init_context: dg.InitLoggerContext) -> logging.Logger:
    level = _LEVELS.get(str(init_context.logger_config["log_level"]).upper(), logging.INFO)
    logger = logging.getLogger("skywatch.run")
    logger.propagate = False
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter())
    logger.handlers = [handler]
    logger.setLevel(level)
    return logger
