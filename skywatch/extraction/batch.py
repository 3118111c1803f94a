"""Extraction of a batch: frames in, frames out. Relevant sentences are split into chunks (two
forked workers for a large batch), each article extracted under a time limit; an article whose
extraction raises or hangs is quarantined as a row of `failed` and the rest go on. Also the
place candidates of every article (`extract.place_candidates`), which resolution reads.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import polars as pl

from skywatch import lexicon, plausibility
from skywatch.claimants import (
    Speaker,
    may_name_a_speaker,
    person_name,
    titled_people,
)
from skywatch.extraction.claims import article_claims, lead_place
from skywatch.extraction.facts import Facts, sentence_facts
from skywatch.extraction.people import is_person_name, speaker_entities
from skywatch.extraction.place_context import real_places
from skywatch.extraction.relevance import follow_ups, mark_relevant, may_follow_up
from skywatch.extraction.rows import (
    CLAIM_SCHEMA,
    MENTION_SCHEMA,
    PLACE_CANDIDATE_SCHEMA,
    QUANTITY_SCHEMA,
    claim_rows,
    sentence_mentions,
)
from skywatch.extraction.version import EXTRACTOR_VERSION
from skywatch.isolation import Failure, failures_frame, guard, isolate, time_limit
from skywatch.nlp import load_model
from skywatch.places import warm_place_lookups
from skywatch.text import inset_headlines


@dataclass
class ExtractResult:
    claims: pl.DataFrame
    quantities: pl.DataFrame
    mentions: pl.DataFrame
    n_sentences: int
    n_relevant: int
    failed: pl.DataFrame = field(default_factory=lambda: failures_frame([]))
    place_candidates: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=PLACE_CANDIDATE_SCHEMA))

    @property
    def skipped_share(self) -> float:
        return 1 - self.n_relevant / self.n_sentences if self.n_sentences else 0.0


# Above this many relevant sentences the rules run in two forked processes (2 cores); below
# it the fork and the pickling of results cost more than they save.
PARALLEL_MIN_SENTENCES = 5000
WORKERS = 2
# A worker that returns nothing within this budget is taken for hung (a deadlock after fork, a
# killed child): its chunk is failed and retried once in-process. Measured extraction runs at
# about 1,000 relevant sentences/s, so the per-sentence allowance is ~100 times that.
WORKER_BASE_SECONDS = 120.0
WORKER_SECONDS_PER_SENTENCE = 0.1
# In-process, one article may take this long (plus a per-character allowance) before it is
# failed as hung; extraction is linear in text length, so this only catches real hangs.
ARTICLE_BASE_SECONDS = 60.0
ARTICLE_SECONDS_PER_CHAR = 0.0005


def extract_batch(articles: pl.DataFrame, sentences: pl.DataFrame | Iterable[pl.DataFrame],
                  progress: Callable[[str], None] | None = None) -> ExtractResult:
    """Claims, quantities and mentions of a batch of clean articles and their sentences.

    `sentences` (SENTENCE_COLUMNS) come whole or as consecutive frames, sifted one at a time.
    `articles` needs article_id, published_at, arrival_date; exact duplicates should be
    left out by the caller (their claims would only repeat the original's). An article whose
    extraction raises (or hangs) is left out and becomes a row of `failed`; the rest go on.
    """
    sifted = _sift(sentences)
    relevant = _mark_inset_headlines(sifted.relevant, articles).sort("article_id", "sentence_index")
    anchors = {r["article_id"]: (r["published_at"], r.get("arrival_date"))
               for r in articles.iter_rows(named=True)}
    n_chunks = WORKERS if relevant.height >= PARALLEL_MIN_SENTENCES else 1
    chunks = _article_chunks(relevant, n_chunks)
    job = _ChunkJob(anchors, sifted.unverified_next, _unread_leads(sifted.skipped_leads, relevant),
                    _unread_scenes(sifted.skipped_scenes))
    parts = _run_chunks(job, chunks)
    if progress:
        progress(f"extract: {relevant.height} relevant sentences in {len(chunks)} process(es)")
    failures = [f for part in parts for f in part.failures]
    frames, frame_failures = _frames([a for part in parts for a in part.articles])
    candidates = place_candidates(articles, frames[0]["article_id"].unique(maintain_order=True).to_list(),
                                  failures)
    failed = {f.article_id for f in failures + frame_failures}
    claims = frames[0].filter(~pl.col("article_id").is_in(list(failed)))
    return ExtractResult(
        claims=claims, quantities=frames[1].filter(pl.col("claim_id").is_in(claims["claim_id"].implode())),
        mentions=frames[2].filter(~pl.col("article_id").is_in(list(failed))),
        n_sentences=sifted.n_sentences, n_relevant=relevant.height,
        failed=failures_frame(failures + frame_failures), place_candidates=candidates,
    )


SENTENCE_COLUMNS = {"article_id": pl.String, "sentence_index": pl.Int64, "start": pl.Int64,
                    "end": pl.Int64, "text": pl.String}


@dataclass
class _Sifted:
    """What extraction keeps of a batch's sentences after the cheap filter."""

    relevant: pl.DataFrame  # the relevant sentences (SENTENCE_COLUMNS and `relevant`)
    skipped_leads: pl.DataFrame  # article_id, start, text of first sentences the filter skipped
    # article_id, sentence_index, start, text of skipped sentences right before a relevant one
    skipped_scenes: pl.DataFrame
    unverified_next: set[tuple[str, int]]  # (article_id, index) of sentences followed by "not verified"
    n_sentences: int


def _sift(sentences: pl.DataFrame | Iterable[pl.DataFrame]) -> _Sifted:
    """The cheap filter over the sentences, given whole or as consecutive frames: a day's frames
    are sifted one at a time, so its millions of sentences are never held at once."""
    frames = [sentences] if isinstance(sentences, pl.DataFrame) else sentences
    relevant: list[pl.DataFrame] = []
    maybe_next: list[pl.DataFrame] = []  # skipped sentences that may go on with the one before
    leads: list[pl.DataFrame] = []
    scenes: list[pl.DataFrame] = []
    carried: pl.DataFrame | None = None  # the frame before's last sentence, which may be a scene
    unverified_next: set[tuple[str, int]] = set()
    n_sentences = 0
    for frame in frames:
        marked = mark_relevant(frame.select(list(SENTENCE_COLUMNS)))
        n_sentences += frame.height
        relevant.append(marked.filter(pl.col("relevant")))
        maybe_next.append(may_follow_up(marked))
        leads.append(marked.filter((pl.col("sentence_index") == 0) & ~pl.col("relevant"))
                     .select("article_id", "start", "text"))
        scenes.append(_skipped_before_relevant(marked if carried is None else pl.concat([carried, marked])))
        carried = marked.tail(1)
        # "The figure could not be verified" often stands alone after the claim: remember where.
        unverified_next |= set(marked.filter(pl.col("text").str.contains(
            f"(?i){lexicon.UNVERIFIED.pattern}")).select(
            "article_id", pl.col("sentence_index") - 1).iter_rows())
    if not relevant:  # no frames at all: an empty day read from the warehouse
        empty = mark_relevant(pl.DataFrame(schema=SENTENCE_COLUMNS))
        relevant, leads = [empty], [empty.select("article_id", "start", "text")]
        scenes = [_skipped_before_relevant(empty)]
    first = pl.concat(relevant)
    after = [follow_ups(pl.concat(maybe_next), first)] if maybe_next else []
    return _Sifted(relevant=pl.concat([first, *after]), skipped_leads=pl.concat(leads),
                   skipped_scenes=pl.concat(scenes), unverified_next=unverified_next,
                   n_sentences=n_sentences)


def _skipped_before_relevant(marked: pl.DataFrame) -> pl.DataFrame:
    """The skipped sentences right before a relevant one: the place a relevant sentence points back
    to with "there" or "the town" may be named only there. (`marked` starts with the last sentence
    of the frame before, so that a cut between the two loses no scene.)"""
    after_skipped = marked.filter(pl.col("relevant")).select(
        "article_id", (pl.col("sentence_index") - 1).alias("sentence_index"))
    return marked.filter(~pl.col("relevant")).join(
        after_skipped, on=["article_id", "sentence_index"], how="semi").select(
        "article_id", "sentence_index", "start", "text")


def _unread_scenes(skipped_scenes: pl.DataFrame) -> dict[str, dict[int, tuple[int, str]]]:
    """article_id -> {sentence_index: (start, text)} of `_Sifted.skipped_scenes`."""
    scenes: dict[str, dict[int, tuple[int, str]]] = {}
    for article_id, index, start, text in skipped_scenes.iter_rows():
        scenes.setdefault(article_id, {})[index] = (start, text)
    return scenes


def _unread_leads(skipped_leads: pl.DataFrame, relevant: pl.DataFrame) -> dict[str, tuple[int, str]]:
    """article_id -> (start, text) of the first sentence of each article with a relevant sentence,
    where the filter skipped that first sentence: its place is the story's until a relevant
    sentence names one ("Residents of Sumy spent another night in shelters. ... Five drones
    struck an industrial facility")."""
    wanted = relevant["article_id"].unique().implode()
    leads = skipped_leads.filter(pl.col("article_id").is_in(wanted))
    return {a: (start, text) for a, start, text in leads.select("article_id", "start", "text").iter_rows()}


def _mark_inset_headlines(relevant: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Add `inset_headline`: the sentence is a whole line holding what reads as another story's
    headline (`text.inset_headlines`). Its figures may be that story's, so they are not read."""
    relevant = relevant.with_columns(pl.lit(False).alias("inset_headline"))
    if relevant.is_empty() or "text" not in articles.columns:
        return relevant
    wanted = set(relevant["article_id"].unique().to_list())
    inset = [(article_id, start, end, True)
             for article_id, text in articles.select("article_id", "text").iter_rows()
             if article_id in wanted and text
             for start, end in inset_headlines(text)]
    if not inset:
        return relevant
    marks = pl.DataFrame(inset, schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64,
                                        "inset": pl.Boolean}, orient="row")
    return relevant.join(marks, on=["article_id", "start", "end"], how="left").with_columns(
        pl.col("inset").fill_null(False).alias("inset_headline")).drop("inset")


def place_candidates(articles: pl.DataFrame, article_ids: list[str], failures: list[Failure]) -> pl.DataFrame:
    """Every place phrase of the whole text of each article in `article_ids` (`extract.place_candidates`).

    Resolution chooses a claim's place among these and the article's other places; it reads them
    from the table and never runs the rules of `real_places` itself. An article whose text the
    rules raise on is failed alone (a row of `failures`), like any other extraction error.
    """
    texts = dict(articles.filter(pl.col("article_id").is_in(article_ids))
                 .select("article_id", "text").iter_rows())
    rows: list[dict] = []
    for article_id in article_ids:
        found = guard(article_id, "extract", EXTRACTOR_VERSION,
                      lambda a=article_id: _candidate_rows(a, texts.get(a) or ""), failures)
        rows.extend(found or [])
    return pl.DataFrame(rows, schema=PLACE_CANDIDATE_SCHEMA)


def _candidate_rows(article_id: str, text: str) -> list[dict]:
    places, offices = real_places(text)
    return [{"article_id": article_id, "candidate_index": i, "role": role, "start": p.start, "end": p.end,
             "text": p.text, "place_id": p.place_id, "name": p.name, "kind": p.kind,
             "country_code": p.country_code, "admin1_code": p.admin1_code, "latitude": p.latitude,
             "longitude": p.longitude, "candidates": list(p.candidates),
             "extractor_version": EXTRACTOR_VERSION}
            for role, found in (("place", places), ("office", offices)) for i, p in enumerate(found)]


def _run_chunks(job: _ChunkJob, chunks: list[list[dict]]) -> list[_ChunkResult]:
    """Run the chunks, in forked workers when there are several; the chunk of a worker that
    fails, dies or hangs is retried once in-process."""
    if len(chunks) <= 1:
        return [job(chunk) for chunk in chunks]
    load_model()  # loaded once in the parent, shared with the forked workers
    warm_place_lookups()  # likewise the gazetteer lookups: else each worker builds its own
    context = multiprocessing.get_context("fork")
    workers: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    results: list[_ChunkResult | None] = []
    try:
        for chunk in chunks:
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(target=_work, args=(job, chunk, sender), daemon=True)
            worker.start()
            sender.close()  # the parent's copy: the pipe reads EOF once the worker is gone
            workers.append((worker, receiver))
        for (_, receiver), chunk in zip(workers, chunks, strict=True):
            budget = WORKER_BASE_SECONDS + WORKER_SECONDS_PER_SENTENCE * len(chunk)
            results.append(_receive(receiver, budget))
    finally:
        _stop(workers)
    return [r if r is not None else job(chunk) for r, chunk in zip(results, chunks, strict=True)]


def _work(job: _ChunkJob, chunk: list[dict], sender: Connection) -> None:
    """A forked worker: run the chunk, send its result (or None if it raised) and exit."""
    # Dagster maps SIGTERM to a Python handler; a worker stuck in native code never runs it.
    # The parent kills with SIGKILL anyway, but a plain `kill` from a person should work too.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        result = job(chunk)
    except Exception:  # noqa: BLE001 - the parent retries the chunk in-process, where it is reported
        result = None
    try:
        sender.send(result)
    except Exception:  # noqa: BLE001 - a result that cannot be pickled: retried in-process too
        sender.send(None)
    finally:
        sender.close()


def _receive(receiver: Connection, budget: float) -> _ChunkResult | None:
    """The worker's result, or None if it sent none within `budget` seconds or died."""
    try:
        return receiver.recv() if receiver.poll(budget) else None
    except (EOFError, OSError):  # the worker died before or while sending
        return None


def _stop(workers: list[tuple[multiprocessing.process.BaseProcess, Connection]]) -> None:
    """Kill every worker still alive and reap them all.

    SIGKILL, not SIGTERM: a worker forked from a threaded parent can deadlock in native code
    (a lock another thread held at the fork); SIGTERM is then a Python handler that never
    runs, and a join waits forever (the likely cause of a CI run that hung for 90 minutes).
    """
    for worker, receiver in workers:
        receiver.close()
        if worker.is_alive():
            worker.kill()
    for worker, _ in workers:
        worker.join()


# Frames of one article's rows: (claims, quantities, mentions).
_ArticleRows = tuple[str, list[dict], list[dict], list[dict]]


def _frames(articles: list[_ArticleRows]) -> tuple[tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame],
                                                    list[Failure]]:
    """The three frames of all articles' rows; an article whose values a frame refuses (a number
    beyond Int64, a string that is not UTF-8) is found by halving and failed alone."""
    by_id = {a[0]: a for a in articles}

    def build(ids: list[str]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        chosen = [by_id[i] for i in ids]
        return (pl.DataFrame([r for a in chosen for r in a[1]], schema=CLAIM_SCHEMA),
                pl.DataFrame([q for a in chosen for q in a[2]], schema=QUANTITY_SCHEMA),
                pl.DataFrame([m for a in chosen for m in a[3]], schema=MENTION_SCHEMA))

    return isolate(list(by_id), build, "extract", EXTRACTOR_VERSION)


def _with_titled_people(text: str, people: list[Speaker]) -> list[Speaker]:
    """The NER's people and the names after a title it missed or cut short ("Kharkiv Mayor Ihor
    Terekhov said", "... Administration Oleksandr Prokudin", found as "Prokudin"): a name the small
    model does not know. A titled name that is a place's is none."""
    titled = [Speaker(name, start, end, "person") for name, start, end in titled_people(text)
              if is_person_name(name)]
    kept = [p for p in people if not any(t.start <= p.start and p.end <= t.end
                                         and t.end - t.start > p.end - p.start for t in titled)]
    return sorted(kept + [t for t in titled if not any(p.start < t.end and t.start < p.end for p in kept)],
                  key=lambda s: s.start)


def _article_chunks(relevant: pl.DataFrame, n: int) -> list[list[dict]]:
    """Relevant sentence rows split into `n` chunks, never splitting an article."""
    rows = relevant.to_dicts()
    if n <= 1 or not rows:
        return [rows]
    chunks: list[list[dict]] = [[] for _ in range(n)]
    size = len(rows) / n
    current = 0
    for i, row in enumerate(rows):
        if (current < n - 1 and i >= size * (current + 1)
                and row["article_id"] != rows[i - 1]["article_id"]):
            current += 1
        chunks[current].append(row)
    return [c for c in chunks if c]


@dataclass
class _ChunkResult:
    articles: list[_ArticleRows]
    failures: list[Failure]


@dataclass
class _ChunkJob:
    """Extraction of one chunk of relevant sentences (run in a forked worker for a large batch)."""

    anchors: dict
    unverified_next: set
    leads: dict = field(default_factory=dict)  # `_unread_leads`
    scenes: dict = field(default_factory=dict)  # `_unread_scenes`

    def __call__(self, rows: list[dict]) -> _ChunkResult:
        people = self._people([r["text"] for r in rows])
        per_article: dict[str, list[tuple[dict, list[Speaker] | None]]] = {}
        for row, found in zip(rows, people, strict=True):
            per_article.setdefault(row["article_id"], []).append((row, found))
        done: list[_ArticleRows] = []
        failures: list[Failure] = []
        for article_id, article_rows in per_article.items():
            chars = sum(len(r["text"]) for r, _ in article_rows)
            budget = ARTICLE_BASE_SECONDS + ARTICLE_SECONDS_PER_CHAR * chars
            result = guard(article_id, "extract", EXTRACTOR_VERSION,
                           lambda a=article_id, r=article_rows, b=budget: self._article(a, r, b),
                           failures)
            if result is not None:
                done.append(result)
        return _ChunkResult(done, failures)

    def _people(self, texts: list[str]) -> list[list[Speaker] | None]:
        """People named in each sentence (NER batched); None where the model raised on it."""
        # The statistical model runs only where a speaker can be named.
        ner_rows = [i for i, t in enumerate(texts) if may_name_a_speaker(t)]
        found: list[list[Speaker] | None] = [[] for _ in texts]
        try:
            batches = list(zip(ner_rows, speaker_entities([texts[i] for i in ner_rows]), strict=True))
        except Exception:  # noqa: BLE001 - one odd sentence: fall back to one sentence at a time
            batches = []
            for i in ner_rows:
                try:
                    batches.append((i, speaker_entities([texts[i]])[0]))
                except Exception:  # noqa: BLE001 - its article fails in _article, the rest go on
                    found[i] = None
        for i, ents in batches:
            found[i] = [Speaker(person_name(e.text), e.start, e.end, "person")
                        for e in ents if e.label == "PERSON" and is_person_name(e.text)]
            found[i] = _with_titled_people(texts[i], found[i])
        return found

    def _article(self, article_id: str, rows: list[tuple[dict, list[Speaker] | None]],
                 budget: float) -> _ArticleRows:
        """Claims, quantities and mentions of one article's relevant sentences."""
        with time_limit(budget):
            published_at, arrival = self.anchors.get(article_id, (None, None))
            mentions: list[dict] = []
            facts_list: list[Facts] = []
            previous: Facts | None = None
            for row, people in rows:
                if people is None:
                    raise ValueError(f"the NER model failed on sentence {row['sentence_index']}")
                adjacent = previous.text if previous and previous.index == row["sentence_index"] - 1 \
                    else None
                facts = sentence_facts(row["sentence_index"], row["start"], row["text"], published_at,
                                       arrival, people, adjacent, headline=row.get("inset_headline", False))
                facts.next_unverified = (article_id, row["sentence_index"]) in self.unverified_next
                previous = facts
                facts_list.append(facts)
                mentions.extend(sentence_mentions(article_id, facts, people))
            lead = self.leads.get(article_id)
            claims, quantities = claim_rows(article_claims(
                article_id, facts_list, lead_place(*lead) if lead else None, self.scenes.get(article_id)))
            plausibility.check_claims(claims, quantities, published_at)
        return article_id, claims, quantities, mentions
