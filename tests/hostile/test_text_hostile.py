"""Extraction over hostile text: nothing escapes, nothing misread is stored, time stays linear.

The sentences come from `strategies` (fragments written for these tests). Properties:

* no exception escapes `sentence_facts`, `article_claims` or `extract_batch`;
* every number's evidence span lies inside its text and spells that number (its digits, its
  multiplier, or words);
* no stored figure is above its kind's bound, none above a 64-bit integer;
* no event date lies outside `plausibility`'s span;
* extraction time grows linearly with a sentence's length (by ratio, not wall time).
"""

from __future__ import annotations

import gc
import re
import time
import unicodedata
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from text_to_num import alpha2digit

from skywatch import plausibility, vocab
from skywatch.claimants import MODEL_MAX_CHARS, Speaker, choose_speaker, speaker_windows
from skywatch.events import _near_days
from skywatch.extract import (
    Facts,
    article_claims,
    claim_rows,
    extract_batch,
    sentence_facts,
    sentence_mentions,
)
from skywatch.numbers import MAX_VALUE, Counted, phrase_category
from skywatch.text import split_sentences
from tests.hostile.strategies import hostile_articles, hostile_sentences, publication_times

HOSTILE = settings(max_examples=60, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ARRIVAL = date(2026, 6, 10)

# --- what a number's evidence must say --------------------------------------------------------

_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "mln": 10**6,
                "mn": 10**6, "billion": 10**9, "bln": 10**9, "bn": 10**9, "trillion": 10**12}
_SCALE_WORDS = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_SCALED = re.compile(rf"(\d+(?:[.,]\d+)?)\s*({_SCALE_WORDS})\b")


def _ascii_digits(text: str) -> str:
    """Digits of any script as 0-9, other characters folded by NFKC (fullwidth commas too)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def spells(span: str, value: int) -> bool:
    """Whether the evidence text of a number says `value`: its digits ("1,200" is 1200), digits
    and a multiplier ("1.5 million", "3 dozen"), or words ("twenty-one", "a", "no one")."""
    text = _ascii_digits(span).lower()
    if not re.search(r"\d", text):
        return bool(re.search(r"[^\W\d_]", text))  # a number in words
    # "twenty-one -22" is the range 21-22: words read as digits first, where text2num can
    words = alpha2digit(text, "en") if re.search(r"[^\W\d_]", text) else text
    plain = re.sub(r"(?<=\d)[,\s](?=\d{3}(?!\d))", "", words)
    if re.search(rf"(?<!\d){value}(?!\d)", plain):
        return True
    scaled = _SCALED.search(text)
    return bool(scaled) and round(Decimal(scaled[1].replace(",", ".")) * _MULTIPLIERS[scaled[2]]) == value


def test_spells_reads_the_forms_numbers_take():
    assert spells("1,200", 1200) and spells("10 000", 10000) and spells("1.5 million", 1_500_000)
    assert spells("\uff11\uff12", 12) and spells("twenty-one", 21) and spells("3 dozen", 36)
    assert spells("twenty-one -22", 21) and spells("twenty-one -22", 22) and not spells("twenty-one -22", 20)
    assert not spells("1,200", 12) and not spells("10^30", 30 * 10) and not spells("5", 6)


def _simple_counts(counted: list[Counted]) -> list[Counted]:
    """Counted phrases with one numeral each: a sum is checked through its parts."""
    return [p for c in counted for p in (c.parts or (c,))]


def _check_counted(text: str, counted: list[Counted]) -> None:
    for c in counted:
        assert 0 <= c.start <= c.end <= len(text), c
    for c in _simple_counts(counted):
        n = c.number
        assert 0 <= n.number_start < n.number_end <= len(text), c
        assert 0 <= c.value <= MAX_VALUE, c
        assert spells(text[n.number_start:n.number_end], c.value), (text[n.number_start:n.number_end], c)


def _check_facts(facts: Facts, published: datetime | None) -> None:
    text = facts.text
    _check_counted(text, facts.counted)
    for p in facts.places + facts.office_places:
        assert 0 <= p.start < p.end <= len(text) and text[p.start:p.end] == p.text, p
    t = facts.time
    if t.phrase is not None:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.phrase, t
    assert plausibility.date_is_plausible(t.event_date, published if published is not None else ARRIVAL), t
    assert (t.window_start is None) == (t.window_end is None)
    if t.window_start is not None:
        assert t.window_start <= t.window_end


# --- sentence and article properties ----------------------------------------------------------

@HOSTILE
@given(hostile_sentences(), publication_times())
def test_sentence_facts_never_raise_and_keep_their_spans(sentence, published):
    facts = sentence_facts(0, 0, sentence, published, ARRIVAL, [])
    _check_facts(facts, published)
    for m in sentence_mentions("a1", facts, []):
        assert sentence[m["start"]:m["end"]] == m["text"]


@HOSTILE
@given(hostile_sentences())
def test_phrase_category_is_a_lexicon_category_or_none(sentence):
    found = phrase_category(sentence)
    assert found is None or found in {category for category, _ in vocab.counted_nouns()}


def _article_rows(text: str, published: datetime | None) -> tuple[list[dict], list[dict]]:
    """Claims and quantities of an article, sentence by sentence as extract does it."""
    facts_list, previous = [], None
    for i, (start, _, sentence) in enumerate(split_sentences(text)):
        facts = sentence_facts(i, start, sentence, published, ARRIVAL, [], previous)
        _check_facts(facts, published)  # before article_claims lends a sentence the story's time
        facts_list.append(facts)
        previous = sentence
    return claim_rows(article_claims("a1", facts_list))


@HOSTILE
@given(hostile_articles(), publication_times())
def test_article_claims_store_only_plausible_figures_and_dates(text, published):
    claims, quantities = _article_rows(text, published)
    for q in quantities:
        assert plausibility.value_is_plausible(q["kind"], q["value"]), q
        assert 0 <= q["evidence_start"] < q["evidence_end"] <= len(text), q
        assert spells(text[q["evidence_start"]:q["evidence_end"]], q["value"]), (q, text)
    bound = published if published is not None else ARRIVAL
    for c in claims:
        assert plausibility.date_is_plausible(c["event_date"], bound), c
        assert 0 <= c["evidence_start"] <= c["evidence_end"] <= len(text)
    plausibility.check_claims(claims, quantities, published)  # the net under the extractor holds nothing


def _frames(texts: list[str], published: list[datetime | None]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """An article frame and a sentence frame, as tests/test_extract.py builds them."""
    rows = [(f"a{k}", i, s, e, t) for k, text in enumerate(texts)
            for i, (s, e, t) in enumerate(split_sentences(text))]
    sentences = pl.DataFrame(rows, schema={"article_id": pl.String, "sentence_index": pl.Int64,
                                           "start": pl.Int64, "end": pl.Int64, "text": pl.String},
                             orient="row")
    articles = pl.DataFrame({"article_id": [f"a{k}" for k in range(len(texts))], "published_at": published,
                             "arrival_date": [ARRIVAL] * len(texts), "text": texts},
                            schema={"article_id": pl.String, "published_at": pl.Datetime("us"),
                                    "arrival_date": pl.Date, "text": pl.String})
    return articles, sentences


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(hostile_articles(max_sentences=4), publication_times()), min_size=1, max_size=3))
def test_extract_batch_quarantines_nothing_and_writes_int64(articles):
    texts = [t for t, _ in articles]
    articles_frame, sentences = _frames(texts, [p for _, p in articles])
    result = extract_batch(articles_frame, sentences)
    failed = getattr(result, "failed", None)
    assert failed is None or failed.height == 0, failed.to_dicts()
    assert result.quantities.schema["value"] == pl.Int64
    by_id = {f"a{k}": p for k, (_, p) in enumerate(articles)}
    for q in result.quantities.to_dicts():
        assert plausibility.value_is_plausible(q["kind"], q["value"]), q
    for c in result.claims.to_dicts():
        bound = by_id[c["article_id"]] if by_id[c["article_id"]] is not None else ARRIVAL
        assert plausibility.date_is_plausible(c["event_date"], bound), c


# --- named cases: each bug the testers found ------------------------------------------------------

@pytest.mark.parametrize("published", [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), None])
def test_extract_batch_with_publication_at_the_calendar_ends(published):
    text = "Late on June 7th, the governor said 9223372036854775807 drones and 10^30 missiles hit Kursk."
    articles, sentences = _frames([text], [published])
    result = extract_batch(articles, sentences)
    assert getattr(result, "failed", pl.DataFrame()).height == 0
    assert result.quantities.height == 0


def test_near_days_stop_at_the_calendar_ends():
    assert _near_days(datetime(1, 1, 1)) == [date(1, 1, 1), date(1, 1, 2), date(1, 1, 3)]
    last = date(9999, 12, 31)
    assert _near_days(datetime(9999, 12, 31, 23)) == [date(9999, 12, 29), date(9999, 12, 30), last]
    assert len(_near_days(datetime(2026, 1, 1))) == 5


# --- speakers in run-on sentences ------------------------------------------------------------------

def _choose_speaker_reference(sentence: str, candidates: list[Speaker]) -> Speaker | None:
    """The rule of `choose_speaker` written the plain way (every verb against every candidate)."""
    from skywatch.claimants import REPORTING

    verbs = list(REPORTING.finditer(sentence))
    if not candidates or not verbs:
        return None
    for verb in verbs:
        if verb.group(0).lower() in ("according to", "citing", "cited", "quoted"):
            after = [c for c in candidates if 0 <= c.start - verb.end() <= 40]
            if after:
                return min(after, key=lambda c: c.start)
    best, best_gap = None, 10**9
    for verb in verbs:
        for c in candidates:
            gap = verb.start() - c.end if c.end <= verb.start() else c.start - verb.end()
            if gap < best_gap:
                best, best_gap = c, gap
    return best if best_gap <= 80 else None


_SPEAKER_WORDS = st.sampled_from(["said", "according to", "the governor", "wrote", "drones", "over Kursk",
                                  "x" * 50, "citing", "and", "told reporters", "y" * 120])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_SPEAKER_WORDS, min_size=1, max_size=30), st.data())
def test_choose_speaker_matches_the_plain_rule(words, data):
    sentence = " ".join(words)
    n = len(sentence)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(1, 30)), max_size=12))
    candidates = [Speaker(f"s{k}", a, min(n, a + w), "person") for k, (a, w) in enumerate(spans)]
    assert choose_speaker(sentence, candidates) == _choose_speaker_reference(sentence, candidates)


def test_the_model_reads_a_usual_sentence_whole_and_a_run_on_one_around_its_verbs():
    usual = "Governor Vyacheslav Gladkov said drones hit Belgorod."
    assert speaker_windows(usual) == [(0, len(usual))]
    run_on = "drones hit Kursk and " * 500 + "Governor Vyacheslav Gladkov said so " + "and more drones " * 500
    windows = speaker_windows(run_on)
    assert len(windows) == 1
    start, end = windows[0]
    assert "Governor Vyacheslav Gladkov said" in run_on[start:end] and end - start < 600
    flood = "Mayor Ivan Petrov said drones hit, " * 20_000  # 700,000 characters: past spaCy's limit
    windows = speaker_windows(flood)
    assert sum(e - s for s, e in windows) <= MODEL_MAX_CHARS
    assert all(a[1] < b[0] for a, b in zip(windows, windows[1:], strict=False))


def test_speaker_entities_shift_offsets_back_to_the_sentence(monkeypatch):
    import skywatch.extract as extract
    from skywatch.extraction import people
    from skywatch.nlp import Entity

    read: list[str] = []

    def fake_model(texts):  # finds "Petrov" wherever it is, like the model would
        read.extend(texts)
        return [[Entity("Petrov", m.start(), m.end(), "PERSON") for m in re.finditer("Petrov", t)]
                for t in texts]

    monkeypatch.setattr(people, "person_org_entities", fake_model)
    sentence = ("drones hit Kursk and " * 1000) + "Mayor Ivan Petrov said so."
    (found,) = extract.speaker_entities([sentence])
    assert [sentence[e.start:e.end] for e in found] == ["Petrov"]
    assert sum(map(len, read)) < 1000


# --- linear time -----------------------------------------------------------------------------------

# A run-on "sentence" of everything extraction reads: counts, ranges, places, times, speakers,
# odd unicode. No full stop, so a page of it is one sentence.
_UNIT = ("Air defences shot down 45 Shahed drones over the Belgorod region and 12 over Kursk, 6 over the "
         "Bryansk and Oryol regions late on "
         "June 7th, from 20:00 to 07:00 Moscow time, and a drone hit a house in Sumy, injuring 3 people, "
         "Governor Ivan Petrov said; initially 2 were reported wounded, but later the number rose to 4; "
         "10-15 missiles, at least 8 rockets, twenty-one UAVs, -5, 10^30, "
         "\u0663 drones \u200f\U0001f600 \u00a0 \u2014 ")


def _extract_once(text: str) -> None:
    """The per-article work of extract on one sentence (the NER model aside: see speaker_windows)."""
    facts = sentence_facts(0, 0, text, datetime(2026, 6, 10, 8), ARRIVAL, [])
    claim_rows(article_claims("a1", [facts]))
    sentence_mentions("a1", facts, [])


def _best_of_3(text: str) -> float:
    """Fastest of three runs with the cyclic garbage collector off: it visits every live object
    now and then, which adds a superlinear term that is the collector's, not the algorithm's."""
    from skywatch import claimants, extract, numbers
    from skywatch.extraction import counting, quantities

    best = float("inf")
    for _ in range(3):
        for cached in (numbers._find_numbers_cached, claimants._organisation_mentions, extract.first_weapon,
                       claimants._doubt_of, quantities._says_all_destroyed,
                       counting._first_share_verb_with_for, quantities._parts_and_wholes):
            cached.cache_clear()  # else runs 2 and 3 would skip the cached steps
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            _extract_once(text)
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def test_extraction_time_is_linear_in_sentence_length():
    small = (_UNIT * (50_000 // len(_UNIT) + 1))[:50_000]
    large = (_UNIT * (200_000 // len(_UNIT) + 1))[:200_000]
    _extract_once(_UNIT)  # warm the lookups
    ratio = _best_of_3(large) / _best_of_3(small)
    assert ratio < 6, f"4x the text took {ratio:.1f}x the time"


def test_a_long_run_of_numbers_before_respectively_is_linear():
    """A run of comma-separated numbers that no "respectively" closes ("1,000, 1,000, ..."): a
    separating comma is read one way only and the run is searched only in a window before each
    "respectively" (the first reading of the pattern backtracked without end on 2,000 characters)."""
    def run_on(size: int) -> str:
        closing = " and 3 respectivelx; over the Kursk and Tula regions, 8 and 5 respectively."
        return ("Air defence shot down 40 drones: " + "1,000, " * (size // 7))[:size - len(closing)] + closing

    _extract_once(run_on(5_000))
    ratio = _best_of_3(run_on(80_000)) / _best_of_3(run_on(20_000))
    assert ratio < 6, f"4x the text took {ratio:.1f}x the time"
