"""Shared fixtures: a dirty landing day whose defects are labelled where they are made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SAMPLE_LANDING = PROJECT / "data" / "sample" / "landing"

GOOD_TEXT = ("Drone strike damages substation in Kursk Region\n\n"
             "A drone hit a substation near Lgov overnight, the regional governor said. "
             "About 3,000 residents were left without electricity.\n")


def make_dirty_day(folder: Path) -> dict[str, str]:
    """Write a landing day with good and broken inputs; return unit → expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    (folder / "good.txt").write_text(GOOD_TEXT)
    expected["good.txt"] = "article"
    (folder / "latin1.txt").write_bytes("Gr\xfc\xdfe aus Kursk".encode("latin-1"))  # not UTF-8
    expected["latin1.txt"] = "not_utf8"
    (folder / "empty.txt").write_bytes(b"")  # empty file
    expected["empty.txt"] = "empty"
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # binary
    expected["picture.txt"] = "binary"
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # unsupported format
    expected["notes.pdf"] = "unsupported_format"
    lines = [
        json.dumps({"id": "feed-1", "text": "Air defences shot down 12 drones over Bryansk.",
                    "published_at": "2026-11-20T05:00:00Z"}),          # good
        '{"id": "feed-2", "text": "broken',                           # broken JSON
        json.dumps({"id": "feed-3", "title": "No body"}),             # missing text
        json.dumps(["a", "list"]),                                     # not an object
        "",                                                            # blank line
        json.dumps({"text": "Sirens sounded in Kharkiv late on Tuesday."}),  # good, no id
        # duplicate id: feed-1 sent again (same words, other case and spacing)
        json.dumps({"id": "feed-1", "text": "air defences shot down 12 drones  over BRYANSK."}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    outcomes = ["article", "broken_json", "missing_text", "not_an_object", "empty", "article",
                "duplicate_id"]
    for i, outcome in enumerate(outcomes, start=1):
        expected[f"feed.jsonl:{i}"] = outcome
    return expected


@pytest.fixture
def dirty_day(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    day = tmp_path / "landing" / "2026-11-21"
    return day, make_dirty_day(day)


def needs_shared(path: str) -> Path:
    """A file of ../shared, or skip: the project must test cleanly without it."""
    full = SHARED / path
    if not full.exists():
        pytest.skip(f"../shared/{path} is not present")
    return full
