"""Stage `clean`: normalised text, sentence offsets, duplicates marked, non-English set aside."""


from collections.abc import Iterator
from datetime import date, timedelta

import dagster as dg

from assets.gating import gate_table, gx_check_spec, problems_result, table_metadata
from assets.partitions import daily_partitions
from assets.raw import RAW_ARTICLES
from assets.resources import GateResource, WarehouseResource
from skywatch.clean import clean_articles
from skywatch.reconcile import clean_problems, offset_problems
from skywatch.warehouse import ensure_schema, read_frame, replace_partition

CLEAN_ARTICLES = ["clean", "articles"]
CLEAN_SENTENCES = ["clean", "sentences"]
CLEAN_BOILERPLATE = ["clean", "boilerplate"]
CLEAN_SET_ASIDE = ["clean", "set_aside"]
RECONCILE_RAW = "raw_articles_accounted_for"
OFFSETS_EXACT = "offsets_exact"
DUPLICATE_WINDOW = timedelta(days=14)

_DEPS = [dg.AssetDep(RAW_ARTICLES)]
_SPECS = [
    dg.AssetSpec(CLEAN_ARTICLES, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="One row per English article: normalised text (NFC, ASCII quotes "
                             "and dashes, boilerplate lines removed) and duplicate_of for "
                             "exact and near duplicates."),
    dg.AssetSpec(CLEAN_SENTENCES, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="One row per sentence with start/end offsets into "
                             "clean.articles.text."),
    dg.AssetSpec(CLEAN_BOILERPLATE, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="Every boilerplate line removed by cleaning (related-story "
                             "headlines, read more, share, subscribe), with its kind."),
    dg.AssetSpec(CLEAN_SET_ASIDE, group_name="clean", kinds={"duckdb"}, deps=_DEPS,
                 description="Raw articles not carried on (non-English, nothing left after "
                             "cleaning), each with its reason."),
]


@dg.multi_asset(
    name="clean_stage",
    specs=_SPECS,
    partitions_def=daily_partitions,
    check_specs=[
        *(gx_check_spec(spec.key.path) for spec in _SPECS),
        dg.AssetCheckSpec(RECONCILE_RAW, asset=CLEAN_ARTICLES, blocking=True,
                          description="Every raw article is in exactly one of clean.articles "
                                      "or clean.set_aside."),
        dg.AssetCheckSpec(OFFSETS_EXACT, asset=CLEAN_SENTENCES, blocking=True,
                          description="text[start:end] equals the sentence for every sentence."),
    ],
)
def clean_stage(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                gates: GateResource) -> Iterator:
    """Clean the day's raw articles; earlier days' articles are the context for duplicates."""
    day = date.fromisoformat(context.partition_key)
    with warehouse.connect() as con:
        ensure_schema(con, "clean")
        raw = read_frame(con, "select * from raw.articles where arrival_date = ?", [day])
        # Re-posts come within days: other days inside the window are the duplicate context.
        window = [day, day - DUPLICATE_WINDOW, day + DUPLICATE_WINDOW]
        earlier = read_frame(con, "select article_id, arrival_date, published_at, text "
                                  "from clean.articles where arrival_date <> ? "
                                  "and arrival_date between ? and ?", window)
        earlier_sentences = read_frame(con, "select article_id, text from clean.sentences "
                                            "where arrival_date <> ? "
                                            "and arrival_date between ? and ?", window)
        result = clean_articles(raw, earlier, earlier_sentences, progress=context.log.info)
        replace_partition(con, "clean.articles", day, result.articles)
        replace_partition(con, "clean.sentences", day, result.sentences)
        replace_partition(con, "clean.boilerplate", day, result.boilerplate)
        replace_partition(con, "clean.set_aside", day, result.set_aside)
        for key in (CLEAN_ARTICLES, CLEAN_SENTENCES, CLEAN_BOILERPLATE, CLEAN_SET_ASIDE):
            yield dg.MaterializeResult(asset_key=key, metadata=table_metadata(con, key, day))
        for key in (CLEAN_ARTICLES, CLEAN_SENTENCES, CLEAN_BOILERPLATE, CLEAN_SET_ASIDE):
            yield gate_table(con, key, day, gates)
    yield problems_result(CLEAN_ARTICLES, RECONCILE_RAW,
                          clean_problems(raw, result.articles, result.set_aside),
                          "raw articles not accounted for exactly once")
    yield problems_result(CLEAN_SENTENCES, OFFSETS_EXACT,
                          offset_problems(result.articles, result.sentences),
                          "sentences whose offsets do not give back their text")
