"""The recipes of the README's "How to change Skywatch", done for real on a copy of the project.

Each test edits only the file(s) the README names for its change, in a copy of `skywatch/`,
`warehouse/` and `expectations/`, and shows in a fresh interpreter that every consumer reads the
change: the relevance filter and extractor, the Great Expectations value sets, the plausibility
bounds and the mart pivots. The sentences are written for these tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]

# Runs in the copy: extracts the sentence given as argv[1] and prints what every consumer sees.
_PROBE = r'''
import json, sys
from datetime import date, datetime
import polars as pl
import skywatch
from skywatch import marts, plausibility, vocab
from skywatch.extract import extract_batch
from skywatch.text import split_sentences

text = sys.argv[1]
sentences = pl.DataFrame([("a1", i, s, e, t) for i, (s, e, t) in enumerate(split_sentences(text))],
                         schema={"article_id": pl.String, "sentence_index": pl.Int64, "start": pl.Int64,
                                 "end": pl.Int64, "text": pl.String}, orient="row")
articles = pl.DataFrame({"article_id": ["a1"], "published_at": [datetime(2026, 11, 20, 7, 30)],
                         "arrival_date": [date(2026, 11, 20)], "text": [text]})
result = extract_batch(articles, sentences)
print(json.dumps({
    "package": skywatch.__file__,
    "claims": result.claims.select("event_type", "weapon", "acled_sub_event_type").to_dicts(),
    "quantities": dict(result.quantities.select("kind", "value").iter_rows()),
    "weapon_values": list(vocab.value_sets()["extract.claims.weapon"]),
    "kind_values": list(vocab.value_sets()["extract.claim_quantities.kind"]),
    "max_value": vocab.count_kinds(),
    "ordered_pairs": plausibility.ordered_pairs(),
    "mart_parameters": marts.vocabulary_parameters(),
}))
'''


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.duckdb*", "data_docs")
    for name in ("skywatch", "warehouse", "expectations"):
        shutil.copytree(PROJECT / name, tmp_path / name, ignore=skip)
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def probe(root: Path, sentence: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root), "SKYWATCH_CACHE_DIR": str(root / "cache")}
    done = subprocess.run([sys.executable, "-c", _PROBE, sentence], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["package"].startswith(str(root)), seen["package"]  # the copy, not the checkout
    return seen


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{path.name}: the anchor {old!r} moved; update this recipe and the README"
    path.write_text(text.replace(old, new))


WORD = "An Osa hit an oil depot in the Bryansk region overnight, the governor said."


def test_a_weapon_word_is_one_line_of_weapons_yaml(project_copy):
    before = probe(project_copy, WORD)
    assert before["claims"] == []  # an unknown word: the sentence names no weapon

    edit(project_copy / "skywatch/vocab/weapons.yaml",
         "names: [shahed, geran, gerbera,", "names: [osa, shahed, geran, gerbera,")
    after = probe(project_copy, WORD)
    assert [(c["event_type"], c["weapon"]) for c in after["claims"]] == [("attack", "drone")]


CLASS_SENTENCE = "Air defence destroyed 7 glide drones over the Kursk region overnight, the ministry said."
GLIDE_DRONE = """- id: glide_drone
  names: []
  counts_as: drones
  kind_of: drone
  generic: false
  delivery: air
  acled_attack: Air/drone strike
  cues:
  - \\bglide drones?\\b
  counted:
  - glide drones?
  example: A glide drone struck a fuel truck near the border.
  counter_example: A drone hit a house near the harbour.
- id: drone
"""


def test_a_weapon_class_is_one_record_of_weapons_yaml(project_copy):
    edit(project_copy / "skywatch/vocab/weapons.yaml", "- id: drone\n", GLIDE_DRONE)
    seen = probe(project_copy, CLASS_SENTENCE)
    assert [(c["event_type"], c["weapon"]) for c in seen["claims"]] == [("interception", "glide_drone")]
    assert seen["claims"][0]["acled_sub_event_type"] == "Disrupted weapons use"
    assert seen["quantities"] == {"drones_destroyed": 7}  # counts_as: drones
    assert "glide_drone" in seen["weapon_values"]  # the gates allow it
    assert "glide_drone" in seen["mart_parameters"]["drone_weapons"]  # the marts count it


COUNT_SENTENCE = "A drone attack on Sumy overnight damaged four cars, the regional governor said."


def test_a_count_kind_is_one_record_of_count_kinds_yaml(project_copy):
    before = probe(project_copy, COUNT_SENTENCE)
    assert "vehicles_damaged" not in before["quantities"]

    edit(project_copy / "skywatch/vocab/count_kinds.yaml", "- {id: buildings_damaged,",
         "- {id: vehicles_damaged, max_value: 100000, counted: [vehicle], event_types: [attack]}\n"
         "- {id: buildings_damaged,")
    seen = probe(project_copy, COUNT_SENTENCE)
    assert seen["quantities"].get("vehicles_damaged") == 4
    assert "vehicles_damaged" in seen["kind_values"]  # the gates allow it
    assert seen["max_value"]["vehicles_damaged"] == 100000  # and bound it


def test_a_weapon_family_brings_its_count_kinds_and_plausibility(project_copy):
    """A class counted as a new family: weapons.yaml and count_kinds.yaml, nothing else."""
    edit(project_copy / "skywatch/vocab/weapons.yaml", "- id: drone\n",
         GLIDE_DRONE.replace("counts_as: drones", "counts_as: glide_drones"))
    edit(project_copy / "skywatch/vocab/count_kinds.yaml", "- {id: killed,",
         "- {id: glide_drones_launched, max_value: 5000, weapons: glide_drones, stage: launched}\n"
         "- {id: glide_drones_destroyed, max_value: 5000, weapons: glide_drones, stage: destroyed}\n"
         "- {id: killed,")
    seen = probe(project_copy, CLASS_SENTENCE)
    assert seen["quantities"] == {"glide_drones_destroyed": 7}
    assert seen["ordered_pairs"]["glide_drones_destroyed"] == "glide_drones_launched"
    assert {"glide_drones_launched", "glide_drones_destroyed"} <= set(seen["kind_values"])
