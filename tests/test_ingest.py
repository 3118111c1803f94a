import json
from datetime import date
from pathlib import Path

import polars as pl

from skywatch.ingest import (
    ingest_path,
    move_known_ids,
    normalise_for_id,
    parse_timestamp,
    text_digest,
    text_hash_id,
)
from skywatch.reconcile import input_problems


def _outcomes(result) -> dict[str, str]:
    def unit(row):
        return row["source_file"] if row["line_no"] is None else f"{row['source_file']}:{row['line_no']}"
    found = {unit(r): "article" for r in result.articles.iter_rows(named=True)}
    found.update({unit(r): r["reason"] for r in result.rejected.iter_rows(named=True)})
    return found


def test_every_input_has_its_expected_outcome(dirty_day):
    day, expected = dirty_day
    result = ingest_path(day)
    assert _outcomes(result) == expected
    assert input_problems(result.units, result.articles, result.rejected).is_empty()


def test_ids_given_else_hashed(dirty_day):
    day, _ = dirty_day
    articles = ingest_path(day).articles
    ids = set(articles["article_id"])
    assert {"good", "feed-1"} <= ids  # file stem and given id
    hashed = articles.filter(pl.col("line_no") == 6)["article_id"][0]
    assert hashed == text_hash_id("Sirens sounded in Kharkiv late on Tuesday.")


def test_reingesting_gives_the_same_ids(dirty_day):
    day, _ = dirty_day
    assert ingest_path(day).articles["article_id"].to_list() == \
        ingest_path(day).articles["article_id"].to_list()


def test_hash_id_ignores_case_space_and_normalisation_form():
    assert text_hash_id("Drone  hit Kyi\u0308v") == text_hash_id("drone hit Kyïv")
    assert normalise_for_id(" A\n b ") == "a b"


def test_title_and_published_at(dirty_day):
    day, _ = dirty_day
    articles = ingest_path(day).articles
    good = articles.filter(pl.col("article_id") == "good").row(0, named=True)
    assert good["title"] == "Drone strike damages substation in Kursk Region"
    assert good["text"].startswith("A drone hit a substation")
    feed = articles.filter(pl.col("article_id") == "feed-1").row(0, named=True)
    assert str(feed["published_at"]) == "2026-11-20 05:00:00"


def test_unparseable_time_is_kept_raw(tmp_path: Path):
    (tmp_path / "f.jsonl").write_text(json.dumps({"id": "x", "text": "t", "published_at": "soon"}))
    row = ingest_path(tmp_path).articles.row(0, named=True)
    assert row["published_at"] is None and row["published_at_raw"] == "soon"
    assert parse_timestamp("2026-11-20T08:00:00+03:00").hour == 5


def test_size_limit(tmp_path: Path):
    (tmp_path / "big.txt").write_text("x" * 200)
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "a", "text": "y" * 200}) + "\n"
                                         + json.dumps({"id": "b", "text": "short"}) + "\n")
    result = ingest_path(tmp_path, max_bytes=100)
    assert set(result.rejected["reason"]) == {"too_large"}
    assert result.articles["article_id"].to_list() == ["b"]


def test_html_main_text_drops_menus_and_footer(tmp_path: Path):
    body = "".join(f"<p>Paragraph {i} says air defences shot down drones over the region "
                   f"overnight and that debris damaged a roof.</p>" for i in range(4))
    (tmp_path / "page.html").write_text(
        "<!doctype html><html><head><title>Drones downed</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Drones downed over Kursk</h1>{body}</article>"
        "<footer>Copyright 2026. Subscribe to our newsletter</footer></body></html>")
    row = ingest_path(tmp_path).articles.row(0, named=True)
    assert "Paragraph 0" in row["text"] and "Paragraph 3" in row["text"]
    assert "Home" not in row["text"] and "Copyright" not in row["text"]


def test_known_ids_from_other_days_are_rejected(dirty_day):
    day, _ = dirty_day
    result = ingest_path(day)
    known = pl.select(article_id=pl.lit("good"), arrival_date=pl.date(2026, 11, 1))
    articles, rejected = move_known_ids(result.articles, result.rejected, known)
    assert "good" not in articles["article_id"].to_list()
    moved = rejected.filter(pl.col("source_file") == "good.txt").row(0, named=True)
    assert moved["reason"] == "duplicate_id" and "2026-11-01" in moved["detail"]
    assert input_problems(result.units, articles, rejected).is_empty()


def test_given_id_is_the_id_as_given(dirty_day):
    day, _ = dirty_day
    articles = ingest_path(day).articles
    given = dict(articles.select("article_id", "given_id").iter_rows())
    assert given["good"] == "good" and given["feed-1"] == "feed-1"
    hashed = articles.filter(pl.col("line_no") == 6)["article_id"][0]
    assert given[hashed] is None  # no id was given: the id is the text hash


def test_known_ids_with_text_reject_only_the_same_text(tmp_path: Path):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Drones hit a depot in Tambov."}) + "\n"
        + json.dumps({"id": "r2", "text": "Missiles struck Odesa port on the 2nd."}) + "\n")
    result = ingest_path(tmp_path)
    known = pl.DataFrame({"article_id": ["r1", "r2", "r2"],
                          "arrival_date": [date(2026, 11, 3), date(2026, 11, 1), date(2026, 11, 2)],
                          "text": ["drones hit a  depot in TAMBOV.", "Another story.", "A third one."]})
    articles, rejected = move_known_ids(result.articles, result.rejected, known)
    moved = rejected.row(0, named=True)
    assert (moved["line_no"], moved["reason"]) == (1, "duplicate_id") and "2026-11-03" in moved["detail"]
    kept = articles.row(0, named=True)
    assert kept["given_id"] == "r2" and kept["article_id"] == "r2~" + text_digest(kept["text"])[:8]
    assert input_problems(result.units, articles, rejected).is_empty()
    # Re-delivered on a later day, the derived id is found again: a re-delivery.
    later = pl.concat([known, pl.DataFrame({"article_id": [kept["article_id"]],
                                            "arrival_date": [date(2026, 11, 4)], "text": [kept["text"]]})])
    articles, rejected = move_known_ids(result.articles, result.rejected, later)
    assert articles.is_empty() and rejected.height == 2
    assert "2026-11-04" in rejected.filter(pl.col("line_no") == 2)["detail"][0]


def test_a_day_read_in_frames_of_a_few_rows_gives_the_same_tables(tmp_path: Path, monkeypatch):
    """Candidate rows become frames every ROWS_PER_FRAME rows (memory); ids that meet across
    frames, within one .jsonl and across files, are still resolved in file and line order."""
    from skywatch import ingest

    day = tmp_path / "2026-11-20"
    day.mkdir()
    lines = [{"id": f"a{i % 4}", "text": "Drones hit Kursk." if i % 3 else f"Другий текст {i}th"}
             for i in range(11)] + [{"id": "a1~" + "0" * 8, "text": "x"}]
    (day / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines)
                                    + "\n{broken\n", encoding="utf-8")
    (day / "b.jsonl").write_text(json.dumps({"id": "a2", "text": "Drones hit Kursk."}) + "\n")
    (day / "a.txt").write_text("Title\n\nSirens in Kharkiv.\n")
    whole = ingest_path(day)
    monkeypatch.setattr(ingest, "ROWS_PER_FRAME", 2)
    framed = ingest_path(day)
    for name in ("articles", "rejected", "units"):
        assert getattr(framed, name).equals(getattr(whole, name)), name
    assert whole.articles["article_id"].is_unique().all()
    assert "duplicate_id" in whole.rejected["reason"].to_list()
