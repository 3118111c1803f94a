"""`skywatch eval`: measure extraction against labelled cases and hand-labelled articles.

Cases are JSON Lines of `{"id", "text", "labels": {...}, "negative"?, "derived"?}` (the
format of the team's dev set); a gold file lists every event of whole articles with
`event_type`, `weapon`, `country`, `admin1`, `counts` and `traps`. The pipeline runs on the
texts through the real job, then each metric is counted as hits/total with its misses:

- detect: a labelled event has a claim of its class (ACLED sub-event types through
  `acled_sub_event_type`; interception, drone_attack, missile_attack, power_outage);
- country / admin1: one of those claims is in the labelled country / region (ISO codes);
- settlement: one of those claims resolved to the labelled settlement (ACLED's `location`),
  that is to a place one of whose gazetteer spellings is the label's (needs resolve.claims);
- counts: every positive count of the label is among the claims' (kind, value) pairs;
- count_precision: every extracted number of a kind the label knows is one of its numbers;
- per_region: every labelled (region, drones destroyed) pair is a claim's;
- negatives_clean: a text with no air-war event gets no attack or interception claim.

Label regions are names ("Belgorod", "Kyiv City"); they are read with the project's own
place matcher, so any spelling the gazetteer knows is accepted.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from skywatch.gazetteer import build_aliases, normalise_alias
from skywatch.places import find_places

DRONE_LIKE = {"drone", "naval_drone", "aircraft", "glide_bomb"}
MISSILE_LIKE = {"missile", "ballistic_missile", "cruise_missile", "rocket", "artillery"}
ACLED_CLASSES = {"Air/drone strike", "Shelling/artillery/missile attack", "Disrupted weapons use"}
PAGE_CLASSES = {"interception", "drone_attack", "missile_attack", "power_outage"}
COUNT_KINDS = ("drones_destroyed", "drones_launched", "missiles_destroyed", "missiles_launched",
               "killed", "injured", "buildings_damaged", "people_without_power")
COUNTRIES = {"russia": "RU", "ukraine": "UA", "belarus": "BY"}


@dataclass
class Metric:
    hit: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, label: str) -> None:
        self.total += 1
        self.hit += bool(ok)
        if not ok:
            self.misses.append(label)

    @property
    def rate(self) -> float | None:
        return self.hit / self.total if self.total else None


class Report(dict):
    """metric name → Metric, in the order first counted."""

    def metric(self, name: str) -> Metric:
        return self.setdefault(name, Metric())

    def lines(self, max_misses: int = 15) -> list[str]:
        out = []
        for name, m in self.items():
            rate = f"{m.rate:.3f}" if m.rate is not None else "  -  "
            out.append(f"{name:18s} {m.hit:4d}/{m.total:<4d} {rate}")
        for name, m in self.items():
            if m.misses:
                shown = ", ".join(m.misses[:max_misses])
                more = f" (+{len(m.misses) - max_misses} more)" if len(m.misses) > max_misses else ""
                out.append(f"misses {name}: {shown}{more}")
        return out

    def as_json(self) -> dict:
        return {k: {"hit": m.hit, "total": m.total, "rate": m.rate, "misses": m.misses}
                for k, m in self.items()}


def family(case_id: str) -> str:
    """The source family of a case id: its leading parts without digits.

    `acled-B-UKR147481` → `acled-B`, `page-h-026` → `page-h`, `page-007` → `page`.
    """
    parts = case_id.split("-")
    kept = []
    for part in parts:
        if any(ch.isdigit() for ch in part):
            break
        kept.append(part)
    return "-".join(kept) or case_id


def family_lines(cases: list[dict], claims: dict[str, list[dict]]) -> list[str]:
    """A table of every case metric per source family (the rows `skywatch eval` prints)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        groups[family(case["id"])].append(case)
    reports = {name: score_cases(group, claims, Report()) for name, group in sorted(groups.items())}
    metrics = list(dict.fromkeys(m for r in reports.values() for m in r))
    header = "family" + "".join(f" | {m}" for m in metrics)
    out = [f"per family ({len(cases)} cases)", header]
    for name, report in reports.items():
        cells = []
        for metric in metrics:
            m = report.get(metric)
            cells.append(f"{m.hit}/{m.total}" if m and m.total else "-")
        out.append(f"{name} ({len(groups[name])})" + "".join(f" | {c}" for c in cells))
    return out


# --- reading the warehouse ----------------------------------------------------------------------

def load_claims(con: duckdb.DuckDBPyConnection, day: date | None = None) -> dict[str, list[dict]]:
    """Claims per article with their (kind, value) pairs, from resolve.* or else extract.*.

    With `day`, a day whose run did not pass its gates is read from its drafts (what the run
    wrote, `skywatch.publish`), so a failed gate gives partial scores rather than none.
    """
    from skywatch.publish import drafted_tables, staged

    drafts = drafted_tables(con, day) if day else set()
    tables = {f"{s}.{t}" for s, t in con.execute(
        "select table_schema, table_name from information_schema.tables").fetchall()} | drafts
    stage = "resolve" if "resolve.claims" in tables else "extract"
    place = "place_id" if stage == "resolve" else "null"

    def read(sql: str) -> str:
        return staged(con, sql, day) if day else sql

    rows = con.execute(read(
        f"select claim_id, article_id, event_type, weapon, effects, country_code, admin1_code, "
        f"scope, acled_sub_event_type, {place} from {stage}.claims")).fetchall()
    quantities = defaultdict(list)
    sql = read(f"select claim_id, kind, value from {stage}.claim_quantities")
    for cid, kind, value in con.execute(sql).fetchall():
        quantities[cid].append((kind, value))
    names = ["claim_id", "article_id", "event_type", "weapon", "effects", "country_code",
             "admin1_code", "scope", "acled_sub_event_type", "place_id"]
    per_article: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        claim = dict(zip(names, row, strict=True))
        claim["effects"] = list(claim["effects"] or [])
        claim["quantities"] = quantities.get(claim["claim_id"], [])
        per_article[claim["article_id"]].append(claim)
    return per_article


# --- classes and regions ------------------------------------------------------------------------

def case_class(case: dict) -> str | None:
    """The class a labelled case is scored on, or None when it is not an air-war event."""
    if case.get("negative"):
        return None
    labels = case["labels"]
    if case["id"].startswith("acled"):
        sub = labels.get("sub_event_type")
        # ACLED files defusals and seizures under "Disrupted weapons use" too: not air-war events.
        if sub == "Disrupted weapons use" and not case["text"].lower().startswith("interception"):
            return None
        return sub if sub in ACLED_CLASSES else None
    event_type = labels.get("event_type")
    return event_type if event_type in PAGE_CLASSES else None


def claim_has_class(claim: dict, cls: str) -> bool:
    event, weapon = claim["event_type"], claim["weapon"]
    if cls in ("interception", "Disrupted weapons use"):
        return event == "interception"
    if cls == "drone_attack":
        return event == "attack" and weapon in DRONE_LIKE | {"unknown", None}
    if cls == "missile_attack":
        return event == "attack" and weapon in MISSILE_LIKE | {"unknown", None}
    if cls == "power_outage":
        return "power_outage" in claim["effects"]
    if cls == "Air/drone strike":
        return claim["acled_sub_event_type"] == cls or (event == "attack" and weapon in DRONE_LIKE)
    if cls == "Shelling/artillery/missile attack":
        return claim["acled_sub_event_type"] == cls or (event == "attack" and weapon in MISSILE_LIKE)
    return False


@functools.cache
def _spellings() -> dict[str, frozenset[str]]:
    grouped = build_aliases().group_by("place_id").agg("alias_norm")
    return {pid: frozenset(names) for pid, names in grouped.iter_rows()}


def place_spellings(place_id: str | None) -> frozenset[str]:
    """Every normalised spelling the gazetteer has for a place."""
    return _spellings().get(place_id or "", frozenset())


def region_codes(name: str | None) -> set[str]:
    """ISO 3166-2 codes a labelled region name may stand for ("Moscow" is city or oblast)."""
    if not name:
        return set()
    name = name.strip()
    if len(name) >= 4 and name[2] == "-" and name[:2].isupper():
        return {name}
    phrase = name if any(w in name.lower() for w in ("oblast", "region", "krai", "republic", "city")) \
        else f"{name} Oblast"
    codes = {p.admin1_code for text in (phrase, name) for p in find_places(text)
             if p.admin1_code and p.start == 0}
    if "UA-43" in codes:
        codes.add("UA-40")  # ACLED's "Crimea" covers Sevastopol, the city region inside it
    return codes


# --- scoring --------------------------------------------------------------------------------------

def _label_counts(case: dict) -> dict[str, int]:
    counts = dict(case["labels"].get("counts") or {})
    counts.update((case.get("derived") or {}).get("counts") or {})
    return counts


def score_cases(cases: list[dict], claims: dict[str, list[dict]], report: Report) -> Report:
    resolved = any(c["place_id"] for found in claims.values() for c in found)  # resolve stage ran
    for case in cases:
        cid, labels = case["id"], case["labels"]
        found = claims.get(cid, [])
        if case.get("negative"):
            report.metric("negatives_clean").add(
                not any(c["event_type"] in ("attack", "interception") for c in found), cid)
            continue
        cls = case_class(case)
        if cls is None:
            continue
        hits = [c for c in found if claim_has_class(c, cls)]
        report.metric("detect").add(bool(hits), cid)
        country = COUNTRIES.get((labels.get("country") or "").split(" (")[0].lower())
        if country:
            report.metric("country").add(any(c["country_code"] == country for c in hits), cid)
        accepted = region_codes(labels.get("admin1"))
        if accepted:
            report.metric("admin1").add(any(c["admin1_code"] in accepted for c in hits), cid)
        location = labels.get("location")
        if location and resolved:
            wanted = normalise_alias(location)
            report.metric("settlement").add(
                any(wanted in place_spellings(c["place_id"]) for c in hits), f"{cid}:{location}")
        counts = _label_counts(case)
        pairs = {(k, v) for c in found for k, v in c["quantities"]}
        for kind in COUNT_KINDS:
            value = counts.get(kind)
            if isinstance(value, int) and value > 0:
                report.metric("counts").add((kind, value) in pairs, f"{cid}:{kind}={value}")
        known: dict[str, set[int]] = defaultdict(set)
        for kind, value in counts.items():
            if isinstance(value, int):
                known[kind].add(value)
        for part in labels.get("per_region") or []:
            for kind, value in part.items():
                if isinstance(value, int):
                    known[kind].add(value)
        for kind, value in sorted(pairs):
            if kind in known:
                report.metric("count_precision").add(value in known[kind], f"{cid}:{kind}={value}")
        for part in labels.get("per_region") or []:
            value, accepted = part.get("drones_destroyed"), region_codes(part.get("admin1"))
            if isinstance(value, int) and accepted:
                ok = any(c["admin1_code"] in accepted and ("drones_destroyed", value) in c["quantities"]
                         for c in found)
                report.metric("per_region").add(ok, f"{cid}:{part.get('admin1')}={value}")
    return report


def _matches_event(claim: dict, event: dict) -> bool:
    return (claim["event_type"] == event["event_type"]
            and (not event.get("admin1") or not claim["admin1_code"]
                 or claim["admin1_code"] == event["admin1"])
            and (not event.get("country") or not claim["country_code"]
                 or claim["country_code"] == event["country"]))


def score_gold(gold: dict, claims: dict[str, list[dict]], prefix: str, report: Report) -> Report:
    """Whole articles: every claim stands for a gold event; every required event is found."""
    for article, spec in gold["articles"].items():
        found, events = claims.get(article, []), spec["events"]
        for c in found:
            report.metric(f"{prefix}_precision").add(
                any(_matches_event(c, e) for e in events),
                f"{article}:{c['event_type']}:{c['country_code']}:{c['admin1_code']}")
        for i, event in enumerate(events):
            if event.get("background") or event.get("optional"):
                continue
            tag = f"{article}#{i}"
            same = [c for c in found if c["event_type"] == event["event_type"]]
            report.metric(f"{prefix}_events").add(bool(same), tag)
            if event.get("admin1"):
                report.metric(f"{prefix}_admin1").add(
                    any(c["admin1_code"] == event["admin1"] for c in same), tag)
            for kind, value in (event.get("counts") or {}).items():
                if value:
                    report.metric(f"{prefix}_counts").add(
                        any((kind, value) in c["quantities"] for c in found), f"{tag}:{kind}={value}")
        traps = spec.get("traps", {})
        if "drones_destroyed_only" in traps:
            allowed = set(traps["drones_destroyed_only"]) | set(traps.get("drones_destroyed_tolerated", []))
            values = {v for c in found for k, v in c["quantities"] if k == "drones_destroyed"}
            report.metric(f"{prefix}_traps").add(values <= allowed,
                                                 f"{article}:drones_destroyed={sorted(values - allowed)}")
        if "unresolved_below_country" in traps:
            country = traps["unresolved_below_country"]
            wrong = [c["admin1_code"] for c in found if c["country_code"] == country and c["admin1_code"]]
            report.metric(f"{prefix}_traps").add(not wrong, f"{article}:{country} admin1 {wrong}")
    return report


# --- inputs for the pipeline ----------------------------------------------------------------------

def write_cases_jsonl(cases: list[dict], path: Path) -> None:
    """The cases as pipeline input: one article per case, its id kept."""
    with path.open("w") as out:
        for case in cases:
            out.write(json.dumps({"id": case["id"], "text": case["text"]}) + "\n")


def gold_texts_dir(gold_path: Path) -> Path:
    """Where a gold file's article texts are: an `articles/` folder beside it, else its folder."""
    beside = gold_path.parent / "articles"
    return beside if beside.is_dir() else gold_path.parent


def _publication_dates(texts_dir: Path) -> dict[str, str]:
    """Article id → publication date, from a `sources.jsonl` ({"file", "date"}) when present."""
    sources = texts_dir / "sources.jsonl"
    if not sources.exists():
        return {}
    rows = [json.loads(line) for line in sources.open() if line.strip()]
    return {Path(r["file"]).stem: r["date"] for r in rows if r.get("file") and r.get("date")}


def write_gold_texts_jsonl(gold: dict, texts_dir: Path, path: Path) -> None:
    """The gold file's articles as pipeline input: `<article id>.txt` in `texts_dir`."""
    from skywatch.ingest import split_title

    dates = _publication_dates(texts_dir)
    with path.open("a") as out:
        for article in gold["articles"]:
            source = texts_dir / f"{article}.txt"
            if not source.exists():
                raise FileNotFoundError(f"no text for gold article {article}: {source}")
            title, body = split_title(source.read_text())
            row = {"id": article, "title": title, "text": body, "published_at": dates.get(article)}
            out.write(json.dumps(row) + "\n")
