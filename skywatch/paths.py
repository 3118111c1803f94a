"""Where the project's files live, for code run from an editable install or the repo."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DDL_DIR = PROJECT_ROOT / "warehouse" / "ddl"
MARTS_SQL_DIR = PROJECT_ROOT / "warehouse" / "marts"
MACROS_SQL = PROJECT_ROOT / "warehouse" / "macros.sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
SAMPLE_LANDING = PROJECT_ROOT / "data" / "sample" / "landing"
DEFAULT_WAREHOUSE = Path("warehouse") / "skywatch.duckdb"
