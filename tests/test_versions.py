"""Version stamps are hashes of the rules and data that made a row, never hand-bumped labels."""

from __future__ import annotations

import re

from skywatch import clean, entities, extract, gazetteer, resolve, versions, vocab


def test_every_stage_stamp_is_a_name_and_a_hash():
    for stamp in (extract.EXTRACTOR_VERSION, clean.CLEANER_VERSION, resolve.RESOLVER_VERSION):
        assert re.fullmatch(r"[a-z]+-\d+\+[0-9a-f]{12}", stamp), stamp
    assert re.search(r"\+rules-[0-9a-f]{12}$", gazetteer.GAZETTEER_VERSION)
    assert re.fullmatch(r"[0-9a-f]{12}", entities.entities_version())


def test_the_extractor_stamp_covers_every_vocabulary_file():
    covered = {str(p).rsplit("/", 1)[-1] for p in versions.RULE_DATA}
    assert {f"{name}.yaml" for name in vocab.FILES} | {"plausibility.yaml"} <= covered


def test_a_changed_rule_or_data_file_changes_the_stamp(tmp_path):
    data = tmp_path / "weapons.yaml"
    data.write_text("weapons: []\n")
    before = versions.stamp("extract-5", modules=("skywatch.lexicon",), data=(data,))
    assert versions.stamp("extract-5", modules=("skywatch.lexicon",), data=(data,)) == before
    data.write_text("weapons: [{id: drone}]\n")
    assert versions.stamp("extract-5", modules=("skywatch.lexicon",), data=(data,)) != before
    assert versions.stamp("extract-5", modules=("skywatch.numbers",), data=(data,)) != before


def test_an_entities_edit_changes_the_entities_version(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text("entities: []\n")
    before = entities.entities_version(path)
    path.write_text("entities: [] # edited\n")
    assert entities.entities_version(path) != before
