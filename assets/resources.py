"""Resources: the only way configuration reaches the assets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from skywatch import warehouse
from skywatch.ingest import DEFAULT_MAX_BYTES, is_day_folder, list_input_files, stray_landing_entries
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
        """The entries that arrived on `day` and the folder their names are relative to.

        Entries, not only files: symlinks, FIFOs and folders that cannot be listed are listed
        too (never followed or opened), so that each becomes a raw.rejected row.
        """
        path = self.day_path(day)
        if not path.exists():
            return [], path
        files = list_input_files(path)
        return files, (path if path.is_dir() else files[0].parent)

    def days(self) -> list[str]:
        """The `YYYY-MM-DD` folders of the landing root (real folders: as `skywatch run`, a
        symlink is not followed; `stray_entries` names it)."""
        try:
            with os.scandir(Path(self.root)) as listing:
                return sorted(e.name for e in listing if is_day_folder(e))
        except OSError:  # no root, or one that cannot be listed: no days to run
            return []

    def stray_entries(self) -> list[tuple[str, str]]:
        """(name, reason) of each landing-root entry that no day reads (stray files, folders
        not named like a day), for the CLI and the sensor to report."""
        return stray_landing_entries(Path(self.root))


class GateResource(dg.ConfigurableResource):
    """Where the Great Expectations suites live (one JSON file per table) and where their
    Data Docs pages are written (empty: no pages)."""

    expectations_dir: str = str(EXPECTATIONS_DIR)
    data_docs_dir: str = ""
