"""The one package: skywatch/ stays free of Dagster, and the wheel carries everything the pipeline
needs (SQL, suites, yaml data, vocab, sample corpus), under `skywatch` only, and runs from it."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
# Dagster and the wiring of it (assets/ and pipelines/, installed as skywatch.assets and
# skywatch.pipelines): the framework-free package imports none of them.
FORBIDDEN = ("dagster", "assets", "pipelines", "skywatch.assets", "skywatch.pipelines")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            package = path.parent.relative_to(PROJECT).parts  # what a relative import is relative to
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            names.append(".".join([*base, *([node.module] if node.module else [])]))
    return names


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") or name.startswith(f + "_") for f in FORBIDDEN)


def test_skywatch_never_imports_dagster_or_the_wiring():
    modules = sorted((PROJECT / "skywatch").rglob("*.py"))
    assert len(modules) > 20
    found = [f"{path.relative_to(PROJECT)}: {name}" for path in modules
             for name in _imports(path) if _forbidden(name)]
    assert not found, found



def _skywatch_imports(module: str) -> set[str]:
    """The skywatch modules `module` imports, directly or through others (`from skywatch import x`
    counts as importing skywatch.x)."""
    def direct(name: str) -> set[str]:
        path = PROJECT / (name.replace(".", "/") + ".py")
        if not path.exists():
            path = PROJECT / name.replace(".", "/") / "__init__.py"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        return {n for n in found if n.startswith("skywatch.")
                and ((PROJECT / (n.replace(".", "/") + ".py")).exists()
                     or (PROJECT / n.replace(".", "/") / "__init__.py").exists())}

    seen, todo = set(), [module]
    while todo:
        for name in direct(todo.pop()) - seen:
            seen.add(name)
            todo.append(name)
    return seen


@pytest.mark.parametrize("module", ["skywatch.resolve", "skywatch.geocode", "skywatch.events"])
def test_resolution_reads_extract_tables_never_extract_code(module):
    """Stages talk through tables: resolve reads `extract.place_candidates`, it does not re-run the
    extractor's place rules (issue 13)."""
    assert "skywatch.extract" not in _skywatch_imports(module)

def _files(folder: Path, pattern: str) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.glob(pattern) if p.is_file()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the tree (a build in the checkout would leave build/ there)."""
    source = tmp_path_factory.mktemp("source")
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.duckdb*", "data_docs", "report.html")
    for name in ("skywatch", "assets", "pipelines", "warehouse", "expectations", "data/sample/landing"):
        shutil.copytree(PROJECT / name, source / name, ignore=skip, symlinks=True)
    for name in ("pyproject.toml", "README.md", "dagster_home/dagster.yaml"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "--disable-pip-version-check", "-q", "-w", str(out), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    [built] = out.glob("skywatch-*.whl")
    return built


def test_the_wheel_carries_sql_suites_yaml_vocab_and_sample(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())

    def under(prefix: str) -> set[str]:
        return {n[len(prefix):] for n in names if n.startswith(prefix)}

    warehouse = PROJECT / "warehouse"
    sql = {"macros.sql"} | _files(warehouse, "ddl/*.sql") | _files(warehouse, "marts/*.sql") \
        | _files(warehouse, "queries/*.sql")
    assert len(sql) > 15 and sql <= under("skywatch/_warehouse/")
    suites = _files(PROJECT / "expectations", "*.json")
    assert suites and suites == under("skywatch/_expectations/")
    data = _files(PROJECT / "skywatch", "data/*.yaml")
    assert data and data <= under("skywatch/")
    vocab = _files(PROJECT / "skywatch", "vocab/**/*.yaml")
    assert vocab <= under("skywatch/")
    assert _files(PROJECT / "data" / "sample" / "landing", "*/*") == under("skywatch/_sample/")
    assert "skywatch/_dagster_home/dagster.yaml" in names
    assert {"skywatch/assets/stage.py", "skywatch/pipelines/definitions.py", "skywatch/pipelines/cli.py",
            "skywatch/cli.py"} <= names


def test_the_wheel_installs_one_top_level_package_and_the_wired_command(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"skywatch"}
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "skywatch = skywatch.pipelines.cli:main" in text


def test_the_unpacked_wheel_finds_its_files_outside_a_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = ("import skywatch.paths as p, skywatch.pipelines.definitions as d; "
             "print(p.IN_CHECKOUT, p.DDL_DIR, p.EXPECTATIONS_DIR, p.SAMPLE_LANDING, d.__file__, sep='\\n')")
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    in_checkout, ddl, suites, sample, definitions = done.stdout.split("\n")[:5]
    assert in_checkout == "False"
    for folder in (ddl, suites, sample, definitions):
        assert Path(folder).is_relative_to(site) and Path(folder).exists(), folder
    assert (Path(ddl) / "raw.sql").is_file() and (Path(suites) / "raw_articles.json").is_file()
    macros = subprocess.run([sys.executable, "-m", "skywatch.pipelines.cli", "query", "--macros"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert macros.returncode == 0
    assert macros.stdout.strip() == (PROJECT / "warehouse" / "macros.sql").read_text().strip()
