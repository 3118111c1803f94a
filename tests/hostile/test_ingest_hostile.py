"""Ingest under hostile input: one bad entry never costs the day, and nothing is misreported.

Each test lays out a landing day of good articles plus one kind of trouble, ingests it, and
checks that (1) every good article is there, (2) every input unit is in exactly one of
raw.articles and raw.rejected, (3) the frames can be written to DuckDB, and (4) the trouble
got the outcome it should.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skywatch import ingest
from skywatch.assets.resources import LandingResource
from skywatch.gates import run_gate
from skywatch.ingest import (
    REJECT_REASONS,
    IngestResult,
    ingest_files,
    ingest_path,
    input_units,
    list_input_files,
    read_bounded,
    stray_landing_entries,
    text_digest,
)
from skywatch.reconcile import input_problems

GOOD_TEXTS = {
    "kursk.txt": "Substation hit near Lgov\n\nA drone struck a substation near Lgov on the night "
                 "of the 3rd, the governor said; 2,300 homes lost power.\n",
    "belgorod.md": "# Sirens over Belgorod\n\nAir defences downed 14 drones over the Belgorod "
                   "Region before dawn, the ministry said.\n",
}
GOOD_LINES = [
    {"id": "wire-101", "text": "The 21st wave of strikes since spring hit Kharkiv after midnight."},
    {"id": "wire-102", "text": "Forty-two drones were reported destroyed over the Bryansk Region."},
]
GOOD_IDS = {"kursk", "belgorod", "wire-101", "wire-102"}


def good_day(tmp_path: Path, name: str = "2026-11-21") -> Path:
    """A landing day holding only good articles: two files and a .jsonl of two lines."""
    day = tmp_path / "landing" / name
    day.mkdir(parents=True)
    for file_name, text in GOOD_TEXTS.items():
        (day / file_name).write_text(text, encoding="utf-8")
    (day / "wire.jsonl").write_text("".join(json.dumps(line) + "\n" for line in GOOD_LINES))
    return day


def unit(row: dict) -> str:
    return row["source_file"] if row["line_no"] is None else f"{row['source_file']}:{row['line_no']}"


def outcomes(result: IngestResult) -> dict[str, str]:
    """unit -> 'article' or its rejection reason."""
    found = {unit(r): "article" for r in result.articles.iter_rows(named=True)}
    found.update({unit(r): r["reason"] for r in result.rejected.iter_rows(named=True)})
    return found


def write_to_duckdb(result: IngestResult) -> None:
    """The frames as the raw stage writes them: Arrow into DuckDB, and read back."""
    con = duckdb.connect()
    try:
        for name, frame in (("a", result.articles), ("r", result.rejected), ("u", result.units)):
            con.register(name, frame.to_arrow())
            assert con.execute(f"select count(*) from {name}").fetchone()[0] == frame.height
            con.execute(f"select * from {name}").fetchall()
    finally:
        con.close()


def check_day(result: IngestResult, good: set[str] = GOOD_IDS) -> dict[str, str]:
    """The invariants every hostile day must keep; returns the outcomes for the specific asserts."""
    assert good <= set(result.articles["article_id"]), "a good article was lost"
    assert input_problems(result.units, result.articles, result.rejected).is_empty()
    assert result.articles["article_id"].is_unique().all()
    assert set(result.rejected["reason"]) <= set(REJECT_REASONS)
    assert "\n" not in "".join(result.rejected["detail"].to_list())
    write_to_duckdb(result)
    return outcomes(result)


def rejection(result: IngestResult, source: str, line_no: int | None = None) -> dict:
    rows = result.rejected.filter((pl.col("source_file") == source) & (
        pl.col("line_no").is_null() if line_no is None else pl.col("line_no") == line_no))
    assert rows.height == 1, f"{source}:{line_no} rejected {rows.height} times"
    return rows.row(0, named=True)


def article(result: IngestResult, source: str, line_no: int | None = None) -> dict:
    rows = result.articles.filter((pl.col("source_file") == source) & (
        pl.col("line_no").is_null() if line_no is None else pl.col("line_no") == line_no))
    assert rows.height == 1, f"{source}:{line_no} is {rows.height} articles"
    return rows.row(0, named=True)


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a FIFO opened for reading waits for a writer forever)."""
    def hung(*_):
        raise TimeoutError(f"ingest hung for {seconds}s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- what testers found ----------------------------------------------------------------------

def test_lone_surrogate_in_json_text_is_stored_as_replacement_character(tmp_path):
    day = good_day(tmp_path)
    (day / "odd.jsonl").write_text(
        '{"id": "s1", "text": "\\ud800 drones over Oryol, the 2nd night running"}\n'
        '{"text": "Kyiv \\udfff\\ud83d\\ude80 air raid alert lifted", "title": "\\udc80"}\n')
    result = ingest_path(day)
    found = check_day(result)
    assert found["odd.jsonl:1"] == found["odd.jsonl:2"] == "article"
    assert article(result, "odd.jsonl", 1)["text"] == "\ufffd drones over Oryol, the 2nd night running"
    second = article(result, "odd.jsonl", 2)
    assert second["text"] == "Kyiv \ufffd\U0001f680 air raid alert lifted"  # the valid pair stays
    assert second["title"] == "\ufffd"
    assert second["article_id"] == second["article_id"].encode().decode()


def test_json_nested_100000_deep_is_rejected_not_a_crash(tmp_path):
    day = good_day(tmp_path)
    deep = '{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (day / "deep.jsonl").write_text(deep + "\n" + json.dumps({"id": "after", "text": "Still read."}) + "\n")
    result = ingest_path(day)
    found = check_day(result, GOOD_IDS | {"after"})
    assert found["deep.jsonl:1"] == "too_deep"


def test_non_utf8_file_name_is_read_and_named_with_escapes(tmp_path):
    day = good_day(tmp_path)
    with open(os.fsencode(day) + b"/caf\xe9 report.txt", "wb") as handle:
        handle.write(b"Drones hit a depot near Tambov overnight, officials said.")
    with open(os.fsencode(day) + b"/\xff\xfe.jsonl", "wb") as handle:
        handle.write(b'{"text": "A line in a file whose name is no text at all."}\n')
    result = ingest_path(day)
    found = check_day(result)
    assert found["caf\\xe9 report.txt"] == "article"
    assert found["\\xff\\xfe.jsonl:1"] == "article"
    row = article(result, "caf\\xe9 report.txt")
    assert row["article_id"] == row["given_id"] == "caf\\xe9 report"


def test_unreadable_subfolder_becomes_one_rejection(tmp_path, monkeypatch):
    """Root reads anything, so the refusal is simulated where the code meets it: os.scandir."""
    day = good_day(tmp_path)
    locked = day / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Never listed.")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = ingest_path(day)
    found = check_day(result)
    assert found["locked"] == "unreadable"
    assert "PermissionError" in rejection(result, "locked")["detail"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists and reads a chmod 000 folder anyway")
def test_chmod_000_subfolder_and_file(tmp_path):
    day = good_day(tmp_path)
    locked = day / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Never listed.")
    (day / "secret.txt").write_text("Never read.")
    locked.chmod(0)
    (day / "secret.txt").chmod(0)
    try:
        result = ingest_path(day)
    finally:
        locked.chmod(0o755)
    found = check_day(result)
    assert found["locked"] == found["secret.txt"] == "unreadable"


def test_unreadable_file_becomes_one_rejection(tmp_path, monkeypatch):
    day = good_day(tmp_path)
    (day / "secret.txt").write_text("Never read.")
    (day / "secret.jsonl").write_text(json.dumps({"text": "Never read either."}) + "\n")
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if Path(path).name.startswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = ingest_path(day)
    found = check_day(result)
    assert found["secret.txt"] == found["secret.jsonl"] == "unreadable"


def test_suffix_case_is_normalised_and_the_raw_gate_passes(tmp_path):
    day = good_day(tmp_path)
    (day / "REPORT.TXT").write_text("Shelling of Horlivka on the 5th killed two, the mayor said.")
    (day / "x.Md").write_text("Ten drones were downed over the Kaluga Region.")
    (day / "FEED.JSONL").write_text(json.dumps({"text": "Sirens sounded in Zaporizhzhia."}) + "\n")
    (day / "Page.HTM").write_text("<html><body><article><p>" + "Air defences worked over Kursk "
                                  "for three hours and shot down many drones. " * 5 +
                                  "</p></article></body></html>")
    result = ingest_path(day)
    found = check_day(result)
    assert {found[u] for u in ("REPORT.TXT", "x.Md", "FEED.JSONL:1", "Page.HTM")} == {"article"}
    formats = dict(result.articles.select("source_file", "format").iter_rows())
    assert (formats["REPORT.TXT"], formats["x.Md"], formats["FEED.JSONL"], formats["Page.HTM"]) == \
        ("txt", "md", "jsonl", "html")
    now = datetime.now(UTC).replace(tzinfo=None)
    frame = result.articles.with_columns(pl.lit(date(2026, 11, 21)).alias("arrival_date"),
                                         pl.lit(now).alias("ingested_at"))
    report = run_gate("raw.articles", frame)
    assert report.success, report.summary()


def test_symlinks_of_every_kind_are_rejected_never_followed(tmp_path):
    day = good_day(tmp_path)
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "leak.txt").write_text("A file outside the landing day.")
    (day / "to_outside.txt").symlink_to(outside)
    (day / "to_good.txt").symlink_to(day / "kursk.txt")
    (day / "to_folder").symlink_to(elsewhere, target_is_directory=True)
    (day / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (day / "loop.jsonl").symlink_to(day / "loop.jsonl")
    (day / "sub").mkdir()
    (day / "sub" / "up").symlink_to(day, target_is_directory=True)  # a loop through a folder
    with deadline(20):
        result = ingest_path(day)
    found = check_day(result)
    links = ["to_outside.txt", "to_good.txt", "to_folder", "dangling.txt", "loop.jsonl", "sub/up"]
    assert {link: found[link] for link in links} == dict.fromkeys(links, "symlink")
    texts = "".join(result.articles["text"].to_list())
    assert "root:x" not in texts and "outside the landing day" not in texts
    assert "passwd" in rejection(result, "to_outside.txt")["detail"]
    assert result.articles.height == 4


def test_fifo_and_socket_are_rejected_without_being_opened(tmp_path, monkeypatch):
    day = good_day(tmp_path)
    os.mkfifo(day / "pipe.txt")
    os.mkfifo(day / "pipe.jsonl")
    short = Path(tempfile.mkdtemp(prefix="sw"))  # AF_UNIX paths must be short
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(short / "s.txt"))
        (day / "sock.txt").symlink_to(short / "s.txt")  # the symlink is what the day holds
        os.rename(short / "s.txt", day / "sock.md")  # and a real socket in the day folder
        with deadline(20):
            result = ingest_path(day)
    finally:
        server.close()
    found = check_day(result)
    assert found["pipe.txt"] == found["pipe.jsonl"] == found["sock.md"] == "not_a_regular_file"
    assert found["sock.txt"] == "symlink"
    assert "FIFO" in rejection(result, "pipe.txt")["detail"]
    assert "socket" in rejection(result, "sock.md")["detail"]


def test_same_id_different_text_keeps_both_with_a_derived_id(tmp_path):
    day = good_day(tmp_path)
    (day / "x.txt").write_text("Drones attacked an oil depot in Bryansk on the 9th.")
    (day / "x.md").write_text("A second story: the 10th attack on Sumy this month.")
    (day / "clash.jsonl").write_text(json.dumps({"id": "kursk", "text": "Another Kursk story."}) + "\n")
    result = ingest_path(day)
    found = check_day(result)
    assert found["x.txt"] == found["x.md"] == found["clash.jsonl:1"] == "article"
    # (source_file, line_no) order decides: clash.jsonl < kursk.txt, x.md < x.txt.
    assert article(result, "clash.jsonl", 1)["article_id"] == "kursk"
    kursk_file = article(result, "kursk.txt")
    assert kursk_file["article_id"] == "kursk~" + text_digest(kursk_file["text"])[:8]
    assert kursk_file["given_id"] == "kursk"
    assert article(result, "x.md")["article_id"] == "x"
    later = article(result, "x.txt")
    assert later["article_id"].startswith("x~") and later["given_id"] == "x"


def test_same_id_same_text_is_a_redelivery_naming_the_first(tmp_path):
    day = good_day(tmp_path)
    again = {"id": "wire-101",  # the same text, case and spacing aside
             "text": "  the 21ST wave of strikes since spring hit Kharkiv\nafter midnight. "}
    (day / "zz_again.jsonl").write_text(json.dumps(again) + "\n")
    result = ingest_path(day)
    found = check_day(result)
    assert found["zz_again.jsonl:1"] == "duplicate_id"
    assert "wire.jsonl:1" in rejection(result, "zz_again.jsonl", 1)["detail"]


def test_duplicate_resolution_does_not_depend_on_listing_order(tmp_path):
    day = good_day(tmp_path)
    for i in range(6):
        (day / f"dup{i}.jsonl").write_text(
            json.dumps({"id": "same", "text": f"Story {i % 3} about the {i}th strike."}) + "\n")
    files = list_input_files(day)
    expected = ingest_files(files, day)
    check_day(expected)
    for seed in range(3):
        shuffled = files[:]
        random.Random(seed).shuffle(shuffled)
        result = ingest_files(shuffled, day)
        assert result.articles.equals(expected.articles)
        assert result.rejected.equals(expected.rejected)


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    day = good_day(tmp_path)
    (day / "huge.txt").write_text("Drones. " * 50)
    read = []
    real = ingest.read_bounded
    monkeypatch.setattr(ingest, "read_bounded",
                        lambda path, limit: read.append(path.name) or real(path, limit))
    result = ingest_path(day, max_bytes=300)
    found = check_day(result)
    assert found["huge.txt"] == "too_large"
    assert "huge.txt" not in read
    assert rejection(result, "huge.txt")["n_bytes"] == 400


def test_a_file_growing_while_read_is_cut_at_the_limit(tmp_path, monkeypatch):
    day = good_day(tmp_path)
    grower = day / "grows.txt"
    grower.write_text("Shelling continued. " * 100)
    assert len(read_bounded(grower, 50)) == 51
    real_lstat = os.lstat

    def lstat_before_growth(path, *args, **kwargs):  # the size when it was checked, before growing
        info = real_lstat(path, *args, **kwargs)
        if Path(path) == grower:
            return os.stat_result((info.st_mode, *info[1:6], 100, *info[7:]))
        return info

    monkeypatch.setattr(os, "lstat", lstat_before_growth)
    result = ingest_path(day, max_bytes=300)
    found = check_day(result)
    assert found["grows.txt"] == "too_large"
    assert "while read" in rejection(result, "grows.txt")["detail"]


def test_utf16_and_utf32_with_bom_are_read(tmp_path):
    day = good_day(tmp_path)
    text = "Удар по Харкову\n\nThe 3rd strike on Kharkiv hit a depot; 12 drones were downed."
    (day / "le.txt").write_bytes(text.encode("utf-16"))  # native order, with BOM
    (day / "be.txt").write_bytes(b"\xfe\xff" + text.replace("3rd", "4th").encode("utf-16-be"))
    (day / "w32.md").write_bytes(text.replace("3rd", "5th").encode("utf-32"))
    lines = json.dumps({"id": "u16-1", "text": "Київ: 7 drones downed"}, ensure_ascii=False) + "\n" \
        + json.dumps({"id": "u16-2", "text": "Second line"}) + "\n"
    (day / "wide.jsonl").write_bytes(lines.encode("utf-16"))
    result = ingest_path(day)
    found = check_day(result, GOOD_IDS | {"le", "be", "w32", "u16-1", "u16-2"})
    assert article(result, "le.txt")["title"] == "Удар по Харкову"
    assert article(result, "wide.jsonl", 1)["text"] == "Київ: 7 drones downed"
    assert found["wide.jsonl:2"] == "article"


def test_utf16_without_bom_is_named_as_such(tmp_path):
    day = good_day(tmp_path)
    (day / "nobom.txt").write_bytes("Drones over Lipetsk, the 8th night in a row.".encode("utf-16-le"))
    (day / "nobom-cyr.txt").write_bytes("Беспилотники над Липецком, 8 ночь подряд.".encode("utf-16-be"))
    (day / "broken-bom.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8")  # a lone surrogate after a BOM
    (day / "bin.txt").write_bytes(bytes(range(256)) * 4)
    result = ingest_path(day)
    found = check_day(result)
    assert found["nobom.txt"] == found["nobom-cyr.txt"] == "utf16_no_bom"
    assert found["broken-bom.txt"] == "not_utf8"
    assert found["bin.txt"] == "binary"


def test_input_units_never_crash_and_match_ingest(tmp_path):
    day = good_day(tmp_path)
    os.mkfifo(day / "pipe.jsonl")
    (day / "link.jsonl").symlink_to(day / "wire.jsonl")
    (day / "big.jsonl").write_text(json.dumps({"text": "x" * 50}) + "\n")
    files = list_input_files(day) + [day / "vanished.jsonl"]  # removed after listing
    with deadline(20):
        result = ingest_files(files, day, max_bytes=10)  # a line of big.jsonl is over 10 bytes
        units = input_units(files, day, max_bytes=10)
    assert units.equals(result.units)
    assert input_problems(result.units, result.articles, result.rejected).is_empty()
    found = outcomes(result)
    assert found["vanished.jsonl"] == "unreadable"
    assert found["pipe.jsonl"] == "not_a_regular_file" and found["link.jsonl"] == "symlink"
    assert found["big.jsonl:1"] == "too_large"


def test_stray_landing_entries_are_named(tmp_path):
    day = good_day(tmp_path)
    root = day.parent
    (root / "notes.txt").write_text("stray")
    (root / "2026-02-30").mkdir()  # no such day
    (root / "incoming").mkdir()
    (root / "2026-11-22").write_text("a file named like a day")
    (root / "2026-11-23").symlink_to(day, target_is_directory=True)  # not followed, as by `run`
    with open(os.fsencode(root) + b"/\xe9t\xe9", "wb"):
        pass
    stray = dict(stray_landing_entries(root))
    assert set(stray) == {"notes.txt", "2026-02-30", "incoming", "2026-11-22", "2026-11-23", "\\xe9t\\xe9"}
    assert "not named like a day" in stray["incoming"] and "not a folder" in stray["2026-11-22"]
    assert "symbolic link" in stray["2026-11-23"]
    assert LandingResource(root=str(root)).days() == ["2026-11-21"]
    assert stray_landing_entries(tmp_path / "missing") == []


def test_unexpected_error_in_one_file_or_line_is_an_ingest_error(tmp_path, monkeypatch):
    day = good_day(tmp_path)
    (day / "cursed.txt").write_text("Title\n\nA cursed body.")
    (day / "mixed.jsonl").write_text(json.dumps({"text": "Fine line."}) + "\n"
                                     + json.dumps({"text": "Cursed line.", "published_at": "cursed"}) + "\n")
    real_split, real_parse = ingest.split_title, ingest.parse_timestamp

    def split(text):
        if "cursed body" in text:
            raise ZeroDivisionError("division by zero\nsecond line")
        return real_split(text)

    def parse(value):
        if value == "cursed":
            raise KeyError("boom")
        return real_parse(value)

    monkeypatch.setattr(ingest, "split_title", split)
    monkeypatch.setattr(ingest, "parse_timestamp", parse)
    result = ingest_path(day)
    found = check_day(result)
    assert found["cursed.txt"] == found["mixed.jsonl:2"] == "ingest_error"
    assert found["mixed.jsonl:1"] == "article"
    assert rejection(result, "cursed.txt")["detail"] == "ZeroDivisionError: division by zero second line"
    assert rejection(result, "mixed.jsonl", 2)["detail"].startswith("KeyError:")


def test_odd_json_values(tmp_path):
    day = good_day(tmp_path)
    lines = [
        '{"id": ' + "9" * 5000 + ', "text": "An id longer than Python converts."}',
        '{"id": 123456789012345678901234567890, "text": "A 30-digit id."}',
        '{"id": true, "text": "A boolean id."}',
        '{"id": "t", "title": 2026, "text": "A numeric title."}',
        '{"text": "Late in the year", "published_at": "9999-12-31T23:00:00-05:00"}',
        '{"id": "   ", "text": "A blank id."}',
        '{"text": NaN}',
        '{"text": "Nul \\u0000 inside"}',
    ]
    (day / "odd.jsonl").write_text("\n".join(lines))
    result = ingest_path(day)
    found = check_day(result)
    assert [found[f"odd.jsonl:{i}"] for i in range(1, 9)] == [
        "broken_json", "article", "bad_field", "article", "article", "article", "missing_text", "article"]
    assert article(result, "odd.jsonl", 2)["article_id"] == "123456789012345678901234567890"
    assert article(result, "odd.jsonl", 4)["title"] == "2026"
    assert article(result, "odd.jsonl", 5)["published_at"] is None
    assert article(result, "odd.jsonl", 6)["given_id"] is None


def test_explicitly_named_symlink_file_is_followed(tmp_path):
    target = tmp_path / "real.jsonl"
    target.write_text(json.dumps({"id": "named", "text": "Read through the link I named."}) + "\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    result = ingest_path(link)
    assert result.articles["article_id"].to_list() == ["named"]
    assert input_problems(result.units, result.articles, result.rejected).is_empty()


# --- fuzz ------------------------------------------------------------------------------------

WORDS = ["drones", "shot", "down", "over", "the", "Kursk", "Region", "Kyiv", "Kharkiv", "missiles",
         "according", "to", "ministry", "killed", "injured", "overnight", "Bryansk", "substation"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


ORDINALS = st.integers(1, 250).map(_ordinal)
HUGE = st.integers(0, 10**40).map(lambda n: f"{n:,}")
ODD = st.text(st.characters(categories=("Lo", "Mn", "Zs", "So", "Cf", "Nd")), min_size=1, max_size=6)
TOKEN = st.one_of(st.sampled_from(WORDS), ORDINALS, HUGE, ODD)
SENTENCE = st.lists(TOKEN, min_size=1, max_size=300).map(" ".join)
SUFFIX = st.sampled_from([".jsonl", ".txt", ".TXT", ".JSONL", ".md", ".Md", ".jsonl", ".txt", ".html", ".Htm",
                          ".pdf", ""])
# Ids collide on purpose: file stems and .jsonl ids come from the same few names.
SHARED_IDS = ["a", "b", "kursk", "A", "wire-101"]
NAME = st.one_of(
    st.sampled_from(SHARED_IDS),
    st.text(st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)), min_size=1, max_size=12),
    st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\x00" not in b)
    .map(os.fsdecode),
)
SAME_TEXTS = st.sampled_from(["Drones over Kursk.", "drones  over KURSK.", "Missiles hit Kyiv."])
JSON_LINE = st.one_of(
    st.fixed_dictionaries({"text": st.one_of(SENTENCE, SAME_TEXTS)}, optional={
        "id": st.one_of(st.sampled_from(SHARED_IDS), st.integers(-5, 10**25), st.booleans()),
        "title": st.one_of(SENTENCE, st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
        "published_at": st.sampled_from(["2026-11-20T05:00:00Z", "soon", "9999-12-31T23:00-05:00", ""]),
    }).map(json.dumps),
    st.text(max_size=40),  # anything, mostly not JSON, sometimes lone surrogates
    st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth),
)
JSONL = st.lists(JSON_LINE, min_size=1, max_size=6).map(
    lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))
# A few ids and texts only, so that the same id comes with the same and with another text.
REDELIVERIES = st.lists(st.fixed_dictionaries({"id": st.sampled_from(SHARED_IDS[:2]), "text": SAME_TEXTS}),
                        min_size=1, max_size=4).map(lambda rows: "\n".join(map(json.dumps, rows)).encode())
# Articles first and most often: simple examples (which hypothesis tries first) then read text.
CONTENT = st.one_of(
    JSONL,
    REDELIVERIES,
    SENTENCE.map(lambda s: s.encode("utf-8")),
    SAME_TEXTS.map(lambda s: s.encode("utf-8")),  # re-deliveries, with case and space changed
    JSONL,
    SENTENCE.map(lambda s: s.encode("utf-16")),
    st.binary(max_size=200),
    st.sampled_from([b"", "symlink", "dangling", "fifo"]),
)
ENTRIES = st.lists(st.tuples(NAME, SUFFIX, CONTENT, st.booleans()), max_size=8,
                   unique_by=lambda e: (e[0] + e[1]).casefold())


def _lay_out(day: Path, entries: list) -> None:
    """Write the fuzzed entries (some in a sub-folder) beside the good articles."""
    (day / "sub").mkdir(exist_ok=True)
    for name, suffix, content, nested in entries:
        path = (day / "sub" if nested else day) / (name + suffix)
        if name in (".", "..") or os.path.lexists(path):
            continue
        if content == "symlink":
            path.symlink_to(day / "kursk.txt")
        elif content == "dangling":
            path.symlink_to(day / "missing")
        elif content == "fifo":
            os.mkfifo(path)
        else:
            path.write_bytes(content)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=ENTRIES, max_bytes=st.sampled_from([60, 2_000_000]))
def test_fuzzed_landing_day_never_crashes_and_accounts_for_everything(entries, max_bytes):
    with tempfile.TemporaryDirectory() as tmp:
        day = good_day(Path(tmp))
        _lay_out(day, entries)
        with deadline(60):
            result = ingest_path(day, max_bytes=max_bytes)
            files = list_input_files(day)
            reordered = ingest_files(files[::-1], day, max_bytes=max_bytes)
        good = GOOD_IDS if max_bytes > 1000 else set()
        check_day(result, good)
        assert not [p for p in files if stat.S_ISDIR(os.lstat(p).st_mode)]  # every folder was listed
        for row in result.articles.iter_rows(named=True):
            given_id = row["given_id"]
            assert given_id is None or row["article_id"] in (given_id, ) or \
                row["article_id"].startswith(given_id + "~")
        assert reordered.articles.equals(result.articles)
        assert reordered.rejected.equals(result.rejected)


def test_a_publication_time_outside_the_span_is_null_and_kept_raw(tmp_path):
    from skywatch.ingest import ingest_path

    day = tmp_path / "2026-11-20"
    day.mkdir()
    rows = [{"id": f"p{i}", "text": f"Drones struck Sumy overnight, killing {i + 1}.", "published_at": when}
            for i, when in enumerate(["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1899-12-31T23:00:00Z",
                                      "2026-11-20T05:00:00Z"])]
    (day / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    articles = ingest_path(day).articles.sort("article_id")
    assert articles["published_at"].dt.year().to_list() == [None, None, None, 2026]
    assert articles["published_at_raw"].to_list()[0] == "0001-01-01T00:00:00Z"
