"""The one vocabulary: weapon classes, targets, effects, count kinds, event types, cue and word lists.

Each is a YAML file of this folder, read once. Everything that needs a word, a pattern or a
class's property reads it from here: the relevance filter and sentence classifier
(`skywatch.lexicon`), the counted-noun lexicon (`skywatch.numbers`), claim and event logic, the
Great Expectations value sets (`skywatch.gates`), the plausibility bounds and the mart pivots.
`tests/test_vocab.py` fails when any of them disagrees with these files, and turns every record's
`example` and `counter_example` into a test. No dagster here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

FILES = ("weapons", "targets", "effects", "cues", "counted_nouns", "count_kinds", "event_types")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `<name>.yaml`; a broken file is a one-line error that names it."""
    if name not in FILES:
        raise KeyError(f"no vocabulary file {name}.yaml (have: {', '.join(FILES)})")
    resource = files(__package__) / f"{name}.yaml"
    try:
        return parse_yaml(resource.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"skywatch/vocab/{name}.yaml: {str(exc).splitlines()[0]}") from None


def parse_yaml(text: str) -> Any:
    """`yaml.safe_load` with libyaml's C parser when PyYAML has it (ten times faster: the vocabulary,
    entity and plausibility files cost half a second of every process in pure Python); the same
    safe constructor, the same values and the same `yaml.YAMLError` on a broken file."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loader


def fingerprint() -> str:
    """SHA-256 over every vocabulary file: part of each version stamped on rows they shaped."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode() + b"\0" + (files(__package__) / f"{name}.yaml").read_bytes())
    return digest.hexdigest()


def compile_any(patterns: tuple[str, ...] | list[str], flags: int = re.I) -> re.Pattern[str]:
    """One regex matching any of `patterns` (each a regex of its own)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", flags)


# --- weapons ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Weapon:
    id: str
    counts_as: str | None       # "drones" | "missiles" | "rockets" | None
    kind_of: str | None          # the generic class it is a kind of
    generic: bool
    delivery: str | None         # "air" | "ground" | None
    acled_attack: str | None
    names: tuple[str, ...]       # proper and model names, plain words
    own_cues: tuple[str, ...]
    own_counted: tuple[str, ...]
    example: str | None
    counter_example: str | None

    @property
    def _names(self) -> str:
        return "|".join(_plain(n) for n in self.names)

    @property
    def cues(self) -> tuple[str, ...]:
        """Regexes that name the class in a sentence: its cues and its names ("Iskander-M", "Shaheds")."""
        named = (rf"\b(?:{self._names})(?:-[\w/]+)?s?\b",) if self.names else ()
        return self.own_cues + named

    @property
    def counted(self) -> tuple[str, ...]:
        """Regexes for the noun of a count of it ("31 Shahed-136s", "12 storm shadows")."""
        named = (rf"(?:{self._names})s?(?:-[a-z0-9/]+)?s?",) if self.names else ()
        return self.own_counted + named


@cache
def weapons() -> tuple[Weapon, ...]:
    """Every weapon class, in the order the classifier tries them."""
    return tuple(Weapon(id=w["id"], counts_as=w.get("counts_as"), kind_of=w.get("kind_of"),
                        generic=bool(w.get("generic")), delivery=w.get("delivery"),
                        acled_attack=w.get("acled_attack"), names=tuple(w.get("names") or ()),
                        own_cues=tuple(w.get("cues") or ()), own_counted=tuple(w.get("counted") or ()),
                        example=w.get("example"),
                        counter_example=w.get("counter_example"))
                 for w in load("weapons")["weapons"])


def _plain(word: str) -> str:
    """A name as a regex matching it literally (spaces kept, so Polars' engine reads it too)."""
    return "".join(ch if ch.isalnum() or ch in " -" else f"\\{ch}" for ch in word.lower())


def weapon_names() -> tuple[str, ...]:
    """Every proper or model name of a weapon, as a literal regex."""
    return tuple(_plain(n) for w in weapons() for n in w.names)


def weapon_ids() -> tuple[str, ...]:
    return tuple(w.id for w in weapons())


def weapons_counted_as(family: str) -> frozenset[str]:
    """The classes whose numbers fill `<family>_launched` / `<family>_destroyed`."""
    return frozenset(w.id for w in weapons() if w.counts_as == family)


def weapon_families() -> dict[str, str]:
    """{weapon class: the family its numbers count as} for every class that is counted."""
    return {w.id: w.counts_as for w in weapons() if w.counts_as}


def weapons_delivered(by: str) -> frozenset[str]:
    return frozenset(w.id for w in weapons() if w.delivery == by)


def generic_weapons() -> frozenset[str]:
    return frozenset(w.id for w in weapons() if w.generic)


def weapon_kinds() -> dict[str, frozenset[str]]:
    """A generic class and the specific ones that are kinds of it: {"missile": {ballistic, cruise}}."""
    out: dict[str, set[str]] = {}
    for w in weapons():
        if w.kind_of:
            out.setdefault(w.kind_of, set()).add(w.id)
    return {k: frozenset(v) for k, v in out.items()}


def acled_sub_event(event_type: str, weapon: str | None) -> str | None:
    """The ACLED sub-event type of a claim: by weapon for an attack, one type for an interception."""
    if event_type == "interception":
        return load("weapons")["acled_interception"]
    if event_type == "attack":
        return next((w.acled_attack for w in weapons() if w.id == weapon), None)
    return None


def acled_sub_event_types() -> tuple[str, ...]:
    found = dict.fromkeys(w.acled_attack for w in weapons() if w.acled_attack)
    return (*found, load("weapons")["acled_interception"])


# --- targets, effects, event types, count kinds ----------------------------------------------

@dataclass(frozen=True)
class Cued:
    """A record read by its cues: a target or an effect."""
    id: str
    cues: tuple[str, ...]
    example: str | None = None
    counter_example: str | None = None
    infrastructure: bool = False


def _cued(name: str) -> tuple[Cued, ...]:
    return tuple(Cued(id=r["id"], cues=tuple(r.get("cues") or ()), example=r.get("example"),
                      counter_example=r.get("counter_example"),
                      infrastructure=bool(r.get("infrastructure")))
                 for r in load(name)[name])


@cache
def targets() -> tuple[Cued, ...]:
    return _cued("targets")


@cache
def effects() -> tuple[Cued, ...]:
    return _cued("effects")


def infrastructure_targets() -> tuple[str, ...]:
    return tuple(t.id for t in targets() if t.infrastructure)


def event_types() -> tuple[str, ...]:
    return tuple(r["id"] for r in load("event_types")["event_types"])


@dataclass(frozen=True)
class CountKind:
    """A count kind and the numbers that fill it (count_kinds.yaml); None/empty: any."""

    id: str
    max_value: int
    weapons: str | None                # a `counts_as` of weapons.yaml
    stage: str | None                  # launched | destroyed
    role: str | None                   # killed | injured | without_power
    counted: frozenset[str]            # counted-noun categories
    event_types: frozenset[str]

    def fits(self, *, event_type: str, category: str | None, role: str | None,
             weapons: str | None = None, stage: str | None = None) -> bool:
        """Whether a number of this description is of this kind."""
        return (self.weapons == weapons and (self.weapons is None or self.stage == stage)
                and (self.role is None or self.role == role)
                and (not self.counted or category in self.counted)
                and (not self.event_types or event_type in self.event_types))


@cache
def count_kind_records() -> tuple[CountKind, ...]:
    """The count kinds in file order: the first that fits a number is its kind."""
    return tuple(CountKind(id=r["id"], max_value=int(r["max_value"]), weapons=r.get("weapons"),
                           stage=r.get("stage"), role=r.get("role"),
                           counted=frozenset(r.get("counted") or ()),
                           event_types=frozenset(r.get("event_types") or ()))
                 for r in load("count_kinds")["count_kinds"])


def count_kinds() -> dict[str, int]:
    """Every count kind with the largest value one claim may state."""
    return {k.id: k.max_value for k in count_kind_records()}


def weapon_count_kinds(stage: str) -> dict[str, str]:
    """{weapon family (`counts_as`): its count kind} for weapons launched or destroyed."""
    return {k.weapons: k.id for k in count_kind_records() if k.weapons and k.stage == stage}


# --- cue lists and counted nouns ----------------------------------------------------------------

@dataclass(frozen=True)
class Cue:
    name: str
    patterns: tuple[str, ...]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@cache
def cues() -> dict[str, Cue]:
    return {name: Cue(name=name, patterns=tuple(r["patterns"]),
                      examples=tuple(r.get("examples") or ()),
                      counter_examples=tuple(r.get("counter_examples") or ()))
            for name, r in load("cues")["cues"].items()}


def cue(name: str) -> tuple[str, ...]:
    """The patterns of one cue list."""
    try:
        return cues()[name].patterns
    except KeyError:
        raise KeyError(f"skywatch/vocab/cues.yaml has no cue list {name!r}") from None


# --- word lists: reporting verbs and titles ------------------------------------------------------

@dataclass(frozen=True)
class WordList:
    name: str                    # "<kind>.<group>": "reporting.statement", "titles.person"
    words: tuple[str, ...]       # plain words and phrases, lower case
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@cache
def word_lists() -> dict[str, WordList]:
    """Every word list of cues.yaml `words:`, by "<kind>.<group>"."""
    return {f"{kind}.{group}": WordList(name=f"{kind}.{group}",
                                        words=tuple(str(w).lower() for w in r["words"]),
                                        examples=tuple(r.get("examples") or ()),
                                        counter_examples=tuple(r.get("counter_examples") or ()))
            for kind, groups in load("cues")["words"].items() for group, r in groups.items()}


def words(*names: str) -> tuple[str, ...]:
    """The words of the named lists, in order, each once: words("reporting.plain", "titles.rank")."""
    found: dict[str, None] = {}
    for name in names:
        try:
            found.update(dict.fromkeys(word_lists()[name].words))
        except KeyError:
            raise KeyError(f"skywatch/vocab/cues.yaml has no word list {name!r}") from None
    return tuple(found)


def words_regex(*names: str) -> str:
    """One regex group matching any word of the named lists literally, the longest first (so
    "prime minister" wins over "minister"); the caller adds the boundaries its use needs."""
    found = sorted(words(*names), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace("\\ ", " ") for w in found) + ")"


def word_tokens(*names: str) -> frozenset[str]:
    """The lower-case alphanumeric tokens of the named lists' words ("gen." -> "gen",
    "prime minister" -> "prime", "minister"): for consumers that compare one token at a time."""
    return frozenset(t for w in words(*names) for t in re.split(r"[^a-z0-9]+", w) if t)


def counted_nouns() -> tuple[tuple[str, str], ...]:
    """(category, pattern) of every counted noun: the weapons' first, then the others."""
    weapon_nouns = tuple((w.id, p) for w in weapons() for p in w.counted)
    others = tuple((r["category"], p) for r in load("counted_nouns")["counted_nouns"] for p in r["patterns"])
    return weapon_nouns + others


# --- what the gates check -------------------------------------------------------------------------

def value_sets() -> dict[str, tuple[str, ...]]:
    """{"schema.table.column": allowed values} for every warehouse column holding vocabulary ids."""
    sets = {
        "columns": {"weapons": weapon_ids(), "targets": tuple(t.id for t in targets()),
                    "count_kinds": tuple(count_kinds()), "event_types": event_types()},
        "acled_columns": {"weapons": acled_sub_event_types()},
        "infrastructure_columns": {"targets": infrastructure_targets()},
    }
    out: dict[str, tuple[str, ...]] = {}
    for key, by_file in sets.items():
        for name, values in by_file.items():
            for column in load(name).get(key, ()):
                out[column] = values
    return out
