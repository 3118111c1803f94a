"""`skywatch query` cannot write: every attack goes through the real CLI and leaves the file as it was.

Each attack must exit 1 with one line on stderr and the warehouse's bytes unchanged (and no
file created beside it); a missing --file and a missing, corrupt or locked warehouse exit 2
with one line naming the file. Reading SQL (and the macros) keeps working.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skywatch.cli import main
from skywatch.warehouse import STAGES, ensure_schema


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_warehouse(path: Path) -> Path:
    """Every stage's tables (so the macros load) and one row to steal or delete."""
    con = duckdb.connect(str(path))
    try:
        for stage in STAGES:
            ensure_schema(con, stage)
        con.execute("create table main.secrets as select 'kept' as word")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return _make_warehouse(tmp_path_factory.mktemp("query") / "w.duckdb")


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> Path:
    """A second database an attacker would ATTACH read-write and empty."""
    path = tmp_path_factory.mktemp("other") / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table victims as select range as n from range(5)")
    con.close()
    return path


def _query(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["query", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("skywatch query: "), err
    return lines[0]


def _attacks(warehouse: Path, other: Path) -> dict[str, str]:
    folder = warehouse.parent
    return {
        "copy onto the warehouse": f"COPY (select 1) TO '{warehouse}'",
        "copy to a csv": f"COPY main.secrets TO '{folder / 'stolen.csv'}'",
        "copy as parquet": f"COPY (from main.secrets) TO '{folder / 'p.parquet'}' (FORMAT parquet)",
        "copy from a file": "COPY main.secrets FROM '/etc/passwd'",
        "export database": f"EXPORT DATABASE '{folder / 'exported'}'",
        "import database": f"IMPORT DATABASE '{folder}'",
        "attach read-write then delete": f"ATTACH '{other}' AS o (READ_ONLY false); DELETE FROM o.victims",
        "attach plain": f"ATTACH '{other}'",
        "attach if not exists": f"ATTACH IF NOT EXISTS '{other}' AS o2",
        "attach database keyword": f"ATTACH DATABASE '{other}' AS o3 (READ_ONLY)",
        "attach memory": "ATTACH ':memory:' AS scratch",
        "attach sqlite": f"ATTACH '{folder / 'x.db'}' (TYPE sqlite)",
        "detach": "DETACH w",
        "install httpfs": "INSTALL httpfs",
        "force install": "FORCE INSTALL httpfs",
        "load httpfs": "LOAD httpfs",
        "read_text": "select * from read_text('/etc/passwd')",
        "read_csv": "select * from read_csv('/etc/passwd')",
        "read_blob": "select content from read_blob('/etc/hostname')",
        "glob": "select * from glob('/root/*')",
        "url as table": "select * from 'https://example.invalid/a.csv'",
        "set external access": "SET enable_external_access = true",
        "set then read": "SET enable_external_access = true; select * from read_text('/etc/passwd')",
        "reset external access": "RESET enable_external_access",
        "set global": "SET GLOBAL lock_configuration = false",
        "create table": "CREATE TABLE main.planted (a int)",
        "create temp table": "CREATE TEMP TABLE planted AS select 1",
        "create view": "CREATE VIEW main.v AS select 1",
        "create secret": "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
        "insert": "INSERT INTO main.secrets VALUES ('planted')",
        "update": "UPDATE main.secrets SET word = 'changed'",
        "delete": "DELETE FROM main.secrets",
        "truncate": "TRUNCATE main.secrets",
        "drop": "DROP TABLE main.secrets",
        "alter": "ALTER TABLE main.secrets ADD COLUMN b int",
        "comment": "COMMENT ON TABLE main.secrets IS 'x'",
        "pragma that writes": "PRAGMA enable_checkpoint_on_shutdown",
        "pragma setting": "PRAGMA threads = 1",
        "checkpoint": "CHECKPOINT",
        "force checkpoint": "FORCE CHECKPOINT",
        "vacuum": "VACUUM",
        "transaction": "BEGIN TRANSACTION; DELETE FROM main.secrets; COMMIT",
        "call": "CALL checkpoint()",
        "use": "USE memory",
        "a read then a write": "select 1; DROP TABLE main.secrets",
        "explain analyze a copy": f"EXPLAIN ANALYZE COPY (select 1) TO '{folder / 'e.csv'}'",
        "explain behind a comment": f"/* hi */ EXPLAIN COPY (select 1) TO '{folder / 'e2.csv'}'",
        "query() of a copy": f"select * from query('COPY (select 1) TO ''{folder / 'q.csv'}''')",
    }


ATTACK_NAMES = sorted(_attacks(Path("/w/w.duckdb"), Path("/o/o.duckdb")))


@pytest.mark.parametrize("name", ATTACK_NAMES)
def test_an_attack_exits_1_with_one_line_and_changes_nothing(warehouse, other, capsys, name):
    sql = _attacks(warehouse, other)[name]
    before, other_before = _digest(warehouse), _digest(other)
    files_before = sorted(warehouse.parent.iterdir())
    status, out, err = _query(capsys, sql, "--warehouse", str(warehouse))
    assert status == 1, (out, err)
    _one_line(err)
    assert _digest(warehouse) == before and _digest(other) == other_before
    assert sorted(warehouse.parent.iterdir()) == files_before
    assert "root:" not in out + err  # nothing of /etc/passwd came back
    assert out == ""  # a script with one refused statement runs none of them


def test_an_attack_from_a_file_is_refused_the_same_way(warehouse, tmp_path, capsys):
    sql = tmp_path / "evil.sql"
    sql.write_text(f"select 1;\nCOPY (select 1) TO '{warehouse}';\n")
    before = _digest(warehouse)
    status, _, err = _query(capsys, "--file", str(sql), "--warehouse", str(warehouse))
    assert status == 1
    assert "refused" in _one_line(err) and "statement 2" in err
    assert _digest(warehouse) == before


def test_the_warehouse_still_reads_after_every_attack(warehouse, other, capsys):
    before = _digest(warehouse)
    for sql in _attacks(warehouse, other).values():
        _query(capsys, sql, "--warehouse", str(warehouse))
    status, out, _ = _query(capsys, "select word from main.secrets", "--warehouse", str(warehouse))
    assert status == 0 and "kept" in out
    assert _digest(warehouse) == before


@pytest.mark.parametrize("sql, seen", [
    ("select 40 + 2 as answer", "42"),
    ("with a as (select 'x' as k) from a", "x"),
    ("show tables", "secrets"),
    ("describe main.secrets", "word"),
    ("pragma table_info('main.secrets')", "word"),
    ("explain select * from main.secrets", "physical_plan"),
    ("summarize main.secrets", "word"),
    ("from drones_destroyed()", "by_russian_claimants"),
    ("select 1 as first; select 2 as second", "second"),
    ("-- a comment first\nselect 'after a comment' as c", "after a comment"),
])
def test_reading_sql_and_the_macros_still_work(warehouse, capsys, sql, seen):
    before = _digest(warehouse)
    status, out, err = _query(capsys, sql, "--warehouse", str(warehouse))
    assert status == 0, err
    assert seen in out
    assert _digest(warehouse) == before


def test_a_syntax_error_is_duckdbs_message_on_one_line(warehouse, capsys):
    status, _, err = _query(capsys, "select nope\nfrom main.secrets", "--warehouse", str(warehouse))
    assert status == 1
    line = _one_line(err)
    assert "nope" in line and "LINE" not in line


def test_a_missing_sql_file_exits_2_naming_it(warehouse, tmp_path, capsys):
    missing = tmp_path / "no_such.sql"
    status, _, err = _query(capsys, "--file", str(missing), "--warehouse", str(warehouse))
    assert status == 2 and str(missing) in _one_line(err)


def test_a_binary_sql_file_exits_2_naming_it(warehouse, tmp_path, capsys):
    binary = tmp_path / "photo.sql"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    status, _, err = _query(capsys, "--file", str(binary), "--warehouse", str(warehouse))
    assert status == 2 and str(binary) in _one_line(err)


def test_a_missing_warehouse_exits_2_naming_it(tmp_path, capsys):
    missing = tmp_path / "nothing.duckdb"
    status, _, err = _query(capsys, "select 1", "--warehouse", str(missing))
    assert status == 2 and str(missing) in _one_line(err)
    assert not missing.exists()  # reading never creates it


@pytest.mark.parametrize("content", [os.urandom(4096), b"", b"SQLite format 3\x00" + bytes(100)],
                         ids=["random bytes", "empty", "another database"])
def test_a_corrupt_warehouse_exits_2_naming_it(tmp_path, capsys, content):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(content)
    status, _, err = _query(capsys, "select 1", "--warehouse", str(corrupt))
    assert status == 2 and str(corrupt) in _one_line(err)
    assert corrupt.read_bytes() == content


def test_a_warehouse_locked_by_a_writer_exits_2_naming_it(tmp_path, capsys):
    locked = _make_warehouse(tmp_path / "busy.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); sys.stdin.read()", str(locked)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        status, _, err = _query(capsys, "select 1", "--warehouse", str(locked))
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    line = _one_line(err)
    assert status == 2 and str(locked) in line and "locked" in line


def test_the_report_refuses_a_corrupt_warehouse_in_one_line(tmp_path, capsys):
    corrupt = tmp_path / "bad.duckdb"
    corrupt.write_bytes(os.urandom(2048))
    assert main(["report", "--warehouse", str(corrupt), "--output", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(corrupt) in err
    assert not (tmp_path / "r.html").exists()


# --- fuzz: what news text puts into a query ---------------------------------------------------

NEWS_WORDS = st.sampled_from([
    "1st", "2nd", "23rd", "101st", "3,000", "1.5 million", "10" * 30, "٣٤", "２４", "Бєлгород",
    "Kyiv's", "O'Brien", "—", "\u200b", "\u202e", "🚀", "’", "'", ";", "--", "/*", "*/", "\\",
    "$1", "?", "COPY", "ATTACH", "DROP", "\x00",
])
NEWS_TEXT = st.lists(st.one_of(NEWS_WORDS, st.text(max_size=12)), max_size=40).map(" ".join)
WRITES = st.sampled_from([
    "COPY (select {lit}) TO '{wh}'", "INSERT INTO main.secrets VALUES ({lit})",
    "ATTACH {lit} AS x", "CREATE TABLE main.t AS select {lit} as v", "SET search_path = {lit}",
    "select {lit}; DROP TABLE main.secrets", "PRAGMA {word} = 1", "CALL {word}()",
    "UPDATE main.secrets SET word = {lit}", "EXPORT DATABASE {lit}",
])


def _literal(text: str) -> str:
    return "'" + text.replace("\x00", "").replace("'", "''") + "'"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=NEWS_TEXT, number=st.integers(min_value=-10**60, max_value=10**60))
def test_fuzz_news_text_in_a_select_reads_or_fails_in_one_line(warehouse, capsys, text, number):
    before = _digest(warehouse)
    sql = f"select {_literal(text)} as sentence, {number} as figure, length({_literal(text)}) as n"
    status, _, err = _query(capsys, sql, "--warehouse", str(warehouse))
    assert status in (0, 1)
    if status:
        _one_line(err)
    assert _digest(warehouse) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=WRITES, text=NEWS_TEXT)
def test_fuzz_a_write_carrying_news_text_is_refused(warehouse, capsys, template, text):
    before = _digest(warehouse)
    word = "".join(c for c in text if c.isalnum())[:30] or "threads"
    sql = template.format(lit=_literal(text), wh=warehouse, word=word)
    status, out, err = _query(capsys, sql, "--warehouse", str(warehouse))
    assert status == 1, (sql, out, err)
    _one_line(err)
    assert _digest(warehouse) == before and sorted(p.name for p in warehouse.parent.iterdir()) == ["w.duckdb"]
