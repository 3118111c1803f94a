"""Gate tests: each suite on a clean fixture passes; on a dirty one it names what failed."""

from datetime import date, datetime

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from skywatch.gates import run_gate
from skywatch.reconcile import clean_problems, input_problems, offset_problems, resolve_problems

DAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 6, 0)
RAW_COLUMNS = ["article_id", "arrival_date", "source_file", "line_no", "format", "title", "text",
               "published_at", "published_at_raw", "url", "source", "n_bytes", "ingested_at", "given_id"]


def _raw(rows):
    return pl.DataFrame(
        [(aid, DAY, src, None, fmt, None, text, None, None, None, None, n, NOW, aid)
         for aid, src, fmt, text, n in rows],
        schema=dict(zip(RAW_COLUMNS, [pl.String, pl.Date, pl.String, pl.Int64, pl.String,
                                      pl.String, pl.String, pl.Datetime, pl.String, pl.String,
                                      pl.String, pl.Int64, pl.Datetime, pl.String], strict=True)),
        orient="row")


def _failed(report):
    return sorted((f.expectation, f.column, f.unexpected_count) for f in report.failures)


def test_raw_articles_clean_fixture_passes():
    report = run_gate("raw.articles", _raw([
        ("a1", "a1.txt", "txt", "Drones were shot down.", 30),
        ("a2", "feed.jsonl", "jsonl", "Sirens in Kharkiv.", 25),
    ]))
    assert report.success, report.summary()


def test_raw_articles_dirty_fixture_names_each_defect():
    report = run_gate("raw.articles", _raw([
        ("a1", "a1.txt", "txt", "Drones were shot down.", 30),
        ("a1", "a1-copy.txt", "txt", "Same id again.", 20),    # duplicate id
        ("a3", "a3.pdf", "pdf", "Read from a PDF.", 20),       # format outside the vocabulary
        ("a4", "a4.txt", "txt", "", 1),                         # empty text
    ]))
    assert _failed(report) == [
        ("expect_column_value_lengths_to_be_between", "text", 1),
        ("expect_column_values_to_be_in_set", "format", 1),
        ("expect_column_values_to_be_unique", "article_id", 2),
    ]
    assert "of 4 rows unexpected" in report.summary()


def test_a_gate_never_has_gx_hash_the_whole_frame(monkeypatch):
    """GX's batch fingerprint hashed every frame it validated, with temporaries five times the
    text (480 MB for 30,000 articles); the gate needs no fingerprint and still finds each defect."""
    from great_expectations.execution_engine import pandas_execution_engine

    hashed = []
    monkeypatch.setattr(pandas_execution_engine, "hash_pandas_dataframe", lambda df: hashed.append(df))
    long_text = "Дрони atakували \u00a0Kharkiv 7th. " * 5_000
    report = run_gate("raw.articles", _raw([
        ("a1", "a1.txt", "txt", long_text, len(long_text.encode())),
        ("a2", "a2.txt", "txt", long_text + "!", len(long_text.encode()) + 1),
        ("a2", "a3.txt", "txt", "", 1),                          # duplicate id, empty text
    ]))
    assert hashed == []
    assert _failed(report) == [
        ("expect_column_value_lengths_to_be_between", "text", 1),
        ("expect_column_values_to_be_unique", "article_id", 2),
    ]


def test_raw_rejected_reason_vocabulary():
    frame = pl.DataFrame({
        "arrival_date": [DAY, DAY], "source_file": ["x.bin", "y.txt"], "line_no": [None, None],
        "reason": ["binary", "looked odd"],  # second: not a known reason
        "detail": ["", ""], "n_bytes": [3, 4], "ingested_at": [NOW, NOW],
    }, schema_overrides={"line_no": pl.Int64})
    assert _failed(run_gate("raw.rejected", frame)) == [
        ("expect_column_values_to_be_in_set", "reason", 1)]


def _clean_article(aid, text, **over):
    row = {"article_id": aid, "arrival_date": DAY, "title": None, "text": text,
           "published_at": None, "source": None, "url": None, "n_chars": len(text),
           "n_sentences": 1, "n_boilerplate_lines": 0, "boilerplate_chars": 0, "language": "en",
           "language_confidence": 0.9, "content_hash": "h" + aid, "duplicate_of": None,
           "duplicate_kind": None, "duplicate_overlap": None, "cleaner_version": "clean-1"}
    return {**row, **over}


def test_clean_articles_dirty_fixture():
    frame = pl.DataFrame([
        _clean_article("c1", "Clean text."),
        _clean_article("c2", "Curly \u201cquotes\u201d left in."),               # not normalised
        _clean_article("c3", "Copy.", duplicate_of="c1", duplicate_kind="fuzzy"),  # bad kind
    ])
    assert _failed(run_gate("clean.articles", frame)) == [
        ("expect_column_values_to_be_in_set", "duplicate_kind", 1),
        ("expect_column_values_to_not_match_regex", "text", 1),
    ]


def test_clean_sentences_dirty_fixture():
    frame = pl.DataFrame({
        "article_id": ["c1", "c1", "c1"], "arrival_date": [DAY] * 3,
        "sentence_index": [0, 1, 1],     # third row repeats index 1
        "start": [0, 10, 30], "end": [9, 29, 30],  # third row: end == start, empty span
        "text": ["Sentence.", "Another sentence here", "x"],
    })
    assert _failed(run_gate("clean.sentences", frame)) == [
        ("expect_column_pair_values_a_to_be_greater_than_b", None, 1),
        ("expect_compound_columns_to_be_unique", "article_id,sentence_index", 2),
    ]


def test_reconciliation_finds_lost_and_doubled_inputs():
    units = pl.DataFrame({"source_file": ["a.txt", "f.jsonl", "f.jsonl", "lost.txt"],
                          "line_no": [None, 1, 2, None]}, schema_overrides={"line_no": pl.Int64})
    articles = pl.DataFrame({"source_file": ["a.txt", "f.jsonl"], "line_no": [None, 1]},
                            schema_overrides={"line_no": pl.Int64})
    rejected = pl.DataFrame({"source_file": ["f.jsonl", "f.jsonl"], "line_no": [2, 1]},
                            schema_overrides={"line_no": pl.Int64})  # line 1 also accepted
    problems = input_problems(units, articles, rejected)
    assert sorted(problems.iter_rows()) == [
        ("f.jsonl", 1, "input in more than one output row"),
        ("lost.txt", None, "input in neither raw.articles nor raw.rejected"),
    ]


def test_clean_reconciliation_and_offsets():
    raw = pl.DataFrame({"article_id": ["a", "b", "c"]})
    kept = pl.DataFrame({"article_id": ["a"], "text": ["One. Two."]})
    aside = pl.DataFrame({"article_id": ["b"]})
    assert clean_problems(raw, kept, aside)["article_id"].to_list() == ["c"]
    sentences = pl.DataFrame({"article_id": ["a", "a"], "sentence_index": [0, 1],
                              "start": [0, 5], "end": [4, 8], "text": ["One.", "Two."]})
    assert offset_problems(kept, sentences)["sentence_index"].to_list() == [1]  # off by one


def _event(event_id, **changes):
    row = {"event_id": event_id, "arrival_date": DAY, "event_type": "interception", "weapon": "drone",
           "scope": "single", "country_code": "RU", "admin1_code": "RU-BEL", "geo_precision": 3,
           "latitude": 50.6, "longitude": 36.6, "n_claims": 2, "n_articles": 2}
    return {**row, **changes}


def test_resolve_events_dirty_fixture():
    frame = pl.DataFrame([
        _event("e1"),
        _event("e2", admin1_code="Belgorod"),           # a name, not an ISO 3166-2 code
        _event("e3", geo_precision=5),                  # precision outside 1-4
        _event("e4", n_claims=1, n_articles=3),         # more articles than claims
    ])
    assert _failed(run_gate("resolve.events", frame)) == [
        ("expect_column_pair_values_a_to_be_greater_than_b", None, 1),
        ("expect_column_values_to_be_in_set", "geo_precision", 1),
        ("expect_column_values_to_match_regex", "admin1_code", 1),
    ]
    assert run_gate("resolve.events", frame.head(1)).success


def test_resolve_event_quantities_allow_one_figure_per_claimant():
    frame = pl.DataFrame({
        "event_id": ["e1", "e1", "e1"], "arrival_date": [DAY] * 3,
        "kind": ["drones_destroyed"] * 3, "value": [104, 5, 7], "bound": ["exact"] * 3,
        "claimant": ["Russian Ministry of Defence", "Vyacheslav Gladkov", "Vyacheslav Gladkov"],
        "claim_id": ["c1", "c2", "c3"],                 # third row: Gladkov's second figure
    })
    assert _failed(run_gate("resolve.event_quantities", frame)) == [
        ("expect_compound_columns_to_be_unique", "event_id,kind,claimant", 2),
    ]
    assert run_gate("resolve.event_quantities", frame.head(2)).success


def test_resolve_reconciliation_finds_lost_doubled_and_unlinked_claims():
    extracted = pl.DataFrame({"claim_id": ["c1", "c2", "c3"]})
    resolved = pl.DataFrame({"claim_id": ["c1", "c2", "c2"]})       # c3 lost, c2 twice
    # c2 in no event; c9 is no claim of the day (another day's claim brought back)
    event_claims = pl.DataFrame({"event_id": ["e1", "e9"], "claim_id": ["c1", "c9"]})
    figures = pl.DataFrame({"event_id": ["e1", "e2"], "claim_id": ["c1", "c1"]})  # c1 is not in e2
    problems = resolve_problems(extracted, resolved, event_claims, figures)
    assert sorted(problems.rows()) == [
        ("c1", "event figure stated by no claim of the event"),
        ("c2", "claim not in exactly one event"),
        ("c2", "claim not in exactly one event"),
        ("c2", "claim resolved more than once"),
        ("c3", "extracted claim missing from resolve.claims"),
        ("c9", "event_claims row of no claim of the day"),
    ]
    assert resolve_problems(extracted.head(1), resolved.head(1), event_claims.head(1),
                            figures.head(1)).is_empty()


# --- reports reused for the same rows and suite -------------------------------------------------

def _counting_validations(monkeypatch) -> list[str]:
    from skywatch import gates

    calls: list[str] = []
    real = gates._validate

    def counted(table, *args):
        calls.append(table)
        return real(table, *args)

    monkeypatch.setattr(gates, "_validate", counted)
    monkeypatch.setattr(gates, "_REPORTS", gates.OrderedDict())
    return calls


def test_the_same_rows_and_suite_reuse_the_report_and_any_change_validates_again(monkeypatch, tmp_path):
    import json
    import shutil

    from skywatch.paths import EXPECTATIONS_DIR

    calls = _counting_validations(monkeypatch)
    rows = [("a1", "a1.txt", "txt", "Drones were shot down.", 30), ("a2", "b.txt", "txt", "Sirens.", 25)]
    first = run_gate("raw.articles", _raw(rows))
    again = run_gate("raw.articles", _raw(rows))
    assert calls == ["raw.articles"] and again.reused and not first.reused
    assert again.outcomes == first.outcomes and again.success
    from skywatch.data_docs import render_validation_page

    assert "reused" in render_validation_page(again, DAY.isoformat())
    assert "reused" not in render_validation_page(first, DAY.isoformat())

    run_gate("raw.articles", _raw([rows[0], ("a2", "b.txt", "txt", "Sirens!", 25)]))  # one cell
    assert len(calls) == 2
    # The same rows against a changed suite: validated again, and the change decides.
    changed = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, changed)
    suite = json.loads((changed / "raw_articles.json").read_text())
    suite["expectations"].append({"type": "expect_table_row_count_to_be_between",
                                  "kwargs": {"min_value": 5}})
    (changed / "raw_articles.json").write_text(json.dumps(suite))
    stricter = run_gate("raw.articles", _raw(rows), changed)
    assert len(calls) == 3 and not stricter.success and not stricter.reused


def test_a_failing_report_is_reused_failing(monkeypatch):
    calls = _counting_validations(monkeypatch)
    dirty = _raw([("a1", "a1.txt", "txt", "", 0), ("a1", "a1.txt", "txt", "", 0)])
    first, again = run_gate("raw.articles", dirty), run_gate("raw.articles", dirty)
    assert len(calls) == 1 and again.reused
    assert not again.success and _failed(again) == _failed(first)


def test_reused_reports_are_bounded(monkeypatch):
    from skywatch import gates

    calls = _counting_validations(monkeypatch)
    monkeypatch.setattr(gates, "MAX_REMEMBERED_REPORTS", 2)
    frames = [_raw([(f"a{i}", "a.txt", "txt", "Drones were shot down.", 30)]) for i in range(3)]
    for frame in frames:
        run_gate("raw.articles", frame)
    assert len(gates._REPORTS) == 2
    run_gate("raw.articles", frames[0])  # the oldest was forgotten: validated again
    assert len(calls) == 4


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(max_size=40), min_size=1, max_size=6),
       numbers=st.lists(st.integers(min_value=-2**63, max_value=2**63 - 1), min_size=6, max_size=6),
       row=st.integers(min_value=0, max_value=5), new_text=st.text(max_size=40))
def test_fuzz_any_changed_cell_changes_the_key(texts, numbers, row, new_text):
    """News text of any unicode and figures of any size: one changed cell is another key."""
    from skywatch.gates import _memo_key

    row %= len(texts)
    frame = pl.DataFrame({"text": texts, "n": numbers[:len(texts)]})
    key = _memo_key("t", "t", [], frame)
    assert key is not None and key == _memo_key("t", "t", [], frame.clone())
    if new_text != texts[row]:
        changed = frame.with_columns(pl.when(pl.int_range(pl.len()) == row).then(pl.lit(new_text))
                                     .otherwise(pl.col("text")).alias("text"))
        assert _memo_key("t", "t", [], changed) != key
    bumped = frame.with_columns(pl.when(pl.int_range(pl.len()) == row).then(pl.col("n") ^ 1)
                                .otherwise(pl.col("n")).alias("n"))
    assert _memo_key("t", "t", [], bumped) != key


def _both_ways(monkeypatch, table, frame):
    """The gate's outcomes over `frame` whole, then in row slices of a few rows each."""
    from skywatch import gates

    whole = gates._validate(table, table, gates.load_suite_dict(table)["expectations"]
                            + gates.vocabulary_expectations(table, frame)
                            + gates.plausibility_expectations(frame), frame)
    monkeypatch.setattr(gates, "GATE_SLICE_BYTES", max(1, frame.estimated_size() // 3))
    assert len(gates._row_slices(frame)) >= 3
    sliced = gates._validate(table, table, gates.load_suite_dict(table)["expectations"]
                             + gates.vocabulary_expectations(table, frame)
                             + gates.plausibility_expectations(frame), frame)
    return whole, sliced


def _same(report):
    """Outcomes in a fixed order (GX orders a whole frame's results by its own plan)."""
    return sorted(report.outcomes, key=lambda o: (o.expectation, o.column or "", o.unexpected_count or 0))


def test_a_large_frame_validated_in_slices_gives_the_same_outcomes(monkeypatch):
    """Slices bound GX's memory on a day's millions of sentences; the verdicts must not change:
    a duplicate id whose copies fall in different slices is still found, counts add up."""
    rows = [(f"a{i % 7}", f"a{i}.txt", "pdf" if i % 5 == 0 else "txt", "" if i % 4 == 0 else "Sirens.", 9)
            for i in range(20)]
    whole, sliced = _both_ways(monkeypatch, "raw.articles", _raw(rows))
    assert _same(sliced) == _same(whole) and not sliced.success
    assert ("expect_column_values_to_be_unique", "article_id", 20) in _failed(sliced)
    from skywatch.data_docs import render_validation_page

    page = render_validation_page(sliced, DAY.isoformat())
    for shown in ("25.00% unexpected", "5 of 20 rows", "100.00% unexpected", "20 rows validated"):
        assert shown in page and shown in render_validation_page(whole, DAY.isoformat())
    assert "Row slices" in page and "Row slices" not in render_validation_page(whole, DAY.isoformat())


def test_row_wise_and_conditional_expectations_add_up_over_slices(monkeypatch):
    """A pair expectation (end after start) and a figure bound per kind (a row condition)."""
    sentences = pl.DataFrame({"article_id": [f"a{i // 3}" for i in range(12)],
                              "sentence_index": [i % 3 for i in range(12)],
                              "start": [0, 5, 9, -1, 0, 4, 0, 3, 3, 0, 2, 8],
                              "end": [5, 9, 8, 3, 4, 4, 3, 6, 9, 2, 8, 12],
                              "text": ["x" * (e - s) if e > s else "" for s, e in
                                       zip([0, 5, 9, -1, 0, 4, 0, 3, 3, 0, 2, 8],
                                           [5, 9, 8, 3, 4, 4, 3, 6, 9, 2, 8, 12], strict=True)]})
    whole, sliced = _both_ways(monkeypatch, "clean.sentences", sentences)
    assert _same(sliced) == _same(whole) and not whole.success
    quantities = pl.DataFrame({"claim_id": [f"c{i}" for i in range(9)],
                               "kind": ["killed", "drones_destroyed", "injured"] * 3,
                               "value": [1, 10**9, 3, 2, 40, 10**8, 0, 5, 7],
                               "bound": ["exact"] * 9})
    whole, sliced = _both_ways(monkeypatch, "extract.claim_quantities", quantities)
    assert _same(sliced) == _same(whole) and not whole.success


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["a1", "a2", "a3", "Київ-7th", "\u00a0"]),
                               st.sampled_from(["txt", "jsonl", "pdf", "html"]),
                               st.text(max_size=30), st.integers(min_value=-2**40, max_value=2**62)),
                     min_size=1, max_size=14))
def test_fuzz_slices_and_whole_frame_agree(rows):
    """Any ids, formats, unicode text and byte counts: sliced and whole validation agree."""
    import pytest

    with pytest.MonkeyPatch.context() as monkeypatch:
        frame = _raw([(aid, f"{aid}.{fmt}", fmt, text, n) for aid, fmt, text, n in rows])
        if frame.height < 3:
            frame = pl.concat([frame] * 3)
        whole, sliced = _both_ways(monkeypatch, "raw.articles", frame)
        assert _same(sliced) == _same(whole)
