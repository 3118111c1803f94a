"""The vocabulary (`skywatch/vocab/*.yaml`) and every consumer of it agree.

Each record's `example` and `counter_example` is a test; each weapon name is read by every
consumer that needs weapon words; the gates, plausibility bounds, event logic and marts take
their sets from the vocabulary and keep no copy of their own.
"""

from __future__ import annotations

import json
import re

import polars as pl
import pytest
import yaml

from skywatch import entities, events, extract, lexicon, numbers, plausibility, vocab
from skywatch.paths import EXPECTATIONS_DIR, MARTS_SQL_DIR

WEAPONS = [w for w in vocab.weapons() if w.cues]
NAMES = [(w.id, name) for w in vocab.weapons() for name in w.names]


def _relevant(text: str) -> bool:
    return extract.mark_relevant(pl.DataFrame({"text": [text]}))["relevant"][0]


@pytest.mark.parametrize("weapon", WEAPONS, ids=lambda w: w.id)
def test_each_weapon_class_is_read_from_its_example_and_not_its_counter_example(weapon):
    assert weapon.example and weapon.counter_example, f"{weapon.id}: weapons.yaml needs both"
    assert extract.first_weapon(weapon.example) == weapon.id
    assert extract.first_weapon(weapon.counter_example) != weapon.id
    assert _relevant(weapon.example)


@pytest.mark.parametrize(("weapon", "name"), NAMES, ids=[n for _, n in NAMES])
def test_every_weapon_name_is_read_by_every_consumer(weapon, name):
    title = name.title()
    sentence = f"A {title} hit the refinery overnight."
    assert _relevant(sentence), "the relevance filter skipped it"
    assert extract.first_weapon(sentence) == weapon, "the classifier read another class"
    counted = numbers.counted_phrases(f"Air defence destroyed 12 {title}s over the sea.")
    assert [(c.category, c.value) for c in counted] == [(weapon, 12)], "the counted-noun lexicon"
    assert not extract.is_person_name(title), "taken for a person's name"


@pytest.mark.parametrize("record", [*vocab.targets(), *vocab.effects()], ids=lambda r: r.id)
def test_each_target_and_effect_is_read_from_its_example(record):
    if not record.cues:
        return  # "unknown": what is left when nothing matched
    assert record.example, f"{record.id}: needs an example"
    found = extract.first_target(record.example) if record in vocab.targets() \
        else extract.effects_of(record.example, [])
    assert record.id == found or record.id in (found or []), (record.id, found)


@pytest.mark.parametrize("name", list(vocab.cues()), ids=str)
def test_each_cue_list_matches_its_examples_and_not_its_counter_examples(name):
    cue = vocab.cues()[name]
    pattern = vocab.compile_any(cue.patterns)
    assert cue.examples, f"cues.yaml: {name} needs at least one example"
    for sentence in cue.examples:
        assert pattern.search(sentence), (name, sentence)
    for sentence in cue.counter_examples:
        assert not pattern.search(sentence), (name, sentence)


@pytest.mark.parametrize("name", list(vocab.word_lists()), ids=str)
def test_each_word_list_matches_its_examples_and_not_its_counter_examples(name):
    """A word list's examples hold one of its words as a whole word, its counter-examples none."""
    words = vocab.word_lists()[name]
    pattern = re.compile(rf"(?<!\w){vocab.words_regex(name)}(?!\w)", re.I)
    assert words.words, f"cues.yaml: {name} has no words"
    assert len(set(words.words)) == len(words.words), f"cues.yaml: {name} lists a word twice"
    assert words.examples, f"cues.yaml: {name} needs at least one example"
    for sentence in words.examples:
        assert pattern.search(sentence), (name, sentence)
    for sentence in words.counter_examples:
        assert not pattern.search(sentence), (name, sentence)


def _reporting_consumers():
    from skywatch import claimants, timeparse
    from skywatch.extraction import place_context

    said = "reporting.statement", "reporting.addressed"
    return [  # (what, compiled pattern, the word lists it reads, how a word is written around it)
        ("claimants.REPORTING", claimants.REPORTING, claimants.REPORTING_WORDS, "The governor {} it."),
        ("extract._SPEAKS_AFTER", extract._SPEAKS_AFTER,
         (*said, "reporting.rebuttal", "reporting.blame"), " {}"),
        ("place_context._BLAMED_BEFORE", place_context._BLAMED_BEFORE, ("reporting.blame",), "the envoy {} "),
        ("extract._SPEAKS_BEFORE", extract._SPEAKS_BEFORE,
         ("reporting.attribution", "reporting.passive_agent"), "the figures {} "),
        ("timeparse._SAID_BEFORE", timeparse._SAID_BEFORE,
         (*said, "reporting.plain", "reporting.statement_nouns"), "the ministry {} "),
        ("timeparse._SAID_AFTER", timeparse._SAID_AFTER, said, ", {} the ministry"),
    ]


def test_every_reporting_verb_is_read_by_each_consumer_of_its_list():
    for what, pattern, lists, written in _reporting_consumers():
        for word in vocab.words(*lists):
            assert pattern.search(written.format(word)), (what, word)
    from skywatch import claimants

    assert {v.group(0) for v in claimants.REPORTING.finditer("according to X, citing Y")} <= \
        set(vocab.words("reporting.attribution"))


def test_every_reporting_consumer_builds_its_pattern_from_the_vocabulary():
    """A consumer's regex holds exactly the words of the lists it reads: a word added to its
    pattern by hand, or one of the lists left out, fails here."""
    every = vocab.words(*(n for n in vocab.word_lists() if n.startswith("reporting.")))
    for what, pattern, lists, written in _reporting_consumers():
        read = {w for w in every if (m := pattern.search(written.format(w))) and w in m.group(0).lower()}
        assert read == set(vocab.words(*lists)), (what, sorted(read ^ set(vocab.words(*lists))))


# Modules that read a word list and must keep no literal copy of it.
def _extraction_modules() -> tuple[str, ...]:
    from pathlib import Path

    import skywatch

    folder = Path(skywatch.__file__).parent / "extraction"
    return tuple(f"extraction/{p.stem}" for p in sorted(folder.glob("*.py")))


_CONSUMERS = ("claimants", "extract", "timeparse", "entities", "places", "nlp", "geocode", "resolve",
              "numbers", *_extraction_modules())


def _literal_copies(module: str, words: frozenset[str], least: int = 3) -> list[str]:
    """String literals of `module` that list `least` or more of `words`: a regex alternation
    ("said|says|wrote") or a collection of plain strings ({"governor", "mayor", ...})."""
    import ast
    from pathlib import Path

    import skywatch

    path = Path(skywatch.__file__).parent / f"{module}.py"
    if not path.exists():
        return []
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            text = re.sub(r"\\[a-zA-Z]", " ", node.value.lower())
            hits = {t for t in re.split(r"[|()?:*+\s]+", text) if t in words}
        elif isinstance(node, ast.Set | ast.Tuple | ast.List):
            hits = {e.value.lower() for e in node.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.lower() in words}
        else:
            continue
        if len(hits) >= least:
            found.append(f"skywatch/{module}.py:{node.lineno}: {sorted(hits)}")
    return found


def test_no_consumer_keeps_its_own_list_of_reporting_verbs():
    verbs = frozenset(vocab.words(*(n for n in vocab.word_lists()
                                    if n.startswith("reporting.") and n != "reporting.statement_nouns")))
    copies = [c for module in _CONSUMERS for c in _literal_copies(module, verbs)]
    assert not copies, "reporting verbs belong in skywatch/vocab/cues.yaml (words: reporting):\n" + \
        "\n".join(copies)


def test_every_title_consumer_reads_the_vocabulary():
    from skywatch import claimants, entities, places

    people = ("titles.person", "titles.rank", "titles.honorific")
    assert vocab.word_tokens("titles.acting", *people) == entities.TITLE_TOKENS
    assert vocab.word_tokens("titles.acting") == entities._ACTING_TOKENS
    assert vocab.words("titles.regional_office") == tuple(entities.REGIONAL_TITLES)
    assert vocab.word_tokens(*people, "titles.not_holder") == places._TITLES
    for title in vocab.words(*claimants.TITLE_WORDS):
        assert claimants.person_name(f"{title} Ivan Petrenko") == "Ivan Petrenko", title
        assert claimants._TITLED_NAME.search(f"{title.capitalize()} Ivan Petrenko said"), title
    for before in vocab.words("titles.acting", "titles.not_holder", "titles.scope"):
        assert claimants.person_name(f"the {before} governor Ivan Petrenko") == "Ivan Petrenko", before
    for office in vocab.words("titles.local_official"):
        found = claimants.organisation_mentions(f"Two drones fell, said the {office}.")
        assert [s.name for s in found] == ["local official"], office
    every = vocab.words(*(n for n in vocab.word_lists() if n.startswith("titles.")))
    read = {w for w in every
            if (m := places.OFFICE_AFTER.match(f" {w}")) and m.group(0).strip().lower() == w}
    offices = set(vocab.words("titles.regional_office", "titles.office"))
    scoped = {w for w in every if w.split()[0] in vocab.words("titles.scope")  # "regional head"
              and w.split(maxsplit=1)[-1] in offices}
    assert read == offices | scoped
    for body in vocab.words("titles.office", "titles.armed_office"):
        assert extract._SPEAKS_AFTER.match(f"'s defence {body} said"), body


def test_no_consumer_keeps_its_own_list_of_titles():
    """Titles of people (office words and "regional" name organisations too, so they are left out)."""
    people = ("titles.person", "titles.rank", "titles.honorific", "titles.acting", "titles.not_holder",
              "titles.regional_office")
    titles = frozenset(vocab.words(*people, "titles.local_official")) | vocab.word_tokens(*people)
    copies = [c for module in _CONSUMERS for c in _literal_copies(module, titles)]
    assert not copies, "titles belong in skywatch/vocab/cues.yaml (words: titles):\n" + "\n".join(copies)


def test_the_gate_suites_hold_no_copy_of_a_vocabulary():
    for qualified in vocab.value_sets():
        schema, table, column = qualified.split(".")
        suite = json.loads((EXPECTATIONS_DIR / f"{schema}_{table}.json").read_text())
        copies = [e for e in suite["expectations"] if e["type"] == "expect_column_values_to_be_in_set"
                  and e["kwargs"].get("column") == column]
        assert not copies, f"expectations/{schema}_{table}.json repeats the vocabulary of {column}"


def test_the_gates_allow_exactly_the_vocabulary():
    from skywatch.gates import vocabulary_expectations

    frame = pl.DataFrame({"weapon": ["drone"], "kind": ["killed"]})
    made = {e["kwargs"]["column"]: set(e["kwargs"]["value_set"])
            for e in vocabulary_expectations("resolve.events", frame)}
    assert made == {"weapon": set(vocab.weapon_ids())}
    made = {e["kwargs"]["column"]: set(e["kwargs"]["value_set"])
            for e in vocabulary_expectations("extract.claim_quantities", frame)}
    assert made == {"kind": set(vocab.count_kinds())}


def test_every_vocabulary_column_is_a_warehouse_column():
    from skywatch import catalogue

    for qualified in vocab.value_sets():
        table, column = qualified.rsplit(".", 1)
        assert column in [c.name for c in catalogue.columns(table)], qualified


def test_plausibility_and_event_logic_read_the_vocabulary():
    assert set(plausibility.max_values()) == set(vocab.count_kinds())
    for low, high in plausibility.ordered_pairs().items():
        assert {low, high} <= set(vocab.count_kinds()), (low, high)
    assert vocab.weapon_kinds() == events.WEAPON_FAMILIES
    assert {w.id for w in vocab.weapons() if w.counts_as} == \
        extract.DRONE_CATEGORIES | extract.MISSILE_CATEGORIES | extract.ROCKET_CATEGORIES
    for w in vocab.weapons():
        if w.counts_as:
            assert {f"{w.counts_as}_launched", f"{w.counts_as}_destroyed"} <= set(vocab.count_kinds()), w.id
        if w.kind_of:
            assert w.kind_of in vocab.weapon_ids(), w.id
    assert [name for name, _ in lexicon.WEAPONS] == [w.id for w in WEAPONS]


def test_every_attack_weapon_has_its_acled_type():
    for w in vocab.weapons():
        if w.id != "unknown":
            assert vocab.acled_sub_event("attack", w.id) in vocab.acled_sub_event_types(), w.id
    assert vocab.acled_sub_event("interception", "drone") == vocab.acled_sub_event("interception", None)


def test_a_broken_vocabulary_file_is_one_line_naming_it(monkeypatch, tmp_path):
    import importlib.resources

    (tmp_path / "cues.yaml").write_text("cues: [unclosed\n")
    monkeypatch.setattr(vocab, "files", lambda _package: tmp_path)
    vocab.load.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"^skywatch/vocab/cues.yaml: ") as raised:
            vocab.load("cues")
        assert "\n" not in str(raised.value)
    finally:
        monkeypatch.setattr(vocab, "files", importlib.resources.files)
        vocab.load.cache_clear()
YAML_FILES = ([vocab.files(vocab.__package__) / f"{name}.yaml" for name in vocab.FILES]
              + [plausibility.PLAUSIBILITY_PATH, entities.ENTITIES_PATH])


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_the_fast_yaml_reader_reads_every_data_file_as_safe_load_does(path):
    text = path.read_text(encoding="utf-8")
    assert vocab.parse_yaml(text) == yaml.safe_load(text)


@pytest.mark.parametrize("text", ["a: No\nb: 1e3\nc: 2022-02-24\nd: '007'\n",
                                  "- Кур\u0301ск\n- \"\\u00a0\"\n", "x: &a [1, 2]\ny: *a\n", "",
                                  "!!python/object:os.system {}\n"])
def test_the_fast_yaml_reader_types_and_refuses_what_safe_load_does(text):
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            vocab.parse_yaml(text)
        return
    assert vocab.parse_yaml(text) == expected


def test_the_mart_sql_names_no_vocabulary_value_itself():
    """The marts take weapon and target sets as parameters built from the vocabulary."""
    ids = {*vocab.weapon_ids(), *(t.id for t in vocab.targets())} - {"unknown"}
    for path in MARTS_SQL_DIR.glob("*.sql"):
        sql = re.sub(r"--[^\n]*", "", path.read_text())
        written = {v for v in ids if f"'{v}'" in sql}
        assert not written, f"warehouse/marts/{path.name} writes {sorted(written)} itself"




def test_the_counting_roles_read_the_vocabulary():
    """skywatch.numbers reads what a counted noun suffered from cues.yaml `words: roles`."""
    read = {"roles.killed": numbers._KILLED_CUES, "roles.injured": numbers._INJURED_CUES,
            "roles.without_power_cue": numbers._POWER_CUES, "roles.without_power_lead": numbers._POWER_LEADS,
            "roles.supply": numbers._POWER_WORDS, "roles.casualty_adjective": numbers._CASUALTY_ADJECTIVES,
            "roles.killed_toll": {w for w, r in numbers._TOLL_NOUNS.items() if r == "killed"},
            "roles.injured_toll": {w for w, r in numbers._TOLL_NOUNS.items() if r == "injured"},
            "roles.toll_subset_lead": numbers._TOLL_SUBSET_LEADS}
    for role in ("killed", "injured"):
        read[f"roles.{role}_before"] = {w for w, r in numbers._CASUALTY_VERBS_BEFORE.items() if r == role}
        read[f"roles.{role}_after"] = {w for w, r in numbers._CASUALTY_AFTER.items() if r == role}
    for name, words in read.items():
        assert set(words) == set(vocab.words(name)), name
    roles = frozenset(vocab.words(*(n for n in vocab.word_lists() if n.startswith("roles."))))
    assert not _literal_copies("numbers", roles, least=4), "role words belong in cues.yaml (words: roles)"


@pytest.mark.parametrize(("sentence", "role"), [
    ("A missile hit the bus station, killing 3.", "killed"),       # written for this test
    ("Shelling of the market left 4 civilians wounded.", "injured"),
    ("The strike on the substation left 2,000 residents without electricity.", "without_power"),
    ("After the strike some 2,000 households had no electricity.", "without_power"),
    ("The number of fatalities had risen to five by the evening.", "killed"),
])
def test_a_role_word_gives_its_count_kind_a_number(sentence, role):
    roles = [c.role for c in numbers.counted_phrases(sentence)]
    assert role in roles, roles
