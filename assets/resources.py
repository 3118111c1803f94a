"""Resources: the only way configuration reaches the assets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from skywatch import warehouse
from skywatch.ingest import DEFAULT_MAX_BYTES, list_input_files
from skywatch.paths import EXPECTATIONS_DIR


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB file the pipeline writes (one writer; analysts open it read-only)."""

    path: str = "warehouse/skywatch.duckdb"

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with warehouse.connect(self.path, read_only=read_only) as con:
            yield con


class LandingResource(dg.ConfigurableResource):
    """The landing folder: one sub-folder per arrival day (`landing/2026-11-20/...`).

    `adhoc_input`, when set, is read as the landing of whichever day runs: that is how
    `skywatch run --input FILE.jsonl` feeds one file through the partitioned assets.
    """

    root: str = "data/sample/landing"
    adhoc_input: str = ""
    max_article_bytes: int = DEFAULT_MAX_BYTES

    def day_path(self, day: str) -> Path:
        return Path(self.adhoc_input) if self.adhoc_input else Path(self.root) / day

    def files_for(self, day: str) -> tuple[list[Path], Path]:
        """The files that arrived on `day` and the folder their names are relative to."""
        path = self.day_path(day)
        if not path.exists():
            return [], path
        return list_input_files(path), (path if path.is_dir() else path.parent)

    def days(self) -> list[str]:
        root = Path(self.root)
        if not root.is_dir():
            return []
        return sorted(p.name for p in root.iterdir() if p.is_dir() and _is_day(p.name))


def _is_day(name: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(name)
    except ValueError:
        return False
    return len(name) == 10


class GateResource(dg.ConfigurableResource):
    """Where the Great Expectations suites live (one JSON file per table) and where their
    Data Docs pages are written (empty: no pages)."""

    expectations_dir: str = str(EXPECTATIONS_DIR)
    data_docs_dir: str = ""
