"""The disk cache of the lookups: a corrupt or stale file is rebuilt, never trusted."""

from __future__ import annotations

from skywatch import diskcache


def _counting_build(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_built_once_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(tmp_path))
    build, calls = _counting_build({"kursk": [1, 2, 3]})
    assert diskcache.cached("t", "k1", build) == {"kursk": [1, 2, 3]}
    assert diskcache.cached("t", "k1", build) == {"kursk": [1, 2, 3]}
    assert len(calls) == 1


def test_a_corrupt_or_truncated_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(tmp_path))
    build, calls = _counting_build(list(range(1000)))
    diskcache.cached("t", "k", build)
    path = next(tmp_path.glob("t-k.pickle"))
    data = path.read_bytes()
    for broken in (data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]), b"", b"garbage" * 10):
        path.write_bytes(broken)
        assert diskcache.cached("t", "k", build) == list(range(1000))
    assert len(calls) == 5
    assert not list(tmp_path.glob("*.tmp"))  # no half-written files left behind


def test_the_key_follows_sources_and_packages(tmp_path):
    source = tmp_path / "rules.py"
    source.write_text("RULE = 1\n")
    first = diskcache.cache_key(["polars"], [source])
    assert diskcache.cache_key(["polars"], [source]) == first
    source.write_text("RULE = 2\n")  # a rule changed without anybody bumping a version
    assert diskcache.cache_key(["polars"], [source]) != first
    assert diskcache.cache_key(["polars", "duckdb"], [source]) != diskcache.cache_key(["polars"], [source])


def test_off_and_unwritable_folders_only_cost_a_build(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, "off")
    build, calls = _counting_build(7)
    assert diskcache.cached("t", "k", build) == 7 and diskcache.cached("t", "k", build) == 7
    assert len(calls) == 2
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(blocker / "cache"))
    assert diskcache.cached("t", "k", build) == 7
