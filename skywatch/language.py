"""Is an article in English? Conservative: setting an English report aside loses it.

py3langid (its model ships inside the package, so it works offline) is unreliable on short
texts: it calls terse English event notes Nigerian Pidgin. So an article is set aside only
when its letters are mostly non-Latin, or when langid is confident of another language and
English function words are all but absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[a-z]+")
_ENGLISH_FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "was", "were", "are", "on", "for", "that", "with",
    "by", "said", "at", "from", "as", "has", "have", "had", "it", "its", "this", "be", "been",
    "an", "or", "not", "but", "which", "who", "after", "over", "their", "they", "he", "she",
})
SAMPLE_CHARS = 3000
MIN_CONFIDENCE = 0.95
MAX_FUNCTION_WORD_SHARE = 0.03
MAX_NON_LATIN_SHARE = 0.5
# Above this share of function words a Latin-script text is plainly English: no langid needed.
CLEARLY_ENGLISH_SHARE = 0.15


@dataclass(frozen=True)
class LanguageVerdict:
    language: str
    confidence: float
    is_english: bool
    reason: str | None  # why the article is set aside; None when it is kept


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def non_latin_share(text: str) -> float:
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0
    return (letters - len(_LATIN.findall(text))) / letters


def function_word_share(text: str) -> float:
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)


def judge_language(text: str) -> LanguageVerdict:
    """Whether `text` is English enough to process, and the language langid sees."""
    sample = text[:SAMPLE_CHARS]
    share = non_latin_share(sample)
    function_share = function_word_share(sample)
    if share <= MAX_NON_LATIN_SHARE and function_share >= CLEARLY_ENGLISH_SHARE:
        return LanguageVerdict("en", 1.0, True, None)
    language, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    if share > MAX_NON_LATIN_SHARE:
        reason = f"non_english: {share:.0%} of letters are not Latin; langid says {language}"
        return LanguageVerdict(language, confidence, False, reason)
    if (language != "en" and confidence >= MIN_CONFIDENCE
            and function_share < MAX_FUNCTION_WORD_SHARE):
        reason = f"non_english: langid says {language} ({confidence:.2f})"
        return LanguageVerdict(language, confidence, False, reason)
    return LanguageVerdict(language, confidence, True, None)
