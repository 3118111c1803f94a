"""Frozen outputs: what the sample warehouse and `skywatch eval` gave before a refactoring.

A move of code (issue 13) must reproduce both exactly; only version columns may differ. A
deliberate behaviour change re-freezes with `python -m tests.frozen.refreeze` in the same
commit, so the diff of these files shows what the change did.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb

FROZEN = Path(__file__).parent
SAMPLE_WAREHOUSE = FROZEN / "sample_warehouse.json"
DEV_EVAL = FROZEN / "dev_eval.json"


def version_columns(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Columns that stamp a code or data version: the only ones a pure move may change."""
    rows = con.execute("select distinct column_name from information_schema.columns "
                       "where column_name = 'version' or column_name like '%\\_version' escape '\\'"
                       ).fetchall()
    return frozenset(r[0] for r in rows)


def warehouse_fingerprint(path: Path) -> dict[str, list]:
    """Row count and row hash of every published table, version and run-time columns left out."""
    from skywatch.publish import VOLATILE_COLUMNS, table_fingerprints

    con = duckdb.connect(str(path), read_only=True)
    try:
        volatile = VOLATILE_COLUMNS | version_columns(con)
        prints = table_fingerprints(con, volatile)
    finally:
        con.close()
    return {table: list(value) for table, value in sorted(prints.items())
            if not table.startswith(("draft_", "draft_meta"))}


def eval_fingerprint(scores: dict) -> dict[str, dict]:
    """Hits and totals per metric, and a digest of which cases missed (no dev text is stored)."""
    return {metric: {"hit": s["hit"], "total": s["total"],
                     "misses_sha256": hashlib.sha256(
                         json.dumps(sorted(s.get("misses", []))).encode()).hexdigest()}
            for metric, s in sorted(scores.items())}


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def differences(frozen: dict, now: dict) -> dict:
    """Keys whose frozen and current values differ, as {key: (frozen, now)}; empty when equal."""
    return {key: (frozen.get(key), now.get(key))
            for key in sorted(frozen.keys() | now.keys()) if frozen.get(key) != now.get(key)}
