"""Stage `clean`: normalised text, sentence offsets, duplicates marked, non-English set aside."""


from datetime import timedelta

from skywatch.assets.raw import RAW_ARTICLES
from skywatch.assets.stage import Day, Stage, StageRun, Table, failed_share, reconciliation, stage_asset
from skywatch.clean import ROWS_PER_FRAME, RawSource, clean_day
from skywatch.dedup import sentence_hashes
from skywatch.reconcile import clean_problems, offset_problems
from skywatch.warehouse import read_batches, read_frame

CLEAN_ARTICLES = ["clean", "articles"]
CLEAN_SENTENCES = ["clean", "sentences"]
RECONCILE_RAW = "raw_articles_accounted_for"
OFFSETS_EXACT = "offsets_exact"
DUPLICATE_WINDOW = timedelta(days=14)
HASH_BATCH_ROWS = 100_000  # earlier sentences hashed this many at a time


def clean_raw_day(run: StageRun) -> Day:
    """Clean the day's raw articles; earlier days' articles are the context for duplicates."""
    # Read a batch at a time: the day's raw text is never held whole beside its cleaned text
    ids = run.day_rows("select article_id from raw.articles where arrival_date = ?")["article_id"]
    raw = RawSource(ids.to_list(), lambda some: run.day_batches(
        "select * from raw.articles where arrival_date = ?"
        + ("" if some is None else " and article_id in (select unnest(?::varchar[]))"),
        [] if some is None else [some], ROWS_PER_FRAME))
    # Re-posts come within days: other days inside the window are the duplicate context, read
    # as the hashes stored and computed a batch at a time (14 days of text would not fit)
    window = [run.day, run.day - DUPLICATE_WINDOW, run.day + DUPLICATE_WINDOW]
    earlier = read_frame(run.con, "select article_id, arrival_date, published_at, content_hash "
                                  "from clean.articles where arrival_date <> ? "
                                  "and arrival_date between ? and ?", window)
    earlier_hashes = sentence_hashes(read_batches(
        run.con, "select article_id, text from clean.sentences where arrival_date <> ? "
                 "and arrival_date between ? and ?", window, rows=HASH_BATCH_ROWS))
    result = clean_day(raw, earlier, earlier_hashes, progress=run.log.info)
    return {"raw": ids.to_frame(), "articles": result.articles, "sentences": result.sentences,
            "boilerplate": result.boilerplate, "set_aside": result.set_aside, "failed": result.failed}


clean_stage = stage_asset(Stage(
    name="clean",
    doc=clean_raw_day.__doc__,
    deps=[RAW_ARTICLES],
    tables=[
        Table("articles", "One row per English article: normalised text (NFC, ASCII quotes "
                          "and dashes, boilerplate lines removed) and duplicate_of for "
                          "exact and near duplicates."),
        Table("sentences", "One row per sentence with start/end offsets into clean.articles.text."),
        Table("boilerplate", "Every boilerplate line removed by cleaning (related-story "
                             "headlines, read more, share, subscribe), with its kind."),
        Table("set_aside", "Raw articles not carried on (non-English, nothing left after "
                           "cleaning), each with its reason."),
        Table("failed", "Quarantine: raw articles the cleaner raised on, with the error class, "
                        "message and where it was raised; the rest of the day went on."),
    ],
    checks=[
        reconciliation(RECONCILE_RAW, "articles", clean_problems, ["raw", "articles", "set_aside", "failed"],
                       "Every raw article is in exactly one of clean.articles, "
                       "clean.set_aside or clean.failed.",
                       "raw articles not accounted for exactly once"),
        failed_share(lambda day: day["raw"].height),
        reconciliation(OFFSETS_EXACT, "sentences", offset_problems, ["articles", "sentences"],
                       "text[start:end] equals the sentence for every sentence.",
                       "sentences whose offsets do not give back their text"),
    ],
    build=clean_raw_day,
))
