"""Where the project's files live: in a checkout (the repo, or the Makefile's editable install),
its top-level folders; in any other install, the copies installed inside the package.

The wheel carries `warehouse/` as `skywatch/_warehouse/` (ddl, marts, queries, macros.sql),
`expectations/` as `skywatch/_expectations/`, the sample corpus `data/sample/landing/` as
`skywatch/_sample/` and `dagster_home/dagster.yaml` as `skywatch/_dagster_home/` (see
pyproject.toml, [tool.setuptools.package-dir]).
"""

from importlib.resources import files
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "warehouse" / "ddl").is_dir()


def _installed(folder: str) -> Path:
    """A data folder installed inside the package (a wheel is always unpacked onto disk)."""
    return Path(str(files(__package__) / folder))


WAREHOUSE_SQL_DIR = PROJECT_ROOT / "warehouse" if IN_CHECKOUT else _installed("_warehouse")
DDL_DIR = WAREHOUSE_SQL_DIR / "ddl"
MARTS_SQL_DIR = WAREHOUSE_SQL_DIR / "marts"
MACROS_SQL = WAREHOUSE_SQL_DIR / "macros.sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations" if IN_CHECKOUT else _installed("_expectations")
SAMPLE_LANDING = PROJECT_ROOT / "data" / "sample" / "landing" if IN_CHECKOUT else _installed("_sample")
DEFAULT_WAREHOUSE = Path("warehouse") / "skywatch.duckdb"
# Instance settings of `skywatch ui` (telemetry off, one run at a time).
DAGSTER_SETTINGS = (PROJECT_ROOT / "dagster_home" if IN_CHECKOUT else _installed("_dagster_home")) \
    / "dagster.yaml"

ENV_DATA_DOCS = "SKYWATCH_DATA_DOCS_DIR"


def default_data_docs_dir(warehouse: str) -> str:
    """Data Docs live beside the warehouse file: `warehouse/skywatch.duckdb` → `warehouse/data_docs`."""
    return str(Path(warehouse).parent / "data_docs")


def default_dagster_home() -> Path:
    """The Dagster instance of `skywatch ui` without $DAGSTER_HOME: the checkout's dagster_home/,
    else dagster_home/ in the current folder."""
    return (PROJECT_ROOT if IN_CHECKOUT else Path.cwd()) / "dagster_home"
