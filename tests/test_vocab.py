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

from skywatch import events, extract, lexicon, numbers, plausibility, vocab
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
        extract.DRONE_CATEGORIES | extract.MISSILE_CATEGORIES
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
def test_the_mart_sql_names_no_vocabulary_value_itself():
    """The marts take weapon and target sets as parameters built from the vocabulary."""
    ids = {*vocab.weapon_ids(), *(t.id for t in vocab.targets())} - {"unknown"}
    for path in MARTS_SQL_DIR.glob("*.sql"):
        sql = re.sub(r"--[^\n]*", "", path.read_text())
        written = {v for v in ids if f"'{v}'" in sql}
        assert not written, f"warehouse/marts/{path.name} writes {sorted(written)} itself"


