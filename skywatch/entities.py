"""Claimant entities: who a claim's claimant text names.

The extractor keeps a claimant as written ("Sobyanin", "Mayor Sergei Sobyanin", "the Moscow mayor").
The warehouse needs one key per official or agency so that claims by the same source can be grouped,
so this module resolves such text against the reviewed list in `data/entities.yaml` (its header
defines every field and rule). Resolution is conservative: a wrong identity is worse than none, so
generic text ("Russian military", "local official") and anything ambiguous stays unresolved.

Lookup keys are built once per file and cached: names and aliases, the nation forms of organisations
("Ukrainian Air Force" from "Air Force"), and the office phrases with their other word orders and
region forms ("governor of the Belgorod region" from "Belgorod governor").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl
from rapidfuzz import fuzz, process
from unidecode import unidecode

from skywatch import vocab

ENTITIES_PATH = Path(__file__).parent / "data" / "entities.yaml"

KINDS = frozenset({"person", "organisation"})
# The sides of the air war; an entity serves one of them (header: country_code).
NATION_ADJECTIVES = {"RU": "Russian", "UA": "Ukrainian", "BY": "Belarusian"}
OCCUPATION_ROLE = "head of occupation administration"

REQUIRED_FIELDS = ("id", "name", "kind", "role", "country_code")
OPTIONAL_FIELDS = ("admin1_code", "aliases", "offices", "valid_from", "valid_to")
ALIAS_KINDS = ("name", "alias", "derived", "office", "surname")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ADMIN1 = re.compile(r"^(?P<country>[A-Z]{2})-[A-Z0-9]{1,3}$")

# --- normalisation ---------------------------------------------------------------------------------

_NATION_POSSESSIVE = re.compile(r"\b(russia|ukraine|belarus)(?:'s|')(?=\W|$)")
_POSSESSIVE_ADJECTIVE = {"russia": "russian", "ukraine": "ukrainian", "belarus": "belarusian"}
_POSSESSIVE = re.compile(r"'s\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_NOISE_TOKENS = frozenset({"the"})
# British and American spellings of ordinary words, so "Ministry of Defense" needs no alias of its own.
_SPELLING = {"defense": "defence"}
_NATION_TOKENS = frozenset({"russia", "russian", "ukraine", "ukrainian", "belarus", "belarusian"})


def normalise(text: str) -> str:
    """The lookup form of a name: ASCII, lower case, no articles, possessives or punctuation.

    "Russia's" becomes "russian" rather than "russia" so that "Russia's Ministry of Defence" and
    "Russian Ministry of Defence" are one key. Applied to yaml names and to claimant text alike.
    """
    s = unidecode(text).lower()
    s = _NATION_POSSESSIVE.sub(lambda m: _POSSESSIVE_ADJECTIVE[m.group(1)], s)
    s = _POSSESSIVE.sub("", s)
    tokens = (_SPELLING.get(t, t) for t in _NON_WORD.sub(" ", s).split())
    return " ".join(t for t in tokens if t not in _NOISE_TOKENS)


# Words that only say how the named person is addressed; stripped before a name lookup, never before
# an office lookup ("head of Tatarstan" is an office, "Head Minnikhanov" a name). "deputy" and
# "former" are not titles: they say the person is not the holder of the office that follows.
# The words are vocab cues.yaml `words: titles`.
TITLE_TOKENS = vocab.word_tokens("titles.acting", "titles.person", "titles.rank", "titles.honorific")
# An acting holder is the holder, so these are dropped from an office phrase.
_ACTING_TOKENS = vocab.word_tokens("titles.acting")


def strip_titles(key: str) -> str:
    """A normalised key without its leading titles ("governor vasily anokin" -> "vasily anokin").

    Stops before "of" ("head of crimea" keeps its title) and never strips the last token.
    """
    tokens = key.split()
    while len(tokens) > 1 and tokens[0] in TITLE_TOKENS and tokens[1] != "of":
        tokens = tokens[1:]
    return " ".join(tokens)


def _office_form(tokens: Sequence[str]) -> str:
    return " ".join(t for t in tokens if t not in _ACTING_TOKENS)


# --- entities ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """One official or agency of entities.yaml, as written there (aliases and offices not expanded)."""

    id: str
    name: str
    kind: str
    role: str
    country_code: str
    admin1_code: str | None = None
    aliases: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None

    def holds_on(self, on: date) -> bool:
        """Whether `on` falls in the tenure; valid_to is the first day out of office."""
        return ((self.valid_from is None or self.valid_from <= on)
                and (self.valid_to is None or on < self.valid_to))

    @property
    def has_tenure(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None


@dataclass(frozen=True)
class Resolution:
    """The entity a claimant text names and how it was found (exact | office | surname | fuzzy)."""

    entity_id: str
    name: str
    role: str
    country_code: str
    admin1_code: str | None
    method: str


def entities_version(path: Path | str | None = None) -> str:
    """Short sha256 of the file bytes and of the rules that read it (this module): the warehouse
    records it so a data or rule change is visible."""
    from skywatch import versions

    rules = versions.content_hash(modules=("skywatch.entities",))
    return hashlib.sha256(rules.encode() + Path(path or ENTITIES_PATH).read_bytes()).hexdigest()[:12]


def load_entities(path: Path | str | None = None, *, text: str | None = None) -> list[Entity]:
    """Load and validate entities from `text`, or from `path` (default: the bundled file, cached).

    Raises ValueError naming the entry when the file breaks a rule of its header, so a bad edit
    fails the tests instead of silently resolving claimants to the wrong entity.
    """
    if text is not None:
        return list(_parse(text, origin="<text>")[0])
    return list(_load_file(Path(path or ENTITIES_PATH).resolve())[0])


@lru_cache(maxsize=8)
def _load_file(path: Path) -> tuple[tuple[Entity, ...], EntityIndex]:
    return _parse(path.read_text(encoding="utf-8"), origin=str(path))


def _parse(text: str, origin: str) -> tuple[tuple[Entity, ...], EntityIndex]:
    """Entities and their lookup index; building the index runs the cross-entry checks."""
    raw = vocab.parse_yaml(text)
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise ValueError(f"{origin}: expected a list of entries, got {type(raw).__name__}")
    entities = tuple(_entity(item, number, origin) for number, item in enumerate(raw, start=1))
    _check_unique_ids(entities, origin)
    try:
        index = build_index(entities)
    except ValueError as error:
        raise ValueError(f"{origin}: {error}") from None
    return entities, index


def _entity(item: Any, number: int, origin: str) -> Entity:
    label = f"{origin}: entry #{number}"
    if not isinstance(item, dict):
        raise ValueError(f"{label}: expected a mapping, got {type(item).__name__}")
    if isinstance(item.get("id"), str):
        label = f"{origin}: entry {item['id']!r}"
    unknown = sorted(set(item) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise ValueError(f"{label}: unknown field(s) {unknown}")
    fields = {name: _text_field(item, name, label) for name in REQUIRED_FIELDS}
    entity = Entity(
        **fields,
        admin1_code=_text_field(item, "admin1_code", label, required=False),
        aliases=_text_list(item, "aliases", label),
        offices=_text_list(item, "offices", label),
        valid_from=_date_field(item, "valid_from", label),
        valid_to=_date_field(item, "valid_to", label),
    )
    _check_entity(entity, label)
    return entity


def _text_field(item: dict[str, Any], name: str, label: str, required: bool = True) -> Any:
    value = item.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{label}: field {name!r} must be a non-empty string, got {value!r}")
    return value.strip()


def _text_list(item: dict[str, Any], name: str, label: str) -> tuple[str, ...]:
    value = item.get(name) or []
    if not isinstance(value, list):
        raise ValueError(f"{label}: field {name!r} must be a list")
    for element in value:
        # yaml reads an unquoted `No` or `1` as a bool or number: refuse rather than stringify
        if not isinstance(element, str) or not normalise(element):
            raise ValueError(f"{label}: {name} element {element!r} is not a usable string")
    return tuple(element.strip() for element in value)


def _date_field(item: dict[str, Any], name: str, label: str) -> date | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date | str):
        raise ValueError(f"{label}: field {name!r} must be an ISO date, got {value!r}")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{label}: field {name!r} must be an ISO date, got {value!r}") from None


def _check_entity(entity: Entity, label: str) -> None:
    """Rules that concern one entry alone."""
    if not _ID.match(entity.id):
        raise ValueError(f"{label}: id must be a lower-case hyphenated slug")
    if entity.kind not in KINDS:
        raise ValueError(f"{label}: kind {entity.kind!r} is not one of {sorted(KINDS)}")
    if entity.country_code not in NATION_ADJECTIVES:
        raise ValueError(f"{label}: country_code {entity.country_code!r} is not one of "
                         f"{sorted(NATION_ADJECTIVES)}")
    _check_admin1(entity, label)
    if entity.valid_from and entity.valid_to and entity.valid_from >= entity.valid_to:
        raise ValueError(f"{label}: valid_from {entity.valid_from} is not before valid_to {entity.valid_to}")


def _check_admin1(entity: Entity, label: str) -> None:
    """Only heads of occupation administrations may serve RU while holding a Ukrainian code."""
    if entity.admin1_code is None:
        return
    match = _ADMIN1.match(entity.admin1_code)
    if not match:
        raise ValueError(f"{label}: admin1_code {entity.admin1_code!r} is not an ISO 3166-2 code")
    country = match.group("country")
    if country == entity.country_code:
        return
    if not (entity.role == OCCUPATION_ROLE and country == "UA"):
        raise ValueError(f"{label}: admin1_code {entity.admin1_code!r} lies outside country "
                         f"{entity.country_code!r}; only a {OCCUPATION_ROLE} may differ (with a UA code)")


def _check_unique_ids(entities: Sequence[Entity], origin: str) -> None:
    seen: set[str] = set()
    for entity in entities:
        if entity.id in seen:
            raise ValueError(f"{origin}: entry {entity.id!r}: duplicate id")
        seen.add(entity.id)


# --- lookup keys -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Key:
    entity_id: str
    alias: str  # as written, or the derived form
    norm: str
    kind: str  # one of ALIAS_KINDS


def _name_keys(entity: Entity) -> list[_Key]:
    """Name and aliases; a person's one-word alias is a surname; organisations get nation forms."""
    keys = [_Key(entity.id, entity.name, normalise(entity.name), "name")]
    for alias in entity.aliases:
        norm = normalise(alias)
        single = entity.kind == "person" and len(norm.split()) == 1
        keys.append(_Key(entity.id, alias, norm, "surname" if single else "alias"))
    if entity.kind == "organisation":
        keys.extend(_nation_keys(entity, (entity.name, *entity.aliases)))
    return keys


def _nation_keys(entity: Entity, names: Iterable[str]) -> list[_Key]:
    """ "<Russian|Ukrainian|Belarusian> <alias>" with the entity's own nation only: the prefix is what
    tells "Ukrainian Ministry of Defence" from the Russian one that bare "Defence Ministry" means."""
    adjective = NATION_ADJECTIVES[entity.country_code]
    keys = []
    for name in names:
        if _NATION_TOKENS.isdisjoint(normalise(name).split()):
            derived = f"{adjective} {name}"
            keys.append(_Key(entity.id, derived, normalise(derived), "derived"))
    return keys


# Office phrases "<place> <title>" / "<title> of <place>" whose other forms the code derives.
REGIONAL_TITLES = vocab.words("titles.regional_office")
# "Krai" is recognised where the yaml writes it (Krasnodar Krai) and then replaces "Oblast".
REGION_WORDS = ("region", "Oblast", "province")
_REGION_WORDS_READ = frozenset({"region", "oblast", "krai", "province"})
QUALIFIERS = ("Russian-installed", "Moscow-installed", "occupation")
# Cities with the status of a region: "St Petersburg region" is what some write for Leningrad Oblast,
# so these get no region forms.
FEDERAL_CITIES = frozenset({"RU-MOW", "RU-SPE", "UA-30", "UA-40"})
REGION_FORM_ROLES = frozenset({"governor", "head of regional military administration", OCCUPATION_ROLE})
MILITARY_ADMINISTRATION_ROLE = "head of regional military administration"
# Words that make a phrase a name of a state body rather than of a region ("DPR head").
_NOT_A_PLACE = frozenset({"people", "republic", "dpr", "lpr"})


@dataclass(frozen=True)
class _Office:
    qualified: bool  # Russian-installed / Moscow-installed / occupation
    title: str
    place: str  # as written, without a region word
    bare: bool  # written without a region word ("Belgorod governor", not "Moscow region governor")
    krai: bool = False  # written with "Krai"


def _parse_office(phrase: str) -> _Office | None:
    """The parts of a regional office phrase, or None for any other phrase (kept verbatim)."""
    words = phrase.split()
    qualified = bool(words) and words[0].lower() in {q.lower() for q in QUALIFIERS}
    words = words[1:] if qualified else words
    lower = [w.lower() for w in words]
    if len(words) >= 2 and lower[-1] in REGIONAL_TITLES and "of" not in lower:
        title, place_words = lower[-1], words[:-1]
    elif len(words) >= 3 and lower[0] in REGIONAL_TITLES and lower[1] == "of":
        title, place_words = lower[0], [w for w in words[2:] if w.lower() != "the"]
    else:
        return None
    region_word = place_words[-1].lower() if place_words else ""
    bare = region_word not in _REGION_WORDS_READ
    place_words = place_words if bare else place_words[:-1]
    if not place_words or not _NOT_A_PLACE.isdisjoint(normalise(" ".join(place_words)).split()):
        return None
    return _Office(qualified, title, " ".join(place_words), bare, region_word == "krai")


@dataclass(frozen=True)
class _Place:
    written: str
    bare: bool  # some holder's office names it without a region word
    krai: bool  # some holder's office calls it a krai


def _region_places(entities: Sequence[Entity]) -> dict[str, dict[str, _Place]]:
    """admin1 code -> place spellings of all its holders' offices (norm -> place).

    Holders of one region share spellings, so each entry needs only its own one form per spelling.
    """
    pools: dict[str, dict[str, _Place]] = {}
    for entity in entities:
        if entity.admin1_code is None:
            continue
        pool = pools.setdefault(entity.admin1_code, {})
        for office in filter(None, map(_parse_office, entity.offices)):
            norm = normalise(office.place)
            old = pool.get(norm, _Place(office.place, False, False))
            pool[norm] = _Place(old.written, old.bare or office.bare, old.krai or office.krai)
    return pools


def _office_keys(entity: Entity, pools: dict[str, dict[str, _Place]]) -> list[_Key]:
    """The office phrases as written plus, for regional offices, their derived forms."""
    phrases = list(entity.offices)
    parsed = [o for o in map(_parse_office, entity.offices) if o] if entity.admin1_code else []
    for qualified, title in dict.fromkeys((o.qualified, o.title) for o in parsed):
        for place in pools.get(entity.admin1_code or "", {}).values():
            for qualifier in QUALIFIERS if qualified else ("",):
                phrases.extend(_office_forms(entity, qualifier, title, place))
    return [_Key(entity.id, p, normalise(p), "office") for p in dict.fromkeys(phrases)]


def _office_forms(entity: Entity, qualifier: str, title: str, where: _Place) -> list[str]:
    """Word orders and region forms of one office: "Belgorod governor" -> "governor of the Belgorod
    region", "Belgorod Oblast governor", "Belgorod regional governor"..."""
    q, place = (f"{qualifier} " if qualifier else ""), where.written
    forms = [f"{q}{place} {title}", f"{q}{title} of {place}"] if where.bare else []
    if title == "mayor" or entity.admin1_code in FEDERAL_CITIES or entity.role not in REGION_FORM_ROLES:
        return forms
    words = tuple("Krai" if where.krai and w == "Oblast" else w for w in REGION_WORDS)
    for word in words:
        forms += [f"{q}{place} {word} {title}", f"{q}{title} of the {place} {word}"]
    forms.append(f"{q}{place} regional {title}")
    if entity.role == MILITARY_ADMINISTRATION_ROLE and not qualifier:
        forms.append(f"head of the {place} military administration")
        for word in (*words, "regional"):
            forms += [f"head of the {place} {word} military administration",
                      f"{place} {word} military administration head"]
    return forms


# --- the index ---------------------------------------------------------------------------------------


class EntityIndex:
    """Lookup tables over a list of entities, built once: resolving must stay cheap per string."""

    def __init__(self, entities: Sequence[Entity], keys: Sequence[_Key],
                 exact: dict[str, _Key], offices: dict[str, tuple[str, ...]]) -> None:
        self.entities = {e.id: e for e in entities}
        self.keys = tuple(keys)
        self.exact = exact
        self.offices = offices
        self.surnames = {norm: key.entity_id for norm, key in exact.items() if key.kind == "surname"}
        persons = [e for e in entities if e.kind == "person"]
        self.given_names = {e.id: _given_names(e) for e in persons}
        self.all_given_names = frozenset().union(*self.given_names.values())
        full = [k for k in exact.values()
                if k.kind in ("name", "alias") and self.entities[k.entity_id].kind == "person"]
        self.fuzzy_choices = [k.norm for k in full]
        self.fuzzy_ids = [k.entity_id for k in full]
        self.max_office_tokens = max((len(norm.split()) for norm in offices), default=0)

    def resolve(self, text: str | None, on: date | None = None) -> Resolution | None:
        """The entity `text` names (on date `on`, which only matters for office phrases)."""
        if not text or not isinstance(text, str):
            return None
        if isinstance(on, datetime):
            on = on.date()
        key = normalise(text)
        if not key:
            return None
        hit = self._exact(key) or self._office(key, on)
        name = strip_titles(key)
        if hit is None and name != key:
            hit = self._exact(name)
        return hit or self._office_and_name(key) or self._person(name)

    # Each step returns a Resolution or None; the order is the order of confidence.

    def _exact(self, key: str, persons_only: bool = False) -> Resolution | None:
        found = self.exact.get(key)
        if found is None or (persons_only and self.entities[found.entity_id].kind != "person"):
            return None
        return self._resolution(found.entity_id, "surname" if found.kind == "surname" else "exact")

    def _office(self, key: str, on: date | None) -> Resolution | None:
        holders = self.offices.get(_office_form(key.split()))
        if not holders:
            return None
        entities = [self.entities[i] for i in holders]
        if on is not None and any(e.has_tenure for e in entities):
            entities = [e for e in entities if e.holds_on(on)]
        return self._resolution(entities[0].id, "office") if len(entities) == 1 else None

    def _office_and_name(self, key: str) -> Resolution | None:
        """ "Moscow mayor Sergei Sobyanin", "Sergei Sobyanin Moscow mayor": the name decides, the office
        only marks where it starts. An unknown name next to an office stays unresolved."""
        tokens = key.split()
        limit = min(len(tokens) - 1, self.max_office_tokens + 1)
        for size in range(limit, 0, -1):
            if _office_form(tokens[:size]) in self.offices:
                return self._person(" ".join(tokens[size:]))
            if _office_form(tokens[-size:]) in self.offices:
                return self._person(" ".join(tokens[:-size]))
        return None

    def _person(self, name: str) -> Resolution | None:
        """A person's name: exact, a full name at the end, the surname, then a close spelling."""
        name = strip_titles(name)
        return (self._exact(name, persons_only=True) or self._trailing_name(name)
                or self._surname(name) or self._fuzzy(name))

    def _trailing_name(self, name: str) -> Resolution | None:
        """ "Deputy Prime Minister Mykhailo Fedorov": a full name at the end names that person."""
        tokens = name.split()
        for size in (3, 2):
            if len(tokens) > size:
                found = self.exact.get(" ".join(tokens[-size:]))
                if found and found.kind in ("name", "alias") and self._is_person(found.entity_id):
                    return self._resolution(found.entity_id, "exact")
        return None

    def _surname(self, name: str) -> Resolution | None:
        """Last token as an unambiguous surname, unless a given name before it is someone else's
        ("Ivan Gladkov" is not Vyacheslav Gladkov)."""
        tokens = name.split()
        entity_id = self.surnames.get(tokens[-1]) if tokens else None
        if entity_id is None:
            return None
        if len(tokens) > 1 and not self._given_name_fits(tokens[-2], entity_id):
            return None
        return self._resolution(entity_id, "surname")

    def _given_name_fits(self, token: str, entity_id: str) -> bool:
        own = self.given_names.get(entity_id, frozenset())
        if len(token) == 1:  # an initial
            return any(g.startswith(token) for g in own)
        if token not in self.all_given_names:
            return True  # a title, place or qualifier word: "Chechen leader Kadyrov"
        return any(fuzz.ratio(token, g) >= 75 for g in own)

    def _fuzzy(self, name: str) -> Resolution | None:
        """Romanisation variants of a full name ("Vyacheslav Gladkow"); two tokens at least, a high
        threshold, and a clear winner, since a near miss on a short name is another person."""
        if len(name.split()) < 2 or not self.fuzzy_choices:
            return None
        matches = process.extract(name, self.fuzzy_choices, scorer=fuzz.ratio, processor=None,
                                  score_cutoff=FUZZY_THRESHOLD, limit=8)
        best: dict[str, float] = {}
        for _, score, position in matches:
            entity_id = self.fuzzy_ids[position]
            best[entity_id] = max(score, best.get(entity_id, 0.0))
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN):
            return None
        return self._resolution(ranked[0][0], "fuzzy")

    def _is_person(self, entity_id: str) -> bool:
        return self.entities[entity_id].kind == "person"

    def _resolution(self, entity_id: str, method: str) -> Resolution:
        e = self.entities[entity_id]
        return Resolution(e.id, e.name, e.role, e.country_code, e.admin1_code, method)


FUZZY_THRESHOLD = 90.0
FUZZY_MARGIN = 3.0


def _given_names(entity: Entity) -> frozenset[str]:
    """First tokens of a person's multi-word names: what may stand before the surname."""
    names = (normalise(n).split() for n in (entity.name, *entity.aliases))
    return frozenset(tokens[0] for tokens in names if len(tokens) > 1)


def build_index(entities: Sequence[Entity]) -> EntityIndex:
    """Lookup tables for `entities`; raises ValueError where two entries would claim one key."""
    _check_surnames(entities)
    pools = _region_places(entities)
    keys = [k for e in entities for k in (*_name_keys(e), *_office_keys(e, pools))]
    exact = _exact_table(k for k in keys if k.kind != "office")
    offices = _office_table([k for k in keys if k.kind == "office"], {e.id: e for e in entities})
    _check_office_clashes(exact, offices)
    kept = _kept_keys(keys, exact)
    return EntityIndex(entities, kept, exact, offices)


def _check_surnames(entities: Sequence[Entity]) -> None:
    """A surname alias must be no other person's surname: "Fedorov" would name two officials."""
    persons = [e for e in entities if e.kind == "person"]
    bearers: dict[str, set[str]] = {}
    for entity in persons:
        for written in (entity.name, *entity.aliases):
            tokens = normalise(written).split()
            bearers.setdefault(tokens[-1], set()).add(entity.id)
    for entity in persons:
        for alias in entity.aliases:
            tokens = normalise(alias).split()
            others = bearers.get(tokens[0], set()) - {entity.id} if len(tokens) == 1 else set()
            if others:
                raise ValueError(f"entry {entity.id!r}: surname alias {alias!r} is also the surname of "
                                 f"{', '.join(sorted(others))}; leave it out (ambiguous)")


def _exact_table(keys: Iterable[_Key]) -> dict[str, _Key]:
    """norm -> key. A written name or alias beats a derived nation form of another entry; two written
    ones (or two derived ones) for different entries are an error."""
    table: dict[str, _Key] = {}
    for key in keys:
        other = table.get(key.norm)
        if other is None or other.entity_id == key.entity_id:
            table.setdefault(key.norm, key)
            continue
        if other.kind == "derived" and key.kind != "derived":
            table[key.norm] = key
        elif key.kind == "derived" and other.kind != "derived":
            continue
        else:
            raise ValueError(f"entry {key.entity_id!r}: {key.kind} {key.alias!r} is already "
                             f"a {other.kind} of {other.entity_id!r}")
    return table


def _office_table(keys: Sequence[_Key], by_id: dict[str, Entity]) -> dict[str, tuple[str, ...]]:
    """norm -> holders (entity ids). Holders of one phrase need non-overlapping tenures, or the phrase
    could not say whom it means on a date."""
    table: dict[str, list[str]] = {}
    for key in keys:
        holders = table.setdefault(key.norm, [])
        if key.entity_id in holders:
            continue
        for other_id in holders:
            if _overlap(by_id[key.entity_id], by_id[other_id]):
                raise ValueError(f"entry {key.entity_id!r}: office {key.alias!r} is shared with "
                                 f"{other_id!r} and their tenures overlap (give valid_from/valid_to)")
        holders.append(key.entity_id)
    return {norm: tuple(ids) for norm, ids in table.items()}


def _overlap(a: Entity, b: Entity) -> bool:
    """Half-open tenures [valid_from, valid_to); a missing bound is open, so no dates means overlap."""
    a_from, a_to = a.valid_from or date.min, a.valid_to or date.max
    b_from, b_to = b.valid_from or date.min, b.valid_to or date.max
    return a_from < b_to and b_from < a_to


def _check_office_clashes(exact: dict[str, _Key], offices: dict[str, tuple[str, ...]]) -> None:
    """A phrase that is one entry's name and another's office would resolve by accident of order."""
    for norm, holders in offices.items():
        named = exact.get(norm)
        if named is not None and named.kind != "derived" and named.entity_id not in holders:
            raise ValueError(f"entry {holders[0]!r}: office phrase {norm!r} is also "
                             f"a {named.kind} of {named.entity_id!r}")


def _kept_keys(keys: Sequence[_Key], exact: dict[str, _Key]) -> list[_Key]:
    """One key per (entity, norm), first kind wins; derived forms that lost to another entry dropped."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for key in keys:
        if key.kind != "office" and exact[key.norm].entity_id != key.entity_id:
            continue
        if (key.entity_id, key.norm) not in seen:
            seen.add((key.entity_id, key.norm))
            kept.append(key)
    return kept


# --- public lookups ----------------------------------------------------------------------------------


def default_index() -> EntityIndex:
    """The index of the bundled file, built once per process."""
    return _load_file(ENTITIES_PATH.resolve())[1]


def resolve_claimant(text: str | None, on: date | None = None) -> Resolution | None:
    """The bundled entity that claimant `text` names on date `on`, or None (keep the text as written).

    Order: exact name/alias; office phrase (tenure picks the holder on `on`; without a date only a
    sole holder); office next to a name; full name at the end; unambiguous surname; fuzzy full name.
    """
    return _resolve_cached(text, on)


@lru_cache(maxsize=65536)
def _resolve_cached(text: str | None, on: date | None) -> Resolution | None:
    return default_index().resolve(text, on)


ENTITY_ALIAS_SCHEMA = {"entity_id": pl.String, "alias": pl.String, "alias_norm": pl.String,
                       "alias_kind": pl.String}
ENTITY_SCHEMA = {"entity_id": pl.String, "name": pl.String, "kind": pl.String, "role": pl.String,
                 "country_code": pl.String, "admin1_code": pl.String, "valid_from": pl.Date,
                 "valid_to": pl.Date}


def entity_aliases() -> pl.DataFrame:
    """Every lookup key of the bundled file (warehouse reference table): what a claimant may say."""
    rows = [(k.entity_id, k.alias, k.norm, k.kind) for k in default_index().keys]
    return pl.DataFrame(rows, schema=ENTITY_ALIAS_SCHEMA, orient="row")


def entities_frame() -> pl.DataFrame:
    """The bundled entities, one row each (warehouse reference table)."""
    rows = [(e.id, e.name, e.kind, e.role, e.country_code, e.admin1_code, e.valid_from, e.valid_to)
            for e in load_entities()]
    return pl.DataFrame(rows, schema=ENTITY_SCHEMA, orient="row")


RESOLVED_COLUMNS = {"claimant_id": pl.String, "claimant_name": pl.String, "claimant_role": pl.String,
                    "claimant_country": pl.String, "claimant_admin1": pl.String,
                    "claimant_method": pl.String}


def resolve_claimants(frame: pl.DataFrame, text_col: str = "claimant", date_col: str = "event_date",
                      index: EntityIndex | None = None) -> pl.DataFrame:
    """`frame` with the RESOLVED_COLUMNS added (nulls where unresolved; the text column is untouched).

    Claims repeat the same few claimants, so each distinct (text, date) is resolved once and the
    results are joined back. A missing date column means no date (offices need a sole holder).
    """
    index = index or default_index()
    keys = frame.select(pl.col(text_col).cast(pl.String).alias("__text"),
                        _date_expr(frame, date_col).alias("__date"))
    cache: dict[tuple[str | None, date | None], Resolution | None] = {}
    for text, on in keys.unique().iter_rows():
        cache[(text, on)] = index.resolve(text, on)
    lookup = pl.DataFrame(
        [(text, on, *_resolution_fields(hit)) for (text, on), hit in cache.items()],
        schema={"__text": pl.String, "__date": pl.Date, **RESOLVED_COLUMNS}, orient="row")
    base = frame.drop([c for c in RESOLVED_COLUMNS if c in frame.columns]).with_columns(keys)
    joined = base.join(lookup, on=["__text", "__date"], how="left", nulls_equal=True,
                       maintain_order="left")
    return joined.drop("__text", "__date")


def _date_expr(frame: pl.DataFrame, date_col: str) -> pl.Expr:
    if date_col not in frame.columns:
        return pl.lit(None, dtype=pl.Date)
    dtype = frame.schema[date_col]
    if dtype == pl.Date:
        return pl.col(date_col)
    if isinstance(dtype, pl.Datetime):
        return pl.col(date_col).dt.date()
    return pl.col(date_col).cast(pl.String).str.to_date(strict=False)


def _resolution_fields(hit: Resolution | None) -> tuple[str | None, ...]:
    if hit is None:
        return (None,) * len(RESOLVED_COLUMNS)
    return (hit.entity_id, hit.name, hit.role, hit.country_code, hit.admin1_code, hit.method)
