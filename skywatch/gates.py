"""Quality gates: Great Expectations 1.x suites stored as JSON under `expectations/`.

`run_gate` validates a frame against the suite named after its table (`raw.articles` →
`expectations/raw_articles.json`) and says which expectation failed on how many rows. A large
frame is validated in row slices, with the same outcomes (`GATE_SLICE_BYTES`).
No dagster here: the assets turn a `GateReport` into a blocking asset check.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from skywatch.paths import EXPECTATIONS_DIR


@dataclass(frozen=True)
class ExpectationOutcome:
    expectation: str
    column: str | None
    success: bool
    unexpected_count: int | None
    element_count: int | None
    observed: str | None = None

    def describe(self) -> str:
        where = f" on {self.column}" if self.column else ""
        if self.unexpected_count is not None:
            return (f"{self.expectation}{where}: {self.unexpected_count} of "
                    f"{self.element_count} rows unexpected")
        return f"{self.expectation}{where}: observed {self.observed}"


@dataclass
class GateReport:
    suite: str
    n_rows: int
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    # GX's ExpectationSuiteValidationResult, kept so `skywatch.data_docs` can render it.
    validation: Any = field(default=None, repr=False, compare=False)
    # True when `run_gate` gave the report of an earlier validation of the same rows and suite.
    reused: bool = False

    @property
    def success(self) -> bool:
        return all(o.success for o in self.outcomes)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success]

    def summary(self) -> str:
        if self.success:
            return f"{self.suite}: {len(self.outcomes)} expectations passed on {self.n_rows} rows"
        return f"{self.suite} failed: " + "; ".join(f.describe() for f in self.failures)


def suite_name(table: str) -> str:
    """`raw.articles` → `raw_articles`."""
    return table.replace(".", "_")


def suite_path(table: str, directory: Path = EXPECTATIONS_DIR) -> Path:
    return Path(directory) / f"{suite_name(table)}.json"


def load_suite_dict(table: str, directory: Path = EXPECTATIONS_DIR) -> dict:
    path = suite_path(table, directory)
    if not path.exists():
        raise FileNotFoundError(f"no expectation suite for {table}: {path}")
    return json.loads(path.read_text())


@cache
def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    _skip_batch_fingerprint()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _skip_batch_fingerprint() -> None:
    """Stop GX from hashing every dataframe it is given.

    GX's pandas engine stamps each batch with an MD5 of `pandas.util.hash_pandas_object` over the
    whole frame when the frame's shallow size is under `HASH_THRESHOLD` (always, for text: pandas
    counts 8 bytes per string). Hashing a text column makes temporaries five times the text: 480
    MB and 0.75 s for 30,000 articles, per gate of a text table, where the expectations of the same
    suite take 0.12 s and no extra memory. The hash is only a batch marker: no expectation and no
    page of ours reads it. GX has no setting for it, so the threshold is set to zero.
    """
    from great_expectations.execution_engine import pandas_execution_engine

    pandas_execution_engine.HASH_THRESHOLD = 0


@cache
def _batch_definition(asset_name: str):
    context = _context()
    try:
        source = context.data_sources.get("skywatch")
    except (KeyError, ValueError):
        source = context.data_sources.add_pandas("skywatch")
    asset = source.add_dataframe_asset(asset_name)
    return asset.add_batch_definition_whole_dataframe("whole_table")


def _outcome(result) -> ExpectationOutcome:
    """The outcome of one of GX's expectation results."""
    config = result.expectation_config
    return _outcome_of_dict({"expectation_config": {"type": config.type, "kwargs": config.kwargs},
                             "success": result.success, "result": result.result})


def _where(kwargs: dict) -> str | None:
    """The column(s) an expectation reads, with its row condition when it has one."""
    column = kwargs.get("column") or (",".join(kwargs.get("column_list", [])) or None)
    condition = kwargs.get("row_condition")
    if isinstance(condition, dict):  # GX 1.x turns a pandas condition into {"pass_through_filter": ...}
        condition = condition.get("pass_through_filter", condition)
    return f"{column} where {condition}" if column and condition else column


def run_gate(table: str, frame: pl.DataFrame, directory: Path = EXPECTATIONS_DIR) -> GateReport:
    """Validate `frame` (the rows the asset just wrote) against the table's suite.

    The same rows against the same expectations give the same report, so within a process a
    report is reused for them (`reused` is set): a backfill gates the reference tables (some
    140,000 rows of places and aliases) and the empty quarantine tables every day.
    """
    spec = load_suite_dict(table, directory)
    name = spec.get("name", suite_name(table))
    expectations = (spec["expectations"] + vocabulary_expectations(table, frame)
                    + plausibility_expectations(frame))
    key = _memo_key(table, name, expectations, frame)
    if key is not None and key in _REPORTS:
        _REPORTS.move_to_end(key)
        return dataclasses.replace(_REPORTS[key], reused=True)
    report = _validate(table, name, expectations, frame)
    if key is not None:
        _REPORTS[key] = report
        while len(_REPORTS) > MAX_REMEMBERED_REPORTS:
            _REPORTS.popitem(last=False)
    return report


# Reports remembered by `run_gate` (most recent last); a report keeps GX's validation result.
MAX_REMEMBERED_REPORTS = 64
_REPORTS: OrderedDict[tuple, GateReport] = OrderedDict()


def _memo_key(table: str, name: str, expectations: list[dict], frame: pl.DataFrame) -> tuple | None:
    """What decides a report: the table, its expectations (generated ones included, so a changed
    vocabulary or date bound is a new key) and the frame's schema and rows; None when the rows
    cannot be hashed (the gate then simply runs)."""
    # The sum of row hashes ignores row order: the same rows in another order reuse the report,
    # which is right because every expectation a gate uses is order-independent (only the sample
    # rows shown in Data Docs could differ).
    try:
        rows = int(frame.hash_rows(seed=0).sum()) if frame.height else 0
    except Exception:  # noqa: BLE001 - a column type polars cannot hash: no reuse
        return None
    schema = tuple((column, str(dtype)) for column, dtype in frame.schema.items())
    return (table, name, json.dumps(expectations, sort_keys=True, default=str), schema, frame.height, rows)


def _validate(table: str, name: str, expectations: list[dict], frame: pl.DataFrame) -> GateReport:
    slices = _row_slices(frame)
    if len(slices) > 1 and any(e["type"] in ROW_WISE for e in expectations):
        return _validate_in_slices(table, name, expectations, frame, slices)
    result = _run_suite(table, name, expectations, frame)
    return GateReport(suite=suite_name(table), n_rows=frame.height,
                      outcomes=[_outcome(r) for r in result.results], validation=result)


def _run_suite(table: str, name: str, expectations: list[dict], frame: pl.DataFrame):
    """GX's validation result of `expectations` over `frame`."""
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=name, expectations=expectations)
    batch = _batch_definition(suite_name(table)).get_batch(
        batch_parameters={"dataframe": _to_pandas(frame)})
    # BASIC (counts and a sample of unexpected values) is a third cheaper than GX's default
    # SUMMARY, and a passing gate needs no more; a failing one is validated again in SUMMARY,
    # whose value counts the Data Docs page shows.
    result = batch.validate(suite, result_format="BASIC")
    if not result.success:
        result = batch.validate(suite, result_format="SUMMARY")
    return result


# --- large frames: validated in row slices -------------------------------------------------------

# GX's pandas engine needs the whole frame as Python objects: 4.7 million sentences of a day of
# 100,000 articles took 850 MB more than the frame itself. A frame larger than this (Polars'
# estimate) is validated in row slices of about this size for the expectations that judge each
# row on its own (ROW_WISE), and whole for the rest (uniqueness, row counts, the column set),
# with the columns those do not read replaced by nulls. The outcomes are the same either way.
GATE_SLICE_BYTES = 64 * 2**20

# Expectations whose verdict on a row depends on that row alone, so counts over slices add up.
ROW_WISE = frozenset({
    "expect_column_values_to_not_be_null", "expect_column_values_to_be_null",
    "expect_column_values_to_be_between", "expect_column_values_to_be_in_set",
    "expect_column_values_to_not_be_in_set", "expect_column_values_to_match_regex",
    "expect_column_values_to_not_match_regex", "expect_column_value_lengths_to_be_between",
    "expect_column_pair_values_a_to_be_greater_than_b",
})
_SUMMED = ("element_count", "missing_count", "unexpected_count")
_LISTED = ("partial_unexpected_list", "partial_unexpected_index_list")
PARTIAL_LIST_LENGTH = 20  # GX's length of a partial unexpected list


def _row_slices(frame: pl.DataFrame) -> list[tuple[int, int]]:
    """(offset, length) of row slices of about GATE_SLICE_BYTES each; one slice for a small frame."""
    size = frame.estimated_size()
    if frame.height == 0 or size <= GATE_SLICE_BYTES:
        return [(0, frame.height)]
    rows = max(1, int(frame.height * GATE_SLICE_BYTES / size))
    return [(offset, min(rows, frame.height - offset)) for offset in range(0, frame.height, rows)]


def _validate_in_slices(table: str, name: str, expectations: list[dict], frame: pl.DataFrame,
                        slices: list[tuple[int, int]]) -> GateReport:
    row_wise = [i for i, e in enumerate(expectations) if e["type"] in ROW_WISE]
    whole = [i for i, e in enumerate(expectations) if e["type"] not in ROW_WISE]
    results: dict[int, list[dict]] = {i: [] for i in range(len(expectations))}
    base: dict = {}
    if whole:
        picked = [expectations[i] for i in whole]
        data = _run_suite(table, name, picked, _only_read_columns(frame, picked)).to_json_dict()
        base = data
        for i, result in zip(whole, data["results"], strict=True):
            results[i].append(result)
    for offset, length in slices:
        data = _run_suite(table, name, [expectations[i] for i in row_wise],
                          frame.slice(offset, length)).to_json_dict()
        base = base or data
        for i, result in zip(row_wise, data["results"], strict=True):
            results[i].append(_shift_indices(result, offset))
    merged = [_merge_results(results[i]) for i in range(len(expectations))]
    passed = sum(1 for r in merged if r["success"])
    validation = {**base, "results": merged, "success": passed == len(merged),
                  "statistics": {"evaluated_expectations": len(merged), "successful_expectations": passed,
                                 "unsuccessful_expectations": len(merged) - passed,
                                 "success_percent": 100 * passed / len(merged) if merged else None},
                  "meta": {**(base.get("meta") or {}), "row_slices": len(slices)}}
    return GateReport(suite=suite_name(table), n_rows=frame.height,
                      outcomes=[_outcome_of_dict(r) for r in merged], validation=validation)


def _only_read_columns(frame: pl.DataFrame, expectations: list[dict]) -> pl.DataFrame:
    """`frame` with the columns no expectation reads replaced by nulls (names and types kept, for
    the column-set expectations). A row condition may read any column: then the frame as it is."""
    if any("row_condition" in e["kwargs"] for e in expectations):
        return frame
    read = set()
    for e in expectations:
        kwargs = e["kwargs"]
        read.update(c for c in (kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B")) if c)
        read.update(kwargs.get("column_list") or ())
    return frame.with_columns(pl.lit(None, dtype=dtype).alias(column)
                              for column, dtype in frame.schema.items() if column not in read)


def _shift_indices(result: dict, offset: int) -> dict:
    """A slice's result with its row indices counted from the start of the whole frame."""
    details = result.get("result") or {}
    indices = details.get("partial_unexpected_index_list")
    if offset and isinstance(indices, list):
        details = {**details, "partial_unexpected_index_list": [
            i + offset if isinstance(i, int) else i for i in indices]}
        return {**result, "result": details}
    return result


def _merge_results(parts: list[dict]) -> dict:
    """One expectation's result over all slices: counts added, percentages and samples redone."""
    first = parts[0]
    if len(parts) == 1:
        return first
    details = [p.get("result") or {} for p in parts]
    merged: dict[str, Any] = {key: sum(d.get(key) or 0 for d in details)
                              for key in _SUMMED if any(key in d for d in details)}
    for key in _LISTED:
        if any(key in d for d in details):
            merged[key] = [v for d in details for v in d.get(key) or []][:PARTIAL_LIST_LENGTH]
    if any("partial_unexpected_counts" in d for d in details):
        counts: dict[str, tuple[Any, int]] = {}
        for d in details:
            for item in d.get("partial_unexpected_counts") or []:
                key = json.dumps(item["value"], sort_keys=True, default=str)
                value, count = counts.get(key, (item["value"], 0))
                counts[key] = (value, count + item["count"])
        merged["partial_unexpected_counts"] = [
            {"value": v, "count": c} for v, c in sorted(counts.values(), key=lambda vc: -vc[1])
        ][:PARTIAL_LIST_LENGTH]
    merged.update(_percentages(merged))
    failed = next((p for p in parts if (p.get("exception_info") or {}).get("raised_exception")), None)
    return {**first, "success": all(p.get("success") for p in parts), "result": merged,
            "exception_info": (failed or first).get("exception_info")}


def _percentages(counts: dict) -> dict:
    if "element_count" not in counts or "unexpected_count" not in counts:
        return {}
    total, unexpected = counts["element_count"], counts["unexpected_count"]
    missing = counts.get("missing_count", 0)
    present = total - missing

    def share(part: int, whole: int) -> float | None:
        return 100 * part / whole if whole else None

    return {"missing_percent": share(missing, total), "unexpected_percent": share(unexpected, present),
            "unexpected_percent_total": share(unexpected, total),
            "unexpected_percent_nonmissing": share(unexpected, present)}


def _outcome_of_dict(result: dict) -> ExpectationOutcome:
    """The outcome of an expectation result as JSON data (GX's, or one merged over slices)."""
    config = result.get("expectation_config") or {}
    details = result.get("result") or {}
    observed = details.get("observed_value")
    return ExpectationOutcome(
        expectation=config.get("type", "?"),
        column=_where(config.get("kwargs") or {}),
        success=bool(result.get("success")),
        unexpected_count=details.get("unexpected_count"),
        element_count=details.get("element_count"),
        observed=None if observed is None else str(observed)[:200],
    )


def vocabulary_expectations(table: str, frame: pl.DataFrame) -> list[dict]:
    """Value-set expectations generated from `skywatch/vocab/` for the table's vocabulary columns.

    The suites under `expectations/` hold no copy of a vocabulary: a new weapon class or count
    kind is allowed by the gates as soon as it is in its vocabulary file, and nowhere else.
    """
    from skywatch import vocab

    out = []
    for qualified, values in vocab.value_sets().items():
        owner, column = qualified.rsplit(".", 1)
        if owner == table and column in frame.columns:
            out.append({"type": "expect_column_values_to_be_in_set",
                        "kwargs": {"column": column, "value_set": list(values)},
                        "meta": {"why": "event-model vocabulary: skywatch/vocab/"}})
    return out


def plausibility_expectations(frame: pl.DataFrame, today: date | None = None) -> list[dict]:
    """Expectations generated from `data/plausibility.yaml` for the columns `frame` has.

    The bounds live once, in that file: the extractor refuses what lies outside them, and these
    expectations prove nothing outside them was written. A figure (`kind`, `value`) stays within
    its kind's bound; an `event_date` lies between the conflict's start and tomorrow (no report
    can be of a later day; the extractor also holds each date to its article's publication).
    """
    from skywatch import plausibility

    why = {"why": "plausible: skywatch/data/plausibility.yaml"}
    out: list[dict] = []
    if {"kind", "value"} <= set(frame.columns):
        for kind, bound in plausibility.max_values().items():
            out.append({"type": "expect_column_values_to_be_between", "meta": why, "kwargs": {
                "column": "value", "min_value": 0, "max_value": bound,
                "row_condition": f'kind=="{kind}"', "condition_parser": "pandas"}})
    if "event_date" in frame.columns:
        latest = (today or datetime.now(UTC).date()) + timedelta(days=1)
        out.append({"type": "expect_column_values_to_be_between", "meta": why, "kwargs": {
            "column": "event_date", "min_value": f"{plausibility.conflict_start().isoformat()}T00:00:00",
            "max_value": f"{latest.isoformat()}T00:00:00"}})
    return out


def _to_pandas(frame: pl.DataFrame):
    """Lists become Python lists and nulls stay None, which GX's pandas backend understands."""
    return frame.to_pandas(use_pyarrow_extension_array=False)
