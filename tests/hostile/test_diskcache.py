"""The disk cache of the lookups: a corrupt or stale file is rebuilt, never trusted."""

from __future__ import annotations

import gc
import hashlib
import pickle
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class _Place(diskcache.PicklesByFields):
    name: str
    population: int = 0


@dataclass(frozen=True, slots=True)
class _Alias(diskcache.PicklesByFields):
    text: str
    place: _Place
    tokens: tuple[str, ...] = ()


def test_slots_dataclasses_round_trip_by_their_fields(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(tmp_path))
    kursk = _Place("Kursk", 440_000)
    value = {"kursk": _Alias("Kursk", kursk, ("kursk",)), "kursk city": _Alias("Kursk city", kursk),
             "odd ünïcode": _Alias("Оdesa", _Place("Odesa"))}
    diskcache.cached("t", "slots", lambda: value)
    loaded = diskcache.cached("t", "slots", lambda: None)
    assert loaded == value
    assert loaded["kursk"].place is loaded["kursk city"].place  # one place stays one object
    assert pickle.loads(pickle.dumps(_Place("Sumy"))) == _Place("Sumy", 0)


def test_a_load_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(tmp_path))
    diskcache.cached("t", "gc", lambda: list(range(10)))
    path = next(tmp_path.glob("t-gc.pickle"))
    sound = path.read_bytes()
    garbage = b"\x80\x05not a pickle"  # its checksum is right, so pickle itself fails on it
    unpicklable = diskcache._MAGIC + hashlib.sha256(garbage).hexdigest().encode() + b"\n" + garbage
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            for data in (sound, unpicklable):
                path.write_bytes(data)
                assert diskcache.cached("t", "gc", lambda: list(range(10))) == list(range(10))
                assert gc.isenabled() is enabled
    finally:
        gc.enable()
