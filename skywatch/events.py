"""Events: the claims of many articles that report one real-world occurrence, merged.

A claim is one statement in one article; an event is what happened. Ten outlets retelling
the same night over Belgorod give ten claims and one event. The merge is a set of
transparent, deterministic rules (no learned matcher), so that every merge can be
explained by pointing at the rule that allowed it:

* claims are taken in a fixed order (published_at, then claim_id) and each one joins the
  first earlier cluster it is compatible with, or starts a new one (greedy);
* a claim joins a cluster only if it is compatible with EVERY claim already in it. There
  is no chaining: A~B and B~C do not put A and C together when A and C disagree;
* "compatible" (see `compatible`) means: different articles or different speakers of one
  article, same event type, weapons that can name the same thing, the same scope class,
  places that can contain each other (but a country-wide figure never joins a region's
  claim), overlapping time, and numbers that the same claimant could have stated twice.

Events carry across arrival days: the claims of the day before, with the events they are in,
are given to the merge as `EarlierEvents`. Their clusters come first, so a retelling that
arrives the next day joins the event it retells (keeping that event's id) instead of making a
second one; such a claim is in `event_claims` and `event_quantities` of its own day under the
earlier event's id, and only the events first reported on the day are in its `events`. The
marts count an event on the day that holds its row, so one night told on two days counts once.

Blocking keeps this fast: the claims are partitioned with Polars by the two hard keys
(event_type and scope class: a total never meets a single or a part) and, inside a
partition, a claim is only compared with clusters registered under the same calendar
days (see `_Index`). 20,000 synthetic claims merge in about 1 s spread over 60 days and
under 3 s crowded into two days (tests/test_events.py has the generator).

Numbers are never summed or averaged across claimants: `event_quantities` keeps one row
per event, kind and claimant. That, and the total/part split carried over from the
claims, is what lets the marts count "56 drones" once and not once per article.

Plain Python and Polars only: the Dagster asset that calls this lives elsewhere.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import polars as pl

from skywatch import vocab

# --- vocabulary and thresholds ---------------------------------------------------------------

# A generic name and the specific ones it may stand for: "missiles" in one article and
# "Iskander ballistic missiles" in another can be the same strike. Nothing else is a family:
# a drone is never a missile, and a naval drone is not an aerial one.
WEAPON_FAMILIES: dict[str, frozenset[str]] = vocab.weapon_kinds()  # skywatch/vocab/weapons.yaml
UNSPECIFIC_WEAPONS = frozenset({"unknown"})
GENERIC_WEAPONS = frozenset(WEAPON_FAMILIES)

# Two figures of one kind from one claimant still describe the same event when they are this
# close: reports get revised ("at least 20" becomes 23) and small counts move by a few.
MAX_VALUE_RATIO = 2.0
MAX_SMALL_DIFF = 3

# Without a date on one side, only the publication times can tell whether two claims talk
# about the same night.
PUBLISHED_TOLERANCE = timedelta(hours=36)

# Windows longer than this are clipped when registered for blocking; such a window says
# little about when something happened anyway.
MAX_WINDOW_DAYS = 31

# --- schemas -----------------------------------------------------------------------------------

# Claim columns the merge reads; missing ones are added as nulls so that callers (and tests)
# can pass the columns they have.
CLAIM_COLUMNS: dict[str, pl.DataType] = {
    "claim_id": pl.String(), "article_id": pl.String(), "event_type": pl.String(),
    "weapon": pl.String(), "target": pl.String(), "effects": pl.List(pl.String()),
    "attacker": pl.String(), "country_code": pl.String(), "admin1_code": pl.String(),
    "place_id": pl.String(), "place_name": pl.String(), "geo_precision": pl.Int8(),
    "event_date": pl.Date(), "window_start": pl.Datetime("us"), "window_end": pl.Datetime("us"),
    "time_precision": pl.Int8(), "claimant": pl.String(), "certainty": pl.String(),
    "scope": pl.String(), "parent_claim_id": pl.String(), "published_at": pl.Datetime("us"),
}
# Passed through to events only when the input has them.
OPTIONAL_COLUMNS: dict[str, pl.DataType] = {
    "latitude": pl.Float64(), "longitude": pl.Float64(), "acled_sub_event_type": pl.String(),
}
QUANTITY_COLUMNS: dict[str, pl.DataType] = {
    "claim_id": pl.String(), "kind": pl.String(), "value": pl.Int64(), "bound": pl.String(),
    "evidence_start": pl.Int64(), "evidence_end": pl.Int64(),
}
EVENT_CLAIM_SCHEMA: dict[str, pl.DataType] = {"event_id": pl.String(), "claim_id": pl.String()}
EVENT_QUANTITY_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(), "kind": pl.String(), "value": pl.Int64(), "bound": pl.String(),
    "claimant": pl.String(), "claim_id": pl.String(),
}


def event_schema(optional: Iterable[str] = ()) -> dict[str, pl.DataType]:
    """Columns of `events`, in order; `optional` names the pass-through columns the input had."""
    has = set(optional)
    schema: dict[str, pl.DataType] = {
        "event_id": pl.String(), "event_type": pl.String(), "weapon": pl.String(),
        "target": pl.String(), "effects": pl.List(pl.String()), "attacker": pl.String(),
        "country_code": pl.String(), "admin1_code": pl.String(), "place_id": pl.String(),
        "place_name": pl.String(),
    }
    schema.update({c: OPTIONAL_COLUMNS[c] for c in ("latitude", "longitude") if c in has})
    schema.update({
        "geo_precision": pl.Int8(), "event_date": pl.Date(), "window_start": pl.Datetime("us"),
        "window_end": pl.Datetime("us"), "time_precision": pl.Int8(), "scope": pl.String(),
        "parent_event_id": pl.String(), "certainty": pl.String(),
    })
    if "acled_sub_event_type" in has:
        schema["acled_sub_event_type"] = OPTIONAL_COLUMNS["acled_sub_event_type"]
    schema.update({
        "n_claims": pl.Int64(), "n_articles": pl.Int64(), "claimants": pl.List(pl.String()),
        "first_reported_at": pl.Datetime("us"),
    })
    return schema


@dataclass(frozen=True)
class EarlierEvents:
    """The previous arrival day's claims (resolve.claims with published_at), their numbers
    (resolve.claim_quantities) and which event each is in (resolve.event_claims)."""

    claims: pl.DataFrame
    quantities: pl.DataFrame
    event_claims: pl.DataFrame


@dataclass
class MergedEvents:
    """The three frames of the merge: events, which claim is in which, and their numbers."""

    events: pl.DataFrame
    event_claims: pl.DataFrame
    event_quantities: pl.DataFrame


# --- input preparation -------------------------------------------------------------------------


def _utc_naive(frame: pl.DataFrame, column: str) -> pl.Series:
    """A datetime column as naive UTC microseconds, the warehouse's TIMESTAMP convention."""
    series = frame[column]
    if isinstance(series.dtype, pl.Datetime) and series.dtype.time_zone is not None:
        series = series.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    return series.cast(pl.Datetime("us"))


def prepare_claims(claims: pl.DataFrame) -> pl.DataFrame:
    """Claims with every column the merge reads, in canonical dtypes.

    Missing columns become nulls; a null scope is `single` and a null weapon `unknown`,
    which is what the extractor means by leaving them out.
    """
    wanted = {**CLAIM_COLUMNS, **{c: t for c, t in OPTIONAL_COLUMNS.items() if c in claims.columns}}
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in wanted.items() if c not in claims.columns]
    frame = claims.with_columns(missing) if missing else claims
    datetimes = [_utc_naive(frame, c) for c in ("window_start", "window_end", "published_at")]
    frame = frame.with_columns(datetimes)
    frame = frame.select([pl.col(c).cast(t) for c, t in wanted.items()])
    return frame.with_columns(pl.col("scope").fill_null("single"),
                              pl.col("weapon").fill_null("unknown"),
                              pl.col("effects").fill_null(pl.lit([], dtype=pl.List(pl.String))))


def prepare_quantities(quantities: pl.DataFrame) -> pl.DataFrame:
    """Quantities with the columns of `resolve.claim_quantities`, missing ones as nulls."""
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in QUANTITY_COLUMNS.items()
               if c not in quantities.columns]
    frame = quantities.with_columns(missing) if missing else quantities
    return frame.select([pl.col(c).cast(t) for c, t in QUANTITY_COLUMNS.items()]) \
        .filter(pl.col("value").is_not_null())


def merge_order(claims: pl.DataFrame) -> pl.DataFrame:
    """Claims in the order the greedy merge takes them, with `_order` 0, 1, 2, ...

    published_at first, so clusters grow from the earliest report; claim_id breaks ties so the
    order (and so every event) does not depend on the order of the input rows.
    """
    ordered = claims.sort(["published_at", "claim_id"], nulls_last=True)
    # A claim_id given twice is one claim: keep its first row, so it lands in one event.
    return ordered.unique("claim_id", keep="first", maintain_order=True).with_row_index("_order")


# --- one claim, as the pairwise rules see it -----------------------------------------------


@dataclass(slots=True)
class _Claim:
    order: int
    claim_id: str
    article_id: str | None
    event_type: str | None
    scope: str
    weapon: str
    country: str | None
    admin1: str | None
    place_id: str | None
    precision: int | None
    event_date: date | None
    window: tuple[datetime, datetime] | None
    published: datetime | None
    claimant: str | None
    attacker: str | None
    numbers: dict[str, tuple[int, str | None]]


def _window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime] | None:
    """A usable window, or None: half-open or reversed windows say nothing reliable."""
    if start is None or end is None or end < start:
        return None
    return start, end


def _claim_numbers(quantities: pl.DataFrame) -> dict[str, dict[str, tuple[int, str | None]]]:
    """claim_id → kind → (largest value, its bound): what a claim says for each kind."""
    best = quantities.sort(["claim_id", "kind", "value"], descending=[False, False, True]) \
        .group_by(["claim_id", "kind"], maintain_order=True).first()
    numbers: dict[str, dict[str, tuple[int, str | None]]] = defaultdict(dict)
    for cid, kind, value, bound in best.select("claim_id", "kind", "value", "bound").iter_rows():
        numbers[cid][kind] = (value, bound)
    return numbers


def _to_claims(ordered: pl.DataFrame, numbers: dict[str, dict[str, tuple[int, str | None]]]) -> list[_Claim]:
    cols = ["_order", "claim_id", "article_id", "event_type", "scope", "weapon", "country_code",
            "admin1_code", "place_id", "geo_precision", "event_date", "window_start", "window_end",
            "published_at", "claimant", "attacker"]
    return [
        _Claim(order=o, claim_id=cid, article_id=art, event_type=et, scope=scope, weapon=weapon,
               country=cc, admin1=a1, place_id=pid, precision=prec, event_date=day,
               window=_window(ws, we), published=pub, claimant=who, attacker=side,
               numbers=numbers.get(cid, {}))
        for (o, cid, art, et, scope, weapon, cc, a1, pid, prec, day, ws, we, pub, who, side)
        in ordered.select(cols).iter_rows()
    ]


# --- pairwise rules ----------------------------------------------------------------------------


def weapons_compatible(a: str, b: str) -> bool:
    """Equal, one side unknown, or a generic name and one of its specific kinds."""
    if a == b or a in UNSPECIFIC_WEAPONS or b in UNSPECIFIC_WEAPONS:
        return True
    return b in WEAPON_FAMILIES.get(a, frozenset()) or a in WEAPON_FAMILIES.get(b, frozenset())


def _same_region(a: _Claim, b: _Claim) -> bool:
    """Two `part` claims are the same share of a breakdown only in the same region."""
    if a.admin1 is not None or b.admin1 is not None:
        return a.admin1 == b.admin1
    return a.place_id is not None and a.place_id == b.place_id


def scopes_compatible(a: _Claim, b: _Claim) -> bool:
    """Totals only with totals (else "56 over Russia" would swallow "11 over Belgorod");
    parts with parts of the same region, or with single claims about that region."""
    if (a.scope == "total") != (b.scope == "total"):
        return False
    if a.scope == "part" and b.scope == "part":
        return _same_region(a, b)
    return True


def _is_local(c: _Claim) -> bool:
    """A settlement or district placed in a region: the only places that can be told apart."""
    return c.precision in (1, 2) and c.admin1 is not None


def places_compatible(a: _Claim, b: _Claim) -> bool:
    """Places that can be the same place, using containment from the ISO codes.

    A country-level claim (precision 4) contains anything in its country and a region-level
    one (precision 3) anything in its region, so only conflicting codes separate them. Two
    local places must be the same gazetteer place, except that a district or "near X"
    (precision 2) is fuzzy enough to be compatible with any local place of its region.
    A claim with no place at all only meets another without one: "drones were shot down" with
    no place is no evidence of being the Belgorod night. Totals are the exception.
    """
    if (a.country is None) != (b.country is None) and not (a.scope == b.scope == "total"):
        return False  # (a total often names no place: it is the whole night's count)
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if a.admin1 is not None and b.admin1 is not None and a.admin1 != b.admin1:
        return False
    if not (_is_local(a) and _is_local(b)):
        return True
    if a.place_id is not None and a.place_id == b.place_id:
        return True
    return 2 in (a.precision, b.precision)


def times_compatible(a: _Claim, b: _Claim) -> bool:
    """Overlapping windows; else the same event date; else published within 36 hours.

    A claim with no usable time at all (no window, no date, no publication time) matches
    nothing: there is no evidence that it is the same occurrence.
    """
    if a.window is not None and b.window is not None:
        return a.window[0] <= b.window[1] and b.window[0] <= a.window[1]
    if a.event_date is not None and b.event_date is not None:
        return a.event_date == b.event_date
    if a.published is not None and b.published is not None:
        return abs(a.published - b.published) <= PUBLISHED_TOLERANCE
    return False


def values_compatible(x: tuple[int, str | None], y: tuple[int, str | None]) -> bool:
    """Two figures one claimant could have given for one event (a revision, a rounding).

    Close values (within a factor of 2, or 3 apart for small counts) pass, and so does a
    bound the other figure satisfies: "at least 8" and "23" do not contradict each other.
    """
    (vx, bx), (vy, by) = x, y
    low, high = min(vx, vy), max(vx, vy)
    if high - low <= MAX_SMALL_DIFF or (low > 0 and high / low <= MAX_VALUE_RATIO):
        return True
    if (bx == "at_least" and vy >= vx) or (by == "at_least" and vx >= vy):
        return True
    return (bx == "at_most" and vy <= vx) or (by == "at_most" and vx <= vy)


def numbers_compatible(a: _Claim, b: _Claim) -> bool:
    """Only the same claimant contradicts itself: a governor's 5 and a ministry's 104 over the
    same region are two views of one night, but one ministry saying 104 and 5 is two events.
    Two totals of one claimant must agree exactly when both are exact: a ministry copies its own
    figure, so an overnight 43 and a morning 38 are two statements, however close.
    Claims without a claimant never block on numbers (who said them is unknown)."""
    if a.claimant is None or a.claimant != b.claimant:
        return True
    both_totals = a.scope == b.scope == "total"
    for kind, x in a.numbers.items():
        y = b.numbers.get(kind)
        if y is None:
            continue
        if both_totals and x[1] == y[1] == "exact" and x[0] != y[0]:
            return False  # a ministry's overnight 43 and its morning 38 are two statements
        if not values_compatible(x, y):
            return False
    return True


def scales_compatible(a: _Claim, b: _Claim) -> bool:
    """A figure for a whole country ("121 of 138 drones shot down", placed only in Ukraine) is
    not a region's: it never joins a claim placed in a region, where the marts would count it
    as that region's. Without figures a country-level claim can still be the regional one.
    Totals are exempt: a night's total is the country's figure whichever place it names."""
    if a.scope == b.scope == "total":
        return True
    for wide, narrow in ((a, b), (b, a)):
        if wide.admin1 is None and narrow.admin1 is not None and wide.numbers:
            return False
    return True


def compatible(a: _Claim, b: _Claim) -> bool:
    """Whether two claims may report the same event (all rules above, cheapest first)."""
    if a.article_id is not None and a.article_id == b.article_id and a.claimant == b.claimant:
        # The extractor already merged one speaker's restatements within an article; two
        # speakers of one article (the ministry's 21 over Bryansk, the governor's drone near
        # Pogar) can still be telling the same night.
        return False
    if a.attacker is not None and b.attacker is not None and a.attacker != b.attacker:
        return False  # Russia's strike on Ukraine and Ukraine's on Russia are never one event
    return (a.event_type == b.event_type and weapons_compatible(a.weapon, b.weapon)
            and scopes_compatible(a, b) and places_compatible(a, b) and scales_compatible(a, b)
            and times_compatible(a, b)
            and numbers_compatible(a, b))


# --- greedy clustering with a day index ----------------------------------------------------


@dataclass(slots=True)
class _Cluster:
    """Members plus the summary that rejects most candidates without a pairwise check.

    A cluster never holds two different countries or regions (every pair is compatible), so
    its `country` and `admin1` are well defined: the one non-null value its members have.
    """

    members: list[_Claim]
    articles: set[str]  # (the pairwise rule keeps one speaker's claims of an article apart)
    country: str | None
    admin1: str | None
    earlier_id: str | None = None  # the id of an earlier day's event this cluster continues

    def admits(self, c: _Claim) -> bool:
        if c.country is not None and self.country is not None and c.country != self.country:
            return False
        if c.admin1 is not None and self.admin1 is not None and c.admin1 != self.admin1:
            return False
        return all(compatible(c, m) for m in self.members)

    def add(self, c: _Claim) -> None:
        self.members.append(c)
        if c.article_id is not None:
            self.articles.add(c.article_id)
        self.country = self.country or c.country
        self.admin1 = self.admin1 or c.admin1


def _time_days(c: _Claim) -> list[date]:
    """Calendar days a claim's stated time touches: two claims that pass `times_compatible`
    through their windows or event dates always share one of these days."""
    days = [c.event_date] if c.event_date is not None else []
    if c.window is not None:
        first, last = c.window[0].date(), c.window[1].date()
        span = min((last - first).days, MAX_WINDOW_DAYS)
        days.extend(first + timedelta(days=i) for i in range(span + 1))
    return days


def _near_days(moment: datetime) -> list[date]:
    """Publication days within the 36-hour tolerance of `moment` (two days either side).

    Near the calendar's ends (a publication time of year 1 or 9999) the days beyond it are
    left out rather than overflowing: no claim can be published there.
    """
    day = moment.date()
    low = max(-2, (date.min - day).days)
    high = min(2, (date.max - day).days)
    return [day + timedelta(days=i) for i in range(low, high + 1)]


class _Index:
    """Which clusters a claim could join, by calendar day (the blocking inside a partition).

    `by_time` holds every member under the days of its window and event date; `by_published`
    and `by_published_undated` hold members under their publication day (all of them, and
    those without an event date). A claim looks up its own time days, and when the 36-hour
    rule may apply (a missing event date on either side) the publication days around its own.
    Every cluster a claim is compatible with is found this way, since it is compatible with
    each member; the index only has to return a superset.
    """

    def __init__(self) -> None:
        self.by_time: dict[date, list[int]] = defaultdict(list)
        self.by_published: dict[date, list[int]] = defaultdict(list)
        self.by_published_undated: dict[date, list[int]] = defaultdict(list)

    def candidates(self, c: _Claim) -> list[int]:
        found: set[int] = set()
        for day in _time_days(c):
            found.update(self.by_time.get(day, ()))
        if c.published is not None:
            published = self.by_published if c.event_date is None else self.by_published_undated
            for day in _near_days(c.published):
                found.update(published.get(day, ()))
        return sorted(found)  # the earliest cluster wins, whatever the set order

    def register(self, c: _Claim, cluster: int) -> None:
        for day in _time_days(c):
            self.by_time[day].append(cluster)
        if c.published is not None:
            self.by_published[c.published.date()].append(cluster)
            if c.event_date is None:
                self.by_published_undated[c.published.date()].append(cluster)


def cluster_claims(claims: list[_Claim]) -> list[list[_Claim]]:
    """Greedy, order-dependent clustering of one block (claims already in merge order)."""
    return [k.members for k in _clusters(claims, [])]


def _clusters(claims: list[_Claim], earlier: list[tuple[str, list[_Claim]]]) -> list[_Cluster]:
    """`claims` clustered greedily after the `earlier` events (event id, its claims), which are
    clusters from the start: a claim joins the first cluster it fits, earlier events first."""
    clusters: list[_Cluster] = []
    index = _Index()
    for earlier_id, members in earlier:
        cluster = _Cluster([], set(), None, None, earlier_id)
        for m in members:
            cluster.add(m)
            index.register(m, len(clusters))
        clusters.append(cluster)
    for c in claims:
        target = next((k for k in index.candidates(c) if clusters[k].admits(c)), None)
        if target is None:
            target = len(clusters)
            clusters.append(_Cluster([], set(), None, None))
        clusters[target].add(c)
        index.register(c, target)
    return clusters


def event_id(claim_ids: Iterable[str]) -> str:
    """Stable id of an event: the same set of claims gives the same id on every run."""
    key = "|".join(sorted(claim_ids))
    return "ev_" + hashlib.sha1(key.encode()).hexdigest()[:16]


_BLOCK_KEYS = ["event_type", "_is_total"]


def _blocks(ordered: pl.DataFrame) -> dict[tuple, pl.DataFrame]:
    """The claims partitioned by the hard keys (event_type, and whether the claim is a total)."""
    keyed = ordered.with_columns((pl.col("scope") == "total").alias("_is_total"))
    return keyed.partition_by(_BLOCK_KEYS, maintain_order=True, as_dict=True)


def _earlier_blocks(earlier: EarlierEvents | None) -> dict[tuple, list[tuple[str, list[_Claim]]]]:
    """Per block key: the earlier day's events as (event id, its claims), in merge order."""
    if earlier is None or earlier.claims.is_empty():
        return {}
    ordered = merge_order(prepare_claims(earlier.claims)) \
        .join(earlier.event_claims.select("claim_id", "event_id"), on="claim_id", how="inner")
    numbers = _claim_numbers(prepare_quantities(earlier.quantities))
    out: dict[tuple, list[tuple[str, list[_Claim]]]] = {}
    for key, block in _blocks(ordered).items():
        ids = block["event_id"].to_list()
        by_event: dict[str, list[_Claim]] = {}
        for eid, claim in zip(ids, _to_claims(block, numbers), strict=True):
            # Negative orders: an earlier day's claims come before every claim of this day
            # (and `assign_events` tells them apart by the sign).
            claim.order -= ordered.height
            by_event.setdefault(eid, []).append(claim)
        out[key] = list(by_event.items())
    return out


def assign_events(ordered: pl.DataFrame, quantities: pl.DataFrame,
                  earlier: EarlierEvents | None = None) -> pl.DataFrame:
    """claim_id → event_id for every claim (the `event_claims` frame).

    The hard keys partition the claims with Polars; each partition is clustered on its own,
    after the `earlier` day's events of the same partition. A claim that joins one of those
    gets its id; the other events' ids come from their claims.
    """
    numbers = _claim_numbers(quantities)
    earlier_blocks = _earlier_blocks(earlier)
    rows: list[tuple[str, str]] = []
    for key, block in _blocks(ordered).items():
        for cluster in _clusters(_to_claims(block, numbers), earlier_blocks.get(key, [])):
            today = [m for m in cluster.members if m.order >= 0]
            eid = cluster.earlier_id or event_id(m.claim_id for m in today)
            rows.extend((eid, m.claim_id) for m in today)
    return pl.DataFrame(rows, schema=EVENT_CLAIM_SCHEMA, orient="row").sort("event_id", "claim_id")


# --- event columns from their claims ---------------------------------------------------------

# How specific a weapon name is: unknown 0, a generic family name 1, anything else 2.
_WEAPON_RANK = (pl.when(pl.col("weapon").is_in(list(UNSPECIFIC_WEAPONS))).then(pl.lit(0, pl.Int8))
                .when(pl.col("weapon").is_in(list(GENERIC_WEAPONS))).then(pl.lit(1, pl.Int8))
                .otherwise(pl.lit(2, pl.Int8)))
# A window both ends of which are known and in order (as `_window` accepts it), and its length.
_HAS_WINDOW = pl.col("window_start").is_not_null() & (pl.col("window_end") >= pl.col("window_start"))
_WINDOW_LENGTH = pl.when(_HAS_WINDOW).then(pl.col("window_end") - pl.col("window_start"))


def _first_by(column: str, keys: list[str | pl.Expr], descending: list[bool] | None = None) -> pl.Expr:
    """Per event: the first non-null `column` value in the order of `keys` (nulls last)."""
    order = descending or [False] * len(keys)
    return pl.col(column).sort_by(keys, descending=order, nulls_last=True).drop_nulls().first()


def majority(members: pl.DataFrame, column: str, weak: Iterable[str] = ()) -> pl.DataFrame:
    """event_id → the value most members state, ignoring nulls.

    Values in `weak` ("unknown") only win when nothing better is stated; ties go to the value
    reported first, so the result does not depend on row order.
    """
    weak_values = list(weak)
    counted = members.filter(pl.col(column).is_not_null()) \
        .group_by("event_id", column).agg(pl.len().alias("_n"), pl.col("_order").min().alias("_first")) \
        .with_columns(pl.col(column).is_in(weak_values).alias("_weak"))
    return counted.sort(["event_id", "_weak", "_n", "_first"], descending=[False, False, True, False]) \
        .group_by("event_id", maintain_order=True).agg(pl.col(column).first())


def _place_columns(has_coordinates: bool) -> list[pl.Expr]:
    """The most precise place of the event, all of its columns from one claim.

    Codes come from the most precise claim that has them: members never disagree on a
    non-null code, but a precise claim may lack one a coarser claim states. A total is the
    exception: it covers every region of its parts, so it keeps its coarsest claim's place
    whole ("56 drones over Russia" stays Russia even if one article placed it in Kursk).
    """
    total = pl.col("scope").first() == "total"
    precision = pl.when(pl.col("scope") == "total").then(-pl.col("geo_precision")) \
        .otherwise(pl.col("geo_precision"))
    rank = [precision, pl.col("_order")]
    place = ["place_id", "place_name", "geo_precision"]
    place += ["latitude", "longitude"] if has_coordinates else []
    exprs = [pl.col(c).sort_by(rank, nulls_last=True).first() for c in place]
    return exprs + [pl.when(total).then(pl.col(c).sort_by(rank, nulls_last=True).first())
                    .otherwise(_first_by(c, rank)) for c in ("country_code", "admin1_code")]


def _time_columns() -> list[pl.Expr]:
    """The narrowest window any member states, and the date of the most precise member."""
    window_rank = [_WINDOW_LENGTH, pl.col("window_start"), pl.col("_order")]
    date_rank = [pl.col("time_precision"), _WINDOW_LENGTH, pl.col("_order")]
    # Members without a window sort last (null length) and give a null end, never half a window.
    return [
        pl.when(_HAS_WINDOW).then(pl.col(c)).sort_by(window_rank, nulls_last=True).first().alias(c)
        for c in ("window_start", "window_end")
    ] + [
        _first_by("event_date", date_rank),
        pl.col("time_precision").min(),
    ]


def _scope_expr() -> pl.Expr:
    """`total` clusters hold only totals; one `part` makes the event a part, so that a region's
    share of a breakdown is counted with the parts and never again beside the total."""
    return (pl.when((pl.col("scope") == "total").any()).then(pl.lit("total"))
            .when((pl.col("scope") == "part").any()).then(pl.lit("part"))
            .otherwise(pl.lit("single")))


def _aggregates(members: pl.DataFrame) -> pl.DataFrame:
    """The columns that follow from the members directly (one row per event)."""
    return members.group_by("event_id").agg(
        pl.col("event_type").first(),
        pl.col("weapon").sort_by([_WEAPON_RANK, pl.col("_order")], descending=[True, False]).first(),
        pl.col("effects").explode().drop_nulls().unique().sort(),
        *_place_columns("latitude" in members.columns),
        *_time_columns(),
        _scope_expr().alias("scope"),
        pl.len().alias("n_claims"),
        # a null article_id is an unknown article, never the same as another one
        (pl.col("article_id").drop_nulls().n_unique() + pl.col("article_id").null_count())
        .alias("n_articles"),
        pl.col("claimant").drop_nulls().unique().sort().alias("claimants"),
        pl.col("published_at").min().alias("first_reported_at"),
        pl.col("_order").min().alias("_first"),
    )


def parent_events(members: pl.DataFrame, event_claims: pl.DataFrame) -> pl.DataFrame:
    """event_id → parent_event_id: the event of the part members' parent claims.

    Parents whose claim is not in the input give nothing (the parent stays null); if the
    parts of one event point at different events, the most common one wins.
    """
    parents = event_claims.rename({"event_id": "parent_event_id", "claim_id": "parent_claim_id"})
    linked = members.filter(pl.col("scope") == "part").join(parents, on="parent_claim_id", how="inner") \
        .filter(pl.col("parent_event_id") != pl.col("event_id"))
    return majority(linked, "parent_event_id")


def build_events(members: pl.DataFrame, event_claims: pl.DataFrame) -> pl.DataFrame:
    """One row per event in `event_schema` order, sorted by first report then event_id."""
    optional = [c for c in OPTIONAL_COLUMNS if c in members.columns]
    events = _aggregates(members)
    agreed = {"target": ["unknown"], "attacker": [], "certainty": []}
    if "acled_sub_event_type" in optional:
        agreed["acled_sub_event_type"] = []
    for column, weak in agreed.items():
        events = events.join(majority(members, column, weak), on="event_id", how="left")
    events = events.join(parent_events(members, event_claims), on="event_id", how="left") \
        .with_columns(pl.when(pl.col("scope") == "part").then(pl.col("parent_event_id")))
    schema = event_schema(optional)
    return events.sort(["first_reported_at", "_first", "event_id"], nulls_last=True) \
        .select([pl.col(c).cast(t) for c, t in schema.items()])


def build_event_quantities(members: pl.DataFrame, quantities: pl.DataFrame) -> pl.DataFrame:
    """One row per (event, kind, claimant): that claimant's largest figure and where it is.

    The same claimant repeated by several articles is one voice (its largest, i.e. latest
    revised, figure is kept); different claimants are kept side by side and never summed.
    A null claimant is a group of its own.
    """
    stated = quantities.join(members.select("claim_id", "event_id", "claimant", "_order"),
                             on="claim_id", how="inner")
    best = stated.sort(["event_id", "kind", "claimant", "value", "_order"],
                       descending=[False, False, False, True, False], nulls_last=True) \
        .group_by(["event_id", "kind", "claimant"], maintain_order=True).first()
    return best.select([pl.col(c).cast(t) for c, t in EVENT_QUANTITY_SCHEMA.items()]) \
        .sort(["event_id", "kind", "claimant"], nulls_last=True)


def merge_events(claims: pl.DataFrame, quantities: pl.DataFrame,
                 earlier: EarlierEvents | None = None) -> MergedEvents:
    """Merge claims (resolve.claims) and their numbers (resolve.claim_quantities) into events.

    Every claim lands in exactly one event; event ids depend only on which claims an event
    holds, so the same input gives the same ids on every run and in any row order. With
    `earlier` (the day before), a claim may land in one of its events: it is then in
    `event_claims` and `event_quantities` under that event's id, and `events` holds only the
    events that begin here.
    """
    ordered = merge_order(prepare_claims(claims))
    numbers = prepare_quantities(quantities)
    event_claims = assign_events(ordered, numbers, earlier)
    members = ordered.join(event_claims, on="claim_id", how="inner")
    new = members  # the claims of events that begin here
    if earlier is not None:
        new = members.filter(~pl.col("event_id").is_in(earlier.event_claims["event_id"].implode()))
    return MergedEvents(events=build_events(new, event_claims), event_claims=event_claims,
                        event_quantities=build_event_quantities(members, numbers))
