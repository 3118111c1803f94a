"""Benchmark: generate N articles, land them in one day and time the daily job on them.

    python bench/bench_ingest_clean.py --articles 10000 [--war-share 0.1] [--corpus news|filler]
                                       [--words 600] [--keep DIR] [--no-pure]

By default the articles are the realistic news prose of `bench/news_corpus.py` (300-900 words,
`--war-share` of them about the air war, default one in ten; retellings, re-posts with page
boilerplate and exact copies among them). `--corpus filler` gives the earlier templated filler
of about `--words` words, with boilerplate lines, exact copies and re-posts, to reproduce old
figures. The articles land in one landing day, half as .txt files and half as lines of a .jsonl
feed. The timed part is the real Dagster job (`skywatch_daily`, in-process: raw, clean, extract,
resolve and marts, every gate) over that day into a fresh DuckDB file, with the seconds of each
step (a stage with its gates and checks), the process's peak memory and each step's peak
(resident memory sampled every 0.2 s); pure-Python ingest and clean are timed before it unless
`--no-pure` (they run in the same process, so their memory counts in the peak).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["Belgorod", "Kursk", "Bryansk", "Voronezh", "Rostov", "Tula", "Kaluga", "Lipetsk",
          "Kharkiv", "Sumy", "Odesa", "Dnipro", "Zaporizhzhia", "Kyiv", "Lviv", "Poltava"]
SUBJECTS = ["Air defence units", "The regional governor", "Emergency services", "The ministry",
            "Local officials", "Witnesses", "Energy engineers", "The city administration"]
VERBS = ["reported", "said", "confirmed", "wrote", "announced", "added", "warned", "noted"]
OBJECTS = ["damage to a substation", "debris on a residential street", "a fire at a warehouse",
           "broken windows in several buildings", "power cuts in two districts",
           "drones over the region", "a missile strike near the port", "a closed highway"]
FILLER = ["during the night", "early on Tuesday", "in the past 24 hours", "late in the evening",
          "according to preliminary information", "after an alert lasting two hours"]
BOILERPLATE = ["READ MORE: OFFICIALS REVIEW SHELTER CAPACITY IN BORDER DISTRICTS",
               "Share this article", "Subscribe to our newsletter for daily updates"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(SUBJECTS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS)} {rng.choice(FILLER)}, with {rng.randint(2, 90_000):,} "
            f"people affected and {rng.randint(1, 60)} crews at work on site number "
            f"{rng.randint(1, 10**6)}.")


def article(rng: random.Random, words: int) -> tuple[str, str]:
    body, n = [], 0
    while n < words:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        body.append(paragraph)
        n += len(paragraph.split())
        if rng.random() < 0.03:
            body.append(rng.choice(BOILERPLATE))
    return f"{rng.choice(SUBJECTS)} report incident in {rng.choice(PLACES)}", "\n\n".join(body)


def generate(day_dir: Path, n: int, words: int, seed: int = 7) -> None:
    """The earlier filler corpus (`--corpus filler`)."""
    rng = random.Random(seed)
    day_dir.mkdir(parents=True, exist_ok=True)
    previous: list[tuple[str, str]] = []
    with (day_dir / "feed.jsonl").open("w") as feed:
        for i in range(n):
            roll = rng.random()
            if previous and roll < 0.02:    # an exact copy of an earlier story
                title, body = rng.choice(previous)
            elif previous and roll < 0.04:  # a re-post with a new first paragraph
                title, body = rng.choice(previous)
                body = sentence(rng) + "\n\n" + body.split("\n\n", 1)[-1]
            else:
                title, body = article(rng, words)
                previous.append((title, body))
            if i % 2:
                feed.write(json.dumps({"id": f"feed-{i:06d}", "title": title, "text": body}) + "\n")
            else:
                (day_dir / f"story-{i:06d}.txt").write_text(f"{title}\n\n{body}\n")


def generate_news(day_dir: Path, n: int, war_share: float, seed: int = 7) -> None:
    """The realistic corpus of `news_corpus.py` as a landing day, every article published that day."""
    from datetime import date

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from news_corpus import generate as generate_articles
    from news_corpus import write_landing

    day = date.fromisoformat(day_dir.name)
    write_landing(day_dir, generate_articles(n, war_share, seed=seed, start=day, per_day=max(n, 1)))


def time_phases(day_dir: Path) -> dict[str, float]:
    """Pure-Python ingest and clean, without Dagster, gates or DuckDB."""
    from datetime import date

    import polars as pl

    from skywatch.clean import clean_articles
    from skywatch.ingest import ingest_path

    t0 = time.perf_counter()
    result = ingest_path(day_dir)
    t1 = time.perf_counter()
    clean_articles(result.articles.with_columns(pl.lit(date(2026, 1, 1)).alias("arrival_date")))
    t2 = time.perf_counter()
    return {"ingest_s": t1 - t0, "clean_s": t2 - t1}


class MemorySampler:
    """The process's resident memory every 0.2 s on a thread, for the peak of each step."""

    def __init__(self, every: float = 0.2):
        import threading

        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def _run(self, every: float) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.wait(every):
            with open("/proc/self/statm") as statm:
                self.samples.append((time.time(), int(statm.read().split()[1]) * page))

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def peak_mb(self, start: float, end: float) -> float:
        inside = [rss for t, rss in self.samples if start <= t <= end]
        return max(inside, default=0) / 2**20


def time_job(landing: Path, day: str, warehouse: Path) -> tuple[float, dict[str, float], dict[str, float]]:
    """Seconds of the whole daily job and of each of its steps (a stage with its gates and checks),
    and each step's peak resident memory in MB (sampled; 0 where /proc is missing)."""
    import dagster as dg

    from skywatch.pipelines.definitions import build_definitions
    from skywatch.pipelines.schedules import DAILY_JOB

    defs = build_definitions(warehouse=str(warehouse), landing_root=str(landing))
    job = defs.resolve_job_def(DAILY_JOB)
    instance = dg.DagsterInstance.ephemeral()
    start = time.perf_counter()
    with MemorySampler() if Path("/proc/self/statm").exists() else contextlib.nullcontext() as sampler:
        result = job.execute_in_process(
            partition_key=day, raise_on_error=False, instance=instance,
            run_config={"loggers": {"one_line_console": {"config": {"log_level": "WARNING"}}}})
    elapsed = time.perf_counter() - start
    stats = instance.get_run_step_stats(result.run_id)
    steps = {s.step_key: (s.end_time or 0) - (s.start_time or 0) for s in stats}
    memory = {s.step_key: sampler.peak_mb(s.start_time or 0, s.end_time or 0) if sampler else 0.0
              for s in stats}
    if not result.success:
        from skywatch.errors import step_failure_lines

        failed = [f"{'/'.join(e.asset_key.path)} {e.check_name}: {e.description or ''}"
                  for e in result.get_asset_check_evaluations() if not e.passed]
        raise SystemExit("the benchmark run failed its gates:\n  "
                         + "\n  ".join(failed + step_failure_lines(result)))
    return elapsed, steps, memory


def peak_memory_mb() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--war-share", type=float, default=0.1,
                        help="share of air-war articles (news corpus)")
    parser.add_argument("--corpus", choices=("news", "filler"), default="news",
                        help="news: realistic prose (bench/news_corpus.py); filler: the earlier templates")
    parser.add_argument("--words", type=int, default=600, help="article length of --corpus filler")
    parser.add_argument("--keep", type=Path, help="generate here and keep the files")
    parser.add_argument("--no-pure", dest="pure", action="store_false",
                        help="skip the pure-Python ingest and clean timed before the job (their "
                             "memory would count in the job's peak)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="skywatch-bench-"))
    day = "2026-01-01"
    landing = work / "landing"
    start = time.perf_counter()
    if args.corpus == "news":
        generate_news(landing / day, args.articles, args.war_share)
        what = f"news articles ({args.war_share:.0%} about the air war)"
    else:
        generate(landing / day, args.articles, args.words)
        what = f"filler articles of ~{args.words} words"
    print(f"generated {args.articles} {what} in {time.perf_counter() - start:.1f}s under {landing}")
    if args.pure:
        phases = time_phases(landing / day)
        print(f"pure Python: ingest {phases['ingest_s']:.1f}s, clean {phases['clean_s']:.1f}s")
    elapsed, steps, memory = time_job(landing, day, work / "bench.duckdb")
    rate = args.articles / elapsed
    print(f"daily job (all five stages) through Dagster with gates: {elapsed:.1f}s "
          f"({rate:.0f} articles/s) for {args.articles} articles; peak memory {peak_memory_mb():.0f} MB")
    print("per step: " + ", ".join(f"{key} {seconds:.1f}s" for key, seconds in steps.items()))
    print("peak memory per step: " + ", ".join(f"{key} {mb:.0f} MB" for key, mb in memory.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
