"""Stage `extract`: claims, their numbers and every mention, from the clean text."""

import time

import polars as pl

from skywatch.assets.clean import CLEAN_ARTICLES, CLEAN_SENTENCES
from skywatch.assets.stage import Day, Stage, StageRun, Table, failed_share, reconciliation, stage_asset
from skywatch.extract import EXTRACTOR_VERSION, extract_batch
from skywatch.reconcile import claim_link_problems, span_problems

EXTRACT_CLAIMS = ["extract", "claims"]
EXTRACT_QUANTITIES = ["extract", "claim_quantities"]
EXTRACT_PLACE_CANDIDATES = ["extract", "place_candidates"]
SPANS_EXACT = "spans_exact"
LINKS_RESOLVE = "links_resolve"
SENTENCE_BATCH_ROWS = 100_000  # sentences sifted this many at a time


def extract_clean_day(run: StageRun) -> Day:
    """Extract the day's claims; exact duplicates are skipped (they repeat their original)."""
    articles = run.day_rows("select article_id, arrival_date, published_at, text, "
                            "duplicate_kind from clean.articles where arrival_date = ?")
    originals = articles.filter(pl.col("duplicate_kind").is_null()
                                | (pl.col("duplicate_kind") != "exact"))
    # Read and sifted a batch at a time: the day's millions of sentences are never held at once
    sentences = run.day_batches(
        "select article_id, sentence_index, start, \"end\", text from clean.sentences "
        "where arrival_date = ? and article_id in (select article_id from clean.articles "
        "where arrival_date = ? and (duplicate_kind is null or duplicate_kind <> 'exact'))",
        [run.day], rows=SENTENCE_BATCH_ROWS)
    started = time.perf_counter()
    result = extract_batch(originals, sentences, progress=run.log.info)
    seconds = time.perf_counter() - started
    run.log.info(f"extract {run.day}: {result.claims.height} claims from {originals.height} "
                 f"articles; filter skipped {result.skipped_share:.0%} of sentences")
    stats = pl.DataFrame([{
        "n_articles": originals.height,
        "n_skipped_exact_duplicates": articles.height - originals.height,
        "n_sentences": result.n_sentences, "n_relevant": result.n_relevant,
        "skipped_share": result.skipped_share, "seconds": seconds,
        "extractor_version": EXTRACTOR_VERSION,
    }])
    return {"articles": articles, "originals": originals, "claims": result.claims,
            "claim_quantities": result.quantities, "mentions": result.mentions,
            "place_candidates": result.place_candidates,
            "batch_stats": stats, "failed": result.failed}


extract_stage = stage_asset(Stage(
    name="extract",
    doc=extract_clean_day.__doc__,
    deps=[CLEAN_ARTICLES, CLEAN_SENTENCES],
    tables=[
        Table("claims", "One row per claim that an air-war event happened or was stopped: "
                        "event type, weapon, target, effects, place phrase, time window, "
                        "claimant, certainty, scope (single/total/part) and evidence span."),
        Table("claim_quantities", "One row per number a claim states: kind (drones_destroyed, killed, "
                                  "...), value, bound and the span of the number."),
        Table("mentions", "Every place, person, organisation, weapon, time and number span "
                          "of the relevant sentences, with offsets into the clean text."),
        Table("place_candidates", "Every place phrase of the whole text of each article with claims, "
                                  "as the extractor read it (a place, or an office or government), "
                                  "with the matcher's ranked readings: what resolve chooses among."),
        Table("batch_stats", "Per day: articles, sentences, how many the cheap relevance filter "
                             "let through and how long extraction took."),
        Table("failed", "Quarantine: articles the extractor raised on or that ran past their "
                        "time limit, with the error class, message and where it was raised; "
                        "the rest of the day went on."),
    ],
    checks=[
        reconciliation(SPANS_EXACT, "mentions", span_problems, ["articles", "mentions", "claim_quantities"],
                       "Every mention's and number's offsets give back its text in clean.articles.text.",
                       "spans whose offsets do not give back their text"),
        reconciliation(LINKS_RESOLVE, "claims", claim_link_problems, ["claims", "claim_quantities"],
                       "Every part claim points at a total of the same day, and every quantity at a claim.",
                       "parts without their total, or quantities without their claim"),
        failed_share(lambda day: day["originals"].height),
    ],
    build=extract_clean_day,
))
