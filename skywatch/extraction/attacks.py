"""Attack claims of one sentence: one per struck place; when the sentence lists places and gives
numbers it does not split, a total for the list and a part, without figures, per place.
"""

from __future__ import annotations

from skywatch.extraction.claim import Claim, new_claim
from skywatch.extraction.facts import Facts
from skywatch.extraction.place_context import LIST_GAP, qualifier_indexes
from skywatch.extraction.quantities import quantities_of
from skywatch.places import PlaceMatch


def _listed_with(facts: Facts, place: PlaceMatch | None) -> list[PlaceMatch]:
    """"Strikes hit Sumy, Kharkiv, Dnipro and Odesa": the other regions of the list `place` is in,
    one attack claim each (`attack_claims` decides where the sentence's numbers go)."""
    if place is None or place.admin1_code is None:
        return []
    qualifiers = qualifier_indexes(facts.places, facts.text)  # "Petrivka, Odesa region" is one place
    places = [p for i, p in enumerate(facts.places)
              if p.kind in ("settlement", "admin1", "admin2") and i not in qualifiers]
    if place not in places:
        return []
    i = places.index(place)
    start = i
    while start > 0 and LIST_GAP.match(facts.text[places[start - 1].end:places[start].start]):
        start -= 1
    end = i
    while end + 1 < len(places) and LIST_GAP.match(facts.text[places[end].end:places[end + 1].start]):
        end += 1
    seen = {place.admin1_code}
    out = []
    for p in places[start:end + 1]:
        if p.admin1_code and p.admin1_code not in seen:
            seen.add(p.admin1_code)
            out.append(p)
    return out


def attack_claims(article_id: str, facts: Facts, context: str, place: PlaceMatch | None,
                  last_place: PlaceMatch | None, last_offset: int) -> list[Claim]:
    """One attack claim per struck place. When the sentence lists several places and gives
    numbers it does not split ("three civilians died in strikes that hit Poltava, Sumy and
    Odesa"), the numbers go to a `total` for the whole list (its country, when the
    sentence names one) and each place is a `part` without figures, as for interceptions."""
    quantities = quantities_of(facts, "attack", facts.counted)
    others = _listed_with(facts, place)
    if not (others and quantities):
        first = new_claim(article_id, facts, "attack", context, place=place or last_place,
                          rule="attack.sentence", quantities=quantities,
                          place_offset=None if place else last_offset)
        return [first, *(new_claim(article_id, facts, "attack", context, place=o, rule="attack.listed_place")
                         for o in others)]
    listed = (place, *others)
    countries = {p.country_code for p in listed}
    # The country the places are in ("Russia launched ... at Ukraine, targeting Sumy": not Russia).
    country = next((p for p in facts.places if p.kind == "country" and {p.country_code} == countries), None)
    total = new_claim(article_id, facts, "attack", context, place=country, scope="total",
                      rule="attack.listed_total", quantities=quantities)
    if country is None and len(countries) == 1:
        total.country_without_place = next(iter(countries))
    parts = [new_claim(article_id, facts, "attack", context, place=p, scope="part",
                       rule="attack.listed_part") for p in listed]
    for part in parts:
        part.parent = total
    return [total, *parts]
