"""Events across arrival days: one night told on two days is one event, counted once.

The texts are written for this test: a ministry's night of drones over Belgorod reported on
the morning after, and retold by another outlet that arrives a day later beside a new strike.
"""

import json
from pathlib import Path

import duckdb

from skywatch.pipelines.cli import main
from skywatch.publish import table_fingerprints

FIRST, SECOND = "2026-11-19", "2026-11-20"
ARTICLES = {
    FIRST: [{"id": "wire-1", "published_at": "2026-11-19T07:00:00Z", "title": "Drones downed over Belgorod",
             "text": "Russian air defence systems destroyed 45 Ukrainian drones over the Belgorod Region "
                     "overnight, the Russian Defence Ministry said on Thursday morning. There were no "
                     "reports of casualties."}],
    SECOND: [{"id": "daily-2", "published_at": "2026-11-19T21:00:00Z", "title": "A night of drones",
              "text": "Russia's Defence Ministry said on Thursday that its air defences had destroyed 45 "
                      "Ukrainian drones over the Belgorod Region overnight. Residents said they heard "
                      "explosions for several hours."},
             {"id": "daily-3", "published_at": "2026-11-20T06:00:00Z", "title": "Strike on Kursk",
              "text": "Ukrainian drones attacked an electrical substation in the Kursk Region overnight, "
                      "the regional governor said on Friday. About 3,000 homes were left without power."}],
}


def _land(root: Path) -> Path:
    for day, rows in ARTICLES.items():
        (root / day).mkdir(parents=True)
        (root / day / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return root


def _read(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _marts(warehouse: Path) -> dict[str, tuple[int, str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: f for t, f in table_fingerprints(con).items() if t.startswith(("marts.", "resolve."))}
    finally:
        con.close()


def test_a_night_retold_the_next_day_is_one_event_counted_once_and_reruns_change_nothing(tmp_path):
    landing, warehouse = _land(tmp_path / "landing"), tmp_path / "w.duckdb"
    assert main(["backfill", "--from", FIRST, "--to", SECOND, "--landing", str(landing),
                 "--warehouse", str(warehouse)]) == 0
    # The retelling's claim is in the second day's event_claims under the first day's event ...
    joined = _read(warehouse, "select c.arrival_date::varchar, e.arrival_date::varchar "
                              "from resolve.event_claims c join resolve.events e using (event_id) "
                              "where e.event_type = 'interception'")
    assert sorted(joined) == [(FIRST, FIRST), (SECOND, FIRST)]
    # ... so the marts count the night's 45 drones once, on the day it was first reported.
    assert _read(warehouse, "select arrival_date::varchar, sum(drones_destroyed_claimed_ru), sum(events) "
                            "from marts.daily_region_activity where admin1_code = 'RU-BEL' group by 1") \
        == [(FIRST, 45, 1)]
    assert _read(warehouse, f"select count(*) from resolve.events where arrival_date = '{SECOND}'") == [(1,)]
    before = _marts(warehouse)
    for day in (FIRST, SECOND, FIRST):  # either day again, in any order: the same rows
        assert main(["run", "--input", str(landing / day), "--warehouse", str(warehouse)]) == 0
        assert _marts(warehouse) == before


REPORT = ("Firefighters spent the whole night at the grain terminal on the river port after the strike. "
          "The regional administration said two warehouses and a loading crane were destroyed. "
          "Three workers were taken to hospital with burns and one of them is in a serious condition. "
          "Trains to the port were stopped until engineers check the damaged tracks next to the terminal.")


def test_a_story_reposted_days_later_is_marked_a_duplicate_of_the_first_by_its_stored_hashes(tmp_path):
    """The days before are the duplicate context: an exact copy and a re-post with a new first
    sentence that arrive two days later point at the first article, and re-running changes nothing."""
    first, later = "2026-10-01", "2026-10-03"
    rows = {first: [{"id": "port-1", "published_at": "2026-10-01T08:00:00Z", "text": REPORT}],
            later: [{"id": "copy-2", "published_at": "2026-10-03T08:00:00Z", "text": REPORT},
                    {"id": "repost-3", "published_at": "2026-10-03T09:00:00Z",
                     "text": "A local news site published the account again on Saturday morning. "
                             + REPORT.split(". ", 1)[1]}]}
    landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
    for day, articles in rows.items():
        (landing / day).mkdir(parents=True)
        (landing / day / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in articles))
    for day in (first, later, later):
        assert main(["run", "--input", str(landing / day), "--warehouse", str(warehouse)]) == 0
        marks = _read(warehouse, "select article_id, duplicate_of, duplicate_kind from clean.articles "
                                 "order by article_id")
        if day == later:
            assert [(kind, of) for _, of, kind in marks] == [("exact", "port-1"), (None, None),
                                                             ("near", "port-1")]
