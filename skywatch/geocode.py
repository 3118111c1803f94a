"""Place resolution: a claim's place phrase becomes one gazetteer place with ISO codes and coordinates.

The extractor's phrase matcher (`skywatch.places`) proposes, for every place phrase, the gazetteer's
best-ranked reading and the other places of the same name (`PlaceMatch.candidates`, ranked by the
matcher: own name before borrowed, RU/UA/BY first, then population). Resolution chooses among those
namesakes with the article's context, in this order:

1. a qualifier written right after the name: "Petrivka, Kharkiv", "Poltavka (Zaporizhzhia region)",
   "Lozove in Kherson Oblast", "Bilohorivka village of Luhansk region";
2. the other places of the same sentence;
3. the other places of the article (regions and unambiguous towns, counted);
4. the countries the article names;
5. the matcher's own ranking (population).

A qualified name none of whose namesakes lies in the qualifier's region is looked up among that
region's settlements with a fuzzy match (rapidfuzz), accepted only at or above `FUZZY_THRESHOLD`
(measured, see the README); below it the claim keeps the region itself (`geo_precision` 3): we abstain
rather than guess a settlement.

A name in no gazetteer ("Korotkhovsk, Belarus") was never matched, so its claim keeps the country the
extractor found (precision 4, no admin1). Metonyms ("Kyiv denied"), time zones, seas, rivers and
ships named after towns were already set aside by the extractor, which writes every place phrase it
found to `extract.place_candidates`: resolution reads that table, never the extractor's code.

`geo_precision`: 1 settlement, 2 district or "near" a settlement, 3 region, 4 country.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

import polars as pl
from rapidfuzz import fuzz, process

from skywatch import gazetteer, places
from skywatch.places import NEAR_BEFORE, OFFICE_AFTER, PlaceMatch
from skywatch.places import GazetteerPlace as Place

# Measured on the dev cases' "Settlement, Region" notes whose settlement has no namesake in the named
# region (18 claims): the best candidate scored 61-82 and was never the labelled village, which the
# packages lack; at 80 four wrong villages would have been accepted. So only near-identical spellings
# pass, and the claim otherwise keeps its region (see the README, "What resolution does").
FUZZY_THRESHOLD = 90.0

PRECISION = {"settlement": 1, "admin2": 2, "admin1": 3, "country": 4}

RESOLVED_SCHEMA = {
    "place_id": pl.String, "place_name": pl.String, "country_code": pl.String, "admin1_code": pl.String,
    "latitude": pl.Float64, "longitude": pl.Float64, "geo_precision": pl.Int8, "place_method": pl.String,
}

# What may stand between a name and the region or country that qualifies it.
_QUALIFIER_GAP = re.compile(
    r"^(?:\s+(?:village|town|city|settlement|district|raion|community|hromada))?"
    r"(?:\s*,\s*(?:in\s+(?:the\s+)?)?|\s+in\s+(?:the\s+)?|\s+of\s+(?:the\s+)?|\s*\(\s*(?:in\s+)?(?:the\s+)?)$",
    re.I)
_LOCAL_KINDS = ("settlement", "admin2")
# "Novopil, Donetsk", "Pogar, Bryansk": a name that is a town and a region, written after another
# name and a comma, is the region that name lies in, even when the gazetteer lacks the first.
_NAME_AND_COMMA_BEFORE = re.compile(r"\b[A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+){0,2}\s*,\s*$")
_MAX_GAP = 40


@dataclass(frozen=True, slots=True)
class Resolved:
    place: Place
    admin1_code: str | None  # may differ from the place's own: "near Moscow" is Moscow Oblast
    geo_precision: int
    method: str


# --------------------------------------------------------------------------------------------------
# Reference tables


@functools.cache
def places_table() -> pl.DataFrame:
    """`resolve.places`: the gazetteer (`skywatch.gazetteer.build_places`) with its version."""
    version = pl.lit(gazetteer.GAZETTEER_VERSION).alias("gazetteer_version")
    return gazetteer.build_places().with_columns(version)


@functools.cache
def _places_by_id() -> dict[str, Place]:
    return {
        r["place_id"]: Place(r["place_id"], r["name"], r["kind"], r["country_code"], r["admin1_code"],
                             r["latitude"], r["longitude"], r["population"] or 0)
        for r in places_table().iter_rows(named=True)
    }


@functools.cache
def _settlement_names_by_region() -> dict[str, tuple[list[str], list[str]]]:
    """admin1 -> (normalised alias, place_id) of its settlements, for the fuzzy fallback."""
    aliases = gazetteer.build_aliases()
    settlements = places_table().filter(pl.col("kind").is_in(_LOCAL_KINDS),
                                        pl.col("admin1_code").is_not_null())
    rows = (aliases.join(settlements.select("place_id", "admin1_code"), on="place_id")
            .unique(["admin1_code", "alias_norm", "place_id"])
            .sort("admin1_code", "alias_norm", "place_id")
            .group_by("admin1_code", maintain_order=True).agg("alias_norm", "place_id"))
    return {region: (names, ids) for region, names, ids in rows.iter_rows()}


# --------------------------------------------------------------------------------------------------
# Context of one article


@dataclass(slots=True)
class _Context:
    text: str
    matches: list[PlaceMatch]
    article_regions: Counter  # admin1 -> how often the article names it without ambiguity
    article_countries: set[str]


def _unambiguous_region(m: PlaceMatch) -> str | None:
    """The admin1 a match names beyond doubt: a region, or a town with no namesake elsewhere."""
    if m.kind == "admin1":
        return m.admin1_code
    if m.kind in _LOCAL_KINDS and m.admin1_code:
        regions = {p.admin1_code for pid in m.candidates if (p := _places_by_id().get(pid)) is not None}
        if len(regions) == 1:
            return m.admin1_code
    return None


def _office_region(m: PlaceMatch) -> str | None:
    """The region of an office ("Voronezh Governor", "the Kursk authorities"): a governor's or
    administration's name is its region's, even when a village elsewhere shares it."""
    region = _unambiguous_region(m)
    if region is not None:
        return region
    by_id = _places_by_id()
    regions = {p.admin1_code for pid in m.candidates
               if (p := by_id.get(pid)) is not None and p.kind == "admin1" and p.admin1_code}
    return regions.pop() if len(regions) == 1 else None


def article_context(text: str, matches: list[PlaceMatch], offices: list[PlaceMatch]) -> _Context:
    """What the article's places say: `matches` where things happen, `offices` places that only
    name an office or a government (both as `extract.place_candidates` holds them)."""
    regions: Counter = Counter(r for m in matches if (r := _unambiguous_region(m)))
    # Where the article's officials sit is where it is about ("Voronezh Governor"; not
    # "Gusev wrote", a surname that is also a town).
    regions.update(r for m in offices if OFFICE_AFTER.match(text, m.end) and (r := _office_region(m)))
    countries = {m.country_code for m in matches if m.kind in ("country", "admin1")}
    return _Context(text, matches, regions, countries)


_LIST_GAP = re.compile(r"^\s*(?:,|and\b|or\b|&)")


def _qualifier_of(ctx: _Context, m: PlaceMatch) -> PlaceMatch | None:
    """The region or country written right after `m` ("Petrivka, Kharkiv"), if any; a country's
    region in the possessive is the region ("Nikolaevka, in Russia's Belgorod region").

    Not in a list ("Bryansk, Kursk, Belgorod and Oryol"): a comma followed by a place that is
    itself followed by a comma or "and" separates items. A name that is itself a region's
    ("Donetsk") is qualified only by a written-out region or a country ("Donetsk, Rostov region").
    """
    following = [o for o in ctx.matches if o.start >= m.end]
    if not following or following[0].start - m.end > _MAX_GAP:
        return None
    nxt = following[0]
    gap = ctx.text[m.end:nxt.start]
    if not _QUALIFIER_GAP.match(gap):
        return None
    if "," in gap and _LIST_GAP.match(ctx.text, nxt.end) and len(following) > 1:
        return None
    if _region_named_alike(m) is not None and nxt.kind not in ("admin1", "country"):
        return None
    if nxt.kind == "country" and len(following) > 1 and following[1].kind == "admin1" \
            and _POSSESSIVE_GAP.fullmatch(ctx.text, nxt.end, following[1].start):
        return following[1]  # "Nikolaevka, in Russia's Belgorod region": the region qualifies it
    return nxt


# Between a country and its region: "Russia's Belgorod region", "Ukraine’s Sumy Oblast".
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:the\s+)?")


def _qualifier_scope(q: PlaceMatch) -> tuple[set[str], set[str]]:
    """(admin1 codes, country codes) a qualifier may mean: "Kharkiv" after a village is the oblast."""
    if q.kind == "country":
        return set(), {q.country_code}
    regions = {q.admin1_code} if q.admin1_code else set()
    for pid in q.candidates:
        p = _places_by_id().get(pid)
        if p is not None and p.kind == "admin1" and p.admin1_code:
            regions.add(p.admin1_code)
    return regions, set()


# --------------------------------------------------------------------------------------------------
# Choosing among namesakes


# A name the sentence says is a village: "the village of Ivanivka", "in the settlement Murom".
_VILLAGE_BEFORE = re.compile(r"\b(?:village|settlement|hamlet|khutor)\s+(?:of\s+)?$", re.I)


def _frame_of(ctx: _Context, m: PlaceMatch, sentence: tuple[int, int],
              cands: list[Place]) -> PlaceMatch | None:
    """The one region the sentence named before `m` in the same clause ("In the Kharkiv region, a
    drone struck a house in the village of Ivanivka"), when none of the settlement's namesakes lies
    there: the sentence set the scene, so its village is one the gazetteer lacks, not a namesake in
    another region. Only for a name the sentence calls a village, or whose every namesake is small:
    a big city keeps its own region ("In the Kharkiv region, ...; Dnipro ...")."""
    regions = [o for o in ctx.matches if o.kind == "admin1" and sentence[0] <= o.start and o.end <= m.start
               and ";" not in ctx.text[o.end:m.start]]
    if len({o.admin1_code for o in regions}) != 1 \
            or any(p.admin1_code == regions[-1].admin1_code for p in cands):
        return None
    village = _VILLAGE_BEFORE.search(ctx.text[max(0, m.start - 25):m.start])
    small = all(p.population < places.BIG_CITY for p in cands)
    return regions[-1] if village or small else None


def _candidates(m: PlaceMatch) -> list[Place]:
    by_id = _places_by_id()
    found = [p for pid in m.candidates if (p := by_id.get(pid)) is not None and p.kind in _LOCAL_KINDS]
    if not found and m.place_id in by_id:
        found = [by_id[m.place_id]]
    return found


def _choose(ctx: _Context, m: PlaceMatch,
            sentence: tuple[int, int]) -> tuple[Place | None, str, PlaceMatch | None]:
    """(chosen namesake, method, qualifier). None when a qualifier rules every namesake out."""
    cands = _candidates(m)
    qualifier = _qualifier_of(ctx, m) or _frame_of(ctx, m, sentence, cands)
    q_regions, q_countries = _qualifier_scope(qualifier) if qualifier else (set(), set())
    if qualifier is not None:
        inside = [p for p in cands if p.admin1_code in q_regions or p.country_code in q_countries]
        if not inside:
            return None, "qualifier", qualifier
        if len(inside) == 1 or len({p.admin1_code for p in inside}) == 1:
            return inside[0], "qualifier", qualifier
        cands = inside
    if len(cands) <= 1 or len({p.admin1_code for p in cands}) == 1:
        return (cands[0] if cands else None), ("qualifier" if qualifier else "matched"), qualifier
    own = (m.start, m.end)
    in_sentence = {r for o in ctx.matches
                   if sentence[0] <= o.start < sentence[1] and (o.start, o.end) != own
                   and (r := _unambiguous_region(o))}
    regions = ctx.article_regions.copy()
    own_region = _unambiguous_region(m)
    if own_region:
        regions[own_region] -= 1

    def key(item: tuple[int, Place]) -> tuple:
        rank, p = item
        return (p.admin1_code in in_sentence, regions.get(p.admin1_code, 0) > 0,
                p.country_code in ctx.article_countries, -rank)

    best_rank, best = max(enumerate(cands), key=key)
    method = ("sentence" if best.admin1_code in in_sentence else
              "article" if regions.get(best.admin1_code, 0) > 0 else
              "country" if best_rank and best.country_code in ctx.article_countries else "rank")
    return best, ("qualifier" if qualifier else method), qualifier


def _fuzzy_in_region(name: str, region: str) -> Place | None:
    names = _settlement_names_by_region().get(region)
    if not names:
        return None
    hit = process.extractOne(gazetteer.normalise_alias(name), names[0], scorer=fuzz.ratio,
                             score_cutoff=FUZZY_THRESHOLD)
    return _places_by_id()[names[1][hit[2]]] if hit else None


def _place_of(m: PlaceMatch) -> Place:
    return Place(m.place_id, m.name, m.kind, m.country_code, m.admin1_code, m.latitude, m.longitude, 0)


def _region_place(code: str) -> Place | None:
    return _places_by_id().get(gazetteer.region_id(code))


def _region_named_alike(m: PlaceMatch) -> Place | None:
    """The region of a town's name when the name is also the region's ("Donetsk", "Kharkiv")."""
    for pid in m.candidates:
        p = _places_by_id().get(pid)
        if p is not None and p.kind == "admin1" and p.admin1_code == m.admin1_code:
            return p
    return None


# "over the regions of Bryansk (15), Kursk (6) and Moscow (2)": the list after "regions of" names
# regions, each maybe with its figure in brackets or after a dash, up to the name being resolved
_REGIONS_OF = re.compile(r"\b(?:regions|oblasts|provinces)\s+of\s+(?:the\s+)?", re.I)
_LIST_OF_NAMES = re.compile(
    # (a hyphen only inside a name and one space between its words: one reading per text, so a long
    # run of capitalised words cannot make the match backtrack exponentially)
    r"(?:[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*)*(?:\s*\(\s*[\d,]+\s*\)|\s*[-\u2013\u2014:]\s*[\d,]+)?"
    r"\s*(?:,\s*(?:and\s+)?|and\s+))*")
_REGIONS_OF_REACH = 300


def _region_of_a_list_of_regions(ctx: _Context, m: PlaceMatch) -> Place | None:
    """The region a town's name stands for in a list of regions ("the regions of Bryansk (15), ...
    and Moscow (2)": Moscow Oblast, not the city), when the gazetteer holds a region of that name."""
    before = ctx.text[max(0, m.start - _REGIONS_OF_REACH):m.start]
    openers = list(_REGIONS_OF.finditer(before))
    if not openers or not _LIST_OF_NAMES.fullmatch(before, openers[-1].end()):
        return None
    by_id = _places_by_id()
    regions = [p for pid in m.candidates if (p := by_id.get(pid)) is not None and p.kind == "admin1"]
    # a city that is a region of its own is not "the region of" its name when another region is
    beyond_city = [p for p in regions if p.admin1_code not in gazetteer.city_region_codes()]
    return (beyond_city or regions or [None])[0]


def _qualifies_what_precedes(ctx: _Context, m: PlaceMatch) -> bool:
    before = ctx.text[max(0, m.start - 60):m.start]
    if _NAME_AND_COMMA_BEFORE.search(before):
        return True
    previous = [o for o in ctx.matches if o.end <= m.start and m.start - o.end <= _MAX_GAP]
    return bool(previous) and previous[-1].kind in _LOCAL_KINDS and bool(
        _QUALIFIER_GAP.match(ctx.text[previous[-1].end:m.start]))


# A district of a town: the word after its name (or ending the matched phrase), then what owns it.
_DISTRICT_WORD = re.compile(r"(?:^|\s)(?:district|raion|microdistrict)$", re.I)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|raion|microdistrict)\b", re.I)
_OF_THE_TOWN = re.compile(r"\s+of\s+(?:the|this|that)\s+(?:city|town|capital)\b", re.I)
_OF = re.compile(r"\s+of\s+", re.I)


def _town_of_district(ctx: _Context, m: PlaceMatch) -> PlaceMatch | None:
    """The town a district belongs to, as the sentence ties them: "the Dniprovskyi district of
    Kherson", "Kherson's Dniprovskyi district", or "the Dniprovskyi district of the city" (the
    last town the article named before it). Many towns have a district of the same name
    (Dniprovskyi, Shevchenkivskyi, Leninsky), and the gazetteers hold few of them."""
    end = m.end
    if not _DISTRICT_WORD.search(m.text):
        word = _DISTRICT_AFTER.match(ctx.text, end)
        if word is None:
            return None
        end = word.end()
    towns = [o for o in ctx.matches if o.kind == "settlement" and o is not m]
    if _OF_THE_TOWN.match(ctx.text, end):
        return next((o for o in reversed(towns) if o.end <= m.start), None)
    if (of := _OF.match(ctx.text, end)) is not None:
        return next((o for o in towns if o.start == of.end()), None)
    return next((o for o in towns if o.end < m.start
                 and _POSSESSIVE_GAP.fullmatch(ctx.text, o.end, m.start)), None) \
        or _place_told_before_a_citys_district(ctx, m)


def _place_told_before_a_citys_district(ctx: _Context, m: PlaceMatch) -> PlaceMatch | None:
    """"The Russian army shelled Kherson. A man was killed in the Dniprovskyi district": a district
    the gazetteer knows only inside cities that are regions of their own (Kyiv's, Moscow's), told
    with no town in a story about another town or region, is there (the last named before it)."""
    regions = {p.admin1_code for p in _candidates(m)}
    if not regions or not regions <= gazetteer.city_region_codes():
        return None
    before = next((o for o in reversed(ctx.matches)
                   if o.end <= m.start and o.kind in ("settlement", "admin1")), None)
    return before if before is not None and before.admin1_code not in regions else None


def _district_in_town(ctx: _Context, m: PlaceMatch) -> Resolved | None:
    """A district resolved within its town: its namesake in the town's region if the gazetteer
    has one, else the town itself (a district of Kherson is in Kherson, never in Kyiv's
    district of that name), or the region when the story names only that."""
    town = _town_of_district(ctx, m)
    if town is None or town.admin1_code is None:
        return None
    inside = [p for p in _candidates(m) if p.admin1_code == town.admin1_code]
    if inside:
        return Resolved(inside[0], inside[0].admin1_code, PRECISION[inside[0].kind], "qualifier")
    place = _places_by_id().get(town.place_id) or _place_of(town)
    return Resolved(place, place.admin1_code, PRECISION[place.kind], "qualifier")


def resolve_match(ctx: _Context, m: PlaceMatch, sentence: tuple[int, int]) -> Resolved:
    """The place one matched phrase stands for, with its precision and how it was chosen."""
    by_id = _places_by_id()
    if m.kind in _LOCAL_KINDS and (in_town := _district_in_town(ctx, m)) is not None:
        return in_town
    if m.kind == "settlement" and (region := _region_of_a_list_of_regions(ctx, m)) is not None:
        return Resolved(region, region.admin1_code, PRECISION["admin1"], "qualifier_region")
    if m.kind == "settlement" and _qualifies_what_precedes(ctx, m):
        region = _region_named_alike(m)
        if region is not None:
            return Resolved(region, region.admin1_code, PRECISION["admin1"], "qualifier_region")
    if m.kind not in _LOCAL_KINDS:
        place = by_id.get(m.place_id) or _place_of(m)
        return Resolved(place, m.admin1_code, PRECISION[m.kind], "matched")
    chosen, method, qualifier = _choose(ctx, m, sentence)
    if chosen is None and qualifier is not None:
        q_regions, _ = _qualifier_scope(qualifier)
        for region in sorted(q_regions):
            fuzzy = _fuzzy_in_region(m.text, region)
            if fuzzy is not None:
                return Resolved(fuzzy, fuzzy.admin1_code, PRECISION[fuzzy.kind], "fuzzy")
        region = qualifier.admin1_code if qualifier.kind != "country" else None
        fallback = _region_place(region) if region else by_id.get(qualifier.place_id)
        if fallback is not None:
            return Resolved(fallback, fallback.admin1_code, PRECISION[fallback.kind], "qualifier_region")
        chosen = by_id.get(m.place_id)
    if chosen is None:
        chosen = _place_of(m)
    admin1, precision = chosen.admin1_code, PRECISION[chosen.kind]
    if m.admin1_code != by_id.get(m.place_id, chosen).admin1_code and m.place_id == chosen.place_id:
        # the extractor's "near Moscow": the surrounding region, precision 2
        admin1, precision, method = m.admin1_code, 2, "near"
    elif NEAR_BEFORE.search(ctx.text[max(0, m.start - 40):m.start]) and precision == 1:
        precision = 2
    return Resolved(chosen, admin1, precision, method)


# --------------------------------------------------------------------------------------------------
# Claims


def _match_for(ctx: _Context, start: int | None, end: int | None, text: str | None) -> PlaceMatch | None:
    if start is None or end is None:
        return None
    for m in ctx.matches:
        if m.start == start and m.end == end:
            return m
    overlapping = [m for m in ctx.matches if m.start < end and start < m.end]
    if overlapping:
        return overlapping[0]
    found = places.find_places(text or "")
    return found[0] if found else None


def _unresolved_row(country: str | None, admin1: str | None) -> dict:
    """A claim whose phrase the gazetteer no longer reads keeps the extractor's codes."""
    by_id = _places_by_id()
    place = (by_id.get(gazetteer.region_id(admin1)) if admin1 else None) or (
        by_id.get(gazetteer.region_id(country)) if country else None)
    return {"place_id": place.place_id if place else None, "place_name": place.name if place else None,
            "country_code": country, "admin1_code": admin1,
            "latitude": place.latitude if place else None, "longitude": place.longitude if place else None,
            "geo_precision": (3 if admin1 else 4) if country else None,
            "place_method": "unmatched" if country else None}


def _row(r: Resolved) -> dict:
    p = r.place
    return {"place_id": p.place_id, "place_name": p.name, "country_code": p.country_code,
            "admin1_code": r.admin1_code, "latitude": p.latitude, "longitude": p.longitude,
            "geo_precision": r.geo_precision, "place_method": r.method}


def candidate_matches(candidates: pl.DataFrame) -> dict[str, tuple[list[PlaceMatch], list[PlaceMatch]]]:
    """article_id -> (places, offices) from rows of `extract.place_candidates`, in the extractor's order."""
    out: dict[str, tuple[list[PlaceMatch], list[PlaceMatch]]] = {}
    fields = ("start", "end", "text", "place_id", "name", "kind", "country_code", "admin1_code",
              "latitude", "longitude")
    for row in candidates.sort("article_id", "role", "candidate_index").iter_rows(named=True):
        match = PlaceMatch(**{f: row[f] for f in fields}, candidates=tuple(row["candidates"] or ()))
        places_, offices = out.setdefault(row["article_id"], ([], []))
        (offices if row["role"] == "office" else places_).append(match)
    return out


def resolve_places(claims: pl.DataFrame, articles: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """The resolved place columns (`RESOLVED_SCHEMA`) of every claim, in the claims' row order.

    `claims` needs article_id, place_text, place_start, place_end, evidence_start, evidence_end,
    country_code, admin1_code; `articles` needs article_id and text; `candidates` holds the rows of
    `extract.place_candidates` of those articles (what the extractor found; resolve never re-reads
    places with the extractor's rules).
    """
    texts = dict(articles.select("article_id", "text").iter_rows())
    found = candidate_matches(candidates)
    contexts: dict[str, _Context] = {}
    rows = []
    for c in claims.select("article_id", "place_text", "place_start", "place_end", "evidence_start",
                           "evidence_end", "country_code", "admin1_code").iter_rows(named=True):
        if c["place_start"] is None:
            rows.append(_unresolved_row(c["country_code"], c["admin1_code"]) if c["country_code"]
                        else dict.fromkeys(RESOLVED_SCHEMA))
            continue
        article_id = c["article_id"]
        if article_id not in contexts:
            contexts[article_id] = article_context(texts.get(article_id, ""),
                                                   *found.get(article_id, ([], [])))
        ctx = contexts[article_id]
        m = _match_for(ctx, c["place_start"], c["place_end"], c["place_text"])
        if m is None:
            rows.append(_unresolved_row(c["country_code"], c["admin1_code"]))
            continue
        rows.append(_row(resolve_match(ctx, m, (c["evidence_start"], c["evidence_end"]))))
    return pl.DataFrame(rows, schema=RESOLVED_SCHEMA)
