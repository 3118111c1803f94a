"""The command line as people and the team's checks call it."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from skywatch.cli import plan_runs
from skywatch.pipelines.cli import main

from .conftest import SAMPLE_LANDING, needs_shared


def test_plan_for_landing_root_day_folder_and_file(tmp_path):
    days = plan_runs(SAMPLE_LANDING)
    assert [p.day for p in days] == sorted(p.name for p in SAMPLE_LANDING.iterdir() if p.is_dir())
    one_day = plan_runs(SAMPLE_LANDING / days[0].day)
    assert one_day[0].day == days[0].day and not one_day[0].adhoc_input
    feed = tmp_path / "feed.jsonl"
    feed.write_text("{}\n")
    adhoc = plan_runs(feed, day="2026-01-02")
    assert adhoc[0].day == "2026-01-02" and adhoc[0].adhoc_input == str(feed.resolve())


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="input not found"):
        plan_runs(tmp_path / "nope.jsonl")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("{}\n")
    with pytest.raises(SystemExit, match="--day: '2026-1x-01' is not a date"):
        plan_runs(feed, day="2026-1x-01")


@pytest.mark.parametrize("value, expected", [(None, "1GB"), ("", "1GB"), ("2GB", "2GB"), ("512 MB", "512 MB"),
                                             ("1.5GiB", "1.5GiB")])
def test_the_pipelines_duckdb_memory_limit_comes_from_the_environment(tmp_path, monkeypatch, value, expected):
    from skywatch import warehouse

    if value is None:
        monkeypatch.delenv(warehouse.ENV_DUCKDB_MEMORY, raising=False)
    else:
        monkeypatch.setenv(warehouse.ENV_DUCKDB_MEMORY, value)
    assert warehouse.duckdb_memory_limit() == expected
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
    # DuckDB reports the limit in its own units (1GB as "953.6 MiB"): it is set, not the default 80 %
    assert limit.endswith(("MiB", "GiB")) and float(limit.split()[0]) < 2000


@pytest.mark.parametrize("value", ["lots", "0GB", "-1GB", "1e9", "\uff11GB", "1GB; drop table x", "7"])
def test_a_bad_duckdb_memory_limit_is_one_line_before_any_run(tmp_path, monkeypatch, capsys, value):
    monkeypatch.setenv("SKYWATCH_DUCKDB_MEMORY", value)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a1", "text": "Drones were shot down over Kursk."}) + "\n")
    with pytest.raises(SystemExit) as raised:
        main(["run", "--input", str(feed), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet"])
    message = str(raised.value)
    assert "SKYWATCH_DUCKDB_MEMORY" in message and "\n" not in message
    assert not (tmp_path / "w.duckdb").exists() or _count_tables(tmp_path / "w.duckdb") == 0


def _count_tables(warehouse: Path) -> int:
    return _count(warehouse, "select count(*) from information_schema.tables")


def _count(warehouse: Path, sql: str) -> int:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_run_seed_articles_as_jsonl(tmp_path, capsys):
    """The team's form: `skywatch run --input FILE.jsonl --warehouse FILE.duckdb`."""
    seeds = needs_shared("seeds")
    feed = tmp_path / "seeds.jsonl"
    with feed.open("w") as out:
        for path in sorted(seeds.glob("*.txt")):
            out.write(json.dumps({"id": path.stem, "text": path.read_text()}) + "\n")
    warehouse = tmp_path / "seeds.duckdb"
    assert main(["run", "--input", str(feed), "--warehouse", str(warehouse)]) == 0
    assert _count(warehouse, "select count(*) from clean.articles") == 3
    assert _count(warehouse, "select count(*) from raw.rejected") == 0
    out = capsys.readouterr().out
    assert "raw.articles" in out and "clean.articles" in out


def test_run_folder_of_txt_files(tmp_path):
    folder = tmp_path / "stories"
    day = sorted(p for p in SAMPLE_LANDING.iterdir() if p.is_dir())[0]
    shutil.copytree(day, folder)
    warehouse = tmp_path / "txt.duckdb"
    assert main(["run", "--input", str(folder), "--warehouse", str(warehouse)]) == 0
    n_files = len(list(folder.iterdir()))
    assert _count(warehouse, "select count(*) from raw.inputs") == n_files
    assert _count(warehouse, "select count(*) from clean.articles") > 0


def test_failed_gate_exits_non_zero_and_names_the_check(tmp_path, monkeypatch, capsys):
    strict = tmp_path / "expectations"
    shutil.copytree(Path(__file__).resolve().parents[1] / "expectations", strict)
    suite = json.loads((strict / "clean_articles.json").read_text())
    suite["expectations"].append({"type": "expect_table_row_count_to_be_between",
                                  "kwargs": {"min_value": 10**6}})
    (strict / "clean_articles.json").write_text(json.dumps(suite))
    monkeypatch.setenv("SKYWATCH_EXPECTATIONS_DIR", str(strict))
    day = sorted(p for p in SAMPLE_LANDING.iterdir() if p.is_dir())[0]
    code = main(["run", "--input", str(day), "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == 1
    err = capsys.readouterr().err
    assert "clean/articles gx_suite" in err and "expect_table_row_count_to_be_between" in err


def test_query_is_read_only(tmp_path, capsys):
    warehouse = tmp_path / "q.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("create table t as select 42 as answer")
    con.close()
    assert main(["query", "select answer from t", "--warehouse", str(warehouse)]) == 0
    assert "42" in capsys.readouterr().out
    sql = tmp_path / "q.sql"
    sql.write_text("insert into t values (1)")
    assert main(["query", "--file", str(sql), "--warehouse", str(warehouse)]) == 1
    assert "read-only" in capsys.readouterr().err.lower()


def test_backfill_plans_one_run_per_day_including_days_without_files(tmp_path):
    from skywatch.cli import backfill_plans

    (tmp_path / "2026-11-02").mkdir()
    plans = backfill_plans("2026-10-31", "2026-11-02", tmp_path)
    assert [p.day for p in plans] == ["2026-10-31", "2026-11-01", "2026-11-02"]
    assert {p.landing_root for p in plans} == {str(tmp_path.resolve())}
    assert all(not p.adhoc_input for p in plans)
    assert [p.day for p in backfill_plans("2026-11-02", "2026-11-02", tmp_path)] == ["2026-11-02"]


def test_backfill_range_errors_are_clear(tmp_path):
    from skywatch.cli import backfill_plans

    with pytest.raises(SystemExit, match="before --from"):
        backfill_plans("2026-11-02", "2026-11-01", tmp_path)
    with pytest.raises(SystemExit, match="landing root not found"):
        backfill_plans("2026-11-01", "2026-11-02", tmp_path / "missing")
    with pytest.raises(SystemExit, match="--from: '2026-13-01' is not a date"):
        backfill_plans("2026-13-01", "2026-11-02", tmp_path)
