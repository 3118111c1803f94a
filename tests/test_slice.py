"""Slice tests: every asset materialized into a temporary DuckDB through the real job."""

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from skywatch.paths import EXPECTATIONS_DIR
from skywatch.pipelines.definitions import build_definitions
from skywatch.pipelines.schedules import DAILY_JOB

from .conftest import SAMPLE_LANDING, make_dirty_day

pytestmark = pytest.mark.slice
SAMPLE_DAYS = sorted(p.name for p in SAMPLE_LANDING.iterdir() if p.is_dir())


def run_day(warehouse: Path, landing: Path, day: str, expectations: Path | None = None):
    defs = build_definitions(warehouse=str(warehouse), landing_root=str(landing),
                             expectations_dir=str(expectations) if expectations else None)
    return defs.resolve_job_def(DAILY_JOB).execute_in_process(partition_key=day,
                                                               raise_on_error=False)


def checks(result) -> dict[str, bool]:
    return {f"{'.'.join(e.asset_key.path)}:{e.check_name}": e.passed
            for e in result.get_asset_check_evaluations()}


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory) -> tuple[Path, list]:
    warehouse = tmp_path_factory.mktemp("wh") / "sample.duckdb"
    results = [run_day(warehouse, SAMPLE_LANDING, day) for day in SAMPLE_DAYS]
    return warehouse, results


def test_sample_corpus_passes_every_gate(sample_warehouse):
    from skywatch.pipelines.definitions import build_definitions
    from skywatch.publish import unpublished

    every_check = len(build_definitions().resolve_asset_graph().asset_check_keys)
    warehouse, results = sample_warehouse
    for result in results:
        assert result.success
        evaluated = checks(result)
        assert len(evaluated) == every_check and all(evaluated.values()), evaluated
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert unpublished(con) == []  # every day passed its gates, so every day was published
    finally:
        con.close()


def test_sample_corpus_rows(sample_warehouse):
    warehouse, _ = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    n_inputs, n_raw, n_rejected = con.execute(
        "select (select count(*) from raw.inputs), (select count(*) from raw.articles), "
        "(select count(*) from raw.rejected)").fetchone()
    assert n_inputs == n_raw + n_rejected and n_raw >= 40
    kept, aside = con.execute("select (select count(*) from clean.articles), "
                              "(select count(*) from clean.set_aside)").fetchone()
    assert kept + aside == n_raw
    reasons = {r for (r,) in con.execute("select distinct reason from clean.set_aside").fetchall()}
    assert reasons == {"non_english"}
    kinds = dict(con.execute("select duplicate_kind, count(*) from clean.articles "
                             "where duplicate_of is not null group by 1").fetchall())
    assert kinds.get("exact", 0) >= 2 and kinds.get("near", 0) >= 3
    assert con.execute("select count(*) from clean.boilerplate").fetchone()[0] >= 5
    bad_offsets = con.execute(
        "select count(*) from clean.sentences s join clean.articles a using (article_id) "
        "where substring(a.text, s.start + 1, s.\"end\" - s.start) <> s.text").fetchone()[0]
    assert bad_offsets == 0


def test_rerunning_a_day_gives_the_same_rows_once(sample_warehouse, tmp_path):
    warehouse = tmp_path / "twice.duckdb"
    day = SAMPLE_DAYS[0]
    run_day(warehouse, SAMPLE_LANDING, day)
    con = duckdb.connect(str(warehouse), read_only=True)
    first = con.execute("select count(*) from clean.sentences").fetchone()[0]
    con.close()
    assert run_day(warehouse, SAMPLE_LANDING, day).success
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from clean.sentences").fetchone()[0] == first
    assert con.execute("select count(*) - count(distinct article_id) from raw.articles") \
        .fetchone()[0] == 0


def test_dirty_day_loses_nothing(tmp_path):
    landing = tmp_path / "landing"
    expected = make_dirty_day(landing / "2026-11-21")
    warehouse = tmp_path / "dirty.duckdb"
    result = run_day(warehouse, landing, "2026-11-21")
    assert result.success, checks(result)
    assert checks(result)["raw.articles:inputs_accounted_for"]
    con = duckdb.connect(str(warehouse), read_only=True)
    rejected = {(f if n is None else f"{f}:{n}"): r for f, n, r in
                con.execute("select source_file, line_no, reason from raw.rejected").fetchall()}
    assert rejected == {k: v for k, v in expected.items() if v != "article"}
    n_good = sum(v == "article" for v in expected.values())
    assert con.execute("select count(*) from clean.articles").fetchone()[0] == n_good


def test_failing_gate_stops_the_downstream_stage(tmp_path):
    """A suite that cannot pass blocks clean in the same run, and the run says why."""
    strict = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, strict)
    suite = json.loads((strict / "raw_articles.json").read_text())
    suite["expectations"].append({"type": "expect_column_value_lengths_to_be_between",
                                  "kwargs": {"column": "text", "min_value": 10**9}})
    (strict / "raw_articles.json").write_text(json.dumps(suite))
    warehouse = tmp_path / "blocked.duckdb"
    result = run_day(warehouse, SAMPLE_LANDING, SAMPLE_DAYS[0], expectations=strict)
    assert not result.success
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert [(".".join(e.asset_key.path), e.check_name) for e in failed] == \
        [("raw.articles", "gx_suite")]
    assert "expect_column_value_lengths_to_be_between on text" in failed[0].description
    materialized = {".".join(e.asset_key.path) for e in result.get_asset_materialization_events()}
    assert "raw.articles" in materialized
    assert not any(key.startswith("clean.") for key in materialized)
    con = duckdb.connect(str(warehouse), read_only=True)
    tables = {t for (t,) in con.execute(
        "select table_schema || '.' || table_name from information_schema.tables").fetchall()}
    assert "clean.articles" not in tables


def test_sample_corpus_resolves_every_claim_into_events(sample_warehouse):
    warehouse, _ = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    extracted, resolved, linked = con.execute(
        "select (select count(*) from extract.claims), (select count(*) from resolve.claims), "
        "(select count(distinct claim_id) from resolve.event_claims)").fetchone()
    assert extracted == resolved == linked > 0
    n_events = con.execute("select count(*) from resolve.events").fetchone()[0]
    assert 0 < n_events <= resolved
    placed = con.execute("select count(*) filter (where country_code is not null), "
                         "count(*) filter (where latitude is not null) from resolve.claims").fetchone()
    assert placed[0] > 0 and placed[1] > 0
    assert con.execute("select count(*) from resolve.places").fetchone()[0] > 10_000


def test_the_same_night_told_in_other_words_merges_and_counts_once(sample_warehouse):
    # data/sample: the MoD's 53-drone night of 2026-11-18 in one article and retold in two more
    warehouse, _ = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    totals = con.execute(
        "select e.n_articles, q.value from resolve.events e join resolve.event_quantities q using (event_id) "
        "where e.arrival_date = '2026-11-18' and e.scope = 'total' and q.kind = 'drones_destroyed' "
        "and q.claimant = 'Russian Ministry of Defence' and q.value = 53").fetchall()
    assert totals == [(2, 53)]  # one total event of two articles: 53, never 106
    bryansk = con.execute(
        "select e.n_articles, list(q.value order by q.value) from resolve.events e "
        "join resolve.event_quantities q using (event_id) where e.arrival_date = '2026-11-18' "
        "and e.scope = 'part' and e.admin1_code = 'RU-BRY' and q.kind = 'drones_destroyed' "
        "group by all").fetchall()
    assert bryansk == [(3, [1, 21])]  # the Ministry's 21 and the governor's 1, one row each


def test_marts_add_up_to_the_events_and_the_check_catches_a_double_count(sample_warehouse):
    import polars as pl

    from skywatch.marts import expected_day_totals, region_activity_problems

    warehouse, _ = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    day = "2026-11-18"
    mart = con.execute("select * from marts.daily_region_activity where arrival_date = ?", [day]).pl()
    expected = expected_day_totals(
        con.execute("select * from resolve.events where arrival_date = ?", [day]).pl(),
        con.execute("select * from resolve.event_quantities where arrival_date = ?", [day]).pl(),
        con.execute("select claim_id, claimant_country from resolve.claims where arrival_date = ?",
                    [day]).pl())
    assert region_activity_problems(mart, expected).is_empty()
    assert int(mart["drones_destroyed_claimed_ru"].sum()) > 0
    # A mart that also counted the Ministry's 53-drone total with its regional parts:
    doubled = mart.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.col("drones_destroyed_claimed_ru") + 53)
        .otherwise(pl.col("drones_destroyed_claimed_ru")).alias("drones_destroyed_claimed_ru"))
    problems = region_activity_problems(doubled, expected)
    assert problems["column"].to_list() == ["drones_destroyed_claimed_ru"]


def test_claimant_tallies_and_infrastructure_hits_are_filled(sample_warehouse):
    warehouse, _ = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    ministry = con.execute(
        "select scope, claimed from marts.claimant_tallies where arrival_date = '2026-11-18' "
        "and claimant = 'Russian Ministry of Defence' and kind = 'drones_destroyed' order by scope"
    ).fetchall()
    assert ministry and all(claimed > 0 for _, claimed in ministry)
    hits = con.execute("select target, evidence, article_id from marts.infrastructure_hits").fetchall()
    assert {"energy", "oil"} <= {target for target, _, _ in hits}
    assert all(evidence for _, evidence, _ in hits)


QUERIES = sorted((Path(__file__).resolve().parents[1] / "warehouse" / "queries").glob("*.sql"))


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_every_example_query_returns_rows_on_the_sample_warehouse(sample_warehouse, query):
    warehouse, _ = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute(query.read_text()).fetchall(), f"{query.name} returned no rows"


def test_there_are_ten_or_more_example_queries():
    assert len(QUERIES) >= 10


# One call per macro of warehouse/macros.sql, as the README shows them.
MACRO_CALLS = {
    "region_name": "select region_name('RU-BEL') as name where name is not null",
    "activity": "from activity()",
    "drones_destroyed": "from drones_destroyed(since := '2026-11-01')",
    "energy_strikes": "from energy_strikes()",
    "ministry_vs_regions": "from ministry_vs_regions()",
    "evidence": "from evidence() where sentence is not null",
    "corroborated": "from corroborated()",
}


def test_every_macro_is_called_here():
    from skywatch.paths import MACROS_SQL

    defined = set(re.findall(r"create or replace temp macro (\w+)", MACROS_SQL.read_text()))
    assert defined == set(MACRO_CALLS)


@pytest.mark.parametrize("macro", sorted(MACRO_CALLS))
def test_every_macro_returns_rows_on_the_sample_warehouse(sample_warehouse, macro):
    from skywatch.warehouse import load_macros

    warehouse, _ = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    assert load_macros(con)
    assert con.execute(MACRO_CALLS[macro]).fetchall(), f"{macro}() returned no rows"


def test_the_report_is_one_self_contained_page_with_charts_and_tables(sample_warehouse, tmp_path,
                                                                       capsys):
    from skywatch.cli import main

    warehouse, _ = sample_warehouse
    out = tmp_path / "out" / "report.html"
    assert main(["report", "--warehouse", str(warehouse), "--output", str(out)]) == 0
    assert str(out.resolve()) in capsys.readouterr().out
    page = out.read_text()
    # Nothing loaded from elsewhere: no scripts, stylesheets or images by address.
    references = re.findall(r"""(?:src|href)\s*=\s*['"]([^'"]+)""", page)
    assert references == [], references
    assert "<script" not in page and "@import" not in page
    assert page.count("<svg") >= 2 and page.count("<table") >= 3
    assert "Drones claimed destroyed" in page and "Russian Ministry of Defence" in page
    # --since keeps later days only.
    late = tmp_path / "late.html"
    assert main(["report", "--warehouse", str(warehouse), "--output", str(late),
                 "--since", SAMPLE_DAYS[-1]]) == 0
    assert late.stat().st_size < out.stat().st_size


def test_a_report_without_marts_is_a_clear_error(tmp_path, capsys):
    from skywatch.cli import main

    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    assert main(["report", "--warehouse", str(empty), "--output", str(tmp_path / "r.html")]) != 0
    assert "no marts" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_every_gate_writes_a_data_docs_page_the_check_links_to(sample_warehouse):
    from skywatch.data_docs import read_index

    warehouse, results = sample_warehouse
    docs = warehouse.parent / "data_docs"
    assert (docs / "index.html").is_file()
    index = read_index(docs)
    # One entry per gated table and day, all passed, each page on disk.
    assert len(index) == len({(e["suite"], e["day"]) for e in index})
    assert {e["day"] for e in index} == set(SAMPLE_DAYS)
    assert all(e["success"] and (docs / e["page"]).is_file() for e in index)
    for result in results:
        for evaluation in result.get_asset_check_evaluations():
            if evaluation.check_name != "gx_suite":
                continue
            page = Path(evaluation.metadata["data_docs_page"].value)
            assert page.is_file() and page.is_relative_to(docs)
            text = page.read_text()
            assert "Expectation Validation Result" in text and "Successful Expectations" in text


def test_sample_warehouse_is_the_frozen_one(sample_warehouse):
    """A refactoring reproduces the sample warehouse exactly (version columns aside).

    A deliberate behaviour change re-freezes (`python -m tests.frozen.refreeze`) in its commit.
    """
    from tests.frozen import SAMPLE_WAREHOUSE, differences, load, warehouse_fingerprint

    warehouse, _ = sample_warehouse
    now, frozen = warehouse_fingerprint(warehouse), load(SAMPLE_WAREHOUSE)
    changed = differences(frozen, now)
    assert not changed, changed


def test_materializations_count_every_row_and_preview_ten(sample_warehouse):
    """A partitioned table reports the day's rows; a reference table (written whole) all of its
    rows, read by count, with a preview of ten (its 100,000-odd rows are not read every day)."""
    warehouse, results = sample_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for key in (["resolve", "place_aliases"], ["resolve", "claims"]):
            table = ".".join(key)
            materialization = results[-1].asset_materializations_for_node("resolve_stage")
            metadata = next(m.metadata for m in materialization if m.asset_key.path == key)
            if key[1] == "place_aliases":
                expected = con.execute(f"select count(*) from {table}").fetchone()[0]
                assert expected > 1000
            else:
                expected = con.execute(f"select count(*) from {table} where arrival_date = ?",
                                       [SAMPLE_DAYS[-1]]).fetchone()[0]
            assert metadata["dagster/row_count"].value == expected
            preview = metadata["preview"].value
            assert preview.count("\n") - 1 == min(expected, 10)  # header, rule, then the rows
    finally:
        con.close()
