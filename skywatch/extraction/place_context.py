"""Which place phrases of a text are places where something happened, read from the words around
them: "Kyiv denied" and "the Kyiv regime" name a government, "Moscow time" a time zone, "the Sea
of Azov" water; "near Moscow" means the region around it; "the Russian capital" is Moscow.

Also the choice of a sentence's best place and the rules that read lists of places
("Pavlohrad district, Dnipropetrovsk" is one place; "Sumy, Kharkiv and Odesa" is a list).
Both extraction and the place candidates written for resolution use these rules.
"""

from __future__ import annotations

import re
from dataclasses import replace

from skywatch import lexicon, vocab
from skywatch.places import NEAR_BEFORE, OFFICE_AFTER, OFFICE_OF_BEFORE, PlaceMatch, find_places

PLACE_PRECISION = {"settlement": 1, "admin2": 2, "admin1": 3, "country": 4}


_TIME_ZONE_AFTER = re.compile(r"\s+(?:time|summer time|standard time)\b", re.I)
# "the Sea of Azov", "the Azov Sea", "the Dnipro river": water, not the town of the same name.
_SEA_BEFORE = re.compile(r"\bsea of\s+$", re.I)
# "Putin, speaking at a forum in St Petersburg, said ...": where the speaker was, not the event.
_SPEECH_VENUE = re.compile("|".join(vocab.cue("speech_venue")), re.I)
# A clause that opens a sentence with a subordinator ("While Putin was in Minsk for talks, ...",
# cue `background_opener`) and tells no air-war fact (no cue of the relevance filter): background.
# (it opens on the end of the sentence before, a class of characters the engine scans for fast)
_BACKGROUND_CLAUSE = re.compile(r"(?:\A|[.!?\n])\s*[\"“]?(?:" + "|".join(vocab.cue("background_opener"))
                                + r")\s+(?P<clause>[^,;:.!?\n]{3,160}),", re.I)
_RELEVANT = re.compile(lexicon.RELEVANCE, re.I)
_SEA_AFTER = re.compile(r"\s+(?:sea|gulf|bay|strait|lagoon|river|reservoir|mountains|range)\b", re.I)
# A capital as the subject of a reporting verb is its government ("Kyiv denied", "Moscow says").
_SPEAKS_AFTER = re.compile(
    r"(?:'s? (?:\w+ ){0,2}" + vocab.words_regex("titles.office", "titles.armed_office") + ")?"
    r"\s+(?:has |have |had |also |later |quickly |strongly |on \w+ |rarely |seldom |never |usually |"
    r"often |routinely |repeatedly |did not |does not |has not |declined to |refused to )*"
    + vocab.words_regex("reporting.statement", "reporting.addressed", "reporting.rebuttal", "reporting.blame")
    + r"\b", re.I)
# ... and so is the agent of a passive reporting verb ("the totals reported by Moscow").
_SPEAKS_BEFORE = re.compile(vocab.words_regex("reporting.attribution", "reporting.passive_agent")
                            + r"\s+(?:the\s+)?$", re.I)
# ... and so is the side a blaming verb holds to account ("condemned Russia for its strikes on Ukraine").
_BLAMED_BEFORE = re.compile(r"\b" + vocab.words_regex("reporting.blame") + r"\s+(?:the\s+)?$", re.I)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|within|over|near|from|to|across|of|at|into|outside|"
                                 r"around|inside|toward|towards|on|above|for)\s+(?:the\s+)?$", re.I)
# "near Moscow", "outside Kyiv": a city that is a region of its own lies inside another one,
# and "near" it means that surrounding region.
_SURROUNDING_REGION = {"RU-MOW": "RU-MOS", "RU-SPE": "RU-LEN", "UA-30": "UA-32", "UA-40": "UA-43"}
_CAPITAL_NAMES = {"Russian": "Moscow", "Ukrainian": "Kyiv", "Belarusian": "Minsk"}
_NATIONS = "|".join(_CAPITAL_NAMES)
_CAPITAL = re.compile(rf"\b(?:the\s+)?(?P<nation>{_NATIONS}) capital\b")
# A country named by its space after a preposition of place: "over Russian territory", "into
# Belarusian airspace", "in Ukrainian skies" are Russia, Belarus and Ukraine.
_COUNTRY_NAMES = {"Russian": "Russia", "Ukrainian": "Ukraine", "Belarusian": "Belarus"}
_NATIONAL_SPACE = re.compile(rf"\b(?:over|in|into|across|above|within|on)\s+(?:the\s+)?"
                             rf"(?P<space>(?P<nation>{_NATIONS})\s+(?:territory|airspace|air\s+space|skies|sky|soil))\b")


def _before(text: str, start: int, width: int = 48) -> str:
    """The few words before a place: the patterns read only these, and searching the whole
    prefix for every place of a long article costs time that grows with its square."""
    return text[max(0, start - width):start]


def _is_metonym(text: str, p: PlaceMatch) -> bool:
    """"Kyiv denied", "according to Moscow", "the Kyiv regime", "Kyiv Mayor ...": a government
    or an office, not where something happened ("sources within Russia said" stays a place)."""
    if p.kind not in ("settlement", "country"):
        return False
    before = _before(text, p.start)
    if OFFICE_AFTER.match(text, p.end) or _SPEAKS_BEFORE.search(before) or _BLAMED_BEFORE.search(before):
        return True
    if p.kind == "country" and OFFICE_OF_BEFORE.search(before):
        return True
    return bool(_SPEAKS_AFTER.match(text, p.end)) and not _PREPOSITION_BEFORE.search(before)


# "the area surrounding the capital", "the region around Kyiv": the surrounding region itself.
_AROUND_BEFORE = re.compile(r"\b(?:region|area|province)\s+(?:around|surrounding)\s+(?:the\s+)?"
                            rf"(?:(?:{_NATIONS})\s+)?(?:capital,?\s+)?$", re.I)


def _surrounding(text: str, p: PlaceMatch) -> PlaceMatch:
    region = _SURROUNDING_REGION.get(p.admin1_code or "")
    if p.kind != "settlement" or region is None:
        return p
    before = _before(text, p.start)
    if _AROUND_BEFORE.search(before):
        return replace(p, admin1_code=region, kind="admin1")  # the region itself
    if not NEAR_BEFORE.search(before):
        return p
    return replace(p, admin1_code=region, kind="admin2")  # geo precision 2: "near" a settlement


# "launched from the Voronezh region", "launch areas: Yeysk and Kursk", "returned to Russia": where
# the weapons came from or went back to, not where the event happened. "by Russia" before a country:
# the agent ("drones launched by Russia").
_ORIGIN_BEFORE = re.compile(
    r"\b(?:(?:launched|fired|flying|flew|took off|taking off|coming|came)\s+(?:in\s+)?from"
    r"|(?:returned|returning|flew back|went back|headed back)\s+to"
    r"|from the (?:directions?|sides?) of"
    r"|launch (?:areas?|sites?|positions?|points?)\s*(?::|-|\u2013|\u2014|were|was|included)?"
    r")\s+(?:the\s+)?(?:territory of\s+(?:the\s+)?)?$", re.I)
# "fired an Iskander-M ballistic missile at the city from the Rostov Region", "attacked with two
# missiles from the Voronezh region": the verb's object and target may stand between it and the origin.
_LAUNCHED_FROM_BEFORE = re.compile(r"\b(?:launched|fired|attacked|struck)\s+(?:[\w'-]+\s+){1,8}?"
                                   r"from\s+(?:the\s+)?(?:territory of\s+(?:the\s+)?)?$", re.I)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# "from the Kursk direction", "from the Bryansk and Kursk directions": an origin named before the word.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_FROM_GAP = re.compile(r"\s+from\s+(?:the\s+)?", re.I)
_DIRECTION_AFTER = re.compile(r"\s+(?:region\s+)?directions?\b", re.I)
# "two flew into Belarus", "headed towards Russia": a country drones flew on to, no event place.
_DIRECTION_BEFORE = re.compile(r"\b(?:flew|flying|headed|heading|returned|returning)\s+(?:back\s+)?"
                               r"(?:into|towards?|for|to)\s+(?:the\s+)?$", re.I)
# "Russia attacked Ukraine with ...", "Ukraine launched 40 drones", "Russia fires a new missile"
# (a headline's present): the country that acts.
_AGENT_AFTER = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:again\s+|also\s+)?"
                          r"(?:launch(?:ed|es)|attack(?:ed|s)|str(?:uck|ikes)|fire[ds]|shell(?:ed|s)|"
                          r"target(?:ed|s)|sen(?:t|ds)|attempt(?:ed|s)|tr(?:ied|ies)|us(?:ed|es)|"
                          r"carried\s+out|conducted)\b", re.I)


# "MOSCOW (Sputnik) -", "KYIV, Dec 5 (Reuters) -", "Moscow, Sep 29 (IANS)", "BELGOROD, March 3.
# /TASS/." (the agency between slashes): where the story was filed, not where anything happened.
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\.?)?\s*"
                             r"(?:\([A-Za-z][\w .&-]{1,30}\)|/\s*[A-Za-z][\w .&-]{1,30}/)"
                             r"\s*[-\u2013\u2014.]?")
_DATELINE_DATE_AFTER = re.compile(r",\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\.?\s*[(/]")


def _is_dateline(text: str, p: PlaceMatch) -> bool:
    """A place written as a news agency's dateline: in capitals or with the day, then the agency."""
    shouted = p.text.isupper() and len(p.text) > 2
    return bool((shouted and _DATELINE_AFTER.match(text, p.end)) or _DATELINE_DATE_AFTER.match(text, p.end))


def _direction_follows(text: str, found: list[PlaceMatch], i: int) -> bool:
    """"direction(s)" after the place at i, or after the last place listed with it ("from the
    Bryansk and Kursk directions")."""
    j = i
    while j + 1 < len(found) and LIST_GAP.match(text[found[j].end:found[j + 1].start]):
        j += 1
    return bool(_DIRECTION_AFTER.match(text, found[j].end))


def _origins(text: str, found: list[PlaceMatch]) -> set[int]:
    """Indexes of the places of `found` (in text order) that are origins or agents, with the
    places listed after one of them ("launch areas: Yeysk and Kursk")."""
    out: set[int] = set()
    for i, p in enumerate(found):
        before = _before(text, p.start)
        origin = bool(_ORIGIN_BEFORE.search(before)) or bool(
            _LAUNCHED_FROM_BEFORE.search(_before(text, p.start, 96))) or (
            bool(_FROM_BEFORE.search(before)) and _direction_follows(text, found, i))
        agent = p.kind == "country" and bool(_AGENT_BEFORE.search(before) or _AGENT_AFTER.match(text, p.end)
                                             or _DIRECTION_BEFORE.search(before))
        listed = i - 1 in out and bool(LIST_GAP.match(text[found[i - 1].end:p.start]))
        # "flew into Belarus from Ukraine": where a crossing came from, after where it went
        origin = origin or (i > 0 and bool(_DIRECTION_BEFORE.search(_before(text, found[i - 1].start)))
                            and bool(_FROM_GAP.fullmatch(text, found[i - 1].end, p.start)))
        if origin or agent or listed:
            out.add(i)
    return out


def _background_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause that opens a sentence of `text` as its background: "While Putin
    was in Minsk for talks with Lukashenko," tells where someone was, not where the drones struck."""
    return [m.span() for m in _BACKGROUND_CLAUSE.finditer(text) if not _RELEVANT.search(m["clause"])]


def real_places(text: str) -> tuple[list[PlaceMatch], list[PlaceMatch]]:
    """(places where things happen, places that only name an office or government).

    Time zones ("20:00 Moscow time"), datelines ("MOSCOW (Sputnik) -"), water, where weapons were
    launched from and where a speaker spoke ("speaking at a forum in St Petersburg") are neither;
    where they flew to, and places in a sentence's background clause ("As Zelensky met European
    leaders in Kyiv, ..."), count only in a sentence that names no other place.
    "The Russian capital" is Moscow, and "over Russian territory" Russia.
    """
    places, offices, destinations, background = [], [], [], []
    found = find_places(text)
    origins = _origins(text, found)
    backgrounds = _background_spans(text)
    for i, p in enumerate(found):
        skip = i in origins or _is_dateline(text, p) or bool(_TIME_ZONE_AFTER.match(text, p.end)) \
            or bool(_SPEECH_VENUE.search(_before(text, p.start)))
        if skip or (p.kind == "settlement" and (
                _SEA_BEFORE.search(_before(text, p.start)) or _SEA_AFTER.match(text, p.end))):
            continue
        if _DIRECTION_BEFORE.search(_before(text, p.start)):
            destinations.append(p)  # "including 5 flying toward Moscow": where they were going
        elif any(s <= p.start < e for s, e in backgrounds):
            background.append(p)
        else:
            (offices if _is_metonym(text, p) else places).append(p)
    # A place drones were headed for is where they were stopped only when the sentence names no
    # other ("a drone flying toward Moscow was shot down"); "12 over the Moscow region, including 5
    # flying toward Moscow" happened in the region. So is a place of the background.
    places = places or destinations or background
    for m in _CAPITAL.finditer(text):
        capital = next(iter(find_places(_CAPITAL_NAMES[m.group("nation")])), None)
        if capital is not None:
            places.append(replace(capital, start=m.start(), end=m.end(), text=m.group(0)))
    for m in _NATIONAL_SPACE.finditer(text):
        country = next((p for p in find_places(_COUNTRY_NAMES[m["nation"]]) if p.kind == "country"), None)
        if country is not None:
            places.append(replace(country, start=m.start("space"), end=m.end("space"), text=m["space"]))
    places = [_surrounding(text, p) for p in places]
    return sorted(places, key=lambda p: p.start), offices


# "Pavlohrad district, Dnipropetrovsk", "Pogar in the Bryansk region": what follows a local place
# this way names the region it lies in, not a second place.
_QUALIFIER_GAP = re.compile(r"^(?:\s*,\s*(?:in\s+(?:the\s+)?)?|\s+in\s+(?:the\s+)?|\s*\(\s*)$", re.I)


def _names_a_region(p: PlaceMatch) -> bool:
    return p.kind in ("admin1", "country") or any(c.startswith("iso:") for c in p.candidates)


def qualifier_indexes(places: list[PlaceMatch], text: str) -> set[int]:
    """Indexes of the places that only qualify the local place just before them."""
    out = set()
    for i in range(1, len(places)):
        before, p = places[i - 1], places[i]
        if (before.kind in ("settlement", "admin2") and not _names_a_region(before) and _names_a_region(p)
                and _QUALIFIER_GAP.match(text[before.end:p.start])):
            out.add(i)
    return out


# What may stand between two places of one list ("Sumy, Kharkiv and the Odesa region"): only
# separators (skywatch/vocab/cues.yaml, list_separator). One pattern for every list reader.
LIST_GAP = re.compile(rf"^(?:\s*(?:{'|'.join(vocab.cue('list_separator'))})\s*)*$", re.I)


def best_place(places: list[PlaceMatch], text: str | None = None) -> PlaceMatch | None:
    """The most precise place named, qualifiers aside when `text` is given; ties go to the first."""
    if not places:
        return None
    skip = qualifier_indexes(places, text) if text is not None else set()
    return min((p for i, p in enumerate(places) if i not in skip),
               key=lambda p: (PLACE_PRECISION.get(p.kind, 5), p.start))
