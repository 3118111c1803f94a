"""Extraction: news sentences in, claims (what happened or was stopped, with what, where, when, how
many, who says so) out. `skywatch.extract` is the public face; these modules are its steps, one
responsibility each, so a rule can be read (and changed) next to the few rules it depends on:

- `relevance`: the vectorised filter that keeps sentences about weapons and strikes;
- `classify`: the weapon, target, effects and attacker a sentence names;
- `place_context`: which place phrases are places (not governments, time zones or seas);
- `counting`: the counted phrases of a sentence beyond `numbers` (anaphora, "a drone", "both");
- `facts`: all of the above for one sentence (`Facts`);
- `quantities`: which count kind a number fills, one figure per kind;
- `claim`: the `Claim` record, the `RULES` that make claims, and finding earlier claims;
- `breakdowns`, `attacks`: claims of one sentence whose numbers are split over places;
- `claims`: `article_claims`, the passes that turn an article's facts into claims;
- `restatements`: folding a claim into an earlier one it restates;
- `rows`, `people`, `batch`: output rows, people named, and the batch run (workers, quarantine);
- `version`: `EXTRACTOR_VERSION`, a hash over all of these modules and the rule data.

No Dagster here.
"""
