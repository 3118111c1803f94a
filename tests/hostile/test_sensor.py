"""The landing sensor sees what ingest reads: symlinks and FIFOs as themselves, nothing followed."""

from __future__ import annotations

import os

from skywatch.pipelines.sensors import day_fingerprint


def test_fingerprint_changes_with_every_entry_ingest_reads_and_never_follows(tmp_path):
    day = tmp_path / "2026-11-20"
    day.mkdir()
    (day / "a.txt").write_text("Drones hit Sumy.")
    first = day_fingerprint(day)
    assert day_fingerprint(day) == first
    os.mkfifo(day / "pipe.txt")  # listed, never opened (opening a FIFO would block)
    second = day_fingerprint(day)
    assert second != first
    target = tmp_path / "outside.txt"
    target.write_text("x")
    (day / "link.txt").symlink_to(target)
    third = day_fingerprint(day)
    assert third != second
    target.write_text("a longer text, outside the landing day")  # not followed: no change
    assert day_fingerprint(day) == third
    (day / "loop.txt").symlink_to(day / "loop.txt")
    assert day_fingerprint(day) != third


def test_fingerprint_of_an_odd_file_name(tmp_path):
    day = tmp_path / "2026-11-20"
    day.mkdir()
    with open(os.fsencode(str(day)) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(b"Drones hit Kharkiv.")
    assert len(day_fingerprint(day)) == 40
