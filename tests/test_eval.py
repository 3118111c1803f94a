"""`skywatch eval` on the team's labelled data (skipped when ../shared is absent).

These guard the issue's thresholds on the dev data; the team also measures on texts the
project never sees, so passing here is necessary, not sufficient.
"""

import json

import pytest

from skywatch.pipelines.cli import main

from .conftest import needs_shared

# The floors below were set on the dev families that existed then (ACLED notes `acled-*`, map
# captions and news pages `page-0*`). The 80 `page-h-*` cases added since (harder official
# reports, regional lists, outages, hard negatives) are scored and reported by `skywatch eval`,
# but their floors come with the work on them (issue 14): applied to them now, these floors
# would fail on texts no rule has been written for yet, not on a regression.
NEW_FAMILY = "page-h-"


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory) -> dict:
    cases = needs_shared("eval/dev/cases.jsonl")
    seeds = needs_shared("seeds/gold.json")
    articles = needs_shared("eval/dev/articles_gold.json")
    folder = tmp_path_factory.mktemp("eval")
    established = folder / "cases.jsonl"
    established.write_text("".join(line + "\n" for line in cases.read_text().splitlines()
                                   if line.strip() and not json.loads(line)["id"].startswith(NEW_FAMILY)))
    out = folder / "scores.json"
    assert main(["eval", "--cases", str(established), "--gold", str(seeds), "--gold", str(articles),
                 "--json", str(out)]) == 0
    return json.loads(out.read_text())


def test_seed_events_counts_and_traps_are_all_right(dev_scores):
    for metric in ("seed_events", "seed_admin1", "seed_counts", "seed_traps", "seed_precision"):
        assert dev_scores[metric]["rate"] == 1.0, (metric, dev_scores[metric]["misses"])


@pytest.mark.parametrize(("metric", "floor"), [
    ("detect", 0.90), ("counts", 0.90), ("per_region", 0.85), ("negatives_clean", 0.90),
    ("count_precision", 0.95),
])
def test_dev_thresholds(dev_scores, metric, floor):
    assert dev_scores[metric]["rate"] >= floor, (metric, dev_scores[metric])


def test_eval_reports_misses(tmp_path, capsys):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({
        "id": "c1", "text": "Air defences destroyed 7 drones over the Kursk region overnight.",
        "labels": {"event_type": "interception", "country": "Russia", "admin1": "Kursk",
                   "counts": {"drones_destroyed": 8}}}) + "\n")
    assert main(["eval", "--cases", str(cases)]) == 0
    out = capsys.readouterr().out
    assert "detect                1/1" in out
    assert "misses counts: c1:drones_destroyed=8" in out


def test_families_are_the_id_prefixes_without_numbers():
    from skywatch.evaluate import family

    assert family("acled-B-UKR147481") == "acled-B"
    assert family("acled-A-8853922") == "acled-A"
    assert family("page-h-026") == "page-h"
    assert family("page-007") == "page"
    assert family("12345") == "12345"


def test_eval_prints_a_row_per_family(tmp_path, capsys):
    cases = tmp_path / "cases.jsonl"
    rows = []
    for i, prefix in enumerate(["wire", "wire", "map"]):
        n = 7 + i  # texts of their own: a duplicate would not be extracted
        rows.append({"id": f"{prefix}-{i}",
                     "text": f"Air defences destroyed {n} drones over the Kursk region overnight.",
                     "labels": {"event_type": "interception", "country": "Russia", "admin1": "Kursk",
                                "counts": {"drones_destroyed": n}}})
    cases.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert main(["eval", "--cases", str(cases)]) == 0
    out = capsys.readouterr().out
    assert "per family (3 cases)" in out
    assert "\nmap (1) | 1/1" in out and "\nwire (2) | 2/2" in out


def test_whole_dev_set_scores_are_the_frozen_ones(tmp_path):
    """Every metric on all families, hits and which cases missed, equals the frozen scores.

    A refactoring must not move them; a deliberate change re-freezes
    (`python -m tests.frozen.refreeze`) in its commit, so the diff shows what it did.
    """
    from tests.frozen import DEV_EVAL, differences, eval_fingerprint, load

    out = tmp_path / "scores.json"
    assert main(["eval", "--cases", str(needs_shared("eval/dev/cases.jsonl")),
                 "--gold", str(needs_shared("seeds/gold.json")),
                 "--gold", str(needs_shared("eval/dev/articles_gold.json")), "--json", str(out)]) == 0
    now, frozen = eval_fingerprint(json.loads(out.read_text())), load(DEV_EVAL)
    changed = differences(frozen, now)
    assert not changed, changed
