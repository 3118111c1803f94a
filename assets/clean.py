"""Stage `clean`: normalised text, sentence offsets, duplicates marked, non-English set aside."""


from datetime import timedelta

from skywatch.assets.raw import RAW_ARTICLES
from skywatch.assets.stage import Day, Stage, StageRun, Table, failed_share, reconciliation, stage_asset
from skywatch.clean import clean_day
from skywatch.reconcile import clean_problems, offset_problems
from skywatch.warehouse import read_frame

CLEAN_ARTICLES = ["clean", "articles"]
CLEAN_SENTENCES = ["clean", "sentences"]
RECONCILE_RAW = "raw_articles_accounted_for"
OFFSETS_EXACT = "offsets_exact"
DUPLICATE_WINDOW = timedelta(days=14)


def clean_raw_day(run: StageRun) -> Day:
    """Clean the day's raw articles; earlier days' articles are the context for duplicates."""
    raw = run.day_rows("select * from raw.articles where arrival_date = ?")
    # Re-posts come within days: other days inside the window are the duplicate context.
    window = [run.day, run.day - DUPLICATE_WINDOW, run.day + DUPLICATE_WINDOW]
    earlier = read_frame(run.con, "select article_id, arrival_date, published_at, text "
                                  "from clean.articles where arrival_date <> ? "
                                  "and arrival_date between ? and ?", window)
    earlier_sentences = read_frame(run.con, "select article_id, text from clean.sentences "
                                            "where arrival_date <> ? "
                                            "and arrival_date between ? and ?", window)
    result = clean_day(raw, earlier, earlier_sentences, progress=run.log.info)
    # The checks need only the raw ids: the day's raw text is not held through the writes and gates
    return {"raw": raw.select("article_id"), "articles": result.articles, "sentences": result.sentences,
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
