"""Benchmark: a backfill of many small days, as a user runs it (`skywatch backfill`, a new process).

    python bench/bench_backfill.py [--days 30] [--per-day 15] [--war-share 0.5] [--keep DIR]

Generates `--days` landing days of `--per-day` articles each with `bench/news_corpus.py` (seeded:
the same text on every run; each article lands on the day it was published) and times one
`skywatch backfill --from FIRST --to LAST` over them into a fresh DuckDB file: every stage and
every gate of every day, one process for the whole range. Prints the wall time, the time per day
and the process's peak memory. Issue 15's target: 30 days of about 15 articles in 3 minutes.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

FIRST_DAY = date(2026, 11, 1)


def write_days(landing: Path, days: int, per_day: int, war_share: float, seed: int = 11) -> list[str]:
    """`days` landing days of `per_day` generated articles each; their folder names."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from news_corpus import generate, write_landing

    articles = generate(days * per_day, war_share, seed=seed, start=FIRST_DAY, per_day=per_day)
    by_day = defaultdict(list)
    for article in articles:
        by_day[article.published_at.date().isoformat()].append(article)
    wanted = {(FIRST_DAY + timedelta(days=i)).isoformat() for i in range(days)}
    for day, day_articles in by_day.items():
        if day in wanted:  # retellings may be published a day after the last one
            write_landing(landing / day, day_articles)
    return sorted(wanted)


def _articles_in(day_dir: Path) -> int:
    """The articles of a landing day: its .txt files and the lines of its feed."""
    feed = day_dir / "feed.jsonl"
    lines = feed.read_text(encoding="utf-8").count("\n") if feed.exists() else 0
    return lines + sum(1 for f in day_dir.iterdir() if f.suffix == ".txt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=15)
    parser.add_argument("--war-share", type=float, default=0.5)
    parser.add_argument("--keep", help="folder for the landing and the warehouse (default: temporary)")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="skywatch-bench-backfill-"))
    landing, warehouse = folder / "landing", folder / "warehouse" / "bench.duckdb"
    days = write_days(landing, args.days, args.per_day, args.war_share)
    n_articles = sum(_articles_in(landing / d) for d in days)
    skywatch = Path(sys.executable).parent / "skywatch"
    command = [str(skywatch), "backfill", "--from", days[0], "--to", days[-1], "--landing", str(landing),
               "--warehouse", str(warehouse)]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
        print(f"backfill exited {done.returncode}", file=sys.stderr)
    print(f"{len(days)} days, {n_articles} articles ({args.war_share:.0%} about the air war): "
          f"{seconds:.1f} s, {seconds / len(days):.2f} s a day, peak memory {peak_mb:.0f} MB "
          f"(target: 30 days in 180 s)")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
