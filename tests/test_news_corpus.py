"""The bench corpus generator (bench/news_corpus.py): deterministic, the asked war share, whole
articles, retellings and re-posts, and prose the extractor reads claims from (filler gives none).

Small corpora only: the generator is pure Python and a few hundred articles take a fraction of a
second; the extraction test runs extract_batch over 60 articles.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from news_corpus import NewsArticle, frames, generate, write_landing  # noqa: E402


def test_same_arguments_give_the_same_text_and_another_seed_another():
    first, again = generate(80, 0.3, seed=11), generate(80, 0.3, seed=11)
    assert first == again
    other = generate(80, 0.3, seed=12)
    assert [a.text for a in other] != [a.text for a in first]
    assert sum(a.text != b.text for a, b in zip(first, other, strict=True)) > 70


def test_text_does_not_depend_on_hash_randomisation():
    """Byte-identical in other processes with other hash seeds: no set order, clock or hash()."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import hashlib; from news_corpus import generate; "
            "print(hashlib.sha256('\\x00'.join(a.title + a.text + a.source + a.published_at.isoformat() "
            "for a in generate(60, 0.5, seed=3)).encode()).hexdigest())")
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", code, str(BENCH)], env=env, capture_output=True,
                              text=True, check=True)
        outputs.add(done.stdout.strip())
    here = hashlib.sha256("\x00".join(a.title + a.text + a.source + a.published_at.isoformat()
                                      for a in generate(60, 0.5, seed=3)).encode()).hexdigest()
    assert outputs == {here}


@pytest.mark.parametrize("share", [0.0, 0.1, 0.35, 1.0])
def test_war_share_is_respected(share):
    articles = generate(200, share, seed=5)
    topics = Counter(a.topic for a in articles)
    assert len(articles) == 200
    assert topics["air_war"] == round(200 * share)
    assert all(a.war == (a.topic == "air_war") for a in articles)


def test_hard_negatives_are_a_share_of_the_non_war_part():
    topics = Counter(a.topic for a in generate(400, 0.5, seed=5, hard_negative_share=0.1))
    assert topics == {"air_war": 200, "hard_negative": 20, "general": 180}


def test_out_of_range_share_is_an_error():
    with pytest.raises(ValueError):
        generate(10, 1.5)


def test_every_article_is_whole():
    articles = generate(300, 0.3, seed=9)
    assert len({a.article_id for a in articles}) == 300
    for a in articles:
        assert a.title.strip() and a.text.strip() and a.source
        assert "{" not in a.text and "}" not in a.text and "{" not in a.title, a.article_id
    lengths = [len(a.text.split()) for a in articles]
    assert min(lengths) >= 250 and max(lengths) <= 1000
    assert max(lengths) - min(lengths) > 300  # lengths vary
    not_copies = [a.text for a in articles if a.variant != "copy"]
    assert len(set(not_copies)) == len(not_copies)  # only exact copies repeat a text
    kinds = {a.kind for a in articles}
    assert {"ru_mod", "ua_air_force", "weather", "sports", "business", "culture", "local_politics"} <= kinds


def test_war_part_has_retellings_and_near_duplicates():
    articles = generate(120, 1.0, seed=4)
    variants = Counter(a.variant for a in articles)
    assert variants["retelling"] >= 10 and variants["near_duplicate"] + variants["copy"] >= 3
    by_story: dict[str, list[NewsArticle]] = {}
    for a in articles:
        by_story.setdefault(a.story, []).append(a)
    for a in articles:
        if a.variant != "retelling":
            continue
        original = next(o for o in by_story[a.story] if o.variant == "original")
        # the same facts in other words: same kind of story, another outlet, later, other text
        assert a.kind == original.kind and a.source != original.source
        assert a.published_at >= original.published_at and a.text != original.text
    for a in articles:
        if a.variant == "near_duplicate":
            source = [o for o in by_story[a.story] if o.variant != "near_duplicate"]
            assert source and a.title not in {o.title for o in source}


def test_frames_and_landing_have_the_shapes_the_benches_read(tmp_path):
    from skywatch.ingest import ingest_path

    articles = generate(30, 0.5, seed=2)
    arts, sentences = frames(articles)
    assert arts.columns == ["article_id", "published_at", "arrival_date", "text"]
    assert sentences.columns == ["article_id", "sentence_index", "start", "end", "text"]
    assert arts.height == sum(a.variant != "copy" for a in articles)
    texts = dict(zip(arts["article_id"], arts["text"], strict=True))
    for row in sentences.head(200).iter_rows(named=True):
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]
    write_landing(tmp_path / "2026-11-01", articles)
    result = ingest_path(tmp_path / "2026-11-01")
    assert result.rejected.height == 0 and result.articles.height == 30
    assert set(result.articles["article_id"]) == {a.article_id for a in articles}


def test_prose_exercises_the_extractor_and_filler_yields_no_claims():
    from skywatch.extract import extract_batch

    articles = generate(60, 40 / 60, seed=7, hard_negative_share=0.0)
    arts, sentences = frames(articles, copies=True)
    result = extract_batch(arts, sentences)
    claims = Counter(result.claims["article_id"].to_list())
    war = [a for a in articles if a.war]
    filler = [a for a in articles if a.topic == "general"]
    assert len(war) == 40 and len(filler) == 20
    with_claims = sum(claims[a.article_id] > 0 for a in war)
    assert with_claims >= 0.8 * len(war), with_claims
    assert not [a.article_id for a in filler if claims[a.article_id]]
    assert set(result.claims["event_type"]) >= {"interception", "attack"}
