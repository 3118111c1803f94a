"""Text cleaning: normalisation, boilerplate lines and sentence offsets.

Pure functions over strings. The clean text is what every later offset points into, so
`split_sentences` returns spans such that `text[start:end] == sentence` always holds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Typographic characters folded to their ASCII forms so that rules downstream see one spelling.
_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
    "\t": " ", "\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n", "\r": None,
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
    "\u2026": "...",
})
_SPACES = re.compile(r" {2,}")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """NFC, ASCII quotes and dashes, one space between words, at most one blank line."""
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n ")


# Lines that belong to the page, not the story. Anchored on the whole line, so that a
# sentence which merely mentions a newsletter stays.
_BOILERPLATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("read_more", re.compile(r"^(read more|read also|see also|related|more on this)\b.*$", re.I)),
    ("share", re.compile(r"^(share (this|on|via)\b.*|share|tweet|email this)$", re.I)),
    ("subscribe", re.compile(r"^(subscribe|sign up|join our|get our)\b.{0,120}$", re.I)),
    ("app_promo", re.compile(r"^(click here|download the app|get the app)\b.{0,120}$", re.I)),
    ("follow", re.compile(r"^follow (us|our)\b.{0,120}$", re.I)),
    ("advert", re.compile(r"^(advertisement|sponsored( content)?|ad)$", re.I)),
)
_LETTERS = re.compile(r"[^\W\d_]")
_LOWER = re.compile(r"[a-z\u00df-\u00ff\u0430-\u045f]")


def is_caps_headline(line: str) -> bool:
    """An all-capitals line of four or more words: a related-story link, not story text."""
    lower = len(_LOWER.findall(line))
    if lower > len(line) // 10:  # cheap exit for ordinary text
        return False
    if len(line.split()) < 4:
        return False
    letters = len(_LETTERS.findall(line))
    return letters >= 15 and (letters - lower) / letters >= 0.9


def boilerplate_kind(line: str) -> str | None:
    """The kind of boilerplate a line is, or None when it is story text."""
    stripped = line.strip().rstrip(":").strip()
    if not stripped:
        return None
    if is_caps_headline(stripped):
        return "caps_headline"
    for kind, pattern in _BOILERPLATE_PATTERNS:
        if pattern.match(stripped):
            return kind
    return None


# A line of story prose ends like a sentence; a headline does not.
_ENDS_LIKE_PROSE = re.compile(r"""[.!?]["')\]]*$""")
_ENDS_OPEN = re.compile(r"""[.!?,;:]["')\]]*$""")
# "...at the depot.See also: ...": two sentences glued together make no headline
_GLUED = re.compile(r"""[a-z][.!?]["')\]]*[A-Z]""")
_PROSE_WORDS = 8
_HEADLINE_WORDS = 5
_PROSE_BEFORE = 2


def inset_headlines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines of `text` that are another story's headline set between the
    paragraphs of this one ("Drones hit a depot near Sumy, two injured" after two paragraphs of
    prose): a line of one sentence that starts with a capital, ends with no punctuation, is not
    a line broken off its next one (which would start in lower case), follows at least two lines
    of prose and is not the page's own title repeated. Lines of a list (a leading number, bullet or
    dash, a trailing figure: "Kursk region - 9") are no headlines."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, line))
        pos += len(line) + 1
    found: list[tuple[int, int]] = []
    before_body: set[str] = set()
    prose = 0
    for i, (start, line) in enumerate(lines):
        stripped = line.strip()
        if prose < _PROSE_BEFORE:
            before_body.add(stripped)
        elif _is_inset_headline(stripped, lines[i + 1][1].strip() if i + 1 < len(lines) else None) \
                and stripped not in before_body:
            first = start + len(line) - len(line.lstrip())
            found.append((first, first + len(stripped)))
        if _ENDS_LIKE_PROSE.search(stripped) and len(stripped.split()) >= _PROSE_WORDS:
            prose += 1
    return found


def _is_inset_headline(line: str, following: str | None) -> bool:
    return (line[0].isupper() and len(line.split()) >= _HEADLINE_WORDS
            and not _ENDS_OPEN.search(line) and not line[-1].isdigit()
            and len(sentence_spans(line)) == 1 and not _GLUED.search(line)
            and not (following and following[0].islower()))


@dataclass(frozen=True)
class Removed:
    """A boilerplate line taken out of an article, kept so removals stay countable."""

    line_no: int
    kind: str
    text: str


def strip_boilerplate(text: str) -> tuple[str, list[Removed]]:
    """Remove boilerplate lines from normalised text; return the rest and what was removed."""
    kept: list[str] = []
    removed: list[Removed] = []
    for i, line in enumerate(text.split("\n")):
        kind = boilerplate_kind(line)
        if kind is None:
            kept.append(line)
        else:
            removed.append(Removed(i, kind, line))
    if not removed:
        return text, removed
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip("\n "), removed


def clean_text(raw: str) -> tuple[str, list[Removed]]:
    """The clean text of an article body and the boilerplate lines removed from it."""
    return strip_boilerplate(normalise(raw))


# Sentence boundaries: end punctuation (optionally closed by a quote or bracket), then
# space and something that can start a sentence. Abbreviations are vetoed afterwards.
_BOUNDARY = re.compile(r"""[.!?]+["')\]]*(?=\s+["'(\[]?[A-Z0-9\u0400-\u04FF])""")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm",
    "gov", "sen", "rep", "st", "mt", "ft", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "fig", "ref", "vol", "pp", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e",
    "a.m", "p.m",
}
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation or an initial, not a sentence."""
    # Only the few characters before the dot matter; searching the whole text is quadratic.
    match = _WORD_BEFORE.search(text[max(0, dot - 12):dot])
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    if word in _ABBREVIATIONS:
        return True
    # A single capital letter: an initial ("Vladimir V. Putin"), or a dotted acronym.
    return len(word) == 1 and word.isalpha()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`; lines never join into one sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        _line_spans(text, pos, pos + len(line), spans)
        pos += len(line) + 1
    return spans


def _line_spans(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if text[match.start()] == "." and match.end() - match.start() == 1 and _is_abbreviation(
                text, match.start()):
            continue
        _append_trimmed(text, cursor, match.end(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, end, spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) for each sentence, with `text[start:end] == sentence`."""
    return [(s, e, text[s:e]) for s, e in sentence_spans(text)]
