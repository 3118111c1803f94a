"""What a person sees when something is wrong: one line naming the file or option, no traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from skywatch.pipelines.cli import main

PROJECT = Path(__file__).resolve().parents[2]


def _one_line_error(capsys) -> str:
    out, err = capsys.readouterr()
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in out + err
    return lines[0]


@pytest.mark.parametrize(("argv", "names"), [
    (["run", "--day", "2026-02-30", "--input", "."], "--day"),
    (["run", "--day", "1999-01-01", "--input", "."], "--day"),
    (["run", "--day", "2999-01-01", "--input", "."], "--day"),
    (["backfill", "--from", "2026-11-02", "--to", "2026-11-01"], "--to"),
    (["backfill", "--from", "0001-01-01", "--to", "2026-11-01"], "--from"),
    (["run", "--input", "/no/such/folder"], "/no/such/folder"),
    (["report", "--warehouse", "/no/such.duckdb"], "/no/such.duckdb"),
    (["report", "--since", "yesterday", "--warehouse", "/no/such.duckdb"], "/no/such.duckdb"),
])
def test_a_bad_option_is_one_line_naming_it(capsys, argv: list[str], names: str):
    with pytest.raises(SystemExit) as stop:
        status = main(argv)
        raise SystemExit(status)
    assert stop.value.code not in (0, None)
    message = str(stop.value.code) if isinstance(stop.value.code, str) else _one_line_error(capsys)
    assert names in message and "\n" not in message


@pytest.mark.parametrize("port", ["0", "80", "70000", "http"])
def test_an_out_of_range_port_names_the_option(capsys, port: str):
    with pytest.raises(SystemExit) as stop:
        main(["ui", "--port", port])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--port" in err and "Traceback" not in err


def test_eval_with_a_missing_cases_file_names_it(capsys, tmp_path):
    missing = tmp_path / "nope.jsonl"
    assert main(["eval", "--cases", str(missing)]) == 1
    assert str(missing) in _one_line_error(capsys)


def test_run_on_a_corrupt_warehouse_is_one_line(capsys, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    warehouse.write_bytes(b"this is not a database" * 1000)
    day = tmp_path / "landing" / "2026-11-20"
    day.mkdir(parents=True)
    with pytest.raises(SystemExit) as stop:
        main(["run", "--input", str(day), "--warehouse", str(warehouse), "--quiet"])
    assert "not a readable DuckDB database" in str(stop.value.code)


def test_run_on_a_warehouse_in_use_is_one_line(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    day = tmp_path / "landing" / "2026-11-20"
    day.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(warehouse)!r})
        print("held", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        done = subprocess.run([sys.executable, "-m", "skywatch.pipelines.cli", "run", "--input", str(day),
                               "--warehouse", str(warehouse), "--quiet"], cwd=PROJECT,
                              capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode != 0
    err = [x for x in done.stderr.splitlines() if x.strip()]
    assert len(err) == 1 and "in use by another process" in err[0] and str(warehouse) in err[0]
    assert "Traceback" not in done.stdout + done.stderr


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(capsys, monkeypatch):
    import skywatch.cli as cli

    def boom(args):
        raise RuntimeError("something odd\nwith a second line")

    monkeypatch.setattr(cli, "cmd_report", boom)
    assert main(["report"]) == 1
    line = _one_line_error(capsys)
    assert line.startswith("skywatch report: RuntimeError: something odd") and "--debug" in line
    with pytest.raises(RuntimeError):
        main(["report", "--debug"])


def test_stray_entries_of_the_landing_root_are_named(tmp_path, capsys):
    from skywatch.cli import plan_runs

    (tmp_path / "2026-11-20").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "README.txt").write_text("not news")
    (tmp_path / "2026-11-21").symlink_to(tmp_path / "2026-11-20")
    plans = plan_runs(tmp_path)
    assert [p.day for p in plans] == ["2026-11-20"]
    err = capsys.readouterr().err
    assert "README.txt" in err and "notes" in err and "2026-11-21" in err
    assert len(err.strip().splitlines()) == 3
