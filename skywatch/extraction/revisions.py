"""Tolls revised within the text: "at first two people were reported wounded, but later the
number rose to five", "four were hurt, although two were first reported". The earlier
figure is no figure of the event: its sentence does not state it, and a later sentence that retells
the earlier report ("... said one was killed and three were wounded") does not state it either.

A figure is the earlier one when its clause (between the sentence's edges, semicolons, dashes and
the contrast words of cues.yaml `words: revision.contrast`) holds a word of `revision.earlier` and
either a reporting verb ("were previously reported") or the other figure's clause a verb of
`revision.risen` ("the number rose to five"), and another figure of the same role stands beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from skywatch import vocab
from skywatch.numbers import Counted

_EARLIER = re.compile(rf"\b{vocab.words_regex('revision.earlier')}\b", re.I)
_RISEN = re.compile(rf"\b{vocab.words_regex('revision.risen')}\b", re.I)
_REPORTED = re.compile(rf"\b{vocab.words_regex('reporting.statement')}\b", re.I)
_CLAUSE_EDGE = re.compile(rf"[;:]|\s[-\u2013\u2014]\s|\b{vocab.words_regex('revision.contrast')}\b", re.I)
# The roles whose figures are tolls that news revises as they rise.
TOLL_ROLES = ("killed", "injured")


def states_a_rise(text: str) -> bool:
    """Whether the sentence gives a figure that replaced an earlier one ("the number of injured
    has risen to 25")."""
    return bool(_RISEN.search(text))


def superseded(text: str, counted: list[Counted]) -> list[Counted]:
    """The counts of `text` that the sentence itself gives as an earlier report of a toll."""
    tolls = [c for c in counted if c.role in TOLL_ROLES]
    if len(tolls) < 2:
        return []
    edges = [0, *(m.start() for m in _CLAUSE_EDGE.finditer(text)), len(text)]

    def clause(c: Counted) -> str:  # by bisection: time stays linear in a run-on sentence
        i = bisect_right(edges, c.number.start)
        return text[edges[i - 1]:edges[i] if i < len(edges) else len(text)]

    earlier: list[Counted] = []
    for role in TOLL_ROLES:
        same = [c for c in tolls if c.role == role]
        if len(same) < 2:
            continue
        marked = [c for c in same if _EARLIER.search(clause(c)) and (
            _REPORTED.search(clause(c)) or any(_RISEN.search(clause(o)) for o in same if o is not c))]
        if len(marked) < len(same):
            earlier.extend(marked)
    return earlier
