from datetime import date

import polars as pl

from skywatch.dedup import mark_duplicates
from skywatch.text import split_sentences

STORY = [
    "Air defence units destroyed eleven drones over the Bryansk Region during the night.",
    "The regional governor said debris fell on the roof of a warehouse near the railway station.",
    "Emergency crews put out a small fire and nobody was hurt in the incident, officials added.",
    "Power lines in two villages were damaged and repair teams were sent in the morning.",
    "Schools in the district will hold lessons online until the end of the week, he wrote.",
]
OTHER = [
    "Heavy snow closed the highway between Tula and Kaluga for most of Sunday afternoon.",
    "Road services sent forty snowploughs and asked drivers to postpone their journeys.",
    "Forecasters expect temperatures to fall to minus fifteen degrees by Tuesday night.",
]


def _frames(rows):
    articles = pl.DataFrame(rows, schema={"article_id": pl.String, "arrival_date": pl.Date,
                                          "published_at": pl.Datetime("us"), "text": pl.String},
                            orient="row")
    sentences = pl.DataFrame(
        [(aid, s) for aid, _, _, text in rows for _, _, s in split_sentences(text)],
        schema={"article_id": pl.String, "text": pl.String}, orient="row")
    return articles, sentences


def _marks(rows):
    marks = mark_duplicates(*_frames(rows))
    return {r["article_id"]: (r["duplicate_of"], r["duplicate_kind"])
            for r in marks.iter_rows(named=True)}


def test_exact_and_near_duplicates_point_at_the_first_article():
    story = " ".join(STORY)
    reposted = " ".join(["Ukrainian drones were shot down over Bryansk overnight, Moscow said.",
                         *STORY[1:]])
    rows = [
        ("original", date(2026, 11, 18), None, story),
        ("copy", date(2026, 11, 19), None, story.replace("  ", " ") + " "),  # exact, spacing aside
        ("repost", date(2026, 11, 19), None, reposted),                     # first sentence changed
        ("unrelated", date(2026, 11, 18), None, " ".join(OTHER)),
    ]
    assert _marks(rows) == {
        "original": (None, None),
        "copy": ("original", "exact"),
        "repost": ("original", "near"),
        "unrelated": (None, None),
    }


def test_same_topic_different_wording_is_not_a_duplicate():
    rows = [
        ("a", date(2026, 11, 18), None, " ".join(STORY)),
        ("b", date(2026, 11, 18), None,
         "Eleven drones were destroyed over Bryansk, the governor said. Debris hit a warehouse. "
         "A fire was put out and there were no casualties. Lessons moved online."),
    ]
    assert _marks(rows) == {"a": (None, None), "b": (None, None)}


def test_chains_resolve_to_the_root():
    story = " ".join(STORY)
    rows = [
        ("first", date(2026, 11, 17), None, story),
        ("second", date(2026, 11, 18), None, "A new lead sentence was written here today. "
         + " ".join(STORY[1:])),
        ("third", date(2026, 11, 19), None, "Yet another lead sentence, different again. "
         + " ".join(STORY[1:])),
    ]
    marks = _marks(rows)
    assert marks["second"] == ("first", "near") and marks["third"] == ("first", "near")


def test_hashing_text_in_slices_marks_the_same_duplicates(monkeypatch):
    """Text is hashed a few megabytes at a time to bound memory; slices of any size, down to one
    row, must give the same marks and content hashes as one pass over the whole day."""
    from skywatch import dedup

    story, other = " ".join(STORY), " ".join(OTHER)
    reposted = "Moscow said eleven drones fell overnight near Bryansk. " + " ".join(STORY[1:])
    rows = [("a1", date(2026, 11, 20), None, story), ("a2", date(2026, 11, 20), None, other),
            ("a3", date(2026, 11, 21), None, reposted), ("a4", date(2026, 11, 21), None, story),
            ("a5", date(2026, 11, 19), None, "Дрони 7th \u00a0" + other),
            ("a6", date(2026, 11, 22), None, "")]
    articles, sentences = _frames(rows)
    whole = mark_duplicates(articles, sentences).sort("article_id")
    for budget in (1, 40, 300):
        monkeypatch.setattr(dedup, "HASH_SLICE_BYTES", budget)
        assert mark_duplicates(articles, sentences).sort("article_id").equals(whole)
    assert _marks(rows)["a4"] == ("a1", "exact") and _marks(rows)["a3"][0] == "a1"
    assert mark_duplicates(articles.head(0), sentences.head(0)).is_empty()


def test_earlier_days_by_their_stored_hashes_mark_as_their_text_did():
    """Other days of the duplicate window take part by their stored content hashes and their
    sentences' hashes, never their text: the day's marks are those of one pass over all the text."""
    from skywatch.dedup import sentence_hashes

    story, other = " ".join(STORY), " ".join(OTHER)
    reposted = "A different first sentence about the same night was written here. " + " ".join(STORY[1:])
    earlier_rows = [("e1", date(2026, 11, 10), None, story), ("e2", date(2026, 11, 11), None, other),
                    ("e3", date(2026, 11, 12), None, "Lead changed once more for this copy of it. "
                     + " ".join(STORY[1:]))]
    day_rows = [("d1", date(2026, 11, 20), None, story), ("d2", date(2026, 11, 20), None, reposted),
                ("d3", date(2026, 11, 20), None, "Nothing like anything else was said today at all.")]
    all_articles, all_sentences = _frames(earlier_rows + day_rows)
    together = mark_duplicates(all_articles, all_sentences)
    earlier_articles, earlier_sentences = _frames(earlier_rows)
    stored = earlier_articles.drop("text").join(together.select("article_id", "content_hash"),
                                                on="article_id")
    day = mark_duplicates(*_frames(day_rows), stored, sentence_hashes(earlier_sentences))
    assert day.sort("article_id").equals(together.sort("article_id"))
    marks = {r["article_id"]: (r["duplicate_of"], r["duplicate_kind"]) for r in day.iter_rows(named=True)}
    assert marks["d1"] == ("e1", "exact") and marks["d2"] == ("e1", "near") and marks["d3"] == (None, None)
    # hashed a batch at a time, the earlier sentences give the same hashes
    batches = [earlier_sentences.slice(i, 2) for i in range(0, earlier_sentences.height, 2)]
    assert sentence_hashes(batches).equals(sentence_hashes(earlier_sentences))
    assert sentence_hashes([]).schema == sentence_hashes(earlier_sentences.head(0)).schema
