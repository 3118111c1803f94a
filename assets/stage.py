"""One shape for every stage: a stage declares its tables, checks and how it builds its day.

`stage_asset(Stage(...))` is the Dagster multi-asset of a stage. Its body is the same for each:
connect, create the stage's schema and drafts, rewrite the stage's reference tables when they
changed, build the day (`Stage.build`: read the inputs, call the domain logic of `skywatch/`),
write every table of the day as a draft, and report: a materialization per table (row count,
schema, preview), the Great Expectations gate of each table, and the stage's extra blocking
checks, each computed from what the day's build returned. The marts stage also publishes the
day when all its checks pass (`Stage.publish`): its checks are evaluated before the
materializations, which then say whether the day was published.
"""

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import dagster as dg
import duckdb
import polars as pl

from skywatch.assets.gating import (
    failed_share_result,
    failed_share_spec,
    gate_frame,
    gate_table,
    gx_check_spec,
    problems_result,
    table_metadata,
)
from skywatch.assets.partitions import daily_partitions
from skywatch.publish import ensure_drafts, staged, write_draft
from skywatch.warehouse import ensure_schema, read_batches, read_frame, replace_reference

Day = dict[str, Any]  # what a stage's build returned: its tables' frames and anything its checks read


@dataclass(frozen=True)
class Table:
    """A table of the stage: `name` in the stage's schema, and the description the UI shows.

    A reference table is written whole when its data changed (`Stage.references`), not as a
    draft of the day, and is gated on the frame written."""

    name: str
    description: str
    reference: bool = False


@dataclass(frozen=True)
class Check:
    """An extra blocking check on one table of the stage: its spec and its result for a day."""

    table: str
    spec: Callable[[list[str], str], dg.AssetCheckSpec]  # (asset key, stage) -> spec
    result: Callable[[list[str], Day], dg.AssetCheckResult]  # (asset key, the day) -> result


def reconciliation(name: str, table: str, problems: Callable[..., pl.DataFrame], reads: list[str],
                   description: str, what: str) -> Check:
    """A check that passes when `problems` of the day's frames named by `reads` has no rows;
    `what` names the problems."""
    return Check(
        table,
        spec=lambda key, _: dg.AssetCheckSpec(name, asset=key, blocking=True, description=description),
        result=lambda key, day: problems_result(key, name, problems(*(day[r] for r in reads)), what))


def failed_share(n_articles: Callable[[Day], int], table: str = "failed") -> Check:
    """The quarantine check: the day's `failed` rows stay within the share of its `n_articles`."""
    return Check(table, spec=failed_share_spec,
                 result=lambda key, day: failed_share_result(key, day[table], n_articles(day)))


@dataclass
class StageRun:
    """What a stage's build works with: the warehouse connection, the day and the context."""

    con: duckdb.DuckDBPyConnection
    day: date
    context: dg.AssetExecutionContext

    @property
    def log(self):
        return self.context.log

    def day_rows(self, sql: str) -> pl.DataFrame:
        """The rows of `sql` (one `arrival_date = ?` for the day) from this run's drafts where
        an upstream stage wrote them, else from the published tables."""
        return read_frame(self.con, staged(self.con, sql, self.day), [self.day])

    def day_batches(self, sql: str, params: list | None = None, rows: int = 2_000) -> Iterator[pl.DataFrame]:
        """`day_rows` as consecutive frames of about `rows` rows, read as they are consumed
        (`params` follow the day's); the connection serves nothing else until they are."""
        return read_batches(self.con, staged(self.con, sql, self.day), [self.day, *(params or [])], rows)


@dataclass(frozen=True)
class Stage:
    """A stage declared: name (schema and group), what it does, the tables it writes, the tables
    of the stage before it that it depends on, its extra checks and how it builds a day."""

    name: str
    doc: str
    tables: list[Table]
    build: Callable[[StageRun], Day]
    deps: list[list[str]] = field(default_factory=list)
    # Tables (of this stage) whose previous day's partition the build reads: a self-dependency
    # mapped to the day before, so the UI shows it and a backfill runs such days in order.
    previous_day: list[list[str]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    resources: frozenset[str] = frozenset()  # beyond warehouse and gates
    # Frames of the reference tables (by table name), rewritten when their version column changed.
    references: Callable[[], dict[str, pl.DataFrame]] | None = None
    # Given the day and whether every check passed: publishes, and returns extra metadata per table.
    publish: Callable[[StageRun, Day, bool], dict[str, dict]] | None = None

    def key(self, table: str) -> list[str]:
        return [self.name, table]


def stage_asset(stage: Stage) -> dg.AssetsDefinition:
    """The stage's multi-asset: one asset per table, a GX gate per table and the extra checks."""
    deps = [dg.AssetDep(key) for key in stage.deps]
    day_before = dg.TimeWindowPartitionMapping(start_offset=-1, end_offset=-1)

    def own_previous_day(key: list[str]) -> list[dg.AssetDep]:
        # Only on the table itself: a self-dependency is the one edge inside a multi-asset
        # that does not constrain the order its tables are yielded in.
        return [dg.AssetDep(key, partition_mapping=day_before)] if key in stage.previous_day else []

    specs = [dg.AssetSpec(stage.key(t.name), group_name=stage.name, kinds={"duckdb"},
                          deps=[*deps, *own_previous_day(stage.key(t.name))], description=t.description)
             for t in stage.tables]

    @dg.multi_asset(
        name=f"{stage.name}_stage",
        description=inspect.cleandoc(stage.doc),
        specs=specs,
        partitions_def=daily_partitions,
        required_resource_keys={"warehouse", "gates", *stage.resources},
        check_specs=[
            *(gx_check_spec(spec.key.path) for spec in specs),
            *(check.spec(stage.key(check.table), stage.name) for check in stage.checks),
        ],
    )
    def _stage(context: dg.AssetExecutionContext) -> Iterator:
        yield from run_stage(stage, context)

    return _stage


def run_stage(stage: Stage, context: dg.AssetExecutionContext) -> Iterator:
    day = date.fromisoformat(context.partition_key)
    gates = context.resources.gates
    with context.resources.warehouse.connect() as con:
        ensure_schema(con, stage.name)
        ensure_drafts(con, stage.name)
        references = stage.references() if stage.references else {}
        for name, frame in references.items():
            table = f"{stage.name}.{name}"
            version_column = next(c for c in frame.columns if c.endswith("_version"))
            if replace_reference(con, table, frame, version_column):
                context.log.info(f"rewrote {table}: {frame.height} rows")
        run = StageRun(con, day, context)
        built = stage.build(run)
        for table in stage.tables:
            if not table.reference:
                write_draft(con, f"{stage.name}.{table.name}", day, built[table.name])

        def materializations(extra: dict[str, dict]) -> Iterator[dg.MaterializeResult]:
            for table in stage.tables:
                key = stage.key(table.name)
                yield dg.MaterializeResult(asset_key=key, metadata={
                    **table_metadata(con, key, day), **extra.get(table.name, {})})

        def gate(table: Table) -> dg.AssetCheckResult:
            key = stage.key(table.name)
            if table.reference:
                return gate_frame(key, references[table.name], day, gates)
            return gate_table(con, key, day, gates)

        def checks() -> Iterator[dg.AssetCheckResult]:
            for check in stage.checks:
                yield check.result(stage.key(check.table), built)

        if stage.publish is None:
            # The checks read the built frames: computed first, the frames are let go before the
            # gates read each table back (both at once were the peak of a large clean step).
            # They are still reported last.
            results = list(checks())
            built.clear()
            yield from materializations({})
            yield from (gate(table) for table in stage.tables)
            published = []
        else:  # the checks decide the publication, which the materializations report
            results = [*(gate(table) for table in stage.tables), *checks()]
            published = list(materializations(stage.publish(run, built, all(r.passed for r in results))))
    yield from published
    yield from results
