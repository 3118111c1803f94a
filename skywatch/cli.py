"""The `skywatch` command: run the pipeline, open the UI, query the warehouse.

    skywatch run [--input PATH] [--warehouse PATH] [--day YYYY-MM-DD]
    skywatch backfill --from YYYY-MM-DD --to YYYY-MM-DD [--landing ROOT] [--warehouse PATH]
    skywatch report [--since YYYY-MM-DD] [--output FILE] [--warehouse PATH]
    skywatch ui [--warehouse PATH] [--port N]
    skywatch query "SQL" | --file F.sql | --macros [--warehouse PATH]
    skywatch eval --cases F.jsonl --gold F.json ...

This module never imports Dagster: the commands that run it (`run`, `backfill`, `eval` and
`ui`) get it from a `Runner`, which the console script (`skywatch.pipelines.cli`) passes in.
Dagster is imported only by those, so `query` and `report` start fast.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from skywatch.paths import (
    DEFAULT_WAREHOUSE,
    ENV_DATA_DOCS,
    MACROS_SQL,
    SAMPLE_LANDING,
    default_data_docs_dir,
)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RunPlan:
    """One partition to run: the day, the landing root and, for ad-hoc input, the path."""

    day: str
    landing_root: str
    adhoc_input: str = ""


@dataclass(frozen=True)
class Runner:
    """The Dagster-running part of the commands, given by the wiring (`skywatch.pipelines.cli`).

    `execute_plans(plans, warehouse, log_level, debug)` runs each plan as one partition run of
    the daily job and returns (exit status, days run); `ui(args)` serves the Dagster UI.
    """

    execute_plans: Callable[[list[RunPlan], str, str, bool], tuple[int, list[str]]]
    ui: Callable[[argparse.Namespace], int]


def plan_runs(path: Path, day: str | None = None) -> list[RunPlan]:
    """What `skywatch run --input PATH` runs.

    A landing root (sub-folders named by day) runs each day; a folder named by a day runs
    that day; any other folder or file is read as the landing of `day` (default: today, UTC).
    """
    if not path.exists():
        raise SystemExit(f"skywatch run --input: input not found: {path}")
    path = path.resolve()
    if path.is_dir():
        days = sorted(p.name for p in _subfolders(path) if _DAY.match(p.name))
        if days and day is None:
            _report_strays(path)
            runnable = [d for d in days if _runnable_day(d, path / d)]
            if not runnable:
                raise SystemExit(f"skywatch run --input: no day folder of {path} is a valid arrival day")
            return [RunPlan(d, str(path)) for d in runnable]
        if _DAY.match(path.name) and day is None:
            parse_partition_day(path.name, f"skywatch run --input {path}")
            return [RunPlan(path.name, str(path.parent))]
    chosen = day or datetime.now(UTC).date().isoformat()
    parse_partition_day(chosen, "skywatch run --day")
    return [RunPlan(chosen, str(path.parent), adhoc_input=str(path))]


def _report_strays(root: Path) -> None:
    """One line per entry of the landing root that no day reads: it is in no table, so say so."""
    from skywatch.ingest import stray_landing_entries

    for name, reason in stray_landing_entries(root):
        print(f"skywatch: skipped {name} in the landing root: {reason}", file=sys.stderr)


def _subfolders(path: Path) -> list[Path]:
    """The folders directly under `path`, symlinks not followed; unreadable ones are skipped."""
    try:
        return [p for p in path.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError as exc:
        raise SystemExit(f"skywatch run --input: cannot list {path}: {exc.strerror}") from None


def _runnable_day(name: str, folder: Path) -> bool:
    """A day folder runs when its name is a real arrival day; otherwise it is named and skipped."""
    try:
        parse_partition_day(name, "day folder")
    except SystemExit as exc:
        print(f"skywatch run: skipped {folder}: {exc}", file=sys.stderr)
        return False
    return True


def parse_day(value: str, option: str) -> date:
    """A YYYY-MM-DD option value, or a clear exit naming the option (not a traceback)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


def parse_partition_day(value: str, option: str) -> date:
    """An arrival day that is a partition: from the first day of the partitions to today (UTC)."""
    from skywatch.ingest import FIRST_DAY

    day = parse_day(value, option)
    first, last = date.fromisoformat(FIRST_DAY), datetime.now(UTC).date()
    if not first <= day <= last:
        raise SystemExit(f"{option}: {value} is outside the arrival days {first} to {last} (today, UTC)")
    return day


def backfill_plans(first: str, last: str, landing_root: Path) -> list[RunPlan]:
    """One run per day from `first` to `last` (inclusive) over the landing root's day folders.

    A day without a folder still runs: its partitions are written empty, so a re-run after a
    day's files were withdrawn leaves nothing stale behind.
    """
    start = parse_partition_day(first, "skywatch backfill --from")
    end = parse_partition_day(last, "skywatch backfill --to")
    if end < start:
        raise SystemExit(f"skywatch backfill: --to {last} is before --from {first}")
    if not landing_root.is_dir():
        raise SystemExit(f"skywatch backfill: landing root not found: {landing_root}")
    _report_strays(landing_root)
    root = str(landing_root.resolve())
    return [RunPlan((start + timedelta(days=i)).isoformat(), root)
            for i in range((end - start).days + 1)]


def run_pipeline(runner: Runner, input_path: Path, warehouse: str, day: str | None = None,
                 log_level: str = "INFO", debug: bool = False) -> tuple[int, list[str]]:
    """Run every stage over the input through Dagster in-process; (exit status, days run)."""
    return runner.execute_plans(plan_runs(input_path, day), warehouse, log_level, debug)


def _runner(args: argparse.Namespace) -> Runner:
    if args.runner is None:
        raise SystemExit(f"skywatch {args.command}: Dagster is not wired in: run it through the "
                         "`skywatch` command (skywatch.pipelines.cli)")
    return args.runner


def debug_env() -> bool:
    return os.environ.get("SKYWATCH_DEBUG", "") not in ("", "0")


def check_warehouse_writable(warehouse: str) -> None:
    """Open the warehouse read-write once before any run: a file in use by another process or a
    corrupt file is one clear line here, not a failed step with a stack trace."""
    import duckdb

    from skywatch.errors import user_message
    from skywatch.warehouse import duckdb_memory_limit

    path = Path(warehouse)
    if path.exists() and path.is_dir():
        raise SystemExit(f"skywatch: --warehouse {warehouse} is a folder, not a DuckDB file")
    try:
        duckdb_memory_limit()  # a bad $SKYWATCH_DUCKDB_MEMORY is one line now, not a failed stage
    except ValueError as exc:
        raise SystemExit(f"skywatch: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error as exc:
        raise SystemExit(user_message(exc, "skywatch")) from None


def cmd_run(args: argparse.Namespace) -> int:
    warehouse = str(Path(args.warehouse).resolve())
    status, days = run_pipeline(_runner(args), Path(args.input), warehouse, args.day, debug=args.debug)
    _print_summary(warehouse, days)
    report = None
    if args.report:
        from skywatch.report import ReportError, write_report

        try:
            report = write_report(warehouse, args.report)
        except ReportError as exc:
            print(f"skywatch run: no report: {exc}", file=sys.stderr)
    if not args.quiet:
        _print_next_steps(warehouse, status, report)
    return status


def cmd_backfill(args: argparse.Namespace) -> int:
    warehouse = str(Path(args.warehouse).resolve())
    plans = backfill_plans(args.first, args.last, Path(args.landing))
    status, days = _runner(args).execute_plans(plans, warehouse, "INFO", args.debug)
    _print_summary(warehouse, days)
    return status


def cmd_report(args: argparse.Namespace) -> int:
    from skywatch.report import ReportError, write_report

    if not Path(args.warehouse).exists():
        print(f"skywatch report: no warehouse at {args.warehouse}; run `skywatch run` first",
              file=sys.stderr)
        return 2
    since = parse_day(args.since, "skywatch report --since") if args.since else None
    try:
        out = write_report(args.warehouse, args.output, since)
    except ReportError as exc:
        print(f"skywatch report: {exc}", file=sys.stderr)
        return 2
    print(f"report written: {out.resolve()}")
    return 0


def _print_next_steps(warehouse: str, status: int, report: Path | None = None) -> None:
    """Where to look once the warehouse is filled (the README's first command ends here)."""
    docs = Path(os.environ.get(ENV_DATA_DOCS) or default_data_docs_dir(warehouse)) / "index.html"
    report_line = (f"  HTML report:       {report.resolve()}  (open in a browser)" if report else
                   "  HTML report:       .venv/bin/skywatch report --output warehouse/report.html")
    lines = [
        "",
        "Where to look next:" if status == 0 else "Gates failed (see above); what was written is here:",
        "  Dagster UI:        make ui   (http://127.0.0.1:3000: asset graph, checks, charts, backfills)",
        report_line,
        '  Example query:     .venv/bin/skywatch query "from drones_destroyed()"',
        "                     .venv/bin/skywatch query --file "
        "warehouse/queries/01_drones_destroyed_per_region_last_week.sql",
        f"  Gate Data Docs:    {docs}",
        f"  Warehouse (SQL):   {warehouse}  (tables: warehouse/README.md)",
    ]
    print("\n".join(lines))


_SUMMARY_SQL = {
    "raw.inputs": "select count(*) from raw.inputs where arrival_date in ({days})",
    "raw.articles": "select count(*) from raw.articles where arrival_date in ({days})",
    "raw.rejected": "select count(*) from raw.rejected where arrival_date in ({days})",
    "clean.articles": "select count(*) from clean.articles where arrival_date in ({days})",
    "  of which duplicates": "select count(*) from clean.articles "
                             "where arrival_date in ({days}) and duplicate_of is not null",
    "clean.set_aside": "select count(*) from clean.set_aside where arrival_date in ({days})",
    "clean.sentences": "select count(*) from clean.sentences where arrival_date in ({days})",
    "extract.claims": "select count(*) from extract.claims where arrival_date in ({days})",
    "extract.claim_quantities": "select count(*) from extract.claim_quantities "
                                "where arrival_date in ({days})",
    "extract.mentions": "select count(*) from extract.mentions where arrival_date in ({days})",
    "resolve.claims": "select count(*) from resolve.claims where arrival_date in ({days})",
    "  placed in a region": "select count(*) from resolve.claims "
                            "where arrival_date in ({days}) and admin1_code is not null",
    "  with a known claimant": "select count(*) from resolve.claims "
                               "where arrival_date in ({days}) and claimant_id is not null",
    "resolve.events": "select count(*) from resolve.events where arrival_date in ({days})",
    "  told by 2+ articles": "select count(*) from resolve.events "
                             "where arrival_date in ({days}) and n_articles > 1",
    "marts.daily_region_activity": "select count(*) from marts.daily_region_activity "
                                   "where arrival_date in ({days})",
    "marts.claimant_tallies": "select count(*) from marts.claimant_tallies where arrival_date in ({days})",
    "marts.infrastructure_hits": "select count(*) from marts.infrastructure_hits "
                                 "where arrival_date in ({days})",
}


def _print_summary(warehouse: str, days: list[str]) -> None:
    """Rows per table for the days run. A day that was not published (a gate failed) is counted
    from this run's drafts and said to be unpublished."""
    import duckdb

    from skywatch.publish import drafted_tables, staged

    if not Path(warehouse).exists():
        return
    con = duckdb.connect(warehouse, read_only=True)
    try:
        print(f"\nwarehouse {warehouse}, days {', '.join(days)}")
        pending = [d for d in days if drafted_tables(con, date.fromisoformat(d))]
        if pending:
            print(f"  NOT published (a gate failed; counts of this run's drafts): {', '.join(pending)}")
        for label, sql in _SUMMARY_SQL.items():
            n: int | str = 0
            for day in days:
                try:
                    n += con.execute(staged(con, sql.format(days="?"), date.fromisoformat(day)),
                                     [date.fromisoformat(day)]).fetchone()[0]
                except duckdb.CatalogException:
                    n = "-"  # the stage never ran on this warehouse
                    break
            print(f"  {label:24s} {n}")
        reasons: dict[str, int] = {}
        for day in days:
            sql = staged(con, "select reason, count(*) from raw.rejected where arrival_date = ? group by 1",
                         date.fromisoformat(day))
            for reason, count in con.execute(sql, [date.fromisoformat(day)]).fetchall():
                reasons[reason] = reasons.get(reason, 0) + count
        if reasons:
            print("  rejected by reason: " + ", ".join(
                f"{r} {n}" for r, n in sorted(reasons.items(), key=lambda kv: -kv[1])))
    except duckdb.CatalogException:
        pass
    finally:
        con.close()


def cmd_query(args: argparse.Namespace) -> int:
    """Read-only SQL: see `skywatch.query` for what is refused and why."""
    if args.macros:
        print(MACROS_SQL.read_text())
        return 0
    from skywatch.query import main_query

    return main_query(args.warehouse, args.sql, args.file, args.max_rows)


def cmd_eval(args: argparse.Namespace) -> int:
    import json
    import tempfile

    import duckdb

    from skywatch import evaluate

    if not args.cases and not args.gold:
        print("skywatch eval: give --cases and/or --gold", file=sys.stderr)
        return 2
    lines = Path(args.cases).read_text().splitlines() if args.cases else []
    cases = [json.loads(line) for line in lines if line.strip()]
    golds = [(Path(g), json.loads(Path(g).read_text())) for g in args.gold]
    work = Path(tempfile.mkdtemp(prefix="skywatch-eval-"))
    feed = work / "eval.jsonl"
    evaluate.write_cases_jsonl(cases, feed)
    for path, gold in golds:
        evaluate.write_gold_texts_jsonl(gold, evaluate.gold_texts_dir(path), feed)
    warehouse = str(Path(args.warehouse).resolve()) if args.warehouse else str(work / "eval.duckdb")
    status, _ = run_pipeline(_runner(args), feed, warehouse, args.day, log_level="WARNING",
                             debug=args.debug)
    if status:
        print("skywatch eval: the pipeline's gates failed; scores below are partial", file=sys.stderr)
    con = duckdb.connect(warehouse, read_only=True)
    try:
        claims = evaluate.load_claims(con, parse_day(args.day, "skywatch eval --day"))
    finally:
        con.close()
    report = evaluate.Report()
    evaluate.score_cases(cases, claims, report)
    for path, gold in golds:
        prefix = "seed" if path.name == "gold.json" else "article"
        evaluate.score_gold(gold, claims, prefix, report)
    print("\n".join(report.lines()))
    if cases:
        print("\n".join(evaluate.family_lines(cases, claims)))
    print(f"warehouse: {warehouse}")
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_json(), indent=1))
    return status


def cmd_ui(args: argparse.Namespace) -> int:
    return _runner(args).ui(args)


def _port(value: str) -> int:
    """A TCP port for the UI: a number from 1024 to 65535 (argparse prints the error)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 1024 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is outside 1024-65535")
    return port


def build_parser(runner: Runner | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skywatch", description=__doc__.split("\n")[0])
    parser.set_defaults(runner=runner)
    sub = parser.add_subparsers(dest="command", required=True)
    default_wh = os.environ.get("SKYWATCH_WAREHOUSE", str(DEFAULT_WAREHOUSE))

    run = sub.add_parser("run", help="run every stage over a folder, landing day or file")
    run.add_argument("--input", default=str(SAMPLE_LANDING),
                     help="landing root, landing day, folder or .jsonl/.txt file "
                          "(default: the bundled sample corpus)")
    run.add_argument("--warehouse", default=default_wh)
    run.add_argument("--day", default=None,
                     help="arrival day for input that is not a landing day (default: today, UTC)")
    run.set_defaults(func=cmd_run)

    run.add_argument("--report", help="also write the HTML report of `skywatch report` here")
    run.add_argument("--quiet", action="store_true", help="no 'where to look next' lines")

    backfill = sub.add_parser("backfill", help="run every stage for each day of a date range")
    backfill.add_argument("--from", dest="first", required=True, help="first arrival day, YYYY-MM-DD")
    backfill.add_argument("--to", dest="last", required=True, help="last arrival day, YYYY-MM-DD")
    backfill.add_argument("--landing", default=os.environ.get("SKYWATCH_LANDING", str(SAMPLE_LANDING)),
                          help="landing root with one folder per day (default: $SKYWATCH_LANDING, "
                               "else the sample corpus)")
    backfill.add_argument("--warehouse", default=default_wh)
    backfill.set_defaults(func=cmd_backfill)

    report = sub.add_parser("report", help="a self-contained HTML page of the marts")
    report.add_argument("--since", help="first event date, YYYY-MM-DD (default: everything)")
    report.add_argument("--output", default="warehouse/report.html")
    report.add_argument("--warehouse", default=default_wh)
    report.set_defaults(func=cmd_report)

    ui = sub.add_parser("ui", help="the Dagster UI on 127.0.0.1")
    ui.add_argument("--warehouse", default=default_wh)
    ui.add_argument("--port", type=_port, default=3000, help="1024-65535 (default 3000)")
    ui.set_defaults(func=cmd_ui)

    ev = sub.add_parser("eval", help="score extraction on labelled cases and/or gold articles")
    ev.add_argument("--cases", help="labelled cases, JSON Lines")
    ev.add_argument("--gold", action="append", default=[],
                    help="gold events of whole articles (texts: <id>.txt beside it or in articles/)")
    ev.add_argument("--warehouse", help="keep the warehouse here (default: a temporary file)")
    ev.add_argument("--day", default="2026-01-01", help="arrival day the texts are filed under")
    ev.add_argument("--json", help="also write the scores and misses as JSON")
    ev.set_defaults(func=cmd_eval)

    query = sub.add_parser("query", help="read-only SQL against the warehouse, with the macros of "
                                         "warehouse/macros.sql loaded (--macros lists them)")
    query.add_argument("sql", nargs="?")
    query.add_argument("--file")
    query.add_argument("--warehouse", default=default_wh)
    query.add_argument("--max-rows", type=int, default=100)
    query.add_argument("--macros", action="store_true", help="print the macros and what they answer")
    query.set_defaults(func=cmd_query)
    for command in sub.choices.values():
        command.add_argument("--debug", action="store_true",
                             help="show Dagster's full log and the traceback of an error "
                                  "(also SKYWATCH_DEBUG=1)")
    return parser


def main(argv: list[str] | None = None, runner: Runner | None = None) -> int:
    """The command line; any error is one line on stderr (exit 1), `--debug` shows the traceback.

    `runner` runs Dagster for `run`, `backfill`, `eval` and `ui`; without one (this module run
    alone) those commands stop with one line saying so."""
    args = build_parser(runner).parse_args(argv)
    debug = getattr(args, "debug", False) or debug_env()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print(f"skywatch {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a person reads this
        if debug:
            raise
        from skywatch.errors import user_message

        print(user_message(exc, f"skywatch {args.command}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
