"""People named in sentences: the statistical model (spaCy) read only where a speaker can be
named, and the names it gets wrong (apps, agencies, weapons, towns) left out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from skywatch import vocab
from skywatch.claimants import (
    person_name,
    speaker_windows,
)
from skywatch.nlp import Entity, person_org_entities
from skywatch.places import find_places


def speaker_entities(texts: list[str]) -> list[list[Entity]]:
    """`nlp.person_org_entities` over only the parts of each sentence that can hold a speaker
    (`claimants.speaker_windows`), offsets relative to the sentence.

    A sentence of usual length is read whole, so nothing changes for news as written; a run-on
    sentence of hundreds of kilobytes is read around its reporting verbs only, which bounds the
    model's time and keeps every piece under spaCy's length limit.
    """
    pieces: list[tuple[int, int]] = []  # (sentence, offset) of each piece sent to the model
    piece_texts: list[str] = []
    for i, text in enumerate(texts):
        for start, end in speaker_windows(text):
            pieces.append((i, start))
            piece_texts.append(text[start:end])
    found: list[list[Entity]] = [[] for _ in texts]
    for (i, offset), entities in zip(pieces, person_org_entities(piece_texts), strict=True):
        found[i].extend(replace(e, start=e.start + offset, end=e.end + offset) for e in entities)
    return found


_NOT_PEOPLE = re.compile(r"^(?:telegram|max|vk|vkontakte|whatsapp|x|twitter|facebook|tass|ria|"
                         r"interfax|reuters|ukrinform|" + "|".join(map(re.escape, vocab.weapon_names()))
                         + r")$", re.I)


def is_person_name(text: str) -> bool:
    """The small model calls messaging apps, agencies, weapons and towns PERSON at times."""
    name = person_name(text)
    if not name or _NOT_PEOPLE.match(name):
        return False
    return not any(p.start == 0 and p.end >= len(name) for p in find_places(name))
